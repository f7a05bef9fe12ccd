package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/yeongdeungpo/kiosk/assets"
	"github.com/yeongdeungpo/kiosk/tenants"
)

func loadLang(t *testing.T, l Language) map[string]any {
	t.Helper()
	raw, err := assets.Translations.ReadFile("translations/" + string(l) + ".json")
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]any{}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("%s.json: %v", l, err)
	}
	return m
}

// usedKeys is every translation key the UI code asks for: every string
// literal in its source that has the shape of a key of a namespace the
// translations use (T("...") calls, and keys held in tables and struct
// fields alike), plus the keys it builds from domain values.
func usedKeys(t *testing.T) []string {
	t.Helper()
	namespaces := map[string]bool{}
	for k := range loadLang(t, Korean) {
		ns, _, _ := strings.Cut(k, ".")
		namespaces[ns] = true
	}
	keyShape := regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$`)
	files, _ := filepath.Glob("*.go")
	seen := map[string]bool{}
	fset := token.NewFileSet()
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		file, err := parser.ParseFile(fset, f, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(file, func(n ast.Node) bool {
			// Constants (screen and field ids) and resource names share the
			// shape but are not keys.
			if d, ok := n.(*ast.GenDecl); ok && d.Tok == token.CONST {
				return false
			}
			if c, ok := n.(*ast.CallExpr); ok {
				if sel, ok := c.Fun.(*ast.SelectorExpr); ok && sel.Sel.Name == "NewStaticResource" {
					return false
				}
			}
			lit, ok := n.(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				return true
			}
			v, err := strconv.Unquote(lit.Value)
			if err != nil || !keyShape.MatchString(v) {
				return true
			}
			if ns, _, _ := strings.Cut(v, "."); namespaces[ns] {
				seen[v] = true
			}
			return true
		})
	}
	for _, k := range []tenants.Kind{tenants.KindIncubator, tenants.KindYouth, tenants.KindAgency} {
		seen["kind."+string(k)] = true
	}
	for d := range 7 {
		seen["weekday."+strconv.Itoa(d)] = true
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestTranslationsHaveTheSameKeys(t *testing.T) {
	ko, en := loadLang(t, Korean), loadLang(t, English)
	for k := range ko {
		if _, ok := en[k]; !ok {
			t.Errorf("key %q is in ko.json but not in en.json", k)
		}
	}
	for k := range en {
		if _, ok := ko[k]; !ok {
			t.Errorf("key %q is in en.json but not in ko.json", k)
		}
	}
}

func TestEveryKeyTheUIUsesIsTranslated(t *testing.T) {
	keys := usedKeys(t)
	if len(keys) < 40 {
		t.Fatalf("found only %d keys: the scan is broken", len(keys))
	}
	for _, l := range []Language{Korean, English} {
		m := loadLang(t, l)
		for _, k := range keys {
			if v, ok := m[k]; !ok || v == "" {
				t.Errorf("%s.json lacks %q", l, k)
			}
		}
	}
}

func TestFyneDialogWordsInKorean(t *testing.T) {
	SetLanguage(Korean)
	defer SetLanguage(Korean)
	want := map[string]string{"OK": "확인", "Cancel": "취소", "Yes": "예", "No": "아니요"}
	for en, ko := range want {
		if got := T(en); got != ko {
			t.Errorf("T(%q) = %q, want %q", en, got, ko)
		}
	}
	SetLanguage(English)
	if got := T("Cancel"); got != "Cancel" {
		t.Errorf("English Cancel = %q", got)
	}
}

// A language switch is the kiosk's own: it leaves the environment alone and
// costs nothing that adds up over a day of visitors switching back and forth.
func TestLanguageSwitchIsInProcess(t *testing.T) {
	defer SetLanguage(Korean)
	t.Setenv("LC_ALL", "C.UTF-8")
	t.Setenv("LANGUAGE", "")
	allocs := testing.AllocsPerRun(1000, func() {
		SetLanguage(English)
		SetLanguage(Korean)
	})
	if allocs != 0 {
		t.Errorf("a switch allocates %.1f times", allocs)
	}
	if os.Getenv("LC_ALL") != "C.UTF-8" || os.Getenv("LANGUAGE") != "" {
		t.Errorf("the switch changed the environment: LC_ALL=%q LANGUAGE=%q", os.Getenv("LC_ALL"), os.Getenv("LANGUAGE"))
	}
	data := map[string]any{"From": "10:00", "To": "12:00", "Who": "홍**"}
	for _, c := range []struct {
		l    Language
		want string
	}{{Korean, "사용 중 10:00–12:00 · 홍**"}, {English, "In use 10:00–12:00 · 홍**"}} {
		SetLanguage(c.l)
		if got := T("door.busy", data); got != c.want {
			t.Errorf("%s: T(door.busy) = %q, want %q", c.l, got, c.want)
		}
	}
	if got := T("no.such.key"); got != "no.such.key" {
		t.Errorf("an unknown key reads %q", got)
	}
}
