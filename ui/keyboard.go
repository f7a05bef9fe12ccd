package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"github.com/yeongdeungpo/kiosk/ui/hangul"
)

// Layer is a set of keys the keyboard shows.
type Layer int

// Keyboard layers.
const (
	LayerKorean  Layer = iota // 두벌식
	LayerEnglish              // QWERTY
	LayerSymbols              // digits and punctuation
	LayerPhone                // number pad for phone fields
	LayerCode                 // digits and capitals, for booking codes
)

var (
	englishRows = [3]string{"qwertyuiop", "asdfghjkl", "zxcvbnm"}
	symbolRows  = [3]string{"1234567890", "-@.,()&_'", "/#:!?+~"}
)

// Keyboard is the on-screen keyboard: Hangul composition on the 2-set
// layout, QWERTY, symbols and a phone pad. It writes into the attached
// KioskEntry and shows the syllable being composed.
type Keyboard struct {
	shell  *Shell
	target *KioskEntry
	comp   hangul.Composer
	layer  Layer
	shift  bool
	// textLayer is the layer a text field returns to after symbols.
	textLayer Layer
	// pressing: a key is under a finger, so the field's focus loss that the
	// driver is about to cause must not commit the syllable.
	pressing bool

	preview *canvas.Text
	keys    *fyne.Container
	Object  fyne.CanvasObject
	// OnDone runs when 완료 is pressed.
	OnDone func()
}

// keyboard makes a keyboard; fields made with s.entry(..., kb) attach to it.
func (s *Shell) keyboard() *Keyboard {
	kb := &Keyboard{shell: s, textLayer: s.keyboardLayer()}
	kb.layer = kb.textLayer
	kb.preview = canvas.NewText("", colPrimary)
	kb.preview.TextSize = theme.TextSize() * 1.2
	kb.keys = container.NewVBox()
	kb.render()
	bg := canvas.NewRectangle(colClosedBg)
	kb.Object = container.NewStack(bg, container.NewPadded(kb.keys))
	return kb
}

// keyboardLayer is the text layer a new keyboard starts in: the visitor's
// last choice, else the one of the UI language.
func (s *Shell) keyboardLayer() Layer {
	if s.kbLayer != nil {
		return *s.kbLayer
	}
	if s.opts.Language == English {
		return LayerEnglish
	}
	return LayerKorean
}

// Layer is the layer on show.
func (kb *Keyboard) Layer() Layer { return kb.layer }

// Attach makes e the field the keyboard writes into, committing whatever
// was being composed in the previous one.
func (kb *Keyboard) Attach(e *KioskEntry) {
	if kb.target == e {
		return
	}
	if kb.target != nil {
		kb.Commit()
	}
	kb.target = e
	kb.comp.SetText(e.Text)
	want := kb.textLayer
	switch e.Kind {
	case FieldPhone:
		want = LayerPhone
	case FieldCode:
		want = LayerCode
	}
	if kb.layer != want {
		kb.layer, kb.shift = want, false
		kb.render()
	}
	kb.showPreedit()
}

// Press types one key: a jamo composes, anything else is written as is.
func (kb *Keyboard) Press(r rune) {
	kb.shell.Touch()
	if kb.target == nil {
		return
	}
	if kb.shift {
		if kb.layer == LayerKorean {
			r = hangul.Shifted(r)
		} else {
			r = []rune(strings.ToUpper(string(r)))[0]
		}
		kb.shift = false
		kb.render()
	}
	if !kb.target.Kind.Accepts(r) {
		return
	}
	kb.comp.Input(r)
	kb.write()
}

// Backspace undoes one jamo of the syllable being composed, or deletes the
// last character.
func (kb *Keyboard) Backspace() {
	kb.shell.Touch()
	if kb.target == nil {
		return
	}
	kb.comp.Backspace()
	kb.write()
}

// Commit ends the syllable being composed.
func (kb *Keyboard) Commit() {
	if kb.target == nil {
		return
	}
	kb.comp.Commit()
	kb.write()
}

// Done commits and runs OnDone.
func (kb *Keyboard) Done() {
	kb.shell.Touch()
	kb.Commit()
	if kb.OnDone != nil {
		kb.OnDone()
	}
}

// SetLayer switches layers (a text field cannot get the phone pad and a
// phone field keeps it).
func (kb *Keyboard) SetLayer(l Layer) {
	kb.shell.Touch()
	switch {
	case kb.target != nil && kb.target.Kind == FieldPhone:
		l = LayerPhone
	case kb.target != nil && kb.target.Kind == FieldCode:
		l = LayerCode
	case l == LayerPhone || l == LayerCode:
		l = kb.textLayer
	}
	kb.comp.Commit()
	kb.write()
	if l == LayerKorean || l == LayerEnglish {
		kb.textLayer = l
		kb.shell.kbLayer = &l
	}
	kb.layer, kb.shift = l, false
	kb.render()
}

// ToggleShift arms shift for the next key.
func (kb *Keyboard) ToggleShift() {
	kb.shell.Touch()
	kb.shift = !kb.shift
	kb.render()
}

// Preedit is the syllable being composed.
func (kb *Keyboard) Preedit() string { return kb.comp.Preedit() }

func (kb *Keyboard) write() {
	if kb.target == nil {
		return
	}
	if t := kb.comp.Text(); t != kb.target.Text {
		kb.target.setComposed(t)
	}
	kb.showPreedit()
}

func (kb *Keyboard) showPreedit() {
	p := kb.comp.Preedit()
	if p == "" {
		kb.preview.Text = ""
	} else {
		kb.preview.Text = T("kb.composing", map[string]any{"Syllable": p})
		kb.preview.TextSize = theme.TextSize() * 1.2
	}
	kb.preview.Refresh()
}

// render lays out the keys of the current layer.
func (kb *Keyboard) render() {
	var rows []fyne.CanvasObject
	switch kb.layer {
	case LayerPhone:
		rows = kb.phoneRows()
	default:
		rows = kb.textRows()
	}
	kb.keys.Objects = rows
	kb.keys.Refresh()
}

func (kb *Keyboard) textRows() []fyne.CanvasObject {
	var letters [3][]rune
	switch kb.layer {
	case LayerKorean:
		for i, row := range hangul.Dubeolsik {
			for _, r := range row {
				if kb.shift {
					r = hangul.Shifted(r)
				}
				letters[i] = append(letters[i], r)
			}
		}
	case LayerEnglish, LayerCode:
		for i, row := range englishRows {
			for _, r := range row {
				if kb.shift || kb.layer == LayerCode {
					r = []rune(strings.ToUpper(string(r)))[0]
				}
				letters[i] = append(letters[i], r)
			}
		}
	default:
		for i, row := range symbolRows {
			letters[i] = []rune(row)
		}
	}
	rowOf := func(rs []rune) []fyne.CanvasObject {
		var out []fyne.CanvasObject
		for _, r := range rs {
			out = append(out, kb.charKey(r))
		}
		return out
	}
	row1 := container.NewGridWithColumns(10, rowOf(letters[0])...)
	if kb.layer == LayerCode {
		digits := container.NewGridWithColumns(10, rowOf([]rune("1234567890"))...)
		row2 := container.New(newKeyRowLayout(10, 0.5), rowOf(letters[1])...)
		row3 := container.New(newWeightedRowLayout(append(repeat(1, len(letters[2])), 2)),
			append(rowOf(letters[2]), kb.backspaceKey())...)
		done := kb.specialKey(T("kb.done"), kb.Done)
		done.primary()
		row4 := container.New(newWeightedRowLayout([]float32{3, 5, 2}), container.NewCenter(kb.preview), layout.NewSpacer(), done)
		return []fyne.CanvasObject{digits, row1, row2, row3, row4}
	}
	row2 := container.New(newKeyRowLayout(10, 0.5), rowOf(letters[1])...)

	shiftLabel := T("kb.shift")
	if kb.layer == LayerEnglish {
		shiftLabel = T("kb.caps")
	}
	shift := kb.specialKey(shiftLabel, kb.ToggleShift)
	shift.icon = theme.MoveUpIcon()
	if kb.shift {
		shift.highlight()
	}
	if kb.layer == LayerSymbols {
		shift = kb.specialKey("", nil)
	}
	third := append([]fyne.CanvasObject{shift}, rowOf(letters[2])...)
	third = append(third, kb.backspaceKey())
	row3 := container.New(newWeightedRowLayout(append(append([]float32{1.5}, repeat(1, len(letters[2]))...), 1.5)), third...)

	var switchLang *Key
	switch kb.layer {
	case LayerKorean:
		switchLang = kb.specialKey(T("kb.to.english"), func() { kb.SetLayer(LayerEnglish) })
	default:
		switchLang = kb.specialKey(T("kb.to.korean"), func() { kb.SetLayer(LayerKorean) })
	}
	symbols := kb.specialKey(T("kb.symbols"), func() { kb.SetLayer(LayerSymbols) })
	if kb.layer == LayerSymbols {
		symbols = kb.specialKey(T("kb.letters"), func() { kb.SetLayer(kb.textLayer) })
	}
	space := kb.specialKey(T("kb.space"), func() { kb.Press(' ') })
	done := kb.specialKey(T("kb.done"), kb.Done)
	done.primary()
	row4 := container.New(newWeightedRowLayout([]float32{1.5, 1.5, 2, 3, 2}),
		symbols, switchLang, container.NewCenter(kb.preview), space, done)
	return []fyne.CanvasObject{row1, row2, row3, row4}
}

func (kb *Keyboard) phoneRows() []fyne.CanvasObject {
	var keys []fyne.CanvasObject
	for _, r := range "123456789" {
		keys = append(keys, kb.charKey(r))
	}
	keys = append(keys, kb.charKey('-'), kb.charKey('0'), kb.backspaceKey())
	grid := container.NewGridWithColumns(3, keys...)
	done := kb.specialKey(T("kb.done"), kb.Done)
	done.primary()
	return []fyne.CanvasObject{container.NewCenter(container.NewGridWrap(fyne.NewSize(540, 4*(keyHeight+theme.Padding())), grid)),
		container.NewCenter(container.NewGridWrap(fyne.NewSize(540, keyHeight), done))}
}

func repeat(v float32, n int) []float32 {
	out := make([]float32, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func (kb *Keyboard) charKey(r rune) *Key {
	return kb.key(string(r), func() { kb.Press(r) })
}

func (kb *Keyboard) backspaceKey() *Key {
	k := kb.specialKey(T("kb.backspace"), kb.Backspace)
	k.icon = theme.NavigateBackIcon()
	return k
}

func (kb *Keyboard) specialKey(label string, fn func()) *Key {
	k := kb.key(label, fn)
	k.label.TextSize = theme.TextSize()
	return k
}

// key makes a key whose press keeps the field's focus and composition.
func (kb *Keyboard) key(label string, fn func()) *Key {
	if fn == nil { // a blank filler key
		return newKey(label, nil)
	}
	k := newKey(label, func() {
		fn()
		kb.pressing = false
		kb.refocus()
	})
	k.onPress = func() { kb.pressing = true }
	return k
}

// refocus gives the focus back to the field after a key press (the driver
// took it away), so the cursor shows and a physical keyboard keeps working.
func (kb *Keyboard) refocus() {
	c := kb.shell.win.Canvas()
	if kb.target == nil || c.Focused() == fyne.Focusable(kb.target) || !isInside(kb.shell.win.Content(), kb.target) {
		return
	}
	c.Focus(kb.target)
}

// isInside reports whether o is laid out somewhere under root.
func isInside(root, o fyne.CanvasObject) bool {
	if root == nil {
		return false
	}
	if root == o {
		return true
	}
	if c, ok := root.(*fyne.Container); ok {
		for _, ch := range c.Objects {
			if isInside(ch, o) {
				return true
			}
		}
	}
	return false
}
