package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/container"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

func TestParseYMD(t *testing.T) {
	cases := []struct {
		in   string
		want time.Time // zero: no date
	}{
		{"20261127", seoul.Date(2026, 11, 27, 0, 0)},
		{"20240229", seoul.Date(2024, 2, 29, 0, 0)},
		{"20250229", time.Time{}}, // not a leap year
		{"20260431", time.Time{}},
		{"20261301", time.Time{}},
		{"20261100", time.Time{}},
		{"2026112", time.Time{}},
		{"18991231", time.Time{}},
	}
	for _, c := range cases {
		got, ok := parseYMD(c.in)
		if ok != !c.want.IsZero() || (ok && !got.Equal(c.want)) {
			t.Errorf("parseYMD(%q) = %v, %v; want %v", c.in, got, ok, c.want)
		}
	}
}

// TestNumFormTyping: a filled-in value is replaced by the first digit
// typed, money drops leading zeros and takes 000, each kind stops at its
// length, and each shows its value as it will be stored.
func TestNumFormTyping(t *testing.T) {
	f := newFixture(t, at(8, 0))
	cases := []struct {
		name   string
		kind   numKind
		filled string
		keys   []string // "<" deletes, "C" clears
		digits string
		shown  string
	}{
		{"money replaces the filled-in value", numMoney, "170000", []string{"2", "5", "000"}, "25000", formatWon(25000)},
		{"money drops leading zeros", numMoney, "", []string{"0", "0", "7", "000"}, "7000", formatWon(7000)},
		{"money delete", numMoney, "170000", []string{"<", "<"}, "1700", formatWon(1700)},
		{"money clear", numMoney, "170000", []string{"C"}, "", formatWon(0)},
		{"money stops at ten digits", numMoney, "", []string{"9", "000", "000", "000", "000"}, "9000000000", formatWon(9000000000)},
		{"brn grouped as typed", numBRN, "", []string{"2", "2", "0", "8", "1", "6"}, "220816", "220-81-6____"},
		{"brn stops at ten", numBRN, "", []string{"1", "2", "3", "4", "5", "6", "7", "8", "9", "1", "5"}, "1234567891", "123-45-67891"},
		{"date half typed", numDate, "20261127", []string{"1", "9", "9", "0", "0"}, "19900", "1990-0_-__"},
		{"date whole", numDate, "", []string{"1", "9", "9", "0", "0", "5", "0", "1"}, "19900501", formatDate(seoul.Date(1990, 5, 1, 0, 0))},
		{"phone", numPhone, "", []string{"0", "1", "0", "1", "2", "3", "4", "5", "6", "7", "8"}, "01012345678", "010-1234-5678"},
		{"seoul phone", numPhone, "", []string{"0", "2", "1", "2", "3", "4", "5", "6", "7"}, "021234567", "02-123-4567"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			form := f.shell.newNumForm()
			nf := form.field(c.kind, "x", c.filled)
			for _, k := range c.keys {
				switch k {
				case "<":
					form.backspace()
				case "C":
					form.clearField()
				default:
					form.press(k)
				}
			}
			if nf.digits != c.digits || nf.value.Text != c.shown {
				t.Fatalf("digits %q shown %q; want %q, %q", nf.digits, nf.value.Text, c.digits, c.shown)
			}
		})
	}
}

// TestNumFormChoosesByTap: tapping a field's card makes the pad type into
// it, and the filled-in value gives way to what is typed.
func TestNumFormChoosesByTap(t *testing.T) {
	f := newFixture(t, at(8, 0))
	form := f.shell.newNumForm()
	a := form.field(numMoney, "a", "100")
	b := form.field(numMoney, "b", "200")
	form.press("5")
	b.card.Tapped(nil)
	form.press("7")
	if a.digits != "5" || b.digits != "7" || form.active != b || !b.card.chosen || a.card.chosen {
		t.Fatalf("a %q b %q", a.digits, b.digits)
	}
}

// TestDateFieldSteps: the day steppers move a date by a day, across the
// month's end, and a date field half typed starts again from today.
func TestDateFieldSteps(t *testing.T) {
	f := newFixture(t, at(8, 0))
	form := f.shell.newNumForm()
	nf, row := form.dateField("d", "20261130")
	f.shell.Window().SetContent(row)
	f.tapText(T("num.day.next"))
	if nf.digits != "20261201" {
		t.Fatalf("a day on from 30 November: %q", nf.digits)
	}
	f.tapText(T("num.day.prev"))
	f.tapText(T("num.day.prev"))
	if nf.digits != "20261129" {
		t.Fatalf("two days back: %q", nf.digits)
	}
	form.press("2")
	f.tapText(T("num.day.next"))
	if nf.digits != "20261128" || nf.value.Text != formatDate(seoul.Date(2026, 11, 28, 0, 0)) {
		t.Fatalf("a step from a half-typed date: %q %q", nf.digits, nf.value.Text)
	}
}

// TestNumPadKeys: the pad's keys type into the chosen field: digits, 000,
// delete, clear.
func TestNumPadKeys(t *testing.T) {
	f := newFixture(t, at(8, 0))
	form := f.shell.newNumForm()
	nf := form.field(numMoney, "amount", "170000")
	f.shell.Window().SetContent(container.NewBorder(nil, nil, nil, form.pad(), nf.card))
	f.typeDigits("12")
	f.tapText("000")
	f.tapText(T("pin.clear"))
	if nf.digits != "1200" || !f.hasText(formatWon(1200)) {
		t.Fatalf("after 1 2 000 delete: %q; texts %q", nf.digits, f.texts())
	}
	f.tapText(T("num.clear"))
	if nf.digits != "" {
		t.Fatalf("after clear: %q", nf.digits)
	}
}

// typeDigits taps the number pad's keys.
func (f *fixture) typeDigits(digits string) {
	f.t.Helper()
	for _, d := range digits {
		f.tapText(string(d))
	}
}
