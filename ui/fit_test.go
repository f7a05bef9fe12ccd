package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestScreensFitTheKioskScreen: every screen, in both languages and both
// text sizes, needs no more than the kiosk's 1280×800 screen, so nothing is
// pushed off the edge or clipped.
func TestScreensFitTheKioskScreen(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.book("seminar", at(10, 0), at(12, 0))
	f.book("consulting", at(9, 0), at(17, 0))
	f.book("consulting", at(17, 0), at(22, 0))
	f.lease("L1", "I01", "주식회사 새싹랩 글로벌 헬스케어 솔루션즈")
	f.lease("L2", "I02", "Blue Ocean Robotics International")
	f.clock.t = at(11, 30)
	screen := fyne.NewSize(1280, 800)
	type view struct {
		name string
		open func()
	}
	views := []view{
		{"home", f.shell.GoHome},
		{"directory", func() { f.shell.GoHome(); f.tapText(T("home.tile.directory")) }},
		{"directory+keyboard", func() { f.shell.openKeyboard(nil) }},
		{"directory+symbols", func() { f.tapKey(T("kb.symbols")) }},
		{"staff setup", func() { f.shell.GoHome(); f.tapText(T("home.tile.staff")) }},
	}
	for _, large := range []bool{false, true} {
		for _, lang := range []Language{Korean, English} {
			f.shell.SwitchLanguage(lang)
			if f.shell.largeText != large {
				f.shell.ToggleLargeText()
			}
			for _, v := range views {
				v.open()
				min := f.shell.Window().Content().MinSize()
				if min.Width > screen.Width || min.Height > screen.Height {
					t.Errorf("%s (%s, large=%v) needs %.0f×%.0f, more than %v×%v",
						v.name, lang, large, min.Width, min.Height, screen.Width, screen.Height)
				}
			}
		}
	}
}
