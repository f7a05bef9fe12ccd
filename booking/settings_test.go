package booking

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

func TestDefaultSettings(t *testing.T) {
	s := DefaultSettings()
	if err := s.Validate(); err != nil {
		t.Fatalf("default settings invalid: %v", err)
	}
	if s.MinMinutes != 60 || s.MaxMinutes != 480 || s.AdvanceDays != 60 || s.SurchargePercent != 30 ||
		s.HoldHours != 24 || s.CheckInBefore != 10 || s.CheckInAfter != 15 {
		t.Errorf("defaults %+v", s)
	}
	if !s.HolidayHours.Closed() {
		t.Error("holidays open by default")
	}
	if s.Hours != DefaultHours() {
		t.Error("default hours differ from DefaultHours")
	}
	want := []RefundTier{{7, 100}, {3, 90}, {1, 70}}
	if !reflect.DeepEqual(s.Refunds, want) {
		t.Errorf("refund table %v, want %v", s.Refunds, want)
	}
	for _, id := range []string{"tenant", "disabled", "merit"} {
		if d, ok := s.Discount(id); !ok || d.Percent != 50 || d.Name == "" || d.NameEN == "" {
			t.Errorf("discount %s = %+v, %v", id, d, ok)
		}
	}
	if _, ok := s.Discount("nope"); ok {
		t.Error("unknown discount found")
	}
	// Each call returns its own slices.
	s.Refunds[0].Percent = 1
	s.Discounts[0].Percent = 1
	if d := DefaultSettings(); d.Refunds[0].Percent != 100 || d.Discounts[0].Percent != 50 {
		t.Error("DefaultSettings shares its slices")
	}
}

func TestSettingsValidate(t *testing.T) {
	bad := []struct {
		name string
		edit func(*Settings)
	}{
		{"weekday opens off the grid", func(s *Settings) { s.Hours[time.Monday].Open = 9*60 + 15 }},
		{"weekday closes off the grid", func(s *Settings) { s.Hours[time.Friday].Close = 21*60 + 45 }},
		{"weekday closes after midnight", func(s *Settings) { s.Hours[time.Tuesday].Close = 24*60 + 30 }},
		{"weekday opens before midnight", func(s *Settings) { s.Hours[time.Wednesday].Open = -30 }},
		{"sunday opened off the grid", func(s *Settings) { s.Hours[time.Sunday] = DayHours{Open: 10 * 60, Close: 16*60 + 10} }},
		{"holiday hours off the grid", func(s *Settings) { s.HolidayHours = DayHours{Open: 10*60 + 1, Close: 16 * 60} }},
		{"holiday hours past midnight", func(s *Settings) { s.HolidayHours = DayHours{Open: 10 * 60, Close: 25 * 60} }},
		{"shortest booking zero", func(s *Settings) { s.MinMinutes = 0 }},
		{"shortest booking off the grid", func(s *Settings) { s.MinMinutes = 45 }},
		{"longest below shortest", func(s *Settings) { s.MinMinutes, s.MaxMinutes = 120, 90 }},
		{"longest off the grid", func(s *Settings) { s.MaxMinutes = 250 }},
		{"longest over a day", func(s *Settings) { s.MaxMinutes = 24*60 + 30 }},
		{"days ahead negative", func(s *Settings) { s.AdvanceDays = -1 }},
		{"days ahead over a year", func(s *Settings) { s.AdvanceDays = 367 }},
		{"surcharge negative", func(s *Settings) { s.SurchargePercent = -1 }},
		{"surcharge over 300", func(s *Settings) { s.SurchargePercent = 301 }},
		{"hold zero", func(s *Settings) { s.HoldHours = 0 }},
		{"hold over two weeks", func(s *Settings) { s.HoldHours = 24*14 + 1 }},
		{"check-in before negative", func(s *Settings) { s.CheckInBefore = -1 }},
		{"check-in after negative", func(s *Settings) { s.CheckInAfter = -5 }},
		{"check-in before over 2 h", func(s *Settings) { s.CheckInBefore = 121 }},
		{"check-in after over 2 h", func(s *Settings) { s.CheckInAfter = 121 }},
		{"empty check-in window", func(s *Settings) { s.CheckInBefore, s.CheckInAfter = 0, 0 }},
		{"refund days negative", func(s *Settings) { s.Refunds = []RefundTier{{DaysBefore: -1, Percent: 50}} }},
		{"refund over 100%", func(s *Settings) { s.Refunds[0].Percent = 101 }},
		{"refund negative", func(s *Settings) { s.Refunds[2].Percent = -1 }},
		{"refund tiers out of order", func(s *Settings) { s.Refunds = []RefundTier{{3, 90}, {7, 100}} }},
		{"refund tiers repeated", func(s *Settings) { s.Refunds = []RefundTier{{3, 90}, {3, 80}} }},
		{"discount without id", func(s *Settings) { s.Discounts[0].ID = "" }},
		{"discount id twice", func(s *Settings) { s.Discounts[1].ID = s.Discounts[0].ID }},
		{"discount without name", func(s *Settings) { s.Discounts[2].Name = "" }},
		{"discount over 100%", func(s *Settings) { s.Discounts[0].Percent = 101 }},
		{"discount negative", func(s *Settings) { s.Discounts[0].Percent = -10 }},
		// A close at or before the open is a slip of the stepper, not a way
		// of closing the day (a closed day is 0-0).
		{"close at the open", func(s *Settings) { s.Hours[time.Monday] = DayHours{Open: 10 * 60, Close: 10 * 60} }},
		{"close before the open", func(s *Settings) { s.Hours[time.Sunday] = DayHours{Open: 999, Close: 7} }},
		{"holiday close before the open", func(s *Settings) { s.HolidayHours = DayHours{Open: 18 * 60, Close: 9 * 60} }},
		{"closing after midnight", func(s *Settings) { s.Hours[time.Friday] = DayHours{Open: 9 * 60, Close: 24*60 + 30} }},
	}
	for _, c := range bad {
		t.Run(c.name, func(t *testing.T) {
			s := DefaultSettings()
			c.edit(&s)
			if err := s.Validate(); !errors.Is(err, ErrBadSettings) {
				t.Fatalf("Validate = %v, want ErrBadSettings", err)
			}
		})
	}
	good := []struct {
		name string
		edit func(*Settings)
	}{
		{"sunday opened", func(s *Settings) { s.Hours[time.Sunday] = DayHours{Open: 10 * 60, Close: 16 * 60} }},
		{"saturday closed", func(s *Settings) { s.Hours[time.Saturday] = DayHours{} }},
		{"round the clock", func(s *Settings) { s.Hours[time.Monday] = DayHours{Open: 0, Close: 24 * 60} }},
		{"holidays open", func(s *Settings) { s.HolidayHours = DayHours{Open: 10 * 60, Close: 17 * 60} }},
		{"30-minute bookings", func(s *Settings) { s.MinMinutes = 30 }},
		{"whole-day bookings", func(s *Settings) { s.MaxMinutes = 24 * 60 }},
		{"min equals max", func(s *Settings) { s.MinMinutes, s.MaxMinutes = 120, 120 }},
		{"today only", func(s *Settings) { s.AdvanceDays = 0 }},
		{"a year ahead", func(s *Settings) { s.AdvanceDays = 366 }},
		{"no surcharge", func(s *Settings) { s.SurchargePercent = 0 }},
		{"one-hour hold", func(s *Settings) { s.HoldHours = 1 }},
		{"check in only after the start", func(s *Settings) { s.CheckInBefore = 0 }},
		{"check in only before the start", func(s *Settings) { s.CheckInAfter = 0 }},
		{"no refunds", func(s *Settings) { s.Refunds = nil }},
		{"same-day refund tier", func(s *Settings) { s.Refunds = append(s.Refunds, RefundTier{0, 10}) }},
		{"no discounts", func(s *Settings) { s.Discounts = nil }},
		{"full exemption", func(s *Settings) { s.Discounts[0].Percent = 100 }},
	}
	for _, c := range good {
		t.Run(c.name, func(t *testing.T) {
			s := DefaultSettings()
			c.edit(&s)
			if err := s.Validate(); err != nil {
				t.Fatalf("Validate = %v, want nil", err)
			}
		})
	}
}

func TestUpdateSettings(t *testing.T) {
	svc, db := newTestService(t, thursdayMorning)
	kim := manager(t, db)
	got, err := svc.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, DefaultSettings()) {
		t.Fatalf("settings of a new store %+v", got)
	}
	audits := auditCount(t, db)

	// An invalid change stores nothing, and leaves no audit entry.
	for _, edit := range []func(*Settings){
		func(s *Settings) { s.MaxMinutes = 250 },
		func(s *Settings) { s.HoldHours = 0; s.MaxMinutes = 240 }, // one good, one bad field
		func(s *Settings) {
			s.Discounts = append(s.Discounts, Discount{ID: "tenant", Name: "again", Percent: 10})
		},
	} {
		if err := svc.UpdateSettings(manager(t, svc.db), edit); !errors.Is(err, ErrBadSettings) {
			t.Errorf("UpdateSettings err = %v, want ErrBadSettings", err)
		}
	}
	if n := auditCount(t, db); n != audits {
		t.Errorf("rejected updates wrote %d audit entries", n-audits)
	}
	if n := countKeys(t, db, "settings"); n != 0 {
		t.Errorf("rejected updates stored %d settings keys", n)
	}
	if got, _ := svc.Settings(); !reflect.DeepEqual(got, DefaultSettings()) {
		t.Errorf("settings after rejected updates %+v", got)
	}

	// A valid change is stored, audited, and seen by another service on the
	// same store.
	if err := svc.UpdateSettings(kim, func(s *Settings) {
		s.MaxMinutes = 240
		s.SurchargePercent = 50
		s.Discounts = append(s.Discounts, Discount{ID: "youth", Name: "청년", NameEN: "Youth", Percent: 20})
	}); err != nil {
		t.Fatal(err)
	}
	if n := auditCount(t, db); n != audits+1 {
		t.Errorf("audit entries %d -> %d", audits, n)
	}
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if last := log[len(log)-1]; last.Action != "booking.settings" || last.Actor != kim {
		t.Errorf("audit entry %+v", last)
	}
	other := NewService(db, fixedClock(thursdayMorning), nil)
	got, err = other.Settings()
	if err != nil {
		t.Fatal(err)
	}
	if got.MaxMinutes != 240 || got.SurchargePercent != 50 || len(got.Discounts) != 4 || got.AdvanceDays != 60 {
		t.Errorf("stored settings %+v", got)
	}
	if d, ok := got.Discount("youth"); !ok || d.Percent != 20 {
		t.Errorf("new discount %+v %v", d, ok)
	}
	// Edits start from what is stored, not from the defaults.
	if err := svc.UpdateSettings(kim, func(s *Settings) { s.HoldHours = 2 }); err != nil {
		t.Fatal(err)
	}
	if got, _ := svc.Settings(); got.MaxMinutes != 240 || got.HoldHours != 2 {
		t.Errorf("second update lost the first: %+v", got)
	}
	// Removing every refund tier or discount sticks (an empty list is not
	// replaced by the defaults).
	if err := svc.UpdateSettings(kim, func(s *Settings) { s.Refunds, s.Discounts = []RefundTier{}, nil }); err != nil {
		t.Fatal(err)
	}
	if got, _ := svc.Settings(); len(got.Refunds) != 0 || len(got.Discounts) != 0 {
		t.Errorf("emptied lists came back: %v %v", got.Refunds, got.Discounts)
	}
}

func TestSettingsTakeEffect(t *testing.T) {
	now := thursdayMorning
	wed := seoul.Date(2026, 12, 2, 0, 0)
	cases := []struct {
		name  string
		edit  func(*Settings)
		check func(t *testing.T, svc *Service, clk *mockClock)
	}{
		{"MaxMinutes 240", func(s *Settings) { s.MaxMinutes = 240 }, func(t *testing.T, svc *Service, clk *mockClock) {
			if _, err := svc.Book(store.ActorVisitor, visitorReq("meeting", at(friday, 9, 0), at(friday, 14, 0))); !errors.Is(err, ErrBadLength) {
				t.Errorf("5 h: %v, want ErrBadLength", err)
			}
			if _, err := svc.Quote(visitorReq("meeting", at(friday, 9, 0), at(friday, 14, 0))); !errors.Is(err, ErrBadLength) {
				t.Errorf("Quote 5 h: %v, want ErrBadLength", err)
			}
			mustBook(t, svc, "meeting", at(friday, 9, 0), at(friday, 13, 0))
		}},
		{"MinMinutes 120", func(s *Settings) { s.MinMinutes = 120 }, func(t *testing.T, svc *Service, clk *mockClock) {
			if _, err := svc.Book(store.ActorVisitor, visitorReq("meeting", at(friday, 9, 0), at(friday, 10, 30))); !errors.Is(err, ErrBadLength) {
				t.Errorf("90 min: %v, want ErrBadLength", err)
			}
			mustBook(t, svc, "meeting", at(friday, 9, 0), at(friday, 11, 0))
		}},
		{"SurchargePercent 50", func(s *Settings) { s.SurchargePercent = 50 }, func(t *testing.T, svc *Service, clk *mockClock) {
			b := mustBook(t, svc, "meeting", at(saturday, 10, 0), at(saturday, 12, 0))
			if b.BaseFee != 20000 || b.Surcharge != 10000 || b.Fee != 30000 {
				t.Errorf("saturday fee %d + %d = %d, want 20000 + 10000", b.BaseFee, b.Surcharge, b.Fee)
			}
			if b := mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 12, 0)); b.Fee != 20000 {
				t.Errorf("weekday fee %d", b.Fee)
			}
		}},
		{"HoldHours 2", func(s *Settings) { s.HoldHours = 2 }, func(t *testing.T, svc *Service, clk *mockClock) {
			b := mustBook(t, svc, "meeting", at(wed, 10, 0), at(wed, 12, 0))
			if !b.HoldUntil.Equal(now.Add(2 * time.Hour)) {
				t.Fatalf("HoldUntil %v, want +2 h", b.HoldUntil)
			}
			clk.Set(now.Add(2*time.Hour - time.Minute))
			if _, _, _, err := refundQuote(svc, b.ID); err != nil {
				t.Errorf("RefundQuote inside the hold: %v", err)
			}
			clk.Set(now.Add(2 * time.Hour))
			if _, err := svc.Pay(manager(t, svc.db), b.ID, PayCash); !errors.Is(err, ErrLapsed) {
				t.Errorf("Pay after 2 h: %v, want ErrLapsed", err)
			}
			if r, err := svc.Sweep(store.ActorSystem); err != nil || r.Lapsed != 1 {
				t.Errorf("Sweep after 2 h = %+v, %v", r, err)
			}
		}},
		{"AdvanceDays 7", func(s *Settings) { s.AdvanceDays = 7 }, func(t *testing.T, svc *Service, clk *mockClock) {
			week := seoul.Date(2026, 12, 3, 0, 0) // Thursday, 7 days on
			mustBook(t, svc, "meeting", at(week, 21, 0), at(week, 22, 0))
			for _, d := range []time.Time{seoul.Date(2026, 12, 4, 0, 0), seoul.Date(2027, 1, 5, 0, 0)} {
				if _, err := svc.Book(store.ActorVisitor, visitorReq("meeting", at(d, 9, 0), at(d, 10, 0))); !errors.Is(err, ErrTooFar) {
					t.Errorf("%v: %v, want ErrTooFar", d.Format("01-02"), err)
				}
			}
			days, err := svc.BookableDays()
			if err != nil || len(days) != 8 {
				t.Errorf("BookableDays: %d days, %v; want 8", len(days), err)
			}
		}},
		{"Sunday opened", func(s *Settings) { s.Hours[time.Sunday] = DayHours{Open: 10 * 60, Close: 16 * 60} }, func(t *testing.T, svc *Service, clk *mockClock) {
			if b := mustBook(t, svc, "meeting", at(sunday, 10, 0), at(sunday, 12, 0)); b.Surcharge != 0 {
				t.Errorf("sunday surcharge %d", b.Surcharge)
			}
			if _, err := svc.Book(store.ActorVisitor, visitorReq("meeting", at(sunday, 15, 0), at(sunday, 17, 0))); !errors.Is(err, ErrClosed) {
				t.Errorf("sunday after 16:00: %v, want ErrClosed", err)
			}
		}},
		{"Friday shortened", func(s *Settings) { s.Hours[time.Friday].Close = 18 * 60 }, func(t *testing.T, svc *Service, clk *mockClock) {
			if _, err := svc.Book(store.ActorVisitor, visitorReq("meeting", at(friday, 18, 0), at(friday, 19, 0))); !errors.Is(err, ErrClosed) {
				t.Errorf("friday 18:00: %v, want ErrClosed", err)
			}
			rd, err := svc.RoomAvailability("meeting", friday)
			if err != nil || len(rd.Slots) != 18 {
				t.Errorf("friday slots %d, %v; want 18", len(rd.Slots), err)
			}
		}},
		{"new discount", func(s *Settings) {
			s.Discounts = append(s.Discounts, Discount{ID: "youth", Name: "청년", Percent: 20})
		}, func(t *testing.T, svc *Service, clk *mockClock) {
			req := visitorReq("seminar", at(friday, 10, 0), at(friday, 11, 0))
			req.DiscountID = "youth"
			b, err := svc.Book(store.ActorVisitor, req)
			if err != nil || b.Fee != 16000 || b.DiscountName != "청년" || b.DiscountPct != 20 {
				t.Errorf("youth booking %+v, %v", b, err)
			}
		}},
		{"discount removed", func(s *Settings) { s.Discounts = s.Discounts[1:] }, func(t *testing.T, svc *Service, clk *mockClock) {
			req := visitorReq("seminar", at(friday, 10, 0), at(friday, 11, 0))
			req.DiscountID = "tenant"
			if _, err := svc.Book(store.ActorVisitor, req); !errors.Is(err, ErrNoDiscount) {
				t.Errorf("removed discount: %v, want ErrNoDiscount", err)
			}
		}},
		{"CheckInAfter 5", func(s *Settings) { s.CheckInAfter = 5 }, func(t *testing.T, svc *Service, clk *mockClock) {
			b := mustPay(t, svc, mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 11, 0)).ID)
			clk.Set(at(friday, 10, 6))
			if r, err := svc.Sweep(store.ActorSystem); err != nil || r.NoShows != 1 {
				t.Errorf("Sweep 6 min after the start = %+v, %v", r, err)
			}
			if got := mustGet(t, svc, b.ID); got.Status != StatusNoShow {
				t.Errorf("status %s", got.Status)
			}
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, _, clk := newClockedService(t, now)
			if err := svc.UpdateSettings(manager(t, svc.db), c.edit); err != nil {
				t.Fatal(err)
			}
			c.check(t, svc, clk)
		})
	}
}
