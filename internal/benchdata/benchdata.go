package benchdata

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Version is part of every cached store's name; change it when what Write
// stores (or booking's key scheme) changes, so that old caches are not used.
const Version = "v3"

// Day is the day the booking benchmarks measure: a Wednesday with the same
// load in every store.
var Day = seoul.Date(2026, 12, 2, 0, 0)

// Starts are the bookings of every room on every open day: six one-hour
// bookings, 12 of the 26 slots of a weekday.
var Starts = []int{9 * 60, 10*60 + 30, 12 * 60, 13*60 + 30, 15 * 60, 16*60 + 30}

// PerDay is how many bookings Write puts on an open day.
var PerDay = len(booking.DefaultRooms()) * len(Starts)

// codeAlphabet is booking's alphabet of booking codes.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// ID is booking number i's id: a bijection of i onto 8 characters of the
// code alphabet, scattered like the random ids of booking.Service.Book.
func ID(i int) string {
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

// The keys Write stores, as booking writes them; booking's benchmarks check
// that the two agree.

// BookingKey is the key of a booking's record.
func BookingKey(id string) []byte { return store.Key("booking", id) }

// DayKey is a booking's entry in the day index.
func DayKey(day time.Time, id string) []byte {
	return store.Key("day", seoul.Midnight(day), id)
}

// SlotKey is the key of a half hour a booking holds.
func SlotKey(room string, start time.Time) []byte { return store.Key("slot", room, start) }

// Layout says where and in which state Write puts the bookings.
type Layout struct {
	// Around is the day they spread out from: it, the day before, the day
	// after, two days before, ..., Sundays skipped, Starts in every room.
	Around time.Time
	// Now: a booking over by Now is mostly completed (checked in), some
	// cancelled or no-shows (those hold no slots); one under way at Now is
	// checked in; a later one is paid.
	Now time.Time
}

// Booking is Write's booking number i, of room r from from, laid out by l.
func (l Layout) Booking(i int, r booking.Room, from time.Time) booking.Booking {
	to := from.Add(time.Hour)
	b := booking.Booking{
		ID: ID(i), Room: r.ID, From: from, To: to, SlotsUntil: to,
		Fee: r.HourlyFee, BaseFee: r.HourlyFee,
		Name: "홍길동", Phone: "010-1234-5678",
		CreatedAt: from.AddDate(0, 0, -3), HoldUntil: from.AddDate(0, 0, -2),
	}
	switch {
	case !from.Before(l.Now):
		b.Status, b.PaidAt, b.PayMethod = booking.StatusPaid, b.CreatedAt.Add(time.Hour), booking.PayCard
	case to.After(l.Now):
		b.Status, b.PaidAt, b.PayMethod = booking.StatusCheckedIn, b.CreatedAt.Add(time.Hour), booking.PayCard
		b.CheckedInAt = from.Add(-5 * time.Minute)
	case i%20 == 0:
		b.Status, b.CancelledAt, b.Refund = booking.StatusCancelled, b.CreatedAt.Add(time.Hour), 0
	case i%20 == 1:
		b.Status, b.PaidAt, b.PayMethod = booking.StatusNoShow, b.CreatedAt.Add(time.Hour), booking.PayCash
	default:
		b.Status, b.PaidAt, b.PayMethod = booking.StatusCompleted, b.CreatedAt.Add(time.Hour), booking.PayTransfer
		b.CheckedInAt = from.Add(-5 * time.Minute)
	}
	return b
}

// batchBytes bounds one load transaction as Badger counts it; Badger
// refuses a transaction of 15% of the memtable (8 MiB in the kiosk's
// options: 1,258,291 bytes), so this leaves a margin. About 1,800 bookings
// fit in it.
const batchBytes = 1_100_000

// Write stores n bookings laid out by l straight through the store (each
// with its day-index entry and, if it holds them, its slots), in batches
// of at most 2,000 that stay under Badger's transaction limit.
func Write(tb testing.TB, db *store.DB, n int, l Layout) {
	tb.Helper()
	rooms := booking.DefaultRooms()
	type rec struct {
		b    booking.Booking
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
				if err := tx.PutRaw(BookingKey(b.ID), r.json); err != nil {
					return err
				}
				if err := tx.PutRaw(DayKey(b.From, b.ID), nil); err != nil {
					return err
				}
				if !b.Status.HoldsSlots() {
					continue
				}
				for s := b.From; s.Before(b.SlotsUntil); s = s.Add(booking.SlotLength) {
					if err := tx.PutRaw(SlotKey(b.Room, s), []byte(b.ID)); err != nil {
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
		day := l.Around.AddDate(0, 0, off)
		if day.Weekday() == time.Sunday {
			continue
		}
		for _, r := range rooms {
			for _, m := range Starts {
				if i == n {
					break
				}
				b := l.Booking(i, r, day.Add(time.Duration(m)*time.Minute))
				raw, err := json.Marshal(b)
				if err != nil {
					tb.Fatal(err)
				}
				// Badger's estimate: key + value + 2, plus 10 for the version.
				est := len(BookingKey(b.ID)) + len(raw) + 12 + len(DayKey(b.From, b.ID)) + 12
				if b.Status.HoldsSlots() {
					est += int(b.SlotsUntil.Sub(b.From)/booking.SlotLength) * (len(SlotKey(b.Room, b.From)) + len(b.ID) + 12)
				}
				if size+est > batchBytes || len(batch) == 2000 {
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

// Cached is the directory of the store kiosk-<kind>-bench-<Version>-<n>
// under os.TempDir(). The first time, build makes it in that (empty)
// directory and closes it, and the store is settled; later runs find it
// ready. Nothing should write to it after that.
func Cached(tb testing.TB, kind string, n int, build func(dir string)) string {
	tb.Helper()
	dir := filepath.Join(os.TempDir(), fmt.Sprintf("kiosk-%s-bench-%s-%d", kind, Version, n))
	done := filepath.Join(dir, "complete")
	if took, err := os.ReadFile(done); err == nil {
		tb.Logf("using the cached %d-booking store in %s (built in %s)", n, dir, took[:len(took)-1])
		return dir
	}
	tb.Logf("building the %d-booking store in %s (kept for later runs)", n, dir)
	start := time.Now()
	if err := os.RemoveAll(dir); err != nil {
		tb.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		tb.Fatal(err)
	}
	build(dir)
	// Let compaction finish now, as it would on a kiosk running for a
	// while, rather than in the background of the measurement.
	Settle(tb, dir)
	if err := os.WriteFile(done, []byte(time.Since(start).String()+"\n"), 0o600); err != nil {
		tb.Fatal(err)
	}
	tb.Logf("built the %d-booking store in %v", n, time.Since(start).Round(time.Millisecond))
	return dir
}

// Settle flattens the LSM tree of the (closed) store in dir into one level.
func Settle(tb testing.TB, dir string) {
	tb.Helper()
	bdb, err := badger.Open(store.Options(dir, slog.New(slog.NewTextHandler(io.Discard, nil))))
	if err != nil {
		tb.Fatal(err)
	}
	if err := bdb.Flatten(2); err != nil {
		tb.Fatal(err)
	}
	if err := bdb.Close(); err != nil {
		tb.Fatal(err)
	}
}
