package booking

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// startsByTime is Starts of room on day by "15:04".
func startsByTime(t *testing.T, svc *Service, room string, day time.Time) map[string]StartChoice {
	t.Helper()
	cs, err := svc.Starts(room, day)
	if err != nil {
		t.Fatalf("Starts %s %s: %v", room, day.Format("01-02"), err)
	}
	out := map[string]StartChoice{}
	for _, c := range cs {
		if c.CanStart != (c.Why == nil) {
			t.Errorf("%s %s: CanStart %v with Why %v", room, c.Start.Format("15:04"), c.CanStart, c.Why)
		}
		out[c.Start.Format("15:04")] = c
	}
	return out
}

func TestStarts(t *testing.T) {
	type want struct {
		state SlotState
		why   error // nil: CanStart
	}
	check := func(t *testing.T, got map[string]StartChoice, room string, wants map[string]want) {
		t.Helper()
		for hm, w := range wants {
			c, ok := got[hm]
			if !ok {
				t.Errorf("%s %s: no such start", room, hm)
				continue
			}
			if c.State != w.state || c.CanStart != (w.why == nil) || !errors.Is(c.Why, w.why) {
				t.Errorf("%s %s: state %d CanStart %v Why %v; want state %d Why %v", room, hm, c.State, c.CanStart, c.Why, w.state, w.why)
			}
		}
	}
	// meeting keeps 30 minutes for cleaning after a booking, seminar none;
	// each has a booking 14:00-15:00 on Friday (closing at 22:00).
	setup := func(t *testing.T) (*Service, *store.DB, *mockClock) {
		svc, db, clk := newClockedService(t, thursdayMorning)
		setRoom(t, db, "meeting", func(r *Room) { r.BufferMinutes = 30 })
		mustBook(t, svc, "meeting", at(friday, 14, 0), at(friday, 15, 0))
		mustBook(t, svc, "seminar", at(friday, 14, 0), at(friday, 15, 0))
		return svc, db, clk
	}

	t.Run("closing, the next booking and its buffer", func(t *testing.T) {
		svc, _, _ := setup(t)
		meeting := startsByTime(t, svc, "meeting", friday)
		if len(meeting) != 26 {
			t.Fatalf("%d starts, want 26", len(meeting))
		}
		check(t, meeting, "meeting", map[string]want{
			"09:00": {SlotFree, nil},
			"12:30": {SlotFree, nil},          // 12:30-13:30, cleaning 13:30-14:00
			"13:00": {SlotFree, ErrTaken},     // 13:00-14:00 fits, its cleaning does not
			"13:30": {SlotFree, ErrBadLength}, // the 14:00 booking comes within the hour
			"14:00": {SlotTaken, ErrTaken},
			"14:30": {SlotTaken, ErrTaken},
			"15:00": {SlotTaken, ErrTaken}, // the 14:00 booking's cleaning
			"15:30": {SlotFree, nil},
			"21:00": {SlotFree, nil},
			"21:30": {SlotFree, ErrBadLength}, // an hour from 21:30 runs past 22:00
		})
		check(t, startsByTime(t, svc, "seminar", friday), "seminar", map[string]want{
			"13:00": {SlotFree, nil}, // no cleaning buffer
			"13:30": {SlotFree, ErrBadLength},
			"15:00": {SlotFree, nil},
			"21:30": {SlotFree, ErrBadLength},
		})
	})

	t.Run("the shortest booking is a setting", func(t *testing.T) {
		svc, _, _ := setup(t)
		if err := svc.UpdateSettings(manager(t, svc.db), func(st *Settings) { st.MinMinutes = 90 }); err != nil {
			t.Fatal(err)
		}
		check(t, startsByTime(t, svc, "meeting", friday), "meeting", map[string]want{
			"12:00": {SlotFree, nil},
			"12:30": {SlotFree, ErrTaken},
			"13:00": {SlotFree, ErrBadLength},
			"20:30": {SlotFree, nil},
			"21:00": {SlotFree, ErrBadLength},
		})
	})

	t.Run("saturday closes at 18:00", func(t *testing.T) {
		svc, _, _ := setup(t)
		sat := startsByTime(t, svc, "meeting", saturday)
		if len(sat) != 18 {
			t.Fatalf("%d starts, want 18", len(sat))
		}
		check(t, sat, "meeting", map[string]want{"17:00": {SlotFree, nil}, "17:30": {SlotFree, ErrBadLength}})
	})

	t.Run("past, too far, closed, unknown", func(t *testing.T) {
		svc, _, clk := setup(t)
		clk.Set(at(friday, 12, 10))
		check(t, startsByTime(t, svc, "meeting", friday), "meeting", map[string]want{
			"09:00": {SlotPast, ErrPast},
			"12:00": {SlotPast, ErrPast}, // its check-in window closes within the payment grace
			"12:30": {SlotFree, nil},
		})
		far := friday.AddDate(0, 0, 70) // a Friday past the 60 days
		for hm, c := range startsByTime(t, svc, "meeting", far) {
			if c.State != SlotFree || !errors.Is(c.Why, ErrTooFar) {
				t.Errorf("%s %s: %+v, want free and ErrTooFar", far.Format("01-02"), hm, c)
			}
		}
		if cs, err := svc.Starts("meeting", sunday); err != nil || len(cs) != 0 {
			t.Errorf("Sunday: %d starts, %v", len(cs), err)
		}
		if err := svc.AddClosure(manager(t, svc.db), Closure{Date: saturday, Room: "meeting", Reason: "공사"}); err != nil {
			t.Fatal(err)
		}
		if cs, err := svc.Starts("meeting", saturday); err != nil || len(cs) != 0 {
			t.Errorf("closed room: %d starts, %v", len(cs), err)
		}
		if _, err := svc.Starts("ballroom", friday); !errors.Is(err, ErrNoRoom) {
			t.Errorf("unknown room: %v", err)
		}
	})

	t.Run("a block and the grid agree with RoomAvailability", func(t *testing.T) {
		svc, _, _ := setup(t)
		if _, err := svc.Block(manager(t, svc.db), "seminar", at(friday, 18, 0), at(friday, 19, 0), "projector"); err != nil {
			t.Fatal(err)
		}
		check(t, startsByTime(t, svc, "seminar", friday), "seminar", map[string]want{
			"17:00": {SlotFree, nil},
			"17:30": {SlotFree, ErrBadLength},
			"18:00": {SlotTaken, ErrTaken},
			"19:00": {SlotFree, nil},
		})
		rd, err := svc.RoomAvailability("seminar", friday)
		if err != nil {
			t.Fatal(err)
		}
		cs, err := svc.Starts("seminar", friday)
		if err != nil {
			t.Fatal(err)
		}
		for i := range rd.Slots {
			if cs[i].Slot != rd.Slots[i] {
				t.Errorf("slot %d: Starts %+v, RoomAvailability %+v", i, cs[i].Slot, rd.Slots[i])
			}
		}
	})
}

func TestEnds(t *testing.T) {
	// verdicts lists Ends' answers as "1h30:ok 2h:taken ..." for a compact
	// comparison, and checks each against Quote.
	verdicts := func(t *testing.T, svc *Service, room string, start time.Time) string {
		t.Helper()
		es, err := svc.Ends(room, start)
		if err != nil {
			t.Fatalf("Ends %s %s: %v", room, start.Format("01-02 15:04"), err)
		}
		var out bytes.Buffer
		for i, e := range es {
			if !e.End.Equal(start.Add(e.Length)) || (i > 0 && e.Length != es[i-1].Length+SlotLength) {
				t.Errorf("entry %d: length %v end %v", i, e.Length, e.End)
			}
			q, qerr := svc.Quote(visitorReq(room, start, e.End))
			switch {
			case e.OK != (e.Why == nil):
				t.Errorf("%v: OK %v with Why %v", e.Length, e.OK, e.Why)
			case e.OK && (qerr != nil || q != e.Quote):
				t.Errorf("%v: Ends quotes %+v, Quote %+v, %v", e.Length, e.Quote, q, qerr)
			case !e.OK && e.Quote != (Quote{}):
				t.Errorf("%v: a quote %+v for a refused range", e.Length, e.Quote)
			case qerr != nil && !errors.Is(qerr, e.Why):
				t.Errorf("%v: Ends says %v, Quote %v", e.Length, e.Why, qerr)
			}
			v := "ok"
			if e.Why != nil {
				v = refusal(e.Why)
			}
			if out.Len() > 0 {
				out.WriteByte(' ')
			}
			fmt.Fprintf(&out, "%s:%s", fmtLength(e.Length), v)
		}
		return out.String()
	}
	svc, db, _ := newClockedService(t, thursdayMorning)
	setRoom(t, db, "meeting", func(r *Room) { r.BufferMinutes = 30 })
	mustBook(t, svc, "meeting", at(friday, 14, 0), at(friday, 15, 0))
	audits := auditCount(t, db)

	// expect is the answer for 1h to 8h (the default lengths): the first
	// ok of them bookable, the others refused as why.
	expect := func(ok int, why string) string {
		var out []string
		for i := range 15 {
			v := why
			if i < ok {
				v = "ok"
			}
			out = append(out, fmtLength(time.Hour+time.Duration(i)*SlotLength)+":"+v)
		}
		return strings.Join(out, " ")
	}
	cases := []struct {
		name  string
		room  string
		start time.Time
		want  string
	}{
		// 12:00-13:30 leaves 13:30-14:00 for cleaning; 12:00-14:00 would not.
		{"into the next booking and its buffer", "meeting", at(friday, 12, 0), expect(2, "taken")},
		{"after the buffer, up to closing", "meeting", at(friday, 15, 30), expect(12, "closed")},
		{"past closing", "meeting", at(friday, 20, 0), expect(3, "closed")},
		{"saturday, with the surcharge", "seminar", at(saturday, 14, 0), expect(7, "closed")},
		{"off the grid", "meeting", at(friday, 10, 15), expect(0, "off the grid")},
		{"sunday", "meeting", at(sunday, 10, 0), expect(0, "closed")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := verdicts(t, svc, c.room, c.start); got != c.want {
				t.Errorf("got  %s\nwant %s", got, c.want)
			}
		})
	}

	t.Run("fees", func(t *testing.T) {
		fees := func(room string, start time.Time) []int64 {
			es, err := svc.Ends(room, start)
			if err != nil {
				t.Fatal(err)
			}
			var out []int64
			for _, e := range es {
				if e.OK {
					out = append(out, e.Quote.Fee)
				}
			}
			return out
		}
		// meeting: 10,000 won an hour; seminar: 20,000, +30% on Saturday.
		if got := fmt.Sprint(fees("meeting", at(friday, 20, 0))); got != "[10000 15000 20000]" {
			t.Errorf("friday fees %s", got)
		}
		if got := fmt.Sprint(fees("seminar", at(saturday, 16, 0))); got != "[26000 39000 52000]" {
			t.Errorf("saturday fees %s", got)
		}
		// Christmas (a Friday) is a holiday: closed unless staff open the
		// holiday hours, then charged like a Saturday.
		christmas := at(friday.AddDate(0, 0, 28), 10, 0)
		if got := verdicts(t, svc, "meeting", christmas); got[:9] != "1h:closed" {
			t.Errorf("christmas, holiday hours closed: %s", got)
		}
		if err := svc.UpdateSettings(manager(t, svc.db), func(st *Settings) { st.HolidayHours = DayHours{Open: 10 * 60, Close: 13 * 60} }); err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(fees("meeting", christmas)); got != "[13000 19500 26000 32500 39000]" {
			t.Errorf("christmas fees %s", got)
		}
		es, err := svc.Ends("meeting", christmas)
		if err != nil {
			t.Fatal(err)
		}
		if q := es[0].Quote; q.SurchargePct != 30 || q.BaseFee != 10000 || q.Surcharge != 3000 || q.Hours != 1 {
			t.Errorf("christmas hour quoted %+v", q)
		}
		audits++ // the settings change
	})

	t.Run("past, too far, unknown room", func(t *testing.T) {
		es, err := svc.Ends("meeting", at(thursdayMorning, 7, 0))
		if err != nil || !errors.Is(es[0].Why, ErrPast) {
			t.Errorf("this morning: %+v, %v", es, err)
		}
		es, err = svc.Ends("meeting", at(friday.AddDate(0, 0, 70), 10, 0))
		if err != nil || !errors.Is(es[len(es)-1].Why, ErrTooFar) {
			t.Errorf("70 days ahead: %+v, %v", es, err)
		}
		if _, err := svc.Ends("ballroom", at(friday, 10, 0)); !errors.Is(err, ErrNoRoom) {
			t.Errorf("unknown room: %v", err)
		}
	})

	if n := auditCount(t, db); n != audits {
		t.Errorf("Ends wrote: audit entries %d -> %d", audits, n)
	}
}

// fmtLength is d as "1h30".
func fmtLength(d time.Duration) string {
	h, m := int(d/time.Hour), int(d%time.Hour/time.Minute)
	if m == 0 {
		return fmt.Sprintf("%dh", h)
	}
	return fmt.Sprintf("%dh%02d", h, m)
}

// bookCopy books in a copy of a store, so that the store itself stays as
// it was. A booking made in the copy is cancelled by the centre at once:
// that frees its slots, and the holds it took over (lapsed or no-shows)
// stay released, which Book treats as it treated them before (free for
// the taking), so the copy answers every later Book as the store would.
type bookCopy struct {
	t   *testing.T
	svc *Service
}

func newBookCopy(t *testing.T, db *store.DB, now time.Time) *bookCopy {
	t.Helper()
	var buf bytes.Buffer
	if err := db.Backup(&buf); err != nil {
		t.Fatal(err)
	}
	cp, err := store.OpenInMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cp.Close() })
	if err := cp.Load(&buf); err != nil {
		t.Fatal(err)
	}
	return &bookCopy{t: t, svc: NewService(cp, fixedClock(now), nil)}
}

func (c *bookCopy) book(req Request) (Booking, error) {
	c.t.Helper()
	b, err := c.svc.Book(store.ActorVisitor, req)
	if err == nil {
		if _, err := c.svc.CancelByCentre(manager(c.t, c.svc.db), b.ID); err != nil {
			c.t.Fatalf("undoing %+v: %v", b, err)
		}
	}
	return b, err
}

// TestChoicesAgreeWithBook: on stores with bookings (paid, held, lapsed
// holds and no-shows not yet swept, made under cleaning buffers since
// changed), blocks, closures and a temporary holiday, under random rules,
// every length Ends offers is OK exactly when Quote and Book (in a copy of
// the store) accept it, with Book's error and fee; and a start is offered
// by Starts exactly when its slot is free and the shortest booking from it
// would be made.
func TestChoicesAgreeWithBook(t *testing.T) {
	seen := map[string]int{}
	for seed := uint64(1); seed <= 3; seed++ {
		t.Run(fmt.Sprint("seed ", seed), func(t *testing.T) { choicesAgreeWithBook(t, seed, seen) })
	}
	t.Logf("verdicts seen: %v", seen)
	for _, k := range []string{"ok", "ok over a stale slot", "taken", "closed", "past", "too far", "off the grid",
		"start", "start refused: length", "start refused: taken"} {
		if seen[k] == 0 {
			t.Errorf("no case gave %q: the generated stores do not exercise it", k)
		}
	}
}

// refusal names a booking refusal for counting.
func refusal(err error) string {
	for _, r := range []struct {
		err  error
		name string
	}{{ErrTaken, "taken"}, {ErrClosed, "closed"}, {ErrPast, "past"}, {ErrTooFar, "too far"},
		{ErrNotAligned, "off the grid"}, {ErrBadLength, "length"}} {
		if errors.Is(err, r.err) {
			return r.name
		}
	}
	return err.Error()
}

func choicesAgreeWithBook(t *testing.T, seed uint64, seen map[string]int) {
	rng := rand.New(rand.NewPCG(seed, 0x6b696f736b))
	pick := func(xs ...int) int { return xs[rng.IntN(len(xs))] }
	svc, db, clk := newClockedService(t, thursdayMorning)
	minM, maxM, adv := pick(30, 60, 90), pick(180, 480), pick(3, 10)
	holidayOpen := rng.IntN(2) == 0
	if err := svc.UpdateSettings(manager(t, svc.db), func(st *Settings) {
		st.MinMinutes, st.MaxMinutes, st.AdvanceDays, st.HoldHours = minM, maxM, adv, 1
		if holidayOpen {
			st.HolidayHours = DayHours{Open: 10 * 60, Close: 16 * 60}
		}
	}); err != nil {
		t.Fatal(err)
	}
	t.Logf("min %d max %d advance %d holiday hours %v", minM, maxM, adv, holidayOpen)
	rooms := DefaultRooms()
	room := func() string { return rooms[rng.IntN(len(rooms))].ID }
	setBuffers := func() {
		for _, r := range rooms {
			setRoom(t, db, r.ID, func(r *Room) { r.BufferMinutes = pick(0, 0, 30, 60) })
		}
	}
	day := func() time.Time { return thursdayMorning.AddDate(0, 0, rng.IntN(adv+1)) }
	start := func(d time.Time) time.Time { return at(d, 8+rng.IntN(15), 30*rng.IntN(2)) }
	closure := func(c Closure) {
		c.Date = day()
		if err := svc.AddClosure(manager(t, svc.db), c); err != nil {
			t.Fatal(err)
		}
	}
	book := func(n int, pay bool) {
		for range n {
			d := day()
			from := start(d)
			b, err := svc.Book(store.ActorVisitor, visitorReq(room(), from, from.Add(time.Duration(30*(1+rng.IntN(8)))*time.Minute)))
			if err == nil && pay && rng.IntN(3) > 0 {
				mustPay(t, svc, b.ID)
			}
		}
	}

	// At 08:00 on Thursday: bookings, some paid; holds lapse within the
	// hour and the paid ones of Thursday become no-shows, unswept.
	setBuffers()
	closure(Closure{Reason: "소독"})
	closure(Closure{Room: room(), Reason: "공사"})
	book(80, true)
	for range 6 {
		from := start(day())
		_, _ = svc.Block(manager(t, svc.db), room(), from, from.Add(time.Duration(30*(1+rng.IntN(6)))*time.Minute), "정비")
	}
	closure(Closure{Reason: "임시공휴일", Holiday: true})
	setBuffers() // later bookings clean for longer or shorter
	now := at(thursdayMorning, 9+rng.IntN(12), rng.IntN(60))
	clk.Set(now)
	book(20, false) // live holds
	t.Logf("now %s", now.Format("01-02 15:04"))

	copies := newBookCopy(t, db, now)
	slotHeld := func(room string, from, until time.Time) bool {
		for s := range slotsOf(t, db, room) {
			if !s.Before(from) && s.Before(until) {
				return true
			}
		}
		return false
	}
	// Half the starts fall shortly before a stored booking or block, where
	// its slots and the cleaning buffers decide; the others anywhere from
	// yesterday to past the advance limit, before opening to after closing,
	// some off the grid.
	stored, err := svc.Between(thursdayMorning, thursdayMorning.AddDate(0, 0, adv))
	if err != nil {
		t.Fatal(err)
	}
	type roomDate struct {
		room string
		date time.Time
	}
	days := map[roomDate]bool{}
	for range 25 {
		r := room()
		d := thursdayMorning.AddDate(0, 0, rng.IntN(adv+3)-1)
		from := at(d, 7+rng.IntN(17), 30*rng.IntN(2))
		switch rng.IntN(20) {
		case 0, 1:
			from = from.Add(15 * time.Minute)
		case 2, 3, 4, 5, 6, 7, 8, 9, 10, 11:
			if len(stored) == 0 {
				break
			}
			b := stored[rng.IntN(len(stored))]
			r, from = b.Room, b.From.Add(-time.Duration(1+rng.IntN(6))*SlotLength)
			d = from
		}
		if len(days) < 6 {
			days[roomDate{r, seoul.Midnight(d)}] = true
		}
		es, err := svc.Ends(r, from)
		if err != nil {
			t.Fatal(err)
		}
		if n := (maxM-minM)/30 + 1; len(es) != n {
			t.Fatalf("%d lengths, want %d", len(es), n)
		}
		for _, e := range es {
			req := visitorReq(r, from, e.End)
			q, qerr := svc.Quote(req)
			b, berr := copies.book(req)
			what := fmt.Sprintf("%s %s-%s", r, from.Format("01-02 15:04"), e.End.Format("15:04"))
			if e.OK != (qerr == nil && berr == nil) {
				t.Fatalf("%s: Ends OK %v (%v); Quote %v, Book %v", what, e.OK, e.Why, qerr, berr)
			}
			if e.OK {
				if e.Quote != q || b.Fee != e.Quote.Fee {
					t.Fatalf("%s: Ends quotes %+v; Quote %+v, Book charged %d", what, e.Quote, q, b.Fee)
				}
				seen["ok"]++
				if slotHeld(r, b.From, b.SlotsUntil) {
					seen["ok over a stale slot"]++ // taken over from a lapsed hold or a no-show
				}
				continue
			}
			if !errors.Is(berr, e.Why) || (qerr != nil && !errors.Is(qerr, e.Why)) {
				t.Fatalf("%s: Ends says %v; Quote %v, Book %v", what, e.Why, qerr, berr)
			}
			seen[refusal(e.Why)]++
		}
	}
	for rd := range days {
		r, d := rd.room, rd.date
		cs, err := svc.Starts(r, d)
		if err != nil {
			t.Fatal(err)
		}
		rd, err := svc.RoomAvailability(r, d)
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != len(rd.Slots) {
			t.Fatalf("%s %s: %d starts, %d slots", r, d.Format("01-02"), len(cs), len(rd.Slots))
		}
		for i, c := range cs {
			if c.Slot != rd.Slots[i] {
				t.Fatalf("%s: Starts %+v, RoomAvailability %+v", r, c.Slot, rd.Slots[i])
			}
			if c.State != SlotFree {
				if c.CanStart {
					t.Fatalf("%s %s: state %d, yet CanStart", r, c.Start.Format("01-02 15:04"), c.State)
				}
				continue
			}
			es, err := svc.Ends(r, c.Start)
			if err != nil {
				t.Fatal(err)
			}
			what := fmt.Sprintf("%s %s", r, c.Start.Format("01-02 15:04"))
			if c.CanStart != es[0].OK || c.CanStart != (c.Why == nil) {
				t.Fatalf("%s: state %d CanStart %v (%v); the shortest booking: %v", what, c.State, c.CanStart, c.Why, es[0].Why)
			}
			if c.CanStart {
				seen["start"]++
				continue
			}
			seen["start refused: "+refusal(c.Why)]++
			for _, e := range es {
				if e.OK {
					t.Fatalf("%s: refused as a start (%v) but %v from it is OK", what, c.Why, e.Length)
				}
			}
		}
	}
}
