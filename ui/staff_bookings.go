package ui

import (
	"fmt"
	"log/slog"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// staffState is what the staff booking screens are looking at.
type staffState struct {
	day     time.Time // the day listed
	sel     string    // booking id with its actions open
	mode    string    // "pay" or "cancel"
	message string
	ok      bool
	// block form
	room   string
	start  time.Time
	end    time.Time
	reason string
	edit   *settingsEdit
}

func (s *Shell) staffView() *staffState {
	if s.staffSt == nil {
		s.staffSt = &staffState{day: seoul.Midnight(s.svc.Now())}
	}
	return s.staffSt
}

// staffFrame is the bar of every screen behind the lock: back to the staff
// home, the title, and the lock.
func (s *Shell) staffFrame(title string, body fyne.CanvasObject) fyne.CanvasObject {
	back := s.button(T("staff.home"), theme.NavigateBackIcon(), func() { s.show(ScreenStaffHome, s.staffHome) })
	lock := s.button(T("staff.lock"), theme.LogoutIcon(), s.GoHome)
	lock.Importance = widget.HighImportance
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{})
	heading.SizeName = theme.SizeNameSubHeadingText
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 10, 16, 16),
		container.NewBorder(nil, nil, back, lock, heading)), widget.NewSeparator())
	var msg fyne.CanvasObject
	if st := s.staffSt; st != nil {
		msg = messagePanel(st.message, st.ok)
	}
	return container.NewBorder(top, nil, nil, nil,
		container.New(layout.NewCustomPaddedLayout(10, 10, 20, 20), container.NewBorder(msg, nil, nil, nil, body)))
}

func (s *Shell) staffSay(ok bool, msg string) {
	st := s.staffView()
	st.ok, st.message = ok, msg
}

// todayBookingFigures: today's bookings by state, for the staff home.
func (s *Shell) todayBookingFigures() fyne.CanvasObject {
	day, err := s.svc.Booking.OnDay(s.svc.Now())
	if err != nil {
		slog.Error("bookings today", "err", err)
		return wrapLabel(T("error.load"))
	}
	var held, paid, in, other int
	var fees int64
	for _, b := range day {
		switch b.Status {
		case booking.StatusHeld:
			held++
		case booking.StatusPaid:
			paid++
		case booking.StatusCheckedIn, booking.StatusCompleted:
			in++
		default:
			other++
		}
		if b.Status == booking.StatusPaid || b.Status == booking.StatusCheckedIn || b.Status == booking.StatusCompleted {
			fees += b.Fee
		}
	}
	return container.NewGridWithColumns(4,
		figureCard(T("status.held"), fmt.Sprint(held), ""),
		figureCard(T("status.paid"), fmt.Sprint(paid), ""),
		figureCard(T("status.checked_in"), fmt.Sprint(in), ""),
		figureCard(T("staff.figure.fees"), formatWon(fees), ""))
}

func (s *Shell) openStaffBookings() {
	st := s.staffView()
	st.sel, st.mode, st.message = "", "", ""
	s.show(ScreenStaffDay, s.staffBookingsScreen)
}

// staffBookingsScreen lists a day's bookings with pay and cancel actions.
func (s *Shell) staffBookingsScreen() fyne.CanvasObject {
	st := s.staffView()
	prev := s.button(T("staff.day.prev"), theme.NavigateBackIcon(), func() { st.day = st.day.AddDate(0, 0, -1); st.sel = ""; s.rebuild() })
	next := s.button(T("staff.day.next"), theme.NavigateNextIcon(), func() { st.day = st.day.AddDate(0, 0, 1); st.sel = ""; s.rebuild() })
	next.IconPlacement = widget.ButtonIconTrailingText
	today := s.button(T("staff.day.today"), theme.HomeIcon(), func() { st.day = seoul.Midnight(s.svc.Now()); st.sel = ""; s.rebuild() })
	date := widget.NewLabelWithStyle(formatDate(st.day), fyne.TextAlignCenter, fyne.TextStyle{})
	bar := container.NewBorder(nil, nil, container.NewHBox(prev, today), next, date)

	list, err := s.svc.Booking.OnDay(st.day)
	if err != nil {
		slog.Error("bookings", "err", err)
		return s.staffFrame(T("staff.bookings"), wrapLabel(T("error.load")))
	}
	rows := make([]fyne.CanvasObject, 0, len(list))
	for _, b := range list {
		rows = append(rows, s.staffBookingRow(b))
	}
	body := container.NewBorder(bar, nil, nil, nil, s.pagedGrid(rows, 1, 5, T("staff.day.none")))
	return s.staffFrame(T("staff.bookings"), body)
}

func (s *Shell) staffBookingRow(b booking.Booking) fyne.CanvasObject {
	st := s.staffView()
	room, _ := s.svc.Booking.Room(b.Room)
	who := whoOf(b)
	if !b.Block {
		who = booking.MaskName(b.Name) + " · " + booking.MaskPhone(b.Phone)
		if b.Org != "" {
			who += " · " + b.Org
		}
	}
	line1 := fmt.Sprintf("%s–%s  %s  %s", clockTime(b.From), clockTime(b.To), s.roomName(room), spacedCode(b.ID))
	if b.Block {
		who = reasonText(b.Reason)
	}
	line2 := fmt.Sprintf("%s · %s · %s", T("status."+string(b.Status)), formatWon(b.Fee), who)
	if b.DiscountName != "" {
		line2 += " · " + T("staff.discount", map[string]any{"Name": b.DiscountName, "Pct": b.DiscountPct})
	}
	if b.Status == booking.StatusCancelled && b.Refund > 0 {
		line2 += " · " + T("staff.refunded", map[string]any{"Refund": formatWon(b.Refund)})
	}
	l1 := widget.NewLabelWithStyle(line1, fyne.TextAlignLeading, fyne.TextStyle{})
	l2 := widget.NewLabel(line2)
	l2.Truncation = fyne.TextTruncateEllipsis
	info := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), l1, l2)

	var actions []fyne.CanvasObject
	selected := st.sel == b.ID
	switch {
	case selected && st.mode == "pay":
		for _, m := range []booking.PayMethod{booking.PayCash, booking.PayCard, booking.PayTransfer} {
			actions = append(actions, s.button(T("pay."+string(m)), nil, func() { s.staffPay(b.ID, m) }))
		}
		actions = append(actions, s.button(T("nav.back"), nil, func() { st.sel = ""; s.rebuild() }))
	case selected && st.mode == "cancel":
		// The refunds are the booking rules' own answer, for each way of
		// cancelling that is still open.
		if q, err := s.svc.Booking.CancelQuote(b.ID, false); err == nil {
			visitor := s.button(T("staff.cancel.visitor", map[string]any{"Refund": formatWon(q.Refund), "Pct": q.Percent}), nil,
				func() { s.staffCancel(b.ID, false) })
			visitor.Importance = widget.DangerImportance
			actions = append(actions, visitor)
		}
		if q, err := s.svc.Booking.CancelQuote(b.ID, true); err == nil && !b.Block {
			actions = append(actions, s.button(T("staff.cancel.centre", map[string]any{"Refund": formatWon(q.Refund)}), nil,
				func() { s.staffCancel(b.ID, true) }))
		}
		actions = append(actions, s.button(T("my.cancel.keep"), nil, func() { st.sel = ""; s.rebuild() }))
	default:
		if s.svc.Booking.CanPay(b) == nil {
			pay := s.button(T("staff.pay"), nil, func() { st.sel, st.mode, st.message = b.ID, "pay", ""; s.rebuild() })
			pay.Importance = widget.HighImportance
			actions = append(actions, pay)
		}
		if s.svc.Booking.CanCancel(b, false) == nil || (!b.Block && s.svc.Booking.CanCancel(b, true) == nil) {
			label := T("staff.cancel")
			if b.Block {
				label = T("staff.unblock")
			}
			actions = append(actions, s.button(label, nil, func() { st.sel, st.mode, st.message = b.ID, "cancel", ""; s.rebuild() }))
		}
	}
	fill := colSurface
	if selected {
		fill = colPrimaryDim
	}
	return NewPanel(container.NewBorder(nil, nil, nil, container.NewHBox(actions...), info), fill)
}

func (s *Shell) staffPay(id string, m booking.PayMethod) {
	st := s.staffView()
	b, err := s.svc.Booking.Pay(s.member.Actor(), id, m)
	st.sel = ""
	if err != nil {
		s.staffSay(false, bookingMessage(err))
	} else {
		s.staffSay(true, T("staff.paid", map[string]any{"Code": spacedCode(b.ID), "Fee": formatWon(b.Fee), "Method": T("pay." + string(m))}))
	}
	s.rebuild()
}

func (s *Shell) staffCancel(id string, byCentre bool) {
	st := s.staffView()
	cancel := s.svc.Booking.Cancel
	if byCentre {
		cancel = s.svc.Booking.CancelByCentre
	}
	b, err := cancel(s.member.Actor(), id)
	st.sel = ""
	if err != nil {
		s.staffSay(false, bookingMessage(err))
	} else {
		s.staffSay(true, T("staff.cancelled", map[string]any{"Code": spacedCode(b.ID), "Refund": formatWon(b.Refund)}))
	}
	s.rebuild()
}

// reasonText shows a stored reason: preset reasons are stored as their
// translation key so each reader sees them in their own language.
func reasonText(r string) string {
	if strings.HasPrefix(r, "block.reason.") || strings.HasPrefix(r, "closure.reason.") {
		return T(r)
	}
	return r
}

// Block reasons offered as cards (a kiosk has no free typing for staff here).
var blockReasons = []string{"block.reason.maintenance", "block.reason.cleaning", "block.reason.event", "block.reason.works"}

func (s *Shell) openStaffBlock() {
	st := s.staffView()
	st.message, st.start, st.end = "", time.Time{}, time.Time{}
	if st.room == "" {
		st.room = "seminar"
	}
	if st.reason == "" {
		st.reason = blockReasons[0]
	}
	s.show(ScreenStaffBlock, s.staffBlockScreen)
}

// staffBlockScreen takes a room out for a time range: room, day, slots,
// reason.
func (s *Shell) staffBlockScreen() fyne.CanvasObject {
	st := s.staffView()
	rooms, _ := s.svc.Booking.Rooms()
	roomRow := container.NewGridWithColumns(len(rooms))
	for _, r := range rooms {
		id := r.ID
		roomRow.Add(s.choiceCard(s.roomName(r), r.ID == st.room, func() { st.room, st.start, st.end = id, time.Time{}, time.Time{} }))
	}
	prev := s.button(T("staff.day.prev"), theme.NavigateBackIcon(), func() { st.day = st.day.AddDate(0, 0, -1); st.start, st.end = time.Time{}, time.Time{}; s.rebuild() })
	next := s.button(T("staff.day.next"), theme.NavigateNextIcon(), func() { st.day = st.day.AddDate(0, 0, 1); st.start, st.end = time.Time{}, time.Time{}; s.rebuild() })
	grid := container.NewGridWithColumns(9)
	rd, err := s.svc.Booking.RoomAvailability(st.room, st.day)
	if err != nil {
		slog.Error("availability", "err", err)
	}
	for _, sl := range rd.Slots {
		grid.Add(s.blockCell(sl))
	}
	if len(rd.Slots) == 0 {
		grid = container.NewGridWithColumns(1, wrapLabel(T("book.time.closed")))
	}
	reasons := container.NewGridWithColumns(len(blockReasons) + 1)
	for _, key := range blockReasons {
		k := key
		reasons.Add(s.choiceCard(T(k), k == st.reason, func() { st.reason = k }))
	}
	sel := T("book.time.pick")
	if !st.start.IsZero() {
		sel = T("book.time.pick.end", map[string]any{"From": clockTime(st.start)})
		if !st.end.IsZero() {
			sel = T("staff.block.chosen", map[string]any{"From": clockTime(st.start), "To": clockTime(st.end)})
		}
	}
	save := s.button(T("staff.block.save"), theme.ConfirmIcon(), func() {
		if st.start.IsZero() || st.end.IsZero() {
			s.staffSay(false, T("staff.block.pick"))
			s.rebuild()
			return
		}
		b, err := s.svc.Booking.Block(s.member.Actor(), st.room, st.start, st.end, st.reason)
		if err != nil {
			s.staffSay(false, bookingMessage(err))
		} else {
			s.staffSay(true, T("staff.block.done", map[string]any{"From": clockTime(b.From), "To": clockTime(b.To)}))
			st.start, st.end = time.Time{}, time.Time{}
		}
		s.rebuild()
	})
	save.Importance = widget.HighImportance
	dayLine := widget.NewLabelWithStyle(formatDate(st.day)+" · "+sel, fyne.TextAlignCenter, fyne.TextStyle{})
	dayLine.Truncation = fyne.TextTruncateEllipsis
	top := container.NewVBox(roomRow, container.NewBorder(nil, nil, prev, next, dayLine))
	reasons.Add(save)
	bottom := container.NewVBox(widget.NewLabelWithStyle(T("staff.block.reason"), fyne.TextAlignLeading, fyne.TextStyle{}), reasons)
	return s.staffFrame(T("staff.block"), container.NewBorder(top, bottom, nil, nil, grid))
}

func (s *Shell) blockCell(sl booking.Slot) fyne.CanvasObject {
	st := s.staffView()
	return s.slotCard(sl, inRange(sl.Start, st.start, st.end), func(start time.Time) {
		switch {
		case st.start.IsZero() || !st.end.IsZero() || start.Before(st.start):
			st.start, st.end = start, time.Time{}
		default:
			st.end = start.Add(booking.SlotLength)
		}
		st.message = ""
		s.rebuild()
	})
}
