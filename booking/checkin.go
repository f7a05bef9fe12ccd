package booking

import (
	"errors"
	"fmt"
	"time"

	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Why a pass was refused at check-in; each has its own sentence. CheckIn
// returns ErrPassTooEarly and ErrPassExpired with the minutes of the pass's
// window (before and after the start).
var (
	ErrPassForged    = errs.New(CodePassForged)
	ErrPassTooEarly  = errs.New(CodePassTooEarly)
	ErrPassExpired   = errs.New(CodePassExpired)
	ErrPassWrongRoom = errs.New(CodePassWrongRoom)
	ErrPassCancelled = errs.New(CodePassCancelled)
	ErrPassUsed      = errs.New(CodePassUsed)
	ErrPassUnpaid    = errs.New(CodePassUnpaid)
	ErrNoPasses      = errs.New(CodeNoPasses)
	ErrNoPass        = errs.New(CodeNoPass)
)

// CheckInWindow is when b can be checked in under st.
func CheckInWindow(b Booking, st Settings) (from, to time.Time) {
	return b.From.Add(-time.Duration(st.CheckInBefore) * time.Minute), b.From.Add(time.Duration(st.CheckInAfter) * time.Minute)
}

// PassToken signs the QR pass of a booking: its room and check-in window.
func (s *Service) PassToken(id string) (string, error) {
	if s.keys == nil {
		return "", ErrNoPasses
	}
	var c pass.Claims
	now := s.Now()
	err := s.db.View(func(tx *store.Txn) error {
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		b, err := s.load(tx, id)
		if err != nil {
			return err
		}
		if lapsed(b, now) {
			return ErrLapsed
		}
		if b.Block || !b.Status.HoldsSlots() {
			return ErrNoPass
		}
		from, to := CheckInWindow(b, st)
		c = pass.Claims{BookingID: b.ID, Room: b.Room, ValidFrom: from, ValidTo: to}
		return nil
	})
	if err != nil {
		return "", err
	}
	return s.keys.Sign(c)
}

// CheckIn accepts a scanned pass. Signature and key id, the validity
// window, the room of the scanner ("" for the front desk, which takes any
// room), the booking's status and "not used before" are all checked in one
// transaction, so a pass scanned twice at once checks in once. The visitor
// at a scanner checks in; staff helping at the desk need
// staff.PermBookings.
func (s *Service) CheckIn(actor store.Actor, token, scannerRoom string) (Booking, error) {
	if s.keys == nil {
		return Booking{}, ErrNoPasses
	}
	c, err := s.keys.Verify(token)
	if err != nil {
		return Booking{}, fmt.Errorf("%w: %v", ErrPassForged, err)
	}
	now := s.Now()
	var b Booking
	err = s.db.Update(actor, "booking.checkin", func(tx *store.Txn) error {
		if actor != ActorVisitor {
			if err := staff.Require(tx, actor, staff.PermBookings); err != nil {
				return err
			}
		}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		if b, err = s.load(tx, c.BookingID); errors.Is(err, ErrNotFound) {
			return ErrPassForged // signed, but for a booking this store never had
		} else if err != nil {
			return err
		}
		if b.Room != c.Room {
			return ErrPassForged
		}
		if scannerRoom != "" && scannerRoom != b.Room {
			return ErrPassWrongRoom
		}
		// The window is the narrower of the rules' and the pass's own.
		from, to := CheckInWindow(b, st)
		if c.ValidFrom.After(from) {
			from = c.ValidFrom
		}
		if c.ValidTo.Before(to) {
			to = c.ValidTo
		}
		expired := errs.New(CodePassExpired, int(to.Sub(b.From)/time.Minute))
		if lapsed(b, now) { // swept or not: lapsed reads as lapsed everywhere
			return ErrLapsed
		}
		switch b.Status {
		case StatusCheckedIn, StatusCompleted:
			return ErrPassUsed
		case StatusCancelled, StatusLapsed, StatusBlocked:
			return ErrPassCancelled
		case StatusNoShow:
			return expired
		}
		if now.Before(from) {
			return errs.New(CodePassTooEarly, int(b.From.Sub(from)/time.Minute))
		}
		if now.After(to) {
			return expired
		}
		if b.Status == StatusHeld {
			return ErrPassUnpaid
		}
		b.Status, b.CheckedInAt = StatusCheckedIn, now
		tx.Note("booking %s checked in room=%s", b.ID, b.Room)
		return tx.Put(bookingKey(b.ID), b)
	})
	if err != nil {
		return Booking{}, err
	}
	return b, nil
}
