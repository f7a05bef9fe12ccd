package tenants

import (
	"strings"

	"github.com/yeongdeungpo/kiosk/internal/errs"
)

// NormalizeBRN checks a 사업자등록번호 (business registration number): 10
// digits, hyphens and spaces allowed, whose last digit is the check digit
// of the first nine (weights 1 3 7 1 3 7 1 3 5, plus the tens of the ninth
// digit times 5). It returns the digits alone; "" stays "".
func NormalizeBRN(s string) (string, error) {
	var d []byte
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= '0' && r <= '9':
			d = append(d, byte(r-'0'))
		case r == '-' || r == ' ':
		default:
			return "", errs.New(CodeBRN)
		}
	}
	if len(d) == 0 {
		return "", nil
	}
	if len(d) != 10 || d[len(d)-1] != brnCheckDigit(d) {
		return "", errs.New(CodeBRN)
	}
	out := make([]byte, 10)
	for i, v := range d {
		out[i] = '0' + v
	}
	return string(out), nil
}

func brnCheckDigit(d []byte) byte {
	w := [9]int{1, 3, 7, 1, 3, 7, 1, 3, 5}
	sum := 0
	for i := range 9 {
		sum += int(d[i]) * w[i]
	}
	sum += int(d[8]) * 5 / 10
	return byte((10 - sum%10) % 10)
}

// FormatBRN writes ten digits as 123-45-67890.
func FormatBRN(digits string) string {
	if len(digits) != 10 {
		return digits
	}
	return digits[:3] + "-" + digits[3:5] + "-" + digits[5:]
}
