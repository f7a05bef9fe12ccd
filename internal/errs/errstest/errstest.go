// Package errstest checks a package's refusal variables against the list of
// codes it declares; only tests import it.
package errstest

import (
	"errors"
	"slices"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/errs"
)

// Sentinel is one exported refusal variable and the code it must carry.
type Sentinel struct {
	Name string
	Err  error
	Code errs.Code
}

// CheckCodes fails t unless each sentinel carries its own code, matches
// itself and no other (two variables sharing a code by a slip would make the
// screens and kioskctl say one thing for both), and codes lists exactly the
// sentinels' codes.
func CheckCodes(t testing.TB, sentinels []Sentinel, codes []errs.Code) {
	t.Helper()
	var want []errs.Code
	for i, s := range sentinels {
		if got := errs.CodeOf(s.Err); got != s.Code {
			t.Errorf("%s has code %q, want %q", s.Name, got, s.Code)
		}
		for j, o := range sentinels {
			if got := errors.Is(s.Err, o.Err); got != (i == j) {
				t.Errorf("errors.Is(%s, %s) = %v", s.Name, o.Name, got)
			}
		}
		want = append(want, s.Code)
	}
	slices.Sort(want)
	listed := slices.Clone(codes)
	slices.Sort(listed)
	if !slices.Equal(want, listed) {
		t.Errorf("Codes %v\nwant the variables' codes %v", listed, want)
	}
}
