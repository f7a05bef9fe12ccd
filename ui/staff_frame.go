package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// staffPage is what every screen behind the lock shares: a bar with back
// to the staff home, the title and the lock; a line for the answer to the
// last action; and the screen's body.
type staffPage struct {
	s *Shell
	// back is where the bar's back button leads (the staff home when nil),
	// backText what it says.
	back     func()
	backText string
	top      fyne.CanvasObject
	heading  *widget.Label
	msg      *fyne.Container
	body     *fyne.Container
}

// frame builds the page around an empty body.
func (p *staffPage) frame(title string) fyne.CanvasObject {
	s := p.s
	to, label := p.back, p.backText
	if to == nil {
		to, label = func() { s.show(ScreenStaffHome) }, T("staff.home")
	}
	back := s.button(label, theme.NavigateBackIcon(), to)
	lock := s.button(T("staff.lock"), theme.LogoutIcon(), s.GoHome)
	lock.Importance = widget.HighImportance
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{})
	heading.SizeName = theme.SizeNameSubHeadingText
	heading.Truncation = fyne.TextTruncateEllipsis
	p.heading = heading
	top := container.NewVBox(container.New(layout.NewCustomPaddedLayout(10, 10, 16, 16),
		container.NewBorder(nil, nil, back, lock, heading)), widget.NewSeparator())
	p.top = top
	p.msg = container.NewStack()
	p.body = container.NewStack()
	return container.NewBorder(top, nil, nil, nil,
		container.New(layout.NewCustomPaddedLayout(10, 10, 20, 20), container.NewBorder(p.msg, nil, nil, nil, p.body)))
}

// setTitle changes the bar's title (a flow's steps).
func (p *staffPage) setTitle(title string) { p.heading.SetText(title) }

// say shows the answer to the last action: done (ok) or refused.
func (p *staffPage) say(ok bool, msg string) {
	p.msg.Objects = nil
	if o := messagePanel(msg, ok); o != nil {
		p.msg.Objects = []fyne.CanvasObject{o}
	}
	p.msg.Refresh()
}

// sayErr shows err's sentence, or done when err is nil.
func (p *staffPage) sayErr(err error, done string) {
	if err != nil {
		p.say(false, p.s.errorText(err))
		return
	}
	p.say(true, done)
}

// bodyHeight is the height the body has on the kiosk's screen, less
// taken (the body's own bars).
func (p *staffPage) bodyHeight(taken float32) float32 {
	return p.s.screenSize().Height - p.top.MinSize().Height - p.msg.MinSize().Height - 20 - taken
}

// setBody replaces the page's body.
func (p *staffPage) setBody(o fyne.CanvasObject) {
	p.body.Objects = []fyne.CanvasObject{o}
	p.body.Refresh()
}

// choiceCard is one option of a set: marked when chosen.
func (s *Shell) choiceCard(label string) *Card {
	l := widget.NewLabelWithStyle(label, fyne.TextAlignCenter, fyne.TextStyle{})
	l.Wrapping = fyne.TextWrapWord // long English names take two lines, not the screen's width
	return NewCard(l, colSurface, fyne.NewSize(0, MinTarget), nil)
}

// answer is what the rules said of a flow's draft at its check step (a
// move-in, a move-out, a payment): the result, or their refusal.
type answer[T any] struct {
	got *T
	err error
}

// set records a check's (or a refused save's) result and error.
func (a *answer[T]) set(v T, err error) {
	a.got, a.err = nil, err
	if err == nil {
		a.got = &v
	}
}

// refusedCheck is the check step of a refused draft, saying why on page p and
// offering only the way back; nil when the rules gave a result.
func refusedCheck[T any](p *staffPage, a answer[T], back func()) fyne.CanvasObject {
	if a.err == nil && a.got != nil {
		return nil
	}
	p.say(false, p.s.errorText(a.err))
	return container.NewBorder(nil, p.s.navRow(back, nil), nil, nil, layout.NewSpacer())
}
