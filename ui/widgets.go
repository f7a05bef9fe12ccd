package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// TouchButton is a widget.Button that is never smaller than a fingertip.
type TouchButton struct {
	widget.Button
	minHeight float32
}

// NewTouchButton makes a button at least MinTarget tall; onTap already runs
// through the shell's activity hook when made by Shell.button.
func NewTouchButton(label string, icon fyne.Resource, onTap func()) *TouchButton {
	b := &TouchButton{minHeight: MinTarget + 8}
	b.Text, b.Icon, b.OnTapped = label, icon, onTap
	b.ExtendBaseWidget(b)
	return b
}

// MinSize keeps the button finger-sized.
func (b *TouchButton) MinSize() fyne.Size {
	s := b.Button.MinSize()
	h := b.minHeight * scaleOf(b)
	if s.Height < h {
		s.Height = h
	}
	if s.Width < h {
		s.Width = h
	}
	return s
}

// Card is a large tappable panel (home tiles, selection cards) with pressed
// feedback. Its content is any object.
type Card struct {
	widget.BaseWidget
	OnTapped func()
	content  fyne.CanvasObject
	bg       *canvas.Rectangle
	fill     color.Color
	baseFill color.Color
	minSize  fyne.Size
	padded   fyne.CanvasObject // content inside the card's padding
	pressed  bool
	chosen   bool
}

// NewCard wraps content in a tappable card of at least min size.
func NewCard(content fyne.CanvasObject, fill color.Color, min fyne.Size, onTap func()) *Card {
	return newCardPadded(content, fill, min, onTap, 18, 22)
}

// newCardPadded is NewCard with vertical and horizontal padding of its own.
func newCardPadded(content fyne.CanvasObject, fill color.Color, min fyne.Size, onTap func(), vpad, hpad float32) *Card {
	c := &Card{OnTapped: onTap, content: content, fill: fill, baseFill: fill, minSize: min}
	c.padded = container.New(layout.NewCustomPaddedLayout(vpad, vpad, hpad, hpad), content)
	c.bg = canvas.NewRectangle(fill)
	c.bg.CornerRadius = 14
	c.bg.StrokeColor = colBorder
	c.bg.StrokeWidth = 2
	c.ExtendBaseWidget(c)
	return c
}

// Tapped runs the card's action.
func (c *Card) Tapped(*fyne.PointEvent) {
	c.setPressed(false)
	if c.OnTapped != nil {
		c.OnTapped()
	}
}

// MouseDown shows the press (a finger is a mouse to the desktop driver).
func (c *Card) MouseDown(*desktop.MouseEvent) { c.setPressed(true) }

// MouseUp clears the press.
func (c *Card) MouseUp(*desktop.MouseEvent) { c.setPressed(false) }

// SetChosen marks the card as the choice made: a tint and a thick border,
// so that the choice does not rest on colour alone.
func (c *Card) SetChosen(on bool) {
	if on == c.chosen {
		return
	}
	c.chosen = on
	if on {
		c.fill, c.bg.StrokeColor, c.bg.StrokeWidth = colPrimaryDim, colPrimary, 4
	} else {
		c.fill, c.bg.StrokeColor, c.bg.StrokeWidth = c.baseFill, colBorder, 2
	}
	if !c.pressed {
		c.bg.FillColor = c.fill
	}
	c.bg.Refresh()
}

// choiceGroup is a set of cards of which one is chosen; a tap marks the
// card in place instead of drawing the screen again.
type choiceGroup struct {
	s     *Shell
	cards []*Card
}

// add puts c in the group, chosen or not; onTap runs after c is marked.
func (g *choiceGroup) add(c *Card, chosen bool, onTap func()) {
	g.cards = append(g.cards, c)
	c.SetChosen(chosen)
	c.OnTapped = g.s.tap(func() {
		for _, o := range g.cards {
			o.SetChosen(o == c)
		}
		if onTap != nil {
			onTap()
		}
	})
}

func (c *Card) setPressed(p bool) {
	if c.pressed == p {
		return
	}
	c.pressed = p
	if p {
		c.bg.FillColor = colPressed
	} else {
		c.bg.FillColor = c.fill
	}
	c.bg.Refresh()
}

// MinSize is at least the size asked for and the padded content's.
func (c *Card) MinSize() fyne.Size {
	return c.padded.MinSize().Max(c.minSize.Max(fyne.NewSquareSize(MinTarget)))
}

// CreateRenderer draws the background and padded content.
func (c *Card) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, c.padded))
}

// scaleOf is the large-text factor of the theme in force for o.
func scaleOf(fyne.CanvasObject) float32 {
	if kt, ok := fyne.CurrentApp().Settings().Theme().(*kioskTheme); ok && kt.scale > 0 {
		return kt.scale
	}
	return 1
}

// text is a single line of theme-coloured text at a size. The bundled font
// has one weight (every extra text style costs a parse and a font lookup at
// start-up), so emphasis comes from size and colour.
func text(s string, size float32, col color.Color) *canvas.Text {
	t := canvas.NewText(s, col)
	t.TextSize = size
	return t
}

// wrapLabel is a wrapping label for longer lines.
func wrapLabel(s string) *widget.Label {
	l := widget.NewLabel(s)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// centredText is a sentence in the middle of the space it is given,
// wrapped to that space's width. (A wrapping label inside
// container.NewCenter gets no width and draws one character a line.)
func centredText(text string) fyne.CanvasObject {
	l := wrapLabel(text)
	l.Alignment = fyne.TextAlignCenter
	return container.NewVBox(layout.NewSpacer(), l, layout.NewSpacer())
}

// NewPanel is a rounded, bordered, non-tappable background for content.
func NewPanel(content fyne.CanvasObject, fill color.Color) fyne.CanvasObject {
	o, _ := panelWithBackground(content, fill)
	return o
}

// panelWithBackground is NewPanel and its background, to recolour later.
func panelWithBackground(content fyne.CanvasObject, fill color.Color) (fyne.CanvasObject, *canvas.Rectangle) {
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = 12
	bg.StrokeColor = colBorder
	bg.StrokeWidth = 1
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(8, 8, 18, 18), content)), bg
}

// messagePanel is the answer shown above a screen's content: green for done,
// red for a refusal; nil when there is nothing to say.
func messagePanel(msg string, ok bool) fyne.CanvasObject {
	if msg == "" {
		return nil
	}
	l := widget.NewLabelWithStyle(msg, fyne.TextAlignCenter, fyne.TextStyle{})
	l.Wrapping = fyne.TextWrapWord
	if ok {
		return NewPanel(l, colFreeBg)
	}
	l.Importance = widget.DangerImportance
	return NewPanel(l, colBusyBg)
}
