package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/report"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
)

// firstReportYear is the first year the report screen offers: the
// district's report the kiosk reproduces starts with 2015.
const firstReportYear = 2015

// reportExports are the tables the report screen exports, the report first.
var reportExports = []report.What{report.Summary, report.Ledger, report.Invoices, report.Payments, report.Bookings}

// staffReportScreen is the district's annual report for a year and a
// cut-off chosen on screen: the six lines as kioskctl report prints them,
// a chart of the months' income by kind, and the exports.
type staffReportScreen struct {
	staffPage
	year      int
	cut       int // index in cutoffs(year, today)
	exporting bool
	loads     int           // counts loads, so that an older answer is dropped
	shown     report.Report // the report on show

	yearLabel, cutLabel *widget.Label
	prevYear, nextYear  *TouchButton
	earlier, later      *TouchButton
	lines               *fyne.Container
	chart               *incomeChart
	lower               *fyne.Container // the chart or the exports
	export              *exportPanel
}

func newStaffReportScreen(s *Shell) screen {
	r := &staffReportScreen{staffPage: staffPage{s: s}, year: s.svc.Now().Year()}
	r.cut = len(cutoffs(r.year, s.svc.Now())) - 1
	return r
}

// cutoff is a cut-off date the screen offers, and the translation key of
// what it is (a month's end, the year's end, today).
type cutoff struct {
	day time.Time
	tag string
}

// cutoffs are the cut-offs of year as of today: the end of each month
// already over, the last being the year's end; for the year running, today.
func cutoffs(year int, today time.Time) []cutoff {
	today = seoul.Midnight(today)
	var out []cutoff
	for m := time.January; m <= time.December; m++ {
		end := seoul.Date(year, m+1, 0, 0, 0)
		if !end.Before(today) {
			break
		}
		tag := "report.until.monthend"
		if m == time.December {
			tag = "report.until.yearend"
		}
		out = append(out, cutoff{end, tag})
	}
	if year == today.Year() {
		out = append(out, cutoff{today, "report.until.today"})
	}
	return out
}

// period is the year and cut-off on show.
func (r *staffReportScreen) period() (int, time.Time) {
	cs := cutoffs(r.year, r.s.svc.Now())
	return r.year, cs[min(max(r.cut, 0), len(cs)-1)].day
}

func (r *staffReportScreen) build() fyne.CanvasObject {
	s := r.s
	frame := r.frame(T("staff.report"))
	r.yearLabel = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	r.cutLabel = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	r.prevYear = s.button(T("report.year.prev"), theme.NavigateBackIcon(), func() { r.setYear(r.year - 1) })
	r.nextYear = s.button(T("report.year.next"), theme.NavigateNextIcon(), func() { r.setYear(r.year + 1) })
	r.nextYear.IconPlacement = widget.ButtonIconTrailingText
	r.earlier = s.button(T("report.until.earlier"), theme.NavigateBackIcon(), func() { r.setCut(r.cut - 1) })
	r.later = s.button(T("report.until.later"), theme.NavigateNextIcon(), func() { r.setCut(r.cut + 1) })
	r.later.IconPlacement = widget.ButtonIconTrailingText
	controls := container.NewGridWithColumns(2,
		NewPanel(container.NewBorder(nil, nil, r.prevYear, r.nextYear, r.yearLabel), colSurface),
		NewPanel(container.NewBorder(nil, nil, r.earlier, r.later, r.cutLabel), colSurface))

	r.lines = container.NewGridWithColumns(2)
	r.chart = newIncomeChart()
	r.export = newExportPanel(&r.staffPage, reportExports, r.period)
	r.lower = container.NewStack()

	var tabs fyne.CanvasObject = layout.NewSpacer()
	if m := s.member; m.Can(staff.PermExport) || m.Can(staff.PermSettings) {
		group := choiceGroup{s: s}
		chart, export := s.choiceCard(T("report.show.chart")), s.choiceCard(T("report.show.export"))
		group.add(chart, !r.exporting, func() { r.exporting = false; r.showLower() })
		group.add(export, r.exporting, func() { r.exporting = true; r.showLower() })
		tabs = container.NewGridWithColumns(4, chart, export)
	}
	r.setBody(container.NewBorder(container.NewVBox(controls, r.lines), tabs, nil, nil, r.lower))
	r.showPeriod()
	r.showLower()
	r.load()
	return frame
}

// showLower shows the chart or the exports.
func (r *staffReportScreen) showLower() {
	if r.exporting {
		r.lower.Objects = []fyne.CanvasObject{r.export.object()}
	} else {
		r.lower.Objects = []fyne.CanvasObject{r.chart}
	}
	r.lower.Refresh()
}

// setYear moves to another year, at its last cut-off.
func (r *staffReportScreen) setYear(y int) {
	now := r.s.svc.Now()
	if y < firstReportYear || y > now.Year() {
		return
	}
	r.year, r.cut = y, len(cutoffs(y, now))-1
	r.showPeriod()
	r.load()
}

// setCut moves to another cut-off of the year.
func (r *staffReportScreen) setCut(i int) {
	if i < 0 || i >= len(cutoffs(r.year, r.s.svc.Now())) {
		return
	}
	r.cut = i
	r.showPeriod()
	r.load()
}

// showPeriod labels the year and the cut-off and enables the steps that
// lead somewhere.
func (r *staffReportScreen) showPeriod() {
	now := r.s.svc.Now()
	cs := cutoffs(r.year, now)
	r.cut = min(max(r.cut, 0), len(cs)-1)
	c := cs[r.cut]
	r.yearLabel.SetText(T("report.year", map[string]any{"Year": r.year}))
	r.cutLabel.SetText(T("report.until", map[string]any{"Month": int(c.day.Month()), "Day": c.day.Day(),
		"MonthName": c.day.Month().String()[:3], "Tag": T(c.tag)}))
	setEnabled(r.prevYear, r.year > firstReportYear)
	setEnabled(r.nextYear, r.year < now.Year())
	setEnabled(r.earlier, r.cut > 0)
	setEnabled(r.later, r.cut < len(cs)-1)
}

// load works the report out off the UI thread, then shows its lines and
// its chart.
func (r *staffReportScreen) load() {
	s := r.s
	actor := s.member.Actor()
	year, until := r.period()
	r.loads++
	seq := r.loads
	var rep report.Report
	var err error
	s.background(func() { rep, err = s.svc.Exports.Report(actor, year, until) }, func() {
		if seq != r.loads {
			return
		}
		if err != nil {
			r.shown = report.Report{}
			r.lines.Objects = []fyne.CanvasObject{wrapLabel(s.errorText(err))}
			r.lines.Refresh()
			r.chart.SetValues(chartValues{})
			return
		}
		r.shown = rep
		r.lines.Objects = nil
		for _, sec := range rep.Sections() {
			r.lines.Add(reportSection(sec))
		}
		r.lines.Refresh()
		r.chart.SetValues(monthValues(rep.Months))
	})
}

// reportSection is a heading of the district's report with its lines, as
// kioskctl report prints them (in Korean, the district's language, in
// either language of the screen).
func reportSection(sec report.Section) fyne.CanvasObject {
	size := theme.TextSize()
	head := canvas.NewText(sec.Heading, colPrimary)
	head.TextSize = size
	box := container.New(layout.NewCustomPaddedVBoxLayout(2), head)
	for _, l := range sec.Lines {
		t := canvas.NewText(l, colText)
		t.TextSize = size
		box.Add(t)
	}
	return NewPanel(box, colSurface)
}
