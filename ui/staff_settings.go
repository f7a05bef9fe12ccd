package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
)

// staffRoomsScreen edits each room's fee, seats and cleaning buffer, the
// opening hours and the booking rules; nothing is stored until saved.
type staffRoomsScreen struct {
	staffPage
	rooms    []booking.Room // as edited
	settings booking.Settings
	tab      int // 0 rooms and fees, 1 opening hours, 2 booking rules
	content  *fyne.Container
}

func newStaffRoomsScreen(s *Shell) screen { return &staffRoomsScreen{staffPage: staffPage{s: s}} }

func (r *staffRoomsScreen) build() fyne.CanvasObject {
	s := r.s
	frame := r.frame(T("staff.rooms"))
	if err := r.load(); err != nil {
		r.setBody(s.loadFailed("settings", err))
		return frame
	}
	tabs := container.NewGridWithColumns(3)
	group := choiceGroup{s: s}
	for i, key := range []string{"staff.rooms.tab", "staff.hours", "staff.rules"} {
		c := s.choiceCard(T(key))
		group.add(c, i == r.tab, func() { r.tab = i; r.drawTab() })
		tabs.Add(c)
	}
	r.content = container.NewStack()
	save := s.button(T("staff.save"), theme.DocumentSaveIcon(), r.save)
	save.Importance = widget.HighImportance
	undo := s.button(T("staff.undo"), theme.ContentUndoIcon(), func() {
		if err := r.load(); err != nil {
			r.say(false, s.errorText(err))
		}
		r.drawTab()
	})
	note := wrapLabel(T("staff.rooms.note"))
	note.Importance = widget.LowImportance
	r.setBody(container.NewBorder(tabs, container.NewVBox(note, container.NewGridWithColumns(3, layout.NewSpacer(), undo, save)),
		nil, nil, r.content))
	r.drawTab()
	return frame
}

// load reads the rooms and the settings as stored.
func (r *staffRoomsScreen) load() error {
	rooms, err := r.s.svc.Booking.Rooms()
	if err != nil {
		return err
	}
	st, err := r.s.svc.Booking.Settings()
	if err != nil {
		return err
	}
	r.rooms, r.settings = rooms, st
	return nil
}

func (r *staffRoomsScreen) drawTab() {
	var o fyne.CanvasObject
	switch r.tab {
	case 1:
		o = r.hoursEditor()
	case 2:
		o = r.rulesEditor()
	default:
		o = r.roomsEditor()
	}
	r.content.Objects = []fyne.CanvasObject{o}
	r.content.Refresh()
}

// save stores the edits; the booking rules refuse values out of range.
func (r *staffRoomsScreen) save() {
	s := r.s
	actor := s.member.Actor()
	rooms, want := append([]booking.Room(nil), r.rooms...), r.settings
	var err error
	s.background(func() {
		for _, room := range rooms {
			if err = s.svc.Booking.UpdateRoom(actor, room); err != nil {
				return
			}
		}
		err = s.svc.Booking.UpdateSettings(actor, func(st *booking.Settings) { *st = want })
	}, func() { r.sayErr(err, T("staff.saved")) })
}

// roomsEditor steps each room's fee, seats and cleaning buffer by the
// booking rules' steps and limits.
func (r *staffRoomsScreen) roomsEditor() fyne.CanvasObject {
	s := r.s
	head := container.NewGridWithColumns(4,
		widget.NewLabelWithStyle(T("staff.rooms.room"), fyne.TextAlignLeading, fyne.TextStyle{}),
		widget.NewLabelWithStyle(T("staff.rooms.fee"), fyne.TextAlignCenter, fyne.TextStyle{}),
		widget.NewLabelWithStyle(T("staff.rooms.seats"), fyne.TextAlignCenter, fyne.TextStyle{}),
		widget.NewLabelWithStyle(T("staff.rooms.buffer"), fyne.TextAlignCenter, fyne.TextStyle{}))
	list := container.NewVBox(head)
	for i := range r.rooms {
		room := &r.rooms[i]
		fee := int(room.HourlyFee)
		list.Add(container.NewGridWithColumns(4, widget.NewLabel(s.roomName(*room)),
			s.limitStepper(&fee, booking.LimitHourlyFee, func() { room.HourlyFee = int64(fee) }, formatWonInt),
			s.limitStepper(&room.Capacity, booking.LimitCapacity, nil, func(n int) string { return fmt.Sprint(n) }),
			s.limitStepper(&room.BufferMinutes, booking.LimitBuffer, nil, minutesText)))
	}
	return list
}

func formatWonInt(n int) string { return formatWon(int64(n)) }

func minutesText(n int) string { return T("minutes", map[string]any{"N": n}) }

func daysText(n int) string { return T("days", map[string]any{"N": n}) }

func hoursText(n int) string { return T("hours", map[string]any{"N": n}) }

func percentText(n int) string { return fmt.Sprintf("%d%%", n) }

// limitStepper is [−] value [+] over *p within lim; a tap changes the
// value and its label in place, then runs changed.
func (s *Shell) limitStepper(p *int, lim booking.Limit, changed func(), show func(int) string) fyne.CanvasObject {
	v := widget.NewLabelWithStyle(show(*p), fyne.TextAlignCenter, fyne.TextStyle{})
	set := func(n int) {
		*p = lim.Clamp(n)
		v.SetText(show(*p))
		if changed != nil {
			changed()
		}
	}
	return container.NewBorder(nil, nil, s.button("-", nil, func() { set(*p - lim.Step) }),
		s.button("+", nil, func() { set(*p + lim.Step) }), v)
}

// hoursEditor steps each day kind's opening and closing by half hours.
func (r *staffRoomsScreen) hoursEditor() fyne.CanvasObject {
	s, set := r.s, &r.settings
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
		}
		h := get()
		if h.Closed() {
			open := s.button(T("staff.hours.reopen"), nil, func() { put(booking.DefaultDayHours); r.drawTab() })
			rows.Add(container.NewGridWithColumns(4, widget.NewLabel(T(k.key)),
				widget.NewLabelWithStyle(T("book.day.closed"), fyne.TextAlignCenter, fyne.TextStyle{}), layout.NewSpacer(), open))
			continue
		}
		// A close before the open is the rules' to refuse at saving.
		open, closing := h.Open, h.Close
		apply := func() { put(booking.DayHours{Open: open, Close: closing}) }
		rows.Add(container.NewGridWithColumns(4, widget.NewLabel(T(k.key)),
			s.limitStepper(&open, booking.LimitDayMinute, apply, minutesClock),
			s.limitStepper(&closing, booking.LimitDayMinute, apply, minutesClock),
			s.button(T("staff.hours.closeday"), nil, func() { put(booking.DayHours{}); r.drawTab() })))
	}
	return rows
}

// rulesEditor steps every booking rule that is a number: lengths, days
// ahead, surcharge, hold, check-in window, refund table, retention,
// discount rates; each within the limits the booking rules set.
func (r *staffRoomsScreen) rulesEditor() fyne.CanvasObject {
	s, set := r.s, &r.settings
	row := func(label string, p *int, lim booking.Limit, show func(int) string) fyne.CanvasObject {
		l := widget.NewLabel(label)
		l.Truncation = fyne.TextTruncateEllipsis
		return container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), l, s.limitStepper(p, lim, nil, show))
	}
	cells := container.NewGridWithColumns(4,
		row(T("rule.min"), &set.MinMinutes, booking.LimitMinMinutes, minutesText),
		row(T("rule.max"), &set.MaxMinutes, booking.LimitMaxMinutes, minutesText),
		row(T("rule.advance"), &set.AdvanceDays, booking.LimitAdvanceDays, daysText),
		row(T("rule.surcharge"), &set.SurchargePercent, booking.LimitSurcharge, percentText),
		row(T("rule.hold"), &set.HoldHours, booking.LimitHoldHours, hoursText),
		row(T("rule.checkin.before"), &set.CheckInBefore, booking.LimitCheckIn, minutesText),
		row(T("rule.checkin.after"), &set.CheckInAfter, booking.LimitCheckIn, minutesText),
		row(T("rule.retention"), &set.RetentionDays, booking.LimitRetentionDays, daysText),
	)
	for i := range set.Refunds {
		rf := &set.Refunds[i]
		cells.Add(row(T("rule.refund", map[string]any{"Days": rf.DaysBefore}), &rf.Percent, booking.LimitPercent, percentText))
	}
	for i := range set.Discounts {
		d := &set.Discounts[i]
		cells.Add(row(T("rule.discount", map[string]any{"Name": s.discountName(*d)}), &d.Percent, booking.LimitPercent, percentText))
	}
	return cells
}

func minutesClock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
