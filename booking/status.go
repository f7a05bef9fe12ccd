package booking

import (
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// State is what a room is doing at a moment, for the live status board.
type State int

// Room states.
const (
	StateFree       State = iota // free now; FreeUntil says until when
	StateBusy                    // booked now; BusyUntil and NextFree say more
	StateNotYetOpen              // before opening; Opens says when
	StateClosed                  // closed for the rest of the day
)

// RoomStatus is one room's live status on a day.
type RoomStatus struct {
	Room  Room
	State State
	// FreeUntil: when a free room's next booking starts, or closing time.
	FreeUntil time.Time
	// BusyUntil: the end of the current run of booked slots.
	BusyUntil time.Time
	// NextFree: the first free slot at or after now today; zero if none.
	NextFree time.Time
	// Opens: opening time, for StateNotYetOpen; for StateClosed, when the
	// room next opens (zero if not within the days bookable ahead).
	Opens time.Time
}

// TodayStatus returns every room's status at now.
func (s *Service) TodayStatus(now time.Time) ([]RoomStatus, error) {
	now = now.In(seoul.Location)
	var out []RoomStatus
	err := s.db.View(func(tx *store.Txn) error {
		return eachRoom(tx, func(st Settings, r Room) error {
			rs, err := roomStatus(tx, st, r, now)
			out = append(out, rs)
			return err
		})
	})
	return out, err
}

// Status is one room's status at now (the door display).
func (s *Service) Status(room string, now time.Time) (RoomStatus, error) {
	var rs RoomStatus
	err := s.db.View(func(tx *store.Txn) error {
		return withRoom(tx, room, func(st Settings, r Room) error {
			var err error
			rs, err = roomStatus(tx, st, r, now.In(seoul.Location))
			return err
		})
	})
	return rs, err
}

func roomStatus(tx *store.Txn, st Settings, r Room, now time.Time) (RoomStatus, error) {
	day, err := dayInfo(tx, st, now, r.ID)
	if err != nil {
		return RoomStatus{}, err
	}
	taken := map[int64]bool{}
	if day.IsOpen {
		if taken, err = takenSlots(tx, r.ID, day.Open, day.Close); err != nil {
			return RoomStatus{}, err
		}
	}
	rs := statusAt(now, day.Open, day.Close, day.IsOpen, taken)
	rs.Room = r
	if rs.State == StateClosed {
		// The next day the room opens, within the days bookable ahead.
		for d := seoul.Midnight(now).AddDate(0, 0, 1); !d.After(seoul.Midnight(now).AddDate(0, 0, st.AdvanceDays)); d = d.AddDate(0, 0, 1) {
			next, err := dayInfo(tx, st, d, r.ID)
			if err != nil {
				return rs, err
			}
			if next.IsOpen {
				rs.Opens = next.Open
				break
			}
		}
	}
	return rs, nil
}

// statusAt works out a room's state from its taken slot starts on one day.
func statusAt(now, open, closeAt time.Time, isOpen bool, taken map[int64]bool) RoomStatus {
	if !isOpen || !now.Before(closeAt) {
		return RoomStatus{State: StateClosed}
	}
	isTaken := func(t time.Time) bool { return taken[t.Unix()] }
	firstFree := func(from time.Time) time.Time {
		for t := from; t.Before(closeAt); t = t.Add(SlotLength) {
			if !isTaken(t) {
				return t
			}
		}
		return time.Time{}
	}
	if now.Before(open) {
		return RoomStatus{State: StateNotYetOpen, Opens: open, NextFree: firstFree(open)}
	}
	slot := open.Add(now.Sub(open).Truncate(SlotLength))
	if isTaken(slot) {
		end := slot
		for end.Before(closeAt) && isTaken(end) {
			end = end.Add(SlotLength)
		}
		return RoomStatus{State: StateBusy, BusyUntil: end, NextFree: firstFree(end)}
	}
	until := slot.Add(SlotLength)
	for until.Before(closeAt) && !isTaken(until) {
		until = until.Add(SlotLength)
	}
	return RoomStatus{State: StateFree, FreeUntil: until, NextFree: now}
}
