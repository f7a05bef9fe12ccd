package booking

import (
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// roleCase is one actor's turn at one action: the store, and what the
// action works on, which prepare makes for this turn alone (the turns share
// a store).
type roleCase struct {
	svc   *Service
	db    *store.DB
	clk   *mockClock
	turn  int
	b     Booking // the booking acted on
	tok   string
	key   uint8  // the current pass key before the turn
	phone string // what RevealPhone gave
}

// roleDay is the day the role tests book on, a Friday.
var roleDay = at(friday, 0, 0)

// turnRoom and turnHour give each turn two hours of its own, later than
// the turns before.
func (c *roleCase) turnRoom() string {
	return []string{"seminar", "meeting", "consulting", "multipurpose"}[c.turn%4]
}
func (c *roleCase) turnHour() int { return 9 + 2*c.turn }

// cancelAs cancels c.b as a would: a visitor with the proof Lookup takes,
// anyone else at the desk.
func (c *roleCase) cancelAs(a store.Actor) (Booking, error) {
	if a == ActorVisitor {
		return c.svc.CancelOwn(c.b.ID, "5678")
	}
	return c.svc.Cancel(a, c.b.ID)
}

// TestVisitorCancelNeedsProof: a visitor cancels with the code and the
// phone's last four digits; Cancel as a visitor, with no proof, is the
// desk's and refused; wrong digits or a block change nothing.
func TestVisitorCancelNeedsProof(t *testing.T) {
	svc, _, _ := newClockedService(t, thursdayMorning)
	b := mustBook(t, svc, "meeting", at(thursdayMorning, 14, 0), at(thursdayMorning, 15, 0))
	if _, err := svc.Cancel(ActorVisitor, b.ID); !errors.Is(err, staff.ErrForbidden) {
		t.Fatalf("Cancel as a visitor without proof: %v", err)
	}
	if _, err := svc.CancelOwn(b.ID, "0000"); !errors.Is(err, ErrPhoneMismatch) {
		t.Fatalf("CancelOwn with wrong digits: %v", err)
	}
	if got := mustGet(t, svc, b.ID); got.Status != StatusHeld {
		t.Fatalf("a refused cancel changed the booking: %s", got.Status)
	}
	if got, err := svc.CancelOwn(b.ID, "5678"); err != nil || got.Status != StatusCancelled {
		t.Fatalf("CancelOwn with the right digits: %v %v", got.Status, err)
	}
}

// book makes this turn's booking, of an hour.
func (c *roleCase) book(t *testing.T) Booking {
	t.Helper()
	h := c.turnHour()
	return mustBook(t, c.svc, c.turnRoom(), at(roleDay, h, 0), at(roleDay, h+1, 0))
}

// TestBookingActionsByRole: every action of booking that staff take,
// against every kind of actor, with the role read from the store inside
// the write. Reception takes the bookings' actions and is refused the
// settings and the phone numbers; a removed member is refused everything;
// a visitor only cancels and checks in their own booking; kioskctl and the
// kiosk's own jobs may do everything (the jobs do not rotate pass keys). A
// refused action changes nothing and writes no audit entry.
func TestBookingActionsByRole(t *testing.T) {
	actions := []struct {
		name      string
		perm      staff.Permission
		visitorOK bool
		fresh     bool // each turn on a store of its own
		prepare   func(t *testing.T, c *roleCase)
		do        func(c *roleCase, a store.Actor) error
		done      func(t *testing.T, c *roleCase) bool
	}{
		{name: "pay", perm: staff.PermBookings,
			prepare: func(t *testing.T, c *roleCase) { c.b = c.book(t) },
			do:      func(c *roleCase, a store.Actor) error { _, err := c.svc.Pay(a, c.b.ID, PayCash); return err },
			done:    func(t *testing.T, c *roleCase) bool { return mustGet(t, c.svc, c.b.ID).Status == StatusPaid }},
		{name: "cancel", perm: staff.PermBookings, visitorOK: true,
			prepare: func(t *testing.T, c *roleCase) { c.b = c.book(t) },
			do:      func(c *roleCase, a store.Actor) error { _, err := c.cancelAs(a); return err },
			done:    func(t *testing.T, c *roleCase) bool { return mustGet(t, c.svc, c.b.ID).Status == StatusCancelled }},
		{name: "cancel by the centre", perm: staff.PermBookings,
			prepare: func(t *testing.T, c *roleCase) { c.b = mustPay(t, c.svc, c.book(t).ID) },
			do:      func(c *roleCase, a store.Actor) error { _, err := c.svc.CancelByCentre(a, c.b.ID); return err },
			done: func(t *testing.T, c *roleCase) bool {
				b := mustGet(t, c.svc, c.b.ID)
				return b.Status == StatusCancelled && b.ByCentre && b.Refund == b.Fee
			}},
		{name: "block", perm: staff.PermBookings,
			do: func(c *roleCase, a store.Actor) error {
				h := c.turnHour()
				_, err := c.svc.Block(a, c.turnRoom(), at(roleDay, h, 0), at(roleDay, h+2, 0), "점검")
				return err
			},
			done: func(t *testing.T, c *roleCase) bool {
				bs, err := c.svc.OnDay(roleDay)
				return err == nil && slices.ContainsFunc(bs, func(b Booking) bool {
					return b.Block && b.Room == c.turnRoom() && b.From.Equal(at(roleDay, c.turnHour(), 0))
				})
			}},
		{name: "lift a block", perm: staff.PermBookings,
			prepare: func(t *testing.T, c *roleCase) {
				var err error
				h := c.turnHour()
				if c.b, err = c.svc.Block(manager(t, c.db), c.turnRoom(), at(roleDay, h, 0), at(roleDay, h+2, 0), "점검"); err != nil {
					t.Fatal(err)
				}
			},
			do:   func(c *roleCase, a store.Actor) error { _, err := c.cancelAs(a); return err },
			done: func(t *testing.T, c *roleCase) bool { return mustGet(t, c.svc, c.b.ID).Status == StatusCancelled }},
		{name: "check in", perm: staff.PermBookings, visitorOK: true,
			prepare: func(t *testing.T, c *roleCase) {
				c.b = mustPay(t, c.svc, c.book(t).ID)
				var err error
				if c.tok, err = c.svc.PassToken(c.b.ID); err != nil {
					t.Fatal(err)
				}
				c.clk.Set(c.b.From)
			},
			do:   func(c *roleCase, a store.Actor) error { _, err := c.svc.CheckIn(a, c.tok, ""); return err },
			done: func(t *testing.T, c *roleCase) bool { return mustGet(t, c.svc, c.b.ID).Status == StatusCheckedIn }},
		{name: "add a closure", perm: staff.PermSettings,
			do: func(c *roleCase, a store.Actor) error {
				return c.svc.AddClosure(a, Closure{Date: roleDay.AddDate(0, 0, c.turn), Reason: "소독"})
			},
			done: func(t *testing.T, c *roleCase) bool {
				d := roleDay.AddDate(0, 0, c.turn)
				cl, err := c.svc.Closures(d, d)
				return err == nil && len(cl) == 1
			}},
		{name: "remove a closure", perm: staff.PermSettings,
			prepare: func(t *testing.T, c *roleCase) {
				if err := c.svc.AddClosure(manager(t, c.db), Closure{Date: roleDay.AddDate(0, 0, c.turn), Reason: "소독"}); err != nil {
					t.Fatal(err)
				}
			},
			do: func(c *roleCase, a store.Actor) error {
				return c.svc.RemoveClosure(a, roleDay.AddDate(0, 0, c.turn), "")
			},
			done: func(t *testing.T, c *roleCase) bool {
				d := roleDay.AddDate(0, 0, c.turn)
				cl, err := c.svc.Closures(d, d)
				return err == nil && len(cl) == 0
			}},
		{name: "update a room", perm: staff.PermSettings,
			do: func(c *roleCase, a store.Actor) error {
				r, err := c.svc.Room("meeting")
				if err != nil {
					return err
				}
				r.HourlyFee = int64(12000 + c.turn)
				return c.svc.UpdateRoom(a, r)
			},
			done: func(t *testing.T, c *roleCase) bool {
				r, err := c.svc.Room("meeting")
				return err == nil && r.HourlyFee == int64(12000+c.turn)
			}},
		{name: "update the settings", perm: staff.PermSettings,
			do: func(c *roleCase, a store.Actor) error {
				return c.svc.UpdateSettings(a, func(s *Settings) { s.HoldHours = 2 + c.turn })
			},
			done: func(t *testing.T, c *roleCase) bool {
				s, err := c.svc.Settings()
				return err == nil && s.HoldHours == 2+c.turn
			}},
		{name: "rotate the pass key", perm: staff.PermSettings,
			prepare: func(t *testing.T, c *roleCase) {
				if c.svc.keys.Dir() == "" {
					keys, err := pass.LoadOrCreateKeyring(t.TempDir())
					if err != nil {
						t.Fatal(err)
					}
					c.svc.keys = keys
				}
				c.key = c.svc.keys.CurrentKeyID()
			},
			do:   func(c *roleCase, a store.Actor) error { _, err := c.svc.RotatePassKey(a); return err },
			done: func(t *testing.T, c *roleCase) bool { return c.svc.keys.CurrentKeyID() == c.key+1 }},
		{name: "purge", perm: staff.PermSettings, fresh: true,
			prepare: func(t *testing.T, c *roleCase) {
				c.b = c.book(t)
				c.clk.Set(at(roleDay, 9, 0).AddDate(0, 0, 366))
			},
			do:   func(c *roleCase, a store.Actor) error { _, err := c.svc.Purge(a); return err },
			done: func(t *testing.T, c *roleCase) bool { return mustGet(t, c.svc, c.b.ID).Phone == "" }},
		{name: "reveal a phone", perm: staff.PermReveal,
			prepare: func(t *testing.T, c *roleCase) { c.b = c.book(t) },
			do: func(c *roleCase, a store.Actor) (err error) {
				c.phone, err = c.svc.RevealPhone(a, c.b.ID)
				return err
			},
			done: func(t *testing.T, c *roleCase) bool { return c.phone == c.b.Phone && c.phone != "" }},
	}
	actors := []struct {
		name  string
		actor func(t *testing.T, db *store.DB) store.Actor
		// want is the refusal for an action needing perm (nil: allowed).
		want func(perm staff.Permission, visitorOK bool, action string) error
	}{
		{"manager", func(t *testing.T, db *store.DB) store.Actor { return manager(t, db) },
			func(staff.Permission, bool, string) error { return nil }},
		{"reception", func(t *testing.T, db *store.DB) store.Actor { return reception(t, db) },
			func(p staff.Permission, _ bool, _ string) error {
				if p == staff.PermBookings {
					return nil
				}
				return staff.ErrForbidden
			}},
		{"removed member", func(t *testing.T, db *store.DB) store.Actor {
			m := stafftest.Member(t, db, "퇴사자", staff.RoleManager)
			st, err := staff.New(db, "", nil)
			if err != nil {
				t.Fatal(err)
			}
			if err := st.Remove(store.ActorCLI, m.ID); err != nil {
				t.Fatal(err)
			}
			return m.Actor()
		}, func(staff.Permission, bool, string) error { return staff.ErrUnknownStaff }},
		{"visitor", func(*testing.T, *store.DB) store.Actor { return ActorVisitor },
			func(_ staff.Permission, ok bool, action string) error {
				switch {
				case ok:
					return nil
				case action == "rotate the pass key":
					return ErrStaffOnly
				case action == "lift a block":
					return ErrPhoneMismatch // a block is nobody's booking to look up
				}
				return staff.ErrForbidden
			}},
		{"kioskctl", func(*testing.T, *store.DB) store.Actor { return store.ActorCLI },
			func(staff.Permission, bool, string) error { return nil }},
		{"the kiosk's jobs", func(*testing.T, *store.DB) store.Actor { return ActorSystem },
			func(_ staff.Permission, _ bool, action string) error {
				if action == "rotate the pass key" {
					return ErrStaffOnly
				}
				return nil
			}},
	}
	for _, a := range actions {
		t.Run(a.name, func(t *testing.T) {
			t.Parallel()
			var c *roleCase
			for turn, who := range actors {
				if c == nil || a.fresh {
					svc, db, clk := newClockedService(t, at(thursdayMorning, 9, 0))
					c = &roleCase{svc: svc, db: db, clk: clk}
				}
				c.turn = turn
				actor := who.actor(t, c.db)
				if a.prepare != nil {
					a.prepare(t, c)
				}
				want := who.want(a.perm, a.visitorOK, a.name)
				before := c.db.AuditLen()
				err := a.do(c, actor)
				name := fmt.Sprintf("%s by the %s", a.name, who.name)
				if want == nil {
					if err != nil {
						t.Fatalf("%s refused: %v", name, err)
					}
					if !a.done(t, c) {
						t.Fatalf("%s allowed, but it did not happen", name)
					}
					continue
				}
				if !errors.Is(err, want) {
					t.Fatalf("%s: %v, want %v", name, err, want)
				}
				if a.done(t, c) {
					t.Fatalf("%s refused, but it happened", name)
				}
				if n := c.db.AuditLen(); n != before {
					t.Fatalf("%s refused, but wrote %d audit entries", name, n-before)
				}
			}
		})
	}
}

// TestDemotedMidSessionIsRefused: the role is read at each action, not
// when the person signed in: a manager demoted while signed in keeps
// taking payments but can no longer change the settings.
func TestDemotedMidSessionIsRefused(t *testing.T) {
	svc, db, _ := newClockedService(t, thursdayMorning)
	m := stafftest.Member(t, db, "이관리", staff.RoleManager)
	if err := svc.UpdateSettings(m.Actor(), func(s *Settings) { s.HoldHours = 2 }); err != nil {
		t.Fatal(err)
	}
	st, err := staff.New(db, "", func() time.Time { return thursdayMorning })
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetRole(manager(t, db), m.ID, staff.RoleReception); err != nil {
		t.Fatal(err)
	}
	if err := svc.UpdateSettings(m.Actor(), func(s *Settings) { s.HoldHours = 3 }); !errors.Is(err, staff.ErrForbidden) {
		t.Fatalf("demoted manager changes settings: %v", err)
	}
	b := mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 11, 0))
	if _, err := svc.Pay(m.Actor(), b.ID, PayCash); err != nil {
		t.Fatalf("demoted manager takes a payment: %v", err)
	}
}
