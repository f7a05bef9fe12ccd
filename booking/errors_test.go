package booking

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/errs/errstest"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// sentinels is every exported refusal variable with the code it must carry.
var sentinels = []errstest.Sentinel{
	{Name: "ErrNotAligned", Err: ErrNotAligned, Code: CodeNotAligned},
	{Name: "ErrBadLength", Err: ErrBadLength, Code: CodeBadLength},
	{Name: "ErrClosed", Err: ErrClosed, Code: CodeClosed},
	{Name: "ErrPast", Err: ErrPast, Code: CodePast},
	{Name: "ErrTooFar", Err: ErrTooFar, Code: CodeTooFar},
	{Name: "ErrTaken", Err: ErrTaken, Code: CodeTaken},
	{Name: "ErrUnreleased", Err: ErrUnreleased, Code: CodeUnreleased},
	{Name: "ErrNotFound", Err: ErrNotFound, Code: CodeNotFound},
	{Name: "ErrNoDiscount", Err: ErrNoDiscount, Code: CodeNoDiscount},
	{Name: "ErrPayMethod", Err: ErrPayMethod, Code: CodePayMethod},
	{Name: "ErrNotPayable", Err: ErrNotPayable, Code: CodeNotPayable},
	{Name: "ErrLapsed", Err: ErrLapsed, Code: CodeLapsed},
	{Name: "ErrNotCancel", Err: ErrNotCancel, Code: CodeNotCancel},
	{Name: "ErrPhoneMismatch", Err: ErrPhoneMismatch, Code: CodePhoneMismatch},
	{Name: "ErrLookupLocked", Err: ErrLookupLocked, Code: CodeLookupLocked},
	{Name: "ErrBlock", Err: ErrBlock, Code: CodeBlock},
	{Name: "ErrNoRoom", Err: ErrNoRoom, Code: CodeNoRoom},
	{Name: "ErrBadRoom", Err: ErrBadRoom, Code: CodeBadRoom},
	{Name: "ErrBadClosure", Err: ErrBadClosure, Code: CodeBadClosure},
	{Name: "ErrBadSettings", Err: ErrBadSettings, Code: CodeBadSettings},
	{Name: "ErrName", Err: ErrName, Code: CodeName},
	{Name: "ErrPhone", Err: ErrPhone, Code: CodePhone},
	{Name: "ErrOrg", Err: ErrOrg, Code: CodeOrg},
	{Name: "ErrConsent", Err: ErrConsent, Code: CodeConsent},
	{Name: "ErrPassForged", Err: ErrPassForged, Code: CodePassForged},
	{Name: "ErrPassTooEarly", Err: ErrPassTooEarly, Code: CodePassTooEarly},
	{Name: "ErrPassExpired", Err: ErrPassExpired, Code: CodePassExpired},
	{Name: "ErrPassWrongRoom", Err: ErrPassWrongRoom, Code: CodePassWrongRoom},
	{Name: "ErrPassCancelled", Err: ErrPassCancelled, Code: CodePassCancelled},
	{Name: "ErrPassUsed", Err: ErrPassUsed, Code: CodePassUsed},
	{Name: "ErrPassUnpaid", Err: ErrPassUnpaid, Code: CodePassUnpaid},
	{Name: "ErrNoPasses", Err: ErrNoPasses, Code: CodeNoPasses},
	{Name: "ErrNoPass", Err: ErrNoPass, Code: CodeNoPass},
	{Name: "ErrStaffOnly", Err: ErrStaffOnly, Code: CodeStaffOnly},
}

// TestSentinelCodes: each refusal variable carries its own code, matches
// itself and no other (two variables sharing a code by a slip would make
// the screens and kioskctl say one thing for both), and Codes lists exactly
// the variables' codes.
func TestSentinelCodes(t *testing.T) {
	errstest.CheckCodes(t, sentinels, Codes)
}

// worded fails unless err is a refusal whose sentences have every value
// they name (a refusal returned without the arguments its sentence takes
// would show a bare %v).
func worded(t *testing.T, err error) {
	t.Helper()
	for lang, say := range map[string]func(error) (string, bool){"Korean": errs.Korean, "English": errs.English} {
		s, ok := say(err)
		if !ok || strings.Contains(s, "%") {
			t.Errorf("%s sentence of %v: %q, %v", lang, err, s, ok)
		}
	}
}

// TestRefusalValues: refusals carry the values in force (the settings as
// staff changed them, the pass's own window, the room asked for, the time
// a lock has left), say them in English, and still match their variable,
// wrapped or not.
func TestRefusalValues(t *testing.T) {
	type setup struct {
		svc *Service
		clk *mockClock
		b   Booking // paid, meeting room, Friday 10:00-11:00
		tok string  // its pass
	}
	settings := func(s setup, edit func(*Settings)) {
		if err := s.svc.UpdateSettings(manager(t, s.svc.db), edit); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		name   string
		refuse func(s setup) error
		is     error
		en     string
	}{
		{"too short", func(s setup) error {
			_, err := s.svc.Book(store.ActorVisitor, visitorReq("seminar", at(friday, 14, 0), at(friday, 14, 30)))
			return err
		}, ErrBadLength, "A booking lasts 60 to 480 minutes."},
		{"too long under changed settings", func(s setup) error {
			settings(s, func(st *Settings) { st.MinMinutes, st.MaxMinutes = 90, 120 })
			_, err := s.svc.Quote(visitorReq("seminar", at(friday, 14, 0), at(friday, 17, 0)))
			return err
		}, ErrBadLength, "A booking lasts 90 to 120 minutes."},
		{"too far under changed settings", func(s setup) error {
			settings(s, func(st *Settings) { st.AdvanceDays = 14 })
			_, err := s.svc.Book(store.ActorVisitor, visitorReq("seminar", at(friday.AddDate(0, 0, 21), 10, 0), at(friday.AddDate(0, 0, 21), 11, 0)))
			return err
		}, ErrTooFar, "Bookings open at most 14 days ahead."},
		{"unknown room", func(s setup) error {
			_, err := s.svc.Book(store.ActorVisitor, visitorReq("ballroom", at(friday, 14, 0), at(friday, 15, 0)))
			return err
		}, ErrNoRoom, "No such room (ballroom)."},
		{"unknown room at a door display", func(s setup) error {
			_, err := s.svc.RoomAvailability("gym", friday)
			return err
		}, ErrNoRoom, "No such room (gym)."},
		{"empty name", func(s setup) error {
			req := visitorReq("seminar", at(friday, 14, 0), at(friday, 15, 0))
			req.Name = " "
			_, err := s.svc.Book(store.ActorVisitor, req)
			return err
		}, ErrName, "Enter a name of 1 to 30 characters."},
		{"long organisation", func(s setup) error {
			_, err := CleanOrg(strings.Repeat("가", 41))
			return err
		}, ErrOrg, "The organisation is at most 40 characters."},
		{"lookup locked: the whole lock left", func(s setup) error {
			for range lookupTries {
				_, _ = s.svc.Lookup(s.b.ID, "0000")
			}
			_, err := s.svc.Lookup(s.b.ID, "5678")
			return err
		}, ErrLookupLocked, "Too many wrong attempts: this code cannot be looked up for 15 minutes. Please ask at the front desk."},
		{"lookup locked: minutes left, rounded up", func(s setup) error {
			for range lookupTries {
				_, _ = s.svc.Lookup(s.b.ID, "0000")
			}
			s.clk.Advance(10*time.Minute + 30*time.Second)
			_, err := s.svc.Lookup(s.b.ID, "5678")
			return err
		}, ErrLookupLocked, "Too many wrong attempts: this code cannot be looked up for 5 minutes. Please ask at the front desk."},
		{"too early", func(s setup) error {
			s.clk.Set(at(friday, 9, 49))
			_, err := s.svc.CheckIn(manager(t, s.svc.db), s.tok, "meeting")
			return err
		}, ErrPassTooEarly, "Too early: check-in opens 10 minutes before the start."},
		{"too early, window widened: the pass's own", func(s setup) error {
			settings(s, func(st *Settings) { st.CheckInBefore = 30 })
			s.clk.Set(at(friday, 9, 40))
			_, err := s.svc.CheckIn(manager(t, s.svc.db), s.tok, "meeting")
			return err
		}, ErrPassTooEarly, "Too early: check-in opens 10 minutes before the start."},
		{"expired", func(s setup) error {
			s.clk.Set(at(friday, 10, 16))
			_, err := s.svc.CheckIn(manager(t, s.svc.db), s.tok, "meeting")
			return err
		}, ErrPassExpired, "The check-in time has passed (it closes 15 minutes after the start)."},
		{"expired, window narrowed since", func(s setup) error {
			settings(s, func(st *Settings) { st.CheckInAfter = 10 })
			s.clk.Set(at(friday, 10, 12))
			_, err := s.svc.CheckIn(manager(t, s.svc.db), s.tok, "meeting")
			return err
		}, ErrPassExpired, "The check-in time has passed (it closes 10 minutes after the start)."},
		{"swept as a no-show", func(s setup) error {
			s.clk.Set(at(friday, 10, 16))
			if _, err := s.svc.Sweep(store.ActorSystem); err != nil {
				t.Fatal(err)
			}
			s.clk.Set(at(friday, 10, 5))
			_, err := s.svc.CheckIn(manager(t, s.svc.db), s.tok, "meeting")
			return err
		}, ErrPassExpired, "The check-in time has passed (it closes 15 minutes after the start)."},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, _, clk, b, tok := paidPass(t)
			err := c.refuse(setup{svc, clk, b, tok})
			for _, e := range []error{err, fmt.Errorf("outer: %w", fmt.Errorf("inner: %w", err))} {
				if !errors.Is(e, c.is) {
					t.Fatalf("errors.Is(%v, %v) = false", e, c.is)
				}
				if en, ok := errs.English(e); !ok || en != c.en {
					t.Errorf("English = %q, %v\nwant      %q", en, ok, c.en)
				}
				worded(t, e)
			}
		})
	}
}
