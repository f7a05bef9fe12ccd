package ui

import (
	"fmt"
	"image/color"
	"reflect"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The fit checker walks what a canvas draws, after layout, and lists what
// does not fit: an object given less room than its MinSize, a text or an
// icon cut or spilling out of its box, anything drawn past the edge of the
// screen. It looks only at the canvas (the fyne API, and widgets' renderers
// through test.WidgetRenderer, the renderers the canvas draws), not at the
// shell, so it works on any screen built on any canvas. On a test canvas,
// call settle first (see there).
//
// Rules, and the false positives each one avoids (checked against the real
// kiosk under Xvfb):
//
//   - squeezed: Size < MinSize by more than fitTolerance in either
//     direction. Only the outermost squeezed object of a branch is listed
//     (where the layout ran out of room); what is squeezed inside it is
//     counted, and what that does to texts and icons is listed by the
//     spill rules. Why this does not fire where it should not: a spacer's
//     MinSize is 0 (a negative spacer is counted inside its squeezed box);
//     a scroll's MinSize is small by design and its content is laid out at
//     least at the content's MinSize; an ellipsising label's MinSize is one
//     character and the ellipsis (Fyne's own); a wrapping label's MinSize
//     is tiny in width and, laid out, the height of its lines at its width,
//     so a wrapping label shorter than that draws lines below itself — but
//     only once settled, as the GL canvas settles it. Not applied: to an
//     icon or a scaled image at half its MinSize or more (it is drawn
//     smaller, not cut: the keyboard's shift and delete icons are sized to
//     the key's text on purpose), and inside Fyne's own widgets (button
//     backgrounds, an entry's cursor and inner scroll, scroll bars): given
//     its MinSize a Fyne widget lays out its insides itself, not always to
//     the pixel (an entry at its MinSize holds a scroll 1 px shorter than
//     the scroll's MinSize, and draws nothing wrong). The kiosk's own
//     widgets (Card, TouchButton, KioskEntry, Key) are checked inside.
//   - text cut: a canvas.Text (non-blank) whose MinSize is wider or taller
//     than the box it is given. Fyne does not clip text: it is drawn in
//     full past the box, over its neighbours.
//   - text spills: a canvas.Text reaching past one of its ancestors'
//     bounds, up to the nearest scroll (a scroll's content may be larger
//     than the scroll). A label lays its text out at the text's MinSize, so
//     a label too narrow for its text shows up here. Named: the first
//     ancestor it spills out of, the widgets on the way (spilling out of a
//     Card is running into the next tile) and the outermost, and by how
//     much past the outermost.
//   - image spills: the same for an image (an icon draws one): a tile's
//     icon pushed up over the tile above is as wrong as its caption pushed
//     down. Rectangles and lines (backgrounds, borders, separators) are
//     decoration and left out.
//   - scroll bar for nothing: a scroll whose content is larger than the
//     scroll by less than a pixel, for which Fyne draws a bar and a shadow
//     (a field with scrolling on, in large text). Content larger by a pixel
//     or more is what scrolls are for.
//   - text truncated: an ellipsised text showing fewer than
//     fitMinVisibleRunes characters of a longer text. Truncation is asked
//     for, so a long text shortened is fine; "…" alone or "세…" is not.
//   - off screen: an object with an area reaching past the screen, listed
//     for the outermost object only. Not inside a scroll (what is scrolled
//     away is clipped, not drawn), not for shadows (Fyne draws them outside
//     their widget on purpose).
//
// Invisible objects are skipped with everything inside them.
const (
	fitTolerance       = 0.5
	fitMinVisibleRunes = 4
)

// misfits lists what does not fit on c at c's size: the content and then
// every overlay.
func misfits(c fyne.Canvas) []string {
	return misfitsOn(c, c.Size())
}

// misfitsOn is misfits for a screen of the given size: the test canvas grows
// to its content's MinSize, a real screen does not.
func misfitsOn(c fyne.Canvas, screen fyne.Size) []string {
	roots := []fyne.CanvasObject{c.Content()}
	roots = append(roots, c.Overlays().List()...)
	return misfitsIn(screen, roots...)
}

// misfitsIn checks object trees laid out on a screen of the given size; each
// root's position is taken as relative to the screen.
func misfitsIn(screen fyne.Size, roots ...fyne.CanvasObject) []string {
	fc := &fitChecker{screen: screen}
	for _, r := range roots {
		fc.walk(r, nil, fyne.Position{})
	}
	out := make([]string, len(fc.found))
	for i, f := range fc.found {
		out[i] = f.msg
		if f.node != nil && f.node.inside > 0 {
			out[i] += fmt.Sprintf(" (and %d more squeezed inside)", f.node.inside)
		}
	}
	return out
}

type fitChecker struct {
	screen fyne.Size
	found  []fitFinding
}

type fitFinding struct {
	msg  string
	node *fitNode // a squeezed object, whose count of squeezed insides is added
}

// fitNode is an object on the walk's path from the root, with its absolute
// bounds and what has already been said about it.
type fitNode struct {
	obj      fyne.CanvasObject
	name     string
	pos      fyne.Position
	size     fyne.Size
	clip     bool // a scroll: what is inside may lie outside it
	squeezed bool // listed as squeezed
	inside   int  // squeezed objects inside a squeezed one
	offside  bool // listed as off screen, or inside such
	internal bool // inside one of Fyne's own widgets
}

func (fc *fitChecker) add(n *fitNode, format string, args ...any) {
	fc.found = append(fc.found, fitFinding{msg: fmt.Sprintf(format, args...), node: n})
}

func (fc *fitChecker) walk(o fyne.CanvasObject, path []*fitNode, offset fyne.Position) {
	if o == nil || !o.Visible() {
		return
	}
	n := &fitNode{obj: o, name: fitName(o), pos: offset.Add(o.Position()), size: o.Size()}
	if len(path) > 0 {
		p := path[len(path)-1]
		_, isWidget := p.obj.(fyne.Widget)
		n.internal = p.internal || isWidget && fitIsFyne(p.obj)
	}
	var children []fyne.CanvasObject
	switch v := o.(type) {
	case *fyne.Container:
		children = v.Objects
	case fyne.Widget:
		r := test.WidgetRenderer(v)
		children = r.Objects()
		if _, ok := r.(interface{ IsClip() }); ok {
			n.clip = true
		}
	}
	if _, ok := o.(fyne.Scrollable); ok {
		n.clip = true
	}
	path = append(path, n)
	fc.checkSqueezed(n, path)
	if t, ok := o.(*canvas.Text); ok && strings.TrimSpace(t.Text) != "" {
		fc.checkText(t, n, path)
	}
	if l, ok := o.(*widget.Label); ok && !n.internal {
		fc.checkWrapped(l, n, path)
	}
	if _, ok := o.(*canvas.Image); ok && n.size.Width > 0 && n.size.Height > 0 {
		fc.checkSpill("image", n, path, n.size)
	}
	fc.checkOffScreen(n, path)
	if sc, ok := o.(*container.Scroll); ok {
		fc.checkScroll(sc, n, path)
	}
	for _, c := range children {
		fc.walk(c, path, n.pos)
	}
}

// checkSqueezed: the object is given less room than its MinSize.
func (fc *fitChecker) checkSqueezed(n *fitNode, path []*fitNode) {
	if n.internal {
		return
	}
	min := n.obj.MinSize()
	if n.size.Width >= min.Width-fitTolerance && n.size.Height >= min.Height-fitTolerance {
		return
	}
	for _, a := range path[:len(path)-1] {
		if a.squeezed {
			a.inside++
			return
		}
	}
	if _, ok := n.obj.(*canvas.Text); ok {
		return // checkText says it
	}
	if fitScales(n.obj) && n.size.Width >= min.Width/2 && n.size.Height >= min.Height/2 {
		return
	}
	n.squeezed = true
	fc.add(n, "squeezed: %s at %s is %s, needs %s", fitPath(path), fitPos(n.pos), fitSize(n.size), fitSize(min))
}

// checkWrapped: a wrapping label given about three characters' width (a
// wrapping label's MinSize is that narrow, so container.NewCenter gives it
// no more) draws its sentence a character or two a line. Nothing is cut,
// so no other rule sees it.
func (fc *fitChecker) checkWrapped(l *widget.Label, n *fitNode, path []*fitNode) {
	if l.Wrapping == fyne.TextWrapOff || len([]rune(strings.TrimSpace(l.Text))) <= 3 {
		return
	}
	if n.size.Width < 3*theme.TextSize()+2*theme.InnerPadding() {
		fc.add(n, "wrapped text a character a line: %s at %s is %s", fitPath(path), fitPos(n.pos), fitSize(n.size))
	}
}

// checkText: a text drawn past its box or its ancestors', or truncated to
// almost nothing.
func (fc *fitChecker) checkText(t *canvas.Text, n *fitNode, path []*fitNode) {
	min := t.MinSize()
	if n.size.Width < min.Width-fitTolerance || n.size.Height < min.Height-fitTolerance {
		fc.add(nil, "text cut: %s at %s is %s, the text needs %s", fitPath(path), fitPos(n.pos), fitSize(n.size), fitSize(min))
	}
	// The text is drawn at least at its MinSize, from its position (Fyne
	// aligns within the box only when the box is larger).
	fc.checkSpill("text", n, path, n.size.Max(min))
	if vis, ok := strings.CutSuffix(t.Text, "…"); ok {
		full := fitTruncatedFrom(path)
		shown := len([]rune(strings.TrimSpace(vis)))
		if full != "" && shown < fitMinVisibleRunes && shown < len([]rune(full)) {
			fc.add(nil, "text truncated to %q of %q: %s at %s", t.Text, full, fitPath(path), fitPos(n.pos))
		}
	}
}

// checkSpill: something drawn (a text, an icon's image) reaching past the
// bounds of an ancestor, up to the nearest scroll.
func (fc *fitChecker) checkSpill(kind string, n *fitNode, path []*fitNode, box fyne.Size) {
	var escaped []int // indexes in path, innermost first
	var by [4]float32 // left, right, above, below, past the outermost
	for i := len(path) - 2; i >= 0; i-- {
		a := path[i]
		if a.clip {
			break // a scroll's content may be larger than the scroll
		}
		d := [4]float32{
			a.pos.X - n.pos.X,
			n.pos.X + box.Width - (a.pos.X + a.size.Width),
			a.pos.Y - n.pos.Y,
			n.pos.Y + box.Height - (a.pos.Y + a.size.Height),
		}
		if d[0] > fitTolerance || d[1] > fitTolerance || d[2] > fitTolerance || d[3] > fitTolerance {
			escaped, by = append(escaped, i), d
		}
	}
	if len(escaped) == 0 {
		return
	}
	// Name the first and the outermost ancestor it spills out of, and the
	// widgets between (a Card: running into the next tile); a label's own
	// rich text is named as the label.
	var names []string
	for k, i := range escaped {
		_, isContainer := path[i].obj.(*fyne.Container)
		if _, ok := path[i].obj.(*widget.RichText); ok && i > 0 {
			if _, ok := path[i-1].obj.(*widget.Label); ok {
				continue
			}
		}
		if k == 0 || k == len(escaped)-1 || !isContainer {
			names = append(names, path[i].name)
		}
	}
	where := strings.Join(names, ", ")
	fc.add(nil, "%s spills out of %s (%s): %s at %s, %s", kind, where, fitSides(by), fitPath(path), fitPos(n.pos), fitSize(box))
}

// checkScroll: a scroll whose content is larger than the scroll by less
// than a pixel. It draws a scroll bar and an edge shadow over nothing to
// scroll: a field sized to its text, with scrolling left on, shows a grey
// bar at its edge from a rounding difference.
func (fc *fitChecker) checkScroll(sc *container.Scroll, n *fitNode, path []*fitNode) {
	if sc.Content == nil || !sc.Content.Visible() {
		return
	}
	over := sc.Content.Size().Subtract(n.size)
	var dirs []string
	if sc.Direction == container.ScrollBoth || sc.Direction == container.ScrollHorizontalOnly {
		if over.Width > 0 && over.Width < 1 {
			dirs = append(dirs, fmt.Sprintf("%.6f px wider", over.Width))
		}
	}
	if sc.Direction == container.ScrollBoth || sc.Direction == container.ScrollVerticalOnly {
		if over.Height > 0 && over.Height < 1 {
			dirs = append(dirs, fmt.Sprintf("%.6f px taller", over.Height))
		}
	}
	if len(dirs) > 0 {
		fc.add(nil, "scroll bar for nothing (content %s than the scroll): %s at %s, %s", strings.Join(dirs, ", "), fitPath(path), fitPos(n.pos), fitSize(n.size))
	}
}

// fitTruncatedFrom is the full text of the nearest ellipsising label or rich
// text on the path, "" when there is none (an ellipsis typed in the text).
func fitTruncatedFrom(path []*fitNode) string {
	for i := len(path) - 2; i >= 0; i-- {
		switch v := path[i].obj.(type) {
		case *widget.RichText:
			if v.Truncation != fyne.TextTruncateEllipsis {
				return ""
			}
			if i > 0 {
				if l, ok := path[i-1].obj.(*widget.Label); ok {
					return l.Text
				}
			}
			return v.String()
		case *widget.Label:
			if v.Truncation != fyne.TextTruncateEllipsis {
				return ""
			}
			return v.Text
		}
	}
	return ""
}

// checkOffScreen: an object drawn partly past the screen's edge.
func (fc *fitChecker) checkOffScreen(n *fitNode, path []*fitNode) {
	for _, a := range path[:len(path)-1] {
		if a.offside || a.clip {
			n.offside = a.offside
			return // said for the outer object, or clipped by a scroll
		}
	}
	if n.size.Width <= 0 || n.size.Height <= 0 || fitIsShadow(n.obj) {
		return
	}
	// A text is drawn at least at its MinSize.
	size := n.size
	if t, ok := n.obj.(*canvas.Text); ok {
		size = size.Max(t.MinSize())
	}
	d := [4]float32{-n.pos.X, n.pos.X + size.Width - fc.screen.Width, -n.pos.Y, n.pos.Y + size.Height - fc.screen.Height}
	if d[0] > fitTolerance || d[1] > fitTolerance || d[2] > fitTolerance || d[3] > fitTolerance {
		n.offside = true
		fc.add(nil, "off screen (%s): %s at %s, %s on a %s screen", fitSides(d), fitPath(path), fitPos(n.pos), fitSize(size), fitSize(fc.screen))
	}
}

// fitScales: an icon, or an image that is not drawn at its original size,
// is scaled to its box, so a box smaller than its MinSize (the theme's
// icon size) draws it smaller, not cut; the keyboard's shift and delete
// icons are sized to the key's text on purpose. Below half its MinSize it
// is reported all the same.
func fitScales(o fyne.CanvasObject) bool {
	switch v := o.(type) {
	case *widget.Icon:
		return true
	case *canvas.Image:
		return v.FillMode != canvas.ImageFillOriginal
	}
	return false
}

func fitIsShadow(o fyne.CanvasObject) bool {
	return fitIsFyne(o) && fitType(o).Name() == "Shadow"
}

// fitIsFyne: o's type is one of Fyne's own (not a kiosk widget, even one
// embedding a Fyne widget).
func fitIsFyne(o fyne.CanvasObject) bool {
	return strings.HasPrefix(fitType(o).PkgPath(), "fyne.io/fyne/v2")
}

func fitType(o fyne.CanvasObject) reflect.Type {
	t := reflect.TypeOf(o)
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t
}

func fitSides(d [4]float32) string {
	var s []string
	for i, side := range []string{"left", "right", "above", "below"} {
		if d[i] > fitTolerance {
			s = append(s, fmt.Sprintf("%.0f px %s", d[i], side))
		}
	}
	return strings.Join(s, ", ")
}

func fitPos(p fyne.Position) string { return fmt.Sprintf("(%.0f,%.0f)", p.X, p.Y) }
func fitSize(s fyne.Size) string    { return fmt.Sprintf("%.0f×%.0f", s.Width, s.Height) }

// fitPath is the path to the last node, its last fitPathLen steps.
func fitPath(path []*fitNode) string {
	const fitPathLen = 8
	var names []string
	for _, n := range path {
		names = append(names, n.name)
	}
	if len(names) > fitPathLen {
		names = append([]string{"…"}, names[len(names)-fitPathLen:]...)
	}
	return strings.Join(names, ">")
}

// fitName names an object for a path: a container by its layout, a widget or
// canvas object by its type, with its text when it has one.
func fitName(o fyne.CanvasObject) string {
	if c, ok := o.(*fyne.Container); ok {
		if c.Layout == nil {
			return "NoLayout"
		}
		t := reflect.TypeOf(c.Layout)
		for t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		name := strings.TrimSuffix(strings.TrimSuffix(t.Name(), "Layout"), "layout")
		if name == "" {
			return "Container"
		}
		r := []rune(name)
		r[0] = unicode.ToUpper(r[0])
		return string(r)
	}
	v := reflect.ValueOf(o)
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	name := v.Type().Name()
	if v.Kind() == reflect.Struct {
		if f := v.FieldByName("Text"); f.IsValid() && f.Kind() == reflect.String && f.String() != "" {
			name += fmt.Sprintf(" %q", fitShort(f.String()))
		}
	}
	return name
}

func fitShort(s string) string {
	r := []rune(s)
	if len(r) > 40 {
		return string(r[:37]) + "..."
	}
	return s
}

// settle lays c out again until no object changes size, as the GL canvas
// does frame by frame (common.Canvas.EnsureMinSize lays a parent out again
// whenever a child's MinSize changed). The test canvas lays out once, so a
// wrapping label, whose height depends on the width it is given, would look
// squeezed here when on the real screen its parent makes room for it on the
// next frame. A content taller or wider than the window is laid out at its
// MinSize, as the GL canvas does (then cutting the top off at 1280×800).
func settle(c fyne.Canvas) {
	for range 10 {
		changed := false
		var relayout func(o fyne.CanvasObject)
		relayout = func(o fyne.CanvasObject) {
			if o == nil || !o.Visible() {
				return
			}
			var children []fyne.CanvasObject
			switch v := o.(type) {
			case *fyne.Container:
				children = v.Objects
			case fyne.Widget:
				children = test.WidgetRenderer(v).Objects()
			}
			before := make([]fyne.Size, len(children))
			for i, ch := range children {
				before[i] = ch.Size()
			}
			switch v := o.(type) {
			case *fyne.Container:
				if v.Layout != nil {
					v.Layout.Layout(v.Objects, v.Size())
				}
			case fyne.Widget:
				test.WidgetRenderer(v).Layout(v.Size())
			}
			for i, ch := range children {
				if ch.Size() != before[i] {
					changed = true
				}
				relayout(ch)
			}
		}
		// A content that outgrew the window is laid out at its MinSize, as
		// the GL canvas does (and draws it past the screen's edge).
		if root := c.Content(); root != nil {
			if sz := root.Size().Max(root.MinSize()); sz != root.Size() {
				root.Resize(sz)
				changed = true
			}
		}
		relayout(c.Content())
		for _, o := range c.Overlays().List() {
			relayout(o)
		}
		if !changed {
			return
		}
	}
}

// fitCanvas lays root out on a test canvas of the given size, settled.
func fitCanvas(t *testing.T, root fyne.CanvasObject, size fyne.Size) fyne.Canvas {
	t.Helper()
	test.NewTempApp(t)
	c := test.NewCanvas()
	c.SetPadded(false)
	c.Resize(size)
	c.SetContent(root)
	c.Resize(size)
	settle(c)
	return c
}

func wantMisfits(t *testing.T, got []string, wants ...string) {
	t.Helper()
	all := strings.Join(got, "\n")
	for _, w := range wants {
		if !strings.Contains(all, w) {
			t.Errorf("no misfit says %q; misfits:\n%s", w, all)
		}
	}
}

func wantNoMisfits(t *testing.T, got []string) {
	t.Helper()
	if len(got) > 0 {
		t.Errorf("misfits where everything fits:\n%s", strings.Join(got, "\n"))
	}
}

func TestMisfitsLabelSmallerThanItsText(t *testing.T) {
	l := widget.NewLabel("3층 회의실·세미나실 and more")
	root := container.NewWithoutLayout(l)
	l.Move(fyne.NewPos(10, 10))
	l.Resize(fyne.NewSize(60, l.MinSize().Height))
	c := fitCanvas(t, root, fyne.NewSize(400, 200))
	wantMisfits(t, misfits(c),
		`squeezed: NoLayout>Label "3층 회의실·세미나실 and more" at (10,10) is 60×`,
		`text spills out of Label "3층 회의실·세미나실 and more" (`,
		`px right): NoLayout>Label "3층 회의실·세미나실 and more">RichText>Text "3층 회의실·세미나실 and more" at (`)
}

func TestMisfitsLabelLaidOutFits(t *testing.T) {
	l := widget.NewLabel("3층 회의실·세미나실 and more")
	root := container.NewWithoutLayout(l)
	l.Move(fyne.NewPos(10, 10))
	l.Resize(l.MinSize())
	wantNoMisfits(t, misfits(fitCanvas(t, root, fyne.NewSize(400, 200))))
	// The same in a layout, with room to spare.
	box := container.NewVBox(widget.NewLabel("3층 회의실·세미나실 and more"), layout.NewSpacer())
	wantNoMisfits(t, misfits(fitCanvas(t, container.NewPadded(box), fyne.NewSize(400, 200))))
}

func TestMisfitsGridWrapCellsTooSmall(t *testing.T) {
	grid := container.NewGridWrap(fyne.NewSize(80, 30),
		widget.NewLabel("QR 입장권을 스캔하세요"), widget.NewButton("Floor directory", nil))
	c := fitCanvas(t, grid, fyne.NewSize(400, 200))
	wantMisfits(t, misfits(c),
		`squeezed: GridWrap>Label "QR 입장권을 스캔하세요" at (0,0) is 80×30`,
		`squeezed: GridWrap>Button "Floor directory" at (84,0) is 80×30`,
		`text spills out of Label "QR 입장권을 스캔하세요" (`,
		`text spills out of Button "Floor directory" (`)
}

func TestMisfitsTextPushedPastItsParent(t *testing.T) {
	txt := canvas.NewText("QR 입장권을 스캔", color.Black)
	inner := container.NewWithoutLayout(txt)
	inner.Resize(fyne.NewSize(100, 40))
	txt.Resize(txt.MinSize())
	txt.Move(fyne.NewPos(60, 5))
	root := container.NewWithoutLayout(inner)
	inner.Move(fyne.NewPos(20, 20))
	got := misfits(fitCanvas(t, root, fyne.NewSize(400, 200)))
	wantMisfits(t, got, `text spills out of NoLayout (`, `NoLayout>NoLayout>Text "QR 입장권을 스캔" at (80,25)`)
	if strings.Contains(strings.Join(got, "\n"), "off screen") {
		t.Errorf("on screen yet reported off it: %q", got)
	}
	// A text given a box narrower than itself is cut (drawn past the box).
	txt.Move(fyne.NewPos(0, 0))
	txt.Resize(fyne.NewSize(30, txt.MinSize().Height))
	wantMisfits(t, misfits(fitCanvas(t, root, fyne.NewSize(400, 200))),
		`text cut: NoLayout>NoLayout>Text "QR 입장권을 스캔" at (20,20) is 30×`)
}

func TestMisfitsWrappedLabelWithoutWidth(t *testing.T) {
	long := "이날은 이 시설을 이용할 수 없습니다."
	centred := widget.NewLabel(long)
	centred.Wrapping = fyne.TextWrapWord
	wantMisfits(t, misfits(fitCanvas(t, container.NewCenter(centred), fyne.NewSize(600, 800))),
		`wrapped text a character a line: Center>Label "`)
	wide := widget.NewLabel(long)
	wide.Wrapping = fyne.TextWrapWord
	wantNoMisfits(t, misfits(fitCanvas(t, container.NewVBox(wide), fyne.NewSize(600, 800))))
}

func TestMisfitsOffScreen(t *testing.T) {
	b := widget.NewButton("English", nil)
	root := container.NewWithoutLayout(b)
	b.Resize(b.MinSize())
	b.Move(fyne.NewPos(380-b.MinSize().Width/2, 10))
	wantMisfits(t, misfits(fitCanvas(t, root, fyne.NewSize(400, 200))),
		`off screen (`, `px right): NoLayout>Button "English" at (`)
}

// The false positives the rules are written to avoid.
func TestMisfitsNotForWhatFits(t *testing.T) {
	long := "Seminar and meeting rooms on the third floor, booked by the hour"
	wrap := widget.NewLabel(long)
	wrap.Wrapping = fyne.TextWrapWord
	trunc := widget.NewLabel(long)
	trunc.Truncation = fyne.TextTruncateEllipsis
	big := container.NewVBox()
	for range 30 {
		big.Add(widget.NewLabel(long + " " + long))
	}
	entry := widget.NewEntry()
	entry.SetText(long)
	hidden := widget.NewLabel(long)
	hidden.Hide()
	icon := container.NewGridWrap(fyne.NewSquareSize(20), widget.NewIcon(theme.DeleteIcon()))
	root := container.NewBorder(
		container.NewVBox(wrap, trunc, entry, container.NewGridWrap(fyne.NewSize(10, 10), hidden),
			container.NewHBox(layout.NewSpacer(), icon, widget.NewButtonWithIcon("OK", theme.ConfirmIcon(), nil))),
		nil, nil, nil, container.NewScroll(big))
	c := fitCanvas(t, root, fyne.NewSize(300, 500))
	c.Focus(entry)
	entry.CursorColumn = len(long)
	entry.Refresh()
	settle(c)
	wantNoMisfits(t, misfits(c))
}

func TestMisfitsTruncatedToNothing(t *testing.T) {
	l := widget.NewLabel("Seminar and meeting rooms")
	l.Truncation = fyne.TextTruncateEllipsis
	root := container.NewWithoutLayout(l)
	l.Resize(fyne.NewSize(l.MinSize().Width+10, l.MinSize().Height))
	wantMisfits(t, misfits(fitCanvas(t, root, fyne.NewSize(400, 200))), `text truncated to "`)
	l.Resize(fyne.NewSize(150, l.MinSize().Height))
	wantNoMisfits(t, misfits(fitCanvas(t, root, fyne.NewSize(400, 200))))
}

func TestMisfitsIconPushedOutOfItsCard(t *testing.T) {
	icon := widget.NewIcon(theme.SearchIcon())
	box := container.NewWithoutLayout(icon)
	icon.Resize(fyne.NewSquareSize(48))
	icon.Move(fyne.NewPos(10, -20))
	card := container.NewStack(canvas.NewRectangle(color.White), box)
	root := container.NewWithoutLayout(card)
	card.Move(fyne.NewPos(0, 100))
	card.Resize(fyne.NewSize(100, 100))
	wantMisfits(t, misfits(fitCanvas(t, root, fyne.NewSize(400, 300))),
		`image spills out of NoLayout, Stack (20 px above): NoLayout>Stack>NoLayout>Icon>Image at (10,80), 48×48`)
}

func TestMisfitsScrollBarForNothing(t *testing.T) {
	inner := canvas.NewRectangle(color.White)
	inner.SetMinSize(fyne.NewSize(100, 50.3))
	sc := container.NewScroll(inner)
	root := container.NewWithoutLayout(sc)
	sc.Resize(fyne.NewSize(100, 50))
	wantMisfits(t, misfits(fitCanvas(t, root, fyne.NewSize(400, 300))),
		`scroll bar for nothing (content 0.`, `px taller than the scroll): NoLayout>Scroll at (0,0), 100×50`)
	inner.SetMinSize(fyne.NewSize(100, 80)) // a real scroll
	sc.Refresh()
	wantNoMisfits(t, misfits(fitCanvas(t, root, fyne.NewSize(400, 300))))
}
