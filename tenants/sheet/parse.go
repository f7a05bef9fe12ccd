package sheet

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

var required = &reason{ko: "필수 값이 비어 있습니다", en: "this value is required but the cell is empty"}

// Year ranges: the centre's own dates, and people's birth dates.
const (
	minYear      = 1990
	minBirthYear = 1900
	maxYear      = 2100
)

// parseDate reads a non-empty YYYY-MM-DD, YYYY.MM.DD or YYYY/MM/DD (month and
// day with or without a leading zero, one separator throughout) as midnight
// in Seoul.
func parseDate(s string, fromYear int) (time.Time, *reason) {
	bad := func() (time.Time, *reason) {
		return time.Time{}, because(
			"날짜는 YYYY-MM-DD 형식입니다(YYYY.MM.DD, YYYY/MM/DD도 됩니다; 받은 값 %s)",
			"dates are YYYY-MM-DD (or YYYY.MM.DD, YYYY/MM/DD; got %s)", quote(s))
	}
	if s == "" {
		return time.Time{}, required
	}
	if len(s) < len("2006-1-2") || len(s) > len("2006-01-02") {
		return bad()
	}
	y, ok := number(s[:4])
	sep := s[4]
	if !ok || (sep != '-' && sep != '.' && sep != '/') {
		return bad()
	}
	rest := s[5:]
	i := strings.IndexByte(rest, sep)
	if i < 1 || i > 2 || len(rest)-i-1 < 1 || len(rest)-i-1 > 2 {
		return bad()
	}
	m, okM := number(rest[:i])
	d, okD := number(rest[i+1:])
	if !okM || !okD {
		return bad()
	}
	if y < fromYear || y > maxYear {
		return time.Time{}, because("연도는 %d~%d 사이여야 합니다(받은 값 %s)",
			"the year must be between %d and %d (got %s)", fromYear, maxYear, quote(s))
	}
	if m < 1 || m > 12 || d < 1 || d > daysIn(time.Month(m), y) {
		return time.Time{}, because("없는 날짜입니다(받은 값 %s)", "there is no such date (got %s)", quote(s))
	}
	return seoul.Date(y, time.Month(m), d, 0, 0), nil
}

// number reads a non-empty run of ASCII digits (at most 4).
func number(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func daysIn(m time.Month, y int) int {
	switch m {
	case time.February:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// maxMoney is the largest amount accepted, 10^12 won.
const maxMoney = 1_000_000_000_000

// parseMoney reads a non-empty whole number of won: digits, optionally
// grouped by thousands with commas ("1,000,000"), optionally followed by
// "원".
func parseMoney(s string) (int64, *reason) {
	if s == "" {
		return 0, required
	}
	t := s
	if rest, ok := strings.CutSuffix(t, "원"); ok {
		t = strings.TrimRightFunc(rest, unicode.IsSpace)
	}
	if t == "" {
		return 0, badMoney(s)
	}
	if t[0] == '-' || strings.HasPrefix(t, "−") {
		return 0, because("금액은 음수일 수 없습니다(받은 값 %s)", "amounts cannot be negative (got %s)", quote(s))
	}
	digits, commas, dots := 0, 0, 0
	for i := 0; i < len(t); i++ {
		switch c := t[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == ',':
			commas++
		case c == '.':
			dots++
		default:
			return 0, badMoney(s)
		}
	}
	if digits == 0 {
		return 0, badMoney(s)
	}
	if dots > 0 {
		return 0, because("금액에는 소수점을 쓸 수 없습니다; 원 단위 정수로 적으세요(받은 값 %s)",
			"amounts are whole won, without decimals (got %s)", quote(s))
	}
	if commas > 0 && !grouped(t) {
		return 0, badMoney(s)
	}
	var n int64
	for i := 0; i < len(t); i++ {
		if c := t[i]; c != ',' {
			n = n*10 + int64(c-'0')
			if n > maxMoney {
				return 0, because("금액이 너무 큽니다(최대 1,000,000,000,000원; 받은 값 %s)",
					"the amount is too large (at most 1,000,000,000,000 won; got %s)", quote(s))
			}
		}
	}
	return n, nil
}

func badMoney(s string) *reason {
	return because("금액은 원 단위 정수로 적습니다(예: 1,000,000 또는 1000000원; 받은 값 %s)",
		"amounts are whole won, e.g. 1,000,000 or 1000000원 (got %s)", quote(s))
}

// grouped reports whether the commas in t, a run of digits and commas,
// separate thousands: 1 to 3 digits, then groups of exactly 3.
func grouped(t string) bool {
	first := strings.IndexByte(t, ',')
	if first < 1 || first > 3 {
		return false
	}
	for rest := t[first:]; rest != ""; rest = rest[4:] {
		if len(rest) < 4 || rest[0] != ',' || strings.IndexByte(rest[1:4], ',') >= 0 {
			return false
		}
	}
	return true
}

// text normalises a name: trimmed, each run of inner whitespace (newlines in
// a quoted cell included) one space. It checks the length in characters.
func text(s string, maxLen int, what *reason) (string, *reason) {
	if s == "" {
		return "", required
	}
	if strings.ContainsFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) || strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	if utf8.RuneCountInString(s) > maxLen {
		return "", because(what.ko+"(지금 %d자)", what.en+" (this one has %d)", utf8.RuneCountInString(s))
	}
	return s, nil
}

var (
	tenantLength         = &reason{ko: "회사 이름은 1~60자입니다", en: "the company name must be 1 to 60 characters"}
	representativeLength = &reason{ko: "대표자 이름은 1~30자입니다", en: "the representative's name must be 1 to 30 characters"}
)

// Korean words are compared without their spaces ("창업 보육실").
func squeeze(s string) string {
	if !strings.ContainsFunc(s, unicode.IsSpace) {
		return s
	}
	return strings.Join(strings.Fields(s), "")
}

func parseKind(s string) (string, *reason) {
	if s == "" {
		return "", required
	}
	switch k := strings.ToLower(s); k {
	case "incubator", "youth", "agency":
		return k, nil
	}
	switch squeeze(s) {
	case "보육실", "창업보육실":
		return "incubator", nil
	case "청년":
		return "youth", nil
	case "기관", "지원기관":
		return "agency", nil
	}
	return "", because("구분은 incubator(창업보육실), youth(청년), agency(지원기관) 중 하나입니다(받은 값 %s)",
		"kind must be incubator, youth or agency (got %s)", quote(s))
}

func parseMethod(s string) (string, *reason) {
	switch s {
	case "", "cash":
		return "cash", nil
	case "card", "transfer":
		return s, nil
	case "현금":
		return "cash", nil
	case "카드":
		return "card", nil
	case "계좌이체", "이체":
		return "transfer", nil
	}
	switch m := strings.ToLower(s); m {
	case "cash", "card", "transfer":
		return m, nil
	}
	switch squeeze(s) {
	case "현금":
		return "cash", nil
	case "카드":
		return "card", nil
	case "계좌이체", "이체":
		return "transfer", nil
	}
	return "", because("납부 방법은 cash(현금), card(카드), transfer(계좌이체) 중 하나입니다(비우면 cash; 받은 값 %s)",
		"method must be cash, card or transfer (empty means cash; got %s)", quote(s))
}

// parseBRN reads a non-empty 사업자등록번호 as its 10 digits. Hyphens and
// spaces between the digits are dropped, as tenants.NormalizeBRN does; the
// check digit is the caller's.
func parseBRN(s string) (string, *reason) {
	var d [10]byte
	n := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			if n == len(d) {
				return "", badBRN(s)
			}
			d[n] = c
			n++
		case c == '-' || c == ' ':
		default:
			return "", badBRN(s)
		}
	}
	if n != len(d) {
		return "", badBRN(s)
	}
	return string(d[:]), nil
}

func badBRN(s string) *reason {
	return because("사업자등록번호는 숫자 10자리입니다(123-45-67890 또는 1234567890; 받은 값 %s)",
		"the business registration number is 10 digits, as 123-45-67890 or 1234567890 (got %s)", quote(s))
}
