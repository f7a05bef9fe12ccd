package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/staff"
)

// ScreenID names a screen, for navigation and tests.
type ScreenID string

// Screens.
const (
	ScreenHome       ScreenID = "home"
	ScreenDirectory  ScreenID = "directory"
	ScreenBook       ScreenID = "book"
	ScreenMyBooking  ScreenID = "mybooking"
	ScreenCheckIn    ScreenID = "checkin"
	ScreenDoor       ScreenID = "door"
	ScreenStaffPIN   ScreenID = "staff.pin"
	ScreenStaffSetup ScreenID = "staff.setup"
	ScreenStaffHome  ScreenID = "staff.home"
	ScreenStaffPIN2  ScreenID = "staff.pinchange"
	ScreenStaffDay   ScreenID = "staff.bookings"
	ScreenStaffBlock ScreenID = "staff.block"
	ScreenStaffRooms ScreenID = "staff.rooms"
	ScreenStaffCal   ScreenID = "staff.calendar"
	ScreenStaffAccts ScreenID = "staff.accounts"
	ScreenStaffAudit ScreenID = "staff.audit"
	ScreenReport     ScreenID = "staff.report"
	ScreenArrears    ScreenID = "staff.arrears"
	ScreenStaffUnits ScreenID = "staff.units"
	ScreenTenant     ScreenID = "staff.tenant"
	ScreenMoveIn     ScreenID = "staff.movein"
	ScreenMoveOut    ScreenID = "staff.moveout"
	ScreenRentPay    ScreenID = "staff.pay"
	ScreenBackup     ScreenID = "staff.backup"
)

// screenSpec is how a screen is made and who may see it.
type screenSpec struct {
	make func(*Shell) screen
	// staffOnly: behind the staff lock.
	staffOnly bool
	// need: the permission a member's role must grant (implies staffOnly;
	// "" lets every member in). The domain checks each action again; this
	// only keeps a screen's buttons away from people who cannot use them.
	need staff.Permission
}

// screenSpecs is the navigation: every screen once. A new screen is its
// own file and one line here.
var screenSpecs = map[ScreenID]screenSpec{
	ScreenHome:       {make: func(s *Shell) screen { return &homeScreen{s: s} }},
	ScreenDirectory:  {make: func(s *Shell) screen { return &directoryScreen{s: s} }},
	ScreenBook:       {make: func(s *Shell) screen { return &bookScreen{s: s} }},
	ScreenMyBooking:  {make: func(s *Shell) screen { return &myBookingScreen{s: s} }},
	ScreenCheckIn:    {make: func(s *Shell) screen { return &checkInScreen{s: s} }},
	ScreenDoor:       {make: func(s *Shell) screen { return &doorScreen{s: s, roomID: s.opts.DoorRoom} }},
	ScreenStaffPIN:   {make: func(s *Shell) screen { return &loginScreen{s: s} }},
	ScreenStaffSetup: {make: func(s *Shell) screen { return &setupScreen{s: s} }},
	ScreenStaffHome:  {make: func(s *Shell) screen { return &staffHomeScreen{s: s} }, staffOnly: true},
	ScreenStaffPIN2:  {make: func(s *Shell) screen { return &pinChangeScreen{s: s} }, staffOnly: true},
	ScreenStaffDay:   {make: newStaffBookingsScreen, need: staff.PermBookings},
	ScreenStaffBlock: {make: newStaffBlockScreen, need: staff.PermBookings},
	ScreenStaffRooms: {make: newStaffRoomsScreen, need: staff.PermSettings},
	ScreenStaffCal:   {make: newStaffCalendarScreen, need: staff.PermSettings},
	ScreenStaffAccts: {make: newStaffAccountsScreen, need: staff.PermStaff},
	ScreenStaffAudit: {make: newStaffAuditScreen, need: staff.PermAudit},
	ScreenReport:     {make: newStaffReportScreen, need: staff.PermMoney},
	ScreenArrears:    {make: newStaffArrearsScreen, need: staff.PermMoney},
	ScreenStaffUnits: {make: newStaffUnitsScreen, need: staff.PermTenancy},
	ScreenTenant:     {make: newStaffTenantScreen, need: staff.PermTenancy},
	ScreenMoveIn:     {make: newStaffMoveInScreen, need: staff.PermTenancy},
	ScreenMoveOut:    {make: newStaffMoveOutScreen, need: staff.PermTenancy},
	ScreenRentPay:    {make: newStaffPayScreen, need: staff.PermTenancy},
	ScreenBackup:     {make: newStaffBackupScreen, need: staff.PermSettings},
}

// screenFor is the screen of id, made if it was not yet, so that a caller
// can say what it is to show (a unit, a tenant) before s.show(id).
func (s *Shell) screenFor(id ScreenID) screen {
	sh := s.screens[id]
	if sh == nil {
		sh = &shown{screen: screenSpecs[id].make(s)}
		s.screens[id] = sh
	}
	return sh.screen
}

// IsStaffOnly reports whether a screen may only be shown to a logged-in
// member of staff.
func (id ScreenID) IsStaffOnly() bool { return screenSpecs[id].behindLock() }

func (sp screenSpec) behindLock() bool { return sp.staffOnly || sp.need != "" }

// mayShow reports whether the person at the screen may see screen id: a
// visitor the screens in front of the lock, a member of staff those their
// role grants.
func (s *Shell) mayShow(id ScreenID) bool {
	sp := screenSpecs[id]
	switch {
	case !sp.behindLock():
		return true
	case s.member == nil:
		return false
	default:
		return sp.need == "" || s.member.Can(sp.need)
	}
}

// screen is one screen of the kiosk: it owns its state and builds its
// widgets for the current language and text size.
type screen interface {
	build() fyne.CanvasObject
}

// enterer is a screen that starts afresh each time it is navigated to.
type enterer interface{ enter() }

// refresher is a screen that keeps its widgets between visits and brings
// them up to date with its state and the store instead of being rebuilt.
type refresher interface{ refresh() }

// ticker is a screen with live content, told the time every second.
type ticker interface{ tick(now time.Time) }

// scanner is a screen that checks in what the front-desk scanner reads.
type scanner interface{ scanned(token string) }

// workingDelay is how long work may take before the screen says it is
// working (quicker answers would only flicker).
const workingDelay = 150 * time.Millisecond

// background runs job off the UI thread (synced writes, PIN hashing, store
// scans) and then done back on it. Until done has run, taps are ignored, so
// a double tap cannot submit twice, and after workingDelay the screen says
// that the kiosk is working.
func (s *Shell) background(job func(), done func()) {
	s.busy.Add(1)
	s.jobs.Add(1)
	finished := make(chan struct{})
	s.spawn(func() {
		defer s.jobs.Done()
		job()
		fyne.Do(func() {
			close(finished)
			if s.busy.Add(-1) == 0 {
				s.hideWorking()
			}
			done()
		})
	})
	select {
	case <-finished: // done already (tests run jobs in line)
		return
	default:
	}
	go func() {
		select {
		case <-finished:
		case <-time.After(workingDelay):
			fyne.Do(func() {
				select {
				case <-finished:
				default:
					s.showWorking()
				}
			})
		}
	}()
}

// loaded is a holder for what build makes of data read off the UI thread
// (a store scan); it stays empty until the read comes back.
func (s *Shell) loaded(read func() error, build func(error) fyne.CanvasObject) *fyne.Container {
	holder := container.NewStack()
	var err error
	s.background(func() { err = read() }, func() {
		holder.Objects = []fyne.CanvasObject{build(err)}
		holder.Refresh()
	})
	return holder
}

// fetch runs a read the kiosk makes on its own (a live status every 30 s)
// off the UI thread and done back on it, without holding up taps: a
// visitor's tap must not be lost to a refresh they did not ask for.
func (s *Shell) fetch(job func(), done func()) {
	s.jobs.Add(1)
	s.spawn(func() {
		defer s.jobs.Done()
		job()
		fyne.Do(done)
	})
}

// showWorking lays a "working" notice over the screen; it also takes the
// taps that would land on the screen under it.
func (s *Shell) showWorking() {
	if s.working != nil {
		return
	}
	msg := widget.NewLabelWithStyle(T("working"), fyne.TextAlignCenter, fyne.TextStyle{})
	msg.SizeName = theme.SizeNameSubHeadingText
	icon := widget.NewIcon(theme.HistoryIcon())
	box := NewPanel(container.NewHBox(container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(36), icon)), msg), colSurface)
	veil := canvas.NewRectangle(colVeil)
	s.working = container.NewStack(newTapSink(), veil, container.NewCenter(box))
	s.addOverlay(s.working)
}

// addOverlay lays o over the whole window. The window sizes its overlays
// when it is itself resized, and Add sizes only Fyne's own pop-ups: the
// kiosk's fullscreen window never resizes, so a layer added as it is would
// keep its MinSize in the top left corner, with no veil around it.
func (s *Shell) addOverlay(o fyne.CanvasObject) {
	c := s.win.Canvas()
	o.Move(fyne.NewPos(0, 0))
	o.Resize(c.Size())
	c.Overlays().Add(o)
}

// notice lays a message over the screen until it is acknowledged: for a
// failure on a screen with no place of its own to say it (home).
func (s *Shell) notice(msg string) {
	var layer fyne.CanvasObject
	ok := s.button(T("notice.ok"), theme.ConfirmIcon(), func() { s.win.Canvas().Overlays().Remove(layer) })
	ok.Importance = widget.HighImportance
	text := wrapLabel(msg)
	text.Alignment = fyne.TextAlignCenter
	box := NewPanel(container.NewVBox(text, container.NewCenter(ok)), colSurface)
	// noticeWidth wide in the middle: the sentence wraps to that width and
	// the box takes the height it then needs (a height fixed from the
	// box's MinSize, taken before the text knew its width, let the button
	// cover the last line).
	side := max(0, (s.win.Canvas().Size().Width-noticeWidth)/2)
	layer = container.NewStack(newTapSink(), canvas.NewRectangle(colVeil),
		container.New(layout.NewCustomPaddedLayout(0, 0, side, side),
			container.NewVBox(layout.NewSpacer(), box, layout.NewSpacer())))
	s.addOverlay(layer)
}

// noticeWidth is the width of a notice's box.
const noticeWidth = 560

func (s *Shell) hideWorking() {
	if s.working != nil {
		s.win.Canvas().Overlays().Remove(s.working)
		s.working = nil
	}
}

// tapSink swallows taps.
type tapSink struct{ widget.BaseWidget }

func newTapSink() *tapSink {
	t := &tapSink{}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapSink) Tapped(*fyne.PointEvent) {}

func (t *tapSink) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(colTransparent))
}
