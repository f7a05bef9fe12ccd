package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
)

const (
	fieldLookupCode  = "my.code"
	fieldLookupPhone = "my.phone"
)

// myBookingScreen: look a booking up by its code and the last four digits
// of the phone, show the pass again, cancel with the refund shown first.
type myBookingScreen struct {
	s        *Shell
	found    *booking.Booking
	digits   string // the phone's last four digits the visitor typed: their proof for a cancel
	confirm  bool   // asking whether to cancel
	message  string
	canceled bool
	msg      *fyne.Container
	body     *fyne.Container
}

func (m *myBookingScreen) enter() {
	m.found, m.digits, m.confirm, m.message, m.canceled = nil, "", false, "", false
}

func (m *myBookingScreen) build() fyne.CanvasObject {
	head := m.s.header(T("my.title"), m.s.GoHome, true)
	m.msg = container.NewStack()
	m.body = container.NewStack()
	m.refresh()
	return container.NewBorder(head, nil, nil, nil,
		container.New(layout.NewCustomPaddedLayout(10, 10, 20, 20), container.NewBorder(m.msg, nil, nil, nil, m.body)))
}

// refresh shows the lookup form or the booking found.
func (m *myBookingScreen) refresh() {
	m.msg.Objects = nil
	if p := messagePanel(m.message, m.canceled); p != nil {
		m.msg.Objects = []fyne.CanvasObject{p}
	}
	m.msg.Refresh()
	var body fyne.CanvasObject
	if m.found == nil {
		body = m.lookup()
	} else {
		body = m.foundView()
	}
	m.body.Objects = []fyne.CanvasObject{body}
	m.body.Refresh()
}

func (m *myBookingScreen) lookup() fyne.CanvasObject {
	s := m.s
	kb := s.keyboard()
	code := s.entry(fieldLookupCode, FieldCode, "K7Q3 MXA2", kb)
	last4 := s.entry(fieldLookupPhone, FieldPhone, "5678", kb)
	find := s.button(T("my.find"), theme.SearchIcon(), func() {
		kb.Commit()
		id, digits := normalizeCode(code.Text), last4.Text
		var b booking.Booking
		var err error
		// A lookup counts wrong attempts in the store: a synced write.
		s.background(func() { b, err = s.svc.Booking.Lookup(id, digits) }, func() {
			if err != nil {
				m.message = T("my.notfound")
				if errors.Is(err, booking.ErrLookupLocked) {
					m.message = s.errorText(err)
				} else if !errors.Is(err, booking.ErrNotFound) && !errors.Is(err, booking.ErrPhoneMismatch) {
					m.message = s.errorText(err)
				}
				m.refresh()
				return
			}
			m.found, m.digits, m.message = &b, digits, ""
			delete(s.fields, fieldLookupPhone)
			m.refresh()
		})
	})
	find.Importance = widget.HighImportance
	kb.OnDone = func() {
		if kb.target == code {
			s.win.Canvas().Focus(last4)
			return
		}
		find.OnTapped()
	}
	s.focus(code)
	kb.Attach(code)
	label := func(key string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(T(key), fyne.TextAlignLeading, fyne.TextStyle{})
	}
	form := container.NewGridWithColumns(3,
		container.NewBorder(label("my.code"), nil, nil, nil, code),
		container.NewBorder(label("my.phone4"), nil, nil, nil, last4),
		container.NewBorder(layout.NewSpacer(), nil, nil, nil, find))
	hint := wrapLabel(T("my.hint"))
	hint.Importance = widget.LowImportance
	return container.NewBorder(container.NewVBox(form, hint), kb.Object, nil, nil, layout.NewSpacer())
}

func (m *myBookingScreen) foundView() fyne.CanvasObject {
	s := m.s
	b := *m.found
	var actions []fyne.CanvasObject
	actions = append(actions, s.button(T("my.again"), theme.SearchIcon(), func() { m.enter(); m.refresh() }))
	if m.confirm {
		// The refund is the booking rules' own answer.
		q, err := s.svc.Booking.CancelQuote(b.ID, false)
		if err != nil {
			m.confirm = false
			m.message = s.errorText(err)
			return m.foundView()
		}
		ask := wrapLabel(T("my.cancel.confirm", map[string]any{"Refund": formatWon(q.Refund), "Pct": q.Percent}))
		keep := s.button(T("my.cancel.keep"), theme.NavigateBackIcon(), func() { m.confirm = false; m.refresh() })
		yes := s.button(T("my.cancel.yes"), theme.DeleteIcon(), func() {
			var c booking.Booking
			var err error
			s.background(func() { c, err = s.svc.Booking.CancelOwn(b.ID, m.digits) }, func() {
				m.confirm = false
				if err != nil {
					m.message = s.errorText(err)
				} else {
					m.found, m.canceled = &c, true
					m.message = T("my.cancelled", map[string]any{"Refund": formatWon(c.Refund)})
				}
				m.refresh()
			})
		})
		yes.Importance = widget.DangerImportance
		return container.NewBorder(nil, container.NewVBox(ask, container.NewGridWithColumns(2, keep, yes)), nil, nil, s.passView(b, false))
	}
	if s.svc.Booking.CanCancel(b, false) == nil && !b.Block {
		cancel := s.button(T("my.cancel"), theme.DeleteIcon(), func() { m.confirm = true; m.message = ""; m.refresh() })
		cancel.Importance = widget.DangerImportance
		actions = append(actions, cancel)
	}
	actions = append(actions, s.button(T("pass.done"), theme.HomeIcon(), s.GoHome))
	return container.NewBorder(nil, container.NewGridWithColumns(len(actions), actions...), nil, nil, s.passView(b, false))
}

// normalizeCode accepts a booking code typed with spaces, hyphens or in
// lower case.
func normalizeCode(s string) string {
	out := make([]rune, 0, 8)
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z':
			out = append(out, r-'a'+'A')
		case (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9'):
			out = append(out, r)
		}
	}
	return string(out)
}
