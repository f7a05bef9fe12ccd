package booking

import (
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// SlotState is what a visitor sees of one 30-minute slot.
type SlotState int

// Slot states.
const (
	SlotFree SlotState = iota
	SlotTaken
	SlotPast
)

// Slot is one 30-minute step of a room's day.
type Slot struct {
	Start time.Time
	State SlotState
}

// RoomDay is a room's slot grid on one date.
type RoomDay struct {
	Room  Room
	Day   Day
	Slots []Slot // empty when the room is closed that day
}

// Availability returns the slot grid of every room on date, as seen at now:
// one range scan of slot keys per room, so its cost does not grow with the
// number of bookings stored.
func (s *Service) Availability(date time.Time) ([]RoomDay, error) {
	now := s.Now()
	var out []RoomDay
	err := s.db.View(func(tx *store.Txn) error {
		return eachRoom(tx, func(st Settings, r Room) error {
			rd, err := roomDay(tx, st, r, date, now)
			out = append(out, rd)
			return err
		})
	})
	return out, err
}

// eachRoom calls fn with the settings in force for every room, in display
// order.
func eachRoom(tx *store.Txn, fn func(Settings, Room) error) error {
	st, err := loadSettings(tx)
	if err != nil {
		return err
	}
	rooms, err := listRooms(tx)
	if err != nil {
		return err
	}
	for _, r := range rooms {
		if err := fn(st, r); err != nil {
			return err
		}
	}
	return nil
}

// RoomAvailability is Availability for one room.
func (s *Service) RoomAvailability(room string, date time.Time) (RoomDay, error) {
	now := s.Now()
	var rd RoomDay
	err := s.db.View(func(tx *store.Txn) error {
		return withRoom(tx, room, func(st Settings, r Room) error {
			var err error
			rd, err = roomDay(tx, st, r, date, now)
			return err
		})
	})
	return rd, err
}

// withRoom calls fn with the rules in force and one room.
func withRoom(tx *store.Txn, room string, fn func(Settings, Room) error) error {
	st, err := loadSettings(tx)
	if err != nil {
		return err
	}
	var r Room
	if err := getRoom(tx, room, &r); err != nil {
		return err
	}
	return fn(st, r)
}

func roomDay(tx *store.Txn, st Settings, r Room, date, now time.Time) (RoomDay, error) {
	day, err := dayInfo(tx, st, date, r.ID)
	if err != nil {
		return RoomDay{}, err
	}
	rd := RoomDay{Room: r, Day: day}
	if !day.IsOpen {
		return rd, nil
	}
	taken, err := takenSlots(tx, r.ID, day.Open, day.Close)
	if err != nil {
		return RoomDay{}, err
	}
	for t := day.Open; t.Before(day.Close); t = t.Add(SlotLength) {
		state := SlotFree
		switch {
		case startPast(t, now, st):
			state = SlotPast // as checkRange: too late to start a booking here
		case taken[t.Unix()]:
			state = SlotTaken
		}
		rd.Slots = append(rd.Slots, Slot{Start: t, State: state})
	}
	return rd, nil
}

// BookableDays lists the dates from today up to the advance limit, with
// whether the centre is open on each (for the calendar).
func (s *Service) BookableDays() ([]Day, error) {
	now := s.Now()
	var out []Day
	err := s.db.View(func(tx *store.Txn) error {
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		for i := 0; i <= st.AdvanceDays; i++ {
			d, err := dayInfo(tx, st, seoul.Midnight(now).AddDate(0, 0, i), "")
			if err != nil {
				return err
			}
			if i == 0 && d.IsOpen && startPast(d.Close.Add(-time.Duration(st.MinMinutes)*time.Minute), now, st) {
				d.IsOpen = false // too late today even for the shortest booking
			}
			out = append(out, d)
		}
		return nil
	})
	return out, err
}

// takenSlots is the set of slot starts (Unix seconds) held in room from
// open to close: one range scan of its slot keys.
func takenSlots(tx *store.Txn, room string, open, close time.Time) (map[int64]bool, error) {
	taken := map[int64]bool{}
	off := slotTimeOffset(room)
	err := tx.Range(slotPrefix(room), slotKey(room, open), slotKey(room, close), func(k, _ []byte) error {
		taken[store.Int64At(k, off)] = true
		return nil
	})
	return taken, err
}
