package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/yeongdeungpo/kiosk/booking"
)

func TestStaffTakesPaymentCancelsBlocksAndEditsRules(t *testing.T) {
	f := newFixture(t, at(8, 0))
	held := f.book("seminar", at(10, 0), at(12, 0))
	paid := f.book("meeting", at(13, 0), at(15, 0))
	if _, err := f.c.Booking.Pay(f.desk(), paid.ID, booking.PayCard); err != nil {
		t.Fatal(err)
	}
	f.claim("482915")
	if !f.hasText(T("staff.figure.bookings")) {
		t.Fatalf("staff home lacks today's rentals: %q", f.texts())
	}
	f.tapText(T("staff.bookings"))
	if f.shell.Screen() != ScreenStaffDay || !f.hasText(spacedCode(held.ID)) || !f.hasText(spacedCode(paid.ID)) {
		t.Fatalf("bookings screen: %q", f.texts())
	}
	// The desk checks the visitor's full name at payment; the phone stays
	// masked until revealed, and the reveal is audited under the person.
	if !f.hasText("홍길동") || f.hasText("010-1234-5678") || !f.hasText("010-****-5678") {
		t.Fatalf("staff list: %q", f.texts())
	}
	f.tapText(T("staff.reveal"))
	if !f.hasText("010-1234-5678") {
		t.Fatalf("phone not revealed: %q", f.texts())
	}
	if log, _ := f.c.DB.AuditLog(0, 0); log[len(log)-1].Actor != "staff:manager" || log[len(log)-1].Action != "booking.reveal_phone" {
		t.Fatalf("reveal not audited: %+v", log[len(log)-1])
	}
	f.shot("staff-bookings")

	// Take the held booking's payment in cash.
	f.tapText(T("staff.pay"))
	f.tapText(T("pay.cash"))
	if got, _ := f.c.Booking.Get(held.ID); got.Status != booking.StatusPaid || got.PayMethod != booking.PayCash {
		t.Fatalf("after pay: %+v", got)
	}
	// Cancel the first row (the seminar, now paid): same day, so no refund;
	// the refund is shown before confirming.
	f.tapText(T("staff.cancel"))
	if !f.hasText("0원 (0%)") {
		t.Fatalf("refund not shown: %q", f.texts())
	}
	f.tapText("고객 요청 취소")
	if got, _ := f.c.Booking.Get(held.ID); got.Status != booking.StatusCancelled {
		t.Fatalf("after cancel: %s", got.Status)
	}
	// The centre cancels the card-paid meeting: the whole fee goes back.
	f.tapText(T("staff.cancel"))
	f.tapText("센터 사정 취소")
	if got, _ := f.c.Booking.Get(paid.ID); got.Status != booking.StatusCancelled || got.Refund != paid.Fee || !got.ByCentre {
		t.Fatalf("centre cancel: %+v", got)
	}
	log, _ := f.c.DB.AuditLog(0, 0)
	if last := log[len(log)-1]; last.Actor != "staff:manager" || last.Action != "booking.cancel.centre" {
		t.Fatalf("audit entry %+v", last)
	}

	// Block the consulting room 16:00-18:00 for maintenance.
	f.tapText(T("staff.home"))
	f.tapText(T("staff.block"))
	f.tapText("상담실")
	f.tapText("16:00")
	f.tapText("17:30")
	f.tapText(T("staff.block.save"))
	rd, _ := f.c.Booking.RoomAvailability("consulting", at(0, 0))
	taken := 0
	for _, sl := range rd.Slots {
		if sl.State == booking.SlotTaken {
			taken++
		}
	}
	if taken != 4 {
		t.Fatalf("%d slots blocked, want 4", taken)
	}
	f.shot("staff-block")

	// Raise the meeting room's fee by 1,000 won and close Saturdays.
	f.tapText(T("staff.home"))
	f.tapText(T("staff.rooms"))
	f.shot("staff-rooms")
	before, _ := f.c.Booking.Room("meeting")
	f.tapPlusOf(2) // third room row (회의실): its fee stepper's "+"
	f.tapText(T("staff.save"))
	after, _ := f.c.Booking.Room("meeting")
	if after.HourlyFee != before.HourlyFee+1000 {
		t.Fatalf("fee %d -> %d", before.HourlyFee, after.HourlyFee)
	}

	// A temporary holiday on Monday 30 November.
	f.tapText(T("staff.home"))
	f.tapText(T("staff.calendar"))
	for range 3 {
		f.tapText(T("staff.day.next"))
	}
	f.tapText(T("closure.kind.holiday"))
	f.tapText(T("closure.add"))
	d, _ := f.c.Booking.DayInfo(at(0, 0).AddDate(0, 0, 3), "")
	if d.IsOpen || !d.Holiday {
		t.Fatalf("30 November after adding a holiday: %+v", d)
	}
	f.shot("staff-calendar")
	if f.shell.Screen() != ScreenStaffCal {
		t.Fatal("left the calendar")
	}
}

// tapPlusOf taps the first "+" of the n-th room row on the rooms screen.
func (f *fixture) tapPlusOf(n int) {
	f.t.Helper()
	var plus []*TouchButton
	walk(f.shell.Window().Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*TouchButton); ok && b.Text == "+" {
			plus = append(plus, b)
		}
	})
	// three steppers a room row, rows in layout order
	if len(plus) < 3*(n+1) {
		f.t.Fatalf("only %d + buttons", len(plus))
	}
	test.Tap(plus[3*n])
}

func TestStaffEditsBookingRules(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.claim("482915")
	f.tapText(T("staff.rooms"))
	f.tapText(T("staff.rules"))
	f.shot("staff-rules")
	// The fourth rule is the surcharge (30%): + makes it 35%.
	f.tapPlusAt(3)
	f.tapText(T("staff.save"))
	st, err := f.c.Booking.Settings()
	if err != nil || st.SurchargePercent != 35 {
		t.Fatalf("surcharge %d, %v", st.SurchargePercent, err)
	}
	log, _ := f.c.DB.AuditLog(0, 0)
	if last := log[len(log)-1]; last.Action != "booking.settings" || last.Actor != "staff:manager" {
		t.Fatalf("audit %+v", last)
	}
}

// tapPlusAt taps the i-th "+" button on screen.
func (f *fixture) tapPlusAt(i int) {
	f.t.Helper()
	var plus []*TouchButton
	walk(f.shell.Window().Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*TouchButton); ok && b.Text == "+" {
			plus = append(plus, b)
		}
	})
	if i >= len(plus) {
		f.t.Fatalf("only %d + buttons", len(plus))
	}
	test.Tap(plus[i])
}

// The centre cancelling a booking already checked in gives the whole fee
// back, and the button says so before the tap: the preview is the booking
// rules' own answer (it once read 0 won). The visitor's way is closed.
func TestStaffCancelPreviewOfACheckedInBooking(t *testing.T) {
	f := newFixture(t, at(8, 0))
	b := f.book("meeting", at(10, 0), at(12, 0))
	if _, err := f.c.Booking.Pay(f.desk(), b.ID, booking.PayCard); err != nil {
		t.Fatal(err)
	}
	tok, err := f.c.Booking.PassToken(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(at(10, 5).Sub(f.clock.Now()))
	if _, err := f.c.Booking.CheckIn("visitor", tok, ""); err != nil {
		t.Fatal(err)
	}
	f.claim("482915")
	f.tapText(T("staff.bookings"))
	f.tapText(T("staff.cancel"))
	full := T("staff.cancel.centre", map[string]any{"Refund": formatWon(b.Fee)})
	if !f.hasText(full) || f.hasText("고객 요청 취소") {
		t.Fatalf("cancel choices for a checked-in booking: %q, want only %q", f.texts(), full)
	}
	f.shot("staff-cancel-checked-in")
	f.tapText(full)
	if got, _ := f.c.Booking.Get(b.ID); got.Status != booking.StatusCancelled || got.Refund != b.Fee {
		t.Fatalf("after the centre's cancellation: %+v", got)
	}
}

// TestStaffListStaysOnItsPage: an action on page 2 of the list keeps the
// list on page 2 (it used to jump back to page 1, away from the buttons).
func TestStaffListStaysOnItsPage(t *testing.T) {
	f := newFixture(t, at(8, 0))
	for h := 9; h < 21; h++ {
		f.book("meeting", at(h, 0), at(h+1, 0))
	}
	f.claim("482915")
	f.tapText(T("staff.bookings"))
	f.tapText(T("pager.next"))
	second := f.pageLabel()
	if second == "" || second[0] != '2' {
		t.Fatalf("not on page 2: %q", second)
	}
	f.tapText(T("staff.pay"))
	if f.pageLabel() != second || !f.hasText(T("pay.cash")) {
		t.Fatalf("after tapping pay on page 2: page %q, texts %q", f.pageLabel(), f.texts())
	}
	f.tapText(T("pay.cash"))
	if f.pageLabel() != second {
		t.Fatalf("after paying on page 2 the list shows page %q", f.pageLabel())
	}
}

// pageLabel is the pager's "2 / 3" on show, or "".
func (f *fixture) pageLabel() string {
	for _, s := range f.texts() {
		if strings.Contains(s, " / ") && strings.ContainsAny(s[:1], "0123456789") {
			return strings.Fields(s)[0] + " / " + strings.Fields(s)[2]
		}
	}
	return ""
}
