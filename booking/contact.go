package booking

import (
	"errors"
	"strings"

	"github.com/yeongdeungpo/kiosk/internal/personal"
)

// Errors of a visitor's details.
var (
	ErrName    = errors.New("booking: a name of 1 to 30 characters is needed")
	ErrPhone   = errors.New("booking: a Korean mobile number is needed (010-1234-5678)")
	ErrOrg     = errors.New("booking: the organisation is at most 40 characters")
	ErrConsent = errors.New("booking: consent to the collection of personal data is needed")
)

// CleanName trims a visitor's name and checks it: 1-30 characters, no
// control or invisible format characters.
func CleanName(s string) (string, error) {
	return cleanText(s, 1, 30, ErrName)
}

// CleanOrg trims an organisation name; it may be empty.
func CleanOrg(s string) (string, error) {
	return cleanText(s, 0, 40, ErrOrg)
}

func cleanText(s string, minLen, maxLen int, bad error) (string, error) {
	s, ok := personal.CleanText(s, minLen, maxLen)
	if !ok {
		return "", bad
	}
	return s, nil
}

// NormalizePhone accepts a Korean mobile number typed with or without
// hyphens or spaces (010-1234-5678, 01012345678, 011-123-4567) and returns
// it as 010-1234-5678.
func NormalizePhone(s string) (string, error) {
	d, ok := personal.PhoneDigits(s)
	if !ok {
		return "", ErrPhone
	}
	if len(d) < 10 || len(d) > 11 || d[0] != '0' || d[1] != '1' || !strings.ContainsRune("016789", rune(d[2])) {
		return "", ErrPhone
	}
	if string(d[:3]) == "010" && len(d) != 11 {
		return "", ErrPhone
	}
	return string(d[:3]) + "-" + string(d[3:len(d)-4]) + "-" + string(d[len(d)-4:]), nil
}

// MaskPhone hides the middle of a phone number: 010-****-5678.
func MaskPhone(p string) string { return personal.MaskPhone(p) }

// MaskName keeps the first character of a name: 홍**, K***; a name of one
// character is hidden whole.
func MaskName(n string) string { return personal.MaskName(n) }
