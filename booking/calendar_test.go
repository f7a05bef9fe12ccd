package booking

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

func TestCalendarDays(t *testing.T) {
	d := func(y int, m time.Month, day int) time.Time { return seoul.Date(y, m, day, 0, 0) }
	cases := []struct {
		name        string
		now         time.Time // the 60-day limit: the clock stands close to the date
		from, to    time.Time
		want        error
		holiday     string // "" when not a holiday
		saturday    bool
		open, close time.Time
	}{
		{"Christmas, a Friday", thursdayMorning, at(d(2026, 12, 25), 10, 0), at(d(2026, 12, 25), 12, 0), ErrClosed, "성탄절", false, time.Time{}, time.Time{}},
		{"new year's day", seoul.Date(2026, 12, 20, 9, 0), at(d(2027, 1, 1), 10, 0), at(d(2027, 1, 1), 11, 0), ErrClosed, "신정", false, time.Time{}, time.Time{}},
		{"seollal Monday", seoul.Date(2027, 1, 20, 9, 0), at(d(2027, 2, 8), 10, 0), at(d(2027, 2, 8), 11, 0), ErrClosed, "설날", false, time.Time{}, time.Time{}},
		{"seollal on a Saturday", seoul.Date(2027, 1, 20, 9, 0), at(d(2027, 2, 6), 10, 0), at(d(2027, 2, 6), 11, 0), ErrClosed, "설날", true, time.Time{}, time.Time{}},
		{"seollal substitute Tuesday", seoul.Date(2027, 1, 20, 9, 0), at(d(2027, 2, 9), 10, 0), at(d(2027, 2, 9), 11, 0), ErrClosed, "대체공휴일(설날)", false, time.Time{}, time.Time{}},
		{"day after seollal", seoul.Date(2027, 1, 20, 9, 0), at(d(2027, 2, 10), 10, 0), at(d(2027, 2, 10), 11, 0), nil, "", false, at(d(2027, 2, 10), 9, 0), at(d(2027, 2, 10), 22, 0)},
		{"seollal too far ahead", thursdayMorning, at(d(2027, 2, 8), 10, 0), at(d(2027, 2, 8), 11, 0), ErrTooFar, "설날", false, time.Time{}, time.Time{}},
		{"saturday 09-18", thursdayMorning, at(saturday, 9, 0), at(saturday, 18, 0), ErrBadLength, "", true, at(saturday, 9, 0), at(saturday, 18, 0)},
		{"saturday first hour", thursdayMorning, at(saturday, 9, 0), at(saturday, 10, 0), nil, "", true, at(saturday, 9, 0), at(saturday, 18, 0)},
		{"saturday last hour", thursdayMorning, at(saturday, 17, 0), at(saturday, 18, 0), nil, "", true, at(saturday, 9, 0), at(saturday, 18, 0)},
		{"saturday before 9", thursdayMorning, at(saturday, 8, 30), at(saturday, 9, 30), ErrClosed, "", true, at(saturday, 9, 0), at(saturday, 18, 0)},
		{"saturday after 18", thursdayMorning, at(saturday, 17, 30), at(saturday, 18, 30), ErrClosed, "", true, at(saturday, 9, 0), at(saturday, 18, 0)},
		{"sunday", thursdayMorning, at(sunday, 10, 0), at(sunday, 11, 0), ErrClosed, "", false, time.Time{}, time.Time{}},
		{"weekday last hour", thursdayMorning, at(friday, 21, 0), at(friday, 22, 0), nil, "", false, at(friday, 9, 0), at(friday, 22, 0)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db := newTestService(t, c.now)
			audits := auditCount(t, db)
			_, err := svc.Book(store.ActorVisitor, visitorReq("meeting", c.from, c.to))
			if !errors.Is(err, c.want) {
				t.Fatalf("Book err = %v, want %v", err, c.want)
			}
			if c.want != nil && auditCount(t, db) != audits {
				t.Error("refused booking wrote an audit entry")
			}
			day, err := svc.DayInfo(c.from, "meeting")
			if err != nil {
				t.Fatal(err)
			}
			if day.Holiday != (c.holiday != "") || day.HolidayName != c.holiday || day.Saturday != c.saturday {
				t.Errorf("DayInfo holiday %v %q saturday %v", day.Holiday, day.HolidayName, day.Saturday)
			}
			if wantOpen := !c.open.IsZero(); day.IsOpen != wantOpen || !day.Open.Equal(c.open) || !day.Close.Equal(c.close) {
				t.Errorf("DayInfo open %v %v-%v, want %v-%v", day.IsOpen, day.Open, day.Close, c.open, c.close)
			}
			if !day.Date.Equal(seoul.Midnight(c.from)) {
				t.Errorf("DayInfo date %v", day.Date)
			}
		})
	}
}

func TestTemporaryHoliday(t *testing.T) {
	wed := seoul.Date(2026, 12, 2, 0, 0)
	svc, db := newTestService(t, thursdayMorning)
	if err := svc.AddClosure(manager(t, svc.db), Closure{Date: at(wed, 15, 0), Holiday: true, Reason: " 임시공휴일 "}); err != nil {
		t.Fatal(err)
	}
	for _, room := range []string{"", "meeting", "seminar"} {
		day, err := svc.DayInfo(wed, room)
		if err != nil {
			t.Fatal(err)
		}
		if day.IsOpen || !day.Holiday || day.HolidayName != "임시공휴일" || day.ClosedBy != "" || !day.Surcharged() {
			t.Errorf("room %q on the temporary holiday: %+v", room, day)
		}
	}
	if _, err := svc.Book(store.ActorVisitor, visitorReq("meeting", at(wed, 10, 0), at(wed, 12, 0))); !errors.Is(err, ErrClosed) {
		t.Fatalf("Book on a temporary holiday: %v, want ErrClosed", err)
	}
	// With holiday hours set, a holiday opens and costs the surcharge; the
	// temporary and the public holiday alike.
	if err := svc.UpdateSettings(manager(t, svc.db), func(s *Settings) { s.HolidayHours = DayHours{Open: 10 * 60, Close: 16 * 60} }); err != nil {
		t.Fatal(err)
	}
	xmas := seoul.Date(2026, 12, 25, 0, 0)
	for _, day := range []time.Time{wed, xmas} {
		if _, err := svc.Book(store.ActorVisitor, visitorReq("meeting", at(day, 9, 0), at(day, 11, 0))); !errors.Is(err, ErrClosed) {
			t.Errorf("%s 09:00 outside holiday hours: %v, want ErrClosed", day.Format("01-02"), err)
		}
		if _, err := svc.Book(store.ActorVisitor, visitorReq("meeting", at(day, 15, 0), at(day, 17, 0))); !errors.Is(err, ErrClosed) {
			t.Errorf("%s until 17:00 outside holiday hours: %v, want ErrClosed", day.Format("01-02"), err)
		}
		req := visitorReq("meeting", at(day, 10, 0), at(day, 12, 0))
		q, err := svc.Quote(req)
		if err != nil {
			t.Fatal(err)
		}
		b, err := svc.Book(store.ActorVisitor, req)
		if err != nil {
			t.Fatalf("%s in holiday hours: %v", day.Format("01-02"), err)
		}
		if b.BaseFee != 20000 || b.Surcharge != 6000 || b.Fee != 26000 || q.Fee != b.Fee || q.SurchargePct != 30 {
			t.Errorf("%s holiday fee %d + %d = %d (quote %d)", day.Format("01-02"), b.BaseFee, b.Surcharge, b.Fee, q.Fee)
		}
		rd, err := svc.RoomAvailability("meeting", day)
		if err != nil || len(rd.Slots) != 12 {
			t.Errorf("%s holiday slots %d, %v; want 12", day.Format("01-02"), len(rd.Slots), err)
		}
	}
	// Removing the temporary holiday brings the weekday back.
	if err := svc.RemoveClosure(manager(t, svc.db), at(wed, 9, 0), ""); err != nil {
		t.Fatal(err)
	}
	if day, err := svc.DayInfo(wed, ""); err != nil || day.Holiday || !day.IsOpen || !day.Close.Equal(at(wed, 22, 0)) {
		t.Errorf("after RemoveClosure: %+v, %v", day, err)
	}
	if n := countKeys(t, db, "closure"); n != 0 {
		t.Errorf("%d closure keys left", n)
	}
}

func TestRoomClosure(t *testing.T) {
	day := seoul.Date(2026, 12, 4, 0, 0) // a Friday
	svc, db := newTestService(t, thursdayMorning)
	audits := auditCount(t, db)
	refused := []struct {
		name string
		c    Closure
		want error
	}{
		{"unknown room", Closure{Date: day, Room: "ballroom", Reason: "공사"}, ErrNoRoom},
		{"no date", Closure{Room: "seminar", Reason: "공사"}, ErrBadClosure},
		{"long reason", Closure{Date: day, Reason: strings.Repeat("공", 61)}, ErrBadClosure},
	}
	for _, c := range refused {
		if err := svc.AddClosure(manager(t, svc.db), c.c); !errors.Is(err, c.want) {
			t.Errorf("%s: AddClosure = %v, want %v", c.name, err, c.want)
		}
	}
	if n := auditCount(t, db); n != audits {
		t.Errorf("refused closures wrote %d audit entries", n-audits)
	}
	if n := countKeys(t, db, "closure"); n != 0 {
		t.Errorf("refused closures stored %d keys", n)
	}

	if err := svc.AddClosure(manager(t, svc.db), Closure{Date: day, Room: "seminar", Reason: "천장 공사"}); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Book(store.ActorVisitor, visitorReq("seminar", at(day, 10, 0), at(day, 12, 0))); !errors.Is(err, ErrClosed) {
		t.Errorf("Book in a closed room: %v, want ErrClosed", err)
	}
	mustBook(t, svc, "meeting", at(day, 10, 0), at(day, 12, 0))
	if d, err := svc.DayInfo(day, "seminar"); err != nil || d.IsOpen || d.ClosedBy != "천장 공사" || d.Holiday {
		t.Errorf("seminar DayInfo %+v, %v", d, err)
	}
	if d, err := svc.DayInfo(day, ""); err != nil || !d.IsOpen {
		t.Errorf("centre DayInfo %+v, %v", d, err)
	}
	avail, err := svc.Availability(day)
	if err != nil {
		t.Fatal(err)
	}
	for _, rd := range avail {
		if closed := rd.Room.ID == "seminar"; closed != !rd.Day.IsOpen || closed != (len(rd.Slots) == 0) {
			t.Errorf("%s: open %v, %d slots", rd.Room.ID, rd.Day.IsOpen, len(rd.Slots))
		}
	}
	days, err := svc.BookableDays()
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range days {
		if d.Date.Equal(day) && !d.IsOpen {
			t.Error("a one-room closure closed the centre's calendar day")
		}
	}

	// A closure of every room, without a reason.
	if err := svc.AddClosure(manager(t, svc.db), Closure{Date: day.AddDate(0, 0, 1)}); err != nil {
		t.Fatal(err)
	}
	if d, err := svc.DayInfo(day.AddDate(0, 0, 1), "consulting"); err != nil || d.IsOpen || d.ClosedBy != "closed" {
		t.Errorf("whole-centre closure seen from a room: %+v, %v", d, err)
	}

	if err := svc.RemoveClosure(manager(t, svc.db), day, "seminar"); err != nil {
		t.Fatal(err)
	}
	mustBook(t, svc, "seminar", at(day, 10, 0), at(day, 12, 0))
	audits = auditCount(t, db)
	if err := svc.RemoveClosure(manager(t, svc.db), day, "seminar"); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing twice: %v, want ErrNotFound", err)
	}
	if err := svc.RemoveClosure(manager(t, svc.db), day, ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("removing a centre closure that is not there: %v, want ErrNotFound", err)
	}
	if n := auditCount(t, db); n != audits {
		t.Error("refused RemoveClosure wrote an audit entry")
	}
}

func TestClosuresRange(t *testing.T) {
	svc, _ := newTestService(t, thursdayMorning)
	d := func(day int) time.Time { return seoul.Date(2026, 12, day, 0, 0) }
	add := []Closure{
		{Date: d(10), Reason: "c"},
		{Date: d(1), Reason: "a"},
		{Date: at(d(3), 18, 0), Room: "meeting", Reason: "b1"},
		{Date: d(3), Room: "consulting", Reason: "b2"},
		{Date: d(5), Holiday: true, Reason: "임시공휴일"},
	}
	for _, c := range add {
		if err := svc.AddClosure(manager(t, svc.db), c); err != nil {
			t.Fatal(err)
		}
	}
	cases := []struct {
		from, to time.Time
		want     []string
	}{
		{d(1), d(31), []string{"a", "b2", "b1", "임시공휴일", "c"}},
		{d(3), d(5), []string{"b2", "b1", "임시공휴일"}},
		{at(d(3), 23, 0), at(d(5), 8, 0), []string{"b2", "b1", "임시공휴일"}}, // whole days, inclusive
		{d(2), d(2), nil},
		{d(10), d(10), []string{"c"}},
		{d(11), d(31), nil},
		{seoul.Date(2026, 11, 1, 0, 0), d(1), []string{"a"}},
	}
	for _, c := range cases {
		got, err := svc.Closures(c.from, c.to)
		if err != nil {
			t.Fatal(err)
		}
		var reasons []string
		for i, cl := range got {
			if i > 0 && cl.Date.Before(got[i-1].Date) {
				t.Errorf("Closures not sorted by date")
			}
			if !cl.Date.Equal(seoul.Midnight(cl.Date)) {
				t.Errorf("closure date %v is not midnight", cl.Date)
			}
			reasons = append(reasons, cl.Reason)
		}
		// Closures of one day come in key order: consulting before meeting.
		if strings.Join(reasons, ",") != strings.Join(c.want, ",") {
			t.Errorf("Closures(%s, %s) = %v, want %v", c.from.Format("01-02 15:04"), c.to.Format("01-02 15:04"), reasons, c.want)
		}
	}
	// The stored record keeps its room and holiday flag.
	got, _ := svc.Closures(d(3), d(3))
	if len(got) != 2 || got[1].Room != "meeting" || got[0].Room != "consulting" || got[0].Holiday {
		t.Errorf("stored closures %+v", got)
	}
}

func TestBookableDays(t *testing.T) {
	cases := []struct {
		name      string
		now       time.Time
		todayOpen bool
	}{
		{"friday morning", at(friday, 8, 0), true},
		{"friday 20:30", at(friday, 20, 30), true},
		{"friday 20:59", at(friday, 20, 59), true},
		{"friday 21:09: 21:00-22:00 still bookable", at(friday, 21, 9), true},
		{"friday 21:10: too late for 21:00 (as Book says)", at(friday, 21, 10), false},
		{"friday 21:30", at(friday, 21, 30), false},
		{"friday after closing", at(friday, 23, 0), false},
		{"saturday 16:59", at(saturday, 16, 59), true},
		{"saturday 17:30", at(saturday, 17, 30), false},
		{"sunday", at(sunday, 10, 0), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, _ := newTestService(t, c.now)
			closure := seoul.Midnight(c.now).AddDate(0, 0, 12)
			if closure.Weekday() == time.Sunday {
				closure = closure.AddDate(0, 0, 1)
			}
			if err := svc.AddClosure(manager(t, svc.db), Closure{Date: closure, Reason: "소독"}); err != nil {
				t.Fatal(err)
			}
			days, err := svc.BookableDays()
			if err != nil {
				t.Fatal(err)
			}
			if len(days) != 61 {
				t.Fatalf("%d days, want today and 60 more", len(days))
			}
			for i, d := range days {
				date := seoul.Midnight(c.now).AddDate(0, 0, i)
				if !d.Date.Equal(date) {
					t.Fatalf("day %d is %v, want %v", i, d.Date, date)
				}
				wantOpen := date.Weekday() != time.Sunday && !d.Holiday && !date.Equal(closure)
				if i == 0 {
					wantOpen = c.todayOpen
				}
				if d.IsOpen != wantOpen {
					t.Errorf("%s (%s, holiday %q): open %v, want %v", date.Format("01-02"), date.Weekday(), d.HolidayName, d.IsOpen, wantOpen)
				}
				if d.Saturday != (date.Weekday() == time.Saturday) {
					t.Errorf("%s Saturday = %v", date.Format("01-02"), d.Saturday)
				}
				if date.Equal(closure) && d.ClosedBy != "소독" {
					t.Errorf("closure day ClosedBy %q", d.ClosedBy)
				}
				if date.Equal(seoul.Date(2026, 12, 25, 0, 0)) && (!d.Holiday || d.HolidayName != "성탄절") {
					t.Errorf("Christmas: %+v", d)
				}
			}
			// An open calendar day really takes a booking of the shortest
			// length; a closed one does not.
			for i, d := range days[:14] {
				if !d.IsOpen || i == 0 {
					continue
				}
				if _, err := svc.Quote(visitorReq("meeting", d.Open, d.Open.Add(time.Hour))); err != nil {
					t.Errorf("%s open in the calendar but Quote: %v", d.Date.Format("01-02"), err)
				}
			}
		})
	}
}
