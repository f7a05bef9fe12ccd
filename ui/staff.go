package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// staffHomeScreen is the first screen behind the lock: today's figures and
// the staff's actions.
type staffHomeScreen struct {
	s       *Shell
	figures *fyne.Container
	today   *fyne.Container
	clock   *widget.Label
	actions *fyne.Container // the action buttons, or a question about one
	msg     *fyne.Container
	backup  *fyne.Container // the last backup's result, in one line
}

func (h *staffHomeScreen) build() fyne.CanvasObject {
	s := h.s
	m := s.member
	lock := s.button(T("staff.lock"), theme.LogoutIcon(), s.GoHome)
	lock.Importance = widget.HighImportance
	title := T("staff.home.title", map[string]any{"Name": m.Name})
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{})
	heading.SizeName = theme.SizeNameSubHeadingText
	// The clock sits in the bar beside the lock, leaving the body's height
	// to the figures and every action.
	h.clock = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{})
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 10, 16, 16),
		container.NewBorder(nil, nil, nil, container.NewHBox(h.clock, lock), heading)), widget.NewSeparator())

	h.figures = container.NewGridWithColumns(3)
	h.today = container.NewGridWithColumns(4)
	h.actions = container.NewStack()
	h.msg = container.NewStack()
	h.backup = container.NewStack()
	h.showActions()
	// The last backup's line shares the figures' title row: the body's
	// height goes to the figures and every action.
	figuresTitle := container.NewBorder(nil, nil, widget.NewLabelWithStyle(T("staff.figure.title"), fyne.TextAlignLeading, fyne.TextStyle{}), nil, h.backup)
	body := container.NewVBox(figuresTitle, h.figures,
		widget.NewLabelWithStyle(T("staff.figure.bookings"), fyne.TextAlignLeading, fyne.TextStyle{}), h.today,
		widget.NewSeparator(), h.msg, h.actions)
	h.refresh()
	return container.NewBorder(top, nil, nil, nil, container.New(layout.NewCustomPaddedLayout(16, 16, 24, 24), body))
}

// staffAction is a button of the staff home that opens a screen.
type staffAction struct {
	id    ScreenID
	label string
	icon  func() fyne.Resource // called when drawn: the theme is the app's, which exists only then
}

// staffActions are the staff home's buttons, in order; each shows only
// to a member whose role may open its screen.
var staffActions = []staffAction{
	{ScreenStaffDay, "staff.bookings", theme.ListIcon},
	{ScreenStaffBlock, "staff.block", theme.CancelIcon},
	{ScreenStaffUnits, "staff.units", theme.GridIcon},
	{ScreenStaffRooms, "staff.rooms", theme.SettingsIcon},
	{ScreenStaffCal, "staff.calendar", theme.CalendarIcon},
	{ScreenReport, "staff.report", theme.DocumentIcon},
	{ScreenArrears, "staff.arrears", theme.WarningIcon},
	{ScreenStaffAccts, "staff.accounts", theme.AccountIcon},
	{ScreenStaffAudit, "staff.audit", theme.HistoryIcon},
	{ScreenBackup, "staff.backup", theme.StorageIcon},
	{ScreenStaffPIN2, "staff.pin.change", theme.LoginIcon},
}

// showActions puts the actions the member may take under the figures.
func (h *staffHomeScreen) showActions() {
	s := h.s
	// Five a row: the manager's eleven buttons in three rows under the figures.
	grid := container.NewGridWithColumns(5)
	for _, a := range staffActions {
		if s.mayShow(a.id) && (a.id != ScreenBackup || s.svc.Backups != nil) {
			grid.Add(s.button(T(a.label), a.icon(), func() { s.show(a.id) }))
		}
	}
	if s.member.Can(staff.PermSettings) {
		grid.Add(s.button(T("staff.keys"), theme.ViewRefreshIcon(), h.askRotate))
	}
	h.actions.Objects = []fyne.CanvasObject{grid}
	h.actions.Refresh()
}

// askRotate explains what a new pass key does before it is made.
func (h *staffHomeScreen) askRotate() {
	s := h.s
	h.say(true, "")
	keep := s.button(T("my.cancel.keep"), theme.NavigateBackIcon(), h.showActions)
	rotate := s.button(T("staff.keys.rotate"), theme.ViewRefreshIcon(), h.rotate)
	rotate.Importance = widget.DangerImportance
	h.actions.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, nil,
		container.NewHBox(keep, rotate), wrapLabel(T("staff.keys.explain")))}
	h.actions.Refresh()
}

// rotate makes a new key sign the passes from now on.
func (h *staffHomeScreen) rotate() {
	s := h.s
	actor := s.member.Actor()
	var id uint8
	var err error
	s.background(func() { id, err = s.svc.Booking.RotatePassKey(actor) }, func() {
		h.showActions()
		if err != nil {
			h.say(false, s.errorText(err))
			return
		}
		h.say(true, T("staff.keys.done", map[string]any{"ID": id}))
	})
}

func (h *staffHomeScreen) say(ok bool, msg string) {
	h.msg.Objects = nil
	if p := messagePanel(msg, ok); p != nil {
		h.msg.Objects = []fyne.CanvasObject{p}
	}
	h.msg.Refresh()
}

// refresh reads the figures again, off the UI thread, and offers the
// actions of the member's role as it is now (it may have changed).
func (h *staffHomeScreen) refresh() {
	s := h.s
	h.showActions()
	h.loadBackup()
	now := s.svc.Now()
	var counts []tenants.Counts
	var day []booking.Booking
	var rentals booking.Rentals
	var occErr, dayErr error
	s.background(func() {
		counts, occErr = s.svc.Tenants.CountOccupancy(now)
		if day, dayErr = s.svc.Booking.OnDay(now); dayErr == nil {
			// Today's rental income is the ledger's, as in the report.
			rentals, dayErr = s.svc.Booking.RentalsBetween(now, now)
		}
	}, func() {
		h.clock.SetText(formatDateTime(now))
		h.figures.Objects = nil
		if occErr != nil {
			h.figures.Add(s.loadFailed("occupancy", occErr))
		}
		for _, c := range counts {
			h.figures.Add(figureCard(T("kind."+string(c.Kind)), T("staff.figure.occupancy",
				map[string]any{"Occupied": c.Occupied, "Total": c.Occupied + c.Vacant}),
				T("staff.figure.vacant", map[string]any{"Vacant": c.Vacant})))
		}
		h.figures.Refresh()
		h.today.Objects = nil
		if dayErr != nil {
			h.today.Add(s.loadFailed("bookings today", dayErr))
		} else {
			f := countDay(day)
			h.today.Objects = []fyne.CanvasObject{
				figureCard(T("status.held"), fmt.Sprint(f.held), ""),
				figureCard(T("status.paid"), fmt.Sprint(f.paid), ""),
				figureCard(T("status.checked_in"), fmt.Sprint(f.in), ""),
				figureCard(T("staff.figure.fees"), formatWon(rentals.Net()), ""),
			}
		}
		h.today.Refresh()
	})
}

// dayFigures counts a day's bookings by state for the staff home.
type dayFigures struct{ held, paid, in int }

func countDay(day []booking.Booking) dayFigures {
	var f dayFigures
	for _, b := range day {
		switch b.Status {
		case booking.StatusHeld:
			f.held++
		case booking.StatusPaid:
			f.paid++
		case booking.StatusCheckedIn, booking.StatusCompleted:
			f.in++
		}
	}
	return f
}

func figureCard(title, big, small string) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{})
	b := widget.NewLabelWithStyle(big, fyne.TextAlignLeading, fyne.TextStyle{})
	b.SizeName = theme.SizeNameHeadingText
	box := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), t, b)
	if small != "" {
		sm := widget.NewLabel(small)
		sm.Importance = widget.LowImportance
		box.Add(sm)
	}
	return NewPanel(box, colSurface)
}

// pinChangeScreen: current PIN, new PIN, new PIN again.
type pinChangeScreen struct{ s *Shell }

func (p *pinChangeScreen) build() fyne.CanvasObject {
	s := p.s
	back := func() { s.show(ScreenStaffHome) }
	member := *s.member
	flow := s.pinFlow(T("staff.change.old"), staff.MaxPINLength, "", func(old, pin string) (func(), error) {
		return back, s.svc.Staff.ChangePIN(member, old, pin)
	}, staff.ErrWrongPIN)
	backBtn := s.button(T("nav.back"), theme.NavigateBackIcon(), back)
	heading := widget.NewLabelWithStyle(T("staff.pin.change"), fyne.TextAlignLeading, fyne.TextStyle{})
	heading.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 10, 16, 16),
		container.NewBorder(nil, nil, backBtn, nil, heading)), widget.NewSeparator())
	return container.NewBorder(top, nil, nil, nil, flow)
}
