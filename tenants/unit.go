package tenants

import (
	"encoding/json"
	"strings"

	"errors"
	"fmt"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"sort"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Kind is what a unit is for.
type Kind string

// Unit kinds.
const (
	KindIncubator Kind = "incubator" // 창업보육실
	KindYouth     Kind = "youth"     // 청년 1인 창업지원실 desk (founders aged 40 or under)
	KindAgency    Kind = "agency"    // support agency
)

// Numbers of units in the centre's layout.
const (
	IncubatorUnits = 24
	YouthDesks     = 10
	AgencyUnits    = 3
)

// Unit is one office, desk or agency room.
type Unit struct {
	ID     string `json:"id"`
	Kind   Kind   `json:"kind"`
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
	Floor  int    `json:"floor"`
	Order  int    `json:"order"`
	// The usual terms of a new lease of this unit, offered at move-in.
	MonthlyRent   int64 `json:"monthly_rent"`
	ManagementFee int64 `json:"management_fee"`
	Deposit       int64 `json:"deposit"`
}

// ErrNoUnit: the unit id is unknown.
var ErrNoUnit = errs.New(CodeNoUnit)

// Default terms of a new lease, by kind: placeholders until a manager
// enters the centre's schedule. The 2015 report gives 49,449천원 of rent
// from 24 offices (about 172,000 won a month each) and 4,237천원 from 10
// youth desks over nine months (about 47,000 won a month).
var defaultTerms = map[Kind][3]int64{
	KindIncubator: {170000, 50000, 1000000},
	KindYouth:     {47000, 0, 0},
	KindAgency:    {0, 0, 0},
}

// DefaultUnits is the centre's layout: 24 incubator offices and 10 youth
// desks on the 4th floor, and the three support agencies' rooms.
func DefaultUnits() []Unit {
	var us []Unit
	for i := 1; i <= IncubatorUnits; i++ {
		us = append(us, Unit{ID: fmt.Sprintf("I%02d", i), Kind: KindIncubator, Floor: 4, Order: i,
			Name: fmt.Sprintf("창업보육실 %d호", i), NameEN: fmt.Sprintf("Incubator office %d", i)}.withDefaultTerms())
	}
	for i := 1; i <= YouthDesks; i++ {
		us = append(us, Unit{ID: fmt.Sprintf("Y%02d", i), Kind: KindYouth, Floor: 4, Order: 100 + i,
			Name: fmt.Sprintf("청년 1인 창업지원실 %d번", i), NameEN: fmt.Sprintf("Youth founder desk %d", i)}.withDefaultTerms())
	}
	for i := 1; i <= AgencyUnits; i++ {
		us = append(us, Unit{ID: fmt.Sprintf("A%02d", i), Kind: KindAgency, Floor: 3, Order: 200 + i,
			Name: fmt.Sprintf("지원기관실 %d", i), NameEN: fmt.Sprintf("Support agency %d", i)})
	}
	return us
}

func (u Unit) withDefaultTerms() Unit {
	t := defaultTerms[u.Kind]
	u.MonthlyRent, u.ManagementFee, u.Deposit = t[0], t[1], t[2]
	return u
}

func unitKey(id string) []byte { return store.Key("unit", id) }

func getUnit(tx *store.Txn, id string) (Unit, error) {
	var u Unit
	err := tx.Get(unitKey(strings.ToUpper(strings.TrimSpace(id))), &u)
	if errors.Is(err, store.ErrNotFound) || strings.TrimSpace(id) == "" {
		return u, errs.New(CodeNoUnit, id)
	}
	return u, err
}

// Units lists the units in layout order.
func (s *Service) Units() ([]Unit, error) {
	var us []Unit
	err := s.db.View(func(tx *store.Txn) error {
		var err error
		us, err = listUnits(tx)
		return err
	})
	return us, err
}

// SeedUnits stores the default units not stored yet; seeding again changes
// nothing.
func SeedUnits(tx *store.Txn) (added int, err error) {
	for _, u := range DefaultUnits() {
		ok, err := tx.Has(unitKey(u.ID))
		if err != nil {
			return added, err
		}
		if ok {
			continue
		}
		if err := tx.Put(unitKey(u.ID), u); err != nil {
			return added, err
		}
		added++
	}
	if added > 0 {
		tx.Note("%d units seeded", added)
	}
	return added, nil
}

func listUnits(tx *store.Txn) ([]Unit, error) {
	var us []Unit
	err := tx.Scan(store.Prefix("unit"), func(_, v []byte) error {
		var u Unit
		if err := json.Unmarshal(v, &u); err != nil {
			return fmt.Errorf("tenants: decode unit: %w", err)
		}
		us = append(us, u)
		return nil
	})
	sort.SliceStable(us, func(i, j int) bool { return us[i].Order < us[j].Order })
	return us, err
}

func decodeJSON(v []byte, dst any) error {
	if err := json.Unmarshal(v, dst); err != nil {
		return fmt.Errorf("tenants: decode: %w", err)
	}
	return nil
}
