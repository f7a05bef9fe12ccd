package ui

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/assets"
	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/backup"
	"github.com/yeongdeungpo/kiosk/internal/exports"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// Title is the window title; scripts find the kiosk's window by it.
const Title = "창업지원센터 키오스크"

// Services are the domain services the screens use.
type Services struct {
	Booking *booking.Service
	Tenants *tenants.Service
	Staff   *staff.Service
	// Exports: the export folder, the exports and the money figures.
	Exports *exports.Service
	// Backups: the backup folder, the nightly backup and its results (nil:
	// the kiosk makes no backups, the screen and the home line are away).
	Backups *backup.Service
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

	// inline runs background work in line, so that a test sees each tap's
	// result when the tap returns (the goroutines are tested on their own).
	inline bool
}

// LargeTextScale is how much the large-text mode enlarges text and targets.
const LargeTextScale = 1.3

// look is what a built screen depends on besides its own state: a screen
// built for one look is reused while the look stays the same.
type look struct {
	lang  Language
	large bool
}

// Shell is the navigator: it keeps the services, the language, the text
// size, the idle timers, the staff session and the screen on show. Each
// screen is a struct of its own (see screens.go) that owns its state and
// widgets.
type Shell struct {
	app  fyne.App
	win  fyne.Window
	svc  Services
	opts Options
	th   *kioskTheme
	// defaultLang is the language a new visitor gets.
	defaultLang Language
	largeText   bool

	screen  ScreenID
	current screen
	// screens holds each screen made so far; a screen keeps its widgets
	// for the look they were built in.
	screens   map[ScreenID]*shown
	lastTouch time.Time
	member    *staff.Staff // logged-in staff, nil for visitors
	// fields keeps what a visitor typed, by field id, across redraws; it is
	// forgotten on going home.
	fields    map[string]string
	kbLayer   *Layer // the visitor's last keyboard text layer
	wantFocus fyne.Focusable
	scanBuf   []rune // what a scanner typed with no field focused

	jobs    sync.WaitGroup // background work under way
	spawn   func(func())   // starts background work: a goroutine, in line in tests
	busy    atomic.Int32   // taps are ignored while > 0
	working fyne.CanvasObject

	stopOnce sync.Once
	stop     chan struct{}
	ticker   sync.WaitGroup // the idle clock and the sweeper
	// ctx ends work that may be cut short (a backup) when the kiosk stops.
	ctx       context.Context
	cancel    context.CancelFunc
	backingUp atomic.Bool // the nightly backup is under way
}

// shown is a screen and the widgets built for it.
type shown struct {
	screen screen
	obj    fyne.CanvasObject
	look   look
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
		defaultLang: opts.Language, screens: map[ScreenID]*shown{}, spawn: func(f func()) { go f() }}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	if opts.inline {
		s.spawn = func(job func()) { job() }
	}
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

// tap wraps a handler so that it counts as activity, and so that nothing
// is tapped twice while the kiosk is still working on the first tap.
func (s *Shell) tap(fn func()) func() {
	return func() {
		s.Touch()
		if s.busy.Load() > 0 {
			return
		}
		if fn != nil {
			fn()
		}
	}
}

// button makes a finger-sized button whose tap counts as activity.
func (s *Shell) button(label string, icon fyne.Resource, fn func()) *TouchButton {
	return NewTouchButton(label, icon, s.tap(fn))
}

func (s *Shell) look() look { return look{lang: s.opts.Language, large: s.largeText} }

// show navigates to a screen: a screen met before starts afresh (enter)
// and keeps the widgets it built, if the look is still the same.
func (s *Shell) show(id ScreenID) {
	if !s.mayShow(id) {
		slog.Warn("refused a screen the session may not see", "screen", id, "staff", s.member != nil)
		id = s.homeID()
		if s.member != nil {
			id = ScreenStaffHome
		}
	}
	sh := s.screens[id]
	if sh == nil {
		sh = &shown{screen: screenSpecs[id].make(s)}
		s.screens[id] = sh
	}
	if e, ok := sh.screen.(enterer); ok {
		e.enter()
	}
	s.screen, s.current = id, sh.screen
	c := s.win.Canvas()
	c.SetOnTypedRune(nil)
	c.SetOnTypedKey(nil)
	if !screenSpecs[id].behindLock() {
		s.catchScans(c) // screens with their own keyboard handling replace this
	}
	s.present(sh)
}

// present puts a screen's widgets on the window. A screen that can
// refresh itself keeps its widgets until the look changes; any other is
// built again.
func (s *Shell) present(sh *shown) {
	r, reusable := sh.screen.(refresher)
	if sh.obj == nil || sh.look != s.look() || !reusable {
		sh.obj, sh.look = sh.screen.build(), s.look()
	} else {
		r.refresh()
	}
	s.setContent(sh.obj)
}

// redraw builds the screen on show again (the look changed).
func (s *Shell) redraw() {
	if sh := s.screens[s.screen]; sh != nil {
		sh.obj = nil
		s.present(sh)
	}
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
		// While a tap's work is under way (a booking being stored) a scan
		// must not take the screen away from its answer: it is dropped,
		// and the person scans again.
		if !strings.HasPrefix(strings.ToUpper(token), "KP") || s.busy.Load() > 0 {
			return
		}
		if _, ok := s.current.(scanner); !ok {
			s.show(ScreenCheckIn)
		}
		if sc, ok := s.current.(scanner); ok {
			sc.scanned(token)
		}
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
func (s *Shell) focus(o fyne.Focusable) {
	if s.win.Canvas().Content() != nil && isInside(s.win.Canvas().Content(), o.(fyne.CanvasObject)) {
		s.win.Canvas().Focus(o)
		return
	}
	s.wantFocus = o
}

func (s *Shell) setContent(o fyne.CanvasObject) {
	if s.win.Content() != o {
		s.win.SetContent(o)
	}
	if s.wantFocus != nil {
		s.win.Canvas().Focus(s.wantFocus)
		s.wantFocus = nil
	}
}

// homeID is the screen a visitor starts on.
func (s *Shell) homeID() ScreenID {
	if s.opts.DoorRoom != "" {
		return ScreenDoor
	}
	return ScreenHome
}

// GoHome shows the visitor home screen (or the door display), ends any
// staff session and forgets what was typed.
func (s *Shell) GoHome() {
	s.member = nil
	clear(s.fields)
	s.kbLayer = nil
	// Screens behind the lock keep nothing for the next person.
	for id := range s.screens {
		if screenSpecs[id].behindLock() {
			delete(s.screens, id)
		}
	}
	s.show(s.homeID())
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
	s.redraw()
}

// SwitchLanguage changes the language and redraws the current screen.
func (s *Shell) SwitchLanguage(l Language) {
	s.opts.Language = l
	SetLanguage(l)
	s.redraw()
}

// Tick runs the idle rules at now: a staff session locks after StaffIdle, a
// visitor screen returns home after VisitorIdle, and a live screen updates
// itself.
func (s *Shell) Tick(now time.Time) {
	idle := now.Sub(s.lastTouch)
	switch {
	case s.member != nil && idle >= s.opts.StaffIdle:
		slog.Info("staff session locked after idle")
		s.resetVisitor()
	case s.member == nil && idle >= s.opts.VisitorIdle &&
		(s.screen != s.homeID() || s.opts.Language != s.defaultLang || s.largeText):
		s.resetVisitor()
	default:
		if t, ok := s.current.(ticker); ok {
			t.tick(now)
		}
	}
}

// sweepEvery is how often the kiosk moves bookings on with the clock.
const sweepEvery = 30 * time.Second

// Start runs the idle clock and the sweeper until Stop; ticks reach the UI
// through fyne.Do.
func (s *Shell) Start() {
	s.ticker.Add(1)
	go func() {
		defer s.ticker.Done()
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
					sweep(s.svc)
					s.nightly()
				}
				fyne.Do(func() { s.Tick(s.svc.Now()) })
			}
		}
	}()
}

// Stop ends the idle clock and waits for the sweeper and any work under
// way (a backup under way is cut short and leaves no file), so that the
// store can be closed after it.
func (s *Shell) Stop() {
	s.stopOnce.Do(func() { close(s.stop); s.cancel() })
	s.ticker.Wait()
	s.jobs.Wait()
}

// header is the bar on top of every screen: back (or nothing on home), the
// title, and the language switch (visitor screens only).
func (s *Shell) header(title string, back func(), visitor bool) fyne.CanvasObject {
	o, heading := s.titledHeader(back, visitor)
	heading.SetText(title)
	return o
}

// titledHeader is header with its title label, to change as a screen's
// steps go on.
func (s *Shell) titledHeader(back func(), visitor bool) (fyne.CanvasObject, *widget.Label) {
	var left fyne.CanvasObject = layout.NewSpacer()
	if back != nil {
		left = s.button(T("nav.home"), theme.HomeIcon(), back)
	}
	heading := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{})
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Truncation = fyne.TextTruncateEllipsis
	var right fyne.CanvasObject = layout.NewSpacer()
	if visitor {
		right = s.visitorControls()
	}
	bar := container.NewBorder(nil, nil, left, right, heading)
	return container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 10, 16, 16), bar), widget.NewSeparator()), heading
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
