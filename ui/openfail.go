package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/assets"
)

// FailureTitle is the title of OpenFailure's window: not the kiosk's own,
// so that a script waiting for the kiosk does not take this for it.
const FailureTitle = Title + " · 시작할 수 없음 / cannot start"

// OpenFailure is the kiosk's window when its data directory cannot be
// opened (in use, damaged, a full disk...): the reason in Korean and English
// at once — the language setting lives in the store that failed — full
// screen in kiosk mode, and a button to try again once the cause is dealt
// with, so that freeing space does not need anyone to restart the kiosk
// from a keyboard.
//
// message is one line, Korean / English, as store.OpenMessage words it.
// retry opens the directory again and returns the new reason, or "" when
// the kiosk may start: start then runs (it shows the kiosk's own window)
// and this window closes.
func OpenFailure(a fyne.App, message string, kiosk bool, retry func() string, start func()) fyne.Window {
	a.Settings().SetTheme(newTheme())
	w := a.NewWindow(FailureTitle)
	w.SetIcon(assets.Icon)
	w.Resize(fyne.NewSize(1280, 800))
	if kiosk {
		w.SetCloseIntercept(func() {})
	}
	heading := widget.NewLabelWithStyle("키오스크를 시작할 수 없습니다 / The kiosk cannot start",
		fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	heading.Wrapping = fyne.TextWrapWord
	reason := widget.NewLabel("")
	reason.Wrapping = fyne.TextWrapWord
	reason.Alignment = fyne.TextAlignCenter
	show := func(msg string) { reason.SetText(strings.Replace(msg, " / ", "\n\n", 1)) }
	show(message)
	var button *TouchButton
	button = NewTouchButton("다시 시도 / Try again", theme.ViewRefreshIcon(), func() {
		button.Disable()
		defer button.Enable()
		msg := retry()
		if msg == "" {
			start()
			w.Close()
			return
		}
		show(msg)
	})
	button.Importance = widget.HighImportance
	icon := widget.NewIcon(theme.ErrorIcon())
	w.SetContent(container.New(layout.NewCustomPaddedLayout(40, 40, 120, 120), container.NewVBox(
		layout.NewSpacer(),
		container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(MinTarget*1.5), icon)),
		heading, reason, container.NewCenter(button),
		layout.NewSpacer())))
	return w
}
