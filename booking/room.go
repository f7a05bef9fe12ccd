package booking

import (
	"errors"
	"sort"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Room is a room rented to the public by the hour.
type Room struct {
	ID        string `json:"id"`
	Name      string `json:"name"`    // Korean name shown by default
	NameEN    string `json:"name_en"` // English name
	Floor     int    `json:"floor"`
	Capacity  int    `json:"capacity"`
	HourlyFee int64  `json:"hourly_fee"` // won
	// BufferMinutes is the cleaning time kept free after each booking.
	BufferMinutes int `json:"buffer_minutes"`
	Order         int `json:"order"` // display order
}

// DefaultRooms is the centre's layout: the 3rd floor rooms and the 4th-floor
// consulting room. The fees are placeholders until a manager enters the
// centre's own schedule.
func DefaultRooms() []Room {
	return []Room{
		{ID: "seminar", Name: "세미나실", NameEN: "Seminar room", Floor: 3, Capacity: 60, HourlyFee: 20000, Order: 1},
		{ID: "multipurpose", Name: "다목적실", NameEN: "Multi-purpose room", Floor: 3, Capacity: 30, HourlyFee: 15000, Order: 2},
		{ID: "meeting", Name: "회의실", NameEN: "Meeting room", Floor: 3, Capacity: 12, HourlyFee: 10000, Order: 3},
		{ID: "investment", Name: "투자상담실", NameEN: "Investment consulting room", Floor: 3, Capacity: 6, HourlyFee: 5000, Order: 4},
		{ID: "consulting", Name: "상담실", NameEN: "Consulting room", Floor: 4, Capacity: 4, HourlyFee: 5000, Order: 5},
	}
}

// ErrNoRoom: the room id is unknown (returned with the id asked for).
var ErrNoRoom = errs.New(CodeNoRoom)

func roomKey(id string) []byte { return store.Key("room", id) }

// SeedRooms stores the default rooms that are not stored yet; rooms staff
// have edited are left alone, so seeding again changes nothing.
func SeedRooms(tx *store.Txn) (added int, err error) {
	for _, r := range DefaultRooms() {
		ok, err := tx.Has(roomKey(r.ID))
		if err != nil {
			return added, err
		}
		if ok {
			continue
		}
		if err := tx.Put(roomKey(r.ID), r); err != nil {
			return added, err
		}
		tx.Note("room %s seeded", r.ID)
		added++
	}
	return added, nil
}

// Rooms lists the stored rooms in display order.
func (s *Service) Rooms() ([]Room, error) {
	var rooms []Room
	err := s.db.View(func(tx *store.Txn) error {
		var err error
		rooms, err = listRooms(tx)
		return err
	})
	return rooms, err
}

// Room returns one room.
func (s *Service) Room(id string) (Room, error) {
	var r Room
	err := s.db.View(func(tx *store.Txn) error { return getRoom(tx, id, &r) })
	return r, err
}

func getRoom(tx *store.Txn, id string, r *Room) error {
	err := tx.Get(roomKey(id), r)
	if errors.Is(err, store.ErrNotFound) {
		return errs.New(CodeNoRoom, id)
	}
	return err
}

func listRooms(tx *store.Txn) ([]Room, error) {
	var rooms []Room
	err := tx.Scan(store.Prefix("room"), func(_, v []byte) error {
		var r Room
		if err := decode(v, &r); err != nil {
			return err
		}
		rooms = append(rooms, r)
		return nil
	})
	sort.SliceStable(rooms, func(i, j int) bool {
		if rooms[i].Order != rooms[j].Order {
			return rooms[i].Order < rooms[j].Order
		}
		return rooms[i].ID < rooms[j].ID
	})
	return rooms, err
}

// ErrBadRoom: a room edit with an empty name, a negative fee or capacity,
// or a buffer off the 0-120 minute range.
var ErrBadRoom = errs.New(CodeBadRoom)

// UpdateRoom changes a stored room's names, capacity, fee and cleaning
// buffer (its id and floor stay). Bookings already made keep their fee.
// It needs staff.PermSettings.
func (s *Service) UpdateRoom(actor store.Actor, r Room) error {
	if r.Name == "" || !LimitCapacity.Allows(r.Capacity) || r.HourlyFee < int64(LimitHourlyFee.Min) ||
		r.HourlyFee > int64(LimitHourlyFee.Max) || !LimitBuffer.Allows(r.BufferMinutes) {
		return ErrBadRoom
	}
	return s.db.Update(actor, "room.update", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermSettings); err != nil {
			return err
		}
		var old Room
		if err := getRoom(tx, r.ID, &old); err != nil {
			return err
		}
		r.Floor, r.Order = old.Floor, old.Order
		tx.Note("room %s fee=%d capacity=%d buffer=%d", r.ID, r.HourlyFee, r.Capacity, r.BufferMinutes)
		return tx.Put(roomKey(r.ID), r)
	})
}

// AnyRoom reports whether any room is stored: whether the layout was ever
// seeded.
func AnyRoom(tx *store.Txn) (bool, error) { return anyUnder(tx, store.Prefix("room")) }

// AnyBooking reports whether the store holds any booking or block, in any
// status: whether a pass could ever have been issued.
func AnyBooking(tx *store.Txn) (bool, error) { return anyUnder(tx, store.Prefix("booking")) }

func anyUnder(tx *store.Txn, prefix []byte) (bool, error) {
	found := false
	err := tx.Scan(prefix, func(_, _ []byte) error {
		found = true
		return store.ErrStop
	})
	return found, err
}
