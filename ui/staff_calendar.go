package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

var closureReasons = []string{"closure.reason.maintenance", "closure.reason.event", "closure.reason.holiday", "closure.reason.other"}

// staffCalendarScreen lists the closures and temporary holidays ahead and
// adds new ones: day, scope, kind, reason.
type staffCalendarScreen struct {
	staffPage
	day     time.Time
	room    string // "" for every room
	holiday bool
	reason  string

	list     *fyne.Container
	dayLabel *widget.Label
	scopes   choiceGroup
	allRooms *Card
}

func newStaffCalendarScreen(s *Shell) screen {
	return &staffCalendarScreen{staffPage: staffPage{s: s}, day: seoul.Midnight(s.svc.Now()), reason: closureReasons[0]}
}

func (c *staffCalendarScreen) build() fyne.CanvasObject {
	s := c.s
	frame := c.frame(T("staff.calendar"))
	c.list = container.NewStack()
	c.dayLabel = widget.NewLabelWithStyle(formatDate(c.day), fyne.TextAlignCenter, fyne.TextStyle{})
	moveDay := func(n int) func() {
		return func() { c.day = c.day.AddDate(0, 0, n); c.dayLabel.SetText(formatDate(c.day)) }
	}
	dayBar := container.NewBorder(nil, nil, s.button(T("staff.day.prev"), theme.NavigateBackIcon(), moveDay(-1)),
		s.button(T("staff.day.next"), theme.NavigateNextIcon(), moveDay(1)), c.dayLabel)

	rooms, err := s.svc.Booking.Rooms()
	if err != nil {
		c.setBody(s.loadFailed("rooms", err))
		return frame
	}
	c.scopes = choiceGroup{s: s}
	scopes := container.NewGridWithColumns(len(rooms) + 1)
	c.allRooms = s.choiceCard(T("closure.all"))
	c.scopes.add(c.allRooms, c.room == "", func() { c.room = "" })
	scopes.Add(c.allRooms)
	for _, r := range rooms {
		id := r.ID
		card := s.choiceCard(s.roomName(r))
		c.scopes.add(card, c.room == id, func() { c.room = id })
		scopes.Add(card)
	}
	kindGroup := choiceGroup{s: s}
	closed, holiday := s.choiceCard(T("closure.kind.closed")), s.choiceCard(T("closure.kind.holiday"))
	kindGroup.add(closed, !c.holiday, func() { c.holiday = false })
	// A temporary holiday is the whole centre's.
	kindGroup.add(holiday, c.holiday, func() {
		c.holiday, c.room = true, ""
		c.allRooms.OnTapped()
	})
	reasonGroup := choiceGroup{s: s}
	reasons := container.NewGridWithColumns(len(closureReasons))
	for _, key := range closureReasons {
		k := key
		card := s.choiceCard(T(k))
		reasonGroup.add(card, c.reason == k, func() { c.reason = k })
		reasons.Add(card)
	}
	add := s.button(T("closure.add"), theme.ContentAddIcon(), c.add)
	add.Importance = widget.HighImportance
	note := wrapLabel(T("closure.note"))
	note.Importance = widget.LowImportance
	form := container.NewVBox(dayBar, scopes, container.NewGridWithColumns(2, closed, holiday), reasons,
		container.NewBorder(nil, nil, nil, add, note))
	c.setBody(container.NewBorder(nil, form, nil, nil, c.list))
	c.load()
	return frame
}

// load lists the closures of the year ahead, off the UI thread.
func (c *staffCalendarScreen) load() {
	s := c.s
	now := s.svc.Now()
	var list []booking.Closure
	var rooms []booking.Room
	var err error
	s.background(func() {
		if list, err = s.svc.Booking.Closures(now, now.AddDate(0, 0, 366)); err == nil {
			rooms, err = s.svc.Booking.Rooms()
		}
	}, func() {
		if err != nil {
			c.list.Objects = []fyne.CanvasObject{s.loadFailed("closures", err)}
			c.list.Refresh()
			return
		}
		names := map[string]string{}
		for _, r := range rooms {
			names[r.ID] = s.roomName(r)
		}
		rows := make([]fyne.CanvasObject, 0, len(list))
		for _, cl := range list {
			scope := T("closure.all")
			if cl.Room != "" {
				scope = names[cl.Room]
			}
			kind := T("closure.kind.closed")
			if cl.Holiday {
				kind = T("closure.kind.holiday")
			}
			line := fmt.Sprintf("%s · %s · %s · %s", formatDate(cl.Date), scope, kind, reasonText(cl.Reason))
			remove := s.button(T("closure.remove"), theme.DeleteIcon(), func() { c.remove(cl) })
			rows = append(rows, NewPanel(container.NewBorder(nil, nil, nil, remove, widget.NewLabel(line)), colSurface))
		}
		c.list.Objects = []fyne.CanvasObject{s.pagedGrid(rows, 1, 2, T("closure.none"))}
		c.list.Refresh()
	})
}

func (c *staffCalendarScreen) add() {
	s := c.s
	actor := s.member.Actor()
	cl := booking.Closure{Date: c.day, Room: c.room, Holiday: c.holiday, Reason: c.reason}
	var err error
	s.background(func() { err = s.svc.Booking.AddClosure(actor, cl) }, func() {
		c.sayErr(err, T("closure.added", map[string]any{"Date": formatDate(cl.Date)}))
		c.load()
	})
}

func (c *staffCalendarScreen) remove(cl booking.Closure) {
	s := c.s
	actor := s.member.Actor()
	var err error
	s.background(func() { err = s.svc.Booking.RemoveClosure(actor, cl.Date, cl.Room) }, func() {
		c.sayErr(err, T("staff.saved"))
		c.load()
	})
}
