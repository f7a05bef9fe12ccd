package ui

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/backup"
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/exports"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// fakeClock is a settable clock for the shell and the services.
type fakeClock struct{ t time.Time }

func (c *fakeClock) Now() time.Time          { return c.t }
func (c *fakeClock) Advance(d time.Duration) { c.t = c.t.Add(d) }

type fixture struct {
	t     *testing.T
	clock *fakeClock
	c     *centre.Centre
	dir   string
	shell *Shell
	// media is where the fixture's USB sticks are mounted: its folders
	// are the export folders offered.
	media string
}

// newFixture opens a fresh data directory at now and builds the shell on a
// test app.
func newFixture(t *testing.T, now time.Time) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: &fakeClock{t: now}, dir: t.TempDir(), media: t.TempDir()}
	c, err := centre.Open(f.dir, f.clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	f.c = c
	f.start()
	return f
}

func (f *fixture) start() {
	test.NewTempApp(f.t)
	ex := exports.New(f.c.DB, f.c.Booking, f.c.Tenants)
	ex.Places = []string{filepath.Join(f.media, "*")}
	bk := backup.New(f.c.DB, f.clock.Now)
	bk.Places = ex.Places
	f.shell = New(fyne.CurrentApp(), Services{Booking: f.c.Booking, Tenants: f.c.Tenants, Staff: f.c.Staff, Exports: ex,
		Backups: bk, Now: f.clock.Now},
		Options{Kiosk: true, inline: true})
	f.shell.Window().Resize(fyne.NewSize(1280, 800))
	f.t.Cleanup(func() { SetLanguage(Korean) })
}

func (f *fixture) book(room string, from, to time.Time) booking.Booking {
	f.t.Helper()
	b, err := f.c.Booking.Book(store.ActorVisitor, booking.Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: room, From: from, To: to})
	if err != nil {
		f.t.Fatalf("book %s %v-%v: %v", room, from, to, err)
	}
	return b
}

func (f *fixture) lease(id, unit, tenant string) {
	f.t.Helper()
	now := f.clock.Now()
	err := f.c.Tenants.AddLease(store.ActorSystem, tenants.Lease{ID: id, Unit: unit, Tenant: tenant,
		Start: now.AddDate(0, -2, 0), End: now.AddDate(1, 0, 0), MonthlyRent: 300000, Deposit: 1000000})
	if err != nil {
		f.t.Fatal(err)
	}
}

// texts is every string drawn on the window, in tree order.
func (f *fixture) texts() []string {
	f.shell.settle()
	var out []string
	walk(f.shell.Window().Content(), func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *canvas.Text:
			if strings.TrimSpace(v.Text) != "" {
				out = append(out, v.Text)
			}
		}
	})
	return out
}

// noticeText is the text of the notice laid over the screen ("" when
// there is none), its lines joined by spaces.
func (f *fixture) noticeText() string {
	f.shell.settle()
	top := f.shell.Window().Canvas().Overlays().Top()
	if top == nil {
		return ""
	}
	var out []string
	walk(top, func(o fyne.CanvasObject) {
		if tx, ok := o.(*canvas.Text); ok && strings.TrimSpace(tx.Text) != "" {
			out = append(out, strings.TrimSpace(tx.Text))
		}
	})
	return strings.Join(out, " ")
}

// noticeSays reports whether the notice shows msg, perhaps wrapped.
func (f *fixture) noticeSays(msg string) bool {
	return strings.Contains(f.noticeText(), strings.Join(strings.Fields(msg), " "))
}

// dismissNotice taps the notice's OK button.
func (f *fixture) dismissNotice() {
	f.t.Helper()
	top := f.shell.Window().Canvas().Overlays().Top()
	tapped := false
	walk(top, func(o fyne.CanvasObject) {
		if b, ok := o.(*TouchButton); ok && b.Text == T("notice.ok") && !tapped {
			test.Tap(b)
			tapped = true
		}
	})
	if !tapped {
		f.t.Fatalf("no notice to dismiss on %s", f.shell.Screen())
	}
	f.shell.settle()
}

func (f *fixture) hasText(sub string) bool {
	for _, s := range f.texts() {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// walk visits o and everything inside it, widgets through their renderers.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch v := o.(type) {
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(v).Objects() {
			walk(c, fn)
		}
	}
}

// tappables lists every tappable object on screen that is enabled.
func (f *fixture) tappables() []fyne.Tappable {
	var out []fyne.Tappable
	walk(f.shell.Window().Content(), func(o fyne.CanvasObject) {
		if t, ok := o.(fyne.Tappable); ok {
			if d, ok := o.(fyne.Disableable); ok && d.Disabled() {
				return
			}
			out = append(out, t)
		}
	})
	return out
}

// tapText taps the first button or card whose text is label, else the
// first whose text contains it.
func (f *fixture) tapText(label string) {
	f.t.Helper()
	f.shell.settle()
	var exact, partial fyne.Tappable
	consider := func(t fyne.Tappable, text string) {
		if text == label && exact == nil {
			exact = t
		} else if strings.Contains(text, label) && partial == nil {
			partial = t
		}
	}
	walk(f.shell.Window().Content(), func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *TouchButton:
			if !v.Disabled() {
				consider(v, v.Text)
			}
		case *Card:
			walk(v.content, func(in fyne.CanvasObject) {
				if l, ok := in.(*widget.Label); ok {
					consider(v, l.Text)
				}
				if t, ok := in.(*canvas.Text); ok && t.Text == label {
					consider(v, t.Text)
				}
			})
		}
	})
	target := exact
	if target == nil {
		target = partial
	}
	if target == nil {
		f.t.Fatalf("nothing to tap labelled %q on %s; texts: %q", label, f.shell.Screen(), f.texts())
	}
	test.Tap(target)
	f.shell.settle()
}

// typePIN presses digits on the on-screen pad, then OK.
func (f *fixture) typePIN(digits string) {
	f.t.Helper()
	for _, d := range digits {
		f.tapText(string(d))
	}
	f.tapText(T("pin.ok"))
}

// shot writes the window to $KIOSK_SHOTS/name.png when that is set.
func (f *fixture) shot(name string) {
	dir := os.Getenv("KIOSK_SHOTS")
	if dir == "" {
		return
	}
	img := f.shell.Window().Canvas().Capture()
	out, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		f.t.Fatal(err)
	}
	defer out.Close()
	if err := png.Encode(out, img); err != nil {
		f.t.Fatal(err)
	}
}

func at(h, m int) time.Time { return seoul.Date(2026, 11, 27, h, m) } // a Friday

// bookScreen is the booking flow on show, or nil.
func (f *fixture) bookScreen() *bookScreen {
	b, _ := f.shell.current.(*bookScreen)
	return b
}

// draft is the booking in progress on the booking screen.
func (f *fixture) draft() *draft {
	f.t.Helper()
	b := f.bookScreen()
	if b == nil {
		f.t.Fatalf("not on the booking screen but %s", f.shell.Screen())
	}
	return &b.draft
}

// directory is the directory screen (made if it was not yet).
func (f *fixture) directory() *directoryScreen {
	f.t.Helper()
	sh := f.shell.screens[ScreenDirectory]
	if sh == nil {
		return &directoryScreen{}
	}
	return sh.screen.(*directoryScreen)
}

// openKeyboard opens the directory's search keyboard.
func (f *fixture) openKeyboard() {
	f.t.Helper()
	d, ok := f.shell.current.(*directoryScreen)
	if !ok {
		f.t.Fatalf("not on the directory but %s", f.shell.Screen())
	}
	d.setKeyboard(true)
	f.shell.settle()
}

// roomsScreen is the staff rooms screen on show.
func (f *fixture) roomsScreen() *staffRoomsScreen {
	f.t.Helper()
	r, ok := f.shell.current.(*staffRoomsScreen)
	if !ok {
		f.t.Fatalf("not on the rooms screen but %s", f.shell.Screen())
	}
	return r
}

// myBooking shows b as found on the "my booking" screen, asking whether to
// cancel it when confirm.
func (f *fixture) myBooking(b *booking.Booking, confirm bool) {
	f.t.Helper()
	f.shell.show(ScreenMyBooking)
	m := f.shell.current.(*myBookingScreen)
	m.found, m.confirm = b, confirm
	m.refresh()
	f.shell.settle()
}

// scan feeds a pass to the screen on show (the check-in screen when it has
// no scanner) and returns the answer shown.
func (f *fixture) scan(token string) *scanResult {
	f.t.Helper()
	if _, ok := f.shell.current.(scanner); !ok {
		f.shell.show(ScreenCheckIn)
	}
	f.shell.current.(scanner).scanned(token)
	f.shell.settle()
	switch sc := f.shell.current.(type) {
	case *checkInScreen:
		return sc.scan.result
	case *doorScreen:
		return sc.scan.result
	}
	return nil
}

// staffMember is a manager's session for tests that open staff screens
// directly: the claimed manager, whom f.manager (or stafftest.Claim)
// enrols in the store, as the domain checks the role of whoever acts.
var staffMember = staff.Staff{ID: staff.ManagerID, Name: staff.ManagerName, Role: staff.RoleManager}

// manager makes sure the fixture's store has the claimed manager
// (staffMember, PIN stafftest.ManagerPIN), claiming the account with the
// setup code as a person would, and returns it.
func (f *fixture) manager() staff.Staff {
	f.t.Helper()
	return stafftest.Claim(f.t, f.c.Staff)
}

// asManager signs staffMember in without the PIN pad.
func (f *fixture) asManager() {
	f.t.Helper()
	f.manager()
	f.shell.member = &staffMember
}

// desk is a receptionist enrolled in the fixture's store (once), for
// taking payments while a test sets the scene.
func (f *fixture) desk() booking.Actor {
	f.t.Helper()
	return stafftest.Enroll(f.t, f.c.DB, "접수", staff.RoleReception)
}

// refusal is the sentence the screens show for a refusal, in the language
// in use.
func refusal(err error) string {
	msg, ok := refusalText(err)
	if !ok {
		panic(fmt.Sprintf("%v is not a refusal", err))
	}
	return msg
}

// settle waits until background work has finished and its results are on
// screen.
func (s *Shell) settle() { s.jobs.Wait() }

// leaseFrom stores a lease of unit from start for a year, unpaid.
func (f *fixture) leaseFrom(id, unit, tenant string, start time.Time) {
	f.t.Helper()
	err := f.c.Tenants.AddLease(store.ActorSystem, tenants.Lease{ID: id, Unit: unit, Tenant: tenant,
		Start: start, End: start.AddDate(1, 0, -1), MonthlyRent: 250000, ManagementFee: 40000, Deposit: 1000000})
	if err != nil {
		f.t.Fatal(err)
	}
}

// stick mounts a USB stick called label: a folder among the candidates.
func (f *fixture) stick(label string) string {
	f.t.Helper()
	dir := filepath.Join(f.media, label)
	if err := os.Mkdir(dir, 0o755); err != nil {
		f.t.Fatal(err)
	}
	return dir
}
