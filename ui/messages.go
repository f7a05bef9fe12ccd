package ui

import (
	"log/slog"

	"fyne.io/fyne/v2"

	"github.com/yeongdeungpo/kiosk/internal/errs"
)

// errorText is the sentence for err in the kiosk's language. A refusal says
// what the rules say; anything else is unexpected: it is logged once (error
// values carry no personal data) and the person is sent to the desk.
func (s *Shell) errorText(err error) string {
	if msg, ok := refusalText(err); ok {
		return msg
	}
	slog.Error("unexpected failure", "screen", s.screen, "err", err)
	return T("error.general")
}

// refusalText is the sentence of a refusal the rules made, if err is one.
func refusalText(err error) (string, bool) {
	if CurrentLanguage() == English {
		if msg, ok := errs.English(err); ok {
			return msg, true
		}
	} else if msg, ok := errs.Korean(err); ok {
		return msg, true
	}
	return "", false
}

// loadFailed is what a screen shows in place of what it could not read.
func (s *Shell) loadFailed(what string, err error) fyne.CanvasObject {
	slog.Error("reading for a screen", "screen", s.screen, "what", what, "err", err)
	return wrapLabel(T("error.load"))
}
