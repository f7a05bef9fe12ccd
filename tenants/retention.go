package tenants

import (
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Purge destroys the personal data of tenants (the representative's name
// and phone, a youth founder's birth date and the key the re-entry ban knew
// them by) RetentionYears after their last day in the unit. The company,
// its BRN and the money stay: they are the centre's accounts. The audit
// entry, with counts only, is the destruction log. It returns how many
// leases it cleared. actor needs staff.PermTenancy.
func (s *Service) Purge(actor store.Actor) (int, error) {
	now := s.Now()
	var due []string
	err := s.db.View(func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermTenancy); err != nil {
			return err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		return tx.Scan(store.Prefix("lease"), func(_, v []byte) error {
			var l Lease
			if err := decodeJSON(v, &l); err != nil {
				return err
			}
			if purgeDue(l, st, now) {
				due = append(due, l.ID)
			}
			return nil
		})
	})
	if err != nil || len(due) == 0 {
		return 0, err
	}
	n := 0
	err = s.db.Update(actor, "tenants.purge", func(tx *store.Txn) error {
		n = 0
		if err := staff.Require(tx, actor, staff.PermTenancy); err != nil {
			return err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		for _, id := range due {
			l, err := getLease(tx, id)
			if err != nil {
				return err
			}
			if !purgeDue(l, st, now) {
				continue
			}
			if l.PersonKey != "" {
				if err := tx.Delete(personIndexKey(l.PersonKey, l.ID)); err != nil {
					return err
				}
			}
			l.Representative, l.Phone, l.BirthDate, l.PersonKey, l.PurgedAt = "", "", time.Time{}, "", now
			if err := tx.Put(leaseKey(l.ID), l); err != nil {
				return err
			}
			n++
		}
		tx.Note("personal data of %d tenants destroyed (retention %d years after moving out)", n, st.RetentionYears)
		return nil
	})
	return n, err
}

func purgeDue(l Lease, st Settings, now time.Time) bool {
	if l.Representative == "" && l.Phone == "" && l.BirthDate.IsZero() && l.PersonKey == "" {
		return false
	}
	return !seoul.Midnight(now).Before(l.LastDay().AddDate(st.RetentionYears, 0, 1))
}
