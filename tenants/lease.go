package tenants

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Lease is a company's tenancy of one unit. Start and End are dates (midnight
// in Seoul); the lease covers both days.
type Lease struct {
	ID     string    `json:"id"`
	Unit   string    `json:"unit"`
	Tenant string    `json:"tenant"` // company name, shown in the directory
	Start  time.Time `json:"start"`
	End    time.Time `json:"end"`
	// MovedOut is the day the tenant left early, zero while in place.
	MovedOut      time.Time `json:"moved_out,omitzero"`
	MonthlyRent   int64     `json:"monthly_rent"`
	ManagementFee int64     `json:"management_fee"`
	Deposit       int64     `json:"deposit"`
}

// ActiveOn reports whether the lease holds its unit on day.
func (l Lease) ActiveOn(day time.Time) bool {
	d := seoul.Midnight(day)
	if d.Before(seoul.Midnight(l.Start)) || d.After(seoul.Midnight(l.End)) {
		return false
	}
	return l.MovedOut.IsZero() || d.Before(seoul.Midnight(l.MovedOut))
}

// Errors of lease input.
var (
	ErrBadLease = errors.New("tenants: invalid lease")
	ErrOccupied = errors.New("tenants: unit already leased for those dates")
)

func leaseKey(id string) []byte { return store.Key("lease", id) }

func unitLeaseKey(unit string, start time.Time, id string) []byte {
	return store.Key("unitlease", unit, start, id)
}

// Service reads and writes units and leases.
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

// AddLease stores a new lease after checking it against its unit's other
// leases.
func (s *Service) AddLease(actor store.Actor, l Lease) error {
	l.Tenant = strings.TrimSpace(l.Tenant)
	// Start and End are dates: compare them as days, not instants.
	l.Start, l.End = seoul.Midnight(l.Start), seoul.Midnight(l.End)
	if l.ID == "" || l.Tenant == "" || l.End.Before(l.Start) || l.MonthlyRent < 0 || l.ManagementFee < 0 || l.Deposit < 0 {
		return ErrBadLease
	}
	return s.db.Update(actor, "lease.add", func(tx *store.Txn) error {
		if ok, err := tx.Has(unitKey(l.Unit)); err != nil {
			return err
		} else if !ok {
			return fmt.Errorf("%w: %q", ErrNoUnit, l.Unit)
		}
		if ok, err := tx.Has(leaseKey(l.ID)); err != nil {
			return err
		} else if ok {
			return fmt.Errorf("%w: lease %s exists", ErrBadLease, l.ID)
		}
		err := scanUnitLeases(tx, l.Unit, func(o Lease) error {
			// The other lease's last day, as ActiveOn sees it: its End, or
			// the day before an earlier move-out.
			end := o.End
			if !o.MovedOut.IsZero() {
				if last := seoul.Midnight(o.MovedOut).AddDate(0, 0, -1); last.Before(end) {
					end = last
				}
			}
			if !l.Start.After(end) && !o.Start.After(l.End) {
				return ErrOccupied
			}
			return nil
		})
		if err != nil {
			return err
		}
		tx.Note("lease %s unit=%s %s..%s", l.ID, l.Unit, l.Start.Format("2006-01-02"), l.End.Format("2006-01-02"))
		if err := tx.PutRaw(unitLeaseKey(l.Unit, l.Start, l.ID), []byte(l.ID)); err != nil {
			return err
		}
		return tx.Put(leaseKey(l.ID), l)
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

// Occupancy is a unit with the company holding it on a day ("" when vacant).
type Occupancy struct {
	Unit   Unit
	Tenant string
}

// Directory lists every unit with its occupant on day, in layout order.
func (s *Service) Directory(day time.Time) ([]Occupancy, error) {
	var out []Occupancy
	err := s.db.View(func(tx *store.Txn) error {
		units, err := listUnits(tx)
		if err != nil {
			return err
		}
		for _, u := range units {
			o := Occupancy{Unit: u}
			err := scanUnitLeases(tx, u.ID, func(l Lease) error {
				if l.ActiveOn(day) {
					o.Tenant = l.Tenant
					return store.ErrStop
				}
				return nil
			})
			if err != nil {
				return err
			}
			out = append(out, o)
		}
		return nil
	})
	return out, err
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
	return out, nil
}
