package tenants

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/personal"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Term is one contract period of a lease: the first one, or an extension,
// with the rent and management fee agreed for it.
type Term struct {
	Start         time.Time `json:"start"`
	End           time.Time `json:"end"`
	Extension     bool      `json:"extension,omitempty"`
	MonthlyRent   int64     `json:"monthly_rent"`
	ManagementFee int64     `json:"management_fee"`
}

// Lease is a company's tenancy of one unit, from its first move-in through
// its extensions to its move-out. Start and End are dates (midnight in
// Seoul); the lease covers both days.
type Lease struct {
	ID   string `json:"id"`
	Unit string `json:"unit"`
	Kind Kind   `json:"kind"`
	// Tenant is the company's name, shown in the directory.
	Tenant string `json:"tenant"`
	// BRN is the 사업자등록번호, ten digits ("" for a youth founder not yet
	// registered).
	BRN string `json:"brn,omitempty"`
	// Personal data, collected with consent, shown masked and destroyed
	// RetentionYears after moving out.
	Representative string    `json:"representative,omitempty"`
	Phone          string    `json:"phone,omitempty"`
	BirthDate      time.Time `json:"birth_date,omitzero"`
	// PersonKey identifies a youth founder for the re-entry ban without
	// keeping their name and birth date in an index.
	PersonKey string `json:"person_key,omitempty"`

	Start time.Time `json:"start"`
	End   time.Time `json:"end"`
	Terms []Term    `json:"terms"`
	// MovedOut is the day the unit was handed back (the tenant is billed to
	// the day before); zero while in place.
	MovedOut time.Time `json:"moved_out,omitzero"`
	// Restoration is what restoring the unit cost, charged at move-out.
	Restoration int64 `json:"restoration,omitempty"`

	// MonthlyRent and ManagementFee are the current term's.
	MonthlyRent   int64 `json:"monthly_rent"`
	ManagementFee int64 `json:"management_fee"`
	Deposit       int64 `json:"deposit"`
	// DueDay is the day of the month its invoices are due, a term of the
	// contract fixed at the move-in (0: the settings' day, for leases
	// stored before it was kept).
	DueDay int `json:"due_day,omitempty"`

	CreatedAt time.Time `json:"created_at,omitzero"`
	PurgedAt  time.Time `json:"purged_at,omitzero"`
}

// LastDay is the last day the tenant holds the unit: End, or the day before
// an earlier move-out. It is before Start for a lease left on its first day.
func (l Lease) LastDay() time.Time {
	end := seoul.Midnight(l.End)
	if !l.MovedOut.IsZero() {
		if last := seoul.Midnight(l.MovedOut).AddDate(0, 0, -1); last.Before(end) {
			return last
		}
	}
	return end
}

// ActiveOn reports whether the lease holds its unit on day.
func (l Lease) ActiveOn(day time.Time) bool {
	d := seoul.Midnight(day)
	return !d.Before(seoul.Midnight(l.Start)) && !d.After(l.LastDay())
}

// Ended reports whether the lease is over on day (moved out, or past End).
func (l Lease) Ended(day time.Time) bool { return seoul.Midnight(day).After(l.LastDay()) }

// Exit is how a lease ended, as of a day.
type Exit string

// How leases end.
const (
	ExitNone      Exit = ""          // still running
	ExitEarly     Exit = "early"     // moved out before the end of the term
	ExitGraduated Exit = "graduated" // stayed to the end of the maximum tenure
	ExitExpired   Exit = "expired"   // the term ended and was not extended
)

// ExitOn says how the lease ended by day. A graduate stayed the maximum
// tenure; an early leaver handed the unit back before End. Both are barred
// from moving in again for ReentryBanDays; a company whose term simply ran
// out before the maximum is not.
func (l Lease) ExitOn(day time.Time, st Settings) Exit {
	switch {
	case !l.Ended(day):
		return ExitNone
	case l.LastDay().Before(seoul.Midnight(l.End)):
		return ExitEarly
	case l.Kind != KindAgency && !seoul.Midnight(l.End).Before(termEnd(l.Start, st.MaxTenureMonths(l.Kind))):
		return ExitGraduated
	}
	return ExitExpired
}

// Keys of leases and their indexes.
func leaseKey(id string) []byte { return store.Key("lease", id) }

func unitLeaseKey(unit string, start time.Time, id string) []byte {
	return store.Key("unitlease", unit, start, id)
}

// leaseYearKey lists the leases that hold their unit some day of year, so a
// year's report reads that year's leases only.
func leaseYearKey(year int, id string) []byte { return store.Key("leaseyear", year, id) }

// companyKey and personKey find earlier leases of a company or a youth
// founder for the re-entry ban.
func companyKey(brn, id string) []byte    { return store.Key("leasebrn", brn, id) }
func personIndexKey(pk, id string) []byte { return store.Key("leaseperson", pk, id) }

// personKey is a one-way key of a founder's name and birth date.
func personKey(name string, birth time.Time) string {
	if birth.IsZero() {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(strings.Fields(name), " ") + "|" + birth.In(seoul.Location).Format("2006-01-02")))
	return hex.EncodeToString(sum[:12])
}

// Errors of the old lease input, kept for AddLease's callers.
var (
	ErrBadLease = errors.New("tenants: invalid lease")
	ErrOccupied = errs.New(CodeOccupied)
)

// Service reads and writes units, leases and payments.
type Service struct {
	db  *store.DB
	now seoul.Clock
}

// NewService returns a tenants service over db.
func NewService(db *store.DB, clock seoul.Clock) *Service {
	if clock == nil {
		clock = seoul.Now
	}
	return &Service{db: db, now: clock}
}

// Now is the service's clock, in Seoul.
func (s *Service) Now() time.Time { return s.now().In(seoul.Location) }

func getLease(tx *store.Txn, id string) (Lease, error) {
	var l Lease
	err := tx.Get(leaseKey(strings.TrimSpace(id)), &l)
	if errors.Is(err, store.ErrNotFound) {
		return l, errs.New(CodeNoLease, id)
	}
	return l, err
}

// putLease stores l and its indexes (the year index grows with an
// extension; a move-out leaves the extra years listed, which readers skip).
func putLease(tx *store.Txn, l Lease) error {
	if err := tx.PutRaw(unitLeaseKey(l.Unit, l.Start, l.ID), []byte(l.ID)); err != nil {
		return err
	}
	for y := l.Start.Year(); y <= l.End.Year(); y++ {
		if err := tx.PutRaw(leaseYearKey(y, l.ID), nil); err != nil {
			return err
		}
	}
	if l.BRN != "" {
		if err := tx.PutRaw(companyKey(l.BRN, l.ID), nil); err != nil {
			return err
		}
	}
	if l.PersonKey != "" {
		if err := tx.PutRaw(personIndexKey(l.PersonKey, l.ID), nil); err != nil {
			return err
		}
	}
	return tx.Put(leaseKey(l.ID), l)
}

// AddLease stores a lease given whole (the seed data of tests and the
// floor directory), checking its dates and its unit's other leases only.
// actor needs staff.PermTenancy.
func (s *Service) AddLease(actor store.Actor, l Lease) error {
	l.Tenant = strings.TrimSpace(l.Tenant)
	l.Start, l.End = seoul.Midnight(l.Start), seoul.Midnight(l.End)
	if l.ID == "" || l.Tenant == "" || l.End.Before(l.Start) || l.MonthlyRent < 0 || l.ManagementFee < 0 || l.Deposit < 0 {
		return ErrBadLease
	}
	if len(l.Terms) == 0 {
		l.Terms = []Term{{Start: l.Start, End: l.End, MonthlyRent: l.MonthlyRent, ManagementFee: l.ManagementFee}}
	}
	return s.db.Update(actor, "lease.add", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermTenancy); err != nil {
			return err
		}
		u, err := getUnit(tx, l.Unit)
		if err != nil {
			return err
		}
		l.Kind = u.Kind
		if ok, err := tx.Has(leaseKey(l.ID)); err != nil {
			return err
		} else if ok {
			return fmt.Errorf("%w: lease %s exists", ErrBadLease, l.ID)
		}
		if err := checkFree(tx, l, ""); err != nil {
			return err
		}
		tx.Note("lease %s unit=%s %s..%s", l.ID, l.Unit, l.Start.Format("2006-01-02"), l.End.Format("2006-01-02"))
		return putLease(tx, l)
	})
}

// checkFree refuses l when another lease of its unit (other than except)
// holds some of its days.
func checkFree(tx *store.Txn, l Lease, except string) error {
	return scanUnitLeases(tx, l.Unit, func(o Lease) error {
		if o.ID == except || o.ID == l.ID {
			return nil
		}
		if !l.Start.After(o.LastDay()) && !o.Start.After(l.LastDay()) {
			return errs.New(CodeOccupied, l.Unit)
		}
		return nil
	})
}

func scanUnitLeases(tx *store.Txn, unit string, fn func(Lease) error) error {
	return tx.Scan(store.Prefix("unitlease", unit), func(_, v []byte) error {
		var l Lease
		if err := tx.Get(leaseKey(string(v)), &l); err != nil {
			return err
		}
		return fn(l)
	})
}

// leaseOn is the lease holding unit on day, if any. Leases of a unit do not
// overlap, so it is the latest one starting on or before day.
func leaseOn(tx *store.Txn, unit string, day time.Time) (Lease, bool, error) {
	day = seoul.Midnight(day)
	p := store.Prefix("unitlease", unit)
	_, v, err := tx.LastBefore(p, store.Key("unitlease", unit, day.AddDate(0, 0, 1)))
	if errors.Is(err, store.ErrNotFound) {
		return Lease{}, false, nil
	}
	if err != nil {
		return Lease{}, false, err
	}
	var l Lease
	if err := tx.Get(leaseKey(string(v)), &l); err != nil {
		return Lease{}, false, err
	}
	return l, l.ActiveOn(day), nil
}

// Occupancy is a unit with the company holding it on a day ("" when vacant).
type Occupancy struct {
	Unit   Unit
	Tenant string
	Lease  string
}

// Directory lists every unit with its occupant on day, in layout order.
func (s *Service) Directory(day time.Time) ([]Occupancy, error) {
	var out []Occupancy
	err := s.db.View(func(tx *store.Txn) error {
		var err error
		out, err = directory(tx, day)
		return err
	})
	return out, err
}

func directory(tx *store.Txn, day time.Time) ([]Occupancy, error) {
	units, err := listUnits(tx)
	if err != nil {
		return nil, err
	}
	out := make([]Occupancy, 0, len(units))
	for _, u := range units {
		o := Occupancy{Unit: u}
		l, ok, err := leaseOn(tx, u.ID, day)
		if err != nil {
			return nil, err
		}
		if ok {
			o.Tenant, o.Lease = l.Tenant, l.ID
		}
		out = append(out, o)
	}
	return out, nil
}

// Counts is how many units of each kind are occupied and vacant.
type Counts struct {
	Kind     Kind
	Occupied int
	Vacant   int
}

// CountOccupancy tallies Directory(day) by kind, in the order incubator,
// youth, agency.
func (s *Service) CountOccupancy(day time.Time) ([]Counts, error) {
	dir, err := s.Directory(day)
	if err != nil {
		return nil, err
	}
	return countOccupancy(dir), nil
}

func countOccupancy(dir []Occupancy) []Counts {
	out := []Counts{{Kind: KindIncubator}, {Kind: KindYouth}, {Kind: KindAgency}}
	for _, o := range dir {
		for i := range out {
			if out[i].Kind != o.Unit.Kind {
				continue
			}
			if o.Tenant != "" {
				out[i].Occupied++
			} else {
				out[i].Vacant++
			}
		}
	}
	return out
}

// NormalizePhone accepts a Korean phone number, mobile or landline, with or
// without hyphens (010-1234-5678, 02-123-4567, 0311234567) and returns its
// digits grouped with hyphens; "" stays "".
func NormalizePhone(s string) (string, error) {
	d, ok := personal.PhoneDigits(s)
	if !ok {
		return "", errs.New(CodePhone)
	}
	if len(d) == 0 {
		return "", nil
	}
	if len(d) < 9 || len(d) > 11 || d[0] != '0' {
		return "", errs.New(CodePhone)
	}
	area := 3
	if d[1] == '2' { // Seoul: 02
		area = 2
	}
	return string(d[:area]) + "-" + string(d[area:len(d)-4]) + "-" + string(d[len(d)-4:]), nil
}

// MaskName keeps a name's first character: 홍**.
func MaskName(n string) string { return personal.MaskName(n) }
