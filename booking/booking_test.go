package booking

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// 27 November 2026 is a Friday; the 28th a Saturday, the 29th a Sunday.
var (
	friday   = seoul.Date(2026, 11, 27, 0, 0)
	saturday = seoul.Date(2026, 11, 28, 0, 0)
	sunday   = seoul.Date(2026, 11, 29, 0, 0)
)

// at is hh:mm on day.
func at(day time.Time, hh, mm int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), hh, mm, 0, 0, seoul.Location)
}

func fixedClock(t time.Time) seoul.Clock { return func() time.Time { return t } }

func testKeys(t *testing.T) *pass.Keyring {
	t.Helper()
	k, err := pass.NewMemoryKeyring(map[uint8][]byte{1: bytes.Repeat([]byte{7}, 32)}, 1)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// newTestService opens a fresh in-memory store with the default rooms, the
// manager the tests act as (see manager) and a service whose clock stands
// still at now.
func newTestService(t *testing.T, now time.Time) (*Service, *store.DB) {
	t.Helper()
	db, err := store.OpenInMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := SeedRooms(tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	manager(t, db)
	return NewService(db, fixedClock(now), testKeys(t)), db
}

// setRoom rewrites a stored room through an audited update, as staff would.
func setRoom(t *testing.T, db *store.DB, id string, edit func(*Room)) {
	t.Helper()
	err := db.Update(manager(t, db), "room.edit", func(tx *store.Txn) error {
		var r Room
		if err := getRoom(tx, id, &r); err != nil {
			return err
		}
		edit(&r)
		return tx.Put(roomKey(r.ID), r)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func countKeys(t *testing.T, db *store.DB, prefix string) int {
	t.Helper()
	n, err := db.CountKeys(store.Prefix(prefix))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func auditCount(_ *testing.T, db *store.DB) int { return db.AuditLen() }

// slotsOf returns every slot key of room as start time -> booking id.
func slotsOf(t *testing.T, db *store.DB, room string) map[time.Time]string {
	t.Helper()
	out := map[time.Time]string{}
	off := slotTimeOffset(room)
	if err := db.View(func(tx *store.Txn) error {
		return tx.Scan(slotPrefix(room), func(k, v []byte) error {
			out[store.TimeAt(k, off).In(seoul.Location)] = string(v)
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDefaultHours(t *testing.T) {
	h := DefaultHours()
	cases := []struct {
		name            string
		t               time.Time
		ok              bool
		wantOpen, wantC time.Time
	}{
		{"friday noon", at(friday, 12, 0), true, at(friday, 9, 0), at(friday, 22, 0)},
		{"friday just after midnight", at(friday, 0, 0), true, at(friday, 9, 0), at(friday, 22, 0)},
		{"friday late night", at(friday, 23, 59), true, at(friday, 9, 0), at(friday, 22, 0)},
		{"monday", seoul.Date(2026, 11, 23, 10, 0), true, seoul.Date(2026, 11, 23, 9, 0), seoul.Date(2026, 11, 23, 22, 0)},
		{"wednesday", seoul.Date(2026, 11, 25, 21, 0), true, seoul.Date(2026, 11, 25, 9, 0), seoul.Date(2026, 11, 25, 22, 0)},
		{"saturday", at(saturday, 10, 0), true, at(saturday, 9, 0), at(saturday, 18, 0)},
		{"sunday", at(sunday, 10, 0), false, time.Time{}, time.Time{}},
		// 20:00 UTC on Friday is 05:00 on Saturday in Seoul: Saturday hours.
		{"utc friday evening is seoul saturday", time.Date(2026, 11, 27, 20, 0, 0, 0, time.UTC), true, at(saturday, 9, 0), at(saturday, 18, 0)},
		// 16:00 UTC on Saturday is 01:00 on Sunday in Seoul: closed.
		{"utc saturday afternoon is seoul sunday", time.Date(2026, 11, 28, 16, 0, 0, 0, time.UTC), false, time.Time{}, time.Time{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			open, closeAt, ok := h.On(c.t)
			if ok != c.ok {
				t.Fatalf("On(%v) ok = %v, want %v", c.t, ok, c.ok)
			}
			if !ok {
				return
			}
			if !open.Equal(c.wantOpen) || !closeAt.Equal(c.wantC) {
				t.Fatalf("On(%v) = %v..%v, want %v..%v", c.t, open, closeAt, c.wantOpen, c.wantC)
			}
			if open.Location() != seoul.Location {
				t.Fatalf("opening time in %v, want Asia/Seoul", open.Location())
			}
		})
	}
	for d := time.Sunday; d <= time.Saturday; d++ {
		if got, want := h[d].Closed(), d == time.Sunday; got != want {
			t.Errorf("%v Closed() = %v, want %v", d, got, want)
		}
	}
	if !(DayHours{Open: 600, Close: 600}).Closed() || !(DayHours{Open: 700, Close: 600}).Closed() {
		t.Error("a day with Open >= Close must be closed")
	}
}

func TestSeedRoomsIdempotent(t *testing.T) {
	db, err := store.OpenInMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	seed := func() int {
		t.Helper()
		var added int
		if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
			var err error
			added, err = SeedRooms(tx)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return added
	}
	if got, want := seed(), len(DefaultRooms()); got != want {
		t.Fatalf("first seed added %d, want %d", got, want)
	}
	setRoom(t, db, "seminar", func(r *Room) { r.HourlyFee = 33000; r.Name = "큰 세미나실" })
	if got := seed(); got != 0 {
		t.Fatalf("second seed added %d, want 0", got)
	}
	svc := NewService(db, fixedClock(friday), testKeys(t))
	rooms, err := svc.Rooms()
	if err != nil {
		t.Fatal(err)
	}
	if len(rooms) != 5 {
		t.Fatalf("%d rooms, want 5", len(rooms))
	}
	for i, r := range rooms {
		want := DefaultRooms()[i]
		if r.ID == "seminar" {
			want.HourlyFee, want.Name = 33000, "큰 세미나실"
		}
		if r != want {
			t.Errorf("room %d = %+v, want %+v", i, r, want)
		}
	}
	if got := countKeys(t, db, "room"); got != 5 {
		t.Fatalf("%d room keys, want 5", got)
	}
	if _, err := svc.Room("nope"); !errors.Is(err, ErrNoRoom) {
		t.Fatalf("Room(nope) err = %v, want ErrNoRoom", err)
	}
	// A deleted default room comes back on the next seed, alone.
	if err := db.Update(manager(t, db), "room.delete", func(tx *store.Txn) error { return tx.Delete(roomKey("meeting")) }); err != nil {
		t.Fatal(err)
	}
	if got := seed(); got != 1 {
		t.Fatalf("seed after deleting one room added %d, want 1", got)
	}
	if r, err := svc.Room("seminar"); err != nil || r.HourlyFee != 33000 {
		t.Fatalf("edited room after reseeding = %+v, %v", r, err)
	}
}

func TestBookValidation(t *testing.T) {
	now := seoul.Date(2026, 11, 26, 15, 0) // Thursday afternoon
	cases := []struct {
		name     string
		room     string
		from, to time.Time
		want     error
	}{
		{"start off the grid", "meeting", at(friday, 10, 15), at(friday, 11, 15), ErrNotAligned},
		{"end off the grid", "meeting", at(friday, 10, 0), at(friday, 11, 10), ErrNotAligned},
		{"stray seconds", "meeting", at(friday, 10, 0).Add(30 * time.Second), at(friday, 11, 0), ErrNotAligned},
		{"stray nanoseconds", "meeting", at(friday, 10, 0), at(friday, 11, 0).Add(1), ErrNotAligned},
		{"30 minutes", "meeting", at(friday, 10, 0), at(friday, 10, 30), ErrBadLength},
		{"8.5 hours", "meeting", at(friday, 9, 0), at(friday, 17, 30), ErrBadLength},
		{"zero length", "meeting", at(friday, 10, 0), at(friday, 10, 0), ErrBadLength},
		{"end before start", "meeting", at(friday, 12, 0), at(friday, 10, 0), ErrBadLength},
		{"yesterday", "meeting", seoul.Date(2026, 11, 25, 10, 0), seoul.Date(2026, 11, 25, 11, 0), ErrPast},
		{"started half an hour ago", "meeting", seoul.Date(2026, 11, 26, 14, 30), seoul.Date(2026, 11, 26, 16, 0), ErrPast},
		{"start 08:30", "meeting", at(friday, 8, 30), at(friday, 10, 0), ErrClosed},
		{"ending 22:30", "meeting", at(friday, 21, 0), at(friday, 22, 30), ErrClosed},
		{"over midnight", "meeting", at(friday, 20, 0), at(saturday, 4, 0), ErrClosed},
		{"saturday after 18:00", "meeting", at(saturday, 17, 0), at(saturday, 19, 0), ErrClosed},
		{"sunday", "meeting", at(sunday, 10, 0), at(sunday, 11, 0), ErrClosed},
		{"unknown room", "ballroom", at(friday, 10, 0), at(friday, 11, 0), ErrNoRoom},
		{"empty room", "", at(friday, 10, 0), at(friday, 11, 0), ErrNoRoom},
	}
	svc, db := newTestService(t, now)
	audits := auditCount(t, db)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			b, err := svc.Book(store.ActorVisitor, Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: c.room, From: c.from, To: c.to})
			if !errors.Is(err, c.want) {
				t.Fatalf("Book err = %v, want %v", err, c.want)
			}
			worded(t, err)
			if b != (Booking{}) {
				t.Errorf("failed Book returned %+v", b)
			}
			if n := countKeys(t, db, "slot"); n != 0 {
				t.Errorf("%d slot keys written", n)
			}
			if n := countKeys(t, db, "booking"); n != 0 {
				t.Errorf("%d booking keys written", n)
			}
			if n := auditCount(t, db); n != audits {
				t.Errorf("audit entries %d, want %d", n, audits)
			}
		})
	}
	// Booking right at "now" is not in the past, and 8 hours is allowed.
	if _, err := svc.Book(store.ActorVisitor, Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: "meeting", From: now, To: now.Add(time.Hour)}); err != nil {
		t.Fatalf("booking starting now: %v", err)
	}
	if _, err := svc.Book(store.ActorVisitor, Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: "meeting", From: at(friday, 9, 0), To: at(friday, 17, 0)}); err != nil {
		t.Fatalf("8-hour booking: %v", err)
	}
	// A request given in UTC is judged in Seoul: 01:00 UTC is 10:00 KST.
	if _, err := svc.Book(store.ActorVisitor, Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: "seminar",
		From: time.Date(2026, 11, 27, 1, 0, 0, 0, time.UTC), To: time.Date(2026, 11, 27, 2, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatalf("UTC request inside Seoul hours: %v", err)
	}
}

func TestBookStoresSlotsAndFee(t *testing.T) {
	now := seoul.Date(2026, 11, 26, 8, 0)
	cases := []struct {
		name      string
		room      string
		buffer    int
		from, to  time.Time
		wantSlots []time.Time
		wantFee   int64
	}{
		{"one hour, no buffer", "meeting", 0, at(friday, 10, 0), at(friday, 11, 0),
			[]time.Time{at(friday, 10, 0), at(friday, 10, 30)}, 10000},
		{"90 minutes costs 1.5 hours", "multipurpose", 0, at(friday, 10, 0), at(friday, 11, 30),
			[]time.Time{at(friday, 10, 0), at(friday, 10, 30), at(friday, 11, 0)}, 22500},
		{"two hours with 30-minute buffer", "seminar", 30, at(friday, 13, 0), at(friday, 15, 0),
			[]time.Time{at(friday, 13, 0), at(friday, 13, 30), at(friday, 14, 0), at(friday, 14, 30), at(friday, 15, 0)}, 40000},
		{"90 minutes with hour buffer", "investment", 60, at(friday, 9, 0), at(friday, 10, 30),
			[]time.Time{at(friday, 9, 0), at(friday, 9, 30), at(friday, 10, 0), at(friday, 10, 30), at(friday, 11, 0)}, 7500},
		{"15-minute buffer takes a whole slot", "consulting", 15, at(friday, 16, 0), at(friday, 17, 0),
			[]time.Time{at(friday, 16, 0), at(friday, 16, 30), at(friday, 17, 0)}, 5000},
		{"buffer after closing still kept", "seminar", 30, at(friday, 20, 0), at(friday, 22, 0),
			[]time.Time{at(friday, 20, 0), at(friday, 20, 30), at(friday, 21, 0), at(friday, 21, 30), at(friday, 22, 0)}, 40000},
		{"8 hours on a Saturday: +30%", "meeting", 0, at(saturday, 9, 0), at(saturday, 17, 0), nil, 104000},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db := newTestService(t, now)
			if c.buffer != 0 {
				setRoom(t, db, c.room, func(r *Room) { r.BufferMinutes = c.buffer })
			}
			b, err := svc.Book(store.ActorVisitor, Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: c.room, From: c.from, To: c.to})
			if err != nil {
				t.Fatal(err)
			}
			if b.Room != c.room || !b.From.Equal(c.from) || !b.To.Equal(c.to) || b.Status != StatusHeld || !b.CreatedAt.Equal(now) {
				t.Fatalf("booking = %+v", b)
			}
			if b.Fee != c.wantFee {
				t.Errorf("fee = %d, want %d", b.Fee, c.wantFee)
			}
			want := c.wantSlots
			if want == nil {
				for s := c.from; s.Before(c.to); s = s.Add(SlotLength) {
					want = append(want, s)
				}
			}
			slots := slotsOf(t, db, c.room)
			if len(slots) != len(want) {
				t.Fatalf("%d slots stored, want %d: %v", len(slots), len(want), slots)
			}
			for _, s := range want {
				if slots[s] != b.ID {
					t.Errorf("slot %v -> %q, want %q", s.Format("15:04"), slots[s], b.ID)
				}
			}
			if n := countKeys(t, db, "slot"); n != len(want) {
				t.Errorf("%d slot keys in all rooms, want %d", n, len(want))
			}
			got, err := svc.Get(b.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.ID != b.ID || got.Fee != b.Fee || !got.From.Equal(b.From) || !got.To.Equal(b.To) || got.Room != b.Room || got.Status != b.Status {
				t.Errorf("stored %+v, returned %+v", got, b)
			}
			log, err := db.AuditLog(0, 0)
			if err != nil {
				t.Fatal(err)
			}
			last := log[len(log)-1]
			if last.Action != "booking.create" || last.Actor != store.ActorVisitor || len(last.Notes) != 1 || !strings.Contains(last.Notes[0], b.ID) {
				t.Errorf("audit entry = %+v", last)
			}
		})
	}
	svc, _ := newTestService(t, now)
	if _, err := svc.Get("NOSUCHID"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get unknown: %v, want ErrNotFound", err)
	}
}

func TestBookOverlap(t *testing.T) {
	now := seoul.Date(2026, 11, 26, 8, 0)
	// "meeting" has no buffer; "seminar" gets a 30-minute buffer. Each has
	// one booking from 10:00 to 12:00 when a case runs.
	cases := []struct {
		name     string
		room     string
		from, to time.Time
		want     error
	}{
		{"same time", "meeting", at(friday, 10, 0), at(friday, 12, 0), ErrTaken},
		{"starts inside", "meeting", at(friday, 11, 0), at(friday, 13, 0), ErrTaken},
		{"ends inside", "meeting", at(friday, 9, 0), at(friday, 10, 30), ErrTaken},
		{"inside", "meeting", at(friday, 10, 30), at(friday, 11, 30), ErrTaken},
		{"around", "meeting", at(friday, 9, 0), at(friday, 13, 0), ErrTaken},
		{"last slot", "meeting", at(friday, 11, 30), at(friday, 12, 30), ErrTaken},
		{"adjacent after", "meeting", at(friday, 12, 0), at(friday, 13, 0), nil},
		{"adjacent before", "meeting", at(friday, 9, 0), at(friday, 10, 0), nil},
		{"other room same time", "multipurpose", at(friday, 10, 0), at(friday, 12, 0), nil},
		{"other day same time", "meeting", at(saturday, 10, 0), at(saturday, 12, 0), nil},
		{"in the buffer", "seminar", at(friday, 12, 0), at(friday, 13, 0), ErrTaken},
		{"after the buffer", "seminar", at(friday, 12, 30), at(friday, 13, 30), nil},
		// The new booking's own cleaning buffer would run into the 10:00 start.
		{"own buffer runs into next", "seminar", at(friday, 9, 0), at(friday, 10, 0), ErrTaken},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db := newTestService(t, now)
			setRoom(t, db, "seminar", func(r *Room) { r.BufferMinutes = 30 })
			first := map[string]Booking{}
			for _, room := range []string{"meeting", "seminar"} {
				b, err := svc.Book(store.ActorVisitor, Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: room, From: at(friday, 10, 0), To: at(friday, 12, 0)})
				if err != nil {
					t.Fatal(err)
				}
				first[room] = b
			}
			slotsBefore := countKeys(t, db, "slot")
			audits := auditCount(t, db)
			b, err := svc.Book(store.ActorVisitor, Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: c.room, From: c.from, To: c.to})
			if !errors.Is(err, c.want) {
				t.Fatalf("Book err = %v, want %v", err, c.want)
			}
			if c.want != nil {
				if n := countKeys(t, db, "slot"); n != slotsBefore {
					t.Errorf("slot keys %d -> %d after a refused booking", slotsBefore, n)
				}
				if n := countKeys(t, db, "booking"); n != 2 {
					t.Errorf("%d bookings stored, want 2", n)
				}
				if n := auditCount(t, db); n != audits {
					t.Errorf("audit entries %d -> %d after a refused booking", audits, n)
				}
			} else if _, err := svc.Get(b.ID); err != nil {
				t.Errorf("new booking not stored: %v", err)
			}
			// The first booking's slots still belong to it.
			for room, fb := range first {
				slots := slotsOf(t, db, room)
				for s := fb.From; s.Before(fb.To); s = s.Add(SlotLength) {
					if slots[s] != fb.ID {
						t.Errorf("%s slot %v -> %q, want %q", room, s.Format("15:04"), slots[s], fb.ID)
					}
				}
			}
		})
	}
}

func TestConcurrentBookingsNeverOverlap(t *testing.T) {
	now := seoul.Date(2026, 11, 26, 8, 0)
	db, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := SeedRooms(tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	setRoom(t, db, "seminar", func(r *Room) { r.BufferMinutes = 30 })
	svc := NewService(db, fixedClock(now), testKeys(t))
	rooms := []string{"seminar", "meeting", "consulting"}

	const workers = 64
	rng := rand.New(rand.NewPCG(20261127, 64))
	reqs := make([]Request, workers)
	for i := range reqs {
		slots := 2 + rng.IntN(3) // 1, 1.5 or 2 hours
		last := 26 - slots       // 26 slots from 09:00 to 22:00
		from := at(friday, 9, 0).Add(time.Duration(rng.IntN(last+1)) * SlotLength)
		reqs[i] = Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: rooms[rng.IntN(len(rooms))], From: from, To: from.Add(time.Duration(slots) * SlotLength)}
	}
	results := make([]Booking, workers)
	errs := make([]error, workers)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			results[i], errs[i] = svc.Book(store.ActorVisitor, reqs[i])
		}()
	}
	close(start)
	wg.Wait()

	buffer := map[string]time.Duration{"seminar": 30 * time.Minute}
	ok := 0
	for i, err := range errs {
		switch {
		case err == nil:
			ok++
			got, gerr := svc.Get(results[i].ID)
			if gerr != nil {
				t.Errorf("booking %d (%s) not stored: %v", i, results[i].ID, gerr)
				continue
			}
			if got.Room != reqs[i].Room || !got.From.Equal(reqs[i].From) || !got.To.Equal(reqs[i].To) {
				t.Errorf("booking %d stored as %+v, requested %+v", i, got, reqs[i])
			}
		case errors.Is(err, ErrTaken):
		default:
			t.Errorf("booking %d: unexpected error %v", i, err)
		}
	}
	t.Logf("%d of %d concurrent bookings succeeded", ok, workers)
	if ok == 0 || ok == workers {
		t.Errorf("%d of %d bookings succeeded; the random requests should partly collide", ok, workers)
	}

	stored := map[string]Booking{}
	if err := db.View(func(tx *store.Txn) error {
		return tx.Scan(store.Prefix("booking"), func(_, v []byte) error {
			var b Booking
			if err := decode(v, &b); err != nil {
				return err
			}
			stored[b.ID] = b
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if len(stored) != ok {
		t.Fatalf("%d bookings stored, %d calls succeeded", len(stored), ok)
	}
	slotCount := map[string]int{}
	totalSlots := 0
	for _, room := range rooms {
		for s, id := range slotsOf(t, db, room) {
			totalSlots++
			b, found := stored[id]
			if !found {
				t.Errorf("%s slot %v -> %q: no such booking", room, s.Format("15:04"), id)
				continue
			}
			if b.Room != room || s.Before(b.From) || !s.Before(b.To.Add(buffer[room])) {
				t.Errorf("%s slot %v -> booking %+v that does not cover it", room, s.Format("15:04"), b)
			}
			slotCount[id]++
		}
	}
	if n := countKeys(t, db, "slot"); n != totalSlots {
		t.Errorf("%d slot keys outside the three rooms", n-totalSlots)
	}
	for id, b := range stored {
		if want := int((b.To.Sub(b.From) + buffer[b.Room]) / SlotLength); slotCount[id] != want {
			t.Errorf("booking %s holds %d slots, want %d", id, slotCount[id], want)
		}
	}
	all := make([]Booking, 0, len(stored))
	for _, b := range stored {
		all = append(all, b)
	}
	for i, a := range all {
		for _, b := range all[i+1:] {
			if a.Room != b.Room {
				continue
			}
			if a.From.Before(b.To.Add(buffer[b.Room])) && b.From.Before(a.To.Add(buffer[a.Room])) {
				t.Errorf("bookings overlap: %+v and %+v", a, b)
			}
		}
	}
	// The seed, the manager's enrolment, the room edit and the bookings.
	if n, err := db.VerifyAudit(); err != nil || n != 3+ok {
		t.Errorf("VerifyAudit = %d, %v; want %d entries", n, err, 3+ok)
	}
}

func TestTodayStatus(t *testing.T) {
	booked := seoul.Date(2026, 11, 26, 8, 0) // bookings are made the day before
	type span struct{ from, to time.Time }
	cases := []struct {
		name     string
		now      time.Time
		buffer   int
		bookings []span // in "meeting"
		want     RoomStatus
	}{
		{"before opening", at(friday, 8, 0), 0, nil,
			RoomStatus{State: StateNotYetOpen, Opens: at(friday, 9, 0), NextFree: at(friday, 9, 0)}},
		{"before opening, first hour booked", at(friday, 7, 59), 0, []span{{at(friday, 9, 0), at(friday, 10, 0)}},
			RoomStatus{State: StateNotYetOpen, Opens: at(friday, 9, 0), NextFree: at(friday, 10, 0)}},
		{"free all day", at(friday, 9, 0), 0, nil,
			RoomStatus{State: StateFree, FreeUntil: at(friday, 22, 0), NextFree: at(friday, 9, 0)}},
		{"free with a later booking", at(friday, 10, 10), 0, []span{{at(friday, 13, 0), at(friday, 14, 0)}},
			RoomStatus{State: StateFree, FreeUntil: at(friday, 13, 0), NextFree: at(friday, 10, 10)}},
		{"free just after a booking", at(friday, 11, 0), 0, []span{{at(friday, 10, 0), at(friday, 11, 0)}, {at(friday, 15, 0), at(friday, 16, 0)}},
			RoomStatus{State: StateFree, FreeUntil: at(friday, 15, 0), NextFree: at(friday, 11, 0)}},
		{"busy through two back-to-back bookings", at(friday, 10, 45), 0,
			[]span{{at(friday, 10, 0), at(friday, 11, 0)}, {at(friday, 11, 0), at(friday, 12, 30)}, {at(friday, 13, 0), at(friday, 14, 0)}},
			RoomStatus{State: StateBusy, BusyUntil: at(friday, 12, 30), NextFree: at(friday, 12, 30)}},
		{"busy in the second of two", at(friday, 12, 0), 0,
			[]span{{at(friday, 10, 0), at(friday, 11, 0)}, {at(friday, 11, 0), at(friday, 12, 30)}},
			RoomStatus{State: StateBusy, BusyUntil: at(friday, 12, 30), NextFree: at(friday, 12, 30)}},
		{"busy at the first minute", at(friday, 9, 0), 0, []span{{at(friday, 9, 0), at(friday, 10, 30)}},
			RoomStatus{State: StateBusy, BusyUntil: at(friday, 10, 30), NextFree: at(friday, 10, 30)}},
		{"busy until closing", at(friday, 21, 0), 0, []span{{at(friday, 19, 0), at(friday, 20, 30)}, {at(friday, 20, 30), at(friday, 22, 0)}},
			RoomStatus{State: StateBusy, BusyUntil: at(friday, 22, 0)}},
		{"busy during the cleaning buffer", at(friday, 11, 10), 30, []span{{at(friday, 10, 0), at(friday, 11, 0)}},
			RoomStatus{State: StateBusy, BusyUntil: at(friday, 11, 30), NextFree: at(friday, 11, 30)}},
		// Closed for the day: the next opening is told too.
		{"at closing", at(friday, 22, 0), 0, nil, RoomStatus{State: StateClosed, Opens: at(saturday, 9, 0)}},
		{"after closing", at(friday, 23, 0), 0, []span{{at(friday, 20, 0), at(friday, 22, 0)}}, RoomStatus{State: StateClosed, Opens: at(saturday, 9, 0)}},
		{"saturday afternoon", at(saturday, 17, 0), 0, nil,
			RoomStatus{State: StateFree, FreeUntil: at(saturday, 18, 0), NextFree: at(saturday, 17, 0)}},
		{"saturday after closing", at(saturday, 18, 30), 0, nil, RoomStatus{State: StateClosed, Opens: seoul.Date(2026, 11, 30, 9, 0)}},
		{"sunday", at(sunday, 12, 0), 0, nil, RoomStatus{State: StateClosed, Opens: seoul.Date(2026, 11, 30, 9, 0)}},
		{"bookings of another day do not count", at(friday, 10, 0), 0, []span{{at(saturday, 10, 0), at(saturday, 12, 0)}},
			RoomStatus{State: StateFree, FreeUntil: at(friday, 22, 0), NextFree: at(friday, 10, 0)}},
		// 01:30 UTC is 10:30 in Seoul.
		{"now given in UTC", time.Date(2026, 11, 27, 1, 30, 0, 0, time.UTC), 0, []span{{at(friday, 10, 0), at(friday, 11, 0)}},
			RoomStatus{State: StateBusy, BusyUntil: at(friday, 11, 0), NextFree: at(friday, 11, 0)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db := newTestService(t, booked)
			if c.buffer != 0 {
				setRoom(t, db, "meeting", func(r *Room) { r.BufferMinutes = c.buffer })
			}
			for _, s := range c.bookings {
				if _, err := svc.Book(store.ActorVisitor, Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: "meeting", From: s.from, To: s.to}); err != nil {
					t.Fatalf("booking %v-%v: %v", s.from, s.to, err)
				}
			}
			sts, err := svc.TodayStatus(c.now)
			if err != nil {
				t.Fatal(err)
			}
			if len(sts) != len(DefaultRooms()) {
				t.Fatalf("%d statuses, want %d", len(sts), len(DefaultRooms()))
			}
			for i, st := range sts {
				if st.Room.ID != DefaultRooms()[i].ID {
					t.Fatalf("status %d is room %s, want %s (display order)", i, st.Room.ID, DefaultRooms()[i].ID)
				}
				if st.Room.ID != "meeting" {
					// The other rooms have no bookings: they show an empty day.
					n := c.now.In(seoul.Location)
					open, closeAt, ok := DefaultHours().On(n)
					want := statusAt(n, open, closeAt, ok, nil)
					if want.State == StateClosed {
						want.Opens = c.want.Opens // the same next opening for every room
					}
					if !sameStatus(st, want) || st.State == StateBusy {
						t.Errorf("room %s: %s, want %s", st.Room.ID, fmtStatus(st), fmtStatus(want))
					}
					continue
				}
				st.Room = Room{}
				if !sameStatus(st, c.want) {
					t.Fatalf("status = %s\nwant     %s", fmtStatus(st), fmtStatus(c.want))
				}
			}
		})
	}
}

func sameStatus(a, b RoomStatus) bool {
	return a.State == b.State && a.FreeUntil.Equal(b.FreeUntil) && a.BusyUntil.Equal(b.BusyUntil) &&
		a.NextFree.Equal(b.NextFree) && a.Opens.Equal(b.Opens)
}

func fmtStatus(s RoomStatus) string {
	f := func(t time.Time) string {
		if t.IsZero() {
			return "-"
		}
		return t.In(seoul.Location).Format("Mon 15:04")
	}
	return fmt.Sprintf("{state %d free-until %s busy-until %s next-free %s opens %s}",
		s.State, f(s.FreeUntil), f(s.BusyUntil), f(s.NextFree), f(s.Opens))
}

func TestStatusAt(t *testing.T) {
	open, closeAt := at(friday, 9, 0), at(friday, 22, 0)
	taken := func(ts ...time.Time) map[int64]bool {
		m := map[int64]bool{}
		for _, t := range ts {
			m[t.Unix()] = true
		}
		return m
	}
	cases := []struct {
		name   string
		now    time.Time
		isOpen bool
		taken  map[int64]bool
		want   RoomStatus
	}{
		{"closed day", at(friday, 12, 0), false, nil, RoomStatus{State: StateClosed}},
		{"before opening, whole day booked", at(friday, 8, 0), true, allSlots(open, closeAt),
			RoomStatus{State: StateNotYetOpen, Opens: open}},
		{"busy until closing", at(friday, 21, 59), true, taken(at(friday, 21, 30)),
			RoomStatus{State: StateBusy, BusyUntil: closeAt}},
		{"free in the last slot", at(friday, 21, 45), true, taken(at(friday, 21, 0)),
			RoomStatus{State: StateFree, FreeUntil: closeAt, NextFree: at(friday, 21, 45)}},
		{"free until the next slot", at(friday, 9, 29), true, taken(at(friday, 9, 30)),
			RoomStatus{State: StateFree, FreeUntil: at(friday, 9, 30), NextFree: at(friday, 9, 29)}},
		{"busy with a gap later", at(friday, 9, 0), true, taken(at(friday, 9, 0), at(friday, 9, 30), at(friday, 10, 30)),
			RoomStatus{State: StateBusy, BusyUntil: at(friday, 10, 0), NextFree: at(friday, 10, 0)}},
		{"slots outside the day ignored", at(friday, 9, 0), true, taken(at(friday, 8, 30), at(friday, 22, 0)),
			RoomStatus{State: StateFree, FreeUntil: closeAt, NextFree: at(friday, 9, 0)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := statusAt(c.now, open, closeAt, c.isOpen, c.taken)
			if !sameStatus(got, c.want) {
				t.Fatalf("statusAt = %s\nwant       %s", fmtStatus(got), fmtStatus(c.want))
			}
		})
	}
}

func allSlots(from, to time.Time) map[int64]bool {
	m := map[int64]bool{}
	for t := from; t.Before(to); t = t.Add(SlotLength) {
		m[t.Unix()] = true
	}
	return m
}

func TestRandomCode(t *testing.T) {
	seen := map[byte]int{}
	for _, n := range []int{0, 1, 8, 31, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			for range 20 {
				c := randomCode(n)
				if len(c) != n {
					t.Fatalf("len(randomCode(%d)) = %d", n, len(c))
				}
				for i := range len(c) {
					if strings.IndexByte(codeAlphabet, c[i]) < 0 {
						t.Fatalf("randomCode(%d) = %q has %q outside the alphabet", n, c, c[i])
					}
					seen[c[i]]++
				}
			}
		})
	}
	// 20 × 1040 characters: every one of the 31 letters turns up.
	if len(seen) != len(codeAlphabet) {
		t.Errorf("only %d of %d alphabet characters drawn", len(seen), len(codeAlphabet))
	}
	for _, bad := range "01ILO" {
		if strings.ContainsRune(codeAlphabet, bad) {
			t.Errorf("alphabet contains ambiguous %q", bad)
		}
	}
	if len(codeAlphabet) != 31 {
		t.Errorf("alphabet has %d characters", len(codeAlphabet))
	}
}

func TestBookingIDsUnique(t *testing.T) {
	now := seoul.Date(2026, 11, 1, 8, 0)
	svc, db := newTestService(t, now)
	rooms, err := svc.Rooms()
	if err != nil {
		t.Fatal(err)
	}
	const want = 1000
	ids := map[string]bool{}
	for day := seoul.Date(2026, 11, 2, 0, 0); len(ids) < want; day = day.AddDate(0, 0, 1) {
		d, err := svc.DayInfo(day, "")
		if err != nil {
			t.Fatal(err)
		}
		open, closeAt := d.Open, d.Close
		if !d.IsOpen {
			continue
		}
		for from := open; !from.Add(time.Hour).After(closeAt) && len(ids) < want; from = from.Add(time.Hour) {
			for _, r := range rooms {
				if len(ids) == want {
					break
				}
				b, err := svc.Book(store.ActorVisitor, Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: r.ID, From: from, To: from.Add(time.Hour)})
				if err != nil {
					t.Fatalf("book %s %v: %v", r.ID, from, err)
				}
				if len(b.ID) != 8 || strings.Trim(b.ID, codeAlphabet) != "" {
					t.Fatalf("booking id %q is not 8 characters of the code alphabet", b.ID)
				}
				if ids[b.ID] {
					t.Fatalf("booking id %q issued twice", b.ID)
				}
				ids[b.ID] = true
			}
		}
	}
	if n := countKeys(t, db, "booking"); n != want {
		t.Fatalf("%d bookings stored, want %d", n, want)
	}
	if n := countKeys(t, db, "slot"); n != 2*want {
		t.Fatalf("%d slot keys, want %d", n, 2*want)
	}
}

func TestStatusHoldsSlots(t *testing.T) {
	cases := map[Status]bool{
		StatusHeld: true, StatusPaid: true, StatusCheckedIn: true, StatusCompleted: true,
		StatusCancelled: false, StatusLapsed: false, StatusNoShow: false, Status("bogus"): false,
	}
	for s, want := range cases {
		if got := s.HoldsSlots(); got != want {
			t.Errorf("%s.HoldsSlots() = %v, want %v", s, got, want)
		}
	}
}

func TestSlotKeysSortByTime(t *testing.T) {
	a := slotKey("meeting", at(friday, 9, 0))
	b := slotKey("meeting", at(friday, 9, 30))
	if !bytes.HasPrefix(a, slotPrefix("meeting")) || bytes.Compare(a, b) >= 0 {
		t.Fatalf("slot keys %x, %x", a, b)
	}
	if got := store.TimeAt(a, slotTimeOffset("meeting")); !got.Equal(at(friday, 9, 0)) {
		t.Fatalf("slot time decodes as %v", got)
	}
}
