package ui

import (
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"sync/atomic"
	"text/template"

	"fyne.io/fyne/v2/lang"

	"github.com/yeongdeungpo/kiosk/assets"
)

// Language is a UI language the kiosk speaks.
type Language string

// Languages, Korean first (the default).
const (
	Korean  Language = "ko"
	English Language = "en"
)

// catalog is one language's messages, and their templates once parsed.
type catalog struct {
	msgs  map[string]string
	tmpls sync.Map // key -> *template.Template
}

// languages lists what the kiosk speaks; currentLang indexes it.
var languages = []Language{Korean, English}

var (
	catalogs    map[Language]*catalog
	loadOnce    sync.Once
	currentLang atomic.Int32
)

// load reads both translation files once. Fyne's own few words (an entry's
// menu) follow the system locale from the same files.
func load() {
	loadOnce.Do(func() {
		catalogs = map[Language]*catalog{}
		for _, l := range languages {
			c := &catalog{msgs: map[string]string{}}
			raw, err := assets.Translations.ReadFile("translations/" + string(l) + ".json")
			if err == nil {
				err = json.Unmarshal(raw, &c.msgs)
			}
			if err != nil {
				slog.Error("loading translations", "lang", l, "err", err)
			}
			catalogs[l] = c
		}
		if err := lang.AddTranslationsFS(assets.Translations, "translations"); err != nil {
			slog.Error("loading translations for Fyne", "err", err)
		}
	})
}

// SetLanguage switches every string the kiosk shows. It is the kiosk's own
// lookup: nothing in the process environment changes, and a switch costs
// the same the thousandth time as the first.
func SetLanguage(l Language) {
	load()
	for i, known := range languages {
		if known == l {
			currentLang.Store(int32(i))
			return
		}
	}
	currentLang.Store(0)
}

// CurrentLanguage is the language T speaks.
func CurrentLanguage() Language { return languages[currentLang.Load()] }

// T returns the translation of key in the current language (Korean if that
// language lacks it, the key itself if both do); data fills {{.Field}}
// placeholders.
func T(key string, data ...any) string {
	load()
	c := catalogs[CurrentLanguage()]
	msg, ok := c.msgs[key]
	if !ok {
		c = catalogs[Korean]
		if msg, ok = c.msgs[key]; !ok {
			return key
		}
	}
	if !strings.Contains(msg, "{{") {
		return msg
	}
	var t *template.Template
	if v, ok := c.tmpls.Load(key); ok {
		t = v.(*template.Template)
	} else {
		var err error
		if t, err = template.New(key).Option("missingkey=zero").Parse(msg); err != nil {
			slog.Error("translation template", "key", key, "err", err)
			return msg
		}
		c.tmpls.Store(key, t)
	}
	var d any
	if len(data) > 0 {
		d = data[0]
	}
	var b strings.Builder
	if err := t.Execute(&b, d); err != nil {
		slog.Error("translation template", "key", key, "err", err)
		return msg
	}
	return b.String()
}
