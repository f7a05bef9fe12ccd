package booking_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/benchdata"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// The figures the availability issue asks for:
//
//	go test -tags no_emoji -run='^$' -bench=. ./booking
//
// BenchmarkAvailability2k / 1M: one day's grid of all five rooms with 2,000
// and with 1,000,000 bookings stored (goal: under 1 ms, and 1M no more than
// 1.5 times 2k). BenchmarkBookCommit and BenchmarkCheckIn against
// BenchmarkBareBadgerUpdate: what a booking or a check-in costs over one
// synced Badger write. BenchmarkStarts2k / 1M and BenchmarkEnds2k / 1M:
// one room's start choices on benchDay, and the lengths from one start,
// with the same two stores (their cost should not grow with the store).

// benchDay is the day whose availability is measured: a Wednesday with the
// same load in both stores.
var benchDay = benchdata.Day

// benchStarts are the bookings of every room on every open day.
var benchStarts = benchdata.Starts

func benchKeys(tb testing.TB) *pass.Keyring {
	tb.Helper()
	k, err := pass.NewMemoryKeyring(map[uint8][]byte{1: bytes.Repeat([]byte{7}, 32)}, 1)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func at(day time.Time, hh, mm int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), hh, mm, 0, 0, seoul.Location)
}

func fixedClock(t time.Time) seoul.Clock { return func() time.Time { return t } }

// TestBenchDataKeys: benchdata writes bookings under booking's own keys
// and ids from its code alphabet.
func TestBenchDataKeys(t *testing.T) {
	from := at(benchDay, 9, 30)
	for _, c := range []struct{ got, want []byte }{
		{benchdata.BookingKey("K7Q3MXA2"), booking.BookingKey("K7Q3MXA2")},
		{benchdata.DayKey(from, "K7Q3MXA2"), booking.DayIndexKey(from, "K7Q3MXA2")},
		{benchdata.SlotKey("meeting", from), booking.SlotKey("meeting", from)},
	} {
		if !bytes.Equal(c.got, c.want) {
			t.Errorf("benchdata key %q, booking's %q", c.got, c.want)
		}
	}
	for i := range 1000 {
		for _, r := range benchdata.ID(i) {
			if !strings.ContainsRune(booking.CodeAlphabet, r) {
				t.Fatalf("id %s of booking %d: %q is not in the code alphabet", benchdata.ID(i), i, r)
			}
		}
	}
}

// openBenchStore opens a file store holding the rooms and n bookings around
// benchDay (see benchdata.Write). The 1M store is built once and kept under
// os.TempDir(); smaller ones are built in a temporary directory.
func openBenchStore(b *testing.B, n int, cache bool) *store.DB {
	b.Helper()
	seed := func(db *store.DB) {
		if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
			_, err := booking.SeedRooms(tx)
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
	layout := benchdata.Layout{Around: benchDay, Now: benchDay}
	if !cache {
		db, err := store.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = db.Close() })
		seed(db)
		benchdata.Write(b, db, n, layout)
		return db
	}
	dir := benchdata.Cached(b, "booking", n, func(dir string) {
		db, err := store.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		seed(db)
		benchdata.Write(b, db, n, layout)
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	})
	db, err := store.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	return db
}

func BenchmarkAvailability2k(b *testing.B) { benchAvailability(b, 2_000, false) }

func BenchmarkAvailability1M(b *testing.B) { benchAvailability(b, 1_000_000, true) }

func benchAvailability(b *testing.B, n int, cache bool) {
	db := openBenchStore(b, n, cache)
	svc := booking.NewService(db, fixedClock(at(benchDay, 8, 0)), nil)
	// The grid is right before it is timed: 12 of 26 slots taken in each
	// room, and the store holds the n bookings.
	days, err := svc.Availability(benchDay)
	if err != nil {
		b.Fatal(err)
	}
	if len(days) != 5 {
		b.Fatalf("%d rooms", len(days))
	}
	for _, rd := range days {
		taken := 0
		for _, s := range rd.Slots {
			if s.State == booking.SlotTaken {
				taken++
			}
		}
		if len(rd.Slots) != 26 || taken != 2*len(benchStarts) {
			b.Fatalf("%s: %d slots, %d taken; want 26 and %d", rd.Room.ID, len(rd.Slots), taken, 2*len(benchStarts))
		}
	}
	if got, err := svc.Get(benchdata.ID(n - 1)); err != nil || got.Room == "" {
		b.Fatalf("the last of the %d bookings: %+v, %v", n, got, err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := svc.Availability(benchDay); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkStarts2k(b *testing.B) { benchStartChoices(b, 2_000, false) }

func BenchmarkStarts1M(b *testing.B) { benchStartChoices(b, 1_000_000, true) }

// benchStartChoices times Starts of the meeting room on benchDay, whose six
// one-hour bookings leave 17:30-21:00 to start at and six free half hours
// too short before the next booking or closing.
func benchStartChoices(b *testing.B, n int, cache bool) {
	db := openBenchStore(b, n, cache)
	svc := booking.NewService(db, fixedClock(at(benchDay, 8, 0)), nil)
	cs, err := svc.Starts("meeting", benchDay)
	if err != nil {
		b.Fatal(err)
	}
	can, short := 0, 0
	for _, c := range cs {
		switch {
		case c.CanStart:
			can++
		case c.State == booking.SlotFree && errors.Is(c.Why, booking.ErrBadLength):
			short++
		}
	}
	if len(cs) != 26 || can != 8 || short != 6 {
		b.Fatalf("%d starts, %d can start, %d too short; want 26, 8, 6", len(cs), can, short)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := svc.Starts("meeting", benchDay); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEnds2k(b *testing.B) { benchEndChoices(b, 2_000, false) }

func BenchmarkEnds1M(b *testing.B) { benchEndChoices(b, 1_000_000, true) }

// benchEndChoices times Ends of the meeting room from 17:30 on benchDay: 1 to 8
// hours, the first eight up to closing at 22:00.
func benchEndChoices(b *testing.B, n int, cache bool) {
	db := openBenchStore(b, n, cache)
	svc := booking.NewService(db, fixedClock(at(benchDay, 8, 0)), nil)
	es, err := svc.Ends("meeting", at(benchDay, 17, 30))
	if err != nil {
		b.Fatal(err)
	}
	ok := 0
	for _, e := range es {
		if e.OK {
			ok++
		}
	}
	if len(es) != 15 || ok != 8 {
		b.Fatalf("%d lengths, %d OK; want 15, 8", len(es), ok)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := svc.Ends("meeting", at(benchDay, 17, 30)); err != nil {
			b.Fatal(err)
		}
	}
}

// benchRequests lists n one-hour requests, each on its own room and hour,
// on the open days from benchDay on (as the calendar says).
func benchRequests(b *testing.B, svc *booking.Service, n int) []booking.Request {
	b.Helper()
	rooms := booking.DefaultRooms()
	out := make([]booking.Request, 0, n)
	for day := benchDay; len(out) < n; day = day.AddDate(0, 0, 1) {
		d, err := svc.DayInfo(day, "")
		if err != nil {
			b.Fatal(err)
		}
		if !d.IsOpen {
			continue
		}
		for from := d.Open; !from.Add(time.Hour).After(d.Close) && len(out) < n; from = from.Add(time.Hour) {
			for _, r := range rooms {
				if len(out) < n {
					out = append(out, visitorReq(r.ID, from, from.Add(time.Hour)))
				}
			}
		}
	}
	return out
}

// newBenchService opens a file store (SyncWrites on, as always) with the
// rooms, and a service whose clock the benchmark moves.
func newBenchService(b *testing.B) (*booking.Service, *store.DB, *atomic.Int64) {
	b.Helper()
	db, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := booking.SeedRooms(tx)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	var now atomic.Int64
	now.Store(benchDay.Unix())
	svc := booking.NewService(db, func() time.Time { return time.Unix(now.Load(), 0).In(seoul.Location) }, benchKeys(b))
	return svc, db, &now
}

func BenchmarkBookCommit(b *testing.B) {
	svc, _, now := newBenchService(b)
	reqs := benchRequests(b, svc, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		now.Store(reqs[i].From.Add(-2 * time.Hour).Unix())
		if _, err := svc.Book(store.ActorVisitor, reqs[i]); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCheckIn(b *testing.B) {
	svc, db, now := newBenchService(b)
	desk := stafftest.Enroll(b, db, "접수", staff.RoleReception)
	reqs := benchRequests(b, svc, b.N)
	tokens := make([]string, b.N)
	for i, r := range reqs {
		now.Store(r.From.Add(-2 * time.Hour).Unix())
		bk, err := svc.Book(store.ActorVisitor, r)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Pay(desk, bk.ID, booking.PayCard); err != nil {
			b.Fatal(err)
		}
		if tokens[i], err = svc.PassToken(bk.ID); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		now.Store(reqs[i].From.Add(-5 * time.Minute).Unix())
		if _, err := svc.CheckIn(desk, tokens[i], reqs[i].Room); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBareBadgerUpdate is the floor: one single-key transaction with
// SyncWrites on, under the kiosk's own small Badger options, with a value
// the size of a booking record.
func BenchmarkBareBadgerUpdate(b *testing.B) {
	opts := store.Options(b.TempDir(), quietLog())
	if !opts.SyncWrites {
		b.Fatal("the kiosk's options do not sync writes")
	}
	bdb, err := badger.Open(opts)
	if err != nil {
		b.Fatal(err)
	}
	defer bdb.Close()
	val := make([]byte, 500)
	for i := range val {
		val[i] = 'a' + byte(i%26)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		key := fmt.Appendf(nil, "bench/%012d", i)
		if err := bdb.Update(func(txn *badger.Txn) error { return txn.Set(key, val) }); err != nil {
			b.Fatal(err)
		}
	}
}

func visitorReq(room string, from, to time.Time) booking.Request {
	return booking.Request{Room: room, From: from, To: to, Name: "홍길동", Phone: "010-1234-5678", Consent: true}
}

// The search reads one window of the day index (91 days here), so its
// cost follows the bookings in that window, not the bookings stored: the
// two stores below differ a hundredfold in size. The bench stores put the
// same visitor (홍길동, 010-1234-5678) on every booking, so the phone and
// name searches match every booking in the window: the worst case.
//
//	go test -run='^$' -bench=Find ./booking
func BenchmarkFind2k(b *testing.B) { benchFind(b, openBenchStore(b, 2_000, false), 2_000) }

func BenchmarkFind200k(b *testing.B) { benchFind(b, openUnsyncedBenchStore(b, 200_000), 200_000) }

// openUnsyncedBenchStore builds a store of n bookings through
// store.OpenUnsynced (fast, for a fixture), then reopens it as the kiosk
// would before anything is timed.
func openUnsyncedBenchStore(b *testing.B, n int) *store.DB {
	b.Helper()
	dir := b.TempDir()
	db, err := store.OpenUnsynced(dir)
	if err != nil {
		b.Fatal(err)
	}
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := booking.SeedRooms(tx)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	benchdata.Write(b, db, n, benchdata.Layout{Around: benchDay, Now: benchDay})
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	benchdata.Settle(b, dir)
	if db, err = store.Open(dir); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	return db
}

func benchFind(b *testing.B, db *store.DB, n int) {
	svc := booking.NewService(db, fixedClock(at(benchDay, 8, 0)), nil)
	// What a window search reads: the bookings from 30 days back to the
	// last bookable day (the 2k store does not fill the whole window).
	st, err := svc.Settings()
	if err != nil {
		b.Fatal(err)
	}
	window, err := svc.Between(benchDay.AddDate(0, 0, -booking.FindPastDays), benchDay.AddDate(0, 0, st.AdvanceDays))
	if err != nil {
		b.Fatal(err)
	}
	for _, c := range []struct{ name, query string }{
		{"phone", "5678"}, {"name", "길동"}, {"code", benchdata.ID(n / 2)},
	} {
		b.Run(c.name, func(b *testing.B) {
			got, err := svc.Find(c.query, 20)
			if err != nil || len(got) == 0 {
				b.Fatalf("Find(%q): %d, %v", c.query, len(got), err)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for range b.N {
				if _, err := svc.Find(c.query, 20); err != nil {
					b.Fatal(err)
				}
			}
			if c.name != "code" {
				b.ReportMetric(float64(len(window)), "window-bookings")
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(len(window)), "ns/window-booking")
			}
		})
	}
}
