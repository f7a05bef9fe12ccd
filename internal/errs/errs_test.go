package errs

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

func TestIs(t *testing.T) {
	const c, other Code = "tenants.youth_age", "tenants.no_unit"
	cases := []struct {
		name   string
		err    error
		target error
		want   bool
	}{
		{"same code, args ignored", New(c, 1, 2), New(c), true},
		{"wrapped", fmt.Errorf("wrap: %w", New(c, 1, 2)), New(c), true},
		{"wrapped twice", fmt.Errorf("outer: %w", fmt.Errorf("wrap: %w", New(c, "2026-03-02", 40, 39))), New(c, "x"), true},
		{"joined", errors.Join(io.EOF, New(c)), New(c), true},
		{"different code", New(c, 1, 2), New(other), false},
		{"wrapped, different code", fmt.Errorf("wrap: %w", New(c, 1, 2)), New(other), false},
		{"uncatalogued code", New("nowhere.code"), New("nowhere.code"), true},
		{"plain error target", New(c), io.EOF, false},
		{"plain error", io.EOF, New(c), false},
		{"same code, not wrapped (%v)", fmt.Errorf("wrap: %v", New(c)), New(c), false},
	}
	for _, tc := range cases {
		if got := errors.Is(tc.err, tc.target); got != tc.want {
			t.Errorf("%s: errors.Is(%v, %v) = %v, want %v", tc.name, tc.err, tc.target, got, tc.want)
		}
	}
}

// TestIsNilTarget: a typed nil *Error as errors.Is's target (an unset
// sentinel variable) matches nothing, and does not panic.
func TestIsNilTarget(t *testing.T) {
	var unset *Error
	if errors.Is(New("tenants.no_unit"), unset) {
		t.Error("errors.Is(New(code), (*Error)(nil)) = true")
	}
}

func TestCodeOf(t *testing.T) {
	cases := []struct {
		err  error
		want Code
	}{
		{New("tenants.no_unit", "I01"), "tenants.no_unit"},
		{fmt.Errorf("wrap: %w", New("tenants.youth_age", "2026-03-02", 40, 39)), "tenants.youth_age"},
		{fmt.Errorf("a: %w", fmt.Errorf("b: %w", New("tenants.dates"))), "tenants.dates"},
		// The outer refusal's code, not the one it mentions.
		{New("tenants.import_row", 3, New("tenants.amount")), "tenants.import_row"},
		{io.EOF, ""},
		{fmt.Errorf("wrap: %w", io.EOF), ""},
		{fmt.Errorf("not wrapped: %v", New("tenants.dates")), ""},
		{nil, ""},
	}
	for _, c := range cases {
		if got := CodeOf(c.err); got != c.want {
			t.Errorf("CodeOf(%v) = %q, want %q", c.err, got, c.want)
		}
	}
}

func TestSentences(t *testing.T) {
	youth := New("tenants.youth_age", "2026-03-02", 40, 39)
	futureDate := New("tenants.future_date", "2026-05-01")
	cases := []struct {
		name   string
		err    error
		ko, en string
	}{
		{"three arguments", youth,
			"입주 시작일(2026-03-02)에 창업자가 만 40세로, 청년 1인 창업지원실 기준(만 39세 이하)을 넘습니다.",
			"On the start date (2026-03-02) the founder is 40, over the youth desk limit of 39."},
		{"wrapped", fmt.Errorf("tenants: move in: %w", youth),
			"입주 시작일(2026-03-02)에 창업자가 만 40세로, 청년 1인 창업지원실 기준(만 39세 이하)을 넘습니다.",
			"On the start date (2026-03-02) the founder is 40, over the youth desk limit of 39."},
		{"no arguments", New("tenants.dates"),
			"계약 기간을 확인하세요: 종료일이 시작일보다 빠릅니다.",
			"Check the dates: the end is before the start."},
		{"indexed arguments in Korean", New("tenants.no_lease_on_date", "I01", "2026-04-30"),
			"2026-04-30에 I01을(를) 임차한 계약이 없습니다.",
			"No lease held unit I01 on 2026-04-30."},
		{"nested refusal", New("tenants.import_row", 7, futureDate),
			"7행: 미래 날짜(2026-05-01)로는 기록할 수 없습니다.",
			"line 7: A date in the future (2026-05-01) cannot be recorded."},
		{"nested refusal without arguments", fmt.Errorf("import: %w", New("tenants.import_row", 12, New("tenants.amount"))),
			"12행: 금액은 1원 이상의 정수로 입력하세요.",
			"line 12: The amount is whole won, at least 1."},
		{"nested twice", New("tenants.import_row", 1, New("tenants.import_row", 2, New("tenants.no_unit", "Z9"))),
			"1행: 2행: 그런 입주 공간이 없습니다(Z9).",
			"line 1: line 2: No such unit (Z9)."},
		{"uncatalogued code", New("nowhere.code", 1), "nowhere.code", "nowhere.code"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ko, ok := Korean(c.err)
			if !ok || ko != c.ko {
				t.Errorf("Korean = %q, %v\nwant      %q", ko, ok, c.ko)
			}
			en, ok := English(c.err)
			if !ok || en != c.en {
				t.Errorf("English = %q, %v\nwant       %q", en, ok, c.en)
			}
			bi, ok := Bilingual(c.err)
			if want := c.ko + " / " + c.en; !ok || bi != want {
				t.Errorf("Bilingual = %q, %v\nwant         %q", bi, ok, want)
			}
			var e *Error
			if errors.As(c.err, &e) && e.Error() != c.en {
				t.Errorf("Error() = %q, want the English sentence", e.Error())
			}
		})
	}
}

func TestSentencesOfPlainErrors(t *testing.T) {
	for _, err := range []error{io.EOF, fmt.Errorf("wrap: %w", io.EOF), fmt.Errorf("flat: %v", New("tenants.dates")), nil} {
		for name, say := range map[string]func(error) (string, bool){"Korean": Korean, "English": English, "Bilingual": Bilingual} {
			if s, ok := say(err); ok || s != "" {
				t.Errorf("%s(%v) = %q, %v; want \"\", false", name, err, s, ok)
			}
		}
	}
}

// argsUsed parses a catalogue template the way fmt does for the forms the
// catalogue uses (%v, %[n]v, flags, width, precision) and returns the
// argument numbers (1-based) its verbs consume, in order.
func argsUsed(f string) ([]int, error) {
	var used []int
	next := 0 // 0-based index of the next argument
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			continue
		}
		i++
		if i >= len(f) {
			return nil, fmt.Errorf("%q ends in %%", f)
		}
		if f[i] == '%' {
			continue
		}
		for i < len(f) && strings.IndexByte("+-# 0", f[i]) >= 0 {
			i++
		}
		index := func() error {
			if i < len(f) && f[i] == '[' {
				end := strings.IndexByte(f[i:], ']')
				if end < 0 {
					return fmt.Errorf("%q: unclosed [", f)
				}
				n, err := strconv.Atoi(f[i+1 : i+end])
				if err != nil || n < 1 {
					return fmt.Errorf("%q: bad index %q", f, f[i:i+end+1])
				}
				next = n - 1
				i += end + 1
			}
			return nil
		}
		if err := index(); err != nil {
			return nil, err
		}
		for i < len(f) && (f[i] >= '0' && f[i] <= '9' || f[i] == '.') {
			i++
		}
		if err := index(); err != nil {
			return nil, err
		}
		if i >= len(f) || f[i] == '*' || !unicode.IsLetter(rune(f[i])) {
			return nil, fmt.Errorf("%q: unsupported verb at %d", f, i)
		}
		used = append(used, next+1)
		next++
	}
	return used, nil
}

func TestArgsUsed(t *testing.T) {
	cases := []struct {
		f    string
		want []int
	}{
		{"no verbs, 100%% sure", nil},
		{"%v and %v", []int{1, 2}},
		{"%[2]v에 %[1]v", []int{2, 1}},
		{"%[2]v %v", []int{2, 3}},
		{"%5.2f %-3d", []int{1, 2}},
	}
	for _, c := range cases {
		got, err := argsUsed(c.f)
		if err != nil || !slices.Equal(got, c.want) {
			t.Errorf("argsUsed(%q) = %v, %v; want %v", c.f, got, err, c.want)
		}
	}
	for _, bad := range []string{"50%", "%*d", "%[x]v", "%[2v"} {
		if _, err := argsUsed(bad); err == nil {
			t.Errorf("argsUsed(%q) = nil error", bad)
		}
	}
}

// arity is how many arguments a template takes: its highest argument number.
func arity(used []int) int {
	if len(used) == 0 {
		return 0
	}
	return slices.Max(used)
}

func hasHangul(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Hangul, r) {
			return true
		}
	}
	return false
}

func TestCatalogue(t *testing.T) {
	if len(catalogue) == 0 {
		t.Fatal("empty catalogue")
	}
	codes := make([]Code, 0, len(catalogue))
	for c := range catalogue {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	for _, code := range codes {
		m := catalogue[code]
		t.Run(string(code), func(t *testing.T) {
			if !Known(code) {
				t.Errorf("Known(%q) = false", code)
			}
			if strings.TrimSpace(m.ko) == "" || strings.TrimSpace(m.en) == "" {
				t.Fatalf("empty sentence: ko %q, en %q", m.ko, m.en)
			}
			if !hasHangul(m.ko) {
				t.Errorf("Korean sentence has no Hangul: %q", m.ko)
			}
			if hasHangul(m.en) {
				t.Errorf("English sentence has Hangul: %q", m.en)
			}
			if !strings.Contains(string(code), ".") {
				t.Errorf("code %q is not package.name", code)
			}
			// The kiosk's screens show these too: kioskctl's commands are
			// its own hints, not the catalogue's.
			if strings.Contains(m.ko+m.en, "kioskctl") {
				t.Errorf("sentence names a kioskctl command: %q / %q", m.ko, m.en)
			}
			ko, err := argsUsed(m.ko)
			if err != nil {
				t.Fatal(err)
			}
			en, err := argsUsed(m.en)
			if err != nil {
				t.Fatal(err)
			}
			n := arity(ko)
			if arity(en) != n {
				t.Fatalf("Korean takes %d arguments (%v), English %d (%v)", n, ko, arity(en), en)
			}
			// Every argument is mentioned in both languages.
			for a := 1; a <= n; a++ {
				if !slices.Contains(ko, a) || !slices.Contains(en, a) {
					t.Errorf("argument %d: used in Korean %v, in English %v", a, ko, en)
				}
			}
			args := make([]any, n)
			for i := range args {
				args[i] = fmt.Sprintf("<arg%d>", i+1)
			}
			e := New(code, args...)
			for lang, say := range map[string]func(error) (string, bool){"Korean": Korean, "English": English} {
				s, ok := say(e)
				if !ok {
					t.Fatalf("%s: ok = false", lang)
				}
				if strings.Contains(s, "%!") {
					t.Errorf("%s renders a formatting error: %q", lang, s)
				}
				if n > 0 && strings.Contains(s, "%") {
					t.Errorf("%s renders a bare %%: %q", lang, s)
				}
				for _, a := range args {
					if !strings.Contains(s, a.(string)) {
						t.Errorf("%s leaves out %s: %q", lang, a, s)
					}
				}
			}
			if n == 0 {
				if s, _ := Korean(e); s != m.ko {
					t.Errorf("Korean without arguments = %q, want the template %q", s, m.ko)
				}
			}
		})
	}
}

func TestKnown(t *testing.T) {
	for _, c := range []Code{"", "tenants", "tenants.", "tenants.youth", "Tenants.youth_age", "tenants.youth_age "} {
		if Known(c) {
			t.Errorf("Known(%q) = true", c)
		}
	}
	if !Known("tenants.youth_age") {
		t.Error(`Known("tenants.youth_age") = false`)
	}
}
