package ui

import "testing"

// TestBookingScreensRender draws each step of the booking flow and the
// check-in screens (PNGs with KIOSK_SHOTS=dir).
func TestBookingScreensRender(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.book("seminar", at(13, 0), at(15, 0))
	f.clock.t = at(11, 10)
	f.tapText(T("home.tile.book"))
	f.shot("book-1-room")
	f.tapText("세미나실")
	f.shot("book-2-day")
	f.tapText(T("book.day.date", map[string]any{"Month": 11, "Day": 27}))
	f.tapText("11:30")
	f.tapText("1시간 30분")
	f.shot("book-3-time")
	f.tapText(T("nav.next"))
	f.typeKeys("ㅎㅗㅇㄱㅣㄹㄷㅗ")
	f.shot("book-4-details")
	f.typeKeys("ㅇ")
	f.tapKey(T("kb.done"))
	for _, r := range "01012345678" {
		f.tapKey(string(r))
	}
	f.shot("book-4-phone")
	f.tapText(T("nav.next"))
	f.shot("book-5-consent")
	f.tapText(T("book.consent.agree"))
	f.tapText("입주기업")
	f.shot("book-6-summary")
	f.tapText(T("sum.confirm"))
	f.shot("book-7-pass")
	if f.draft().made.ID == "" {
		t.Fatal("no booking made")
	}
	f.shell.GoHome()
	f.tapText(T("home.tile.my"))
	f.shot("my-lookup")
	f.shell.GoHome()
	f.tapText(T("home.tile.checkin"))
	f.shot("checkin")
	f.shell.GoHome()
	f.shot("home-tiles")
	f.shell.SwitchLanguage(English)
	f.tapText(T("home.tile.book"))
	f.tapText("Seminar room")
	f.shot("book-2-day-en")
}
