package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/yeongdeungpo/kiosk/assets"
)

// MinTarget is the smallest height (and width) of anything a finger taps, in
// Fyne units at scale 1.
const MinTarget float32 = 56

// Palette: calm blues on a light background, text contrast above 7:1.
var (
	colBackground  = color.NRGBA{0xF4, 0xF6, 0xF8, 0xFF}
	colSurface     = color.NRGBA{0xFF, 0xFF, 0xFF, 0xFF}
	colText        = color.NRGBA{0x10, 0x18, 0x28, 0xFF}
	colMuted       = color.NRGBA{0x47, 0x54, 0x67, 0xFF}
	colPrimary     = color.NRGBA{0x0B, 0x5C, 0xAD, 0xFF}
	colPrimaryDim  = color.NRGBA{0xD6, 0xE6, 0xF7, 0xFF}
	colFree        = color.NRGBA{0x11, 0x7A, 0x37, 0xFF}
	colFreeBg      = color.NRGBA{0xE3, 0xF4, 0xE8, 0xFF}
	colBusy        = color.NRGBA{0xB4, 0x23, 0x18, 0xFF}
	colBusyBg      = color.NRGBA{0xFD, 0xEC, 0xEA, 0xFF}
	colClosedBg    = color.NRGBA{0xEA, 0xEC, 0xF0, 0xFF}
	colBorder      = color.NRGBA{0xC9, 0xD0, 0xDA, 0xFF}
	colPressed     = color.NRGBA{0xB8, 0xD3, 0xF0, 0xFF}
	colVeil        = color.NRGBA{0x10, 0x18, 0x28, 0x40}
	colTransparent = color.NRGBA{}
)

// kioskTheme is the Korean-font, finger-sized theme. scale enlarges text and
// targets together for the large-text mode.
type kioskTheme struct {
	scale float32
}

func newTheme() *kioskTheme { return &kioskTheme{scale: 1} }

func (t *kioskTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	switch n {
	case theme.ColorNameBackground:
		return colBackground
	case theme.ColorNameForeground:
		return colText
	case theme.ColorNamePlaceHolder, theme.ColorNameDisabled:
		return colMuted
	case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
		return colPrimary
	case theme.ColorNameForegroundOnPrimary, theme.ColorNameForegroundOnError, theme.ColorNameForegroundOnSuccess:
		return colSurface
	case theme.ColorNameButton, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground,
		theme.ColorNameMenuBackground, theme.ColorNameHeaderBackground:
		return colSurface
	case theme.ColorNameDisabledButton:
		return colClosedBg
	case theme.ColorNameInputBorder, theme.ColorNameSeparator:
		return colBorder
	case theme.ColorNameHover:
		return color.NRGBA{0x0B, 0x5C, 0xAD, 0x18}
	case theme.ColorNamePressed:
		return color.NRGBA{0x0B, 0x5C, 0xAD, 0x40}
	case theme.ColorNameSelection:
		return colPrimaryDim
	case theme.ColorNameSuccess:
		return colFree
	case theme.ColorNameError:
		return colBusy
	case theme.ColorNameWarning:
		return color.NRGBA{0xB5, 0x47, 0x08, 0xFF}
	case theme.ColorNameShadow:
		return color.NRGBA{0, 0, 0, 0x33}
	case theme.ColorNameScrollBar:
		return color.NRGBA{0, 0, 0, 0x66}
	}
	return theme.DefaultTheme().Color(n, theme.VariantLight)
}

// Font is the bundled Korean font for every style, monospace included:
// Fyne's own fonts have no Hangul.
func (t *kioskTheme) Font(fyne.TextStyle) fyne.Resource { return assets.Font }

func (t *kioskTheme) Icon(n fyne.ThemeIconName) fyne.Resource {
	return theme.DefaultTheme().Icon(n)
}

func (t *kioskTheme) Size(n fyne.ThemeSizeName) float32 {
	var v float32
	switch n {
	case theme.SizeNameText:
		v = 20
	case theme.SizeNameHeadingText:
		v = 34
	case theme.SizeNameSubHeadingText:
		v = 26
	case theme.SizeNameCaptionText:
		v = 17
	case theme.SizeNamePadding:
		v = 6
	case theme.SizeNameInnerPadding:
		v = 14
	case theme.SizeNameLineSpacing:
		v = 6
	case theme.SizeNameInlineIcon:
		v = 28
	case theme.SizeNameInputBorder:
		v = 2
	case theme.SizeNameInputRadius, theme.SizeNameSelectionRadius:
		v = 8
	case theme.SizeNameScrollBar:
		v = 16
	case theme.SizeNameScrollBarSmall:
		v = 6
	default:
		return theme.DefaultTheme().Size(n) * t.scale
	}
	return v * t.scale
}
