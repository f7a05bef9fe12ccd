package ui

import (
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/yeongdeungpo/kiosk/ui/hangul"
)

// tapKey taps the on-screen key whose caption is label.
func (f *fixture) tapKey(label string) {
	f.t.Helper()
	var key *Key
	walk(f.shell.Window().Content(), func(o fyne.CanvasObject) {
		if k, ok := o.(*Key); ok && key == nil && k.Label() == label {
			key = k
		}
	})
	if key == nil {
		f.t.Fatalf("no key %q on screen", label)
	}
	// As the desktop driver does: the finger goes down, focus moves, tap.
	key.MouseDown(&desktop.MouseEvent{})
	test.Tap(key)
	key.MouseUp(&desktop.MouseEvent{})
}

// typeKeys taps one key per rune; ⇧ stands for the shift key.
func (f *fixture) typeKeys(keys string) {
	f.t.Helper()
	shifted := false
	for _, r := range keys {
		if shifted { // the shifted layer shows the shifted captions
			if f.directory().keyboardOpen && r >= 'ㄱ' && r <= 'ㅣ' {
				r = hangul.Shifted(r)
			} else {
				r = unicode.ToUpper(r)
			}
			shifted = false
		}
		switch r {
		case '⇧':
			if f.hasText(T("kb.caps")) {
				f.tapKey(T("kb.caps"))
			} else {
				f.tapKey(T("kb.shift"))
			}
			shifted = true
		case ' ':
			f.tapKey(T("kb.space"))
		case '\b':
			f.tapKey(T("kb.backspace"))
		default:
			f.tapKey(string(r))
		}
	}
}

func (f *fixture) searchEntry() *KioskEntry {
	var e *KioskEntry
	walk(f.shell.Window().Content(), func(o fyne.CanvasObject) {
		if k, ok := o.(*KioskEntry); ok && e == nil {
			e = k
		}
	})
	if e == nil {
		f.t.Fatal("no entry on screen")
	}
	return e
}

func (f *fixture) openSearch() *KioskEntry {
	f.t.Helper()
	f.tapText(T("home.tile.directory"))
	test.Tap(f.searchEntry())
	if !f.directory().keyboardOpen {
		f.t.Fatal("tapping the search box did not open the keyboard")
	}
	return f.searchEntry()
}

func TestKeyboardComposesHangulIntoTheField(t *testing.T) {
	cases := []struct {
		keys, want, preedit string
	}{
		{"ㅅㅐ⇧ㅅㅏㄱ", "새싹", "싹"},
		{"ㄷㅏㄹㄱ", "닭", "닭"},
		{"ㄷㅏㄹㄱㅏ", "달가", "가"},
		{"ㄷㅏㄹㄱ\b\b", "다", "다"},
		{"ㄱㅗㅏㄴ", "관", "관"},
		{"ㅂㅜㅔㄹㄱ", "뷁", "뷁"},
		{"ㅎㅐㅎ ㅇㅣ", "햏 이", "이"},
		{"ㅇ⇧ㅐㄱㅣ", "얘기", "기"},
	}
	for _, c := range cases {
		t.Run(c.want, func(t *testing.T) {
			f := newFixture(t, at(10, 0))
			e := f.openSearch()
			f.typeKeys(c.keys)
			if e.Text != c.want {
				t.Fatalf("field = %q, want %q", e.Text, c.want)
			}
			if !f.hasText(c.preedit) {
				t.Fatalf("composing syllable %q not shown", c.preedit)
			}
		})
	}
}

func TestKeyboardLayersAndDone(t *testing.T) {
	f := newFixture(t, at(10, 0))
	e := f.openSearch()
	f.typeKeys("ㅎㅏㄴ")
	f.tapKey(T("kb.to.english"))
	if got := e.Text; got != "한" {
		t.Fatalf("switching layers lost the syllable: %q", got)
	}
	f.typeKeys("⇧ai ")
	f.tapKey(T("kb.symbols"))
	f.typeKeys("2-")
	f.tapKey(T("kb.letters"))
	f.typeKeys("x")
	if e.Text != "한Ai 2-x" {
		t.Fatalf("field = %q", e.Text)
	}
	f.tapKey(T("kb.to.korean"))
	f.typeKeys("ㄱㅏ")
	f.tapKey(T("kb.done"))
	if e := f.searchEntry(); e.Text != "한Ai 2-x가" || f.directory().keyboardOpen {
		t.Fatalf("after done: %q, keyboard open %v", e.Text, f.directory().keyboardOpen)
	}
}

func TestPhysicalKeyboardAndScannerStillWork(t *testing.T) {
	f := newFixture(t, at(10, 0))
	e := f.openSearch()
	f.typeKeys("ㄱㅏ")
	test.Type(e, "BC1")
	if e.Text != "가BC1" {
		t.Fatalf("after typing: %q", e.Text)
	}
	f.typeKeys("ㄴㅏ")
	if e.Text != "가BC1나" {
		t.Fatalf("keyboard after physical typing: %q", e.Text)
	}
}

func TestPhoneFieldTakesDigitsAndHyphens(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.tapText(T("home.tile.directory"))
	kb := f.shell.keyboard()
	e := f.shell.entry("test.phone", FieldPhone, "", kb)
	kb.Attach(e)
	if kb.Layer() != LayerPhone {
		t.Fatalf("phone field opened layer %v", kb.Layer())
	}
	test.Type(e, "010-12ab34 5678")
	if e.Text != "010-12345678" {
		t.Fatalf("phone field accepted %q", e.Text)
	}
	for _, r := range "가a" {
		kb.Press(r)
	}
	kb.SetLayer(LayerKorean)
	if kb.Layer() != LayerPhone || e.Text != "010-12345678" {
		t.Fatalf("phone field left the number pad or took letters: %v %q", kb.Layer(), e.Text)
	}
	kb.Press('9')
	kb.Backspace()
	kb.Backspace()
	if e.Text != "010-1234567" {
		t.Fatalf("pad editing: %q", e.Text)
	}
}

func TestDirectorySearchByTappingKoreanName(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.lease("L1", "I01", "주식회사 새싹랩")
	f.lease("L2", "I02", "Blue Ocean Robotics")
	f.lease("L3", "Y01", "청년상점")
	f.lease("L4", "I03", "새벽소프트")
	e := f.openSearch()
	f.typeKeys("ㅅㅐ")
	if !f.hasText("주식회사 새싹랩") || !f.hasText("새벽소프트") || f.hasText("청년상점") {
		t.Fatalf("after 새: %q", f.texts())
	}
	f.typeKeys("⇧ㅅ")
	if !f.hasText("주식회사 새싹랩") || f.hasText("새벽소프트") {
		t.Fatalf("after 새ㅆ: %q", f.texts())
	}
	f.typeKeys("ㅏ")
	if e.Text != "새싸" || !f.hasText("주식회사 새싹랩") || f.hasText("새벽소프트") {
		t.Fatalf("composing 새싸 (%q) should already find 새싹랩: %q", e.Text, f.texts())
	}
	if !f.hasText("1곳") {
		t.Fatalf("no result count: %q", f.texts())
	}
	// English names, and the language switch keeps what was typed.
	f.tapText(T("directory.search.clear"))
	f.tapKey(T("kb.to.english"))
	f.typeKeys("blue")
	f.tapText("English")
	if e := f.searchEntry(); e.Text != "blue" || !f.hasText("Blue Ocean Robotics") || f.hasText("새싹랩") {
		t.Fatalf("after switching to English: %q %q", e.Text, f.texts())
	}
	f.typeKeys("x")
	if !f.hasText("No company found") {
		t.Fatalf("no empty-result message: %q", f.texts())
	}
}

func TestTypedTextSurvivesLargeTextButNotIdle(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.openSearch()
	f.typeKeys("ㅊㅓㅇ")
	f.tapText(T("a11y.large"))
	if !f.shell.largeText || f.searchEntry().Text != "청" {
		t.Fatalf("large text lost the query: %q", f.searchEntry().Text)
	}
	f.clock.Advance(61e9)
	f.shell.Tick(f.clock.Now())
	if f.shell.Screen() != ScreenHome || f.shell.largeText || f.shell.Language() != Korean {
		t.Fatal("idle did not reset the visitor's settings")
	}
	f.tapText(T("home.tile.directory"))
	if got := f.searchEntry().Text; got != "" {
		t.Fatalf("query survived idle: %q", got)
	}
}
