package ui

import (
	"strings"
	"testing"

	"github.com/yeongdeungpo/kiosk/booking/pass"
)

// TestManagerRotatesPassKeyWithTaps: the rotation is explained and asked
// before it happens; "keep" changes nothing; afterwards the key file signs
// with the new key and a pass handed out before still checks in.
func TestManagerRotatesPassKeyWithTaps(t *testing.T) {
	f := newFixture(t, at(8, 0))
	b := f.book("meeting", at(10, 0), at(11, 0))
	if _, err := f.c.Booking.Pay(f.desk(), b.ID, "cash"); err != nil {
		t.Fatal(err)
	}
	oldPass, err := f.c.Booking.PassToken(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	f.claim("482915")
	f.tapText(T("staff.keys"))
	if explain := strings.Fields(T("staff.keys.explain")); !f.hasText(strings.Join(explain[:3], " ")) { // it wraps
		t.Fatalf("no explanation before rotating: %q", f.texts())
	}
	f.tapText(T("my.cancel.keep"))
	if k, _ := pass.LoadOrCreateKeyring(f.dir); k.CurrentKeyID() != 1 {
		t.Fatalf("keeping the key rotated it to %d", k.CurrentKeyID())
	}
	f.tapText(T("staff.keys"))
	f.tapText(T("staff.keys.rotate"))
	if !f.hasText(T("staff.keys.done", map[string]any{"ID": 2})) {
		t.Fatalf("no answer after rotating: %q", f.texts())
	}
	if k, _ := pass.LoadOrCreateKeyring(f.dir); k.CurrentKeyID() != 2 || len(k.KeyIDs()) != 2 {
		t.Fatalf("key file after rotating: current %d, ids %v", k.CurrentKeyID(), k.KeyIDs())
	}
	f.clock.t = at(10, 0)
	f.shell.GoHome()
	if r := f.scan(oldPass); r == nil || !r.ok {
		t.Fatalf("a pass from before the rotation: %+v", r)
	}
}
