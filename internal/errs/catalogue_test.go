package errs_test

import (
	"strings"
	"testing"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/backup"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/exports"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// declared is every package that declares refusal codes, with the prefix
// its codes must have.
var declared = []struct {
	prefix string
	codes  []errs.Code
}{
	{"tenants.", tenants.Codes},
	{"booking.", booking.Codes},
	{"staff.", staff.Codes},
	{"pass.", pass.Codes},
	{"exports.", exports.Codes},
	{"backup.", backup.Codes},
}

// TestDeclaredCodesKnown: the catalogue words every refusal code a package
// declares, each listed once, under the package's own prefix, and renders
// it (not the bare code) in both languages.
func TestDeclaredCodesKnown(t *testing.T) {
	seen := map[errs.Code]bool{}
	for _, d := range declared {
		if len(d.codes) == 0 {
			t.Errorf("no %s codes declared", d.prefix)
		}
		for _, c := range d.codes {
			if !errs.Known(c) {
				t.Errorf("%q is not in the catalogue", c)
			}
			if !strings.HasPrefix(string(c), d.prefix) {
				t.Errorf("%q is not a %s code", c, d.prefix)
			}
			if seen[c] {
				t.Errorf("%q declared twice", c)
			}
			seen[c] = true
			for _, say := range []func(error) (string, bool){errs.Korean, errs.English} {
				if s, ok := say(errs.New(c)); !ok || s == string(c) {
					t.Errorf("%q renders as %q, %v", c, s, ok)
				}
			}
		}
	}
}

// TestNoUndeclaredCodes: every code the catalogue words is declared by a
// package (a sentence left behind by a renamed code, or a code misspelt in
// the catalogue, would never be shown).
func TestNoUndeclaredCodes(t *testing.T) {
	seen := map[errs.Code]bool{}
	for _, d := range declared {
		for _, c := range d.codes {
			seen[c] = true
		}
	}
	for _, c := range errs.CatalogueCodes() {
		if !seen[c] {
			t.Errorf("the catalogue words %q, which no package declares", c)
		}
	}
}
