package tenants_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
	"github.com/yeongdeungpo/kiosk/tenants/sheet"
)

// BenchmarkImportPayments50k times tenants.Service.ImportPayments of a
// payments.csv of 50,000 rows into a store on disk opened with store.Open
// (the kiosk's options, synced writes, as the desk's import runs), holding
// the centre's units and three years of leases (2023-2025: every office
// one company for its 36 months, every desk two founders of 24 and 12
// months). The rows are spread over the 1,224 lease-months, about 41
// payments of a 41st of the month's rent and fee each, on the 1st.
//
// Each iteration imports into a fresh copy of the same store (loaded from a
// backup, outside the timer). It reports rows/s, and the memory the import
// took: peak-MiB is the process's peak resident set (VmHWM) during the
// import, reset before it through /proc/self/clear_refs (0 where that is
// not possible); heap-MiB the peak of Go's live heap objects, sampled
// every 2 ms; alloc-MiB what the import allocated in all.
func BenchmarkImportPayments50k(b *testing.B) {
	const n = 50_000
	now := importDate(2026, time.January, 2).Add(10 * time.Hour)
	clock := func() time.Time { return now }
	template, leases := importTemplate(b, clock)
	rows := importRows(leases, n)
	sum := importSum("payments 50k")

	var peakRSS, peakHeap, alloc float64
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		b.StopTimer()
		dir := b.TempDir()
		db, err := store.Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		if err := db.Load(bytes.NewReader(template)); err != nil {
			b.Fatal(err)
		}
		svc := tenants.NewService(db, clock)
		runtime.GC()
		debug.FreeOSMemory()
		resetHWM := os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		allocBefore := ms.TotalAlloc
		stop := sampleImportHeap()
		b.StartTimer()

		got, err := svc.ImportPayments(store.ActorCLI, rows, sum)

		b.StopTimer()
		heap := stop()
		if err != nil {
			b.Fatalf("iteration %d: %v", i, err)
		}
		if got != n {
			b.Fatalf("%d rows imported, want %d", got, n)
		}
		runtime.ReadMemStats(&ms)
		alloc = max(alloc, float64(ms.TotalAlloc-allocBefore))
		peakHeap = max(peakHeap, heap)
		if resetHWM {
			peakRSS = max(peakRSS, procStatusKiB(b, "VmHWM")*1024)
		}
		if i == 0 {
			if k, err := db.CountKeys(store.Prefix("payment")); err != nil || k != n {
				b.Fatalf("%d payments stored (%v), want %d", k, err, n)
			}
		}
		if err := db.Close(); err != nil {
			b.Fatal(err)
		}
		_ = os.RemoveAll(dir)
		b.StartTimer()
	}
	b.StopTimer()
	const mib = 1 << 20
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(peakRSS/mib, "peak-MiB")
	b.ReportMetric(peakHeap/mib, "heap-MiB")
	b.ReportMetric(alloc/mib, "alloc-MiB")
}

func importDate(y int, m time.Month, d int) time.Time { return seoul.Date(y, m, d, 0, 0) }

// importSum is a stand-in for an imported file's SHA-256.
func importSum(name string) string {
	s := sha256.Sum256([]byte(name))
	return hex.EncodeToString(s[:])
}

// importBRN makes a valid 사업자등록번호 from a number below 900,000,000.
func importBRN(n int) string { return tenants.BRNFrom(100000000 + n) }

var (
	templateOnce   sync.Once
	templateBackup []byte
	templateLeases []sheet.LeaseRow
	templateErr    error
)

// importTemplate is a backup of a store with the units and the leases of
// 2023-2025, built once per process.
func importTemplate(b *testing.B, clock func() time.Time) ([]byte, []sheet.LeaseRow) {
	b.Helper()
	templateOnce.Do(func() {
		dir, err := os.MkdirTemp("", "kiosk-import-bench-")
		if err != nil {
			templateErr = err
			return
		}
		defer os.RemoveAll(dir)
		templateBackup, templateLeases, templateErr = buildImportTemplate(dir, clock)
	})
	if templateErr != nil {
		b.Fatal(templateErr)
	}
	return templateBackup, templateLeases
}

func buildImportTemplate(dir string, clock func() time.Time) ([]byte, []sheet.LeaseRow, error) {
	db, err := store.OpenUnsynced(dir)
	if err != nil {
		return nil, nil, err
	}
	defer db.Close()
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := tenants.SeedUnits(tx)
		return err
	}); err != nil {
		return nil, nil, err
	}
	var rows []sheet.LeaseRow
	add := func(r sheet.LeaseRow) {
		r.Line = len(rows) + 2
		rows = append(rows, r)
	}
	start := importDate(2023, time.January, 1)
	for i := 1; i <= tenants.IncubatorUnits; i++ {
		u := fmt.Sprintf("I%02d", i)
		add(sheet.LeaseRow{Unit: u, Kind: string(tenants.KindIncubator), Tenant: "벤치기업 " + u, Representative: "홍길동",
			BRN: importBRN(i * 7919), Start: start, End: start.AddDate(3, 0, -1),
			MonthlyRent: 170000, ManagementFee: 50000, Deposit: 1000000})
	}
	for i := 1; i <= tenants.YouthDesks; i++ {
		u := fmt.Sprintf("Y%02d", i)
		for k, span := range [][2]int{{0, 2}, {2, 1}} {
			s := start.AddDate(span[0], 0, 0)
			add(sheet.LeaseRow{Unit: u, Kind: string(tenants.KindYouth), Tenant: fmt.Sprintf("청년창업 %s-%d", u, k),
				Representative: fmt.Sprintf("청년 %s-%d", u, k), BirthDate: s.AddDate(-30, 0, 0),
				Start: s, End: s.AddDate(span[1], 0, -1), MonthlyRent: 47000})
		}
	}
	svc := tenants.NewService(db, clock)
	if _, err := svc.ImportLeases(store.ActorCLI, rows, importSum("leases 2023-2025")); err != nil {
		return nil, nil, fmt.Errorf("importing %d leases: %w", len(rows), err)
	}
	var buf bytes.Buffer
	if err := db.Backup(&buf); err != nil {
		return nil, nil, err
	}
	return buf.Bytes(), rows, nil
}

// importRows spreads n payment rows over the months of the leases, in date
// order: the month's rent and fee in about n / (lease-months) parts.
func importRows(leases []sheet.LeaseRow, n int) []sheet.PaymentRow {
	type lm struct {
		unit    string
		month   time.Time
		monthly int64
	}
	var months []lm
	for m := importDate(2023, time.January, 1); m.Year() <= 2025; m = m.AddDate(0, 1, 0) {
		for _, l := range leases {
			if !m.Before(l.Start) && !m.After(l.End) {
				months = append(months, lm{l.Unit, m, l.MonthlyRent + l.ManagementFee})
			}
		}
	}
	per := int64((n + len(months) - 1) / len(months))
	rows := make([]sheet.PaymentRow, 0, n)
	for i := range n {
		// Month-major: the parts of one lease-month are spread through it
		// in file order, all dated the 1st.
		m := months[i*len(months)/n]
		rows = append(rows, sheet.PaymentRow{Line: i + 2, Unit: m.unit, Date: m.month, Amount: m.monthly / per, Method: "transfer"})
	}
	return rows
}

// sampleImportHeap samples Go's live heap objects every 2 ms until the returned
// function is called, which returns the peak in bytes.
func sampleImportHeap() func() float64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	read := func() {
		metrics.Read(s)
		if s[0].Value.Kind() == metrics.KindUint64 {
			peak = max(peak, s[0].Value.Uint64())
		}
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() float64 {
		close(done)
		<-stopped
		read()
		return float64(peak)
	}
}

// procStatusKiB reads a VmXXX line of /proc/self/status.
func procStatusKiB(b *testing.B, field string) float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, field+":") {
			f := strings.Fields(line)
			if len(f) >= 2 {
				v, _ := strconv.ParseFloat(f[1], 64)
				return v
			}
		}
	}
	b.Logf("no %s in /proc/self/status", field)
	return 0
}
