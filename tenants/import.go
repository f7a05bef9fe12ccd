package tenants

import (
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants/sheet"
)

// Imports bring the centre's old spreadsheet in, all or nothing: a file is
// checked row by row with the same rules as the desk (tenure, eligibility,
// re-entry, free units), and either every row is written or none is,
// however large the file (store.Bulk). A file is known by its SHA-256: the
// same file twice is refused, never counted twice. The actor of an import
// needs staff.PermTenancy.

// importRecord remembers an imported file.
type importRecord struct {
	What string    `json:"what"` // leases or payments
	Rows int       `json:"rows"`
	At   time.Time `json:"at"`
}

func importKey(sum string) []byte { return store.Key("import", sum) }

func checkNotImported(tx *store.Txn, sum string) error {
	var rec importRecord
	err := tx.Get(importKey(sum), &rec)
	if errors.Is(err, store.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	return errs.New(CodeAlreadyImported, rec.At.In(seoul.Location).Format("2006-01-02 15:04"))
}

func rowError(line int, err error) error {
	var e *errs.Error
	if errors.As(err, &e) {
		return errs.New(CodeImportRow, line, e)
	}
	return err
}

// ImportLeases stores the leases of a leases.csv (rows from sheet) whose
// SHA-256 is sum. A row that continues the same company's lease of the same
// unit from the next day is an extension of it; a row spanning several
// terms is a move-in and its extensions.
func (s *Service) ImportLeases(actor store.Actor, rows []sheet.LeaseRow, sum string) (int, error) {
	now := s.Now()
	err := s.db.Bulk(actor, "import.leases", "leases-"+sum[:16], func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermTenancy); err != nil {
			return err
		}
		if err := checkNotImported(tx, sum); err != nil {
			return err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := importLease(tx, r, st, now); err != nil {
				return rowError(r.Line, err)
			}
		}
		tx.Note("leases file %s: %d rows", sum[:16], len(rows))
		return tx.Put(importKey(sum), importRecord{What: "leases", Rows: len(rows), At: now})
	})
	return len(rows), err
}

func importLease(tx *store.Txn, r sheet.LeaseRow, st Settings, now time.Time) error {
	u, err := getUnit(tx, r.Unit)
	if err != nil {
		return err
	}
	if string(u.Kind) != r.Kind {
		return errs.New(CodeKindMismatch, u.ID, u.Kind, r.Kind)
	}
	start, end := seoul.Midnight(r.Start), seoul.Midnight(r.End)
	if !start.Before(seoul.Midnight(now).AddDate(1, 0, 1)) {
		return errs.New(CodeFutureDate, start.Format("2006-01-02"))
	}
	m := MoveIn{Unit: u.ID, Company: r.Tenant, BRN: r.BRN, Representative: r.Representative, Phone: r.Phone,
		BirthDate: r.BirthDate, Start: start, End: earlierOf(end, termEnd(start, st.TermMonths)),
		MonthlyRent: r.MonthlyRent, ManagementFee: r.ManagementFee, Deposit: r.Deposit}
	l, err := newLease(m, u, st, now)
	if err != nil {
		return err
	}
	// The same company's lease of this unit up to the day before: this row
	// is its extension.
	if prev, ok, err := leaseOn(tx, u.ID, start.AddDate(0, 0, -1)); err != nil {
		return err
	} else if ok && prev.MovedOut.IsZero() && prev.End.Equal(start.AddDate(0, 0, -1)) && sameCompany(prev, l) {
		l = prev
	}
	// Terms after the first, one TermMonths each, up to the row's end.
	for !l.End.Equal(end) {
		if l.End.After(end) {
			return errs.New(CodeDates)
		}
		next := l.End.AddDate(0, 0, 1)
		tEnd := earlierOf(termEnd(next, st.TermMonths), end)
		if maxMonths := st.MaxTenureMonths(l.Kind); maxMonths > 0 && tEnd.After(termEnd(l.Start, maxMonths)) {
			limit := termEnd(l.Start, maxMonths)
			return errs.New(CodeMaxTenure, maxMonths, l.Start.Format("2006-01-02"), limit.Format("2006-01-02"))
		}
		l.End = tEnd
		l.MonthlyRent, l.ManagementFee = r.MonthlyRent, r.ManagementFee
		l.Terms = append(l.Terms, Term{Start: next, End: tEnd, Extension: true, MonthlyRent: r.MonthlyRent, ManagementFee: r.ManagementFee})
	}
	if !r.MovedOut.IsZero() {
		mo := seoul.Midnight(r.MovedOut)
		if mo.Before(l.Start) || mo.After(l.End.AddDate(0, 0, 1)) {
			return errs.New(CodeMoveOutDate, l.End.AddDate(0, 0, 1).Format("2006-01-02"))
		}
		l.MovedOut = mo
	}
	if l.ID != leaseID(u.ID, start) { // an extension of prev
		if err := checkFree(tx, l, ""); err != nil {
			return err
		}
		return putLease(tx, l)
	}
	return insertLease(tx, l, st)
}

func sameCompany(a, b Lease) bool {
	if a.BRN != "" || b.BRN != "" {
		return a.BRN == b.BRN
	}
	return strings.EqualFold(a.Tenant, b.Tenant)
}

// ImportPayments stores the payments of a payments.csv whose SHA-256 is
// sum: each goes to the lease holding its unit on its date (or the unit's
// last lease before it), in date order, and the ledger gets each payment's
// split on its date.
func (s *Service) ImportPayments(actor store.Actor, rows []sheet.PaymentRow, sum string) (int, error) {
	now := s.Now()
	err := s.db.Bulk(actor, "import.payments", "payments-"+sum[:16], func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermTenancy); err != nil {
			return err
		}
		if err := checkNotImported(tx, sum); err != nil {
			return err
		}
		byUnit, err := leasesByUnit(tx)
		if err != nil {
			return err
		}
		ids, err := reservePaymentIDs(tx, len(rows))
		if err != nil {
			return err
		}
		// Payments in date order (file order within a day) get their numbers
		// in that order, so the replay sees them as the desk would have.
		order := make([]int, len(rows))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return rows[order[a]].Date.Before(rows[order[b]].Date) })
		added := map[string][]Payment{}
		leases := map[string]Lease{}
		for n, i := range order {
			r := rows[i]
			day := seoul.Midnight(r.Date)
			if day.After(seoul.Midnight(now)) {
				return rowError(r.Line, errs.New(CodeFutureDate, day.Format("2006-01-02")))
			}
			if r.Amount <= 0 {
				return rowError(r.Line, errs.New(CodeAmount))
			}
			method, err := ParseMethod(r.Method)
			if err != nil {
				return rowError(r.Line, err)
			}
			l, ok := payeeIn(byUnit[strings.ToUpper(r.Unit)], day)
			if !ok {
				if _, err := getUnit(tx, r.Unit); err != nil {
					return rowError(r.Line, err)
				}
				return rowError(r.Line, errs.New(CodeNoLeaseOnDate, r.Unit, day.Format("2006-01-02")))
			}
			p := Payment{ID: ids[n], Lease: l.ID, Unit: l.Unit, Date: day, Amount: r.Amount, Method: method, At: now, Import: sum[:16]}
			if err := putPayment(tx, p); err != nil {
				return err
			}
			added[l.ID] = append(added[l.ID], p)
			leases[l.ID] = l
		}
		lids := make([]string, 0, len(leases))
		for id := range leases {
			lids = append(lids, id)
		}
		sort.Strings(lids)
		for _, id := range lids {
			if _, err := reconcile(tx, leases[id], added[id], now, "imp"+sum[:12]); err != nil {
				return err
			}
		}
		tx.Note("payments file %s: %d rows for %d leases", sum[:16], len(rows), len(leases))
		return tx.Put(importKey(sum), importRecord{What: "payments", Rows: len(rows), At: now})
	})
	return len(rows), err
}

// leasesByUnit loads every lease, by unit, in start order.
func leasesByUnit(tx *store.Txn) (map[string][]Lease, error) {
	out := map[string][]Lease{}
	err := tx.Scan(store.Prefix("lease"), func(_, v []byte) error {
		var l Lease
		if err := decodeJSON(v, &l); err != nil {
			return err
		}
		out[l.Unit] = append(out[l.Unit], l)
		return nil
	})
	for _, ls := range out {
		sort.Slice(ls, func(i, j int) bool { return ls[i].Start.Before(ls[j].Start) })
	}
	return out, err
}

// payeeIn is the lease of ls (one unit's, in start order) holding the unit
// on day, or else the last one that ended before it.
func payeeIn(ls []Lease, day time.Time) (Lease, bool) {
	var last Lease
	found := false
	for _, l := range ls {
		if l.Start.After(day) {
			break
		}
		last, found = l, true
	}
	return last, found
}
