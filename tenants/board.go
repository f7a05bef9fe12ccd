package tenants

import (
	"time"

	"github.com/yeongdeungpo/kiosk/internal/personal"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// The staff's tenancy screens read through Board, TenantFile and
// RevealRepresentative. What they return carries personal data masked:
// the representative's name as 홍**, the phone as 010-****-5678, no birth
// date; only RevealRepresentative shows it, to a manager, audited.

// BoardFilter picks units on the units board.
type BoardFilter string

// Board filters.
const (
	BoardAll      BoardFilter = "all"
	BoardVacant   BoardFilter = "vacant"
	BoardOccupied BoardFilter = "occupied"
	BoardExpiring BoardFilter = "expiring"
	BoardArrears  BoardFilter = "arrears"
)

// BoardFilters lists the filters in the order a screen offers them.
var BoardFilters = []BoardFilter{BoardAll, BoardVacant, BoardOccupied, BoardExpiring, BoardArrears}

// UnitState is one unit on the units board on a day. A tenancy may be both
// expiring and in arrears: the board keeps both, where Tenancy.Status
// names one.
type UnitState struct {
	Unit Unit
	// Tenancy is the lease holding the unit on the day, with its status
	// and account (personal data masked); nil when the unit is vacant.
	Tenancy *Tenancy
	Vacant  bool
	// Expiring: the lease's last day is less than Settings.ExpiringDays
	// away.
	Expiring bool
	// Arrears: an invoice is past its due date with something unpaid (never
	// for a support agency, which pays no rent).
	Arrears bool
	// Open is what the tenant owes as of the day, late interest included,
	// due or not yet due; Overdue is the part past its due date (the
	// arrears, as the arrears list counts them).
	Open, Overdue int64
	// LastDay is the lease's last day in the unit; zero when vacant.
	LastDay time.Time
}

// Matches reports whether the unit is one filter f shows ("" shows all).
func (u UnitState) Matches(f BoardFilter) bool {
	switch f {
	case BoardAll, "":
		return true
	case BoardVacant:
		return u.Vacant
	case BoardOccupied:
		return !u.Vacant
	case BoardExpiring:
		return u.Expiring
	case BoardArrears:
		return u.Arrears
	}
	return false
}

// expiringOn reports whether l, holding its unit on day, ends less than
// st.ExpiringDays after it.
func expiringOn(l Lease, day time.Time, st Settings) bool {
	return !day.Before(l.Start) && daysBetween(day, l.LastDay()) < st.ExpiringDays
}

// inArrears reports whether the account has something past due; a support
// agency's never has.
func inArrears(a Account) bool {
	return a.Lease.Kind != KindAgency && len(a.Overdue()) > 0
}

// Board lists every unit in layout order with the tenancy holding it on
// day and the flags the units board filters on, for actor, who needs
// staff.PermTenancy (it shows money and masked personal data).
func (s *Service) Board(actor store.Actor, day time.Time) ([]UnitState, error) {
	day = seoul.Midnight(day)
	var out []UnitState
	err := s.db.View(func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermTenancy); err != nil {
			return err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		units, err := listUnits(tx)
		if err != nil {
			return err
		}
		out = make([]UnitState, 0, len(units))
		for _, u := range units {
			us := UnitState{Unit: u, Vacant: true}
			l, ok, err := leaseOn(tx, u.ID, day)
			if err != nil {
				return err
			}
			if ok {
				t, err := tenancy(tx, l, st, day)
				if err != nil {
					return err
				}
				t = t.masked()
				us.Tenancy, us.Vacant = &t, false
				us.Expiring, us.Arrears = expiringOn(l, day, st), inArrears(t.Account)
				us.Open, us.Overdue, us.LastDay = t.Account.Open(), t.Account.OverdueOpen(), l.LastDay()
			}
			out = append(out, us)
		}
		return nil
	})
	return out, err
}

// masked is the lease with its personal data hidden: the representative's
// name and phone masked, the birth date and the re-entry key removed.
func (l Lease) masked() Lease {
	l.Representative, l.Phone = personal.MaskName(l.Representative), personal.MaskPhone(l.Phone)
	l.BirthDate, l.PersonKey = time.Time{}, ""
	return l
}

func (t Tenancy) masked() Tenancy {
	t.Lease = t.Lease.masked()
	t.Account.Lease = t.Account.Lease.masked()
	return t
}

// PastLease is an earlier lease of a unit, for a tenant's screen.
type PastLease struct {
	ID      string
	Tenant  string
	Start   time.Time
	LastDay time.Time
	Exit    Exit // how it ended, as of the day asked
}

// TenantFile is what the tenant screen shows of one lease as of a day.
type TenantFile struct {
	// Tenancy is the lease (personal data masked), its status and its
	// account: the invoices issued by the day, each with what is paid and
	// open and its late interest to the day.
	Tenancy Tenancy
	// Representative and Phone are masked (홍**, 010-****-5678); Purged
	// says they were destroyed after the retention period.
	Representative string
	Phone          string
	Purged         bool
	// Expiring and Arrears are the units board's flags.
	Expiring bool
	Arrears  bool
	// Open is owed as of the day (charges and late interest); LateInterest
	// the part of it that is late interest.
	Open         int64
	LateInterest int64
	// Payments are the lease's payments dated up to the day, in date
	// order, each with what it paid off (the deposit applied and credit
	// paid back at move-out among them).
	Payments []Allocation
	// DepositHeld is the deposit the centre holds on the day: 0 once the
	// move-out has settled it.
	DepositHeld int64
	// History is the unit's leases before this one, latest first.
	History []PastLease
}

// TenantFile reads one lease for the tenant screen as of day, for actor,
// who needs staff.PermTenancy.
func (s *Service) TenantFile(actor store.Actor, id string, day time.Time) (TenantFile, error) {
	day = seoul.Midnight(day)
	var f TenantFile
	err := s.db.View(func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermTenancy); err != nil {
			return err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		l, err := getLease(tx, id)
		if err != nil {
			return err
		}
		t, err := tenancy(tx, l, st, day)
		if err != nil {
			return err
		}
		f = TenantFile{Tenancy: t.masked(), Representative: personal.MaskName(l.Representative),
			Phone: personal.MaskPhone(l.Phone), Purged: !l.PurgedAt.IsZero(),
			Expiring: l.ActiveOn(day) && expiringOn(l, day, st), Arrears: inArrears(t.Account),
			Open: t.Account.Open(), Payments: t.Account.Allocations}
		for _, inv := range t.Account.Invoices {
			f.LateInterest += inv.InterestOpen()
		}
		if l.MovedOut.IsZero() || day.Before(seoul.Midnight(l.MovedOut)) {
			f.DepositHeld = l.Deposit
		}
		err = scanUnitLeases(tx, l.Unit, func(o Lease) error {
			if o.ID != l.ID && o.Start.Before(l.Start) {
				f.History = append(f.History, PastLease{ID: o.ID, Tenant: o.Tenant, Start: seoul.Midnight(o.Start),
					LastDay: o.LastDay(), Exit: o.ExitOn(day, st)})
			}
			return nil
		})
		for i, j := 0, len(f.History)-1; i < j; i, j = i+1, j-1 {
			f.History[i], f.History[j] = f.History[j], f.History[i]
		}
		return err
	})
	return f, err
}

// RevealRepresentative shows a lease's representative and phone unmasked
// to actor, who needs staff.PermReveal. The reveal is an audit entry
// ("tenants.reveal", naming the lease, never the data) written in the
// transaction that reads them. Destroyed data reads "".
func (s *Service) RevealRepresentative(actor store.Actor, id string) (name, phone string, err error) {
	err = s.db.Update(actor, "tenants.reveal", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermReveal); err != nil {
			return err
		}
		l, err := getLease(tx, id)
		if err != nil {
			return err
		}
		name, phone = l.Representative, l.Phone
		tx.Note("lease %s representative and phone shown", l.ID)
		return nil
	})
	if err != nil {
		return "", "", err
	}
	return name, phone, nil
}
