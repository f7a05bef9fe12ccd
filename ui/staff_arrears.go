package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/report"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// staffArrearsScreen lists the leases with something past due today,
// oldest first, with the totals on top and the arrears export below.
type staffArrearsScreen struct {
	staffPage
	day   time.Time
	list  []tenants.Arrear // as on show
	page  int
	total *widget.Label
	ages  *widget.Label
	rows  *fyne.Container
}

func newStaffArrearsScreen(s *Shell) screen {
	return &staffArrearsScreen{staffPage: staffPage{s: s}}
}

func (a *staffArrearsScreen) build() fyne.CanvasObject {
	s := a.s
	a.day, a.list = seoul.Midnight(s.svc.Now()), nil
	frame := a.frame(T("staff.arrears"))
	a.total = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{})
	a.total.Truncation = fyne.TextTruncateEllipsis
	a.ages = widget.NewLabel("")
	a.ages.Truncation = fyne.TextTruncateEllipsis
	a.rows = container.NewStack()
	top := NewPanel(container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), a.total, a.ages), colSurface)
	var bottom fyne.CanvasObject
	if m := s.member; m.Can(staff.PermExport) || m.Can(staff.PermSettings) {
		ex := newExportPanel(&a.staffPage, []report.What{report.Arrears},
			func() (int, time.Time) { return a.day.Year(), a.day })
		// The list gets what the exports leave; they are drawn when the
		// folder is read.
		ex.drawn = func() {
			if a.list != nil {
				a.draw()
			}
		}
		bottom = ex.object()
	}
	a.setBody(container.NewBorder(top, bottom, nil, nil, a.rows))
	a.load()
	return frame
}

// load reads the arrears off the UI thread.
func (a *staffArrearsScreen) load() {
	s := a.s
	actor, day := s.member.Actor(), a.day
	var list []tenants.Arrear
	var err error
	s.background(func() { list, err = s.svc.Exports.Arrears(actor, day) }, func() {
		if err != nil {
			a.list = nil
			a.total.SetText("")
			a.ages.SetText("")
			a.rows.Objects = []fyne.CanvasObject{wrapLabel(s.errorText(err))}
			a.rows.Refresh()
			return
		}
		a.list = list
		a.draw()
	})
}

// arrearsTotals are the sums over the arrears and the count in each age.
type arrearsTotals struct {
	open, interest int64
	byAge          map[int]int // tenants.AgeBucket -> leases
}

func sumArrears(list []tenants.Arrear) arrearsTotals {
	t := arrearsTotals{byAge: map[int]int{}}
	for _, x := range list {
		t.open += x.Open
		t.interest += x.LateInterest
		t.byAge[x.Bucket]++
	}
	return t
}

// ageWords tells an age bucket in words: 30일 이내, 90일 초과.
func ageWords(bucket int) string { return T(fmt.Sprintf("arrears.bucket.%d", bucket)) }

func (a *staffArrearsScreen) draw() {
	s := a.s
	t := sumArrears(a.list)
	a.total.SetText(T("arrears.total", map[string]any{"Date": formatDate(a.day), "N": len(a.list),
		"Open": formatWon(t.open), "Interest": formatWon(t.interest)}))
	a.ages.SetText(fmt.Sprintf("%s %d · %s %d · %s %d · %s %d", ageWords(0), t.byAge[0], ageWords(30), t.byAge[30],
		ageWords(60), t.byAge[60], ageWords(90), t.byAge[90]))
	rows := make([]fyne.CanvasObject, 0, len(a.list))
	for _, x := range a.list {
		rows = append(rows, arrearRow(x))
	}
	per := 4
	if len(rows) > 0 {
		rowH := rows[0].MinSize().Height
		// Less the pager and its gap, and the frame's gaps under its bar
		// and under the message line (bodyHeight leaves them in).
		avail := a.rowsHeight() - (MinTarget+8)*s.th.scale - 3*theme.Padding()
		per = max(1, min(6, int((avail+theme.Padding())/(rowH+theme.Padding()))))
	}
	a.rows.Objects = []fyne.CanvasObject{s.pagedGridAt(rows, 1, per, T("arrears.none"), &a.page)}
	a.rows.Refresh()
}

// rowsHeight is the height left for the list between the totals and the
// exports.
func (a *staffArrearsScreen) rowsHeight() float32 {
	var taken float32
	if len(a.body.Objects) == 0 {
		return 0
	}
	if b, ok := a.body.Objects[0].(*fyne.Container); ok {
		for _, o := range b.Objects {
			if o != a.rows {
				taken += o.MinSize().Height + theme.Padding()
			}
		}
	}
	return a.bodyHeight(taken)
}

// arrearRow is one lease in arrears: its unit and company, what it owes,
// since when, and the age in words.
func arrearRow(x tenants.Arrear) fyne.CanvasObject {
	l1 := widget.NewLabel(fmt.Sprintf("%s · %s", x.Unit, x.Company))
	l1.Truncation = fyne.TextTruncateEllipsis
	l2 := widget.NewLabel(T("arrears.row", map[string]any{"Open": formatWon(x.Open), "Interest": formatWon(x.LateInterest),
		"Due": formatDate(x.OldestDue), "Days": x.Days}))
	l2.Truncation = fyne.TextTruncateEllipsis
	age := widget.NewLabelWithStyle(ageWords(x.Bucket), fyne.TextAlignTrailing, fyne.TextStyle{})
	if x.Bucket >= 60 {
		age.Importance = widget.DangerImportance
	}
	info := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), l1, l2)
	return NewPanel(container.NewBorder(nil, nil, nil, age, info), colSurface)
}
