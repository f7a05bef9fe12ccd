package store

import (
	"log/slog"
	"os"
	"strconv"
	"strings"
	"testing"

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
