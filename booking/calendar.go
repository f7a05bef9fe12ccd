package booking

import (
	"errors"
	"sort"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Closure is a day staff took out of the calendar: a temporary public
// holiday (임시공휴일, charged and opened like a holiday) or a closure of
// one room or all rooms.
type Closure struct {
	Date time.Time `json:"date"` // midnight, Seoul
	// Room is "" for every room.
	Room   string `json:"room,omitempty"`
	Reason string `json:"reason"`
	// Holiday marks a temporary public holiday rather than a closure.
	Holiday bool `json:"holiday"`
}

func closureKey(day time.Time, room string) []byte {
	if room == "" {
		room = "*"
	}
	return store.Key("closure", seoul.Midnight(day), room)
}

// Day is what the calendar says about one date.
type Day struct {
	Date        time.Time
	Open, Close time.Time // zero when closed
	IsOpen      bool
	Holiday     bool   // public or temporary holiday
	HolidayName string // Korean name
	Saturday    bool
	ClosedBy    string // reason of a closure, if one closed the day
}

// Surcharged reports whether the weekend/holiday surcharge applies.
func (d Day) Surcharged() bool { return d.Holiday || d.Saturday }

// dayInfo works out a room's day from the settings, the public holidays and
// staff closures ("" room: the centre as a whole).
func dayInfo(tx *store.Txn, st Settings, t time.Time, room string) (Day, error) {
	date := seoul.Midnight(t)
	d := Day{Date: date, Saturday: date.Weekday() == time.Saturday}
	if h, ok := st.Holidays.Is(date); ok {
		d.Holiday, d.HolidayName = true, h.Name
	}
	hours := st.Hours[date.Weekday()]
	scopes := []string{""}
	if room != "" {
		scopes = append(scopes, room)
	}
	for _, r := range scopes {
		var c Closure
		err := tx.Get(closureKey(date, r), &c)
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return d, err
		}
		if c.Holiday {
			d.Holiday, d.HolidayName = true, c.Reason
		} else {
			d.ClosedBy = c.Reason
			if d.ClosedBy == "" {
				d.ClosedBy = "closed"
			}
		}
	}
	if d.Holiday {
		hours = st.HolidayHours
	}
	if d.ClosedBy != "" || hours.Closed() {
		return d, nil
	}
	d.IsOpen = true
	d.Open = date.Add(time.Duration(hours.Open) * time.Minute)
	d.Close = date.Add(time.Duration(hours.Close) * time.Minute)
	return d, nil
}

// DayInfo returns the calendar of one room on t's date.
func (s *Service) DayInfo(t time.Time, room string) (Day, error) {
	var d Day
	err := s.db.View(func(tx *store.Txn) error {
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		d, err = dayInfo(tx, st, t, room)
		return err
	})
	return d, err
}

// ErrBadClosure: a closure without a date, or for an unknown room.
var ErrBadClosure = errs.New(CodeBadClosure)

// AddClosure stores a closure or temporary holiday. Bookings already on that
// day are left for staff to cancel (with a refund) one by one. It needs
// staff.PermSettings.
func (s *Service) AddClosure(actor store.Actor, c Closure) error {
	c.Reason = strings.TrimSpace(c.Reason)
	if c.Date.IsZero() || len([]rune(c.Reason)) > 60 {
		return ErrBadClosure
	}
	c.Date = seoul.Midnight(c.Date)
	return s.db.Update(actor, "booking.closure.add", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermSettings); err != nil {
			return err
		}
		if c.Room != "" {
			var r Room
			if err := getRoom(tx, c.Room, &r); err != nil {
				return err
			}
		}
		tx.Note("closure %s room=%s holiday=%v", c.Date.Format("2006-01-02"), c.Room, c.Holiday)
		return tx.Put(closureKey(c.Date, c.Room), c)
	})
}

// RemoveClosure deletes a closure; it needs staff.PermSettings.
func (s *Service) RemoveClosure(actor store.Actor, day time.Time, room string) error {
	return s.db.Update(actor, "booking.closure.remove", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermSettings); err != nil {
			return err
		}
		if ok, err := tx.Has(closureKey(day, room)); err != nil {
			return err
		} else if !ok {
			return ErrNotFound
		}
		tx.Note("closure %s room=%s", seoul.Midnight(day).Format("2006-01-02"), room)
		return tx.Delete(closureKey(day, room))
	})
}

// Closures lists the closures from one date to another, inclusive.
func (s *Service) Closures(from, to time.Time) ([]Closure, error) {
	var out []Closure
	err := s.db.View(func(tx *store.Txn) error {
		return tx.Range(store.Prefix("closure"), store.Key("closure", seoul.Midnight(from)),
			store.Key("closure", seoul.Midnight(to).AddDate(0, 0, 1)), func(_, v []byte) error {
				var c Closure
				if err := decode(v, &c); err != nil {
					return err
				}
				out = append(out, c)
				return nil
			})
	})
	sort.SliceStable(out, func(i, j int) bool { return out[i].Date.Before(out[j].Date) })
	return out, err
}
