package booking

import (
	"strings"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/personal"
)

// Lengths of a visitor's details, in characters.
const (
	nameMin, nameMax = 1, 30
	orgMax           = 40
)

// Refusals of a visitor's details; the length limits are fixed, so the
// refusals carry them as they are.
var (
	ErrName    = errs.New(CodeName, nameMin, nameMax)
	ErrPhone   = errs.New(CodePhone)
	ErrOrg     = errs.New(CodeOrg, orgMax)
	ErrConsent = errs.New(CodeConsent)
)

// CleanName trims a visitor's name and checks it: 1-30 characters, no
// control or invisible format characters.
func CleanName(s string) (string, error) {
	return cleanText(s, nameMin, nameMax, ErrName)
}

// CleanOrg trims an organisation name; it may be empty.
func CleanOrg(s string) (string, error) {
	return cleanText(s, 0, orgMax, ErrOrg)
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
