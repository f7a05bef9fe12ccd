package tenants

import (
	"sort"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/ledger"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Status is where a tenancy stands on a day.
type Status string

// Tenancy statuses.
const (
	StatusActive    Status = "active"
	StatusExpiring  Status = "expiring" // ends within ExpiringDays
	StatusArrears   Status = "arrears"  // something is past due
	StatusMovedOut  Status = "moved_out"
	StatusGraduated Status = "graduated"
)

// Tenancy is a lease with its status and money as of a day.
type Tenancy struct {
	Lease   Lease
	Status  Status
	Account Account
}

func statusOf(a Account, st Settings) Status {
	l, day := a.Lease, a.AsOf
	switch l.ExitOn(day, st) {
	case ExitGraduated:
		return StatusGraduated
	case ExitEarly, ExitExpired:
		return StatusMovedOut
	}
	// A tenancy both in arrears and expiring reads arrears; the units board
	// keeps both flags.
	switch {
	case inArrears(a):
		return StatusArrears
	case expiringOn(l, day, st):
		return StatusExpiring
	}
	return StatusActive
}

func tenancy(tx *store.Txn, l Lease, st Settings, day time.Time) (Tenancy, error) {
	pays, err := leasePayments(tx, l.ID)
	if err != nil {
		return Tenancy{}, err
	}
	a := account(l, pays, st, day)
	return Tenancy{Lease: l, Status: statusOf(a, st), Account: a}, nil
}

// Tenancies lists every lease, in layout order of their units and then by
// start, with its status and account on day.
func (s *Service) Tenancies(day time.Time) ([]Tenancy, error) {
	var out []Tenancy
	err := s.db.View(func(tx *store.Txn) error {
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		units, err := listUnits(tx)
		if err != nil {
			return err
		}
		for _, u := range units {
			err := scanUnitLeases(tx, u.ID, func(l Lease) error {
				t, err := tenancy(tx, l, st, day)
				out = append(out, t)
				return err
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// Tenancy is one lease's status and account on day.
func (s *Service) Tenancy(id string, day time.Time) (Tenancy, error) {
	var t Tenancy
	err := s.db.View(func(tx *store.Txn) error {
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		l, err := getLease(tx, id)
		if err != nil {
			return err
		}
		t, err = tenancy(tx, l, st, day)
		return err
	})
	return t, err
}

// Invoices lists the invoices issued by day, of one unit ("" for all), only
// those with something owed when open is set; by unit, then month.
func (s *Service) Invoices(unit string, open bool, day time.Time) ([]Invoice, error) {
	ts, err := s.Tenancies(day)
	if err != nil {
		return nil, err
	}
	var out []Invoice
	for _, t := range ts {
		if unit != "" && t.Lease.Unit != unit {
			continue
		}
		for _, inv := range t.Account.Invoices {
			if !open || inv.Open() > 0 {
				out = append(out, inv)
			}
		}
	}
	return out, nil
}

// Arrear is a lease with invoices past due.
type Arrear struct {
	Unit, Lease, Company string
	Open                 int64     // owed on the overdue invoices, late interest included
	LateInterest         int64     // of which late interest
	OldestDue            time.Time // the oldest unpaid due date
	Days                 int       // days since then
	// Bucket is the age: 0 (up to 30 days), 30, 60 or 90 (over 90).
	Bucket int
}

// Arrears lists the leases with something past due on day, oldest first.
func (s *Service) Arrears(day time.Time) ([]Arrear, error) {
	ts, err := s.Tenancies(day)
	if err != nil {
		return nil, err
	}
	var out []Arrear
	for _, t := range ts {
		od := t.Account.Overdue()
		if len(od) == 0 {
			continue
		}
		a := Arrear{Unit: t.Lease.Unit, Lease: t.Lease.ID, Company: t.Lease.Tenant, OldestDue: od[0].Due,
			Open: t.Account.OverdueOpen()}
		for _, inv := range od {
			a.LateInterest += inv.InterestOpen()
		}
		a.Days = daysBetween(a.OldestDue, seoul.Midnight(day))
		a.Bucket = AgeBucket(a.Days)
		out = append(out, a)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Days > out[j].Days })
	return out, nil
}

// AgeBucket ages an arrear of days: 0 up to 30 days, then 30, 60, and 90
// for more than 90.
func AgeBucket(days int) int {
	switch {
	case days > 90:
		return 90
	case days > 60:
		return 60
	case days > 30:
		return 30
	}
	return 0
}

// Figures are the tenancy side of a period's report.
type Figures struct {
	RentBilled, YouthRentBilled              int64 // incubator offices; youth desks
	RentCollected, YouthRentCollected        int64
	FeeBilled, FeeCollected                  int64
	LateInterest, DepositInterest            int64 // collected; earned
	MoveIns, Extensions, YouthMoveIns        int   // events inside the period
	Companies                                int   // distinct leases moved in or extended
	Incubators, YouthDesks, Agencies         int   // occupied on the last day
	RestorationCollected                     int64
	DepositInterestLines                     []InterestLine
	MonthlyRent, MonthlyFee, MonthlyInterest [12]int64 // collected by month (deposit interest by month earned)
	MonthlyYouthRent                         [12]int64 // youth desks' rent collected by month
}

// Figures works out the tenancy figures of from..to (dates, inclusive):
// rent and fees billed for the months issued inside it, collected inside
// it (from the ledger), late interest collected, deposit interest earned,
// move-ins and extensions starting inside it, and the units occupied on to.
// It reads the leases of the period's years and the ledger of the period
// only, so it does not grow with history.
func (s *Service) Figures(from, to time.Time) (Figures, error) {
	from, to = seoul.Midnight(from), seoul.Midnight(to)
	var f Figures
	err := s.db.View(func(tx *store.Txn) error {
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		kinds := map[string]Kind{}
		units, err := listUnits(tx)
		if err != nil {
			return err
		}
		for _, u := range units {
			kinds[u.ID] = u.Kind
		}
		err = leasesOfYears(tx, from, to, func(l Lease) error {
			addLease(&f, l, st, from, to)
			return nil
		})
		if err != nil {
			return err
		}
		dir, err := directory(tx, to)
		if err != nil {
			return err
		}
		for _, c := range countOccupancy(dir) {
			switch c.Kind {
			case KindIncubator:
				f.Incubators = c.Occupied
			case KindYouth:
				f.YouthDesks = c.Occupied
			case KindAgency:
				f.Agencies = c.Occupied
			}
		}
		return ledger.RangeOf(tx, from, to.AddDate(0, 0, 1), ledger.LeaseRefs, func(e ledger.Entry) error {
			m := int(e.At.In(seoul.Location).Month()) - 1
			youth := kinds[e.Unit] == KindYouth
			switch e.Kind {
			case ledger.Rent:
				if youth {
					f.YouthRentCollected += e.Amount
					f.MonthlyYouthRent[m] += e.Amount
				} else {
					f.RentCollected += e.Amount
					f.MonthlyRent[m] += e.Amount
				}
			case ledger.ManagementFee:
				f.FeeCollected += e.Amount
				f.MonthlyFee[m] += e.Amount
			case ledger.LateInterest:
				f.LateInterest += e.Amount
				f.MonthlyInterest[m] += e.Amount
			case ledger.Restoration:
				f.RestorationCollected += e.Amount
			}
			return nil
		})
	})
	return f, err
}

func addLease(f *Figures, l Lease, st Settings, from, to time.Time) {
	counted := false
	for _, t := range l.Terms {
		// 입주관리 counts the incubator's companies; youth founders are
		// counted on their own line, agencies are not companies.
		if l.Kind != KindIncubator || t.Start.Before(from) || t.Start.After(to) {
			continue
		}
		if t.Extension {
			f.Extensions++
		} else {
			f.MoveIns++
		}
		counted = true
	}
	if counted {
		f.Companies++
	}
	for _, inv := range schedule(l, st) {
		if inv.Month.IsZero() || inv.Issued.Before(from) || inv.Issued.After(to) {
			continue
		}
		if l.Kind == KindYouth {
			f.YouthRentBilled += inv.Rent
		} else {
			f.RentBilled += inv.Rent
		}
		f.FeeBilled += inv.Fee
	}
	for _, line := range DepositInterest(l, st, from, to) {
		f.DepositInterest += line.Amount
		f.MonthlyInterest[int(line.Month.Month())-1] += line.Amount
		f.DepositInterestLines = append(f.DepositInterestLines, line)
	}
}

// Ledger is the income ledger of from..to (dates, inclusive): the entries
// stored by the desk, bookings and imports, with the deposit interest lines
// the leases earned in the period (one per lease and month, dated the
// month's last day in the period), in date order.
func (s *Service) Ledger(from, to time.Time) ([]ledger.Entry, error) {
	from, to = seoul.Midnight(from), seoul.Midnight(to)
	var out []ledger.Entry
	err := s.db.View(func(tx *store.Txn) error {
		if err := ledger.Range(tx, from, to.AddDate(0, 0, 1), func(e ledger.Entry) error {
			out = append(out, e)
			return nil
		}); err != nil {
			return err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		return leasesOfYears(tx, from, to, func(l Lease) error {
			for _, line := range DepositInterest(l, st, from, to) {
				at := earlierOf(lastOfMonth(line.Month), to)
				out = append(out, ledger.Entry{Ref: ledger.LeaseRef(l.ID), ID: "depint-" + line.Month.Format("200601"),
					At: at, Kind: ledger.DepositInterest, Amount: line.Amount, Unit: l.Unit})
			}
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].At.Before(out[j].At) })
	return out, err
}

// Payments lists the payments dated from..to (inclusive), by date.
func (s *Service) Payments(from, to time.Time) ([]Payment, error) {
	from, to = seoul.Midnight(from), seoul.Midnight(to)
	var out []Payment
	err := s.db.View(func(tx *store.Txn) error {
		return tx.Scan(store.Prefix("payment"), func(_, v []byte) error {
			var p Payment
			if err := decodeJSON(v, &p); err != nil {
				return err
			}
			if d := seoul.Midnight(p.Date); !d.Before(from) && !d.After(to) {
				out = append(out, p)
			}
			return nil
		})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, err
}

// leasesOfYears calls fn once for every lease holding its unit some day of
// the years from..to span, through the year index: a period's leases are
// read without the rest of history.
func leasesOfYears(tx *store.Txn, from, to time.Time, fn func(Lease) error) error {
	seen := map[string]bool{}
	for y := from.Year(); y <= to.Year(); y++ {
		p := store.Prefix("leaseyear", y)
		err := tx.Scan(p, func(k, _ []byte) error {
			id := string(k[len(p):])
			if seen[id] {
				return nil
			}
			seen[id] = true
			l, err := getLease(tx, id)
			if err != nil {
				return err
			}
			return fn(l)
		})
		if err != nil {
			return err
		}
	}
	return nil
}
