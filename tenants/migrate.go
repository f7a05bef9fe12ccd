package tenants

import "github.com/yeongdeungpo/kiosk/internal/store"

// MigrateLeases brings the leases and units stored before the tenancy
// engine (schema 2) to today's form: each lease gets its unit's kind, its
// one term and its indexes; each unit the default terms of its kind.
func MigrateLeases(tx *store.Txn) error {
	units, err := listUnits(tx)
	if err != nil {
		return err
	}
	kinds := map[string]Kind{}
	for _, u := range units {
		kinds[u.ID] = u.Kind
		if u.MonthlyRent == 0 && u.ManagementFee == 0 && u.Deposit == 0 {
			if err := tx.Put(unitKey(u.ID), u.withDefaultTerms()); err != nil {
				return err
			}
		}
	}
	var leases []Lease
	err = tx.Scan(store.Prefix("lease"), func(_, v []byte) error {
		var l Lease
		if err := decodeJSON(v, &l); err != nil {
			return err
		}
		leases = append(leases, l)
		return nil
	})
	if err != nil {
		return err
	}
	for _, l := range leases {
		if l.Kind == "" {
			l.Kind = kinds[l.Unit]
		}
		if len(l.Terms) == 0 {
			l.Terms = []Term{{Start: l.Start, End: l.End, MonthlyRent: l.MonthlyRent, ManagementFee: l.ManagementFee}}
		}
		if err := putLease(tx, l); err != nil {
			return err
		}
	}
	tx.Note("%d leases brought to schema 2", len(leases))
	return nil
}
