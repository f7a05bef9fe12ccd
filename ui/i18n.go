package ui

import (
	"log/slog"
	"os"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"github.com/yeongdeungpo/kiosk/assets"
)

func fyneLocale(l Language) fyne.Locale { return fyne.Locale(string(l)) }

// Language is a UI language the kiosk speaks.
type Language string

// Languages, Korean first (the default).
const (
	Korean  Language = "ko"
	English Language = "en"
)

var loadTranslations sync.Once

// SetLanguage switches every string the kiosk (and Fyne's own dialogs) shows.
// Fyne's lang package follows the process locale, so the switch sets
// LC_ALL and asks lang to choose again.
func SetLanguage(l Language) {
	loadTranslations.Do(func() {
		if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
			slog.Error("loading translations", "err", err)
		}
	})
	tag := "ko_KR.UTF-8"
	if l == English {
		tag = "en_US.UTF-8"
	}
	_ = os.Setenv("LC_ALL", tag)
	_ = os.Setenv("LANGUAGE", string(l))
	// lang re-reads the locale only when translations are added, so the
	// language's own file is added again: the bundle merges identical
	// messages (its list of tags grows by one entry a switch, which its
	// matcher handles in microseconds).
	data, err := assets.Translations.ReadFile("translations/" + string(l) + ".json")
	if err == nil {
		err = lang.AddTranslationsForLocale(data, fyneLocale(l))
	}
	if err != nil {
		slog.Error("switching language", "lang", l, "err", err)
	}
}

// T returns the translation of key in the current language; data fills
// {{.Field}} placeholders.
func T(key string, data ...any) string { return lang.L(key, data...) }
