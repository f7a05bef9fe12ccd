package ui

import (
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/staff"
)

// TestBackgroundIgnoresTapsUntilDone: with real goroutines, a second tap
// while the first tap's work is under way does nothing (a double tap cannot
// submit twice), and taps work again once it is done.
func TestBackgroundIgnoresTapsUntilDone(t *testing.T) {
	f := newFixture(t, at(10, 0))
	s := f.shell
	s.spawn = func(job func()) { go job() }
	release := make(chan struct{})
	var started, done atomic.Int32
	btn := s.button("pay", nil, func() {
		started.Add(1)
		s.background(func() { <-release }, func() { done.Add(1) })
	})
	test.Tap(btn)
	test.Tap(btn) // the double tap
	close(release)
	s.settle()
	if started.Load() != 1 || done.Load() != 1 {
		t.Fatalf("started %d, done %d after a double tap; want 1, 1", started.Load(), done.Load())
	}
	test.Tap(btn)
	s.settle()
	if started.Load() != 2 || done.Load() != 2 {
		t.Fatalf("after the work: started %d, done %d; want 2, 2", started.Load(), done.Load())
	}
}

// TestStopWaitsForWorkUnderWay: the store is closed after Stop returns, so
// Stop must not return while work is still writing.
func TestStopWaitsForWorkUnderWay(t *testing.T) {
	f := newFixture(t, at(10, 0))
	s := f.shell
	s.spawn = func(job func()) { go job() }
	release := make(chan struct{})
	var finished atomic.Bool
	s.background(func() { <-release; finished.Store(true) }, func() {})
	s.Start()
	stopped := make(chan struct{})
	go func() { s.Stop(); close(stopped) }()
	select {
	case <-stopped:
		t.Fatal("Stop returned while work was under way")
	case <-time.After(50 * time.Millisecond): // still waiting, as it should
	}
	close(release)
	<-stopped
	if !finished.Load() {
		t.Fatal("Stop returned before the work finished")
	}
}

// TestUnexpectedErrorsSendPeopleToTheDesk: a refusal says what the rules
// say; anything else is "ask at the desk", never a refusal's words.
func TestUnexpectedErrorsSendPeopleToTheDesk(t *testing.T) {
	f := newFixture(t, at(10, 0))
	cases := []struct {
		err  error
		want string
	}{
		{booking.ErrTaken, refusal(booking.ErrTaken)},
		{errors.Join(errors.New("wrapped"), booking.ErrNotFound), refusal(booking.ErrNotFound)},
		{errors.New("badger: disk on fire"), T("error.general")},
	}
	for _, c := range cases {
		if got := f.shell.errorText(c.err); got != c.want {
			t.Errorf("errorText(%v) = %q, want %q", c.err, got, c.want)
		}
	}
	if T("error.general") == refusal(booking.ErrNotFound) {
		t.Fatal("the general sentence is the not-found one")
	}
}

// TestLiveRefreshDoesNotEatTaps: the home board's own refresh runs while a
// visitor taps a tile; the tap is not lost.
func TestLiveRefreshDoesNotEatTaps(t *testing.T) {
	f := newFixture(t, at(10, 0))
	s := f.shell
	release := make(chan struct{})
	s.spawn = func(job func()) { go func() { <-release; job() }() }
	s.Tick(at(10, 0).Add(homeRefresh)) // the board reads the store again
	f.clock.t = at(10, 0).Add(homeRefresh)
	var tapped atomic.Bool
	test.Tap(s.button("tile", nil, func() { tapped.Store(true) }))
	close(release)
	s.settle()
	if !tapped.Load() {
		t.Fatal("a tap during the live refresh was ignored")
	}
}

// TestStaffTileOnAFailingStoreSaysAskAtTheDesk: when the kiosk cannot tell
// whether a manager exists, the tap is answered (not silently dropped) and
// the answer goes away with its button.
func TestStaffTileOnAFailingStoreSaysAskAtTheDesk(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.shell.GoHome()
	if err := f.c.DB.Close(); err != nil {
		t.Fatal(err)
	}
	f.tapText(T("home.tile.staff"))
	if f.noticeText() == "" || f.shell.Screen() != ScreenHome {
		t.Fatalf("no answer on %s", f.shell.Screen())
	}
	if !f.noticeSays(T("error.general")) {
		t.Fatalf("the answer %q is not the ask-at-the-desk sentence", f.noticeText())
	}
	f.dismissNotice()
	if f.shell.Window().Canvas().Overlays().Top() != nil {
		t.Fatal("the answer stays after its button")
	}
}

// TestNoticeCoversTheWindow: a notice veils the whole window (the kiosk's
// fullscreen window never resizes, so nothing else sizes a new overlay),
// and its button sits under its sentence, not over it, in both languages
// and both text sizes.
func TestNoticeCoversTheWindow(t *testing.T) {
	f := newFixture(t, at(10, 0))
	c := f.shell.Window().Canvas()
	for _, large := range []bool{false, true} {
		for _, lang := range []Language{Korean, English} {
			f.shell.SwitchLanguage(lang)
			if f.shell.largeText != large {
				f.shell.ToggleLargeText()
			}
			f.shell.Window().Resize(kioskScreen)
			f.shell.notice(refusal(staff.ErrResetRequest))
			top := c.Overlays().Top()
			if top.Position() != (fyne.Position{}) || top.Size() != c.Size() {
				t.Fatalf("%s large=%v: the notice is %v at %v on a %v window", lang, large, top.Size(), top.Position(), c.Size())
			}
			settle(c)
			var textBottom, buttonTop float32 = 0, -1
			var walkAt func(o fyne.CanvasObject, at fyne.Position)
			walkAt = func(o fyne.CanvasObject, at fyne.Position) {
				if o == nil || !o.Visible() {
					return
				}
				at = at.Add(o.Position())
				switch v := o.(type) {
				case *TouchButton:
					buttonTop = at.Y
					return
				case *canvas.Text:
					textBottom = max(textBottom, at.Y+v.Size().Height)
				}
				switch v := o.(type) {
				case *fyne.Container:
					for _, ch := range v.Objects {
						walkAt(ch, at)
					}
				case fyne.Widget:
					for _, ch := range test.WidgetRenderer(v).Objects() {
						walkAt(ch, at)
					}
				}
			}
			walkAt(top, fyne.Position{})
			if buttonTop < 0 || textBottom == 0 || buttonTop < textBottom {
				t.Errorf("%s large=%v: the button's top %.0f is above the sentence's bottom %.0f", lang, large, buttonTop, textBottom)
			}
			f.shot(fmt.Sprintf("notice-%s-%v", lang, large))
			f.dismissNotice()
		}
	}
	f.shell.showWorking() // the "working" veil is laid the same way
	if top := c.Overlays().Top(); top.Position() != (fyne.Position{}) || top.Size() != c.Size() {
		t.Fatalf("the working veil is %v at %v on a %v window", top.Size(), top.Position(), c.Size())
	}
	f.shell.hideWorking()
}
