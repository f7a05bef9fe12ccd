package hangul

import "unicode/utf8"

// Dubeolsik holds the jamo of the three letter rows of the standard
// 두벌식 (2-set) layout, top row first, left to right (the Latin QWERTY
// positions Q..P, A..L and Z..M). Apply Shifted to obtain the shift layer.
var Dubeolsik = [3][]rune{
	{'ㅂ', 'ㅈ', 'ㄷ', 'ㄱ', 'ㅅ', 'ㅛ', 'ㅕ', 'ㅑ', 'ㅐ', 'ㅔ'},
	{'ㅁ', 'ㄴ', 'ㅇ', 'ㄹ', 'ㅎ', 'ㅗ', 'ㅓ', 'ㅏ', 'ㅣ'},
	{'ㅋ', 'ㅌ', 'ㅊ', 'ㅍ', 'ㅠ', 'ㅜ', 'ㅡ'},
}

// Shifted returns the shift-layer variant of a 두벌식 key:
// ㄱ→ㄲ ㄷ→ㄸ ㅂ→ㅃ ㅅ→ㅆ ㅈ→ㅉ ㅐ→ㅒ ㅔ→ㅖ. Any other rune is returned unchanged.
func Shifted(r rune) rune {
	switch r {
	case 'ㄱ':
		return 'ㄲ'
	case 'ㄷ':
		return 'ㄸ'
	case 'ㅂ':
		return 'ㅃ'
	case 'ㅅ':
		return 'ㅆ'
	case 'ㅈ':
		return 'ㅉ'
	case 'ㅐ':
		return 'ㅒ'
	case 'ㅔ':
		return 'ㅖ'
	}
	return r
}

// Unicode constants for algorithmic syllable composition.
const (
	syllableBase = 0xAC00 // 가
	jungCount    = 21
	jongCount    = 28

	jamoFirst  = 0x3131 // ㄱ, first compatibility jamo handled
	vowelFirst = 0x314F // ㅏ, first compatibility vowel
	jamoLast   = 0x3163 // ㅣ, last compatibility jamo handled
)

// choIndex maps a compatibility consonant to its initial (choseong) index.
var choIndex = map[rune]int{
	'ㄱ': 0, 'ㄲ': 1, 'ㄴ': 2, 'ㄷ': 3, 'ㄸ': 4, 'ㄹ': 5, 'ㅁ': 6,
	'ㅂ': 7, 'ㅃ': 8, 'ㅅ': 9, 'ㅆ': 10, 'ㅇ': 11, 'ㅈ': 12, 'ㅉ': 13,
	'ㅊ': 14, 'ㅋ': 15, 'ㅌ': 16, 'ㅍ': 17, 'ㅎ': 18,
}

// jongIndex maps a compatibility consonant (single or compound) to its
// final (jongseong) index. ㄸ ㅃ ㅉ are absent: they can never be finals.
var jongIndex = map[rune]int{
	'ㄱ': 1, 'ㄲ': 2, 'ㄳ': 3, 'ㄴ': 4, 'ㄵ': 5, 'ㄶ': 6, 'ㄷ': 7,
	'ㄹ': 8, 'ㄺ': 9, 'ㄻ': 10, 'ㄼ': 11, 'ㄽ': 12, 'ㄾ': 13, 'ㄿ': 14,
	'ㅀ': 15, 'ㅁ': 16, 'ㅂ': 17, 'ㅄ': 18, 'ㅅ': 19, 'ㅆ': 20, 'ㅇ': 21,
	'ㅈ': 22, 'ㅊ': 23, 'ㅋ': 24, 'ㅌ': 25, 'ㅍ': 26, 'ㅎ': 27,
}

// pair is two jamo typed one after the other.
type pair struct{ a, b rune }

// compoundVowel lists the vowels produced by two consecutive vowel keys.
var compoundVowel = map[pair]rune{
	{'ㅗ', 'ㅏ'}: 'ㅘ', {'ㅗ', 'ㅐ'}: 'ㅙ', {'ㅗ', 'ㅣ'}: 'ㅚ',
	{'ㅜ', 'ㅓ'}: 'ㅝ', {'ㅜ', 'ㅔ'}: 'ㅞ', {'ㅜ', 'ㅣ'}: 'ㅟ',
	{'ㅡ', 'ㅣ'}: 'ㅢ',
}

// compoundFinal lists the double finals produced by two consecutive
// consonant keys after a vowel.
var compoundFinal = map[pair]rune{
	{'ㄱ', 'ㅅ'}: 'ㄳ', {'ㄴ', 'ㅈ'}: 'ㄵ', {'ㄴ', 'ㅎ'}: 'ㄶ',
	{'ㄹ', 'ㄱ'}: 'ㄺ', {'ㄹ', 'ㅁ'}: 'ㄻ', {'ㄹ', 'ㅂ'}: 'ㄼ',
	{'ㄹ', 'ㅅ'}: 'ㄽ', {'ㄹ', 'ㅌ'}: 'ㄾ', {'ㄹ', 'ㅍ'}: 'ㄿ',
	{'ㄹ', 'ㅎ'}: 'ㅀ', {'ㅂ', 'ㅅ'}: 'ㅄ',
}

// decompose maps each compound compatibility jamo (which no 두벌식 key
// produces directly) to the two keystrokes that build it.
var decompose = map[rune]pair{}

func init() {
	for k, v := range compoundVowel {
		decompose[v] = k
	}
	for k, v := range compoundFinal {
		decompose[v] = k
	}
}

func isJamo(r rune) bool      { return r >= jamoFirst && r <= jamoLast }
func isVowel(r rune) bool     { return r >= vowelFirst && r <= jamoLast }
func isConsonant(r rune) bool { return r >= jamoFirst && r < vowelFirst }

// syllable is the state of the syllable being composed. Zero fields are
// absent. jung2/jong2 are the second key of a compound vowel/final.
type syllable struct {
	cho          rune // initial consonant
	jung1, jung2 rune // medial vowel key(s)
	jong1, jong2 rune // final consonant key(s)
}

func (s syllable) vowel() rune {
	if s.jung2 != 0 {
		return compoundVowel[pair{s.jung1, s.jung2}]
	}
	return s.jung1
}

func (s syllable) final() rune {
	if s.jong2 != 0 {
		return compoundFinal[pair{s.jong1, s.jong2}]
	}
	return s.jong1
}

// rune renders the state as a single rune: a precomposed syllable when it
// has an initial and a medial, otherwise the lone compatibility jamo.
func (s syllable) rune() rune {
	v := s.vowel()
	switch {
	case s.cho != 0 && v != 0:
		t := 0
		if f := s.final(); f != 0 {
			t = jongIndex[f]
		}
		return rune(syllableBase + (choIndex[s.cho]*jungCount+int(v-vowelFirst))*jongCount + t)
	case s.cho != 0:
		return s.cho
	default:
		return v
	}
}

// Composer turns a sequence of key presses (jamo, other runes, backspace)
// into text, following the standard 두벌식 automaton.
//
// The text consists of committed runes, which are final, followed by at
// most one syllable being composed (the preedit). Backspace undoes one
// jamo keystroke of the preedit, so the preedit passes back through exactly
// the states it went through while typing (닭 → 달 → 다 → ㄷ → "").
//
// When a vowel follows a syllable with a final, the final (or the second
// half of a double final) moves to a new syllable and the rest is
// committed: 닭+ㅏ → 달가. The keystroke history of the moved consonant is
// not carried back: Backspace then yields 달ㄱ (preedit ㄱ), and a further
// Backspace leaves 달 committed. Committed text is never re-opened for
// composition; Backspace with no preedit deletes the last committed rune
// (a whole syllable).
//
// The zero value is an empty Composer ready to use. A Composer is not
// safe for concurrent use.
type Composer struct {
	committed []rune
	// states holds the preedit after each of its keystrokes; the last
	// element is the current preedit. Empty means nothing is composed.
	states []syllable
}

// cur returns the current preedit state (zero if none).
func (c *Composer) cur() syllable {
	if len(c.states) == 0 {
		return syllable{}
	}
	return c.states[len(c.states)-1]
}

func (c *Composer) push(s syllable) { c.states = append(c.states, s) }

// restart commits the preedit rendered as done and starts a new preedit
// with the given keystroke history.
func (c *Composer) restart(done syllable, history ...syllable) {
	c.committed = append(c.committed, done.rune())
	c.states = append(c.states[:0], history...)
}

// Input feeds one key press. r is a compatibility jamo (U+3131..U+3163) or
// any other rune (Latin, digit, space, punctuation).
//
// Other runes commit the preedit and are then appended as-is. '\b' is
// treated as Backspace. Invalid runes (surrogates, out of range) are
// ignored. A compound jamo that no 두벌식 key produces (ㅘ, ㄳ, ...) is
// treated as its two component keystrokes.
func (c *Composer) Input(r rune) {
	switch {
	case r == '\b':
		c.Backspace()
	case !utf8.ValidRune(r):
		// ignore
	case !isJamo(r):
		c.Commit()
		c.committed = append(c.committed, r)
	default:
		if p, ok := decompose[r]; ok {
			c.jamo(p.a)
			c.jamo(p.b)
			return
		}
		c.jamo(r)
	}
}

// jamo processes one simple (non-compound) jamo keystroke.
func (c *Composer) jamo(r rune) {
	s := c.cur()
	if len(c.states) == 0 {
		if isVowel(r) {
			c.push(syllable{jung1: r})
		} else {
			c.push(syllable{cho: r})
		}
		return
	}
	if isConsonant(r) {
		switch {
		case s.jung1 == 0 || s.cho == 0:
			// Lone initial or lone vowel: consonants never join these.
		case s.jong1 == 0:
			if _, ok := jongIndex[r]; ok {
				s.jong1 = r
				c.push(s)
				return
			}
		case s.jong2 == 0:
			if _, ok := compoundFinal[pair{s.jong1, r}]; ok {
				s.jong2 = r
				c.push(s)
				return
			}
		}
		c.restart(s, syllable{cho: r})
		return
	}
	// Vowel.
	switch {
	case s.jung1 == 0: // lone initial
		s.jung1 = r
		c.push(s)
		return
	case s.jong1 != 0: // the (last) final moves to a new syllable
		moved := s.jong1
		if s.jong2 != 0 {
			moved = s.jong2
			s.jong2 = 0
		} else {
			s.jong1 = 0
		}
		c.restart(s, syllable{cho: moved}, syllable{cho: moved, jung1: r})
		return
	case s.jung2 == 0:
		if _, ok := compoundVowel[pair{s.jung1, r}]; ok {
			s.jung2 = r
			c.push(s)
			return
		}
	}
	c.restart(s, syllable{jung1: r})
}

// Backspace undoes one jamo keystroke of the syllable being composed
// (닭 → 달 → 다 → ㄷ → empty). With nothing being composed it deletes the
// last committed rune.
func (c *Composer) Backspace() {
	if n := len(c.states); n > 0 {
		c.states = c.states[:n-1]
		return
	}
	if n := len(c.committed); n > 0 {
		c.committed = c.committed[:n-1]
	}
}

// Commit ends the syllable being composed, moving it to the committed text
// (e.g. on focus loss or when the user is done).
func (c *Composer) Commit() {
	if len(c.states) > 0 {
		c.restart(c.cur())
	}
}

// Text returns the committed text followed by the syllable being composed.
func (c *Composer) Text() string { return c.Committed() + c.Preedit() }

// Committed returns the committed text only.
func (c *Composer) Committed() string { return string(c.committed) }

// Preedit returns the syllable being composed, or "" if there is none.
func (c *Composer) Preedit() string {
	if len(c.states) == 0 {
		return ""
	}
	return string(c.cur().rune())
}

// Reset clears all text and the syllable being composed.
func (c *Composer) Reset() {
	c.committed = c.committed[:0]
	c.states = c.states[:0]
}

// SetText replaces the committed text (e.g. after the field was edited
// elsewhere) and discards any syllable being composed. Invalid UTF-8 in s
// is replaced by U+FFFD. Precomposed syllables in s are not decomposed:
// Backspace deletes them whole.
func (c *Composer) SetText(s string) {
	c.committed = []rune(s)
	c.states = c.states[:0]
}

// Compose feeds each rune of keys through Input, where '\b' means
// Backspace, and returns the resulting Text, including the syllable still
// being composed.
func Compose(keys string) string {
	var c Composer
	for _, r := range keys {
		c.Input(r)
	}
	return c.Text()
}
