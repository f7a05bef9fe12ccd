package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// numKind says what a number field holds and how it shows it.
type numKind int

// Number field kinds.
const (
	numMoney numKind = iota // won: 1,234,000원
	numDate                 // typed YYYYMMDD, shown as a date
	numBRN                  // 사업자등록번호: 123-45-67890
	numPhone                // 010-1234-5678
)

// numMaxLen is how many digits each kind takes.
var numMaxLen = map[numKind]int{numMoney: 10, numDate: 8, numBRN: 10, numPhone: 11}

// numField is a field typed on the number pad: a card with its label and
// its digits as they will be stored (money grouped, a date as a date),
// marked by a thick border while the pad types into it.
type numField struct {
	kind   numKind
	digits string
	// fresh: the next digit replaces the digits (a value filled in for the
	// person, or a field just tapped), as on a calculator.
	fresh bool
	card  *Card
	value *widget.Label
	// onEdit runs after every change.
	onEdit func()
}

// numForm is a screen's number fields and the one pad that types into the
// field chosen: a tap on a field chooses it.
type numForm struct {
	s      *Shell
	fields []*numField
	active *numField
}

func (s *Shell) newNumForm() *numForm { return &numForm{s: s} }

// field adds a field labelled label holding digits (filled in for the
// person: the first digit typed replaces them).
func (f *numForm) field(kind numKind, label, digits string) *numField {
	nf := &numField{kind: kind, digits: digits, fresh: digits != ""}
	caption := widget.NewLabel(label)
	caption.SizeName = theme.SizeNameCaptionText
	caption.Importance = widget.LowImportance
	caption.Truncation = fyne.TextTruncateEllipsis
	nf.value = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{})
	nf.value.SizeName = theme.SizeNameSubHeadingText
	nf.value.Truncation = fyne.TextTruncateEllipsis
	body := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.InnerPadding()), caption, nf.value)
	nf.card = newCardPadded(body, colSurface, fyne.NewSize(0, MinTarget), nil, 2, 12)
	nf.card.OnTapped = f.s.tap(func() { f.choose(nf) })
	f.fields = append(f.fields, nf)
	nf.show()
	if f.active == nil {
		f.choose(nf)
	}
	return nf
}

// dateField is a date field with a day back and a day on beside it: a
// date near the one filled in is a tap or two, any other eight digits.
func (f *numForm) dateField(label, digits string) (*numField, fyne.CanvasObject) {
	nf := f.field(numDate, label, digits)
	step := func(by int) func() {
		return func() {
			d, ok := nf.date()
			if !ok {
				d = seoul.Midnight(f.s.svc.Now())
			}
			nf.setDate(d.AddDate(0, 0, by))
			f.choose(nf)
		}
	}
	prev := f.s.button(T("num.day.prev"), theme.NavigateBackIcon(), step(-1))
	next := f.s.button(T("num.day.next"), theme.NavigateNextIcon(), step(1))
	next.IconPlacement = widget.ButtonIconTrailingText
	return nf, container.NewBorder(nil, nil, nil, container.NewHBox(prev, next), nf.card)
}

// choose makes nf the field the pad types into; what it holds is replaced
// by the next digit.
func (f *numForm) choose(nf *numField) {
	f.active = nf
	for _, o := range f.fields {
		o.card.SetChosen(o == nf)
	}
	nf.fresh = nf.digits != ""
}

// press types digits ("0".."9" or "000") into the chosen field.
func (f *numForm) press(d string) {
	nf := f.active
	if nf == nil {
		return
	}
	if nf.fresh {
		nf.digits, nf.fresh = "", false
	}
	if nf.kind == numMoney {
		d = strings.TrimLeft(nf.digits+d, "0")
		nf.digits = ""
	}
	if n := numMaxLen[nf.kind] - len(nf.digits); len(d) > n {
		d = d[:max(n, 0)]
	}
	nf.digits += d
	nf.changed()
}

// backspace takes the chosen field's last digit away.
func (f *numForm) backspace() {
	if nf := f.active; nf != nil && nf.digits != "" {
		nf.digits, nf.fresh = nf.digits[:len(nf.digits)-1], false
		nf.changed()
	}
}

// clearField empties the chosen field.
func (f *numForm) clearField() {
	if nf := f.active; nf != nil {
		nf.digits, nf.fresh = "", false
		nf.changed()
	}
}

// pad is the number pad: digits, 000 for money, delete and clear.
func (f *numForm) pad() fyne.CanvasObject {
	s := f.s
	key := func(label string, icon fyne.Resource, fn func()) *TouchButton {
		b := s.button(label, icon, fn)
		b.minHeight = keyHeight
		return b
	}
	keys := make([]fyne.CanvasObject, 0, 12)
	for _, d := range []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "000", "0"} {
		keys = append(keys, key(d, nil, func() { f.press(d) }))
	}
	keys = append(keys, key(T("pin.clear"), theme.NavigateBackIcon(), f.backspace))
	clearAll := key(T("num.clear"), theme.ContentClearIcon(), f.clearField)
	w := 3*128 + 2*theme.Padding()
	grid := container.NewGridWrap(fyne.NewSize(w, 4*(keyHeight+theme.Padding())-theme.Padding()),
		container.NewGridWithColumns(3, keys...))
	return container.NewVBox(grid, container.NewGridWrap(fyne.NewSize(w, keyHeight), clearAll))
}

// changed shows the field's value and tells the screen.
func (nf *numField) changed() {
	nf.show()
	if nf.onEdit != nil {
		nf.onEdit()
	}
}

func (nf *numField) show() { nf.value.SetText(nf.text()) }

// text is the field's value as the person reads it.
func (nf *numField) text() string {
	d := nf.digits
	switch nf.kind {
	case numMoney:
		return formatWon(nf.money())
	case numDate:
		if t, ok := nf.date(); ok {
			return formatDate(t)
		}
		return fillTemplate("____-__-__", d)
	case numBRN:
		return fillTemplate("___-__-_____", d)
	case numPhone:
		if p, err := tenants.NormalizePhone(d); err == nil && p != "" {
			return p
		}
		if d == "" {
			return "010-____-____"
		}
		return d
	}
	return d
}

// fillTemplate writes digits over a template's blanks: 1990-0_-__.
func fillTemplate(tmpl, digits string) string {
	out := []rune(tmpl)
	i := 0
	for k, r := range out {
		if r == '_' && i < len(digits) {
			out[k] = rune(digits[i])
			i++
		}
	}
	return string(out)
}

// money is the field's whole won (0 when empty).
func (nf *numField) money() int64 { return parseMoney(nf.digits) }

// parseMoney reads a money field's digits ("" is 0).
func parseMoney(d string) int64 {
	n, _ := strconv.ParseInt(d, 10, 64)
	return n
}

// date is the field's date, if its eight digits make one.
func (nf *numField) date() (time.Time, bool) {
	return parseYMD(nf.digits)
}

// ymd writes a day as the digits of a date field.
func ymd(day time.Time) string { return day.In(seoul.Location).Format("20060102") }

// setDate fills the field with day.
func (nf *numField) setDate(day time.Time) {
	nf.digits = ymd(day)
	nf.changed()
}

// parseYMD reads YYYYMMDD as a date in Seoul; 20260231 is no date.
func parseYMD(d string) (time.Time, bool) {
	if len(d) != 8 {
		return time.Time{}, false
	}
	y, err1 := strconv.Atoi(d[:4])
	m, err2 := strconv.Atoi(d[4:6])
	day, err3 := strconv.Atoi(d[6:])
	if err1 != nil || err2 != nil || err3 != nil || y < 1900 || m < 1 || m > 12 || day < 1 {
		return time.Time{}, false
	}
	t := seoul.Date(y, time.Month(m), day, 0, 0)
	if t.Day() != day { // the 31st of a 30-day month
		return time.Time{}, false
	}
	return t, true
}
