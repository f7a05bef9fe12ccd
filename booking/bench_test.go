package booking

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
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

// benchDataVersion names the cached 1M store; change it when the layout
// written by writeBenchBookings (or the key scheme) changes.
const benchDataVersion = "v3"

// benchDay is the day whose availability is measured: a Wednesday with the
// same load in both stores.
var benchDay = seoul.Date(2026, 12, 2, 0, 0)

// benchStarts are the bookings of every room on every open day: six one-hour
// bookings, 12 of the 26 slots of a weekday.
var benchStarts = []int{9 * 60, 10*60 + 30, 12 * 60, 13*60 + 30, 15 * 60, 16*60 + 30}

func benchKeys(tb testing.TB) *pass.Keyring {
	tb.Helper()
	k, err := pass.NewMemoryKeyring(map[uint8][]byte{1: bytes.Repeat([]byte{7}, 32)}, 1)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// benchID is booking number i as an id: a bijection of i onto 8 characters
// of the code alphabet, scattered like the random ids of Book.
func benchID(i int) string {
	const base = uint64(len(codeAlphabet))
	space := base * base * base * base * base * base * base * base // 31^8
	v := (uint64(i)*1_000_003 + 12345) % space                     // 1,000,003 is prime, coprime to 31
	var id [8]byte
	for j := 7; j >= 0; j-- {
		id[j] = codeAlphabet[v%base]
		v /= base
	}
	return string(id[:])
}

// benchBatchBytes bounds one load transaction as Badger counts it; Badger
// refuses a transaction of 15% of the memtable (8 MiB in the kiosk's
// options: 1,258,291 bytes), so this leaves a margin. About 1,800 bookings
// fit in it.
const benchBatchBytes = 1_100_000

// writeBenchBookings stores n bookings straight through the store, in
// batches of at most 2,000 that stay under Badger's transaction limit. Days alternate around benchDay (before, after, before, ...),
// Sundays skipped, so benchDay gets the same six bookings per room as every
// other day. Past bookings are mostly completed, some cancelled or no-shows
// (those hold no slots); future ones paid.
func writeBenchBookings(tb testing.TB, db *store.DB, n int) {
	tb.Helper()
	rooms := DefaultRooms()
	type rec struct {
		b    Booking
		json []byte
	}
	var batch []rec
	size, batches := 0, 0
	flush := func() {
		if len(batch) == 0 {
			return
		}
		err := db.Update(store.ActorSystem, "bench.load", func(tx *store.Txn) error {
			for _, r := range batch {
				b := r.b
				if err := tx.PutRaw(bookingKey(b.ID), r.json); err != nil {
					return err
				}
				if err := tx.PutRaw(dayIndexKey(b.From, b.ID), nil); err != nil {
					return err
				}
				if !b.Status.HoldsSlots() {
					continue
				}
				for s := b.From; s.Before(b.SlotsUntil); s = s.Add(SlotLength) {
					if err := tx.PutRaw(slotKey(b.Room, s), []byte(b.ID)); err != nil {
						return err
					}
				}
			}
			tx.Note("bench load %d bookings", len(batch))
			return nil
		})
		if err != nil {
			tb.Fatalf("writing %d bookings: %v", len(batch), err)
		}
		batch, size = batch[:0], 0
		batches++
	}
	i := 0
	for k := 0; i < n; k++ {
		// k = 0, 1, 2, 3, ... -> day offsets 0, -1, +1, -2, +2, ...
		off := (k + 1) / 2
		if k%2 == 1 {
			off = -off
		}
		day := benchDay.AddDate(0, 0, off)
		if day.Weekday() == time.Sunday {
			continue
		}
		for _, r := range rooms {
			for _, m := range benchStarts {
				if i == n {
					break
				}
				from := day.Add(time.Duration(m) * time.Minute)
				to := from.Add(time.Hour)
				b := Booking{
					ID: benchID(i), Room: r.ID, From: from, To: to, SlotsUntil: to,
					Fee: r.HourlyFee, BaseFee: r.HourlyFee,
					Name: "홍길동", Phone: "010-1234-5678",
					CreatedAt: from.AddDate(0, 0, -3), HoldUntil: from.AddDate(0, 0, -2),
				}
				switch {
				case off >= 0:
					b.Status, b.PaidAt, b.PayMethod = StatusPaid, b.CreatedAt.Add(time.Hour), PayCard
				case i%20 == 0:
					b.Status, b.CancelledAt, b.Refund = StatusCancelled, b.CreatedAt.Add(time.Hour), 0
				case i%20 == 1:
					b.Status, b.PaidAt, b.PayMethod = StatusNoShow, b.CreatedAt.Add(time.Hour), PayCash
				default:
					b.Status, b.PaidAt, b.PayMethod = StatusCompleted, b.CreatedAt.Add(time.Hour), PayTransfer
					b.CheckedInAt = from.Add(-5 * time.Minute)
				}
				raw, err := json.Marshal(b)
				if err != nil {
					tb.Fatal(err)
				}
				// Badger's estimate: key + value + 2, plus 10 for the version.
				est := len(bookingKey(b.ID)) + len(raw) + 12 + len(dayIndexKey(b.From, b.ID)) + 12
				if b.Status.HoldsSlots() {
					est += int(b.SlotsUntil.Sub(b.From)/SlotLength) * (len(slotKey(b.Room, b.From)) + len(b.ID) + 12)
				}
				if size+est > benchBatchBytes || len(batch) == 2000 {
					flush()
				}
				batch = append(batch, rec{b, raw})
				size += est
				i++
			}
		}
	}
	flush()
	tb.Logf("wrote %d bookings in %d transactions", n, batches)
}

// openBenchStore opens a file store holding the rooms and n bookings. The
// 1M store is built once and kept under os.TempDir(); smaller ones are
// built in a temporary directory.
func openBenchStore(b *testing.B, n int, cache bool) *store.DB {
	b.Helper()
	seed := func(db *store.DB) {
		if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
			_, err := SeedRooms(tx)
			return err
		}); err != nil {
			b.Fatal(err)
		}
	}
	if !cache {
		db, err := store.Open(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _ = db.Close() })
		seed(db)
		writeBenchBookings(b, db, n)
		return db
	}
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("kiosk-booking-bench-%s-%d", benchDataVersion, n))
	done := filepath.Join(dir, "complete")
	if _, err := os.Stat(done); err != nil {
		b.Logf("building the %d-booking store in %s (kept for later runs)", n, dir)
		start := time.Now()
		if err := os.RemoveAll(dir); err != nil {
			b.Fatal(err)
		}
		db, err := store.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		seed(db)
		writeBenchBookings(b, db, n)
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		// Let compaction finish now, as it would on a kiosk running for
		// a while, rather than in the background of the measurement.
		settleStore(b, dir)
		if err := os.WriteFile(done, []byte(time.Since(start).String()+"\n"), 0o600); err != nil {
			b.Fatal(err)
		}
		b.Logf("built the %d-booking store in %v", n, time.Since(start).Round(time.Millisecond))
	} else if took, err := os.ReadFile(done); err == nil {
		b.Logf("using the cached %d-booking store in %s (built in %s)", n, dir, took[:len(took)-1])
	}
	db, err := store.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	return db
}

// settleStore flattens the LSM tree of the store in dir into one level.
func settleStore(b *testing.B, dir string) {
	b.Helper()
	bdb, err := badger.Open(store.Options(dir, quietLog()))
	if err != nil {
		b.Fatal(err)
	}
	if err := bdb.Flatten(2); err != nil {
		b.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkAvailability2k(b *testing.B) { benchAvailability(b, 2_000, false) }

func BenchmarkAvailability1M(b *testing.B) { benchAvailability(b, 1_000_000, true) }

func benchAvailability(b *testing.B, n int, cache bool) {
	db := openBenchStore(b, n, cache)
	svc := NewService(db, fixedClock(at(benchDay, 8, 0)), nil)
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
			if s.State == SlotTaken {
				taken++
			}
		}
		if len(rd.Slots) != 26 || taken != 2*len(benchStarts) {
			b.Fatalf("%s: %d slots, %d taken; want 26 and %d", rd.Room.ID, len(rd.Slots), taken, 2*len(benchStarts))
		}
	}
	if got, err := svc.Get(benchID(n - 1)); err != nil || got.Room == "" {
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
	svc := NewService(db, fixedClock(at(benchDay, 8, 0)), nil)
	cs, err := svc.Starts("meeting", benchDay)
	if err != nil {
		b.Fatal(err)
	}
	can, short := 0, 0
	for _, c := range cs {
		switch {
		case c.CanStart:
			can++
		case c.State == SlotFree && errors.Is(c.Why, ErrBadLength):
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
	svc := NewService(db, fixedClock(at(benchDay, 8, 0)), nil)
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
func benchRequests(b *testing.B, svc *Service, n int) []Request {
	b.Helper()
	rooms := DefaultRooms()
	out := make([]Request, 0, n)
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
func newBenchService(b *testing.B) (*Service, *store.DB, *atomic.Int64) {
	b.Helper()
	db, err := store.Open(b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := SeedRooms(tx)
		return err
	}); err != nil {
		b.Fatal(err)
	}
	var now atomic.Int64
	now.Store(benchDay.Unix())
	svc := NewService(db, func() time.Time { return time.Unix(now.Load(), 0).In(seoul.Location) }, benchKeys(b))
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
	svc, _, now := newBenchService(b)
	reqs := benchRequests(b, svc, b.N)
	tokens := make([]string, b.N)
	for i, r := range reqs {
		now.Store(r.From.Add(-2 * time.Hour).Unix())
		bk, err := svc.Book(store.ActorVisitor, r)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := svc.Pay("staff:bench", bk.ID, PayCard); err != nil {
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
		if _, err := svc.CheckIn("staff:bench", tokens[i], reqs[i].Room); err != nil {
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
