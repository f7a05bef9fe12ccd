package ui

import (
	"errors"
	"fmt"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Booking steps, in order.
const (
	stepRoom = iota
	stepDay
	stepTime
	stepDetails
	stepConsent
	stepSummary
	stepPass
)

// draft is a visitor's booking in progress; it lives in the shell so a
// language or text-size switch redraws without losing it, and GoHome drops
// it.
type draft struct {
	step     int
	room     booking.Room
	day      time.Time
	start    time.Time // first slot chosen
	end      time.Time // end of the last slot chosen (zero until chosen)
	discount string
	message  string // a refusal to show on the current step
	made     booking.Booking
}

// Field ids of the booking form.
const (
	fieldName  = "book.name"
	fieldPhone = "book.phone"
	fieldOrg   = "book.org"
)

func (s *Shell) openBooking() {
	s.draft = &draft{}
	s.show(ScreenBook, s.bookScreen)
}

// bookScreen draws the current step of the booking flow.
func (s *Shell) bookScreen() fyne.CanvasObject {
	d := s.draft
	if d == nil {
		d = &draft{}
		s.draft = d
	}
	steps := []struct {
		title string
		body  func() fyne.CanvasObject
	}{
		{T("book.step.room"), s.bookRoomStep},
		{T("book.step.day"), s.bookDayStep},
		{T("book.step.time"), s.bookTimeStep},
		{T("book.step.details"), s.bookDetailsStep},
		{T("book.step.consent"), s.bookConsentStep},
		{T("book.step.summary"), s.bookSummaryStep},
		{T("book.step.pass"), s.bookPassStep},
	}
	st := steps[d.step]
	title := st.title
	if d.step < stepPass {
		title = T("book.title", map[string]any{"Step": d.step + 1, "Of": stepPass, "Name": st.title})
	}
	head := s.header(title, s.GoHome, true)
	body := st.body()
	msg := messagePanel(d.message, false)
	return container.NewBorder(head, nil, nil, nil,
		container.New(layout.NewCustomPaddedLayout(10, 10, 20, 20), container.NewBorder(msg, nil, nil, nil, body)))
}

// goStep moves the flow and redraws.
func (s *Shell) goStep(step int, msg string) {
	s.draft.step, s.draft.message = step, msg
	s.keyboardOpen = false
	s.rebuild()
}

// navRow is the back / next bar at the bottom of a step.
func (s *Shell) navRow(back func(), next *TouchButton) fyne.CanvasObject {
	var left fyne.CanvasObject = layout.NewSpacer()
	if back != nil {
		left = s.button(T("nav.back"), theme.NavigateBackIcon(), back)
	}
	var right fyne.CanvasObject = layout.NewSpacer()
	if next != nil {
		next.Importance = widget.HighImportance
		next.IconPlacement = widget.ButtonIconTrailingText
		right = next
	}
	return container.NewGridWithColumns(3, left, layout.NewSpacer(), right)
}

func (s *Shell) roomName(r booking.Room) string { return roomNameIn(r, s.opts.Language) }

// roomNameIn is a room's name in language l.
func roomNameIn(r booking.Room, l Language) string {
	if l == English {
		return r.NameEN
	}
	return r.Name
}

// 1. Room cards.
func (s *Shell) bookRoomStep() fyne.CanvasObject {
	rooms, err := s.svc.Booking.Rooms()
	if err != nil {
		slog.Error("rooms", "err", err)
		return wrapLabel(T("error.load"))
	}
	cards := make([]fyne.CanvasObject, 0, len(rooms))
	for _, r := range rooms {
		name := widget.NewLabelWithStyle(s.roomName(r), fyne.TextAlignLeading, fyne.TextStyle{})
		name.SizeName = theme.SizeNameSubHeadingText
		facts := widget.NewLabel(T("room.facts", map[string]any{"Floor": r.Floor, "Seats": r.Capacity, "Fee": formatWon(r.HourlyFee)}))
		facts.Wrapping = fyne.TextWrapWord
		cards = append(cards, NewCard(container.NewVBox(name, facts), colSurface, fyne.NewSize(0, 120), s.tap(func() {
			s.draft.room = r
			s.draft.start, s.draft.end = time.Time{}, time.Time{}
			s.goStep(stepDay, "")
		})))
	}
	return s.pagedGrid(cards, 2, 3, T("book.no.rooms"))
}

// 2. A paged calendar of bookable days.
func (s *Shell) bookDayStep() fyne.CanvasObject {
	days, err := s.svc.Booking.BookableDays()
	if err != nil {
		slog.Error("days", "err", err)
		return wrapLabel(T("error.load"))
	}
	cards := make([]fyne.CanvasObject, 0, len(days))
	for _, d := range days {
		cards = append(cards, s.dayCard(d))
	}
	intro := widget.NewLabel(T("book.day.intro", map[string]any{"Room": s.roomName(s.draft.room)}))
	return container.NewBorder(intro, s.navRow(func() { s.goStep(stepRoom, "") }, nil), nil, nil,
		s.pagedGrid(cards, 7, 2, ""))
}

func (s *Shell) dayCard(d booking.Day) fyne.CanvasObject {
	date := text(T("book.day.date", map[string]any{"Month": int(d.Date.Month()), "Day": d.Date.Day()}), theme.TextSize()*1.2, colText)
	wd := text(T("weekday."+fmt.Sprint(int(d.Date.Weekday()))), theme.TextSize(), colText)
	var status *canvas.Text
	switch {
	case d.IsOpen:
		status = text(T("book.day.open"), theme.CaptionTextSize(), colFree)
	case d.Holiday:
		status = text(T("book.day.holiday"), theme.CaptionTextSize(), colBusy)
	default:
		status = text(T("book.day.closed"), theme.CaptionTextSize(), colMuted)
	}
	for _, t := range []*canvas.Text{date, wd, status} {
		t.Alignment = fyne.TextAlignCenter
	}
	content := container.NewCenter(container.New(layout.NewCustomPaddedVBoxLayout(2), date, wd, status))
	if !d.IsOpen {
		return NewPanel(content, colClosedBg)
	}
	day := d.Date
	return NewCard(content, colSurface, fyne.NewSize(0, 100), s.tap(func() {
		s.draft.day = day
		s.draft.start, s.draft.end = time.Time{}, time.Time{}
		s.goStep(stepTime, "")
	}))
}

// 3. The slot grid: tap the first and the last half hour.
func (s *Shell) bookTimeStep() fyne.CanvasObject {
	d := s.draft
	rd, err := s.svc.Booking.RoomAvailability(d.room.ID, d.day)
	if err != nil {
		slog.Error("availability", "err", err)
		return wrapLabel(T("error.load"))
	}
	st, _ := s.svc.Booking.Settings()
	cols := 7
	if s.largeText {
		cols = 9 // fewer, taller rows still fit the screen
	}
	grid := container.NewGridWithColumns(cols)
	for _, sl := range rd.Slots {
		grid.Add(s.slotCell(sl, st))
	}
	sel := T("book.time.pick")
	var next *TouchButton
	if !d.start.IsZero() {
		if d.end.IsZero() {
			sel = T("book.time.pick.end", map[string]any{"From": clockTime(d.start)})
		} else {
			sel = T("book.time.chosen", map[string]any{"From": clockTime(d.start), "To": clockTime(d.end),
				"Hours": formatHours(d.end.Sub(d.start))})
			next = s.button(T("nav.next"), theme.NavigateNextIcon(), func() { s.goStep(stepDetails, "") })
		}
	}
	info := widget.NewLabelWithStyle(sel, fyne.TextAlignLeading, fyne.TextStyle{})
	info.Wrapping = fyne.TextWrapWord
	legend := widget.NewLabel(T("book.time.legend", map[string]any{"Min": st.MinMinutes / 60, "Max": st.MaxMinutes / 60}))
	legend.Importance = widget.LowImportance
	legend.Wrapping = fyne.TextWrapWord
	top := container.NewVBox(widget.NewLabel(T("book.time.intro", map[string]any{"Room": s.roomName(d.room),
		"Date": formatDate(d.day)})), info)
	if len(rd.Slots) == 0 {
		grid = container.NewGridWithColumns(1, wrapLabel(T("book.time.closed")))
	}
	return container.NewBorder(top, container.NewVBox(legend, s.navRow(func() { s.goStep(stepDay, "") }, next)), nil, nil, grid)
}

// slotCell is one half hour of the visitor's grid.
func (s *Shell) slotCell(sl booking.Slot, st booking.Settings) fyne.CanvasObject {
	d := s.draft
	return s.slotCard(sl, inRange(sl.Start, d.start, d.end), func(t time.Time) { s.pickSlot(t, st) })
}

// inRange reports whether slot t is part of a choice that starts at start
// and ends at end (zero while only the start is chosen).
func inRange(t, start, end time.Time) bool {
	return !start.IsZero() && !t.Before(start) && ((end.IsZero() && t.Equal(start)) || t.Before(end))
}

// slotCard draws a half hour in words and colour: free ones are tappable,
// taken and past ones say so.
func (s *Shell) slotCard(sl booking.Slot, chosen bool, onTap func(time.Time)) fyne.CanvasObject {
	state, fill := T("slot.free"), colSurface
	switch sl.State {
	case booking.SlotTaken:
		state, fill = T("slot.taken"), colBusyBg
	case booking.SlotPast:
		state, fill = T("slot.past"), colClosedBg
	}
	if chosen {
		fill, state = colPrimaryDim, T("slot.chosen")
	}
	t := text(clockTime(sl.Start), theme.TextSize()*1.1, colText)
	t.Alignment = fyne.TextAlignCenter
	sub := text(state, theme.CaptionTextSize(), colMuted)
	sub.Alignment = fyne.TextAlignCenter
	content := container.New(layout.NewCustomPaddedVBoxLayout(0), t, sub)
	if sl.State != booking.SlotFree {
		return NewPanel(content, fill)
	}
	start := sl.Start
	return NewCard(content, fill, fyne.NewSize(0, MinTarget), s.tap(func() { onTap(start) }))
}

// pickSlot: the first tap picks the start, the second the last half hour
// (a tap before the start starts again).
func (s *Shell) pickSlot(t time.Time, st booking.Settings) {
	d := s.draft
	msg := ""
	switch {
	case d.start.IsZero() || !d.end.IsZero() || t.Before(d.start):
		d.start, d.end = t, time.Time{}
	default:
		end := t.Add(booking.SlotLength)
		switch length := end.Sub(d.start); {
		case length < time.Duration(st.MinMinutes)*time.Minute:
			msg = T("book.err.short", map[string]any{"Min": formatHours(time.Duration(st.MinMinutes) * time.Minute)})
		case length > time.Duration(st.MaxMinutes)*time.Minute:
			msg = T("book.err.long", map[string]any{"Max": formatHours(time.Duration(st.MaxMinutes) * time.Minute)})
		case !s.rangeFree(d.start, end):
			msg = T("book.err.taken")
			if d.room.BufferMinutes > 0 {
				msg = T("book.err.buffer", map[string]any{"Minutes": d.room.BufferMinutes})
			}
		default:
			d.end = end
		}
	}
	s.goStep(stepTime, msg)
}

// rangeFree reports whether from..to and the room's cleaning buffer after
// it are free, as Book will require.
func (s *Shell) rangeFree(from, to time.Time) bool {
	rd, err := s.svc.Booking.RoomAvailability(s.draft.room.ID, from)
	if err != nil {
		return false
	}
	end := to.Add(time.Duration(rd.Room.BufferMinutes) * time.Minute)
	for _, sl := range rd.Slots {
		if !sl.Start.Before(from) && sl.Start.Before(end) && sl.State != booking.SlotFree {
			return false
		}
	}
	return true
}

// 4. Name, phone, organisation on the on-screen keyboard.
func (s *Shell) bookDetailsStep() fyne.CanvasObject {
	kb := s.keyboard()
	name := s.entry(fieldName, FieldText, T("book.name.hint"), kb)
	phone := s.entry(fieldPhone, FieldPhone, "010-1234-5678", kb)
	org := s.entry(fieldOrg, FieldText, T("book.org.hint"), kb)
	label := func(key string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(T(key), fyne.TextAlignLeading, fyne.TextStyle{})
	}
	form := container.NewGridWithColumns(2,
		container.NewBorder(nil, nil, label("book.name"), nil, name),
		container.NewBorder(nil, nil, label("book.phone"), nil, phone),
	)
	form2 := container.NewBorder(nil, nil, label("book.org"), nil, org)
	next := s.button(T("nav.next"), theme.NavigateNextIcon(), func() {
		kb.Commit()
		if _, err := booking.CleanName(name.Text); err != nil {
			s.goStep(stepDetails, T("book.err.name"))
			return
		}
		if _, err := booking.NormalizePhone(phone.Text); err != nil {
			s.goStep(stepDetails, T("book.err.phone"))
			return
		}
		if _, err := booking.CleanOrg(org.Text); err != nil {
			s.goStep(stepDetails, T("book.err.org"))
			return
		}
		s.goStep(stepConsent, "")
	})
	kb.OnDone = func() {
		switch kb.target {
		case name:
			s.win.Canvas().Focus(phone)
		case phone:
			s.win.Canvas().Focus(org)
		}
	}
	s.focus(name)
	kb.Attach(name)
	nav := s.navRow(func() { s.goStep(stepTime, "") }, next)
	return container.NewBorder(container.NewVBox(form, form2, nav), kb.Object, nil, nil, layout.NewSpacer())
}

// 5. Privacy consent: purpose, items, retention, the right to refuse.
func (s *Shell) bookConsentStep() fyne.CanvasObject {
	st, _ := s.svc.Booking.Settings()
	title := widget.NewLabelWithStyle(T("consent.title"), fyne.TextAlignLeading, fyne.TextStyle{})
	title.SizeName = theme.SizeNameSubHeadingText
	rows := container.NewVBox(title)
	for _, item := range []string{"purpose", "items", "keep", "refuse"} {
		k := widget.NewLabelWithStyle(T("consent."+item), fyne.TextAlignLeading, fyne.TextStyle{})
		v := wrapLabel(T("consent."+item+".text", map[string]any{"Days": st.RetentionDays}))
		rows.Add(container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(200*s.th.scale, k.MinSize().Height), k), nil, v))
	}
	hold := wrapLabel(T("consent.hold", map[string]any{"Hold": st.HoldHours}))
	hold.Importance = widget.WarningImportance
	rows.Add(hold)
	agree := s.button(T("book.consent.agree"), theme.ConfirmIcon(), func() { s.goStep(stepSummary, "") })
	agree.Importance = widget.HighImportance
	refuse := s.button(T("book.consent.refuse"), theme.CancelIcon(), func() {
		s.goStep(stepDetails, T("book.consent.refused"))
	})
	return container.NewBorder(nil, container.NewGridWithColumns(3, s.button(T("nav.back"), theme.NavigateBackIcon(),
		func() { s.goStep(stepDetails, "") }), refuse, agree), nil, nil, NewPanel(rows, colSurface))
}

func (s *Shell) request() booking.Request {
	d := s.draft
	return booking.Request{Room: d.room.ID, From: d.start, To: d.end, Name: s.fields[fieldName],
		Phone: s.fields[fieldPhone], Org: s.fields[fieldOrg], DiscountID: d.discount, Consent: true}
}

// 6. The fee, a discount reason if one applies, and confirm.
func (s *Shell) bookSummaryStep() fyne.CanvasObject {
	d := s.draft
	q, err := s.svc.Booking.Quote(s.request())
	if err != nil {
		return s.bookingRefused(err)
	}
	st, _ := s.svc.Booking.Settings()
	lines := []string{
		T("sum.room", map[string]any{"Room": s.roomName(d.room)}),
		T("sum.when", map[string]any{"Date": formatDate(d.start), "From": clockTime(d.start), "To": clockTime(d.end), "Hours": formatHours(d.end.Sub(d.start))}),
		T("sum.base", map[string]any{"Fee": formatWon(q.BaseFee)}),
	}
	if q.Surcharge > 0 {
		lines = append(lines, T("sum.surcharge", map[string]any{"Pct": q.SurchargePct, "Fee": formatWon(q.Surcharge)}))
	}
	if q.DiscountAmount > 0 {
		lines = append(lines, T("sum.discount", map[string]any{"Name": s.discountName(q.Discount), "Pct": q.Discount.Percent, "Fee": formatWon(q.DiscountAmount)}))
	}
	box := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()))
	for _, l := range lines {
		box.Add(widget.NewLabel(l))
	}
	total := widget.NewLabelWithStyle(T("sum.total", map[string]any{"Fee": formatWon(q.Fee)}), fyne.TextAlignLeading, fyne.TextStyle{})
	total.SizeName = theme.SizeNameSubHeadingText
	box.Add(total)

	discounts := container.NewGridWithColumns(len(st.Discounts) + 1)
	options := append([]booking.Discount{{ID: "", Name: T("sum.discount.none"), NameEN: T("sum.discount.none")}}, st.Discounts...)
	for _, dc := range options {
		label := s.discountName(dc)
		if dc.Percent > 0 {
			label = fmt.Sprintf("%s %d%%", label, dc.Percent)
		}
		fill := colSurface
		if dc.ID == d.discount {
			fill = colPrimaryDim
			label = "● " + label
		}
		l := widget.NewLabelWithStyle(label, fyne.TextAlignCenter, fyne.TextStyle{})
		l.Wrapping = fyne.TextWrapWord
		id := dc.ID
		discounts.Add(NewCard(l, fill, fyne.NewSize(0, MinTarget), s.tap(func() { d.discount = id; s.goStep(stepSummary, "") })))
	}
	confirm := s.button(T("sum.confirm"), theme.ConfirmIcon(), s.confirmBooking)
	return container.NewBorder(nil, s.navRow(func() { s.goStep(stepConsent, "") }, confirm), nil, nil,
		container.NewVBox(NewPanel(box, colSurface), widget.NewLabelWithStyle(T("sum.discount.title"), fyne.TextAlignLeading, fyne.TextStyle{}), discounts))
}

func (s *Shell) discountName(d booking.Discount) string {
	if s.opts.Language == English && d.NameEN != "" {
		return d.NameEN
	}
	return d.Name
}

func (s *Shell) confirmBooking() {
	b, err := s.svc.Booking.Book(store.ActorVisitor, s.request())
	if err != nil {
		step := stepSummary
		if errors.Is(err, booking.ErrTaken) || errors.Is(err, booking.ErrPast) || errors.Is(err, booking.ErrClosed) {
			s.draft.start, s.draft.end, step = time.Time{}, time.Time{}, stepTime
		}
		s.goStep(step, bookingMessage(err))
		return
	}
	s.draft.made = b
	// The visitor's details are in the booking now; the form forgets them.
	delete(s.fields, fieldName)
	delete(s.fields, fieldPhone)
	delete(s.fields, fieldOrg)
	s.goStep(stepPass, "")
}

func (s *Shell) bookingRefused(err error) fyne.CanvasObject {
	return container.NewVBox(wrapLabel(bookingMessage(err)),
		s.button(T("nav.back"), theme.NavigateBackIcon(), func() { s.goStep(stepTime, "") }))
}

// 7. The pass: QR, code, room, time, fee, and where to pay.
func (s *Shell) bookPassStep() fyne.CanvasObject {
	b := s.draft.made
	return container.NewBorder(nil, container.NewGridWithColumns(3, layout.NewSpacer(), layout.NewSpacer(),
		s.button(T("pass.done"), theme.HomeIcon(), s.GoHome)), nil, nil, s.passView(b, true))
}

// passView shows a booking's QR pass and its facts.
func (s *Shell) passView(b booking.Booking, fresh bool) fyne.CanvasObject {
	room, _ := s.svc.Booking.Room(b.Room)
	facts := container.NewVBox()
	code := widget.NewLabelWithStyle(T("pass.code", map[string]any{"Code": spacedCode(b.ID)}), fyne.TextAlignLeading, fyne.TextStyle{})
	code.SizeName = theme.SizeNameSubHeadingText
	facts.Add(code)
	for _, l := range []string{
		T("sum.room", map[string]any{"Room": s.roomName(room)}),
		T("sum.when", map[string]any{"Date": formatDate(b.From), "From": clockTime(b.From), "To": clockTime(b.To), "Hours": formatHours(b.To.Sub(b.From))}),
		T("sum.total", map[string]any{"Fee": formatWon(b.Fee)}),
		T("pass.status", map[string]any{"Status": T("status." + string(b.Status))}),
		T("pass.who", map[string]any{"Name": booking.MaskName(b.Name), "Phone": booking.MaskPhone(b.Phone)}),
	} {
		facts.Add(widget.NewLabel(l))
	}
	if b.Status == booking.StatusHeld {
		pay := wrapLabel(T("pass.pay", map[string]any{"Until": formatDate(b.HoldUntil) + " " + clockTime(b.HoldUntil)}))
		pay.Importance = widget.WarningImportance
		facts.Add(pay)
	}
	if fresh {
		facts.Add(wrapLabel(T("pass.keep")))
	}
	qr := s.qrImage(b.ID)
	return container.NewBorder(nil, nil, qr, nil, NewPanel(facts, colSurface))
}

// qrImage renders a booking's pass; without one it says so.
func (s *Shell) qrImage(id string) fyne.CanvasObject {
	token, err := s.svc.Booking.PassToken(id)
	if err != nil {
		return layout.NewSpacer()
	}
	png, err := pass.PNG(token, 8)
	if err != nil {
		slog.Error("qr", "err", err)
		return layout.NewSpacer()
	}
	img := canvas.NewImageFromResource(fyne.NewStaticResource("pass.png", png))
	img.FillMode = canvas.ImageFillContain
	img.ScaleMode = canvas.ImageScalePixels
	return container.NewGridWrap(fyne.NewSquareSize(300), img)
}

// spacedCode writes a booking code in two groups: K7Q3 MXA2.
func spacedCode(id string) string {
	if len(id) != 8 {
		return id
	}
	return id[:4] + " " + id[4:]
}

func formatDate(t time.Time) string {
	t = t.In(seoul.Location)
	return T("date", map[string]any{"Year": t.Year(), "Month": int(t.Month()), "Day": t.Day(),
		"MonthName": t.Month().String()[:3], "Weekday": T("weekday." + fmt.Sprint(int(t.Weekday())))})
}

func formatHours(d time.Duration) string {
	h := d.Hours()
	if h == float64(int(h)) {
		return T("hours", map[string]any{"N": int(h)})
	}
	return T("hours.half", map[string]any{"N": int(h)})
}
