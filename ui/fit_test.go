package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"github.com/yeongdeungpo/kiosk/internal/staff"
)

// TestScreensFitTheKioskScreen: every screen, in both languages and both
// text sizes, needs no more than the kiosk's 1280×800 screen, so nothing is
// pushed off the edge or clipped.
var staffMember = staff.Staff{ID: "manager", Name: "관리자", Role: staff.RoleManager}

func TestScreensFitTheKioskScreen(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.book("seminar", at(10, 0), at(12, 0))
	for h := 12; h < 22; h++ { // a full day on the door display
		f.book("seminar", at(h, 0), at(h+1, 0))
	}
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
		{"book rooms", func() { f.shell.GoHome(); f.tapText(T("home.tile.book")) }},
		{"book days", func() { f.shell.draft.room, _ = f.c.Booking.Room("seminar"); f.shell.goStep(stepDay, "") }},
		{"book time", func() { f.shell.draft.day = at(0, 0); f.shell.goStep(stepTime, "") }},
		{"book details", func() { f.shell.goStep(stepDetails, T("book.err.phone")) }},
		{"book consent", func() { f.shell.goStep(stepConsent, "") }},
		{"book summary", func() {
			f.shell.draft.start, f.shell.draft.end = at(16, 0), at(18, 0)
			f.shell.fields[fieldName], f.shell.fields[fieldPhone] = "홍길동", "010-1234-5678"
			f.shell.goStep(stepSummary, "")
		}},
		{"my booking", func() { f.shell.GoHome(); f.tapText(T("home.tile.my")) }},
		{"check-in", func() { f.shell.GoHome(); f.tapText(T("home.tile.checkin")) }},
		{"door display", func() {
			f.shell.member = nil
			f.shell.opts.DoorRoom = "seminar"
			f.shell.GoHome()
			f.shell.opts.DoorRoom = ""
		}},
		{"staff bookings", func() { f.shell.member = &staffMember; f.shell.openStaffBookings() }},
		{"staff block", func() { f.shell.member = &staffMember; f.shell.openStaffBlock() }},
		{"staff rooms", func() { f.shell.member = &staffMember; f.shell.openStaffRooms() }},
		{"staff hours", func() { f.shell.edits().tab = 1; f.shell.rebuild() }},
		{"staff rules", func() { f.shell.edits().tab = 2; f.shell.rebuild() }},
		{"staff calendar", func() { f.shell.member = &staffMember; f.shell.openStaffCalendar() }},
		{"staff home", func() { f.shell.member = &staffMember; f.shell.show(ScreenStaffHome, f.shell.staffHome) }},
	}
	for _, large := range []bool{false, true} {
		for _, lang := range []Language{Korean, English} {
			f.shell.SwitchLanguage(lang)
			if f.shell.largeText != large {
				f.shell.ToggleLargeText()
			}
			for _, v := range views {
				if large && (strings.HasPrefix(v.name, "staff ") || v.name == "door display") {
					continue // a staff login switches large text off; a door display has no such switch
				}
				f.shell.Window().Resize(screen)
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
