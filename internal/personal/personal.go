// Package personal holds the handling of personal data that visitors'
// bookings and tenants' leases share: cleaning a typed name, and masking
// names and phone numbers for the screen.
package personal

import (
	"strings"
	"unicode"
)

// CleanText trims s, collapses inner white space and checks that it is
// minLen..maxLen characters with no control or invisible format characters
// (zero-width spaces, bidi overrides have no place in a name shown to staff).
func CleanText(s string, minLen, maxLen int) (string, bool) {
	s = strings.Join(strings.Fields(s), " ")
	n := 0
	for _, r := range s {
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\uFFFD' {
			return "", false
		}
		n++
	}
	return s, n >= minLen && n <= maxLen
}

// MaskPhone hides the middle of a phone number: 010-****-5678; without
// hyphens, all but the last four digits.
func MaskPhone(p string) string {
	parts := strings.Split(p, "-")
	if len(parts) != 3 {
		r := []rune(p)
		if len(r) <= 4 {
			return strings.Repeat("*", len(r))
		}
		return strings.Repeat("*", len(r)-4) + string(r[len(r)-4:])
	}
	return parts[0] + "-" + strings.Repeat("*", len([]rune(parts[1]))) + "-" + parts[2]
}

// MaskName keeps the first character of a name: 홍**, K***; a name of one
// character is hidden whole.
func MaskName(n string) string {
	r := []rune(n)
	if len(r) <= 1 {
		return strings.Repeat("*", len(r))
	}
	return string(r[0]) + strings.Repeat("*", len(r)-1)
}

// PhoneDigits is the digits of a phone number typed with or without hyphens
// and spaces; ok is false for any other character.
func PhoneDigits(s string) (digits []byte, ok bool) {
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case r == '-' || r == ' ':
		default:
			return nil, false
		}
	}
	return digits, true
}
