package tenants

import "fmt"

// BRNFrom makes a valid 사업자등록번호 (ten digits) from n below
// 1,000,000,000 for test fixtures, with NormalizeBRN's own check digit.
func BRNFrom(n int) string {
	nine := fmt.Sprintf("%09d", n)
	d := make([]byte, 9)
	for i := range d {
		d[i] = nine[i] - '0'
	}
	return fmt.Sprintf("%s%d", nine, brnCheckDigit(d))
}
