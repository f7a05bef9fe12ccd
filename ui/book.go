package ui

import (
	"errors"
	"fmt"
	"image/color"
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

// draft is a visitor's booking in progress; a language or text-size switch
// redraws the step without losing it.
type draft struct {
	step     int
	room     booking.Room
	day      time.Time
	start    time.Time // the start chosen
	end      time.Time // the end chosen (zero until a length is chosen)
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

// bookScreen is the visitor's booking flow: one frame whose title, message
// and step body change as the visitor goes on.
type bookScreen struct {
	s     *Shell
	draft draft
	title *widget.Label
	msg   *fyne.Container
	body  *fyne.Container
}

// enter starts a new booking.
func (b *bookScreen) enter() { b.draft = draft{} }

func (b *bookScreen) build() fyne.CanvasObject {
	head, title := b.s.titledHeader(b.s.GoHome, true)
	b.title = title
	b.msg = container.NewStack()
	b.body = container.NewStack()
	b.render()
	return container.NewBorder(head, nil, nil, nil,
		container.New(layout.NewCustomPaddedLayout(10, 10, 20, 20), container.NewBorder(b.msg, nil, nil, nil, b.body)))
}

// refresh shows the step the draft is on.
func (b *bookScreen) refresh() { b.render() }

// render draws the current step into the frame.
func (b *bookScreen) render() {
	d := &b.draft
	steps := []struct {
		title string
		body  func() fyne.CanvasObject
	}{
		{T("book.step.room"), b.roomStep},
		{T("book.step.day"), b.dayStep},
		{T("book.step.time"), b.timeStep},
		{T("book.step.details"), b.detailsStep},
		{T("book.step.consent"), b.consentStep},
		{T("book.step.summary"), b.summaryStep},
		{T("book.step.pass"), b.passStep},
	}
	st := steps[d.step]
	title := st.title
	if d.step < stepPass {
		title = T("book.title", map[string]any{"Step": d.step + 1, "Of": stepPass, "Name": st.title})
	}
	b.title.SetText(title)
	b.say(d.message)
	b.body.Objects = []fyne.CanvasObject{st.body()}
	b.body.Refresh()
}

// say shows a refusal above the step (or nothing).
func (b *bookScreen) say(msg string) {
	b.draft.message = msg
	b.msg.Objects = nil
	if p := messagePanel(msg, false); p != nil {
		b.msg.Objects = []fyne.CanvasObject{p}
	}
	b.msg.Refresh()
}

// goStep moves the flow.
func (b *bookScreen) goStep(step int, msg string) {
	b.draft.step, b.draft.message = step, msg
	b.render()
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
func (b *bookScreen) roomStep() fyne.CanvasObject {
	s := b.s
	rooms, err := s.svc.Booking.Rooms()
	if err != nil {
		return s.loadFailed("rooms", err)
	}
	cards := make([]fyne.CanvasObject, 0, len(rooms))
	for _, r := range rooms {
		name := widget.NewLabelWithStyle(s.roomName(r), fyne.TextAlignLeading, fyne.TextStyle{})
		name.SizeName = theme.SizeNameSubHeadingText
		facts := widget.NewLabel(T("room.facts", map[string]any{"Floor": r.Floor, "Seats": r.Capacity, "Fee": formatWon(r.HourlyFee)}))
		facts.Wrapping = fyne.TextWrapWord
		cards = append(cards, NewCard(container.NewVBox(name, facts), colSurface, fyne.NewSize(0, 120), s.tap(func() {
			b.draft.room = r
			b.draft.start, b.draft.end = time.Time{}, time.Time{}
			b.goStep(stepDay, "")
		})))
	}
	return s.pagedGrid(cards, 2, 3, T("book.no.rooms"))
}

// 2. A paged calendar of bookable days.
func (b *bookScreen) dayStep() fyne.CanvasObject {
	s := b.s
	days, err := s.svc.Booking.BookableDays()
	if err != nil {
		return s.loadFailed("days", err)
	}
	cards := make([]fyne.CanvasObject, 0, len(days))
	for _, d := range days {
		cards = append(cards, b.dayCard(d))
	}
	intro := widget.NewLabel(T("book.day.intro", map[string]any{"Room": s.roomName(b.draft.room)}))
	return container.NewBorder(intro, s.navRow(func() { b.goStep(stepRoom, "") }, nil), nil, nil,
		s.pagedGrid(cards, 7, 2, ""))
}

func (b *bookScreen) dayCard(d booking.Day) fyne.CanvasObject {
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
	return NewCard(content, colSurface, fyne.NewSize(0, 100), b.s.tap(func() {
		b.draft.day = day
		b.draft.start, b.draft.end = time.Time{}, time.Time{}
		b.goStep(stepTime, "")
	}))
}

// 3. The start on the slot grid, then the length in its place: each length
// says its end and its fee, and those that cannot be booked say so. Which
// starts and lengths can be booked is the booking rules' answer.
func (b *bookScreen) timeStep() fyne.CanvasObject {
	s, d := b.s, &b.draft
	room, day := d.room.ID, d.day
	var starts []booking.StartChoice
	return s.loaded(func() (err error) {
		starts, err = s.svc.Booking.Starts(room, day)
		return err
	}, func(err error) fyne.CanvasObject {
		if err != nil {
			return s.loadFailed("starts", err)
		}
		return b.timeGrid(starts)
	})
}

// timeGrid is the time step once the day's starts are read.
func (b *bookScreen) timeGrid(starts []booking.StartChoice) fyne.CanvasObject {
	s, d := b.s, &b.draft
	intro := widget.NewLabel(T("book.time.intro", map[string]any{"Room": s.roomName(d.room), "Date": formatDate(d.day)}))
	if len(starts) == 0 {
		return container.NewBorder(intro, s.navRow(func() { b.goStep(stepDay, "") }, nil), nil, nil,
			centredText(T("book.time.closed")))
	}
	cols := 7
	if s.largeText {
		cols = 9 // fewer, taller rows still fit the screen
	}
	grid := container.NewGridWithColumns(cols)
	cells := make([]*slotCell, len(starts))
	stage := container.NewStack(grid) // the grid, or the lengths from the start chosen
	info := widget.NewLabel("")
	info.Wrapping = fyne.TextWrapWord
	next := s.button(T("nav.next"), theme.NavigateNextIcon(), func() { b.goStep(stepDetails, "") })
	update := func() {
		for _, c := range cells {
			c.setChosen(inRange(c.choice.Start, d.start, d.end))
		}
		switch {
		case d.start.IsZero():
			info.SetText(T("book.time.pick"))
		case d.end.IsZero():
			info.SetText(T("book.time.pick.length", map[string]any{"From": clockTime(d.start)}))
		default:
			info.SetText(T("book.time.chosen", map[string]any{"From": clockTime(d.start), "To": clockTime(d.end),
				"Hours": formatHours(d.end.Sub(d.start))}))
		}
		setEnabled(next, !d.end.IsZero())
	}
	showGrid := func() {
		d.start, d.end = time.Time{}, time.Time{}
		stage.Objects = []fyne.CanvasObject{grid}
		stage.Refresh()
		update()
	}
	showLengths := func() {
		stage.Objects = []fyne.CanvasObject{b.lengthChoices(update, showGrid)}
		stage.Refresh()
		update()
	}
	for i, c := range starts {
		cells[i] = newSlotCell(s, c, func(t time.Time) {
			d.start, d.end = t, time.Time{}
			b.say("")
			showLengths()
		})
		grid.Add(cells[i].obj)
	}
	if !d.start.IsZero() {
		showLengths()
	}
	update()
	top := container.NewVBox(intro, info)
	return container.NewBorder(top, s.navRow(func() { b.goStep(stepDay, "") }, next), nil, nil, stage)
}

// lengthChoices are the lengths a booking from the chosen start can have,
// with a way back to the grid to start at another time.
func (b *bookScreen) lengthChoices(changed, again func()) fyne.CanvasObject {
	s, d := b.s, &b.draft
	room, start := d.room.ID, d.start
	var ends []booking.EndChoice
	return s.loaded(func() (err error) {
		ends, err = s.svc.Booking.Ends(room, start)
		return err
	}, func(err error) fyne.CanvasObject {
		if err != nil {
			return s.loadFailed("ends", err)
		}
		return b.lengthGrid(ends, changed, again)
	})
}

// lengthGrid is the lengths once they are read.
func (b *bookScreen) lengthGrid(ends []booking.EndChoice, changed, again func()) fyne.CanvasObject {
	s, d := b.s, &b.draft
	group := choiceGroup{s: s}
	// Five a row; four in large text, with less padding so the rows fit.
	cols, vpad := 5, float32(8)
	if s.largeText {
		cols, vpad = 4, 3
	}
	grid := container.NewGridWithColumns(cols)
	for _, e := range ends {
		line2 := T("book.length.until", map[string]any{"To": clockTime(e.End)}) + " · " + formatWon(e.Quote.Fee)
		if !e.OK {
			line2 = T("book.length.no")
		}
		l1 := text(formatHours(e.Length), theme.TextSize()*1.1, colText)
		l2 := text(line2, theme.CaptionTextSize(), colMuted)
		l1.Alignment, l2.Alignment = fyne.TextAlignCenter, fyne.TextAlignCenter
		content := container.NewCenter(container.New(layout.NewCustomPaddedVBoxLayout(2), l1, l2))
		if !e.OK {
			bg := canvas.NewRectangle(colClosedBg)
			bg.CornerRadius, bg.StrokeColor, bg.StrokeWidth = 12, colBorder, 1
			grid.Add(container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(vpad, vpad, 8, 8), content)))
			continue
		}
		end := e.End
		card := newCardPadded(content, colSurface, fyne.NewSize(0, MinTarget), nil, vpad, 8)
		group.add(card, end.Equal(d.end), func() {
			d.end = end
			changed()
		})
		grid.Add(card)
	}
	other := s.button(T("book.time.again"), theme.NavigateBackIcon(), again)
	return container.NewBorder(nil, container.NewGridWithColumns(3, other), nil, nil, grid)
}

// inRange reports whether slot t is part of a choice that starts at start
// and ends at end (zero while only the start is chosen).
func inRange(t, start, end time.Time) bool {
	return !start.IsZero() && !t.Before(start) && ((end.IsZero() && t.Equal(start)) || t.Before(end))
}

// slotCell is one half hour of the grid; choosing recolours it in place.
type slotCell struct {
	obj    fyne.CanvasObject
	card   *Card             // a start that can be chosen
	bg     *canvas.Rectangle // any other half hour
	sub    *canvas.Text
	choice booking.StartChoice
	state  string
	fill   color.Color
}

// newSlotCell draws a half hour in words and colour: a start that can be
// booked is tappable; taken, past and too-late ones say so.
func newSlotCell(s *Shell, c booking.StartChoice, choose func(time.Time)) *slotCell {
	cell := &slotCell{choice: c, state: T("slot.free"), fill: colSurface}
	switch {
	case c.State == booking.SlotTaken:
		cell.state, cell.fill = T("slot.taken"), colBusyBg
	case c.State == booking.SlotPast:
		cell.state, cell.fill = T("slot.past"), colClosedBg
	case !c.CanStart:
		cell.state, cell.fill = T("slot.nostart"), colClosedBg
	}
	t := text(clockTime(c.Start), theme.TextSize()*1.1, colText)
	t.Alignment = fyne.TextAlignCenter
	cell.sub = text(cell.state, theme.CaptionTextSize(), colMuted)
	cell.sub.Alignment = fyne.TextAlignCenter
	content := container.NewCenter(container.New(layout.NewCustomPaddedVBoxLayout(0), t, cell.sub))
	if c.State != booking.SlotFree || !c.CanStart {
		cell.bg = canvas.NewRectangle(cell.fill)
		cell.bg.CornerRadius = 12
		cell.bg.StrokeColor, cell.bg.StrokeWidth = colBorder, 1
		cell.obj = container.NewStack(cell.bg, container.New(layout.NewCustomPaddedLayout(12, 12, 8, 8), content))
		return cell
	}
	start := c.Start
	cell.card = newCardPadded(content, cell.fill, fyne.NewSize(0, MinTarget), s.tap(func() { choose(start) }), 12, 8)
	cell.obj = cell.card
	return cell
}

// setChosen marks the cell as part of the chosen time, or not.
func (c *slotCell) setChosen(on bool) {
	state, fill := c.state, c.fill
	if on {
		state, fill = T("slot.chosen"), colPrimaryDim
	}
	if c.sub.Text != state {
		c.sub.Text = state
		c.sub.Refresh()
	}
	if c.card != nil {
		c.card.SetChosen(on)
		return
	}
	if c.bg.FillColor != fill {
		c.bg.FillColor = fill
		c.bg.Refresh()
	}
}

// 4. Name, phone, organisation on the on-screen keyboard.
func (b *bookScreen) detailsStep() fyne.CanvasObject {
	s := b.s
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
		// The booking rules say what a name, phone and organisation are.
		for _, check := range []struct {
			field *KioskEntry
			err   error
		}{
			{name, second(booking.CleanName(name.Text))},
			{phone, second(booking.NormalizePhone(phone.Text))},
			{org, second(booking.CleanOrg(org.Text))},
		} {
			if check.err != nil {
				b.say(s.errorText(check.err))
				s.focus(check.field)
				return
			}
		}
		b.goStep(stepConsent, "")
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
	nav := s.navRow(func() { b.goStep(stepTime, "") }, next)
	return container.NewBorder(container.NewVBox(form, form2, nav), kb.Object, nil, nil, layout.NewSpacer())
}

// second is the error of a (value, error) pair.
func second[T any](_ T, err error) error { return err }

// 5. Privacy consent: purpose, items, retention, the right to refuse.
func (b *bookScreen) consentStep() fyne.CanvasObject {
	s := b.s
	st, err := s.svc.Booking.Settings()
	if err != nil {
		return s.loadFailed("settings", err)
	}
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
	agree := s.button(T("book.consent.agree"), theme.ConfirmIcon(), func() { b.goStep(stepSummary, "") })
	agree.Importance = widget.HighImportance
	refuse := s.button(T("book.consent.refuse"), theme.CancelIcon(), func() {
		b.goStep(stepDetails, T("book.consent.refused"))
	})
	return container.NewBorder(nil, container.NewGridWithColumns(3, s.button(T("nav.back"), theme.NavigateBackIcon(),
		func() { b.goStep(stepDetails, "") }), refuse, agree), nil, nil, NewPanel(rows, colSurface))
}

func (b *bookScreen) request() booking.Request {
	d, f := &b.draft, b.s.fields
	return booking.Request{Room: d.room.ID, From: d.start, To: d.end, Name: f[fieldName],
		Phone: f[fieldPhone], Org: f[fieldOrg], DiscountID: d.discount, Consent: true}
}

// 6. The fee, a discount reason if one applies, and confirm.
func (b *bookScreen) summaryStep() fyne.CanvasObject {
	s, d := b.s, &b.draft
	st, err := s.svc.Booking.Settings()
	if err != nil {
		return s.loadFailed("settings", err)
	}
	box := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()))
	confirm := s.button(T("sum.confirm"), theme.ConfirmIcon(), b.confirm)
	// The fee lines are the booking rules' quote, asked again when the
	// discount changes.
	showQuote := func() {
		q, err := s.svc.Booking.Quote(b.request())
		box.Objects = nil
		if err != nil {
			box.Add(wrapLabel(s.errorText(err)))
			confirm.Disable()
			b.body.Refresh()
			return
		}
		confirm.Enable()
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
		for _, l := range lines {
			box.Add(widget.NewLabel(l))
		}
		total := widget.NewLabelWithStyle(T("sum.total", map[string]any{"Fee": formatWon(q.Fee)}), fyne.TextAlignLeading, fyne.TextStyle{})
		total.SizeName = theme.SizeNameSubHeadingText
		box.Add(total)
		// The panel around the lines grows or shrinks with them: lay the
		// whole step out again, not only the box.
		b.body.Refresh()
	}
	showQuote()

	group := choiceGroup{s: s}
	discounts := container.NewGridWithColumns(len(st.Discounts) + 1)
	options := append([]booking.Discount{{ID: "", Name: T("sum.discount.none"), NameEN: T("sum.discount.none")}}, st.Discounts...)
	for _, dc := range options {
		label := s.discountName(dc)
		if dc.Percent > 0 {
			label = fmt.Sprintf("%s %d%%", label, dc.Percent)
		}
		l := widget.NewLabelWithStyle(label, fyne.TextAlignCenter, fyne.TextStyle{})
		l.Wrapping = fyne.TextWrapWord
		id := dc.ID
		card := NewCard(l, colSurface, fyne.NewSize(0, MinTarget), nil)
		group.add(card, id == d.discount, func() { d.discount = id; showQuote() })
		discounts.Add(card)
	}
	return container.NewBorder(nil, s.navRow(func() { b.goStep(stepConsent, "") }, confirm), nil, nil,
		container.NewVBox(NewPanel(box, colSurface), widget.NewLabelWithStyle(T("sum.discount.title"), fyne.TextAlignLeading, fyne.TextStyle{}), discounts))
}

func (s *Shell) discountName(d booking.Discount) string {
	if s.opts.Language == English && d.NameEN != "" {
		return d.NameEN
	}
	return d.Name
}

// confirm books the draft: a synced write, so it runs off the UI thread.
func (b *bookScreen) confirm() {
	s := b.s
	req := b.request()
	var made booking.Booking
	var err error
	s.background(func() { made, err = s.svc.Booking.Book(booking.ActorVisitor, req) }, func() {
		if err != nil {
			step := stepSummary
			if errors.Is(err, booking.ErrTaken) || errors.Is(err, booking.ErrPast) || errors.Is(err, booking.ErrClosed) {
				b.draft.start, b.draft.end, step = time.Time{}, time.Time{}, stepTime
			}
			b.goStep(step, s.errorText(err))
			return
		}
		b.draft.made = made
		// The visitor's details are in the booking now; the form forgets them.
		delete(s.fields, fieldName)
		delete(s.fields, fieldPhone)
		delete(s.fields, fieldOrg)
		b.goStep(stepPass, "")
	})
}

// 7. The pass: QR, code, room, time, fee, and where to pay.
func (b *bookScreen) passStep() fyne.CanvasObject {
	s := b.s
	return container.NewBorder(nil, container.NewGridWithColumns(3, layout.NewSpacer(), layout.NewSpacer(),
		s.button(T("pass.done"), theme.HomeIcon(), s.GoHome)), nil, nil, s.passView(b.draft.made, true))
}

// passView shows a booking's QR pass and its facts.
func (s *Shell) passView(b booking.Booking, fresh bool) fyne.CanvasObject {
	room, _ := s.svc.Booking.Room(b.Room)
	// Lines close together, so that the pass and its buttons fit in large
	// text too.
	facts := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()))
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
	return container.NewGridWrap(fyne.NewSquareSize(280), img)
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
