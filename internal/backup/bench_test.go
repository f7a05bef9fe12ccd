package backup

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/benchdata"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/internal/store/storetest"
)

// BenchmarkBackup1M backs up a store of 1,000,000 bookings (the booking
// benchmarks' cached store, copied so that the commits here do not change
// it) and reports the backup's time (written and verified by restoring it)
// and size, and the latency of booking commits made while it runs, as a
// ratio to the latency of the same commits on the idle store measured just
// before. Run it alone: go test -run '^$' -bench Backup1M -benchtime 1x
// ./internal/backup
func BenchmarkBackup1M(b *testing.B) {
	const n = 1_000_000
	layout := benchdata.Layout{Around: benchdata.Day, Now: benchdata.Day}
	cached := benchdata.Cached(b, "booking", n, func(dir string) {
		db, err := store.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
			_, err := booking.SeedRooms(tx)
			return err
		}); err != nil {
			b.Fatal(err)
		}
		benchdata.Write(b, db, n, layout)
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
	})
	for range b.N {
		b.StopTimer()
		dir := filepath.Join(b.TempDir(), "data")
		storetest.CopyDir(b, cached, dir)
		db, err := store.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		out := filepath.Join(b.TempDir(), "bench.kbak")
		c := &committer{db: db, next: n}
		idle := c.commits(b, 300)
		b.StartTimer()

		start := time.Now()
		done := make(chan error, 1)
		go func() {
			_, err := Write(context.Background(), db, out, Options{Scratch: b.TempDir()})
			done <- err
		}()
		var during []time.Duration
		for running := true; running; {
			select {
			case err := <-done:
				if err != nil {
					b.Fatal(err)
				}
				running = false
			default:
				during = append(during, c.commits(b, 1)...)
			}
		}
		took := time.Since(start)
		b.StopTimer()
		fi, err := os.Stat(out)
		if err != nil {
			b.Fatal(err)
		}
		vstart := time.Now()
		if _, err := Verify(out, b.TempDir()); err != nil {
			b.Fatal(err)
		}
		verifyTook := time.Since(vstart)
		after := c.commits(b, 300)
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}

		mi, md, ma := mean(idle), mean(during), mean(after)
		b.ReportMetric(took.Seconds(), "backup+verify_s")
		b.ReportMetric(verifyTook.Seconds(), "verify_alone_s")
		b.ReportMetric(float64(fi.Size())/(1<<20), "backup_MiB")
		b.ReportMetric(float64(mi.Microseconds())/1000, "idle_commit_ms")
		b.ReportMetric(float64(md.Microseconds())/1000, "during_commit_ms")
		b.ReportMetric(float64(md)/float64(mi), "commit_ratio")
		b.ReportMetric(float64(pct(during, 99))/float64(pct(idle, 99)), "p99_ratio")
		b.Logf("backup of %d bookings: %v written and verified (%v of it the verify, timed alone), %.1f MiB; "+
			"commits idle mean %v p50 %v p99 %v (%d); during the backup mean %v p50 %v p99 %v (%d), ratio %.2f; after mean %v",
			n, took.Round(time.Millisecond), verifyTook.Round(time.Millisecond), float64(fi.Size())/(1<<20),
			mi, pct(idle, 50), pct(idle, 99), len(idle), md, pct(during, 50), pct(during, 99), len(during),
			float64(md)/float64(mi), ma)
	}
}

// committer makes booking commits as the booking path does: the booking's
// record, its day index and its two half-hour slots, with the audit entry,
// synced, on days far past the benchmark's bookings.
type committer struct {
	db   *store.DB
	next int
}

func (c *committer) commits(b *testing.B, k int) []time.Duration {
	rooms := booking.DefaultRooms()
	var out []time.Duration
	for range k {
		i := c.next
		c.next++
		day := benchdata.Day.AddDate(200, 0, i/len(benchdata.Starts)) // past every booking the store holds
		from := day.Add(time.Duration(benchdata.Starts[i%len(benchdata.Starts)]) * time.Minute)
		bk := benchdata.Layout{Around: day, Now: day}.Booking(i, rooms[0], from)
		raw, err := json.Marshal(bk)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		err = c.db.Update(store.ActorVisitor, "booking.create", func(tx *store.Txn) error {
			if err := tx.PutRaw(benchdata.BookingKey(bk.ID), raw); err != nil {
				return err
			}
			if err := tx.PutRaw(benchdata.DayKey(bk.From, bk.ID), nil); err != nil {
				return err
			}
			for s := bk.From; s.Before(bk.To); s = s.Add(booking.SlotLength) {
				if err := tx.PutRaw(benchdata.SlotKey(bk.Room, s), []byte(bk.ID)); err != nil {
					return err
				}
			}
			tx.Note("booking %s", bk.ID)
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, time.Since(t0))
	}
	return out
}

func mean(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	var sum time.Duration
	for _, d := range ds {
		sum += d
	}
	return sum / time.Duration(len(ds))
}

func pct(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[min(len(s)-1, len(s)*p/100)]
}
