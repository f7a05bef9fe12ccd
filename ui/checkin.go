package ui

import (
	"image/color"
	"log/slog"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// resultShown is how long a check-in result stays on screen.
const resultShown = 4 * time.Second

// scanResult is the last check-in answer on screen.
type scanResult struct {
	ok    bool
	title string
	lines []string
	until time.Time
}

func (s *Shell) openCheckIn() {
	s.scan = nil
	s.show(ScreenCheckIn, s.checkInScreen)
}

// checkInScreen keeps a focused field for a USB scanner (it types the pass
// and Enter) and shows each answer large for a few seconds.
func (s *Shell) checkInScreen() fyne.CanvasObject {
	head := s.header(T("checkin.title"), s.GoHome, true)
	return container.NewBorder(head, nil, nil, nil,
		container.New(layout.NewCustomPaddedLayout(16, 16, 24, 24), s.scanPanel(T("checkin.prompt"))))
}

// scanPanel is the scanner field and the result or the instructions.
func (s *Shell) scanPanel(prompt string) fyne.CanvasObject {
	field := s.entry("", FieldCode, T("checkin.field"), nil)
	field.OnSubmitted = func(token string) {
		s.Touch()
		s.handleScan(token)
	}
	s.focus(field)
	var big fyne.CanvasObject
	if r := s.scan; r != nil {
		big = s.resultPanel(r)
	} else {
		p := widget.NewLabelWithStyle(prompt, fyne.TextAlignCenter, fyne.TextStyle{})
		p.SizeName = theme.SizeNameHeadingText
		p.Wrapping = fyne.TextWrapWord
		icon := widget.NewIcon(theme.MediaPhotoIcon())
		big = NewPanel(container.NewVBox(layout.NewSpacer(),
			container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(96), icon)), p, layout.NewSpacer()), colSurface)
	}
	label := widget.NewLabel(T("checkin.field.label"))
	label.Importance = widget.LowImportance
	return container.NewBorder(nil, container.NewBorder(nil, nil, label, nil, field), nil, nil, big)
}

func (s *Shell) resultPanel(r *scanResult) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(r.title, fyne.TextAlignCenter, fyne.TextStyle{})
	title.SizeName = theme.SizeNameHeadingText
	title.Wrapping = fyne.TextWrapWord
	var fill color.Color = colFreeBg
	icon := theme.ConfirmIcon()
	if r.ok {
		title.Importance = widget.SuccessImportance
	} else {
		title.Importance = widget.DangerImportance
		fill, icon = colBusyBg, theme.ErrorIcon()
	}
	box := container.NewVBox(layout.NewSpacer(),
		container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(96), widget.NewIcon(icon))), title)
	for _, l := range r.lines {
		lab := widget.NewLabelWithStyle(l, fyne.TextAlignCenter, fyne.TextStyle{})
		lab.SizeName = theme.SizeNameSubHeadingText
		lab.Wrapping = fyne.TextWrapWord
		box.Add(lab)
	}
	box.Add(layout.NewSpacer())
	return NewPanel(box, fill)
}

// handleScan checks a pass in and shows the answer.
func (s *Shell) handleScan(token string) {
	token = strings.TrimSpace(token)
	if token == "" {
		return
	}
	b, err := s.svc.Booking.CheckIn(store.ActorVisitor, token, s.opts.DoorRoom)
	r := &scanResult{until: s.svc.Now().Add(resultShown)}
	if err != nil {
		r.title = bookingMessage(err)
		if !isRefusal(err) {
			slog.Error("check-in", "err", err)
		}
		r.lines = []string{T("checkin.help")}
	} else {
		room, _ := s.svc.Booking.Room(b.Room)
		r.ok = true
		r.title = T("checkin.ok")
		r.lines = []string{
			T("sum.room", map[string]any{"Room": s.roomName(room)}),
			T("checkin.until", map[string]any{"From": clockTime(b.From), "To": clockTime(b.To)}),
		}
	}
	s.scan = r
	s.rebuild()
}

func isRefusal(err error) bool {
	for _, e := range bookingErrors {
		if errorsIs(err, e.err) {
			return true
		}
	}
	return false
}

// doorScreen is the display beside one room's door (-room ID): today's
// schedule, the current and next booking with names masked, and a scanner
// that checks passes in for this room only.
func (s *Shell) doorScreen() fyne.CanvasObject {
	now := s.svc.Now()
	room, err := s.svc.Booking.Room(s.opts.DoorRoom)
	if err != nil {
		return container.NewCenter(wrapLabel(T("door.noroom", map[string]any{"Room": s.opts.DoorRoom})))
	}
	name := widget.NewLabelWithStyle(s.roomName(room), fyne.TextAlignLeading, fyne.TextStyle{})
	name.SizeName = theme.SizeNameHeadingText
	clock := widget.NewLabelWithStyle(formatDateTime(now), fyne.TextAlignTrailing, fyne.TextStyle{})
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 6, 20, 20),
		container.NewBorder(nil, nil, nil, container.NewHBox(clock, s.languageSwitch()), name)), widget.NewSeparator())

	day, err := s.svc.Booking.OnDay(now)
	if err != nil {
		slog.Error("door schedule", "err", err)
	}
	v := doorView(day, room.ID, now)
	// Open or closed is the booking rules' answer (hours, holidays,
	// closures), not the schedule's.
	current, fill := T("door.free"), colFreeBg
	if rs, err := s.svc.Booking.Status(room.ID, now); err != nil {
		slog.Error("door status", "err", err)
	} else {
		current, fill = doorStateText(rs)
	}
	if v.current != nil {
		current = T("door.busy", map[string]any{"From": clockTime(v.current.From), "To": clockTime(v.current.To), "Who": whoOf(*v.current)})
		fill = colBusyBg
	}
	next := T("door.next.none")
	if v.next != nil {
		next = T("door.next", map[string]any{"From": clockTime(v.next.From), "To": clockTime(v.next.To), "Who": whoOf(*v.next)})
	}
	cur := widget.NewLabelWithStyle(current, fyne.TextAlignLeading, fyne.TextStyle{})
	cur.SizeName = theme.SizeNameSubHeadingText
	cur.Wrapping = fyne.TextWrapWord
	nx := wrapLabel(next)
	lines := make([]fyne.CanvasObject, 0, len(v.today))
	for _, b := range v.today {
		line := T("door.line", map[string]any{"From": clockTime(b.From), "To": clockTime(b.To), "Who": whoOf(b),
			"Status": T("status." + string(b.Status))})
		l := widget.NewLabel(line)
		l.Truncation = fyne.TextTruncateEllipsis
		lines = append(lines, l)
	}
	sched := container.NewBorder(widget.NewLabel(T("door.today")), nil, nil, nil,
		s.pagedGrid(lines, 1, 6, T("door.today.none")))
	left := container.NewBorder(container.NewVBox(NewPanel(cur, fill), NewPanel(nx, colSurface)), nil, nil, nil, sched)
	right := s.scanPanel(T("door.prompt"))
	return container.NewBorder(top, nil, nil, nil, container.New(layout.NewCustomPaddedLayout(12, 12, 20, 20),
		container.NewGridWithColumns(2, left, right)))
}

// doorStateText says whether the room is free, not open yet or closed, and
// when it opens.
func doorStateText(rs booking.RoomStatus) (string, color.NRGBA) {
	switch rs.State {
	case booking.StateNotYetOpen:
		return T("door.notyet", map[string]any{"Opens": clockTime(rs.Opens)}), colSurface
	case booking.StateClosed:
		if rs.Opens.IsZero() {
			return T("door.closed.long"), colSurface
		}
		return T("door.closed", map[string]any{"Opens": formatDate(rs.Opens) + " " + clockTime(rs.Opens)}), colSurface
	}
	return T("door.free"), colFreeBg
}

// whoOf is how a booking is named on a public screen: the masked name only
// (the organisation is personal data too).
func whoOf(b booking.Booking) string {
	if b.Block {
		return T("door.block")
	}
	return booking.MaskName(b.Name)
}

type doorState struct {
	current, next *booking.Booking
	today         []booking.Booking
}

// doorView picks the room's active bookings of the day, the one under way
// and the next one.
func doorView(day []booking.Booking, room string, now time.Time) doorState {
	var v doorState
	for _, b := range day {
		if b.Room != room || !b.Status.HoldsSlots() {
			continue
		}
		v.today = append(v.today, b)
	}
	for i := range v.today {
		b := &v.today[i]
		switch {
		case !now.Before(b.From) && now.Before(b.To):
			v.current = b
		case b.From.After(now) && v.next == nil:
			v.next = b
		}
	}
	return v
}
