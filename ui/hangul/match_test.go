package hangul_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/yeongdeungpo/kiosk/ui/hangul"
)

// matchCases are (text, query) pairs with the exact rune index Index must
// return; Contains must report want >= 0.
var matchCases = []struct {
	name, text, query string
	want              int
}{
	// 초성 (initial consonant) search.
	{"초성 with double initial", "새싹랩", "ㅅㅆㄹ", 0},
	{"초성 full", "주식회사", "ㅈㅅㅎㅅ", 0},
	{"초성 청년 is ㅊㄴ", "청년상점", "ㅊㄴ", 0},
	{"초성 ㅊㅇ: 년 starts with ㄴ", "청년상점", "ㅊㅇ", -1},
	{"초성 in the middle", "청년상점", "ㅅㅈ", 2},
	{"초성 mixed with syllable", "주식회사", "ㅈ식", 0},
	{"초성 leftmost", "나가다", "ㄱ", 1},
	{"literal compatibility consonant", "서울 ㄱ 빌딩", "ㄱ", 3},
	{"double final jamo is literal", "ㄳ상사", "ㄳ", 0},
	{"double final jamo is not 초성", "각사", "ㄳ", -1},

	// Exact syllables.
	{"창업 after a space", "주식회사 창업랩", "창업", 5},
	{"three syllables", "주식회사", "주식회", 0},
	{"whole text", "닭", "닭", 0},
	{"non-last syllable exact only", "회사", "호사", -1},
	{"wrong final on last", "주식회사", "주싴", -1},
	{"wrong initial on last", "새싹랩", "새삭", -1},

	// (a) last syllable without final.
	{"(a) 싸 → 싹", "새싹랩", "새싸", 0},
	{"(a) 시 → 식", "주식회사", "주시", 0},
	{"(a) 가 → 강", "강남", "가", 0},
	{"(a) 괘 → 괜", "괜찮아요", "괘", 0},
	{"(a) 고 → 괜 (compound vowel pending)", "괜찮아요", "고", 0},
	{"(a) 호 → 회 (compound vowel pending)", "주식회사", "주식호", 0},
	{"(a) 과 is not a prefix of 괘", "과자", "괘", -1},

	// (b) last syllable with a single final F.
	{"(b) 샜 → 새+ㅆ", "새싹랩", "샜", 0},
	{"(b) 줏 → 주+ㅅ", "주식회사", "줏", 0},
	{"(b) 달 → 닭 (double final starts with ㄹ)", "닭갈비", "달", 0},
	{"(b) 달 → 다+ㄹ", "다리미", "달", 0},
	{"(b) 달 → 다+literal ㄹ", "다ㄹ", "달", 0},
	{"(b) 갑 → 값", "값진 경험", "갑", 0},
	{"(b) 강 → 가+ㅇ", "가요", "강", 0},
	{"(b) needs a following syllable", "다", "달", -1},
	{"(b) following initial must be F", "다시", "달", -1},

	// (c) last syllable with a double final F1F2.
	{"(c) 앉 → 안+ㅈ", "안자", "앉", 0},
	{"(c) 앉 exact", "앉다", "앉", 0},
	{"(c) 앉 → 안+ㄴ is wrong", "안녕", "앉", -1},
	{"(c) 앉 needs a following syllable", "안", "앉", -1},
	{"(c) 닭 is not 달 alone", "달", "닭", -1},
	{"(c) 닭 → 달+ㄱ", "달기", "닭", 0},
	{"(c) 읽 → 일+ㄱ", "서울 일기", "읽", 3},

	// Latin, digits, case.
	{"latin words", "Blue Ocean Robotics", "blue oc", 0},
	{"latin upper", "Blue Ocean Robotics", "ROBO", 11},
	{"latin accent", "Ünsal Café", "CAFÉ", 6},
	{"kelvin sign folds to k", "\u212Aiosk", "KIOSK", 0},
	{"digits", "2층 101호", "101", 3},
	{"digits differ", "2층 101호", "102", -1},
	{"mixed latin and hangul", "AI 연구소", "AI 연", 0},

	// Whitespace.
	{"text space optional", "AI 연구소", "ai연", 0},
	{"query space optional", "AI연구소", "ai 연", 0},
	{"query space inside hangul", "주식회사", "주식 회사", 0},
	{"space is never a letter", "blue-ocean", "blue oc", -1},
	{"runs of whitespace", "AI\t\t 연구소", "ai   연구", 0},
	{"query trimmed, text index kept", "  주식회사", "  주식  ", 2},
	{"(b) across a space", "새 싹", "샜", 0},
	{"empty query", "Blue Ocean Robotics", "", 0},
	{"empty query and text", "", "", 0},
	{"spaces-only query", "Blue Ocean Robotics", " \t ", 0},
	{"spaces-only query, empty text", "", "   ", 0},
	{"empty text", "", "가", -1},
	{"spaces-only text", "   ", "가", -1},

	// Stray trailing vowel.
	{"trailing vowel dropped", "가나다", "가ㅏ", 0},
	{"trailing vowel dropped after space", "주식회사 창업랩", "창업랩 ㅏ", 5},
	{"lone vowel is literal", "ㅏ", "ㅏ", 0},
	{"lone vowel is not a medial", "가", "ㅏ", -1},
	{"lone vowel literal among others", "ㅗㅏ", "ㅏ", 1},

	// Lengths and other runes.
	{"query longer than text", "랩", "새싹랩", -1},
	{"latin query longer than text", "abc", "ABCD", -1},
	{"last syllable at end of text", "달", "달기", -1},
	{"emoji before", "☕ 카페 모카", "카페", 2},
	{"ZWJ emoji counts runes", "👩\u200d💻 코딩랩", "코딩", 4},
	{"emoji in query", "🍜라면🍜", "면🍜", 2},
	{"emoji only", "🍜라면🍜", "🍜", 0},
	{"invalid UTF-8", "a\xffb", "\xff", 1},
}

func TestIndexAndContains(t *testing.T) {
	if len(matchCases) < 40 {
		t.Fatalf("only %d match cases", len(matchCases))
	}
	for _, tc := range matchCases {
		t.Run(tc.name, func(t *testing.T) {
			if got := hangul.Index(tc.text, tc.query); got != tc.want {
				t.Errorf("Index(%q, %q) = %d, want %d", tc.text, tc.query, got, tc.want)
			}
			if got, want := hangul.Contains(tc.text, tc.query), tc.want >= 0; got != want {
				t.Errorf("Contains(%q, %q) = %v, want %v", tc.text, tc.query, got, want)
			}
		})
	}
}

// TestTyping types names key by key on the 두벌식 Composer and checks that
// the name matches the query after every keystroke, so the list never
// flickers empty while a syllable is being composed.
func TestTyping(t *testing.T) {
	cases := []struct{ name, keys string }{
		{"주식회사 창업랩", "ㅈㅜㅅㅣㄱㅎㅗㅣㅅㅏ ㅊㅏㅇㅇㅓㅂㄹㅐㅂ"},
		{"새싹랩", "ㅅㅐㅆㅏㄱㄹㅐㅂ"},
		{"괜찮아요", "ㄱㅗㅐㄴㅊㅏㄴㅎㅇㅏㅇㅛ"},
		{"AI 연구소", "AI ㅇㅕㄴㄱㅜㅅㅗ"},
		{"닭갈비 하우스", "ㄷㅏㄹㄱㄱㅏㄹㅂㅣ ㅎㅏㅇㅜㅅㅡ"},
		{"앉아요 카페", "ㅇㅏㄴㅈㅇㅏㅇㅛ ㅋㅏㅍㅔ"},
		{"값진 경험", "ㄱㅏㅂㅅㅈㅣㄴ ㄱㅕㅇㅎㅓㅁ"},
		{"뷁 스튜디오", "ㅂㅜㅔㄹㄱ ㅅㅡㅌㅠㄷㅣㅇㅗ"},
		{"의료기기 연구원", "ㅇㅡㅣㄹㅛㄱㅣㄱㅣ ㅇㅕㄴㄱㅜㅇㅜㅓㄴ"},
		{"읽는 책방", "ㅇㅣㄹㄱㄴㅡㄴ ㅊㅐㄱㅂㅏㅇ"},
		{"까치 떡집", "ㄲㅏㅊㅣ ㄸㅓㄱㅈㅣㅂ"},
		{"없어요", "ㅇㅓㅂㅅㅇㅓㅇㅛ"},
		{"Blue Ocean Robotics", "blue ocean robotics"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := hangul.Compose(tc.keys); !strings.EqualFold(got, tc.name) {
				t.Fatalf("Compose(%q) = %q, want %q", tc.keys, got, tc.name)
			}
			text := "2층 " + tc.name
			var c hangul.Composer
			for _, r := range tc.keys {
				c.Input(r)
				if q := c.Text(); !hangul.Contains(text, q) {
					t.Errorf("Contains(%q, %q) = false while typing", text, q)
				}
			}
			if got := hangul.Index(text, c.Text()); got != 3 {
				t.Errorf("Index(%q, %q) = %d, want 3", text, c.Text(), got)
			}
		})
	}
}

func ExampleIndex() {
	tenants := []string{"주식회사 창업랩", "새싹랩", "AI 연구소", "Blue Ocean Robotics", "닭갈비 하우스"}
	for _, q := range []string{"ㅅㅆ", "새싸", "창업", "ai연", "robo", "달"} {
		fmt.Printf("%s:", q)
		for _, name := range tenants {
			if i := hangul.Index(name, q); i >= 0 {
				fmt.Printf(" %s@%d", name, i)
			}
		}
		fmt.Println()
	}
	// Output:
	// ㅅㅆ: 새싹랩@0
	// 새싸: 새싹랩@0
	// 창업: 주식회사 창업랩@5
	// ai연: AI 연구소@0
	// robo: Blue Ocean Robotics@11
	// 달: 닭갈비 하우스@0
}

// firstNonSpace returns the rune index of the first non-space rune of s,
// or -1.
func firstNonSpace(s string) int {
	i := 0
	for _, r := range s {
		if !unicode.IsSpace(r) {
			return i
		}
		i++
	}
	return -1
}

func FuzzContains(f *testing.F) {
	for _, tc := range matchCases {
		f.Add(tc.text, tc.query)
	}
	f.Add("ㄱㅏ\b\x00ㄳ", "ㄳ\u3164")
	f.Add(" \u00a0\u3000힣", "힣ㅣ")
	f.Fuzz(func(t *testing.T, text, query string) {
		n := utf8.RuneCountInString(text)
		idx := hangul.Index(text, query)
		if got := hangul.Contains(text, query); got != (idx >= 0) {
			t.Fatalf("Contains(%q, %q) = %v but Index = %d", text, query, got, idx)
		}
		if strings.TrimFunc(query, unicode.IsSpace) == "" {
			if idx != 0 {
				t.Fatalf("Index(%q, blank %q) = %d, want 0", text, query, idx)
			}
		} else if idx >= 0 {
			if idx >= n {
				t.Fatalf("Index(%q, %q) = %d, out of range (%d runes)", text, query, idx, n)
			}
			if r := []rune(text)[idx]; unicode.IsSpace(r) {
				t.Fatalf("Index(%q, %q) = %d starts at space %q", text, query, idx, r)
			}
		}

		// Every text matches itself, at its first non-space rune. The
		// brief only requires this for valid UTF-8 without control
		// characters; it holds for every string.
		want := max(firstNonSpace(text), 0)
		if got := hangul.Index(text, text); got != want {
			t.Fatalf("Index(%q, itself) = %d, want %d", text, got, want)
		}
		if !hangul.Contains(text, text) {
			t.Fatalf("Contains(%q, itself) = false", text)
		}

		// Every suffix of the text matches no later than where it starts.
		runes := []rune(text)
		from := len(query) % (n + 1)
		suffix := string(runes[from:])
		if fs := firstNonSpace(suffix); fs >= 0 {
			if got := hangul.Index(text, suffix); got < 0 || got > from+fs {
				t.Fatalf("Index(%q, suffix %q) = %d, want 0..%d", text, suffix, got, from+fs)
			}
		}
	})
}
