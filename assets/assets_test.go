package assets

import (
	"bytes"
	"encoding/json"
	"image/png"
	"strings"
	"testing"

	"golang.org/x/image/font/sfnt"
)

// TestFontCoversHangul reads the font's character map: every modern Hangul
// syllable, the compatibility jamo the on-screen keyboard shows, and the
// symbols the screens use must have a glyph.
func TestFontCoversHangul(t *testing.T) {
	f, err := sfnt.Parse(Font.Content())
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	missing := func(r rune) bool {
		gi, err := f.GlyphIndex(&buf, r)
		return err != nil || gi == 0
	}
	ranges := []struct {
		name     string
		from, to rune
	}{
		{"Hangul syllables", 0xAC00, 0xD7A3},
		{"compatibility jamo", 0x3131, 0x3163},
		{"ASCII", 0x20, 0x7E},
	}
	for _, r := range ranges {
		n := 0
		for c := r.from; c <= r.to; c++ {
			if missing(c) {
				n++
				if n <= 5 {
					t.Errorf("%s: no glyph for %q (U+%04X)", r.name, c, c)
				}
			}
		}
		if n > 0 {
			t.Errorf("%s: %d glyphs missing", r.name, n)
		}
	}
	for _, c := range "₩·●" {
		if missing(c) {
			t.Errorf("no glyph for %q", c)
		}
	}
}

func TestLicenceShipsWithFont(t *testing.T) {
	for _, want := range []string{"SIL OPEN FONT LICENSE", "Version 1.1", "NAVER", "NanumSquareR.ttf"} {
		if !strings.Contains(FontLicense, want) {
			t.Errorf("licence text lacks %q", want)
		}
	}
}

func TestIconIsSquarePNG(t *testing.T) {
	img, err := png.Decode(bytes.NewReader(Icon.Content()))
	if err != nil {
		t.Fatal(err)
	}
	if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 128 {
		t.Fatalf("icon is %v", b)
	}
}

func TestTranslationsAreValidJSON(t *testing.T) {
	for _, name := range []string{"ko.json", "en.json"} {
		raw, err := Translations.ReadFile("translations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]any
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(m) < 40 {
			t.Fatalf("%s has only %d entries", name, len(m))
		}
	}
}

// TestFontCoversEveryTranslatedCharacter: no translated sentence may fall
// back to a tofu box.
func TestFontCoversEveryTranslatedCharacter(t *testing.T) {
	f, err := sfnt.Parse(Font.Content())
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	for _, name := range []string{"ko.json", "en.json"} {
		raw, err := Translations.ReadFile("translations/" + name)
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(raw, &m); err != nil {
			t.Fatal(err)
		}
		for key, v := range m {
			for _, r := range v {
				if r == '\n' {
					continue
				}
				if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
					t.Errorf("%s %q: no glyph for %q (U+%04X)", name, key, r, r)
				}
			}
		}
	}
}
