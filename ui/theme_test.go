package ui

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"golang.org/x/image/font/sfnt"
)

func TestThemeUsesHangulFontForEveryStyle(t *testing.T) {
	th := newTheme()
	styles := []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Bold: true, Italic: true}, {Monospace: true}, {Symbol: true}}
	for _, st := range styles {
		res := th.Font(st)
		f, err := sfnt.Parse(res.Content())
		if err != nil {
			t.Fatalf("%+v: %v", st, err)
		}
		var buf sfnt.Buffer
		for _, r := range "가힣창업지원센터똠뷁" {
			if gi, err := f.GlyphIndex(&buf, r); err != nil || gi == 0 {
				t.Errorf("style %+v: font %s has no glyph for %q", st, res.Name(), r)
			}
		}
	}
}

func TestThemeSizesSuitAKiosk(t *testing.T) {
	th := newTheme()
	if s := th.Size(theme.SizeNameText); s < 18 {
		t.Errorf("body text %v < 18", s)
	}
	if th.Size(theme.SizeNameHeadingText) <= th.Size(theme.SizeNameText) {
		t.Error("heading not larger than body")
	}
	big := &kioskTheme{scale: 1.3}
	if big.Size(theme.SizeNameText) <= th.Size(theme.SizeNameText) || big.Size(theme.SizeNamePadding) <= th.Size(theme.SizeNamePadding) {
		t.Error("large-text scale does not grow text and spacing together")
	}
	b := NewTouchButton("x", nil, nil)
	if h := b.MinSize().Height; h < MinTarget {
		t.Errorf("button min height %v < %v", h, MinTarget)
	}
}

// contrast ratio per WCAG 2.x.
func contrast(a, b [3]float64) float64 {
	lum := func(c [3]float64) float64 {
		f := func(v float64) float64 {
			v /= 255
			if v <= 0.03928 {
				return v / 12.92
			}
			return math.Pow((v+0.055)/1.055, 2.4)
		}
		return 0.2126*f(c[0]) + 0.7152*f(c[1]) + 0.0722*f(c[2])
	}
	la, lb := lum(a)+0.05, lum(b)+0.05
	if la < lb {
		la, lb = lb, la
	}
	return la / lb
}

func TestPaletteContrast(t *testing.T) {
	rgb := func(c interface{ RGBA() (r, g, b, a uint32) }) [3]float64 {
		r, g, b, _ := c.RGBA()
		return [3]float64{float64(r >> 8), float64(g >> 8), float64(b >> 8)}
	}
	pairs := []struct {
		name   string
		fg, bg interface{ RGBA() (r, g, b, a uint32) }
		min    float64
	}{
		{"text on background", colText, colBackground, 7},
		{"muted on surface", colMuted, colSurface, 4.5},
		{"free on its tint", colFree, colFreeBg, 4.5},
		{"busy on its tint", colBusy, colBusyBg, 4.5},
		{"white on primary", colSurface, colPrimary, 4.5},
		{"muted on closed", colMuted, colClosedBg, 4.5},
	}
	for _, p := range pairs {
		if c := contrast(rgb(p.fg), rgb(p.bg)); c < p.min {
			t.Errorf("%s: contrast %.2f < %.1f", p.name, c, p.min)
		}
	}
}
