package staff

import (
	"errors"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// TestRequire: every permission against every kind of actor, read from the
// store: reception runs bookings only, a manager everything, a visitor
// nothing, a member who was removed or whose record says an unknown role
// nothing; kioskctl and the kiosk's own jobs everything.
func TestRequire(t *testing.T) {
	e := newEnv(t)
	addMember(t, e.db, Staff{ID: "kim", Name: "김접수", Role: RoleReception}, "583920")
	addMember(t, e.db, Staff{ID: "boss", Name: "박관리", Role: RoleManager}, "583921")
	addMember(t, e.db, Staff{ID: "odd", Name: "이상한", Role: Role("janitor")}, "583922")
	all := []Permission{PermBookings, PermTenancy, PermMoney, PermSettings, PermStaff, PermReveal, PermExport, PermAudit}
	cases := []struct {
		actor   store.Actor
		allowed []Permission
		refusal error
	}{
		{"staff:kim", []Permission{PermBookings}, ErrForbidden},
		{"staff:boss", all, nil},
		{"staff:odd", nil, ErrForbidden},
		{"staff:gone", nil, ErrUnknownStaff},
		{"staff:", nil, ErrForbidden},
		{store.ActorVisitor, nil, ErrForbidden},
		{"someone", nil, ErrForbidden},
		{store.ActorCLI, all, nil},
		{store.ActorSystem, all, nil},
	}
	for _, c := range cases {
		for _, p := range all {
			want := c.refusal
			for _, a := range c.allowed {
				if a == p {
					want = nil
				}
			}
			err := Allowed(e.db, c.actor, p)
			if (want == nil) != (err == nil) || (want != nil && !errors.Is(err, want)) {
				t.Errorf("%s may %s: got %v, want %v", c.actor, p, err, want)
			}
		}
	}
}

// TestRequireReadsTheStore: a member demoted after signing in is refused
// from the next action on, because the role is read from the store and
// not from the Staff value the session holds.
func TestRequireReadsTheStore(t *testing.T) {
	e := newEnv(t)
	m := Staff{ID: "lee", Name: "이직원", Role: RoleManager}
	addMember(t, e.db, m, "583920")
	if err := Allowed(e.db, m.Actor(), PermTenancy); err != nil {
		t.Fatalf("manager refused: %v", err)
	}
	addMember(t, e.db, Staff{ID: "lee", Name: "이직원", Role: RoleReception}, "583920")
	if err := Allowed(e.db, m.Actor(), PermTenancy); !errors.Is(err, ErrForbidden) {
		t.Fatalf("demoted member with a manager's session: %v, want ErrForbidden", err)
	}
	if !m.Can(PermTenancy) || (Staff{Role: RoleReception}).Can(PermTenancy) {
		t.Fatal("Can does not follow the role's grants")
	}
}
