package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// focusedEntry is the field that has the keyboard focus.
func (f *fixture) focusedEntry() *KioskEntry {
	f.t.Helper()
	e, ok := f.shell.Window().Canvas().Focused().(*KioskEntry)
	if !ok {
		f.t.Fatalf("no focused field on %s", f.shell.Screen())
	}
	return e
}

// bookSeminar walks the whole visitor flow with taps alone and returns the
// booking it made: 세미나실, the day after now, 10:00-12:00.
func (f *fixture) bookSeminar(discount string) booking.Booking {
	f.t.Helper()
	f.shell.GoHome()
	f.tapText(T("home.tile.book"))
	f.tapText("세미나실")
	day := f.clock.Now().AddDate(0, 0, 1)
	f.tapText(T("book.day.date", map[string]any{"Month": int(day.Month()), "Day": day.Day()}))
	f.tapText("10:00")
	f.tapText("2시간")
	if !f.hasText("10:00 – 12:00") && !f.hasText("10:00 – 12:00 (2시간)") {
		f.t.Fatalf("range not shown: %q", f.texts())
	}
	f.tapText(T("nav.next"))
	if f.shell.Screen() != ScreenBook || f.draft().step != stepDetails {
		f.t.Fatalf("not on the details step")
	}
	f.typeKeys("ㅎㅗㅇㄱㅣㄹㄷㅗㅇ")
	if got := f.focusedEntry().Text; got != "홍길동" {
		f.t.Fatalf("name field = %q", got)
	}
	f.tapKey(T("kb.done")) // moves to the phone field and its number pad
	for _, r := range "01012345678" {
		f.tapKey(string(r))
	}
	f.tapText(T("nav.next"))
	f.tapText(T("book.consent.agree"))
	if discount != "" {
		f.tapText(discount)
	}
	f.tapText(T("sum.confirm"))
	if f.bookScreen() == nil || f.draft().step != stepPass {
		f.t.Fatalf("no pass screen: %q", f.texts())
	}
	return f.draft().made
}

func TestVisitorBooksWithTapsAndChecksInByScanning(t *testing.T) {
	f := newFixture(t, at(14, 0)) // Friday 27 November; books Saturday
	b := f.bookSeminar("")
	stored, err := f.c.Booking.Get(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Name != "홍길동" || stored.Phone != "010-1234-5678" || stored.Room != "seminar" ||
		stored.Status != booking.StatusHeld || stored.Fee != 52000 { // 2 h × 20,000 + 30% Saturday
		t.Fatalf("stored %+v", stored)
	}
	if !f.hasText(spacedCode(b.ID)) || !f.hasText("52,000원") || !f.hasText("안내 데스크에서 결제") {
		t.Fatalf("pass screen lacks code, fee or payment note: %q", f.texts())
	}
	if f.hasText("홍길동") || f.hasText("010-1234-5678") || !f.hasText("010-****-5678") {
		t.Fatalf("personal data not masked on the pass screen: %q", f.texts())
	}
	f.shot("book-pass")

	// Staff take the payment; on the day the visitor scans the pass.
	if _, err := f.c.Booking.Pay(f.desk(), b.ID, booking.PayCash); err != nil {
		t.Fatal(err)
	}
	token, err := f.c.Booking.PassToken(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.clock.t = b.From.Add(-5 * time.Minute)
	f.shell.GoHome()
	f.tapText(T("home.tile.checkin"))
	test.Type(f.focusedEntry(), strings.ToLower(token)+"\n") // a scanner with Caps Lock on
	f.focusedEntry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !f.hasText(T("checkin.ok")) {
		t.Fatalf("no check-in confirmation: %q", f.texts())
	}
	f.shot("checkin-ok")
	got, _ := f.c.Booking.Get(b.ID)
	if got.Status != booking.StatusCheckedIn {
		t.Fatalf("status %s after scan", got.Status)
	}
	// The result stays a few seconds, then the screen is ready again.
	f.clock.Advance(resultShown + time.Second)
	f.shell.Tick(f.clock.Now())
	if f.hasText(T("checkin.ok")) || !f.hasText(T("checkin.prompt")) {
		t.Fatal("check-in screen not ready again")
	}
	// The same pass again is refused with its own message.
	f.focusedEntry().SetText(token)
	f.focusedEntry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !f.hasText(refusal(booking.ErrPassUsed)) {
		t.Fatalf("second scan: %q", f.texts())
	}
	f.shot("checkin-used")
}

func TestBookingFormRefusesBadInputAndWritesNothing(t *testing.T) {
	f := newFixture(t, at(14, 0))
	f.tapText(T("home.tile.book"))
	f.tapText("회의실")
	day := f.clock.Now().AddDate(0, 0, 3) // Monday
	f.tapText(T("book.day.date", map[string]any{"Month": int(day.Month()), "Day": day.Day()}))
	// 21:30 cannot start the shortest booking (the room closes at 22:00):
	// it says so and cannot be tapped; nor can Next before a length.
	if !f.hasText(T("slot.nostart")) {
		t.Fatalf("21:30 not marked: %q", f.texts())
	}
	before := f.shell.Screen()
	f.tapText("10:00")
	if f.draft().start != at(10, 0).AddDate(0, 0, 3) || !f.draft().end.IsZero() {
		t.Fatalf("start %v end %v", f.draft().start, f.draft().end)
	}
	for _, tp := range f.tappables() {
		if b, ok := tp.(*TouchButton); ok && b.Text == T("nav.next") {
			t.Fatal("Next offered before a length was chosen")
		}
	}
	// The lengths say their end and fee: 1 h of the meeting room is 10,000 won.
	if !f.hasText(T("book.length.until", map[string]any{"To": "11:00"})) || !f.hasText("10,000원") {
		t.Fatalf("lengths: %q", f.texts())
	}
	f.tapText("1시간")
	if f.shell.Screen() != before || f.draft().end != at(11, 0).AddDate(0, 0, 3) {
		t.Fatalf("end %v", f.draft().end)
	}
	f.tapText(T("nav.next"))
	f.tapText(T("nav.next")) // empty name
	if !f.hasText(refusal(booking.ErrName)) {
		t.Fatalf("no name message: %q", f.texts())
	}
	f.typeKeys("ㄱㅣㅁ")
	f.tapKey(T("kb.done"))
	for _, r := range "0212345678" {
		f.tapKey(string(r))
	}
	f.tapText(T("nav.next"))
	if !f.hasText(refusal(booking.ErrPhone)) {
		t.Fatalf("no phone message: %q", f.texts())
	}
	if n, _ := f.c.Booking.OnDay(day); len(n) != 0 {
		t.Fatalf("bad input wrote %d bookings", len(n))
	}
	// Refusing consent books nothing either.
	f.shell.fields[fieldPhone] = "010-9876-5432"
	f.shell.redraw()
	f.tapText(T("nav.next"))
	f.tapText(T("book.consent.refuse"))
	if !f.hasText("동의하지 않으면") {
		t.Fatalf("no consent message: %q", f.texts())
	}
	if n, _ := f.c.Booking.OnDay(day); len(n) != 0 {
		t.Fatal("refused consent still booked")
	}
}

func TestSlotTakenMeanwhileSendsVisitorBackToTheGrid(t *testing.T) {
	f := newFixture(t, at(14, 0))
	f.tapText(T("home.tile.book"))
	f.tapText("세미나실")
	day := f.clock.Now().AddDate(0, 0, 1)
	f.tapText(T("book.day.date", map[string]any{"Month": int(day.Month()), "Day": day.Day()}))
	f.tapText("10:00")
	f.tapText("2시간")
	f.tapText(T("nav.next"))
	f.typeKeys("ㄱㅣㅁ")
	f.shell.fields[fieldPhone] = "010-1111-2222"
	f.shell.redraw()
	f.tapText(T("nav.next"))
	f.tapText(T("book.consent.agree"))
	// Someone else takes 11:00 at the desk before the visitor confirms.
	from := time.Date(day.Year(), day.Month(), day.Day(), 11, 0, 0, 0, day.Location())
	if _, err := f.c.Booking.Book(store.ActorCLI, booking.Request{Room: "seminar", From: from, To: from.Add(time.Hour),
		Name: "박", Phone: "010-3333-4444", Consent: true}); err != nil {
		t.Fatal(err)
	}
	f.tapText(T("sum.confirm"))
	if f.draft().step != stepTime || !f.hasText(refusal(booking.ErrTaken)) {
		t.Fatalf("step %d, texts %q", f.draft().step, f.texts())
	}
}

func TestMyBookingShowsPassAndCancelsWithRefund(t *testing.T) {
	f := newFixture(t, at(9, 0))
	b := f.bookSeminar("")
	if _, err := f.c.Booking.Pay(f.desk(), b.ID, booking.PayCard); err != nil {
		t.Fatal(err)
	}
	f.shell.GoHome()
	f.tapText(T("home.tile.my"))
	for _, r := range b.ID {
		f.tapKey(string(r))
	}
	f.tapKey(T("kb.done"))
	for _, r := range "0000" { // wrong digits
		f.tapKey(string(r))
	}
	f.tapText(T("my.find"))
	if !f.hasText(T("my.notfound")) {
		t.Fatalf("wrong digits accepted: %q", f.texts())
	}
	f.shell.fields[fieldLookupPhone] = "5678"
	f.shell.redraw()
	f.tapText(T("my.find"))
	if !f.hasText(spacedCode(b.ID)) {
		t.Fatalf("booking not shown: %q", f.texts())
	}
	f.tapText(T("my.cancel"))
	// Tomorrow is 1 day ahead: 70% of 52,000.
	if !f.hasText("36,400원") {
		t.Fatalf("refund not shown before confirming: %q", f.texts())
	}
	f.shot("my-cancel")
	f.tapText(T("my.cancel.yes"))
	got, _ := f.c.Booking.Get(b.ID)
	if got.Status != booking.StatusCancelled || got.Refund != 36400 {
		t.Fatalf("after cancel: %s refund %d", got.Status, got.Refund)
	}
}

func TestDoorDisplayChecksInOnlyItsRoom(t *testing.T) {
	f := newFixture(t, at(9, 0))
	seminar := f.book("seminar", at(10, 0), at(12, 0))
	meeting := f.book("meeting", at(10, 0), at(11, 0))
	for _, b := range []booking.Booking{seminar, meeting} {
		if _, err := f.c.Booking.Pay(f.desk(), b.ID, booking.PayCash); err != nil {
			t.Fatal(err)
		}
	}
	f.shell.opts.DoorRoom = "seminar"
	f.clock.t = at(9, 55)
	f.shell.GoHome()
	if f.shell.Screen() != ScreenDoor || !f.hasText("세미나실") || !f.hasText("10:00–12:00") || !f.hasText("홍**") {
		t.Fatalf("door screen: %q", f.texts())
	}
	if f.hasText("홍길동") {
		t.Fatal("name not masked on the door display")
	}
	f.shot("door")
	scan := func(id string) {
		tok, err := f.c.Booking.PassToken(id)
		if err != nil {
			t.Fatal(err)
		}
		f.focusedEntry().SetText(tok)
		f.focusedEntry().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	scan(meeting.ID)
	if !f.hasText(refusal(booking.ErrPassWrongRoom)) {
		t.Fatalf("another room's pass: %q", f.texts())
	}
	scan(seminar.ID)
	if !f.hasText(T("checkin.ok")) {
		t.Fatalf("own pass: %q", f.texts())
	}
	// Idle does not leave the door display.
	f.clock.Advance(5 * time.Minute)
	f.shell.Tick(f.clock.Now())
	if f.shell.Screen() != ScreenDoor {
		t.Fatalf("door display left for %s", f.shell.Screen())
	}
}

func TestUnattendedKioskReleasesNoShows(t *testing.T) {
	f := newFixture(t, at(8, 0))
	b := f.book("seminar", at(10, 0), at(12, 0))
	if _, err := f.c.Booking.Pay(f.desk(), b.ID, booking.PayCash); err != nil {
		t.Fatal(err)
	}
	f.clock.t = at(10, 16) // nobody checked in by 10:15
	f.shell.GoHome()
	if rows := f.roomRows(); !strings.Contains(rows["세미나실"], "사용 중") {
		t.Fatalf("before the sweep: %q", rows["세미나실"])
	}
	sweep(f.shell.svc)
	f.shell.Tick(f.clock.Now().Add(homeRefresh))
	got, _ := f.c.Booking.Get(b.ID)
	if got.Status != booking.StatusNoShow {
		t.Fatalf("status %s, want no_show", got.Status)
	}
	if rows := f.roomRows(); !strings.Contains(rows["세미나실"], "이용 가능") {
		t.Fatalf("the no-show's room is not free again: %q", rows["세미나실"])
	}
}

func TestScannerWorksFromTheHomeScreen(t *testing.T) {
	f := newFixture(t, at(9, 0))
	b := f.book("meeting", at(10, 0), at(11, 0))
	if _, err := f.c.Booking.Pay(f.desk(), b.ID, booking.PayCash); err != nil {
		t.Fatal(err)
	}
	tok, _ := f.c.Booking.PassToken(b.ID)
	f.clock.t = at(9, 52)
	f.shell.GoHome()
	c := f.shell.Window().Canvas()
	test.TypeOnCanvas(c, "hello") // stray typing is ignored
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.shell.Screen() != ScreenHome {
		t.Fatalf("stray typing moved to %s", f.shell.Screen())
	}
	test.TypeOnCanvas(c, tok)
	c.OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.shell.Screen() != ScreenCheckIn || !f.hasText(T("checkin.ok")) {
		t.Fatalf("scan on the home screen: %s %q", f.shell.Screen(), f.texts())
	}
	if got, _ := f.c.Booking.Get(b.ID); got.Status != booking.StatusCheckedIn {
		t.Fatalf("status %s", got.Status)
	}
}

func TestDoorDisplayDoesNotRedrawUnderAScan(t *testing.T) {
	f := newFixture(t, at(9, 0))
	f.shell.opts.DoorRoom = "seminar"
	f.shell.GoHome()
	e := f.focusedEntry()
	e.SetText("KP10") // a scanner halfway through a pass
	f.clock.Advance(homeRefresh + time.Second)
	f.shell.Tick(f.clock.Now())
	if f.focusedEntry().Text != "KP10" {
		t.Fatal("the door display redrew over a scan in progress")
	}
}

// The door display tells a closed room from a free one, and when it opens:
// Friday night opens Saturday 09:00, Saturday night Monday 09:00.
func TestDoorDisplayWhenClosed(t *testing.T) {
	cases := []struct {
		name string
		now  time.Time
		want string
	}{
		{"before opening", at(8, 0), T("door.notyet", map[string]any{"Opens": "09:00"})},
		{"open and free", at(9, 30), T("door.free")},
		{"after closing", at(22, 30), T("door.closed", map[string]any{"Opens": formatDate(at(9, 0).AddDate(0, 0, 1)) + " 09:00"})},
		{"Saturday night", at(19, 0).AddDate(0, 0, 1), T("door.closed", map[string]any{"Opens": formatDate(at(9, 0).AddDate(0, 0, 3)) + " 09:00"})},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, c.now)
			f.shell.opts.DoorRoom = "seminar"
			f.shell.GoHome()
			// A long line wraps into rows: read the screen's text as one.
			if !strings.Contains(strings.Join(f.texts(), " "), c.want) {
				t.Fatalf("door at %s: %q, want %q", c.now.Format("Mon 15:04"), f.texts(), c.want)
			}
			if c.want != T("door.free") && f.hasText(T("door.free")) {
				t.Fatalf("a closed room reads free: %q", f.texts())
			}
		})
	}
}
