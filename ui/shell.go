package ui

import (
	"log/slog"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/assets"
	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// Title is the window title; scripts find the kiosk's window by it.
const Title = "창업지원센터 키오스크"

// Services are the domain services the screens use.
type Services struct {
	Booking *booking.Service
	Tenants *tenants.Service
	Staff   *staff.Service
	Now     seoul.Clock
}

// Options tune the shell.
type Options struct {
	// Kiosk: fullscreen, and the window's close button does nothing.
	Kiosk bool
	// VisitorIdle: after this long without a touch a visitor screen goes
	// home and forgets what was typed. Default 60 s.
	VisitorIdle time.Duration
	// StaffIdle: after this long without a touch a staff session locks.
	// Default 2 minutes.
	StaffIdle time.Duration
	// Language to start in; Korean by default.
	Language Language
	// DoorRoom turns the kiosk into the display beside that room's door:
	// its schedule and a scanner that checks passes in for it only.
	DoorRoom string
}

// LargeTextScale is how much the large-text mode enlarges text and targets.
const LargeTextScale = 1.3

// ScreenID names a screen, for navigation and tests.
type ScreenID string

// Screens.
const (
	ScreenHome       ScreenID = "home"
	ScreenDirectory  ScreenID = "directory"
	ScreenStaffPIN   ScreenID = "staff.pin"
	ScreenStaffSetup ScreenID = "staff.setup"
	ScreenStaffHome  ScreenID = "staff.home"
	ScreenStaffPIN2  ScreenID = "staff.pinchange"
	ScreenBook       ScreenID = "book"
	ScreenMyBooking  ScreenID = "mybooking"
	ScreenCheckIn    ScreenID = "checkin"
	ScreenDoor       ScreenID = "door"
	ScreenStaffDay   ScreenID = "staff.bookings"
	ScreenStaffBlock ScreenID = "staff.block"
	ScreenStaffRooms ScreenID = "staff.rooms"
	ScreenStaffCal   ScreenID = "staff.calendar"
)

// IsStaffOnly reports whether a screen may only be shown to a logged-in
// member of staff.
func (id ScreenID) IsStaffOnly() bool {
	switch id {
	case ScreenStaffHome, ScreenStaffPIN2, ScreenStaffDay, ScreenStaffBlock, ScreenStaffRooms, ScreenStaffCal:
		return true
	}
	return false
}

// Shell owns the window: it shows one screen at a time, routes every touch
// through Touch for the idle timers, and holds the staff session.
type Shell struct {
	app  fyne.App
	win  fyne.Window
	svc  Services
	opts Options
	th   *kioskTheme
	// defaultLang is the language a new visitor gets.
	defaultLang Language

	screen    ScreenID
	build     func() fyne.CanvasObject
	lastTouch time.Time
	member    *staff.Staff // logged-in staff, nil for visitors
	// fields keeps what a visitor typed, by field id, across redraws; it is
	// forgotten on going home.
	fields map[string]string
	// keyboardOpen: the on-screen keyboard is shown on screens that have one.
	keyboardOpen bool
	kbLayer      *Layer // the visitor's last keyboard text layer
	largeText    bool
	draft        *draft   // the visitor's booking in progress
	my           *myState // the "my booking" screen
	scan         *scanResult
	lastHome     time.Time // when the home (or door) screen was last drawn
	wantFocus    fyne.Focusable
	scanBuf      []rune      // what a scanner typed with no field focused
	staffSt      *staffState // what the staff screens are looking at

	stopOnce sync.Once
	stop     chan struct{}
}

// New builds the kiosk window on a (real or test) app.
func New(a fyne.App, svc Services, opts Options) *Shell {
	if svc.Now == nil {
		svc.Now = seoul.Now
	}
	if opts.VisitorIdle <= 0 {
		opts.VisitorIdle = 60 * time.Second
	}
	if opts.StaffIdle <= 0 {
		opts.StaffIdle = 2 * time.Minute
	}
	if opts.Language == "" {
		opts.Language = Korean
	}
	SetLanguage(opts.Language)
	s := &Shell{app: a, svc: svc, opts: opts, th: newTheme(), stop: make(chan struct{}), fields: map[string]string{},
		defaultLang: opts.Language}
	a.Settings().SetTheme(s.th)
	a.SetIcon(assets.Icon)
	s.win = a.NewWindow(Title)
	s.win.SetIcon(assets.Icon)
	s.win.SetPadded(false)
	s.win.Resize(fyne.NewSize(1280, 800))
	if opts.Kiosk {
		s.win.SetCloseIntercept(func() {
			slog.Info("window close ignored in kiosk mode")
		})
	}
	s.lastTouch = svc.Now()
	s.GoHome()
	return s
}

// Window is the kiosk's window.
func (s *Shell) Window() fyne.Window { return s.win }

// Screen is the screen on show.
func (s *Shell) Screen() ScreenID { return s.screen }

// Language is the language in use.
func (s *Shell) Language() Language { return s.opts.Language }

// Touch records activity; every handler calls it (Fyne has no global input
// hook).
func (s *Shell) Touch() { s.lastTouch = s.svc.Now() }

// tap wraps a handler so that it counts as activity.
func (s *Shell) tap(fn func()) func() {
	return func() {
		s.Touch()
		if fn != nil {
			fn()
		}
	}
}

// button makes a finger-sized button whose tap counts as activity.
func (s *Shell) button(label string, icon fyne.Resource, fn func()) *TouchButton {
	return NewTouchButton(label, icon, s.tap(fn))
}

// show replaces the window content with a screen.
func (s *Shell) show(id ScreenID, build func() fyne.CanvasObject) {
	if id.IsStaffOnly() && s.member == nil {
		slog.Warn("refused staff screen without a session", "screen", id)
		id, build = ScreenHome, s.homeScreen
	}
	s.screen, s.build = id, build
	c := s.win.Canvas()
	c.SetOnTypedRune(nil)
	c.SetOnTypedKey(nil)
	if !id.IsStaffOnly() {
		s.catchScans(c) // screens with their own keyboard handling replace this
	}
	s.setContent(build())
}

// catchScans lets the front-desk scanner work on any visitor screen: what
// it types while no field has the focus is collected, and on Enter a pass
// is checked in on the check-in screen.
func (s *Shell) catchScans(c fyne.Canvas) {
	s.scanBuf = s.scanBuf[:0]
	c.SetOnTypedRune(func(r rune) {
		s.Touch()
		if len(s.scanBuf) < 128 {
			s.scanBuf = append(s.scanBuf, r)
		}
	})
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		if e.Name != fyne.KeyReturn && e.Name != fyne.KeyEnter {
			return
		}
		s.Touch()
		token := strings.TrimSpace(string(s.scanBuf))
		s.scanBuf = s.scanBuf[:0]
		if !strings.HasPrefix(strings.ToUpper(token), "KP") {
			return
		}
		if s.screen != ScreenCheckIn && s.screen != ScreenDoor {
			s.openCheckIn()
		}
		s.handleScan(token)
	})
}

// typing reports whether a field with text in it has the focus (a redraw
// now would lose what a scanner is typing).
func (s *Shell) typing() bool {
	e, ok := s.win.Canvas().Focused().(*KioskEntry)
	return ok && e.Text != ""
}

// focus asks for o to get the keyboard focus once the screen being built
// is on the window.
func (s *Shell) focus(o fyne.Focusable) { s.wantFocus = o }

func (s *Shell) setContent(o fyne.CanvasObject) {
	s.win.SetContent(o)
	if s.wantFocus != nil {
		s.win.Canvas().Focus(s.wantFocus)
		s.wantFocus = nil
	}
}

// GoHome shows the visitor home screen (or the door display), ends any
// staff session and forgets what was typed.
func (s *Shell) GoHome() {
	s.member = nil
	clear(s.fields)
	s.draft = nil
	s.my = nil
	s.staffSt = nil
	s.scan = nil
	s.keyboardOpen = false
	s.kbLayer = nil
	s.lastHome = s.svc.Now()
	if s.opts.DoorRoom != "" {
		s.show(ScreenDoor, s.doorScreen)
		return
	}
	s.show(ScreenHome, s.homeScreen)
}

// resetVisitor returns to the defaults for the next visitor: Korean, normal
// text size, the home screen.
func (s *Shell) resetVisitor() {
	if s.opts.Language != s.defaultLang {
		s.opts.Language = s.defaultLang
		SetLanguage(s.defaultLang)
	}
	if s.largeText {
		s.setLargeText(false)
	}
	s.GoHome()
}

// setLargeText scales text and targets together.
func (s *Shell) setLargeText(on bool) {
	s.largeText = on
	s.th.scale = 1
	if on {
		s.th.scale = LargeTextScale
	}
	s.app.Settings().SetTheme(s.th)
}

// ToggleLargeText switches the large-text mode and redraws the screen.
func (s *Shell) ToggleLargeText() {
	s.setLargeText(!s.largeText)
	s.rebuild()
}

// rebuild draws the current screen again (language or data changed).
func (s *Shell) rebuild() {
	if s.build != nil {
		s.setContent(s.build())
	}
}

// SwitchLanguage changes the language and redraws the current screen.
func (s *Shell) SwitchLanguage(l Language) {
	s.opts.Language = l
	SetLanguage(l)
	s.rebuild()
}

// Tick runs the idle rules at now: a staff session locks after StaffIdle, a
// visitor screen returns home after VisitorIdle, and the home screen
// refreshes its live status.
func (s *Shell) Tick(now time.Time) {
	idle := now.Sub(s.lastTouch)
	home := ScreenHome
	if s.opts.DoorRoom != "" {
		home = ScreenDoor
	}
	switch {
	case s.member != nil && idle >= s.opts.StaffIdle:
		slog.Info("staff session locked after idle")
		s.resetVisitor()
	case s.member == nil && idle >= s.opts.VisitorIdle &&
		(s.screen != home || s.opts.Language != s.defaultLang || s.largeText):
		s.resetVisitor()
	case s.scan != nil && !now.Before(s.scan.until):
		s.scan = nil // the result has been shown long enough: ready again
		s.rebuild()
	case s.screen == home && now.Sub(s.lastHome) >= homeRefresh && !s.typing():
		s.lastHome = now
		s.rebuild()
	}
}

// sweepEvery is how often the kiosk moves bookings on with the clock.
const sweepEvery = 30 * time.Second

// homeRefresh is how often the home and door screens redraw their live
// status.
const homeRefresh = 30 * time.Second

// Start runs the idle clock until Stop; ticks reach the UI through fyne.Do.
func (s *Shell) Start() {
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		var lastSweep time.Time
		for {
			select {
			case <-s.stop:
				return
			case now := <-t.C:
				// Lapsed holds and no-shows are released even when nobody
				// touches the kiosk; the store work stays off the UI thread.
				if now.Sub(lastSweep) >= sweepEvery {
					lastSweep = now
					s.sweep()
				}
				fyne.Do(func() { s.Tick(s.svc.Now()) })
			}
		}
	}()
}

// sweep releases lapsed holds and no-shows and completes finished
// bookings; the next Tick redraws the live status.
func (s *Shell) sweep() {
	res, err := s.svc.Booking.Sweep(store.ActorSystem)
	if err != nil {
		slog.Error("booking sweep", "err", err)
		return
	}
	if res.Lapsed+res.NoShows+res.Completed > 0 {
		slog.Info("bookings moved on", "lapsed", res.Lapsed, "no_shows", res.NoShows, "completed", res.Completed)
	}
	// Personal data past its retention period is destroyed as the consent
	// screen promises; the audit log records how many.
	if n, err := s.svc.Booking.Purge(store.ActorSystem); err != nil {
		slog.Error("personal data purge", "err", err)
	} else if n > 0 {
		slog.Info("personal data destroyed after retention", "bookings", n)
	}
	if n, err := s.svc.Tenants.Purge(store.ActorSystem); err != nil {
		slog.Error("tenant personal data purge", "err", err)
	} else if n > 0 {
		slog.Info("personal data destroyed after retention", "tenants", n)
	}
}

// Stop ends the idle clock.
func (s *Shell) Stop() { s.stopOnce.Do(func() { close(s.stop) }) }

// header is the bar on top of every screen: back (or nothing on home), the
// title, and the language switch (visitor screens only).
func (s *Shell) header(title string, back func(), visitor bool) fyne.CanvasObject {
	var left fyne.CanvasObject = layout.NewSpacer()
	if back != nil {
		left = s.button(T("nav.home"), theme.HomeIcon(), back)
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{})
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Truncation = fyne.TextTruncateEllipsis
	var right fyne.CanvasObject = layout.NewSpacer()
	if visitor {
		right = s.visitorControls()
	}
	bar := container.NewBorder(nil, nil, left, right, heading)
	return container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 10, 16, 16), bar), widget.NewSeparator())
}

// visitorControls are on every visitor screen: text size and language.
func (s *Shell) visitorControls() fyne.CanvasObject {
	big := s.button(T("a11y.large"), nil, s.ToggleLargeText)
	if s.largeText {
		big.Importance = widget.HighImportance
		big.Text = T("a11y.normal")
	}
	return container.NewHBox(big, s.languageSwitch())
}

// languageSwitch offers both languages, each labelled in itself.
func (s *Shell) languageSwitch() fyne.CanvasObject {
	ko := s.button("한국어", nil, func() { s.SwitchLanguage(Korean) })
	en := s.button("English", nil, func() { s.SwitchLanguage(English) })
	if s.opts.Language == English {
		ko.Importance = widget.MediumImportance
		en.Importance = widget.HighImportance
	} else {
		ko.Importance = widget.HighImportance
		en.Importance = widget.MediumImportance
	}
	return container.NewHBox(ko, en)
}

// screenSize is the canvas size, or the kiosk's 1280×800 before the window
// is shown.
func (s *Shell) screenSize() fyne.Size {
	sz := s.win.Canvas().Size()
	if sz.Width < 100 || sz.Height < 100 {
		return fyne.NewSize(1280, 800)
	}
	return sz
}

// rowsThatFit is how many rows of height rowH fit in the screen's height
// once reserved is taken by the rest of the screen (at least 1).
func (s *Shell) rowsThatFit(rowH, reserved float32) int {
	avail := s.screenSize().Height - reserved
	n := int((avail + theme.Padding()) / (rowH + theme.Padding()))
	return max(1, n)
}
