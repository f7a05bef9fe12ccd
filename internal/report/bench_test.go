package report_test

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/report"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
	"github.com/yeongdeungpo/kiosk/tenants/sheet"
)

// The figures the tenancy/income engine's issue asks for:
//
//	go test -run='^$' -bench='Report|Disk' -benchmem ./internal/report/
//	bash .ci/ratios.sh   (reads that output)
//
// BenchmarkReport{1x,100x}{1y,10y} time report.Build for the last year of a
// store holding 1 or 10 years of history at the centre's volume (1x) or 100
// times it (100x); the report reads one year, so 10y should cost no more
// than 1.5 times 1y. BenchmarkDisk1x10y is the size on disk of ten years at
// the centre's volume.
//
// The volume of one year, at 1x:
//
//   - the 24 incubator offices and 10 youth desks all occupied, the 3 agency
//     rooms empty (they have no rent and no payments). An incubator lease is
//     a 1-year term extended twice (36 months, the maximum tenure), then the
//     next company moves in the day after; a youth desk's is a 1-year term
//     and one extension (24 months). The units' cycles are staggered by
//     1.5 months (offices) and 2.4 months (desks), so every year has 8
//     office move-ins and 16 extensions and 5 desk move-ins and 5
//     extensions: 34 lease events, rather more than the centre's 18;
//   - one payment per lease per month, on the 1st (invoices run from the
//     1st, as every lease starts on a 1st), of that month's rent and fee:
//     408 payments;
//   - 207 one-hour bookings, booked and paid two hours ahead through
//     booking.Service.Book and Pay, spread evenly over the open hours of all
//     five rooms.
//
// At 100x the leases are the same (the centre has 34 rentable units) and
// each month's payment is made as 100 payments of a hundredth of it (2,200
// won for an office, 470 for a desk): 40,800 payments a year. The bookings
// are 100 times as many, 20,700 a year: one-hour bookings on 20,700 of the
// open room-hours of the year. With the default hours (Sundays and public
// holidays closed) the five rooms have only about 18,400 room-hours a year,
// and the shortest booking is an hour, so the 100x fixture also opens the
// rooms 09:00-18:00 on Sundays and holidays (a booking settings change
// made before the first booking); the report does not depend on the hours.
//
// Leases and payments go in through tenants.Service.ImportLeases and
// ImportPayments (one bulk job for the leases, one per year for the
// payments); bookings through the booking service with a clock moved to two
// hours before each booking. History is the years up to benchLastYear; the
// tenancy clock stands at its last day, so a lease's row holds the terms
// begun by then. A lease holding its unit in the first year is stored whole,
// with its payments from its move-in on (else the payments of the first year
// would pay off months of made-up arrears first, with late interest): the
// "1-year" store holds the bookings of one year and the leases in place in
// it, some begun up to three years before. So the leases, payments and
// bookings of the last year are the same in every store of a volume, and
// so is its report (checked before timing).
//
// The fixtures are built once per process (each size the first time a
// benchmark asks for it) in a temporary directory removed at the end, with
// store.OpenUnsynced: every commit of the build skips its fsync (the 100x
// 10-year bookings alone are 414,000 commits, most of an hour at a few
// milliseconds an fsync). The store is then closed, its LSM tree flattened
// (as compaction would have done over the years on the kiosk) and opened
// again with store.Open, the kiosk's own options; the timed report runs
// on that handle.
//
// The 100x 10-year store takes minutes to build: about 115 s of CPU (half
// of it the bookings, half the payment imports), 6 to 7 minutes of wall
// time on a busy 2-core machine. KIOSK_BENCH_KEEP=<dir> keeps the fixtures
// in dir instead, to be reused by later runs.

// benchDataVersion names the fixtures kept under $KIOSK_BENCH_KEEP; change it
// when what buildCentre writes changes.
const benchDataVersion = "v1"

// benchLastYear is the year reported on, the last of the history.
const benchLastYear = 2025

// Units' rents, fees and deposits: the default terms of a new lease.
const (
	officeRent, officeFee, officeDeposit = 170000, 50000, 1000000
	deskRent                             = 47000
)

type benchKey struct{ vol, years int }

// benchFixture is a built store: its directory and what its last year holds.
type benchFixture struct {
	dir      string
	bookings int // paid bookings used in benchLastYear
	payments int // payments dated in benchLastYear
	built    time.Duration
	err      error
}

var (
	fixturesMu sync.Mutex
	fixtures   = map[benchKey]*benchFixture{}
	fixtureDir string // parent of every fixture of this process
)

// TestMain removes the fixtures the benchmarks built.
func TestMain(m *testing.M) {
	code := m.Run()
	if fixtureDir != "" {
		_ = os.RemoveAll(fixtureDir)
	}
	os.Exit(code)
}

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// fixture returns the store of vol x volume and years of history, building
// it on first use.
func fixture(b *testing.B, vol, years int) *benchFixture {
	b.Helper()
	fixturesMu.Lock()
	defer fixturesMu.Unlock()
	k := benchKey{vol, years}
	if f, ok := fixtures[k]; ok {
		if f.err != nil {
			b.Fatalf("the %dx %d-year store failed to build earlier: %v", vol, years, f.err)
		}
		return f
	}
	name := fmt.Sprintf("%dx-%dy", vol, years)
	if keep := os.Getenv("KIOSK_BENCH_KEEP"); keep != "" {
		// Kept between runs: built once, then reused while complete.
		f := &benchFixture{dir: filepath.Join(keep, "report-"+benchDataVersion+"-"+name)}
		raw, err := os.ReadFile(filepath.Join(f.dir, "complete"))
		if err == nil {
			if _, err := fmt.Sscan(string(raw), &f.bookings, &f.payments); err == nil {
				b.Logf("using the %dx %d-year store kept in %s", vol, years, f.dir)
				fixtures[k] = f
				return f
			}
		}
		if err := os.RemoveAll(f.dir); err != nil {
			b.Fatal(err)
		}
		buildFixture(b, f, vol, years)
		if err := os.WriteFile(filepath.Join(f.dir, "complete"), fmt.Appendf(nil, "%d %d\n", f.bookings, f.payments), 0o600); err != nil {
			b.Fatal(err)
		}
		fixtures[k] = f
		return f
	}
	if fixtureDir == "" {
		d, err := os.MkdirTemp("", "kiosk-report-bench-")
		if err != nil {
			b.Fatal(err)
		}
		fixtureDir = d
	}
	f := &benchFixture{dir: filepath.Join(fixtureDir, name)}
	fixtures[k] = f
	buildFixture(b, f, vol, years)
	return f
}

func buildFixture(b *testing.B, f *benchFixture, vol, years int) {
	b.Helper()
	start := time.Now()
	f.bookings, f.payments, f.err = buildCentre(b, f.dir, vol, years, store.OpenUnsynced, b.Logf)
	if f.err == nil {
		t0 := time.Now()
		f.err = flatten(f.dir)
		b.Logf("flattened in %v", time.Since(t0).Round(time.Millisecond))
	}
	if f.err != nil {
		b.Fatalf("building the %dx %d-year store: %v", vol, years, f.err)
	}
	f.built = time.Since(start)
	b.Logf("built the %dx %d-year store in %v: %d bookings and %d payments in %d",
		vol, years, f.built.Round(time.Millisecond), f.bookings, f.payments, benchLastYear)
}

// flatten compacts the store in dir into one level.
func flatten(dir string) error {
	bdb, err := badger.Open(store.Options(dir, quietLog()))
	if err != nil {
		return err
	}
	if err := bdb.Flatten(2); err != nil {
		_ = bdb.Close()
		return err
	}
	return bdb.Close()
}

func date(y int, m time.Month, d int) time.Time { return seoul.Date(y, m, d, 0, 0) }

// benchBRN makes a valid 사업자등록번호 from a number below 900,000,000.
func benchBRN(n int) string { return brn(100000000 + n) }

// fileSum is a stand-in for an imported file's SHA-256.
func fileSum(name string) string {
	s := sha256.Sum256([]byte(name))
	return hex.EncodeToString(s[:])
}

// benchLeases lists the lease rows of the units' staggered cycles that hold
// a unit some day of from..until, each with the terms begun by until.
func benchLeases(from, until time.Time) []sheet.LeaseRow {
	epoch := date(1990, time.January, 1)
	var rows []sheet.LeaseRow
	add := func(unit, kind string, phase, tenure int) {
		for k := 0; ; k++ {
			start := epoch.AddDate(0, phase+k*tenure, 0)
			if start.After(until) {
				return
			}
			if start.AddDate(0, tenure, -1).Before(from) {
				continue
			}
			terms := 1
			for terms*12 < tenure && !start.AddDate(0, terms*12, 0).After(until) {
				terms++
			}
			r := sheet.LeaseRow{Line: len(rows) + 2, Unit: unit, Kind: kind,
				Start: start, End: start.AddDate(0, 12*terms, -1)}
			id := unit + "-" + start.Format("200601")
			if kind == string(tenants.KindIncubator) {
				r.Tenant, r.Representative, r.BRN = "벤치기업 "+id, "홍길동", benchBRN(len(rows)*7919)
				r.MonthlyRent, r.ManagementFee, r.Deposit = officeRent, officeFee, officeDeposit
			} else {
				r.Tenant, r.Representative, r.BirthDate = "청년창업 "+id, "청년 "+id, start.AddDate(-30, 0, 0)
				r.MonthlyRent = deskRent
			}
			rows = append(rows, r)
		}
	}
	for i := range tenants.IncubatorUnits {
		add(fmt.Sprintf("I%02d", i+1), string(tenants.KindIncubator), i*3/2, 36)
	}
	for j := range tenants.YouthDesks {
		add(fmt.Sprintf("Y%02d", j+1), string(tenants.KindYouth), j*12/5, 24)
	}
	return rows
}

// benchPayments lists the payments of year, up to until: for each lease and
// month it holds its unit, per payments on the 1st of 1/per of the month's
// rent and fee each.
func benchPayments(leases []sheet.LeaseRow, year, per int, until time.Time) []sheet.PaymentRow {
	var rows []sheet.PaymentRow
	for _, l := range leases {
		for m := date(year, time.January, 1); m.Year() == year && !m.After(until); m = m.AddDate(0, 1, 0) {
			if m.Before(l.Start) || m.After(l.End) {
				continue
			}
			amount := (l.MonthlyRent + l.ManagementFee) / int64(per)
			for range per {
				rows = append(rows, sheet.PaymentRow{Line: len(rows) + 2, Unit: l.Unit, Date: m, Amount: amount, Method: "transfer"})
			}
		}
	}
	return rows
}

// buildCentre writes vol x the centre's volume for years years up to
// benchLastYear into a new store in dir opened with open, and closes it.
// It returns the bookings and payments of the last year.
// logf, when not nil, is told how long each part took. The work is done by
// a manager enrolled in the store.
func buildCentre(tb testing.TB, dir string, vol, years int, open func(string) (*store.DB, error), logf func(string, ...any)) (bookings, payments int, err error) {
	if logf == nil {
		logf = func(string, ...any) {}
	}
	t0 := time.Now()
	db, err := open(dir)
	if err != nil {
		return 0, 0, err
	}
	defer func() {
		if cerr := db.Close(); err == nil {
			err = cerr
		}
	}()
	if err := db.Migrate(centre.Migrations); err != nil {
		return 0, 0, err
	}
	if err := centre.Seed(db); err != nil {
		return 0, 0, err
	}
	actor := stafftest.Enroll(tb, db, "벤치관리자", staff.RoleManager)
	first := date(benchLastYear-years+1, time.January, 1)
	last := date(benchLastYear, time.December, 31)

	// Bookings, in time order, the clock two hours before each.
	now := first
	db.Now = func() time.Time { return now }
	bs := booking.NewService(db, func() time.Time { return now }, nil)
	if vol > 1 {
		err := bs.UpdateSettings(actor, func(s *booking.Settings) {
			s.Hours[time.Sunday] = booking.DayHours{Open: 9 * 60, Close: 18 * 60}
			s.HolidayHours = booking.DayHours{Open: 9 * 60, Close: 18 * 60}
		})
		if err != nil {
			return 0, 0, err
		}
	}
	rooms, err := bs.Rooms()
	if err != nil {
		return 0, 0, err
	}
	for y := first.Year(); y <= benchLastYear; y++ {
		// Every open room-hour of the year, in time order.
		type slot struct {
			room string
			from time.Time
		}
		var slots []slot
		for day := date(y, time.January, 1); day.Year() == y; day = day.AddDate(0, 0, 1) {
			d, err := bs.DayInfo(day, "")
			if err != nil {
				return 0, 0, err
			}
			if !d.IsOpen {
				continue
			}
			for h := d.Open; !h.Add(time.Hour).After(d.Close); h = h.Add(time.Hour) {
				for _, r := range rooms {
					slots = append(slots, slot{r.ID, h})
				}
			}
		}
		want := 207 * vol
		if want > len(slots) {
			return 0, 0, fmt.Errorf("%d: %d bookings asked, %d room-hours open", y, want, len(slots))
		}
		for i := range want {
			s := slots[i*len(slots)/want]
			now = s.from.Add(-2 * time.Hour)
			bk, err := bs.Book(actor, booking.Request{Room: s.room, From: s.from, To: s.from.Add(time.Hour),
				Name: "방문자", Phone: "010-9999-8888", Consent: true})
			if err != nil {
				return 0, 0, fmt.Errorf("booking %s %s: %w", s.room, s.from.Format("2006-01-02 15:04"), err)
			}
			if _, err := bs.Pay(actor, bk.ID, booking.PayCard); err != nil {
				return 0, 0, err
			}
		}
		if y == benchLastYear {
			bookings = want
		}
	}

	logf("%dx %dy: %d years of bookings in %v", vol, years, years, time.Since(t0).Round(time.Millisecond))
	t0 = time.Now()

	// Leases and payments, imported at the end of the last day.
	now = last.Add(18 * time.Hour)
	ts := tenants.NewService(db, func() time.Time { return now })
	leases := benchLeases(first, last)
	if _, err := ts.ImportLeases(actor, leases, fileSum(fmt.Sprintf("leases %d %d", vol, years))); err != nil {
		return 0, 0, fmt.Errorf("importing %d leases: %w", len(leases), err)
	}
	earliest := benchLastYear
	for _, l := range leases {
		earliest = min(earliest, l.Start.Year())
	}
	for y := earliest; y <= benchLastYear; y++ {
		rows := benchPayments(leases, y, vol, last)
		if _, err := ts.ImportPayments(actor, rows, fileSum(fmt.Sprintf("payments %d %d %d", vol, years, y))); err != nil {
			return 0, 0, fmt.Errorf("importing the %d payments of %d: %w", len(rows), y, err)
		}
		if y == benchLastYear {
			payments = len(rows)
		}
	}
	logf("%dx %dy: %d leases and the payments of %d..%d imported in %v", vol, years, len(leases), earliest, benchLastYear,
		time.Since(t0).Round(time.Millisecond))
	return bookings, payments, nil
}

// benchReport times report.Build for benchLastYear on the vol x years store,
// opened with the kiosk's options.
func benchReport(b *testing.B, vol, years int) {
	f := fixture(b, vol, years)
	db, err := store.Open(f.dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	now := func() time.Time { return date(benchLastYear+1, time.January, 2).Add(10 * time.Hour) }
	bs, ts := booking.NewService(db, now, nil), tenants.NewService(db, now)
	until := date(benchLastYear, time.December, 31)
	r, err := report.Build(bs, ts, benchLastYear, until)
	if err != nil {
		b.Fatal(err)
	}
	// The report is of the year that was written, the same in every store
	// of the volume.
	var rent int64
	for _, m := range r.Months {
		rent += m.Rent
	}
	if r.RentalsCount != f.bookings || r.Incubators != tenants.IncubatorUnits || r.YouthDesks != tenants.YouthDesks ||
		r.MoveIns != 8 || r.Extensions != 16 || r.RentCollected != rent || r.RentCollected < 24*11*officeRent {
		b.Fatalf("the %d report: %d rentals (want %d), %d offices, %d desks, %d move-ins, %d extensions, rent %d",
			benchLastYear, r.RentalsCount, f.bookings, r.Incubators, r.YouthDesks, r.MoveIns, r.Extensions, r.RentCollected)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		if _, err := report.Build(bs, ts, benchLastYear, until); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkReport1x1y(b *testing.B)    { benchReport(b, 1, 1) }
func BenchmarkReport1x10y(b *testing.B)   { benchReport(b, 1, 10) }
func BenchmarkReport100x1y(b *testing.B)  { benchReport(b, 100, 1) }
func BenchmarkReport100x10y(b *testing.B) { benchReport(b, 100, 10) }

// BenchmarkDisk1x10y builds ten years at the centre's volume on disk with
// store.Open (the kiosk's options, synced writes), closes the store and
// reports the size of its directory: the sum of the files' sizes
// (apparent-MiB) and the blocks the files take (alloc-MiB; Badger
// preallocates its value log files, and its memtable files, to their
// full size and truncates them on close), plus the value logs' and
// tables' apparent sizes apart. What is timed is the walk of the directory.
func BenchmarkDisk1x10y(b *testing.B) {
	dir := diskFixture(b)
	var u diskUsage
	var err error
	b.ResetTimer()
	for range b.N {
		if u, err = usage(dir); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	const mib = 1 << 20
	b.ReportMetric(float64(u.apparent)/mib, "apparent-MiB")
	b.ReportMetric(float64(u.allocated)/mib, "alloc-MiB")
	b.ReportMetric(float64(u.vlog)/mib, "vlog-MiB")
	b.ReportMetric(float64(u.sst)/mib, "sst-MiB")
	b.Logf("%d files: %s", u.files, strings.Join(u.names, ", "))
}

var (
	diskOnce sync.Once
	diskDir  string
	diskErr  error
)

// diskFixture builds the synced 1x 10-year store once per process, in the
// directory the other fixtures share.
func diskFixture(b *testing.B) string {
	b.Helper()
	diskOnce.Do(func() {
		fixturesMu.Lock()
		if fixtureDir == "" {
			fixtureDir, diskErr = os.MkdirTemp("", "kiosk-report-bench-")
		}
		fixturesMu.Unlock()
		if diskErr != nil {
			return
		}
		diskDir = filepath.Join(fixtureDir, "disk-1x-10y")
		start := time.Now()
		var bookings, payments int
		bookings, payments, diskErr = buildCentre(b, diskDir, 1, 10, func(dir string) (*store.DB, error) { return store.Open(dir) }, b.Logf)
		b.Logf("built the 1x 10-year store with synced writes in %v (%d bookings, %d payments in %d)",
			time.Since(start).Round(time.Millisecond), bookings, payments, benchLastYear)
	})
	if diskErr != nil {
		b.Fatal(diskErr)
	}
	return diskDir
}

type diskUsage struct {
	apparent, allocated, vlog, sst int64
	files                          int
	names                          []string
}

func usage(dir string) (diskUsage, error) {
	var u diskUsage
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		u.files++
		u.apparent += info.Size()
		if st, ok := info.Sys().(*syscall.Stat_t); ok {
			u.allocated += st.Blocks * 512
		}
		switch filepath.Ext(path) {
		case ".vlog":
			u.vlog += info.Size()
		case ".sst":
			u.sst += info.Size()
		}
		u.names = append(u.names, fmt.Sprintf("%s %d", d.Name(), info.Size()))
		return nil
	})
	return u, err
}
