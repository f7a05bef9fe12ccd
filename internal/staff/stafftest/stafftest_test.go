package stafftest

import (
	"errors"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

func TestMemberIsARealMember(t *testing.T) {
	db, err := store.OpenInMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	desk := Member(t, db, "접수", staff.RoleReception)
	boss := Member(t, db, "관리", staff.RoleManager)
	if again := Member(t, db, "접수", staff.RoleReception); again != desk {
		t.Fatalf("second Member = %+v, want %+v", again, desk)
	}
	if Enroll(t, db, "관리", staff.RoleManager) != boss.Actor() {
		t.Fatal("Enroll gives another actor")
	}
	// The roles hold in the store.
	if err := staff.Allowed(db, desk.Actor(), staff.PermBookings); err != nil {
		t.Fatal(err)
	}
	if err := staff.Allowed(db, desk.Actor(), staff.PermSettings); !errors.Is(err, staff.ErrForbidden) {
		t.Fatalf("reception may change settings: %v", err)
	}
	if err := staff.Allowed(db, boss.Actor(), staff.PermSettings); err != nil {
		t.Fatal(err)
	}
	// Each signs in with PIN(name).
	svc, err := staff.New(db, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []staff.Staff{desk, boss} {
		if got, err := svc.Login(m.ID, PIN(m.Name)); err != nil || got != m {
			t.Fatalf("Login(%s) = %+v, %v", m.Name, got, err)
		}
	}
	if PIN("접수") == PIN("관리") {
		t.Fatal("two names, one PIN")
	}
}

func TestClaim(t *testing.T) {
	db, err := store.OpenInMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc, err := staff.New(db, t.TempDir(), func() time.Time { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) })
	if err != nil {
		t.Fatal(err)
	}
	m := Claim(t, svc)
	if m.ID != staff.ManagerID || m.Role != staff.RoleManager {
		t.Fatalf("claimed %+v", m)
	}
	if again := Claim(t, svc); again != m {
		t.Fatalf("second Claim = %+v", again)
	}
	if got, err := svc.Login(staff.ManagerID, ManagerPIN); err != nil || got != m {
		t.Fatalf("Login = %+v, %v", got, err)
	}
}
