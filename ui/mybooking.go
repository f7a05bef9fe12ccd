package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

const (
	fieldLookupCode  = "my.code"
	fieldLookupPhone = "my.phone"
)

// myState is the "my booking" screen's progress.
type myState struct {
	found    *booking.Booking
	confirm  bool // asking whether to cancel
	message  string
	canceled bool
}

func (s *Shell) openMyBooking() {
	s.my = &myState{}
	s.show(ScreenMyBooking, s.myBookingScreen)
}

// myBookingScreen: look a booking up by its code and the last four digits
// of the phone, show the pass again, cancel with the refund shown first.
func (s *Shell) myBookingScreen() fyne.CanvasObject {
	if s.my == nil {
		s.my = &myState{}
	}
	head := s.header(T("my.title"), s.GoHome, true)
	var body fyne.CanvasObject
	if s.my.found == nil {
		body = s.myLookup()
	} else {
		body = s.myFound()
	}
	msg := messagePanel(s.my.message, s.my.canceled)
	return container.NewBorder(head, nil, nil, nil,
		container.New(layout.NewCustomPaddedLayout(10, 10, 20, 20), container.NewBorder(msg, nil, nil, nil, body)))
}

func (s *Shell) myLookup() fyne.CanvasObject {
	kb := s.keyboard()
	code := s.entry(fieldLookupCode, FieldCode, "K7Q3 MXA2", kb)
	last4 := s.entry(fieldLookupPhone, FieldPhone, "5678", kb)
	find := s.button(T("my.find"), theme.SearchIcon(), func() {
		kb.Commit()
		b, err := s.svc.Booking.Lookup(normalizeCode(code.Text), last4.Text)
		if err != nil {
			s.my.message = T("my.notfound")
			if errors.Is(err, booking.ErrLookupLocked) {
				s.my.message = T("berr.lookuplocked")
			}
			s.rebuild()
			return
		}
		s.my.found, s.my.message = &b, ""
		s.keyboardOpen = false
		delete(s.fields, fieldLookupPhone)
		s.rebuild()
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

func (s *Shell) myFound() fyne.CanvasObject {
	b := *s.my.found
	var actions []fyne.CanvasObject
	actions = append(actions, s.button(T("my.again"), theme.SearchIcon(), func() { s.openMyBooking() }))
	if s.my.confirm {
		_, pct, refund, err := s.svc.Booking.RefundQuote(b.ID)
		if err != nil {
			s.my.confirm = false
			s.my.message = bookingMessage(err)
			return s.myFound()
		}
		q := wrapLabel(T("my.cancel.confirm", map[string]any{"Refund": formatWon(refund), "Pct": pct}))
		keep := s.button(T("my.cancel.keep"), theme.NavigateBackIcon(), func() { s.my.confirm = false; s.rebuild() })
		yes := s.button(T("my.cancel.yes"), theme.DeleteIcon(), func() {
			c, err := s.svc.Booking.Cancel(store.ActorVisitor, b.ID)
			s.my.confirm = false
			if err != nil {
				s.my.message = bookingMessage(err)
			} else {
				s.my.found, s.my.canceled = &c, true
				s.my.message = T("my.cancelled", map[string]any{"Refund": formatWon(c.Refund)})
			}
			s.rebuild()
		})
		yes.Importance = widget.DangerImportance
		return container.NewBorder(nil, container.NewVBox(q, container.NewGridWithColumns(2, keep, yes)), nil, nil, s.passView(b, false))
	}
	if s.svc.Booking.CanCancel(b, false) == nil && !b.Block {
		cancel := s.button(T("my.cancel"), theme.DeleteIcon(), func() { s.my.confirm = true; s.my.message = ""; s.rebuild() })
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
