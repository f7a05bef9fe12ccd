package ui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
)

// findLimit is how many bookings a search lists.
const findLimit = 30

// staffBookingsScreen lists a day's bookings, or those a search finds by
// code, phone or name, with pay and cancel actions. The desk sees the full
// name (it checks it at payment); the phone stays masked until revealed,
// and each reveal is audited.
type staffBookingsScreen struct {
	staffPage
	day      time.Time
	query    string // "" lists the day
	sel      string // booking id with its actions open
	mode     string // "pay" or "cancel"
	revealed map[string]string
	list     []staffRow
	page     int // the list's page on show, kept across redraws
	loads    int // counts loads, so that an older answer is dropped

	dayBar    fyne.CanvasObject
	searchBar fyne.CanvasObject
	dateLabel *widget.Label
	rows      *fyne.Container
	kb        *Keyboard
	search    *KioskEntry
	kbBox     *fyne.Container
}

func newStaffBookingsScreen(s *Shell) screen {
	return &staffBookingsScreen{staffPage: staffPage{s: s}, day: seoul.Midnight(s.svc.Now()), revealed: map[string]string{}}
}

func (b *staffBookingsScreen) build() fyne.CanvasObject {
	s := b.s
	frame := b.frame(T("staff.bookings"))
	prev := s.button(T("staff.day.prev"), theme.NavigateBackIcon(), func() { b.showDay(b.day.AddDate(0, 0, -1)) })
	next := s.button(T("staff.day.next"), theme.NavigateNextIcon(), func() { b.showDay(b.day.AddDate(0, 0, 1)) })
	next.IconPlacement = widget.ButtonIconTrailingText
	today := s.button(T("staff.day.today"), theme.HomeIcon(), func() { b.showDay(seoul.Midnight(s.svc.Now())) })
	find := s.button(T("staff.find"), theme.SearchIcon(), func() { b.openSearch() })
	b.dateLabel = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	b.dayBar = container.NewBorder(nil, nil, container.NewHBox(prev, today), container.NewHBox(next, find), b.dateLabel)

	b.kb = s.keyboard()
	b.search = s.entry("", FieldText, T("staff.find.hint"), b.kb)
	b.search.OnSubmitted = func(string) { b.runSearch() }
	b.kb.OnDone = b.runSearch
	b.search.onTapped = func() {
		if !b.kbBox.Visible() {
			b.kbBox.Show()
			b.drawRows()
		}
	}
	run := s.button(T("staff.find"), theme.SearchIcon(), b.runSearch)
	run.Importance = widget.HighImportance
	closeBtn := s.button(T("staff.find.close"), theme.CancelIcon(), func() { b.showDay(b.day) })
	b.searchBar = container.NewBorder(nil, nil, nil, container.NewHBox(run, closeBtn), b.search)
	b.kbBox = container.NewStack(b.kb.Object)

	b.rows = container.NewStack()
	b.setBody(container.NewBorder(container.NewStack(b.dayBar, b.searchBar), b.kbBox, nil, nil, b.rows))
	b.showDay(b.day)
	return frame
}

// showDay lists a day's bookings.
func (b *staffBookingsScreen) showDay(day time.Time) {
	b.day, b.query, b.sel = day, "", ""
	b.dateLabel.SetText(formatDate(day))
	b.searchBar.Hide()
	b.kbBox.Hide()
	b.dayBar.Show()
	b.load()
}

// openSearch shows the search field and the keyboard.
func (b *staffBookingsScreen) openSearch() {
	b.dayBar.Hide()
	b.searchBar.Show()
	b.kbBox.Show()
	b.kb.Attach(b.search)
	b.s.focus(b.search)
	b.drawRows()
}

// runSearch finds bookings by what was typed.
func (b *staffBookingsScreen) runSearch() {
	b.kb.Commit()
	q := strings.TrimSpace(b.search.Text)
	if q == "" {
		return
	}
	b.query, b.sel = q, ""
	b.kbBox.Hide()
	b.load()
}

// staffRow is one booking of the list and what the rules allow with it,
// read with the list so that drawing it asks the store nothing.
type staffRow struct {
	b                 booking.Booking
	room              string // in the language in use
	canPay            bool
	canCancel         bool // by the visitor's request or, for a visitor's booking, by the centre
	visitorQ, centreQ *booking.CancelQuoteResult
}

// load reads the list (the day, or the search) off the UI thread. A new
// list starts on its first page; a reload after an action keeps the page.
func (b *staffBookingsScreen) load() { b.loadAt(0) }

func (b *staffBookingsScreen) reload() { b.loadAt(b.page) }

func (b *staffBookingsScreen) loadAt(page int) {
	s := b.s
	day, query := b.day, b.query
	b.loads++
	seq := b.loads
	var list []staffRow
	var err error
	s.background(func() {
		var found []booking.Booking
		if query != "" {
			found, err = s.svc.Booking.Find(query, findLimit)
		} else {
			found, err = s.svc.Booking.OnDay(day)
		}
		if err != nil {
			return
		}
		rooms, rerr := s.svc.Booking.Rooms()
		if rerr != nil {
			err = rerr
			return
		}
		names := map[string]string{}
		for _, r := range rooms {
			names[r.ID] = s.roomName(r)
		}
		for _, bk := range found {
			r := staffRow{b: bk, room: names[bk.Room], canPay: s.svc.Booking.CanPay(bk) == nil}
			if q, err := s.svc.Booking.CancelQuote(bk.ID, false); err == nil {
				r.visitorQ = &q
			}
			if q, err := s.svc.Booking.CancelQuote(bk.ID, true); err == nil && !bk.Block {
				r.centreQ = &q
			}
			r.canCancel = r.visitorQ != nil || r.centreQ != nil
			list = append(list, r)
		}
	}, func() {
		if seq != b.loads { // a newer list was asked for meanwhile
			return
		}
		b.page = page
		if err != nil {
			b.list = nil
			b.rows.Objects = []fyne.CanvasObject{wrapLabel(s.errorText(err))}
			b.rows.Refresh()
			return
		}
		b.list = list
		b.drawRows()
	})
}

// drawRows draws the list as it stands.
func (b *staffBookingsScreen) drawRows() {
	rows := make([]fyne.CanvasObject, 0, len(b.list))
	for _, r := range b.list {
		rows = append(rows, b.row(r))
	}
	empty := T("staff.day.none")
	if b.query != "" {
		empty = T("staff.find.none", map[string]any{"Query": b.query})
	}
	// As many rows as fit between the bars (and the keyboard, when open).
	taken := b.dayBar.MinSize().Height + (MinTarget+8)*b.s.th.scale + 4*theme.Padding()
	if b.kbBox.Visible() {
		taken += b.kbBox.MinSize().Height
	}
	per := 5
	if len(rows) > 0 {
		rowH := rows[0].MinSize().Height
		per = max(1, min(6, int((b.bodyHeight(taken)+theme.Padding())/(rowH+theme.Padding()))))
	}
	b.rows.Objects = []fyne.CanvasObject{b.s.pagedGridAt(rows, 1, per, empty, &b.page)}
	b.rows.Refresh()
}

// select opens a booking's actions (or closes them with "").
func (b *staffBookingsScreen) choose(id, mode string) {
	b.sel, b.mode = id, mode
	b.say(false, "")
	b.drawRows()
}

func (b *staffBookingsScreen) row(r staffRow) fyne.CanvasObject {
	s, bk := b.s, r.b
	line1 := fmt.Sprintf("%s  %s–%s  %s  %s", formatDate(bk.From), clockTime(bk.From), clockTime(bk.To), r.room, spacedCode(bk.ID))
	if b.query == "" {
		line1 = fmt.Sprintf("%s–%s  %s  %s", clockTime(bk.From), clockTime(bk.To), r.room, spacedCode(bk.ID))
	}
	var who string
	switch {
	case bk.Block:
		who = reasonText(bk.Reason)
	default:
		phone := booking.MaskPhone(bk.Phone)
		if full, ok := b.revealed[bk.ID]; ok {
			phone = full
		}
		who = bk.Name + " · " + phone
		if bk.Org != "" {
			who += " · " + bk.Org
		}
	}
	line2 := fmt.Sprintf("%s · %s · %s", T("status."+string(bk.Status)), formatWon(bk.Fee), who)
	if bk.DiscountName != "" {
		line2 += " · " + T("staff.discount", map[string]any{"Name": bk.DiscountName, "Pct": bk.DiscountPct})
	}
	if bk.Status == booking.StatusCancelled && bk.Refund > 0 {
		line2 += " · " + T("staff.refunded", map[string]any{"Refund": formatWon(bk.Refund)})
	}
	l1 := widget.NewLabelWithStyle(line1, fyne.TextAlignLeading, fyne.TextStyle{})
	l1.Truncation = fyne.TextTruncateEllipsis
	l2 := widget.NewLabel(line2)
	l2.Truncation = fyne.TextTruncateEllipsis
	info := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), l1, l2)

	var actions []fyne.CanvasObject
	selected := b.sel == bk.ID
	switch {
	case selected && b.mode == "pay":
		for _, m := range []booking.PayMethod{booking.PayCash, booking.PayCard, booking.PayTransfer} {
			actions = append(actions, s.button(T("pay."+string(m)), nil, func() { b.pay(bk.ID, m) }))
		}
		actions = append(actions, s.button(T("nav.back"), nil, func() { b.choose("", "") }))
	case selected && b.mode == "cancel":
		// The refunds are the booking rules' own answer, for each way of
		// cancelling that is still open.
		if q := r.visitorQ; q != nil {
			visitor := s.button(T("staff.cancel.visitor", map[string]any{"Refund": formatWon(q.Refund), "Pct": q.Percent}), nil,
				func() { b.cancel(bk.ID, false) })
			visitor.Importance = widget.DangerImportance
			actions = append(actions, visitor)
		}
		if q := r.centreQ; q != nil {
			actions = append(actions, s.button(T("staff.cancel.centre", map[string]any{"Refund": formatWon(q.Refund)}), nil,
				func() { b.cancel(bk.ID, true) }))
		}
		actions = append(actions, s.button(T("my.cancel.keep"), nil, func() { b.choose("", "") }))
	default:
		if _, shown := b.revealed[bk.ID]; !bk.Block && !shown && bk.Phone != "" && s.member.Can(staff.PermReveal) {
			actions = append(actions, s.button(T("staff.reveal"), theme.VisibilityIcon(), func() { b.reveal(bk.ID) }))
		}
		if r.canPay {
			pay := s.button(T("staff.pay"), nil, func() { b.choose(bk.ID, "pay") })
			pay.Importance = widget.HighImportance
			actions = append(actions, pay)
		}
		if r.canCancel {
			label := T("staff.cancel")
			if bk.Block {
				label = T("staff.unblock")
			}
			actions = append(actions, s.button(label, nil, func() { b.choose(bk.ID, "cancel") }))
		}
	}
	fill := colSurface
	if selected {
		fill = colPrimaryDim
	}
	return NewPanel(container.NewBorder(nil, nil, nil, container.NewHBox(actions...), info), fill)
}

// reveal shows one visitor's phone number; the store audits who looked.
func (b *staffBookingsScreen) reveal(id string) {
	s := b.s
	actor := s.member.Actor()
	var phone string
	var err error
	s.background(func() { phone, err = s.svc.Booking.RevealPhone(actor, id) }, func() {
		if err != nil {
			b.say(false, s.errorText(err))
			return
		}
		b.revealed[id] = phone
		b.drawRows()
	})
}

func (b *staffBookingsScreen) pay(id string, m booking.PayMethod) {
	s := b.s
	actor := s.member.Actor()
	var paid booking.Booking
	var err error
	s.background(func() { paid, err = s.svc.Booking.Pay(actor, id, m) }, func() {
		b.sel = ""
		b.sayErr(err, T("staff.paid", map[string]any{"Code": spacedCode(paid.ID), "Fee": formatWon(paid.Fee), "Method": T("pay." + string(m))}))
		b.reload()
	})
}

func (b *staffBookingsScreen) cancel(id string, byCentre bool) {
	s := b.s
	actor := s.member.Actor()
	cancel := s.svc.Booking.Cancel
	if byCentre {
		cancel = s.svc.Booking.CancelByCentre
	}
	var c booking.Booking
	var err error
	s.background(func() { c, err = cancel(actor, id) }, func() {
		b.sel = ""
		b.sayErr(err, T("staff.cancelled", map[string]any{"Code": spacedCode(c.ID), "Refund": formatWon(c.Refund)}))
		b.reload()
	})
}

// reasonText shows a stored reason: preset reasons are stored as their
// translation key so each reader sees them in their own language.
func reasonText(r string) string {
	if strings.HasPrefix(r, "block.reason.") || strings.HasPrefix(r, "closure.reason.") {
		return T(r)
	}
	return r
}
