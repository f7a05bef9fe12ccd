package store

import (
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// rssKiB reads this process's resident set size.
func rssKiB(b *testing.B) float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		b.Skip("no /proc")
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			f := strings.Fields(line)
			v, _ := strconv.ParseFloat(f[1], 64)
			return v
		}
	}
	return 0
}

// benchOpen times opening a store of 2,000 small records with opts; after
// each open it writes 100 more and reports the resident memory that added.
// The store is filled with the kiosk's options in both cases so that only
// the options under test differ.
func benchOpen(b *testing.B, opts func(dir string) badger.Options) {
	dir := b.TempDir()
	db, err := open(Options(dir, slog.Default()), dir)
	if err != nil {
		b.Fatal(err)
	}
	for i := range 20 {
		_ = db.Update(ActorSystem, "fill", func(tx *Txn) error {
			for j := range 100 {
				if err := tx.Put(Key("rec", i*100+j), strings.Repeat("x", 200)); err != nil {
					return err
				}
			}
			return nil
		})
	}
	_ = db.Close()
	var grew float64
	b.ResetTimer()
	for range b.N {
		before := rssKiB(b)
		db, err := open(opts(dir), dir)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		for i := range 100 {
			_ = db.Update(ActorSystem, "write", func(tx *Txn) error { return tx.Put(Key("more", i), i) })
		}
		grew = max(grew, rssKiB(b)-before)
		_ = db.Close()
		b.StartTimer()
	}
	// The resident memory one open added, at most, over the runs: the first
	// open in this process pays for the memtables and caches.
	b.ReportMetric(grew/1024, "rss-MiB")
}

// BenchmarkOpenKioskOptions is the kiosk's small-footprint store.
func BenchmarkOpenKioskOptions(b *testing.B) {
	benchOpen(b, func(dir string) badger.Options { return Options(dir, slog.Default()) })
}

// BenchmarkOpenBadgerDefaults is Badger's server defaults (SyncWrites on, as
// the kiosk needs), for comparison in the same run.
func BenchmarkOpenBadgerDefaults(b *testing.B) {
	benchOpen(b, func(dir string) badger.Options {
		return badger.DefaultOptions(dir).WithSyncWrites(true).WithLogger(nil)
	})
}

// probeFixture is a store of the kiosk's real size: 20,000 booking-sized
// records and 100,000 audit entries, closed cleanly.
func probeFixture(b *testing.B) string {
	dir := b.TempDir()
	db, err := OpenUnsynced(dir)
	if err != nil {
		b.Fatal(err)
	}
	val := bookingValue(0)
	for i := range 100_000 {
		err := db.Update(ActorSystem, "booking.create", func(tx *Txn) error {
			if i%5 == 0 {
				return tx.PutRaw(Key("booking", i/5), val)
			}
			return tx.Put(Key("other", i), i)
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	return dir
}

// BenchmarkOpenProbe times Open as the kiosk makes it (the probe with its
// schema check, then the real open) against a plain Badger open of the same
// store with the same options; the ratio is reported as probe-ratio.
func BenchmarkOpenProbe(b *testing.B) {
	dir := probeFixture(b)
	var plain, safe time.Duration
	for range b.N {
		start := time.Now()
		bdb, err := badger.Open(Options(dir, slog.New(slog.DiscardHandler)))
		if err != nil {
			b.Fatal(err)
		}
		plain += time.Since(start)
		_ = bdb.Close()
		start = time.Now()
		db, err := Open(dir, KnownSchema(2)) // as the kiosk opens it
		if err != nil {
			b.Fatal(err)
		}
		safe += time.Since(start)
		_ = db.Close()
	}
	b.ReportMetric(float64(plain.Milliseconds())/float64(b.N), "plain-ms/op")
	b.ReportMetric(float64(safe.Milliseconds())/float64(b.N), "safe-ms/op")
	b.ReportMetric(float64(safe)/float64(plain), "probe-ratio")
}
