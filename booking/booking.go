package booking

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Status is where a booking is in its life.
type Status string

// Booking statuses.
const (
	StatusHeld      Status = "held" // unpaid hold
	StatusPaid      Status = "paid"
	StatusCheckedIn Status = "checked_in"
	StatusCompleted Status = "completed"
	StatusCancelled Status = "cancelled"
	StatusLapsed    Status = "lapsed"
	StatusNoShow    Status = "no_show"
)

// HoldsSlots reports whether a booking in this status keeps its slots taken.
func (s Status) HoldsSlots() bool {
	switch s {
	case StatusHeld, StatusPaid, StatusCheckedIn, StatusCompleted:
		return true
	}
	return false
}

// Booking is one rental of a room.
type Booking struct {
	ID        string    `json:"id"`
	Room      string    `json:"room"`
	From      time.Time `json:"from"`
	To        time.Time `json:"to"`
	Status    Status    `json:"status"`
	Fee       int64     `json:"fee"`
	CreatedAt time.Time `json:"created_at"`
}

// Request asks for a room from From to To.
type Request struct {
	Room     string
	From, To time.Time
}

// Errors that Book reports; the UI maps each to its own message.
var (
	ErrNotAligned  = errors.New("booking: times must be on the 30-minute grid")
	ErrBadLength   = errors.New("booking: a booking lasts 1 to 8 hours")
	ErrClosed      = errors.New("booking: outside opening hours")
	ErrPast        = errors.New("booking: in the past")
	ErrTaken       = errors.New("booking: the time is already taken")
	ErrNotFound    = errors.New("booking: no such booking")
	MinBooking     = time.Hour
	MaxBooking     = 8 * time.Hour
	errIDExhausted = errors.New("booking: could not pick a free booking code")
)

// Service reads and writes bookings in the store.
type Service struct {
	db    *store.DB
	now   seoul.Clock
	hours Hours
}

// NewService returns a booking service over db using clock for "now".
func NewService(db *store.DB, clock seoul.Clock) *Service {
	if clock == nil {
		clock = seoul.Now
	}
	return &Service{db: db, now: clock, hours: DefaultHours()}
}

// Hours returns the opening hours in force.
func (s *Service) Hours() Hours { return s.hours }

func bookingKey(id string) []byte { return store.Key("booking", id) }

func slotKey(room string, start time.Time) []byte { return store.Key("slot", room, start) }

func slotPrefix(room string) []byte { return store.Prefix("slot", room) }

// slotTimeOffset is where the time sits in a slot key of room.
func slotTimeOffset(room string) int { return len("slot/") + len(room) + 1 }

// Book stores a new held booking, taking every slot it covers (plus the
// room's cleaning buffer). Two concurrent calls for overlapping times read
// and write the same slot keys, so one of them fails with ErrTaken.
func (s *Service) Book(actor store.Actor, req Request) (Booking, error) {
	now := s.now()
	from, to := req.From.In(seoul.Location), req.To.In(seoul.Location)
	if from.Truncate(SlotLength) != from || to.Truncate(SlotLength) != to || from.Second() != 0 {
		return Booking{}, ErrNotAligned
	}
	if d := to.Sub(from); d < MinBooking || d > MaxBooking {
		return Booking{}, ErrBadLength
	}
	if from.Before(now) {
		return Booking{}, ErrPast
	}
	open, closeAt, ok := s.hours.On(from)
	if !ok || from.Before(open) || to.After(closeAt) {
		return Booking{}, ErrClosed
	}
	var b Booking
	err := s.db.Update(actor, "booking.create", func(tx *store.Txn) error {
		var room Room
		if err := getRoom(tx, req.Room, &room); err != nil {
			return err
		}
		id, err := newID(tx)
		if err != nil {
			return err
		}
		end := to.Add(time.Duration(room.BufferMinutes) * time.Minute)
		for t := from; t.Before(end); t = t.Add(SlotLength) {
			taken, err := tx.Has(slotKey(room.ID, t))
			if err != nil {
				return err
			}
			if taken {
				return ErrTaken
			}
			if err := tx.PutRaw(slotKey(room.ID, t), []byte(id)); err != nil {
				return err
			}
		}
		hours := int64(to.Sub(from) / time.Hour)
		halves := int64(to.Sub(from)/SlotLength) - 2*hours
		b = Booking{
			ID: id, Room: room.ID, From: from, To: to, Status: StatusHeld,
			Fee:       room.HourlyFee*hours + room.HourlyFee*halves/2,
			CreatedAt: now,
		}
		tx.Note("booking %s room=%s %s-%s", id, room.ID, from.Format("2006-01-02T15:04"), to.Format("15:04"))
		return tx.Put(bookingKey(id), b)
	})
	if err != nil {
		return Booking{}, err
	}
	return b, nil
}

// Get returns one booking.
func (s *Service) Get(id string) (Booking, error) {
	var b Booking
	err := s.db.View(func(tx *store.Txn) error {
		err := tx.Get(bookingKey(id), &b)
		if errors.Is(err, store.ErrNotFound) {
			return ErrNotFound
		}
		return err
	})
	return b, err
}

// codeAlphabet leaves out 0/O and 1/I/L so a code read aloud or typed is not
// mistaken.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

func newID(tx *store.Txn) (string, error) {
	for range 8 {
		id := randomCode(8)
		exists, err := tx.Has(bookingKey(id))
		if err != nil {
			return "", err
		}
		if !exists {
			return id, nil
		}
	}
	return "", errIDExhausted
}

func decode(v []byte, dst any) error {
	if err := json.Unmarshal(v, dst); err != nil {
		return fmt.Errorf("booking: decode: %w", err)
	}
	return nil
}

// randomCode draws n characters from codeAlphabet without modulo bias.
func randomCode(n int) string {
	const limit = 256 - 256%len(codeAlphabet)
	out := make([]byte, 0, n)
	buf := make([]byte, 2*n)
	for len(out) < n {
		_, _ = rand.Read(buf) // crypto/rand.Read never fails on Linux (Go 1.24+)
		for _, c := range buf {
			if int(c) < limit && len(out) < n {
				out = append(out, codeAlphabet[int(c)%len(codeAlphabet)])
			}
		}
	}
	return string(out)
}
