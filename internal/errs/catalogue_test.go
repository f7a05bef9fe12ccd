package errs_test

import (
	"strings"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// TestTenantsCodesKnown: the catalogue words every refusal code tenants
// declares, each listed once.
func TestTenantsCodesKnown(t *testing.T) {
	if len(tenants.Codes) == 0 {
		t.Fatal("tenants.Codes is empty")
	}
	seen := map[errs.Code]bool{}
	for _, c := range tenants.Codes {
		if !errs.Known(c) {
			t.Errorf("%q is not in the catalogue", c)
		}
		if !strings.HasPrefix(string(c), "tenants.") {
			t.Errorf("%q is not a tenants code", c)
		}
		if seen[c] {
			t.Errorf("%q listed twice in tenants.Codes", c)
		}
		seen[c] = true
		// A code's sentences render (not the bare code) in both languages.
		for _, say := range []func(error) (string, bool){errs.Korean, errs.English} {
			if s, ok := say(errs.New(c)); !ok || s == string(c) {
				t.Errorf("%q renders as %q, %v", c, s, ok)
			}
		}
	}
}
