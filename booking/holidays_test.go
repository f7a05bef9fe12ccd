package booking

import (
	"errors"
	"testing"

	"github.com/yeongdeungpo/kiosk/booking/holiday"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// The holidays the booking rules close on come from the settings' calendar:
// a snap election or a temporary holiday announced later is added there
// and closes its day; an election day of the default terms is closed.
func TestHolidayCalendarFromSettings(t *testing.T) {
	svc, _ := newTestService(t, thursdayMorning)
	wed := seoul.Date(2026, 12, 9, 0, 0) // a Wednesday, open by default
	if _, err := svc.Book("visitor", visitorReq("meeting", at(wed, 10, 0), at(wed, 12, 0))); err != nil {
		t.Fatalf("an ordinary Wednesday: %v", err)
	}
	if err := svc.UpdateSettings(manager(t, svc.db), func(s *Settings) {
		s.Holidays.Announced = append(s.Holidays.Announced, holiday.Announced{Date: seoul.Date(2026, 12, 16, 0, 0), Name: "임시공휴일", NameEN: "Temporary holiday"})
	}); err != nil {
		t.Fatal(err)
	}
	next := seoul.Date(2026, 12, 16, 0, 0)
	if _, err := svc.Book("visitor", visitorReq("meeting", at(next, 10, 0), at(next, 12, 0))); !errors.Is(err, ErrClosed) {
		t.Fatalf("an announced holiday: %v, want closed", err)
	}
	day, err := svc.DayInfo(next, "meeting")
	if err != nil || !day.Holiday || day.IsOpen || day.HolidayName != "임시공휴일" {
		t.Fatalf("the announced day: %+v, %v", day, err)
	}
	// The default terms make 2026-06-03 the local election day.
	if h, ok := DefaultSettings().Holidays.Is(seoul.Date(2026, 6, 3, 0, 0)); !ok || h.Name == "" {
		t.Fatalf("2026-06-03: %+v %v", h, ok)
	}
}

// Rentals are counted from the day index: paid and used count; a hold, a
// cancelled booking and a block do not; an index entry written before the
// flags were kept is read from its booking.
func TestRentalsCountFromTheDayIndex(t *testing.T) {
	svc, db := newTestService(t, thursdayMorning)
	paid := mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 12, 0))
	legacy := mustBook(t, svc, "seminar", at(friday, 10, 0), at(friday, 12, 0))
	cancelled := mustBook(t, svc, "consulting", at(friday, 10, 0), at(friday, 12, 0))
	mustBook(t, svc, "investment", at(friday, 10, 0), at(friday, 12, 0)) // stays a hold
	for _, b := range []Booking{paid, legacy, cancelled} {
		if _, err := svc.Pay(manager(t, svc.db), b.ID, PayCash); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := svc.CancelByCentre(manager(t, svc.db), cancelled.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Block(manager(t, svc.db), "multipurpose", at(friday, 9, 0), at(friday, 18, 0), "점검"); err != nil {
		t.Fatal(err)
	}
	// The seminar's index entry as the kiosk wrote it before: no value.
	if err := db.Update(manager(t, db), "test.legacy", func(tx *store.Txn) error {
		return tx.PutRaw(dayIndexKey(legacy.From, legacy.ID), nil)
	}); err != nil {
		t.Fatal(err)
	}
	r, err := svc.RentalsBetween(friday, friday)
	if err != nil {
		t.Fatal(err)
	}
	if r.Count != 2 {
		t.Fatalf("%d rentals, want 2 (the paid meeting and the legacy seminar)", r.Count)
	}
}
