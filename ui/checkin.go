package ui

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
)

// resultShown is how long a check-in result stays on screen.
const resultShown = 4 * time.Second

// scanResult is the last check-in answer on screen.
type scanResult struct {
	ok    bool
	title string
	lines []string
	until time.Time
}

// scanPanel is the scanner's field and, above it, the instructions or the
// last answer for a few seconds; the check-in and door screens share it.
type scanPanel struct {
	s      *Shell
	prompt string
	room   string // the door display's room: passes for it only
	field  *KioskEntry
	big    *fyne.Container
	result *scanResult
	obj    fyne.CanvasObject
}

func newScanPanel(s *Shell, prompt, room string) *scanPanel {
	p := &scanPanel{s: s, prompt: prompt, room: room}
	p.field = s.entry("", FieldCode, T("checkin.field"), nil)
	p.field.OnSubmitted = func(token string) {
		s.Touch()
		// The field is cleared now, not when the answer comes: the next
		// pass may already be arriving.
		p.field.SetText("")
		if s.busy.Load() > 0 {
			return
		}
		p.scanned(token)
	}
	p.big = container.NewStack()
	label := widget.NewLabel(T("checkin.field.label"))
	label.Importance = widget.LowImportance
	p.obj = container.NewBorder(nil, container.NewBorder(nil, nil, label, nil, p.field), nil, nil, p.big)
	p.show()
	return p
}

// ready clears the last answer and waits for the next pass.
func (p *scanPanel) ready() {
	p.result = nil
	p.field.SetText("")
	p.show()
	p.s.focus(p.field)
}

// tick puts the instructions back once an answer has been shown long
// enough.
func (p *scanPanel) tick(now time.Time) {
	if p.result != nil && !now.Before(p.result.until) {
		p.ready()
	}
}

func (p *scanPanel) show() {
	var big fyne.CanvasObject
	if r := p.result; r != nil {
		big = resultPanel(r)
	} else {
		l := widget.NewLabelWithStyle(p.prompt, fyne.TextAlignCenter, fyne.TextStyle{})
		l.SizeName = theme.SizeNameHeadingText
		l.Wrapping = fyne.TextWrapWord
		icon := widget.NewIcon(theme.MediaPhotoIcon())
		big = NewPanel(container.NewVBox(layout.NewSpacer(),
			container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(96), icon)), l, layout.NewSpacer()), colSurface)
	}
	p.big.Objects = []fyne.CanvasObject{big}
	p.big.Refresh()
}

func resultPanel(r *scanResult) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(r.title, fyne.TextAlignCenter, fyne.TextStyle{})
	title.SizeName = theme.SizeNameHeadingText
	title.Wrapping = fyne.TextWrapWord
	var fill color.Color = colFreeBg
	icon := theme.ConfirmIcon()
	if r.ok {
		title.Importance = widget.SuccessImportance
	} else {
		title.Importance = widget.DangerImportance
		fill, icon = colBusyBg, theme.ErrorIcon()
	}
	box := container.NewVBox(layout.NewSpacer(),
		container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(96), widget.NewIcon(icon))), title)
	for _, l := range r.lines {
		lab := widget.NewLabelWithStyle(l, fyne.TextAlignCenter, fyne.TextStyle{})
		lab.SizeName = theme.SizeNameSubHeadingText
		lab.Wrapping = fyne.TextWrapWord
		box.Add(lab)
	}
	box.Add(layout.NewSpacer())
	return NewPanel(box, fill)
}

// scanned checks a pass in (a synced write, off the UI thread) and shows
// the answer.
func (p *scanPanel) scanned(token string) {
	s := p.s
	token = strings.TrimSpace(token)
	if token == "" {
		return
	}
	var b booking.Booking
	var room booking.Room
	var err error
	s.background(func() {
		if b, err = s.svc.Booking.CheckIn(booking.ActorVisitor, token, p.room); err == nil {
			room, _ = s.svc.Booking.Room(b.Room)
		}
	}, func() {
		r := &scanResult{until: s.svc.Now().Add(resultShown)}
		if err != nil {
			r.title = s.errorText(err)
			r.lines = []string{T("checkin.help")}
		} else {
			r.ok = true
			r.title = T("checkin.ok")
			r.lines = []string{
				T("sum.room", map[string]any{"Room": s.roomName(room)}),
				T("checkin.until", map[string]any{"From": clockTime(b.From), "To": clockTime(b.To)}),
			}
		}
		p.result = r
		p.show()
	})
}

// checkInScreen keeps a focused field for a USB scanner (it types the pass
// and Enter) and shows each answer large for a few seconds.
type checkInScreen struct {
	s    *Shell
	scan *scanPanel
}

func (c *checkInScreen) build() fyne.CanvasObject {
	head := c.s.header(T("checkin.title"), c.s.GoHome, true)
	c.scan = newScanPanel(c.s, T("checkin.prompt"), "")
	c.s.focus(c.scan.field)
	return container.NewBorder(head, nil, nil, nil,
		container.New(layout.NewCustomPaddedLayout(16, 16, 24, 24), c.scan.obj))
}

func (c *checkInScreen) refresh()             { c.scan.ready() }
func (c *checkInScreen) tick(now time.Time)   { c.scan.tick(now) }
func (c *checkInScreen) scanned(token string) { c.scan.scanned(token) }
