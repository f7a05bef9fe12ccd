package hangul

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// composeCases are keystroke strings of compatibility jamo ('\b' means
// Backspace) and the exact text they must produce.
var composeCases = []struct {
	name, keys, want string
}{
	// Words.
	{"똠방각하", "ㄸㅗㅁㅂㅏㅇㄱㅏㄱㅎㅏ", "똠방각하"},
	{"햏", "ㅎㅐㅎ", "햏"},
	{"뷁", "ㅂㅜㅔㄹㄱ", "뷁"},
	{"괜찮아요", "ㄱㅗㅐㄴㅊㅏㄴㅎㅇㅏㅇㅛ", "괜찮아요"},
	{"읽다", "ㅇㅣㄹㄱㄷㅏ", "읽다"},
	{"앉아", "ㅇㅏㄴㅈㅇㅏ", "앉아"},
	{"값이", "ㄱㅏㅂㅅㅇㅣ", "값이"},
	{"없어", "ㅇㅓㅂㅅㅇㅓ", "없어"},
	{"의사", "ㅇㅡㅣㅅㅏ", "의사"},
	{"왜", "ㅇㅗㅐ", "왜"},
	{"웨딩", "ㅇㅜㅔㄷㅣㅇ", "웨딩"},
	{"안녕하세요", "ㅇㅏㄴㄴㅕㅇㅎㅏㅅㅔㅇㅛ", "안녕하세요"},
	{"감사합니다", "ㄱㅏㅁㅅㅏㅎㅏㅂㄴㅣㄷㅏ", "감사합니다"},
	{"영등포", "ㅇㅕㅇㄷㅡㅇㅍㅗ", "영등포"},
	{"주문하기", "ㅈㅜㅁㅜㄴㅎㅏㄱㅣ", "주문하기"},

	// Final moves to the next syllable when a vowel follows.
	{"닭+ㅏ", "ㄷㅏㄹㄱㅏ", "달가"},
	{"각+ㅏ", "ㄱㅏㄱㅏ", "가가"},
	{"앉+ㅏ", "ㅇㅏㄴㅈㅏ", "안자"},
	{"값+ㅓ", "ㄱㅏㅂㅅㅓ", "갑서"},
	{"갔+ㅓ", "ㄱㅏㅆㅓ", "가써"},
	{"밖에", "ㅂㅏㄲㅇㅔ", "밖에"},
	{"밖+ㅔ", "ㅂㅏㄲㅔ", "바께"},

	// Each compound vowel.
	{"ㅗ+ㅏ=ㅘ", "ㄱㅗㅏ", "과"},
	{"ㅗ+ㅐ=ㅙ", "ㅅㅗㅐ", "쇄"},
	{"ㅗ+ㅣ=ㅚ", "ㅎㅗㅣ", "회"},
	{"ㅜ+ㅓ=ㅝ", "ㅁㅜㅓ", "뭐"},
	{"ㅜ+ㅔ=ㅞ", "ㄱㅜㅔ", "궤"},
	{"ㅜ+ㅣ=ㅟ", "ㅈㅜㅣ", "쥐"},
	{"ㅡ+ㅣ=ㅢ", "ㅎㅡㅣ", "희"},
	{"compound vowel with final", "ㄱㅗㅏㄴ", "관"},
	{"no ㅏ+ㅗ compound", "ㄱㅏㅗ", "가ㅗ"},
	{"no triple vowel", "ㄱㅗㅏㅏ", "과ㅏ"},

	// Each double final.
	{"ㄱ+ㅅ=ㄳ", "ㄴㅓㄱㅅ", "넋"},
	{"ㄴ+ㅈ=ㄵ", "ㅇㅏㄴㅈ", "앉"},
	{"ㄴ+ㅎ=ㄶ", "ㅇㅏㄴㅎ", "않"},
	{"ㄹ+ㄱ=ㄺ", "ㄷㅏㄹㄱ", "닭"},
	{"ㄹ+ㅁ=ㄻ", "ㅅㅏㄹㅁ", "삶"},
	{"ㄹ+ㅂ=ㄼ", "ㄴㅓㄹㅂ", "넓"},
	{"ㄹ+ㅅ=ㄽ", "ㄱㅗㄹㅅ", "곬"},
	{"ㄹ+ㅌ=ㄾ", "ㅎㅏㄹㅌ", "핥"},
	{"ㄹ+ㅍ=ㄿ", "ㅇㅡㄹㅍ", "읊"},
	{"ㄹ+ㅎ=ㅀ", "ㅇㅣㄹㅎ", "잃"},
	{"ㅂ+ㅅ=ㅄ", "ㄱㅏㅂㅅ", "값"},
	{"no third final", "ㄷㅏㄹㄱㄱ", "닭ㄱ"},
	{"no ㄱ+ㄱ final", "ㄱㅏㄱㄱ", "각ㄱ"},
	{"no ㅅ+ㄱ final", "ㄱㅏㅅㄱ", "갓ㄱ"},

	// Shift letters.
	{"까치", "ㄲㅏㅊㅣ", "까치"},
	{"떡", "ㄸㅓㄱ", "떡"},
	{"빵", "ㅃㅏㅇ", "빵"},
	{"쌀", "ㅆㅏㄹ", "쌀"},
	{"짜장", "ㅉㅏㅈㅏㅇ", "짜장"},
	{"얘기", "ㅇㅒㄱㅣ", "얘기"},
	{"예약", "ㅇㅖㅇㅑㄱ", "예약"},
	{"ㄲ final", "ㅂㅏㄲ", "밖"},
	{"ㅆ final", "ㅇㅣㅆㄷㅏ", "있다"},

	// ㄸ ㅃ ㅉ are never finals.
	{"ㄸ after vowel", "ㅇㅏㄸ", "아ㄸ"},
	{"ㄸ after vowel then vowel", "ㅇㅏㄸㅏ", "아따"},
	{"ㅃ after vowel then vowel", "ㅇㅏㅃㅏ", "아빠"},
	{"ㅉ after vowel", "ㅇㅏㅉ", "아ㅉ"},

	// Lone jamo.
	{"lone vowel", "ㅏ", "ㅏ"},
	{"lone consonant", "ㄱ", "ㄱ"},
	{"consonant then vowel", "ㄱㅏ", "가"},
	{"two consonants", "ㄱㄱ", "ㄱㄱ"},
	{"two consonants then vowel", "ㄱㄴㅏ", "ㄱ나"},
	{"two vowels", "ㅏㅏ", "ㅏㅏ"},
	{"lone compound vowel", "ㅗㅏ", "ㅘ"},
	{"lone vowel then consonant", "ㅏㄱ", "ㅏㄱ"},
	{"lone vowel then syllable", "ㅏㄱㅏ", "ㅏ가"},
	{"precomposed compound vowel key", "ㄱㅘ", "과"},
	{"precomposed double final key", "ㄱㅏㄳ", "갃"},
	{"precomposed double final key then vowel", "ㄱㅏㄳㅏ", "각사"},

	// Mixed scripts.
	{"name and phone", "ㄱㅣㅁㅁㅣㄴㅅㅜ 010-1234-5678", "김민수 010-1234-5678"},
	{"latin and korean", "ABCㅊㅏㅇㅇㅓㅂ 2ㅎㅗ", "ABC창업 2호"},
	{"email", "ㅎㅗㅇ@example.com", "홍@example.com"},
	{"punctuation ends syllable", "ㄷㅏㄹㄱ.ㅏ", "닭.ㅏ"},
	{"space ends syllable", "ㄱㅏ ㄴㅏ", "가 나"},
	{"precomposed rune passes through", "ㄱ한ㅏ", "ㄱ한ㅏ"},

	// Backspace.
	{"닭 bs1", "ㄷㅏㄹㄱ\b", "달"},
	{"닭 bs2", "ㄷㅏㄹㄱ\b\b", "다"},
	{"닭 bs3", "ㄷㅏㄹㄱ\b\b\b", "ㄷ"},
	{"닭 bs4", "ㄷㅏㄹㄱ\b\b\b\b", ""},
	{"뷁 bs1", "ㅂㅜㅔㄹㄱ\b", "뷀"},
	{"뷁 bs2", "ㅂㅜㅔㄹㄱ\b\b", "붸"},
	{"뷁 bs3", "ㅂㅜㅔㄹㄱ\b\b\b", "부"},
	{"뷁 bs4", "ㅂㅜㅔㄹㄱ\b\b\b\b", "ㅂ"},
	{"뷁 bs5", "ㅂㅜㅔㄹㄱ\b\b\b\b\b", ""},
	{"괜 bs1", "ㄱㅗㅐㄴ\b", "괘"},
	{"괜 bs2", "ㄱㅗㅐㄴ\b\b", "고"},
	{"괜 bs2 retype", "ㄱㅗㅐㄴ\b\bㅣ", "괴"},
	{"moved final bs1", "ㄷㅏㄹㄱㅏ\b", "달ㄱ"},
	{"moved final bs2", "ㄷㅏㄹㄱㅏ\b\b", "달"},
	{"moved final bs3 deletes committed syllable", "ㄷㅏㄹㄱㅏ\b\b\b", ""},
	{"moved final bs1 retype", "ㄷㅏㄹㄱㅏ\bㅗ", "달고"},
	{"backspace committed latin", "abc\b", "ab"},
	{"backspace committed hangul", "ㄱㅏ ㄴㅏ\b\b\b", "가"},
	{"backspace after committed then type", "ㄱㅏ 1\b\bㄴ", "가ㄴ"},
	{"backspace on empty", "\b\b", ""},
	{"backspace then continue", "ㄱㅏㄹ\bㅁ", "감"},
	{"backspace lone compound vowel", "ㅗㅏ\b", "ㅗ"},
	{"precomposed compound key undoes one part", "ㄱㅏㄳ\b", "각"},
}

func TestCompose(t *testing.T) {
	for _, tc := range composeCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := Compose(tc.keys); got != tc.want {
				t.Errorf("Compose(%q) = %q, want %q", tc.keys, got, tc.want)
			}
		})
	}
}

// TestSplit checks where the boundary between committed text and preedit
// lies.
func TestSplit(t *testing.T) {
	cases := []struct {
		keys, committed, preedit string
	}{
		{"", "", ""},
		{"ㄱ", "", "ㄱ"},
		{"ㄱㅏ", "", "가"},
		{"ㄷㅏㄹㄱ", "", "닭"},
		{"ㄷㅏㄹㄱㅏ", "달", "가"},
		{"ㄷㅏㄹㄱㅏ\b", "달", "ㄱ"},
		{"ㅇㅏㄸ", "아", "ㄸ"},
		{"ㄱㅏa", "가a", ""},
		{"ㄱㅏ1ㄴ", "가1", "ㄴ"},
		{"ㅏㅏ", "ㅏ", "ㅏ"},
	}
	for _, tc := range cases {
		var c Composer
		for _, r := range tc.keys {
			c.Input(r)
		}
		if c.Committed() != tc.committed || c.Preedit() != tc.preedit {
			t.Errorf("%q: Committed()=%q Preedit()=%q, want %q %q",
				tc.keys, c.Committed(), c.Preedit(), tc.committed, tc.preedit)
		}
		if c.Text() != tc.committed+tc.preedit {
			t.Errorf("%q: Text()=%q", tc.keys, c.Text())
		}
	}
}

// step is one operation on a Composer followed by the expected Text.
type step struct {
	op   string // "keys", "bs", "commit", "reset", "set"
	arg  string
	want string
}

func TestSequences(t *testing.T) {
	cases := []struct {
		name  string
		steps []step
	}{
		{"닭 backspace states", []step{
			{"keys", "ㄷㅏㄹㄱ", "닭"},
			{"bs", "", "달"}, {"bs", "", "다"}, {"bs", "", "ㄷ"}, {"bs", "", ""}, {"bs", "", ""},
		}},
		{"뷁 backspace states", []step{
			{"keys", "ㅂㅜㅔㄹㄱ", "뷁"},
			{"bs", "", "뷀"}, {"bs", "", "붸"}, {"bs", "", "부"}, {"bs", "", "ㅂ"}, {"bs", "", ""},
		}},
		{"commit then vowel", []step{
			{"keys", "ㄱㅏ", "가"},
			{"commit", "", "가"},
			{"keys", "ㅏ", "가ㅏ"},
		}},
		{"commit keeps final", []step{
			{"keys", "ㄷㅏㄹㄱ", "닭"},
			{"commit", "", "닭"},
			{"keys", "ㅏ", "닭ㅏ"},
			{"bs", "", "닭"},
			{"bs", "", ""},
		}},
		{"commit twice", []step{
			{"keys", "ㄱ", "ㄱ"}, {"commit", "", "ㄱ"}, {"commit", "", "ㄱ"},
			{"keys", "ㅏ", "ㄱㅏ"},
		}},
		{"settext", []step{
			{"keys", "ㄱㅏㄴ", "간"},
			{"set", "서울 ", "서울 "},
			{"keys", "ㅇㅕㄱ", "서울 역"},
			{"bs", "", "서울 여"},
			{"bs", "", "서울 ㅇ"},
			{"bs", "", "서울 "},
			{"bs", "", "서울"},
			{"bs", "", "서"},
		}},
		{"settext invalid utf8", []step{
			{"set", "a\xffb", "a\uFFFDb"},
		}},
		{"reset", []step{
			{"keys", "ㅎㅏㄴㄱㅡㄹ", "한글"},
			{"reset", "", ""},
			{"bs", "", ""},
			{"keys", "ㅏ", "ㅏ"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var c Composer
			for i, s := range tc.steps {
				switch s.op {
				case "keys":
					for _, r := range s.arg {
						c.Input(r)
					}
				case "bs":
					c.Backspace()
				case "commit":
					c.Commit()
					if c.Preedit() != "" {
						t.Fatalf("step %d: Preedit()=%q after Commit", i, c.Preedit())
					}
				case "reset":
					c.Reset()
				case "set":
					c.SetText(s.arg)
					if c.Preedit() != "" {
						t.Fatalf("step %d: Preedit()=%q after SetText", i, c.Preedit())
					}
				default:
					t.Fatalf("bad op %q", s.op)
				}
				if got := c.Text(); got != s.want {
					t.Fatalf("step %d (%s %q): Text()=%q, want %q", i, s.op, s.arg, got, s.want)
				}
			}
		})
	}
}

func TestShifted(t *testing.T) {
	want := map[rune]rune{
		'ㄱ': 'ㄲ', 'ㄷ': 'ㄸ', 'ㅂ': 'ㅃ', 'ㅅ': 'ㅆ', 'ㅈ': 'ㅉ', 'ㅐ': 'ㅒ', 'ㅔ': 'ㅖ',
	}
	for _, row := range Dubeolsik {
		for _, r := range row {
			w, ok := want[r]
			if !ok {
				w = r
			}
			if got := Shifted(r); got != w {
				t.Errorf("Shifted(%q) = %q, want %q", r, got, w)
			}
		}
	}
	for _, r := range "aZ1 ㄲㅏ" {
		if got := Shifted(r); got != r {
			t.Errorf("Shifted(%q) = %q, want unchanged", r, got)
		}
	}
}

func TestDubeolsik(t *testing.T) {
	var all string
	for _, row := range Dubeolsik {
		all += string(row) + "|"
	}
	if want := "ㅂㅈㄷㄱㅅㅛㅕㅑㅐㅔ|ㅁㄴㅇㄹㅎㅗㅓㅏㅣ|ㅋㅌㅊㅍㅠㅜㅡ|"; all != want {
		t.Errorf("Dubeolsik = %q, want %q", all, want)
	}
}

// TestAllSyllables types every modern syllable that 두벌식 keys can build
// and checks it composes to itself (the index tables are consistent).
func TestAllSyllables(t *testing.T) {
	chos := []rune("ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ")
	jongs := []rune{0, 'ㄱ', 'ㄲ', 'ㄳ', 'ㄴ', 'ㄵ', 'ㄶ', 'ㄷ', 'ㄹ', 'ㄺ', 'ㄻ', 'ㄼ', 'ㄽ', 'ㄾ', 'ㄿ', 'ㅀ', 'ㅁ', 'ㅂ', 'ㅄ', 'ㅅ', 'ㅆ', 'ㅇ', 'ㅈ', 'ㅊ', 'ㅋ', 'ㅌ', 'ㅍ', 'ㅎ'}
	keys := func(r rune) string {
		if p, ok := decompose[r]; ok {
			return string([]rune{p.a, p.b})
		}
		return string(r)
	}
	n := 0
	for l, cho := range chos {
		for v := range 21 {
			for tIdx, jong := range jongs {
				want := string(rune(0xAC00 + (l*21+v)*28 + tIdx))
				in := keys(cho) + keys(rune(0x314F+v))
				if jong != 0 {
					in += keys(jong)
				}
				if got := Compose(in); got != want {
					t.Fatalf("Compose(%q) = %q, want %q", in, got, want)
				}
				n++
			}
		}
	}
	if n != 11172 {
		t.Fatalf("checked %d syllables, want 11172", n)
	}
}

func TestInvalidRuneIgnored(t *testing.T) {
	var c Composer
	c.Input('ㄱ')
	c.Input(0xD800)
	c.Input(-1)
	c.Input(utf8.MaxRune + 1)
	c.Input('ㅏ')
	if got := c.Text(); got != "가" {
		t.Errorf("Text() = %q, want %q", got, "가")
	}
}

func TestZeroValueAndCount(t *testing.T) {
	var c Composer
	if c.Text() != "" || c.Committed() != "" || c.Preedit() != "" {
		t.Fatal("zero Composer not empty")
	}
	if len(composeCases) < 50 {
		t.Fatalf("only %d compose cases", len(composeCases))
	}
}

// Keys a precomposed syllable is typed with on 두벌식, worked out here from
// Unicode's arithmetic (syllable = 0xAC00 + (L×21 + V)×28 + T) and the
// keyboard's layout, apart from the composer's own tables.
var (
	testInitials = []string{"ㄱ", "ㄲ", "ㄴ", "ㄷ", "ㄸ", "ㄹ", "ㅁ", "ㅂ", "ㅃ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅉ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"}
	testVowels   = []string{"ㅏ", "ㅐ", "ㅑ", "ㅒ", "ㅓ", "ㅔ", "ㅕ", "ㅖ", "ㅗ", "ㅗㅏ", "ㅗㅐ", "ㅗㅣ", "ㅛ", "ㅜ", "ㅜㅓ", "ㅜㅔ", "ㅜㅣ", "ㅠ", "ㅡ", "ㅡㅣ", "ㅣ"}
	testFinals   = []string{"", "ㄱ", "ㄲ", "ㄱㅅ", "ㄴ", "ㄴㅈ", "ㄴㅎ", "ㄷ", "ㄹ", "ㄹㄱ", "ㄹㅁ", "ㄹㅂ", "ㄹㅅ", "ㄹㅌ", "ㄹㅍ", "ㄹㅎ", "ㅁ", "ㅂ", "ㅂㅅ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"}
)

func keysOf(syllable rune) string {
	i := int(syllable - 0xAC00)
	return testInitials[i/(21*28)] + testVowels[i/28%21] + testFinals[i%28]
}

// FuzzCompose checks the composer's promises on any sequence of keys:
// typing a text's syllables key by key gives that text back (composing
// round-trips its decomposition), and Backspace right after a key undoes
// it (a compound jamo that no key makes is two keys), but where a vowel has
// just carried the previous final on to a new syllable (달+ㄱ+ㅏ = 달가; Backspace leaves 달ㄱ, not 닭: the final is not
// carried back, as the package says).
func FuzzCompose(f *testing.F) {
	f.Add([]byte{0x0F, 0x1E, 0x08, 0x01, 0x1E}, []byte{0x12, 0x34, 0xAB, 0xCD})
	f.Add([]byte{0x40, 0x41, 0x42}, []byte{0, 0, 0xFF, 0xFF})
	f.Add([]byte{0x02, 0x15, 0x22, 0x45, 0x44, 0x43}, []byte{0x2B, 0x10})
	f.Fuzz(func(t *testing.T, ops []byte, text []byte) {
		// Every check below is per key; longer inputs add time, not cases.
		ops, text = ops[:min(len(ops), 256)], text[:min(len(text), 512)]
		// Round trip: random syllables, typed one key at a time.
		var want []rune
		var keys strings.Builder
		for i := 0; i+1 < len(text); i += 2 {
			r := rune(0xAC00 + (int(text[i])<<8|int(text[i+1]))%11172)
			want = append(want, r)
			keys.WriteString(keysOf(r))
		}
		if got := Compose(keys.String()); got != string(want) {
			t.Fatalf("typing %q gave %q, want %q", keys.String(), got, string(want))
		}
		// Backspace undoes the key before it.
		var c Composer
		for _, b := range ops {
			var r rune
			switch {
			case b < 51:
				r = rune(0x3131 + int(b)) // every compatibility jamo
			case b < 0x80:
				r = Shifted(Dubeolsik[int(b)%3][int(b)%7])
			default:
				r = rune(b - 0x60) // ASCII and a few controls
			}
			before := c.Text()
			prev := c.cur()
			probe := Composer{committed: slices.Clone(c.committed), states: slices.Clone(c.states)}
			probe.Input(r)
			if !utf8.ValidString(probe.Text()) || utf8.RuneCountInString(probe.Preedit()) > 1 {
				t.Fatalf("after %q: text %q, preedit %q", r, probe.Text(), probe.Preedit())
			}
			probe.Backspace()
			// A compound jamo (ㄳ, ㅘ) no key makes is typed as two keys.
			_, twoKeys := decompose[r]
			carried := isVowel(r) && prev.jong1 != 0
			if r != '\b' && utf8.ValidRune(r) && !twoKeys && !carried && probe.Text() != before {
				t.Fatalf("%q then Backspace gave %q, want %q back", r, probe.Text(), before)
			}
			c.Input(r)
		}
	})
}
