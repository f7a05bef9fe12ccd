package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyHeight is the height of a keyboard key at scale 1.
const keyHeight float32 = 64

// Key is one key of the on-screen keyboard: it darkens while pressed.
type Key struct {
	widget.BaseWidget
	onTap   func()
	onPress func() // runs when a finger goes down, before the driver moves focus
	icon    fyne.Resource
	label   *canvas.Text
	bg      *canvas.Rectangle
	fill    color.Color
	pressed bool
}

func newKey(label string, onTap func()) *Key {
	k := &Key{onTap: onTap, fill: colSurface}
	k.label = canvas.NewText(label, colText)
	k.label.TextSize = theme.TextSize() * 1.5
	k.label.Alignment = fyne.TextAlignCenter
	k.bg = canvas.NewRectangle(k.fill)
	k.bg.CornerRadius = 8
	k.bg.StrokeColor = colBorder
	k.bg.StrokeWidth = 1
	k.ExtendBaseWidget(k)
	return k
}

// Label is the key's caption.
func (k *Key) Label() string { return k.label.Text }

func (k *Key) primary() {
	k.fill = colPrimary
	k.bg.FillColor = k.fill
	k.label.Color = colSurface
}

func (k *Key) highlight() {
	k.fill = colPrimaryDim
	k.bg.FillColor = k.fill
}

// Tapped presses the key.
func (k *Key) Tapped(*fyne.PointEvent) {
	k.setPressed(false)
	if k.onTap != nil {
		k.onTap()
	}
}

// MouseDown shows the press. The desktop driver calls it before it takes
// the focus away from the field being typed into, which lets the keyboard
// keep the syllable being composed.
func (k *Key) MouseDown(*desktop.MouseEvent) {
	if k.onPress != nil {
		k.onPress()
	}
	k.setPressed(true)
}

// MouseUp ends the press.
func (k *Key) MouseUp(*desktop.MouseEvent) { k.setPressed(false) }

func (k *Key) setPressed(p bool) {
	if k.onTap == nil || k.pressed == p {
		return
	}
	k.pressed = p
	if p {
		k.bg.FillColor = colPressed
	} else {
		k.bg.FillColor = k.fill
	}
	k.bg.Refresh()
}

// MinSize is finger-sized.
func (k *Key) MinSize() fyne.Size {
	s := scaleOf(k)
	w := k.label.MinSize().Width + 12
	if k.icon != nil {
		w += k.label.TextSize + theme.Padding()
	}
	// Keys keep their height in large-text mode (only captions grow) so that
	// the keyboard still leaves room for the field and the results.
	return fyne.NewSize(max(MinTarget*s, w), keyHeight)
}

// CreateRenderer stacks the label on its background.
func (k *Key) CreateRenderer() fyne.WidgetRenderer {
	var face fyne.CanvasObject = k.label
	if k.icon != nil {
		ic := widget.NewIcon(k.icon)
		face = container.NewHBox(container.NewGridWrap(fyne.NewSquareSize(k.label.TextSize), ic), k.label)
	}
	return widget.NewSimpleRenderer(container.NewStack(k.bg, container.NewCenter(face)))
}

// keyRowLayout lays out keys of equal width as if the row had cols keys,
// shifted right by offset keys (the staggered rows of a keyboard).
type keyRowLayout struct {
	cols   int
	offset float32
}

func newKeyRowLayout(cols int, offset float32) fyne.Layout { return &keyRowLayout{cols, offset} }

func (l *keyRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	// Never negative: a keyboard not laid out yet has no width at all.
	w := max(0, (size.Width-pad*float32(l.cols-1))/float32(l.cols))
	x := l.offset * (w + pad)
	for _, o := range objs {
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(x, 0))
		x += w + pad
	}
}

func (l *keyRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var m fyne.Size
	for _, o := range objs {
		m = m.Max(o.MinSize())
	}
	pad := theme.Padding()
	return fyne.NewSize(m.Width*float32(l.cols)+pad*float32(l.cols-1), m.Height)
}

// weightedRowLayout gives each object a share of the width by weight.
type weightedRowLayout struct{ weights []float32 }

func newWeightedRowLayout(w []float32) fyne.Layout { return &weightedRowLayout{w} }

func (l *weightedRowLayout) total() float32 {
	var t float32
	for _, w := range l.weights {
		t += w
	}
	return t
}

func (l *weightedRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	pad := theme.Padding()
	avail := max(0, size.Width-pad*float32(len(objs)-1))
	x := float32(0)
	for i, o := range objs {
		w := avail * l.weights[min(i, len(l.weights)-1)] / l.total()
		o.Resize(fyne.NewSize(w, size.Height))
		o.Move(fyne.NewPos(x, 0))
		x += w + pad
	}
}

func (l *weightedRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var unit float32 // the minimum width of one weight unit
	var h float32
	for i, o := range objs {
		m := o.MinSize()
		unit = max(unit, m.Width/l.weights[min(i, len(l.weights)-1)])
		h = max(h, m.Height)
	}
	return fyne.NewSize(unit*l.total()+theme.Padding()*float32(len(objs)-1), h)
}
