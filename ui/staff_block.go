package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// Block reasons offered as cards (a kiosk has no free typing for staff here).
var blockReasons = []string{"block.reason.maintenance", "block.reason.cleaning", "block.reason.event", "block.reason.works"}

// staffBlockScreen takes a room out for a time range: room, day, the
// first and last half hour, reason.
type staffBlockScreen struct {
	staffPage
	room       string
	day        time.Time
	start, end time.Time
	reason     string

	dayLine *widget.Label
	grid    *fyne.Container
	cells   []*slotCell
}

func newStaffBlockScreen(s *Shell) screen {
	return &staffBlockScreen{staffPage: staffPage{s: s}, room: "seminar", reason: blockReasons[0],
		day: seoul.Midnight(s.svc.Now())}
}

func (b *staffBlockScreen) build() fyne.CanvasObject {
	s := b.s
	frame := b.frame(T("staff.block"))
	rooms, err := s.svc.Booking.Rooms()
	if err != nil {
		b.setBody(s.loadFailed("rooms", err))
		return frame
	}
	roomGroup := choiceGroup{s: s}
	roomRow := container.NewGridWithColumns(max(len(rooms), 1))
	for _, r := range rooms {
		id := r.ID
		c := s.choiceCard(s.roomName(r))
		roomGroup.add(c, id == b.room, func() { b.room = id; b.loadSlots() })
		roomRow.Add(c)
	}
	prev := s.button(T("staff.day.prev"), theme.NavigateBackIcon(), func() { b.day = b.day.AddDate(0, 0, -1); b.loadSlots() })
	next := s.button(T("staff.day.next"), theme.NavigateNextIcon(), func() { b.day = b.day.AddDate(0, 0, 1); b.loadSlots() })
	b.dayLine = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	b.dayLine.Truncation = fyne.TextTruncateEllipsis
	b.grid = container.NewGridWithColumns(9)

	reasonGroup := choiceGroup{s: s}
	reasons := container.NewGridWithColumns(len(blockReasons) + 1)
	for _, key := range blockReasons {
		k := key
		c := s.choiceCard(T(k))
		reasonGroup.add(c, k == b.reason, func() { b.reason = k })
		reasons.Add(c)
	}
	save := s.button(T("staff.block.save"), theme.ConfirmIcon(), b.save)
	save.Importance = widget.HighImportance
	reasons.Add(save)
	top := container.NewVBox(roomRow, container.NewBorder(nil, nil, prev, next, b.dayLine))
	bottom := container.NewVBox(widget.NewLabelWithStyle(T("staff.block.reason"), fyne.TextAlignLeading, fyne.TextStyle{}), reasons)
	b.setBody(container.NewBorder(top, bottom, nil, nil, b.grid))
	b.loadSlots()
	return frame
}

// loadSlots draws the chosen room's day afresh (the choice starts over).
func (b *staffBlockScreen) loadSlots() {
	s := b.s
	b.start, b.end = time.Time{}, time.Time{}
	room, day := b.room, b.day
	var rd booking.RoomDay
	var err error
	s.background(func() { rd, err = s.svc.Booking.RoomAvailability(room, day) }, func() { b.showSlots(rd, err) })
}

// showSlots draws the room's day as read.
func (b *staffBlockScreen) showSlots(rd booking.RoomDay, err error) {
	s := b.s
	b.cells = nil
	b.grid.Objects = nil
	switch {
	case err != nil:
		b.grid.Layout = container.NewGridWithColumns(1).Layout
		b.grid.Add(s.loadFailed("availability", err))
	case len(rd.Slots) == 0:
		b.grid.Layout = container.NewGridWithColumns(1).Layout
		b.grid.Add(wrapLabel(T("book.time.closed")))
	default:
		b.grid.Layout = container.NewGridWithColumns(9).Layout
		for _, sl := range rd.Slots {
			c := newSlotCell(s, booking.StartChoice{Slot: sl, CanStart: sl.State == booking.SlotFree}, b.pick)
			b.cells = append(b.cells, c)
			b.grid.Add(c.obj)
		}
	}
	b.grid.Refresh()
	b.update()
}

// pick: the first tap is the first half hour, the second the last (a tap
// before the first starts again).
func (b *staffBlockScreen) pick(t time.Time) {
	switch {
	case b.start.IsZero() || !b.end.IsZero() || t.Before(b.start):
		b.start, b.end = t, time.Time{}
	default:
		b.end = t.Add(booking.SlotLength)
	}
	b.say(false, "")
	b.update()
}

func (b *staffBlockScreen) update() {
	for _, c := range b.cells {
		c.setChosen(inRange(c.choice.Start, b.start, b.end))
	}
	sel := T("book.time.pick")
	if !b.start.IsZero() {
		sel = T("book.time.pick.end", map[string]any{"From": clockTime(b.start)})
		if !b.end.IsZero() {
			sel = T("staff.block.chosen", map[string]any{"From": clockTime(b.start), "To": clockTime(b.end)})
		}
	}
	b.dayLine.SetText(formatDate(b.day) + " · " + sel)
}

func (b *staffBlockScreen) save() {
	s := b.s
	if b.start.IsZero() || b.end.IsZero() {
		b.say(false, T("staff.block.pick"))
		return
	}
	actor, room, from, to, reason := s.member.Actor(), b.room, b.start, b.end, b.reason
	var made booking.Booking
	var err error
	s.background(func() { made, err = s.svc.Booking.Block(actor, room, from, to, reason) }, func() {
		if err != nil {
			b.say(false, s.errorText(err))
			return
		}
		b.loadSlots()
		b.say(true, T("staff.block.done", map[string]any{"From": clockTime(made.From), "To": clockTime(made.To)}))
	})
}
