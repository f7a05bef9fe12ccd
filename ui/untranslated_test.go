package ui

import (
	"regexp"
	"strings"
	"testing"
)

var (
	hangulRun = regexp.MustCompile(`[가-힣ㄱ-ㅣ]`)
	latinWord = regexp.MustCompile(`[A-Za-z]{3,}`)
)

// TestVisitorScreensShowNoUntranslatedText walks the visitor screens in each
// language: in English no Hangul may show except data (company names) and the
// switch back to Korean; in Korean no English word may show except data, the
// switch to English and the word PIN.
func TestVisitorScreensShowNoUntranslatedText(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.book("seminar", at(10, 0), at(12, 0))
	f.lease("L1", "I01", "주식회사 새싹랩")
	f.lease("L2", "I02", "Blue Ocean Robotics")
	f.clock.t = at(10, 30)
	data := []string{"주식회사 새싹랩", "Blue Ocean Robotics"}
	views := []struct {
		name string
		open func()
	}{
		{"home", f.shell.GoHome},
		{"directory", func() { f.shell.GoHome(); f.tapText(T("home.tile.directory")) }},
		{"search", func() { f.openKeyboard() }},
		{"search results", func() {
			if f.shell.Language() == Korean {
				f.typeKeys("ㅅㅐ")
			} else {
				f.typeKeys("blu")
			}
		}},
		{"symbols", func() { f.tapKey(T("kb.symbols")) }},
		{"large text", func() { f.shell.ToggleLargeText() }},
		{"staff", func() { f.shell.setLargeText(false); f.shell.GoHome(); f.tapText(T("home.tile.staff")) }},
		{"staff error", func() { f.typePIN("12") }},
	}
	allowed := func(lang Language, s string) bool {
		for _, d := range data {
			if strings.Contains(s, d) || strings.Contains(d, s) {
				return true
			}
		}
		if lang == English {
			return s == "한국어" || s == "한글"
		}
		rest := strings.NewReplacer("English", "", "PIN", "", "staff-setup-code.txt", "").Replace(s)
		return !latinWord.MatchString(rest)
	}
	for _, lang := range []Language{English, Korean} {
		f.shell.SwitchLanguage(lang)
		for _, v := range views {
			v.open()
			for _, s := range f.texts() {
				foreign := hangulRun.MatchString(s)
				if lang == Korean {
					foreign = latinWord.MatchString(s)
				}
				if foreign && !allowed(lang, s) {
					t.Errorf("%s/%s shows untranslated %q", lang, v.name, s)
				}
			}
		}
	}
}
