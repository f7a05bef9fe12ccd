package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// padKeyHeight is the height of a number-pad key at scale 1.
const padKeyHeight float32 = 72

// PinPad is a large on-screen number pad that shows only dots for what was
// typed. A physical keyboard typing digits, Backspace and Enter works too.
type PinPad struct {
	digits   string
	maxLen   int
	dots     *canvas.Text
	Message  *widget.Label
	onSubmit func(string)
	shell    *Shell
	Object   fyne.CanvasObject
}

// pinPad builds a pad for up to maxLen digits; onSubmit gets them on 확인.
func (s *Shell) pinPad(prompt string, maxLen int, onSubmit func(string)) *PinPad {
	p := &PinPad{maxLen: maxLen, onSubmit: onSubmit, shell: s}
	p.dots = canvas.NewText("", colText)
	p.dots.TextSize = 40
	p.dots.Alignment = fyne.TextAlignCenter
	p.Message = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	p.Message.Importance = widget.DangerImportance
	p.Message.Wrapping = fyne.TextWrapWord
	p.Message.Hide() // shown only with something to say

	head := widget.NewLabelWithStyle(prompt, fyne.TextAlignCenter, fyne.TextStyle{})
	head.SizeName = theme.SizeNameSubHeadingText

	keys := make([]fyne.CanvasObject, 0, 12)
	for _, d := range "123456789" {
		keys = append(keys, p.key(string(d), func() { p.Press(d) }))
	}
	clear := s.button(T("pin.clear"), theme.ContentUndoIcon(), p.Backspace)
	clear.minHeight = padKeyHeight
	ok := s.button(T("pin.ok"), theme.ConfirmIcon(), p.Submit)
	ok.Importance = widget.HighImportance
	ok.minHeight = padKeyHeight
	keys = append(keys, clear, p.key("0", func() { p.Press('0') }), ok)
	grid := container.NewGridWithColumns(3, keys...)
	dotsBox := NewPanel(container.NewStack(canvas.NewRectangle(colSurface), p.dots), colSurface)
	sc := s.th.scale
	pad := container.NewVBox(dotsBox, p.Message,
		container.NewGridWrap(fyne.NewSize(140*3*sc, (padKeyHeight+theme.Padding())*4*sc), grid))
	// The prompt is one line as wide as it needs above the pad: wrapped to
	// the pad's width it broke "(숫자 6~12자리)" in two.
	p.Object = container.NewCenter(container.NewVBox(head, container.NewCenter(pad)))
	return p
}

func (p *PinPad) key(label string, fn func()) *TouchButton {
	b := p.shell.button(label, nil, fn)
	b.minHeight = padKeyHeight
	return b
}

// Press adds a digit (ignored past the maximum length or if not a digit).
func (p *PinPad) Press(d rune) {
	if d < '0' || d > '9' || len(p.digits) >= p.maxLen {
		return
	}
	p.digits += string(d)
	p.refresh()
}

// Backspace removes the last digit.
func (p *PinPad) Backspace() {
	if p.digits != "" {
		p.digits = p.digits[:len(p.digits)-1]
		p.refresh()
	}
}

// Submit hands the digits to the screen and clears the pad.
func (p *PinPad) Submit() {
	d := p.digits
	p.digits = ""
	p.refresh()
	if p.onSubmit != nil {
		p.onSubmit(d)
	}
}

// Len is the number of digits typed.
func (p *PinPad) Len() int { return len(p.digits) }

// Fail shows a message under the dots.
func (p *PinPad) Fail(msg string) {
	p.Message.SetText(msg)
	if msg == "" {
		p.Message.Hide()
	} else {
		p.Message.Show()
	}
}

func (p *PinPad) refresh() {
	p.dots.Text = strings.Repeat("● ", len(p.digits))
	p.dots.Refresh()
	if p.digits != "" {
		p.Fail("")
	}
}

// attachKeyboard lets a physical keypad drive the pad while it is on screen.
func (p *PinPad) attachKeyboard(c fyne.Canvas) {
	c.SetOnTypedRune(func(r rune) {
		p.shell.Touch()
		if p.shell.busy.Load() == 0 { // a PIN being checked takes no more keys
			p.Press(r)
		}
	})
	c.SetOnTypedKey(func(e *fyne.KeyEvent) {
		p.shell.Touch()
		if p.shell.busy.Load() > 0 {
			return
		}
		switch e.Name {
		case fyne.KeyBackspace:
			p.Backspace()
		case fyne.KeyReturn, fyne.KeyEnter:
			p.Submit()
		}
	})
}
