package ui

import (
	"fmt"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
)

// settingsEdit holds staff edits until they are saved.
type settingsEdit struct {
	rooms    map[string]booking.Room
	settings *booking.Settings
	// closure form
	closeRoom    string // "" for every room
	closeHoliday bool
	closeReason  string
	tab          int // 0 rooms and fees, 1 opening hours, 2 booking rules
}

func (s *Shell) edits() *settingsEdit {
	st := s.staffView()
	if st.edit == nil {
		st.edit = &settingsEdit{rooms: map[string]booking.Room{}, closeReason: closureReasons[0]}
	}
	return st.edit
}

func (s *Shell) openStaffRooms() {
	st := s.staffView()
	st.message, st.edit = "", nil
	s.show(ScreenStaffRooms, s.staffRoomsScreen)
}

// stepper is [−] value [+] with finger-sized buttons.
func (s *Shell) stepper(value string, minus, plus func()) fyne.CanvasObject {
	v := widget.NewLabelWithStyle(value, fyne.TextAlignCenter, fyne.TextStyle{})
	return container.NewBorder(nil, nil, s.button("-", nil, minus), s.button("+", nil, plus), v)
}

// staffRoomsScreen edits each room's fee, seats and cleaning buffer, and the
// opening hours.
func (s *Shell) staffRoomsScreen() fyne.CanvasObject {
	ed := s.edits()
	rooms, err := s.svc.Booking.Rooms()
	if err != nil {
		slog.Error("rooms", "err", err)
		return s.staffFrame(T("staff.rooms"), wrapLabel(T("error.load")))
	}
	head := container.NewGridWithColumns(4,
		widget.NewLabelWithStyle(T("staff.rooms.room"), fyne.TextAlignLeading, fyne.TextStyle{}),
		widget.NewLabelWithStyle(T("staff.rooms.fee"), fyne.TextAlignCenter, fyne.TextStyle{}),
		widget.NewLabelWithStyle(T("staff.rooms.seats"), fyne.TextAlignCenter, fyne.TextStyle{}),
		widget.NewLabelWithStyle(T("staff.rooms.buffer"), fyne.TextAlignCenter, fyne.TextStyle{}))
	list := container.NewVBox(head)
	for _, stored := range rooms {
		r, changed := ed.rooms[stored.ID]
		if !changed {
			r = stored
		}
		edit := func(fn func(*booking.Room)) func() {
			return func() {
				rr := r
				fn(&rr)
				ed.rooms[rr.ID] = rr
				s.rebuild()
			}
		}
		name := widget.NewLabelWithStyle(s.roomName(r), fyne.TextAlignLeading, fyne.TextStyle{})
		list.Add(container.NewGridWithColumns(4, name,
			s.stepper(formatWon(r.HourlyFee), edit(func(x *booking.Room) { x.HourlyFee = max(0, x.HourlyFee-1000) }),
				edit(func(x *booking.Room) { x.HourlyFee += 1000 })),
			s.stepper(fmt.Sprint(r.Capacity), edit(func(x *booking.Room) { x.Capacity = max(1, x.Capacity-1) }),
				edit(func(x *booking.Room) { x.Capacity++ })),
			s.stepper(T("minutes", map[string]any{"N": r.BufferMinutes}), edit(func(x *booking.Room) { x.BufferMinutes = max(0, x.BufferMinutes-30) }),
				edit(func(x *booking.Room) { x.BufferMinutes = min(120, x.BufferMinutes+30) }))))
	}
	tabs := container.NewGridWithColumns(3,
		s.choiceCard(T("staff.rooms.tab"), ed.tab == 0, func() { ed.tab = 0 }),
		s.choiceCard(T("staff.hours"), ed.tab == 1, func() { ed.tab = 1 }),
		s.choiceCard(T("staff.rules"), ed.tab == 2, func() { ed.tab = 2 }))
	var content fyne.CanvasObject = list
	switch ed.tab {
	case 1:
		content = s.hoursEditor()
	case 2:
		content = s.rulesEditor()
	}
	save := s.button(T("staff.save"), theme.DocumentSaveIcon(), func() {
		for _, r := range ed.rooms {
			if err := s.svc.Booking.UpdateRoom(s.member.Actor(), r); err != nil {
				s.staffSay(false, bookingMessage(err))
				s.rebuild()
				return
			}
		}
		if ed.settings != nil {
			want := *ed.settings
			if err := s.svc.Booking.UpdateSettings(s.member.Actor(), func(st *booking.Settings) {
				*st = want
			}); err != nil {
				s.staffSay(false, bookingMessage(err))
				s.rebuild()
				return
			}
		}
		ed.rooms, ed.settings = map[string]booking.Room{}, nil
		s.staffSay(true, T("staff.saved"))
		s.rebuild()
	})
	save.Importance = widget.HighImportance
	undo := s.button(T("staff.undo"), theme.ContentUndoIcon(), func() { s.staffView().edit = nil; s.rebuild() })
	note := wrapLabel(T("staff.rooms.note"))
	note.Importance = widget.LowImportance
	return s.staffFrame(T("staff.rooms"), container.NewBorder(tabs,
		container.NewVBox(note, container.NewGridWithColumns(3, layout.NewSpacer(), undo, save)), nil, nil, content))
}

// hoursEditor steps each day kind's opening and closing by half hours.
func (s *Shell) hoursEditor() fyne.CanvasObject {
	ed := s.edits()
	if ed.settings == nil {
		cur, err := s.svc.Booking.Settings()
		if err != nil {
			return wrapLabel(T("error.load"))
		}
		ed.settings = &cur
	}
	set := ed.settings
	rows := container.NewVBox(container.NewGridWithColumns(4,
		widget.NewLabelWithStyle(T("staff.hours"), fyne.TextAlignLeading, fyne.TextStyle{}),
		widget.NewLabelWithStyle(T("staff.hours.open"), fyne.TextAlignCenter, fyne.TextStyle{}),
		widget.NewLabelWithStyle(T("staff.hours.close"), fyne.TextAlignCenter, fyne.TextStyle{}),
		layout.NewSpacer()))
	type dayKind struct {
		key  string
		days []time.Weekday // nil: holidays
	}
	kinds := []dayKind{
		{"staff.hours.weekdays", []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}},
		{"staff.hours.saturday", []time.Weekday{time.Saturday}},
		{"staff.hours.sunday", []time.Weekday{time.Sunday}},
		{"staff.hours.holiday", nil},
	}
	for _, k := range kinds {
		get := func() booking.DayHours {
			if k.days == nil {
				return set.HolidayHours
			}
			return set.Hours[k.days[0]]
		}
		put := func(h booking.DayHours) {
			if k.days == nil {
				set.HolidayHours = h
			} else {
				for _, d := range k.days {
					set.Hours[d] = h
				}
			}
			s.rebuild()
		}
		h := get()
		if h.Closed() {
			open := s.button(T("staff.hours.reopen"), nil, func() { put(booking.DayHours{Open: 9 * 60, Close: 18 * 60}) })
			rows.Add(container.NewGridWithColumns(4, widget.NewLabel(T(k.key)),
				widget.NewLabelWithStyle(T("book.day.closed"), fyne.TextAlignCenter, fyne.TextStyle{}), layout.NewSpacer(), open))
			continue
		}
		step := func(open bool, delta int) func() {
			return func() {
				hh := get()
				if open {
					hh.Open = min(max(0, hh.Open+delta), hh.Close-30)
				} else {
					hh.Close = max(min(24*60, hh.Close+delta), hh.Open+30)
				}
				put(hh)
			}
		}
		rows.Add(container.NewGridWithColumns(4, widget.NewLabel(T(k.key)),
			s.stepper(minutesClock(h.Open), step(true, -30), step(true, 30)),
			s.stepper(minutesClock(h.Close), step(false, -30), step(false, 30)),
			s.button(T("staff.hours.closeday"), nil, func() { put(booking.DayHours{}) })))
	}
	return rows
}

// rulesEditor steps every booking rule that is a number: lengths, days
// ahead, surcharge, hold, check-in window, refund table, retention,
// discount rates.
func (s *Shell) rulesEditor() fyne.CanvasObject {
	ed := s.edits()
	if ed.settings == nil {
		cur, err := s.svc.Booking.Settings()
		if err != nil {
			return wrapLabel(T("error.load"))
		}
		ed.settings = &cur
	}
	set := ed.settings
	step := func(p *int, by, lo, hi int) (func(), func()) {
		return func() { *p = max(lo, *p-by); s.rebuild() }, func() { *p = min(hi, *p+by); s.rebuild() }
	}
	row := func(label, value string, p *int, by, lo, hi int) fyne.CanvasObject {
		minus, plus := step(p, by, lo, hi)
		l := widget.NewLabel(label)
		l.Truncation = fyne.TextTruncateEllipsis
		return container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), l, s.stepper(value, minus, plus))
	}
	cells := container.NewGridWithColumns(4,
		row(T("rule.min"), T("minutes", map[string]any{"N": set.MinMinutes}), &set.MinMinutes, 30, 30, set.MaxMinutes),
		row(T("rule.max"), T("minutes", map[string]any{"N": set.MaxMinutes}), &set.MaxMinutes, 30, set.MinMinutes, 24*60),
		row(T("rule.advance"), T("days", map[string]any{"N": set.AdvanceDays}), &set.AdvanceDays, 1, 0, 366),
		row(T("rule.surcharge"), fmt.Sprintf("%d%%", set.SurchargePercent), &set.SurchargePercent, 5, 0, 300),
		row(T("rule.hold"), T("hours", map[string]any{"N": set.HoldHours}), &set.HoldHours, 1, 1, 24*14),
		row(T("rule.checkin.before"), T("minutes", map[string]any{"N": set.CheckInBefore}), &set.CheckInBefore, 5, 0, 120),
		row(T("rule.checkin.after"), T("minutes", map[string]any{"N": set.CheckInAfter}), &set.CheckInAfter, 5, 5, 120),
		row(T("rule.retention"), T("days", map[string]any{"N": set.RetentionDays}), &set.RetentionDays, 30, 30, 3650),
	)
	for i := range set.Refunds {
		r := &set.Refunds[i]
		cells.Add(row(T("rule.refund", map[string]any{"Days": r.DaysBefore}), fmt.Sprintf("%d%%", r.Percent), &r.Percent, 5, 0, 100))
	}
	for i := range set.Discounts {
		d := &set.Discounts[i]
		cells.Add(row(T("rule.discount", map[string]any{"Name": s.discountName(*d)}), fmt.Sprintf("%d%%", d.Percent), &d.Percent, 5, 0, 100))
	}
	return cells
}

func minutesClock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

var closureReasons = []string{"closure.reason.maintenance", "closure.reason.event", "closure.reason.holiday", "closure.reason.other"}

func (s *Shell) openStaffCalendar() {
	st := s.staffView()
	st.message = ""
	s.show(ScreenStaffCal, s.staffCalendarScreen)
}

// staffCalendarScreen lists the closures and temporary holidays ahead and
// adds new ones.
func (s *Shell) staffCalendarScreen() fyne.CanvasObject {
	st, ed := s.staffView(), s.edits()
	now := s.svc.Now()
	list, err := s.svc.Booking.Closures(now, now.AddDate(0, 0, 366))
	if err != nil {
		slog.Error("closures", "err", err)
	}
	rows := make([]fyne.CanvasObject, 0, len(list))
	for _, c := range list {
		scope := T("closure.all")
		if c.Room != "" {
			if r, err := s.svc.Booking.Room(c.Room); err == nil {
				scope = s.roomName(r)
			}
		}
		kind := T("closure.kind.closed")
		if c.Holiday {
			kind = T("closure.kind.holiday")
		}
		line := fmt.Sprintf("%s · %s · %s · %s", formatDate(c.Date), scope, kind, reasonText(c.Reason))
		c := c
		remove := s.button(T("closure.remove"), theme.DeleteIcon(), func() {
			if err := s.svc.Booking.RemoveClosure(s.member.Actor(), c.Date, c.Room); err != nil {
				s.staffSay(false, bookingMessage(err))
			} else {
				s.staffSay(true, T("staff.saved"))
			}
			s.rebuild()
		})
		rows = append(rows, NewPanel(container.NewBorder(nil, nil, nil, remove, widget.NewLabel(line)), colSurface))
	}
	// The form: day, scope, kind, reason.
	prev := s.button(T("staff.day.prev"), theme.NavigateBackIcon(), func() { st.day = st.day.AddDate(0, 0, -1); s.rebuild() })
	next := s.button(T("staff.day.next"), theme.NavigateNextIcon(), func() { st.day = st.day.AddDate(0, 0, 1); s.rebuild() })
	dayBar := container.NewBorder(nil, nil, prev, next, widget.NewLabelWithStyle(formatDate(st.day), fyne.TextAlignCenter, fyne.TextStyle{}))
	rooms, _ := s.svc.Booking.Rooms()
	scopes := container.NewGridWithColumns(len(rooms) + 1)
	choice := s.choiceCard
	scopes.Add(choice(T("closure.all"), ed.closeRoom == "", func() { ed.closeRoom = "" }))
	for _, r := range rooms {
		id := r.ID
		scopes.Add(choice(s.roomName(r), ed.closeRoom == id, func() { ed.closeRoom = id }))
	}
	kinds := container.NewGridWithColumns(2,
		choice(T("closure.kind.closed"), !ed.closeHoliday, func() { ed.closeHoliday = false }),
		choice(T("closure.kind.holiday"), ed.closeHoliday, func() { ed.closeHoliday, ed.closeRoom = true, "" }))
	reasons := container.NewGridWithColumns(len(closureReasons))
	for _, key := range closureReasons {
		k := key
		reasons.Add(choice(T(k), ed.closeReason == k, func() { ed.closeReason = k }))
	}
	add := s.button(T("closure.add"), theme.ContentAddIcon(), func() {
		c := booking.Closure{Date: st.day, Room: ed.closeRoom, Holiday: ed.closeHoliday, Reason: ed.closeReason}
		if err := s.svc.Booking.AddClosure(s.member.Actor(), c); err != nil {
			s.staffSay(false, bookingMessage(err))
		} else {
			s.staffSay(true, T("closure.added", map[string]any{"Date": formatDate(st.day)}))
		}
		s.rebuild()
	})
	add.Importance = widget.HighImportance
	note := wrapLabel(T("closure.note"))
	note.Importance = widget.LowImportance
	form := container.NewVBox(dayBar, scopes, kinds, reasons, container.NewBorder(nil, nil, nil, add, note))
	return s.staffFrame(T("staff.calendar"), container.NewBorder(nil, form, nil, nil, s.pagedGrid(rows, 1, 2, T("closure.none"))))
}

// choiceCard is one option of a set: highlighted and bold when chosen.
func (s *Shell) choiceCard(label string, on bool, fn func()) fyne.CanvasObject {
	fill := colSurface
	if on {
		fill = colPrimaryDim
	}
	l := widget.NewLabelWithStyle(label, fyne.TextAlignCenter, fyne.TextStyle{})
	l.Wrapping = fyne.TextWrapWord // long English names take two lines, not the screen's width
	return NewCard(l, fill, fyne.NewSize(0, MinTarget), s.tap(func() { fn(); s.rebuild() }))
}
