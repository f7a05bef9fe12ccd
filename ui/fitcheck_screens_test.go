package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"github.com/yeongdeungpo/kiosk/booking"
)

// kioskScreen is the kiosk's screen: what the fit checker holds the window
// to (the test canvas would grow to a content larger than the screen).
var kioskScreen = fyne.NewSize(1280, 800)

// fitView is a screen to check and how to get to it.
type fitView struct {
	name string
	open func(f *fixture)
}

// checkFits opens each view in Korean and English, in normal and large text,
// on a 1280×800 window, lets the layout settle as the GL canvas would, and
// reports what the fit checker finds.
func checkFits(t *testing.T, f *fixture, views []fitView) {
	t.Helper()
	for _, large := range []bool{false, true} {
		for _, lang := range []Language{Korean, English} {
			for _, v := range views {
				name := fmt.Sprintf("%s/%s/%s", v.name, lang, map[bool]string{false: "normal", true: "large"}[large])
				t.Run(name, func(t *testing.T) {
					f.shell.SwitchLanguage(lang)
					if f.shell.largeText != large {
						f.shell.ToggleLargeText()
					}
					f.shell.Window().Resize(kioskScreen)
					v.open(f)
					c := f.shell.Window().Canvas()
					settle(c)
					if m := misfitsOn(c, kioskScreen); len(m) > 0 {
						f.shot("misfit-" + strings.NewReplacer("/", "-", " ", "-").Replace(name))
						t.Errorf("%d misfits on %s:\n%s", len(m), name, strings.Join(m, "\n"))
					}
				})
			}
		}
	}
}

// fitFixture is a centre with bookings and tenants whose names are long, at
// 11:30 on a Friday.
func fitFixture(t *testing.T) *fixture {
	f := newFixture(t, at(8, 0))
	f.book("seminar", at(10, 0), at(12, 0))
	f.book("consulting", at(9, 0), at(17, 0))
	f.book("consulting", at(17, 0), at(22, 0))
	f.lease("L1", "I01", "주식회사 새싹랩 글로벌 헬스케어 솔루션즈")
	f.lease("L2", "I02", "Blue Ocean Robotics International")
	f.clock.t = at(11, 30)
	return f
}

// TestHomeFitsOnScreen: the home screen draws every object at least at its
// MinSize, no text or icon outside its tile, nothing off the screen.
//
// It fails today: the tiles sit in a GridWrap cell of 500×600, while the
// 2×3 grid of tiles needs 466-480×693 in normal text (the tiles' padding
// takes it up: icons and captions pressed against the tile's border) and
// 468-626×946 in large text, where captions run out of their tile and the
// icons into the tile above ("3층 회의실·세미나실", "QR 입장권을 스캔" under
// the search icon, "Floor directory" wider than its tile).
func TestHomeFitsOnScreen(t *testing.T) {
	checkFits(t, fitFixture(t), []fitView{{"home", func(f *fixture) { f.shell.GoHome() }}})
}

// TestVisitorScreensFitOnScreen: every screen a visitor reaches from home.
//
// It fails today, in large text only: the fresh pass (book pass) and the
// cancel question (my booking cancel) need 867-897 px of height on an
// 800 px screen (the GL window cuts the top off, header and all, and its
// taps land 67-97 px off what is drawn: the bottom buttons cannot be
// pressed); and every KioskEntry draws a scroll bar at its right edge
// (it sets Scroll = 0, which is widget.ScrollBoth, and at scale 1.3 its
// content is 0.000004 px taller than the field).
func TestVisitorScreensFitOnScreen(t *testing.T) {
	f := fitFixture(t)
	meeting := f.book("meeting", at(11, 30), at(13, 0))
	later := f.book("seminar", at(15, 0).AddDate(0, 0, 10), at(17, 0).AddDate(0, 0, 10)) // refundable
	checkins := 0
	checkFits(t, f, []fitView{
		{"directory", func(f *fixture) { f.shell.GoHome(); f.tapText(T("home.tile.directory")) }},
		{"directory+keyboard", func(f *fixture) {
			f.shell.GoHome()
			f.tapText(T("home.tile.directory"))
			f.shell.openKeyboard(nil)
		}},
		{"directory+symbols", func(f *fixture) {
			f.shell.GoHome()
			f.tapText(T("home.tile.directory"))
			f.shell.openKeyboard(nil)
			f.tapKey(T("kb.symbols"))
		}},
		{"staff setup", func(f *fixture) { f.shell.GoHome(); f.tapText(T("home.tile.staff")) }},
		{"book rooms", func(f *fixture) { f.shell.GoHome(); f.tapText(T("home.tile.book")) }},
		{"book days", func(f *fixture) {
			f.shell.GoHome()
			f.tapText(T("home.tile.book"))
			f.shell.draft.room, _ = f.c.Booking.Room("seminar")
			f.shell.goStep(stepDay, "")
		}},
		{"book time", func(f *fixture) { f.shell.draft.day = at(0, 0); f.shell.goStep(stepTime, "") }},
		{"book details", func(f *fixture) { f.shell.goStep(stepDetails, T("book.err.phone")) }},
		{"book consent", func(f *fixture) { f.shell.goStep(stepConsent, "") }},
		{"book summary", func(f *fixture) {
			f.shell.draft.start, f.shell.draft.end = at(16, 0), at(18, 0)
			f.shell.fields[fieldName], f.shell.fields[fieldPhone] = "홍길동", "010-1234-5678"
			f.shell.goStep(stepSummary, "")
		}},
		{"book pass", func(f *fixture) { f.shell.draft.made = meeting; f.shell.goStep(stepPass, "") }},
		{"my booking", func(f *fixture) { f.shell.GoHome(); f.tapText(T("home.tile.my")) }},
		{"my booking found", func(f *fixture) { f.shell.my = &myState{found: &meeting}; f.shell.rebuild() }},
		{"my booking cancel", func(f *fixture) {
			f.shell.my = &myState{found: &later, confirm: true}
			f.shell.rebuild()
		}},
		{"check-in", func(f *fixture) { f.shell.GoHome(); f.tapText(T("home.tile.checkin")) }},
		{"check-in refused", func(f *fixture) { f.shell.handleScan("KP-NOT-A-PASS") }},
		{"check-in ok", func(f *fixture) {
			// A pass is used once: each language and text size checks a
			// booking of its own in, at its start.
			now := f.clock.t
			start := at(13+checkins, 0)
			checkins++
			b := f.book("multipurpose", start, start.Add(time.Hour))
			if _, err := f.c.Booking.Pay("staff:test", b.ID, booking.PayCash); err != nil {
				f.t.Fatal(err)
			}
			token, err := f.c.Booking.PassToken(b.ID)
			if err != nil {
				f.t.Fatal(err)
			}
			f.clock.t = start
			f.shell.handleScan(token)
			f.clock.t = now
			if f.shell.scan == nil || !f.shell.scan.ok {
				f.t.Fatalf("check-in refused: %+v", f.shell.scan)
			}
		}},
	})
}
