package ui

import (
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
)

// doorScreen is the display beside one room's door (-room ID): today's
// schedule, the current and next booking with names masked, and a scanner
// that checks passes in for this room only.
type doorScreen struct {
	s        *Shell
	roomID   string // the room beside whose door the kiosk stands
	room     booking.Room
	clock    *widget.Label
	current  *widget.Label
	curBg    *canvas.Rectangle
	next     *widget.Label
	schedule *fyne.Container
	scan     *scanPanel
	lastRead time.Time
	reading  bool
	page     int // the schedule's page, kept across refreshes
}

func (d *doorScreen) build() fyne.CanvasObject {
	s := d.s
	room, err := s.svc.Booking.Room(d.roomID)
	if err != nil {
		d.scan = nil
		return centredText(T("door.noroom", map[string]any{"Room": d.roomID}))
	}
	d.room = room
	name := widget.NewLabelWithStyle(s.roomName(room), fyne.TextAlignLeading, fyne.TextStyle{})
	name.SizeName = theme.SizeNameHeadingText
	d.clock = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{})
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 6, 20, 20),
		container.NewBorder(nil, nil, nil, container.NewHBox(d.clock, s.languageSwitch()), name)), widget.NewSeparator())

	d.current = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{})
	d.current.SizeName = theme.SizeNameSubHeadingText
	d.current.Wrapping = fyne.TextWrapWord
	d.next = wrapLabel("")
	var curPanel fyne.CanvasObject
	curPanel, d.curBg = panelWithBackground(d.current, colSurface)
	d.schedule = container.NewStack()
	sched := container.NewBorder(widget.NewLabel(T("door.today")), nil, nil, nil, d.schedule)
	left := container.NewBorder(container.NewVBox(curPanel, NewPanel(d.next, colSurface)), nil, nil, nil, sched)
	d.scan = newScanPanel(s, T("door.prompt"), room.ID)
	s.focus(d.scan.field)
	d.read()
	return container.NewBorder(top, nil, nil, nil, container.New(layout.NewCustomPaddedLayout(12, 12, 20, 20),
		container.NewGridWithColumns(2, left, d.scan.obj)))
}

func (d *doorScreen) refresh() {
	if d.scan == nil { // the room was not found
		return
	}
	d.scan.ready()
	d.read()
}

func (d *doorScreen) tick(now time.Time) {
	if d.scan == nil {
		return
	}
	d.scan.tick(now)
	if now.Sub(d.lastRead) >= homeRefresh && !d.s.typing() {
		d.read()
	}
}

func (d *doorScreen) scanned(token string) {
	if d.scan != nil {
		d.scan.scanned(token)
	}
}

// read fetches the day's bookings and the room's state off the UI thread.
func (d *doorScreen) read() {
	if d.reading {
		return
	}
	d.reading = true
	s := d.s
	now := s.svc.Now()
	d.lastRead = now
	room := d.room.ID // the goroutine must not read the screen's fields
	var day []booking.Booking
	var rs booking.RoomStatus
	var dayErr, stErr error
	s.fetch(func() {
		day, dayErr = s.svc.Booking.OnDay(now)
		rs, stErr = s.svc.Booking.Status(room, now)
	}, func() {
		d.reading = false
		if dayErr != nil {
			slog.Error("door schedule", "err", dayErr)
		}
		d.show(now, day, rs, stErr)
	})
}

func (d *doorScreen) show(now time.Time, day []booking.Booking, rs booking.RoomStatus, stErr error) {
	s := d.s
	d.clock.SetText(formatDateTime(now))
	v := doorView(day, d.room.ID, now)
	// Free, in use, closed or not open yet is the booking rules' answer
	// (hours, holidays, closures, cleaning buffers), not the schedule's.
	var current string
	var fill color.Color
	if stErr != nil {
		current, fill = s.errorText(stErr), colClosedBg
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
	d.current.SetText(current)
	d.curBg.FillColor = fill
	d.curBg.Refresh()
	d.next.SetText(next)
	lines := make([]fyne.CanvasObject, 0, len(v.today))
	for _, b := range v.today {
		line := T("door.line", map[string]any{"From": clockTime(b.From), "To": clockTime(b.To), "Who": whoOf(b),
			"Status": T("status." + string(b.Status))})
		l := widget.NewLabel(line)
		l.Truncation = fyne.TextTruncateEllipsis
		lines = append(lines, l)
	}
	d.schedule.Objects = []fyne.CanvasObject{s.pagedGridAt(lines, 1, 6, T("door.today.none"), &d.page)}
	d.schedule.Refresh()
}

// doorStateText says whether the room is free, not open yet or closed, and
// when it opens.
func doorStateText(rs booking.RoomStatus) (string, color.NRGBA) {
	switch rs.State {
	case booking.StateBusy: // a booking's cleaning time, or a block
		return T("door.busy.until", map[string]any{"Until": clockTime(rs.BusyUntil)}), colBusyBg
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
