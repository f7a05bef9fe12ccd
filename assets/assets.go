// Package assets embeds the kiosk's font (with its licence), icon and
// translations so that the binary needs no files beside it.
package assets

import (
	"embed"
	_ "embed"

	"fyne.io/fyne/v2"
)

//go:embed fonts/NanumSquareR.ttf
var fontData []byte

//go:embed fonts/LICENSE-NanumSquare.txt
var FontLicense string

//go:embed icon.png
var iconData []byte

// Translations holds translations/ko.json and translations/en.json, for
// fyne.io/fyne/v2/lang.
//
//go:embed translations
var Translations embed.FS

// Font is NanumSquareR: every modern Hangul syllable in 0.7 MB, which keeps
// start-up and memory close to a bare Fyne window (BRIEF §5).
var Font = fyne.NewStaticResource("NanumSquareR.ttf", fontData)

// Icon is the application icon.
var Icon = fyne.NewStaticResource("icon.png", iconData)
