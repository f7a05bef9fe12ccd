package hangul

import (
	"unicode"
	"unicode/utf8"
)

// choCount is the number of modern initial consonants.
const choCount = 19

// syllableLast is the last precomposed modern syllable (힣).
const syllableLast = syllableBase + choCount*jungCount*jongCount - 1

// jongCho maps a final index to the initial index of the same consonant,
// or -1 for no final and for double finals (which cannot be initials).
var jongCho = func() (s [jongCount]int) {
	for i := range s {
		s[i] = -1
	}
	for r, t := range jongIndex {
		if l, ok := choIndex[r]; ok {
			s[t] = l
		}
	}
	return s
}()

// jongSplit maps a double final index to the final indexes of its two
// components (ㄺ → ㄹ, ㄱ); single finals and 0 map to {0, 0}.
var jongSplit = func() (s [jongCount][2]int) {
	for p, f := range compoundFinal {
		s[jongIndex[f]] = [2]int{jongIndex[p.a], jongIndex[p.b]}
	}
	return s
}()

// jungFirst maps a medial index to the medial the user typed first: the
// first component of a compound vowel (ㅙ → ㅗ), otherwise the medial itself.
var jungFirst = func() (s [jungCount]int) {
	for i := range s {
		s[i] = i
	}
	for p, v := range compoundVowel {
		s[v-vowelFirst] = int(p.a - vowelFirst)
	}
	return s
}()

// mrune is one non-space rune of a normalised text or query.
type mrune struct {
	r rune // case-folded rune
	l int  // initial index of a syllable or of an initial-capable compatibility consonant, else -1
	v int  // medial index of a syllable, else -1
	t int  // final index of a syllable (0: none)
}

func newMrune(r rune) mrune {
	m := mrune{r: foldRune(r), l: -1, v: -1}
	switch {
	case r >= syllableBase && r <= syllableLast:
		s := int(r - syllableBase)
		m.l = s / (jungCount * jongCount)
		m.v = s / jongCount % jungCount
		m.t = s % jongCount
	case r >= jamoFirst && r < vowelFirst:
		if l, ok := choIndex[r]; ok {
			m.l = l
		}
	}
	return m
}

// foldRune maps r to a canonical member of its simple case-folding orbit
// (the smallest), so that two runes fold equal exactly when
// strings.EqualFold would consider them equal.
func foldRune(r rune) rune {
	if r < 0x80 {
		if 'a' <= r && r <= 'z' {
			r -= 'a' - 'A'
		}
		return r
	}
	if r >= syllableBase && r <= syllableLast {
		return r
	}
	m := r
	for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
		if f < m {
			m = f
		}
	}
	return m
}

// normQuery returns the query's non-space runes, without a trailing stray
// vowel.
func normQuery(query string) []mrune {
	var q []mrune
	for _, r := range query {
		if !unicode.IsSpace(r) {
			q = append(q, newMrune(r))
		}
	}
	if n := len(q); n > 1 && q[n-1].r >= vowelFirst && q[n-1].r <= jamoLast {
		q = q[:n-1]
	}
	return q
}

// normText returns the text's non-space runes and, for each, its rune index
// in text.
func normText(text string) ([]mrune, []int) {
	n := utf8.RuneCountInString(text)
	t := make([]mrune, 0, n)
	pos := make([]int, 0, n)
	i := 0
	for _, r := range text {
		if !unicode.IsSpace(r) {
			t = append(t, newMrune(r))
			pos = append(pos, i)
		}
		i++
	}
	return t, pos
}

// matchRune reports whether query rune q matches text rune u exactly or
// as 초성.
func matchRune(q, u mrune) bool {
	if q.v < 0 && q.l >= 0 {
		// Initial-capable compatibility consonant: u.l is set both for a
		// syllable with that initial and for the consonant itself.
		return u.l == q.l
	}
	return q.r == u.r
}

// startsWith reports whether text rune u begins with initial index l: a
// syllable with that initial or the compatibility consonant itself.
func startsWith(u mrune, l int) bool { return l >= 0 && u.l == l }

// matchLast reports whether the last query rune q matches text t at p,
// where it may be a syllable still being composed.
func matchLast(q mrune, t []mrune, p int) bool {
	u := t[p]
	if matchRune(q, u) {
		return true
	}
	if q.v < 0 || u.v < 0 || u.l != q.l {
		return false
	}
	if q.t == 0 { // (a)
		return u.v == q.v || jungFirst[u.v] == q.v
	}
	if u.v != q.v {
		return false
	}
	next := func(l int) bool { return p+1 < len(t) && startsWith(t[p+1], l) }
	if u.t == q.t {
		return true
	}
	if split := jongSplit[q.t]; split[0] != 0 { // (c)
		return u.t == split[0] && next(jongCho[split[1]])
	}
	// (b)
	return jongSplit[u.t][0] == q.t || (u.t == 0 && next(jongCho[q.t]))
}

// Contains reports whether query matches somewhere inside text, Hangul-aware
// and case-insensitive, for filtering a list while the user is typing on
// the 두벌식 keyboard: "ㅅㅆㄹ", "새싸" and "ai 연" match "새싹랩" and
// "AI 연구소". It is equivalent to Index(text, query) >= 0; see Index for
// the rules.
func Contains(text, query string) bool { return Index(text, query) >= 0 }

// Index returns the index, counted in runes (not bytes), of the rune of
// text where the first (leftmost) match of query starts, or -1 if query
// does not match. Use it to highlight the match. An empty or
// all-whitespace query matches at 0; otherwise a match always starts at a
// non-space rune.
//
//	"창업" in "주식회사 창업랩"   → 5
//	"ㅈㅅㅎㅅ" in "주식회사"      → 0  (초성 search)
//	"주시" in "주식회사"          → 0  (시 may still get its final ㄱ)
//	"닭" in "달기"               → 0  (the next vowel key moves ㄱ on)
//	"ai연" in "AI 연구소"        → 0  (spacing is not significant)
//	"주싴" in "주식회사"          → -1 (only the last syllable is loose)
//
// Normalisation:
//   - Whitespace (unicode.IsSpace) is not significant: it is removed from
//     the query, and whitespace in the text may be skipped. So a query
//     space matches a whitespace run in the text or nothing, and never
//     any other rune: "ai연" and "AI 연" both match "AI 연구소", "주식 회사"
//     matches "주식회사", "blue oc" does not match "blue-ocean".
//   - Letters compare under Unicode simple case folding (as in
//     strings.EqualFold); digits and other runes compare exactly.
//   - A compatibility vowel (ㅏ..ㅣ) at the end of a query of two or more
//     runes is dropped as a stray keystroke the 두벌식 automaton could not
//     attach to a syllable. A one-vowel query matches that vowel literally.
//
// Each remaining query rune then matches one text rune:
//   - A compatibility consonant (ㄱ..ㅎ) matches a syllable with that
//     initial consonant (초성 search) or the consonant itself. Double finals
//     such as ㄳ match only themselves.
//   - Any other rune matches the same rune.
//
// The last query rune, if it is a complete syllable S, may still be being
// composed, so it also matches a text syllable with the same initial and:
//   - (a) if S has no final: the same medial, or a compound medial starting
//     with it, and any final (사 → 싹, 괘 → 괜, 고 → 과, because a second
//     vowel key may still follow);
//   - (b) if S has a single final F: the same medial and final F or a
//     double final starting with F (달 → 닭), or the same medial, no final,
//     and a following rune with initial F (달 → 다리, because the next vowel
//     key moves F on to a new syllable);
//   - (c) if S has a double final F1F2: the same medial and final F1, and a
//     following rune with initial F2 (앉 → 안자).
//
// Here "a rune with initial F" is a syllable whose initial consonant is F
// or the compatibility consonant F itself.
//
// Conjoining jamo (U+1100 block, as in NFD text) are not composed; texts
// are expected to hold precomposed syllables, as the Composer produces.
func Index(text, query string) int {
	q := normQuery(query)
	if len(q) == 0 {
		return 0
	}
	t, pos := normText(text)
	last := len(q) - 1
	for i := 0; i+len(q) <= len(t); i++ {
		ok := true
		for j := 0; j < last; j++ {
			if !matchRune(q[j], t[i+j]) {
				ok = false
				break
			}
		}
		if ok && matchLast(q[last], t, i+last) {
			return pos[i]
		}
	}
	return -1
}
