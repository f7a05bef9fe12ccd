package ui

import (
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
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
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
}

// newFixture opens a fresh data directory at now and builds the shell on a
// test app.
func newFixture(t *testing.T, now time.Time) *fixture {
	t.Helper()
	f := &fixture{t: t, clock: &fakeClock{t: now}, dir: t.TempDir()}
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
	f.shell = New(fyne.CurrentApp(), Services{Booking: f.c.Booking, Tenants: f.c.Tenants, Staff: f.c.Staff, Now: f.clock.Now},
		Options{Kiosk: true})
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
