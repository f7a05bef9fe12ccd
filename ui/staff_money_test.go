package ui

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/exports"
	"github.com/yeongdeungpo/kiosk/internal/report"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
)

// moneyFixture is a centre at 10:00 on Friday 27 November 2026 with two
// years of money: a lease through 2025 and spring 2026 paid in part, four
// leases of this year unpaid since 20 to 140 days ago (arrears of every age), a
// youth desk paid up, room rentals paid and one cancelled with a refund.
func moneyFixture(t *testing.T) *fixture {
	t.Helper()
	f := newFixture(t, at(10, 0))
	pay := func(unit string, day time.Time, amount int64) {
		t.Helper()
		if _, err := f.c.Tenants.Pay("system", unit, day, amount, "transfer"); err != nil {
			t.Fatalf("pay %s %v: %v", unit, day, err)
		}
	}
	f.leaseFrom("OLD", "I01", "주식회사 지난해", seoul.Date(2025, 6, 1, 0, 0))
	for m := time.June; m <= time.December; m++ {
		pay("I01", seoul.Date(2025, m, 8, 0, 0), 290_000)
	}
	pay("I01", seoul.Date(2026, 2, 8, 0, 0), 290_000)
	for i, days := range []int{20, 45, 75, 140} {
		f.leaseFrom(fmt.Sprintf("A%d", i), fmt.Sprintf("I%02d", 3+i), fmt.Sprintf("미납 기업 %d", i), at(0, 0).AddDate(0, 0, -days))
	}
	f.leaseFrom("Y", "Y01", "청년 창업가", seoul.Date(2026, 4, 1, 0, 0))
	for m := time.April; m <= time.November; m++ {
		pay("Y01", seoul.Date(2026, m, 5, 0, 0), 290_000)
	}
	paid := f.book("seminar", at(13, 0), at(15, 0))
	if _, err := f.c.Booking.Pay(f.desk(), paid.ID, booking.PayCard); err != nil {
		t.Fatal(err)
	}
	later := f.book("meeting", at(10, 0).AddDate(0, 0, 10), at(12, 0).AddDate(0, 0, 10))
	if _, err := f.c.Booking.Pay(f.desk(), later.ID, booking.PayCash); err != nil {
		t.Fatal(err)
	}
	if _, err := f.c.Booking.CancelOwn(later.ID, "5678"); err != nil {
		t.Fatal(err)
	}
	return f
}

// settledShot is shot once the layout has settled as the GL canvas would
// settle it (a message line that came with the answer pushes the body
// down).
func (f *fixture) settledShot(name string) {
	settle(f.shell.Window().Canvas())
	f.shot(name)
}

// reportScreen is the report screen on show.
func (f *fixture) reportScreen() *staffReportScreen {
	f.t.Helper()
	r, ok := f.shell.current.(*staffReportScreen)
	if !ok {
		f.t.Fatalf("not on the report screen but %s", f.shell.Screen())
	}
	return r
}

// reportLines are the district's lines and headings on screen, in order.
func (f *fixture) reportLines() []string {
	var out []string
	for _, s := range f.texts() {
		if strings.HasPrefix(s, "○ ") || s == report.HeadingCentre || s == report.HeadingYouth {
			out = append(out, s)
		}
	}
	return out
}

// message is the page's message line, "" when there is none.
func (f *fixture) message() string {
	f.shell.settle()
	var p *staffPage
	switch sc := f.shell.current.(type) {
	case *staffReportScreen:
		p = &sc.staffPage
	case *staffArrearsScreen:
		p = &sc.staffPage
	default:
		f.t.Fatalf("no message line on %s", f.shell.Screen())
	}
	var out []string
	for _, o := range p.msg.Objects {
		walk(o, func(o fyne.CanvasObject) {
			if t, ok := o.(*canvas.Text); ok && strings.TrimSpace(t.Text) != "" {
				out = append(out, t.Text)
			}
		})
	}
	return strings.Join(out, " ")
}

// seenReport is what the report screen showed for one period.
type seenReport struct {
	year  int
	until time.Time
	lines []string
	chart chartValues
	rep   report.Report
}

func (f *fixture) seeReport() seenReport {
	f.t.Helper()
	r := f.reportScreen()
	y, until := r.period()
	return seenReport{year: y, until: until, lines: f.reportLines(), chart: r.chart.values, rep: r.shown}
}

// buildKioskctl builds the kioskctl command into dir.
func buildKioskctl(t *testing.T, dir string) string {
	t.Helper()
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("the go command is needed to build kioskctl: %v", err)
	}
	bin := filepath.Join(dir, "kioskctl")
	out, err := exec.Command(goCmd, "build", "-o", bin, "github.com/yeongdeungpo/kiosk/cmd/kioskctl").CombinedOutput()
	if err != nil {
		t.Fatalf("go build kioskctl: %v\n%s", err, out)
	}
	return bin
}

func runKioskctl(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("kioskctl %q: %v\n%s", args, err, stderr.String())
	}
	return out
}

// TestReportScreenIsKioskctlReport: the report screen, opened and stepped
// through with taps, shows for each year and cut-off the lines kioskctl
// report prints for the same data directory and the figures kioskctl
// report -json gives, its chart the months of that JSON; the exports it
// writes are the bytes kioskctl export writes.
func TestReportScreenIsKioskctlReport(t *testing.T) {
	f := moneyFixture(t)
	usb := f.stick("USB")
	f.claim("482915")
	f.tapText(T("staff.report"))
	var seen []seenReport
	seen = append(seen, f.seeReport()) // 2026 up to today
	f.settledShot("staff-report")
	f.tapText(T("report.year.prev"))
	seen = append(seen, f.seeReport()) // 2025, the whole year
	// Export the whole of 2025 as a manager would: choose the stick, then
	// the report and the ledger.
	f.tapText(T("report.show.export"))
	f.tapText(T("export.folder.change"))
	f.settledShot("staff-report-folders")
	f.tapText("USB")
	for _, w := range []string{"report", "ledger"} {
		f.tapText(T("export.button", map[string]any{"What": T("export.what." + w), "Format": T("export.format.csv")}))
	}
	f.settledShot("staff-report-exported")
	f.tapText(T("report.show.chart"))
	f.tapText(T("report.until.earlier"))
	seen = append(seen, f.seeReport()) // 2025 to the end of November
	f.settledShot("staff-report-2025-11")

	if seen[0].year != 2026 || !seen[0].until.Equal(at(0, 0)) || seen[1].year != 2025 || !seen[1].until.Equal(seoul.Date(2025, 12, 31, 0, 0)) ||
		!seen[2].until.Equal(seoul.Date(2025, 11, 30, 0, 0)) {
		t.Fatalf("periods shown: %v %v, %v %v, %v %v", seen[0].year, seen[0].until, seen[1].year, seen[1].until, seen[2].year, seen[2].until)
	}
	if seen[0].rep.RentCollected == 0 || seen[0].rep.YouthRentCollected == 0 || seen[0].rep.RentalsKRW == 0 || seen[1].rep.RentCollected == 0 ||
		seen[1].rep.RentCollected == seen[2].rep.RentCollected {
		t.Fatalf("the fixture's money does not show: %+v", seen)
	}

	// The same directory through kioskctl, once the kiosk has let it go.
	bin := buildKioskctl(t, t.TempDir())
	if err := f.c.Close(); err != nil {
		t.Fatal(err)
	}
	global := []string{"-data", f.dir, "-now", "2026-11-27T10:00"}
	for i, s := range seen {
		args := []string{"report", "-year", fmt.Sprint(s.year)}
		if i > 0 { // the first is kioskctl's own default cut-off
			args = append(args, "-until", s.until.Format("2006-01-02"))
		}
		text := strings.Split(strings.TrimSpace(string(runKioskctl(t, bin, append(global, args...)...))), "\n")
		want := append([]string{report.HeadingCentre}, text[:4]...)
		want = append(append(want, report.HeadingYouth), text[4:]...)
		if !slices.Equal(s.lines, want) {
			t.Errorf("%d to %s: the screen shows\n%q\nkioskctl report prints\n%q", s.year, s.until.Format("01-02"), s.lines, text)
		}
		raw := runKioskctl(t, bin, append(append(slices.Clone(global), "-json"), args...)...)
		var cli map[string]any
		var cliReport report.Report
		if err := json.Unmarshal(raw, &cli); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(raw, &cliReport); err != nil {
			t.Fatal(err)
		}
		mine, _ := json.Marshal(s.rep)
		var screen map[string]any
		_ = json.Unmarshal(mine, &screen)
		for k, v := range cli {
			if k == "until" {
				if v != s.until.Format("2006-01-02") {
					t.Errorf("kioskctl's until %v, the screen's %v", v, s.until)
				}
				continue
			}
			if fmt.Sprint(screen[k]) != fmt.Sprint(v) {
				t.Errorf("%d to %s: %s is %v on screen, %v from kioskctl", s.year, s.until.Format("01-02"), k, screen[k], v)
			}
		}
		if monthValues(cliReport.Months) != s.chart {
			t.Errorf("%d to %s: the chart shows %v, kioskctl's months are %v", s.year, s.until.Format("01-02"), s.chart, cliReport.Months)
		}
	}
	for _, w := range []string{"report", "ledger"} {
		out := filepath.Join(t.TempDir(), w+".csv")
		runKioskctl(t, bin, append(global, "export", "-what", w, "-year", "2025", "-o", out)...)
		want, _ := os.ReadFile(out)
		got, err := os.ReadFile(filepath.Join(usb, "kiosk-"+w+"-2025-20251231.csv"))
		if err != nil || !bytes.Equal(got, want) || len(want) < 100 {
			t.Errorf("the screen's %s export differs from kioskctl's (%v):\n%s\nkioskctl:\n%s", w, err, got, want)
		}
	}
}

// TestExportWalk: with taps only, a manager picks the stick, exports the
// report of a year as CSV and XLSX (the answer names the file and the
// folder; the file holds the report's rows), then pulls the stick out: the
// next export says so and writes nothing anywhere.
func TestExportWalk(t *testing.T) {
	f := moneyFixture(t)
	f.stick("KINGSTON")
	usb := f.stick("SAMSUNG USB")
	f.claim("482915")
	f.tapText(T("staff.report"))
	f.tapText(T("report.show.export"))
	if !f.hasText(T("export.folder.none")) {
		t.Fatalf("a new kiosk shows a folder: %q", f.texts())
	}
	// The folder is set by tapping, not typing.
	f.tapText(T("export.folder.change"))
	f.tapText("SAMSUNG USB")
	if got, _ := f.shell.svc.Exports.Folder(); got != usb {
		t.Fatalf("folder %q after the tap", got)
	}
	if msg := f.message(); msg != T("export.folder.set", map[string]any{"Folder": usb}) {
		t.Fatalf("message %q", msg)
	}
	if !f.hasText(T("export.folder", map[string]any{"Folder": usb})) {
		t.Fatalf("the folder is not shown: %q", f.texts())
	}
	f.tapText(T("report.year.prev"))
	f.tapText(T("export.button", map[string]any{"What": T("export.what.report"), "Format": T("export.format.csv")}))
	name := "kiosk-report-2025-20251231.csv"
	want, err := report.Table(f.c.Booking, f.c.Tenants, report.Summary, 2025, seoul.Date(2025, 12, 31, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if msg := f.message(); msg != T("export.saved", map[string]any{"Name": name, "Folder": usb, "Rows": len(want.Rows)}) {
		t.Fatalf("message %q", msg)
	}
	raw, err := os.ReadFile(filepath.Join(usb, name))
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))).ReadAll()
	if err != nil || len(recs) != len(want.Rows)+1 {
		t.Fatalf("%s: %d records (%v), want %d", name, len(recs), err, len(want.Rows)+1)
	}
	for i, row := range want.Rows {
		if recs[i+1][0] != row[0] || recs[i+1][1] != fmt.Sprint(row[1]) {
			t.Fatalf("row %d is %q, want %v", i, recs[i+1], row)
		}
	}
	f.tapText(T("export.button", map[string]any{"What": T("export.what.report"), "Format": T("export.format.xlsx")}))
	if _, err := os.Stat(filepath.Join(usb, "kiosk-report-2025-20251231.xlsx")); err != nil {
		t.Fatalf("no workbook: %v; message %q", err, f.message())
	}
	// Again: a second file, the first kept.
	f.tapText(T("export.button", map[string]any{"What": T("export.what.report"), "Format": T("export.format.csv")}))
	if !strings.Contains(f.message(), "kiosk-report-2025-20251231-2.csv") {
		t.Fatalf("message %q", f.message())
	}

	// The stick is pulled out.
	if err := os.RemoveAll(usb); err != nil {
		t.Fatal(err)
	}
	f.tapText(T("export.button", map[string]any{"What": T("export.what.ledger"), "Format": T("export.format.csv")}))
	if msg := f.message(); msg != refusal(errs.New(exports.CodeFolderMissing, usb)) {
		t.Fatalf("after pulling the stick: %q", msg)
	}
	if _, err := os.Stat(usb); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("something was written where the stick was: %v", err)
	}
	f.settledShot("staff-report-stick-pulled")
	if f.shell.Screen() != ScreenReport {
		t.Fatalf("left the report for %s", f.shell.Screen())
	}
}

// ageOf is the words for an arrear's age, from its days, as the rule
// reads (30/60/90 days).
func ageOf(days int) string {
	switch {
	case days > 90:
		return T("arrears.bucket.90")
	case days > 60:
		return T("arrears.bucket.60")
	case days > 30:
		return T("arrears.bucket.30")
	}
	return T("arrears.bucket.0")
}

// TestArrearsScreen: the leases in arrears oldest first, each with what it
// owes and its age in words; the totals on top; the export of the list.
func TestArrearsScreen(t *testing.T) {
	f := moneyFixture(t)
	usb := f.stick("USB")
	f.claim("482915")
	f.tapText(T("staff.arrears"))
	list, err := f.c.Tenants.Arrears(at(0, 0))
	if err != nil || len(list) < 5 {
		t.Fatalf("the fixture's arrears: %d, %v", len(list), err)
	}
	// The rows on screen, in order: unit · company, then the age.
	var units, ages []string
	var total int64
	for _, s := range f.texts() {
		for _, a := range list {
			if s == a.Unit+" · "+a.Company {
				units = append(units, a.Unit)
			}
		}
		if slices.Contains([]string{T("arrears.bucket.0"), T("arrears.bucket.30"), T("arrears.bucket.60"), T("arrears.bucket.90")}, s) {
			ages = append(ages, s)
		}
	}
	var wantUnits, wantAges []string
	prev := 1 << 30
	seenAges := map[string]bool{}
	for _, a := range list {
		if a.Days > prev {
			t.Fatalf("arrears not oldest first: %+v", list)
		}
		prev = a.Days
		wantUnits = append(wantUnits, a.Unit)
		wantAges = append(wantAges, ageOf(a.Days))
		seenAges[ageOf(a.Days)] = true
		total += a.Open
	}
	per := len(units)
	if per == 0 || !slices.Equal(units, wantUnits[:per]) || !slices.Equal(ages, wantAges[:per]) {
		t.Fatalf("rows %q aged %q, want %q aged %q", units, ages, wantUnits, wantAges)
	}
	if len(seenAges) < 3 {
		t.Fatalf("the fixture's arrears are not of several ages: %v", seenAges)
	}
	if !f.hasText(formatWon(total)) || !f.hasText(formatWon(list[0].Open)) || !f.hasText(formatDate(list[0].OldestDue)) {
		t.Fatalf("totals or amounts missing (total %s): %q", formatWon(total), f.texts())
	}
	f.settledShot("staff-arrears")
	// The rest on the next pages.
	for len(units) < len(list) {
		f.tapText(T("pager.next"))
		for _, s := range f.texts() {
			for _, a := range list {
				if s == a.Unit+" · "+a.Company && !slices.Contains(units, a.Unit) {
					units = append(units, a.Unit)
				}
			}
		}
		if len(units) == per {
			t.Fatalf("the next page shows nothing new: %q", f.texts())
		}
		per = len(units)
	}
	if !slices.Equal(units, wantUnits) {
		t.Fatalf("over the pages: %q, want %q", units, wantUnits)
	}

	f.tapText(T("export.folder.change"))
	f.tapText("USB")
	f.tapText(T("export.button", map[string]any{"What": T("export.what.arrears"), "Format": T("export.format.csv")}))
	raw, err := os.ReadFile(filepath.Join(usb, "kiosk-arrears-2026-20261127.csv"))
	if err != nil {
		t.Fatalf("%v; message %q", err, f.message())
	}
	recs, _ := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\xEF\xBB\xBF")))).ReadAll()
	if len(recs) != len(list)+1 || recs[1][0] != list[0].Unit {
		t.Fatalf("arrears export %q", recs)
	}
}

// TestReceptionHasNoMoney: a reception member's staff home has no report
// or arrears button, and the screens, reached anyway, show no figures.
func TestReceptionHasNoMoney(t *testing.T) {
	f := moneyFixture(t)
	f.claim("482915")
	if !f.hasText(T("staff.report")) || !f.hasText(T("staff.arrears")) {
		t.Fatalf("the manager lacks the money buttons: %q", f.texts())
	}
	// The next person signs in (the lock forgets the screens of the last).
	f.shell.GoHome()
	desk := stafftest.Member(t, f.c.DB, "접수", staff.RoleReception)
	f.shell.member = &desk
	f.shell.show(ScreenStaffHome)
	if f.hasText(T("staff.report")) || f.hasText(T("staff.arrears")) {
		t.Fatalf("reception sees money buttons: %q", f.texts())
	}
	for _, id := range []ScreenID{ScreenReport, ScreenArrears} {
		if f.shell.show(id); f.shell.Screen() != ScreenStaffHome {
			t.Fatalf("reception reached %s", id)
		}
	}
	for _, a := range []string{"I03", "I04"} {
		for _, s := range f.texts() {
			if strings.HasPrefix(s, a+" · ") {
				t.Fatalf("reception sees the arrears: %q", f.texts())
			}
		}
	}
	if f.hasText(T("export.folder.change")) {
		t.Fatal("reception may change the export folder")
	}
	if _, err := f.shell.svc.Exports.Write(desk.Actor(), report.Summary, 2026, time.Time{}, "csv"); !errors.Is(err, staff.ErrForbidden) {
		t.Fatalf("an export as reception: %v", err)
	}
}

// TestCutoffs: the cut-offs of a year are the month-ends already past, and
// the year's end or today.
func TestCutoffs(t *testing.T) {
	days := func(cs []cutoff) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.day.Format("01-02")+" "+c.tag[len("report.until."):])
		}
		return out
	}
	today := seoul.Date(2026, 3, 15, 9, 0)
	if got := days(cutoffs(2026, today)); !slices.Equal(got, []string{"01-31 monthend", "02-28 monthend", "03-15 today"}) {
		t.Errorf("2026 on 15 March: %q", got)
	}
	if got := days(cutoffs(2025, today)); len(got) != 12 || got[1] != "02-28 monthend" || got[11] != "12-31 yearend" {
		t.Errorf("2025: %q", got)
	}
	if got := days(cutoffs(2024, today)); got[1] != "02-29 monthend" {
		t.Errorf("2024 is a leap year: %q", got)
	}
	if got := days(cutoffs(2026, seoul.Date(2026, 1, 1, 0, 0))); !slices.Equal(got, []string{"01-01 today"}) {
		t.Errorf("on New Year's day: %q", got)
	}
	if got := days(cutoffs(2026, seoul.Date(2026, 12, 31, 23, 0))); len(got) != 12 || got[11] != "12-31 today" {
		t.Errorf("on New Year's Eve: %q", got)
	}
}
