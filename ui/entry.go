package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// FieldKind says what a field accepts and which keyboard layer it opens.
type FieldKind int

// Field kinds.
const (
	FieldText  FieldKind = iota // Korean, English, digits
	FieldPhone                  // digits and hyphens, number pad
	FieldCode                   // booking codes: letters and digits, English layer
)

// Accepts reports whether the field takes r.
func (k FieldKind) Accepts(r rune) bool {
	switch k {
	case FieldPhone:
		return (r >= '0' && r <= '9') || r == '-'
	case FieldCode:
		return (r >= '0' && r <= '9') || (r >= 'A' && r <= 'Z') || (r >= 'a' && r <= 'z') || r == ' ' || r == '-'
	}
	return r >= ' ' && r != 0x7f
}

// KioskEntry is a single-line entry that the on-screen keyboard writes into.
// Typing from a physical keyboard or a USB barcode scanner keeps working; it
// filters what the field does not accept and keeps the keyboard in step.
type KioskEntry struct {
	widget.Entry
	Kind  FieldKind
	kb    *Keyboard
	shell *Shell
	id    string
	// OnEdited runs after every change, typed or composed.
	OnEdited func(string)
	// onTapped runs after a tap focused the field (to open the keyboard).
	onTapped func()
}

// entry makes a field remembered under id for as long as the visitor stays
// (language and text-size switches redraw the screen without losing it).
func (s *Shell) entry(id string, kind FieldKind, placeholder string, kb *Keyboard) *KioskEntry {
	e := &KioskEntry{Kind: kind, kb: kb, shell: s, id: id}
	e.ExtendBaseWidget(e)
	e.PlaceHolder = placeholder
	e.Wrapping = fyne.TextWrapOff
	e.Scroll = fyne.ScrollHorizontalOnly // one line: never a vertical bar
	e.SetText(s.fields[id])
	e.OnChanged = func(text string) {
		e.remember()
		if e.OnEdited != nil {
			e.OnEdited(text)
		}
	}
	return e
}

// MinSize keeps the field finger-sized.
func (e *KioskEntry) MinSize() fyne.Size {
	s := e.Entry.MinSize()
	s.Height = max(s.Height, MinTarget+8)
	return s
}

// FocusGained hands the keyboard to this field.
func (e *KioskEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.kb != nil {
		e.kb.Attach(e)
	}
}

// FocusLost commits the syllable being composed, unless the focus went
// because a key of the on-screen keyboard is being pressed.
func (e *KioskEntry) FocusLost() {
	if e.kb != nil && e.kb.target == e && !e.kb.pressing {
		e.kb.Commit()
	}
	e.Entry.FocusLost()
}

// Tapped focuses the field (and so attaches the keyboard).
func (e *KioskEntry) Tapped(ev *fyne.PointEvent) {
	if e.shell != nil {
		e.shell.Touch()
	}
	e.Entry.Tapped(ev)
	if e.kb != nil && e.kb.target != e {
		e.kb.Attach(e)
	}
	if e.onTapped != nil {
		e.onTapped()
	}
}

// TypedRune filters physical-keyboard input and resyncs the composer.
func (e *KioskEntry) TypedRune(r rune) {
	if e.shell != nil {
		e.shell.Touch()
	}
	if !e.Kind.Accepts(r) {
		return
	}
	e.Entry.TypedRune(r)
	e.resync()
}

// TypedKey passes editing keys through and resyncs the composer.
func (e *KioskEntry) TypedKey(k *fyne.KeyEvent) {
	if e.shell != nil {
		e.shell.Touch()
	}
	e.Entry.TypedKey(k)
	e.resync()
}

// resync tells the keyboard that the text changed under it.
func (e *KioskEntry) resync() {
	if e.kb != nil && e.kb.target == e {
		e.kb.comp.SetText(e.Text)
		e.kb.showPreedit()
	}
}

// setComposed writes the keyboard's text and puts the cursor at its end.
func (e *KioskEntry) setComposed(text string) {
	e.SetText(text)
	e.CursorRow = 0
	e.CursorColumn = len([]rune(text))
	e.Refresh()
}

// remember keeps the text for redraws; the shell forgets it on going home.
func (e *KioskEntry) remember() {
	if e.shell != nil && e.id != "" {
		e.shell.fields[e.id] = e.Text
	}
}
