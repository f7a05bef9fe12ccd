package errstest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/errs"
)

// recorder collects what CheckCodes reports.
type recorder struct {
	testing.TB
	msgs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(f string, a ...any) {
	r.msgs = append(r.msgs, fmt.Sprintf(f, a...))
}

// TestCheckCodes: each slip CheckCodes exists for is reported, and a
// correct set is not.
func TestCheckCodes(t *testing.T) {
	a, b := errs.Code("x.a"), errs.Code("x.b")
	errA, errB := errs.New(a), errs.New(b)
	cases := []struct {
		name      string
		sentinels []Sentinel
		codes     []errs.Code
		want      string // "" for no report
	}{
		{"right", []Sentinel{{"ErrA", errA, a}, {"ErrB", errB, b}}, []errs.Code{b, a}, ""},
		{"wrong code", []Sentinel{{"ErrA", errA, b}}, []errs.Code{b}, "has code"},
		{"shared code", []Sentinel{{"ErrA", errA, a}, {"ErrA2", errs.New(a), a}}, []errs.Code{a, a}, "errors.Is"},
		{"code not listed", []Sentinel{{"ErrA", errA, a}, {"ErrB", errB, b}}, []errs.Code{a}, "Codes"},
		{"listed without a variable", []Sentinel{{"ErrA", errA, a}}, []errs.Code{a, b}, "Codes"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := &recorder{TB: t}
			CheckCodes(r, c.sentinels, c.codes)
			got := strings.Join(r.msgs, "\n")
			if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
				t.Fatalf("reported %q, want a report containing %q", got, c.want)
			}
		})
	}
}
