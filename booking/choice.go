package booking

import (
	"errors"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// StartChoice is one half hour of a room's day as the start of a booking.
type StartChoice struct {
	Slot // Start and State (free/taken/past) as RoomAvailability gives
	// CanStart: a booking of the shortest length (and so of some length)
	// would be booked from here now: the slot is free, the day open, the
	// slots and the cleaning buffer after it free.
	CanStart bool
	// Why is nil when CanStart, else why not: ErrTaken or ErrPast for a
	// slot that is not free; for a free one, ErrBadLength when the
	// shortest booking would run past closing or into the next booking,
	// ErrTaken when only the cleaning buffer after it collides, or the
	// refusal Book would give (ErrTooFar...).
	Why error
}

// EndChoice is one length a booking from a chosen start could have.
type EndChoice struct {
	Length time.Duration // from the shortest to the longest booking, a slot apart
	End    time.Time
	// Quote is the fee Book would charge without a discount (surcharge
	// included); zero when !OK.
	Quote Quote
	OK    bool
	Why   error // nil when OK, else the error Book would return for this range
}

// Starts lists room's half hours on day's date with whether a booking can
// start at each, as seen now; empty when the room is closed that day. One
// read transaction, reading only that day's slots.
func (s *Service) Starts(room string, day time.Time) ([]StartChoice, error) {
	now := s.Now()
	var out []StartChoice
	err := s.db.View(func(tx *store.Txn) error {
		return withRoom(tx, room, func(st Settings, r Room) error {
			rd, err := roomDay(tx, st, r, day, now)
			if err != nil {
				return err
			}
			check := newSlotCheck(tx, st, r.ID, now)
			if rd.Day.IsOpen {
				if err := check.read(rd.Day.Open, slotsUntil(r, rd.Day.Close)); err != nil {
					return err
				}
			}
			shortest := time.Duration(st.MinMinutes) * time.Minute
			out = make([]StartChoice, 0, len(rd.Slots))
			for _, sl := range rd.Slots {
				c := StartChoice{Slot: sl}
				switch sl.State {
				case SlotTaken:
					c.Why = ErrTaken
				case SlotPast:
					c.Why = ErrPast
				default:
					if c.Why, err = startVerdict(check, st, r, rd.Day, sl.Start, sl.Start.Add(shortest), now); err != nil {
						return err
					}
				}
				c.CanStart = c.Why == nil
				out = append(out, c)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// startVerdict is why the shortest booking from..to cannot be booked (nil
// when it can), put for a start: a shortest booking that does not fit
// before closing or before the next booking is ErrBadLength. err is a
// store error.
func startVerdict(check *slotCheck, st Settings, r Room, day Day, from, to, now time.Time) (why, err error) {
	_, why, err = bookable(check, st, r, day, from, to, now)
	if err != nil || why == nil {
		return why, err
	}
	switch {
	case errors.Is(why, ErrClosed) && day.IsOpen && !from.Before(day.Open) && from.Before(day.Close):
		return ErrBadLength, nil // open at from, closed before the shortest booking ends
	case errors.Is(why, ErrTaken):
		_, bare := check.free(from, to)
		switch {
		case errors.Is(bare, ErrTaken):
			return ErrBadLength, nil // the next booking starts before the shortest one ends
		case bare != nil:
			return nil, bare
		}
		return ErrTaken, nil // only the cleaning buffer after it collides
	}
	return why, nil
}

// Ends lists the lengths a booking of room from start could have, from the
// shortest to the longest, each with Book's verdict and fee as of now: one
// read transaction through the rules and the slot test Book applies,
// writing nothing.
func (s *Service) Ends(room string, start time.Time) ([]EndChoice, error) {
	now := s.Now()
	start = start.In(seoul.Location)
	var out []EndChoice
	err := s.db.View(func(tx *store.Txn) error {
		return withRoom(tx, room, func(st Settings, r Room) error {
			day, err := dayInfo(tx, st, start, r.ID)
			if err != nil {
				return err
			}
			check := newSlotCheck(tx, st, r.ID, now)
			lo, hi := time.Duration(st.MinMinutes)*time.Minute, time.Duration(st.MaxMinutes)*time.Minute
			if err := check.read(start.Truncate(SlotLength), slotsUntil(r, start.Add(hi))); err != nil {
				return err
			}
			out = make([]EndChoice, 0, (hi-lo)/SlotLength+1)
			for l := lo; l <= hi; l += SlotLength {
				e := EndChoice{Length: l, End: start.Add(l)}
				q, why, err := bookable(check, st, r, day, start, e.End, now)
				if err != nil {
					return err
				}
				e.OK, e.Why = why == nil, why
				if e.OK {
					e.Quote = q
				}
				out = append(out, e)
			}
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// bookable is what Book would answer now for a visitor's request of room
// from..to without a discount, given the rules, the room and the day of
// from as read in check's transaction: the same rules and fee (priceRange)
// and the same slot test (slotCheck over the booking and its cleaning
// buffer). why is Book's refusal; err a store error.
func bookable(check *slotCheck, st Settings, r Room, day Day, from, to, now time.Time) (q Quote, why, err error) {
	p, why := priceRange(st, r, day, from, to, "", now)
	if why != nil {
		return Quote{}, why, nil
	}
	if _, err := check.free(p.from, slotsUntil(r, p.to)); err != nil {
		if errors.Is(err, ErrTaken) {
			return Quote{}, err, nil
		}
		return Quote{}, nil, err
	}
	return p.quote, nil, nil
}
