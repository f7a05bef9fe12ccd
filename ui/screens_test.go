package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
)

// TestScreensRender draws every screen in the states a visitor sees; with
// KIOSK_SHOTS=dir it writes them as PNGs to look at.
func TestScreensRender(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.book("seminar", at(10, 0), at(12, 0))
	f.book("meeting", at(11, 0), at(13, 0))
	f.book("consulting", at(9, 0), at(17, 0))
	f.book("consulting", at(17, 0), at(22, 0))
	f.lease("L1", "I01", "주식회사 새싹랩")
	f.lease("L2", "I02", "Blue Ocean Robotics")
	f.lease("L3", "Y01", "청년상점")
	f.lease("L4", "I03", "새벽소프트")
	f.clock.t = at(11, 30)
	f.shell.GoHome()
	f.shot("home")
	f.tapText(T("home.tile.directory"))
	f.shot("directory")
	f.openSearchHere()
	f.typeKeys("ㅅㅐ⇧ㅅㅏ")
	f.shot("keyboard-korean")
	f.tapKey(T("kb.shift"))
	f.shot("keyboard-korean-shift")
	f.tapKey(T("kb.to.english"))
	f.shot("keyboard-english")
	f.tapKey(T("kb.symbols"))
	f.shot("keyboard-symbols")
	f.tapText(T("a11y.large"))
	f.shot("keyboard-large")
	f.tapText(T("a11y.normal"))
	f.shell.GoHome()
	f.tapText(T("a11y.large"))
	f.shot("home-large")
	f.tapText(T("home.tile.directory"))
	f.shot("directory-large")
	f.tapText(T("a11y.normal"))
	f.shell.GoHome()
	f.shell.SwitchLanguage(English)
	f.shot("home-en")
	f.tapText(T("home.tile.staff"))
	f.shot("staff-setup")

	// The phone pad, as a form's phone field will show it.
	kb := f.shell.keyboard()
	e := f.shell.entry("phone", FieldPhone, "010-1234-5678", kb)
	kb.Attach(e)
	f.shell.Window().SetContent(container.NewBorder(e, kb.Object, nil, nil))
	f.shell.Window().Resize(fyne.NewSize(1280, 800))
	f.shot("keyboard-phone")
	if len(f.texts()) == 0 {
		t.Fatal("nothing drawn")
	}
}

func (f *fixture) openSearchHere() {
	f.openKeyboard()
}
