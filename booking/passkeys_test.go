package booking

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yeongdeungpo/kiosk/booking/pass"
)

// TestRotatePassKey: after a rotation new passes are signed with the new
// key, a pass handed out before still checks in, the key file holds both
// keys for the next start, and the audit log names who rotated.
func TestRotatePassKey(t *testing.T) {
	svc, db, clk := newClockedService(t, thursdayMorning)
	dir := t.TempDir()
	keys, err := pass.LoadOrCreateKeyring(dir)
	if err != nil {
		t.Fatal(err)
	}
	svc.keys = keys
	before := mustPay(t, svc, mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 11, 0)).ID)
	oldPass, err := svc.PassToken(before.ID)
	if err != nil {
		t.Fatal(err)
	}

	for _, who := range []Actor{ActorVisitor, ActorSystem, ""} {
		if _, err := svc.RotatePassKey(who); !errors.Is(err, ErrStaffOnly) {
			t.Fatalf("%q rotating the pass key: %v", who, err)
		}
	}
	if keys.CurrentKeyID() != 1 {
		t.Fatalf("a refused rotation changed the key to %d", keys.CurrentKeyID())
	}
	boss := manager(t, db)
	id, err := svc.RotatePassKey(boss)
	if err != nil || id != 2 {
		t.Fatalf("RotatePassKey = %d, %v; want 2", id, err)
	}
	after := mustPay(t, svc, mustBook(t, svc, "seminar", at(friday, 10, 0), at(friday, 11, 0)).ID)
	newPass, err := svc.PassToken(after.ID)
	if err != nil {
		t.Fatal(err)
	}
	if newPass[3:5] != "02" || oldPass[3:5] != "01" {
		t.Fatalf("key ids in passes: before %q, after %q", oldPass[3:5], newPass[3:5])
	}
	clk.Set(at(friday, 10, 0))
	for _, tok := range []string{oldPass, newPass} {
		if _, err := svc.CheckIn(ActorVisitor, tok, ""); err != nil {
			t.Errorf("check-in of %s… after the rotation: %v", tok[:8], err)
		}
	}
	// The next start reads both keys from the file.
	reloaded, err := pass.LoadOrCreateKeyring(dir)
	if err != nil {
		t.Fatal(err)
	}
	if ids := reloaded.KeyIDs(); len(ids) != 2 || reloaded.CurrentKeyID() != 2 {
		t.Fatalf("reloaded ids %v, current %d", ids, reloaded.CurrentKeyID())
	}
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range log {
		if e.Action == "pass.rotate_key" {
			found = e.Actor == boss
			raw, _ := os.ReadFile(filepath.Join(dir, pass.KeyFile))
			for _, n := range e.Notes {
				if strings.Contains(string(raw), n) || !strings.Contains(n, "2") {
					t.Errorf("audit note %q", n)
				}
			}
		}
	}
	if !found {
		t.Fatal("no audit entry for the rotation under the staff member")
	}
}

// TestRotatePassKeyWithoutPasses: a kiosk without pass keys says so.
func TestRotatePassKeyWithoutPasses(t *testing.T) {
	svc, db := newTestService(t, thursdayMorning)
	svc.keys = nil
	if _, err := svc.RotatePassKey(manager(t, db)); err != ErrNoPasses {
		t.Fatalf("RotatePassKey without keys = %v", err)
	}
}
