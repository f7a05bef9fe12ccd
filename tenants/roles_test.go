package tenants

import (
	"errors"
	"maps"
	"reflect"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants/sheet"
)

// tenancyWrites are every write of the package, each as it would succeed
// on previewFixture's store.
var tenancyWrites = []struct {
	name  string
	write func(c clocked, a store.Actor) error
}{
	{"move-in", func(c clocked, a store.Actor) error {
		_, err := c.MoveIn(a, incubatorMoveIn("I10", day(2027, 3, 2)))
		return err
	}},
	{"extend", func(c clocked, a store.Actor) error { _, err := c.Extend(a, paidLease); return err }},
	{"move-out", func(c clocked, a store.Actor) error {
		_, err := c.MoveOut(a, arrearsLease, day(2027, 3, 2), 0)
		return err
	}},
	{"payment", func(c clocked, a store.Actor) error {
		_, err := c.Pay(a, "I01", day(2027, 3, 2), 1000, "cash")
		return err
	}},
	{"add lease", func(c clocked, a store.Actor) error {
		return c.AddLease(a, lease("I11-20270302", "I11", "새 회사", day(2027, 3, 2), day(2028, 3, 1)))
	}},
	{"import leases", func(c clocked, a store.Actor) error {
		_, err := c.ImportLeases(a, []sheet.LeaseRow{leaseRow(2, "I12", "incubator", day(2027, 1, 1), day(2027, 12, 31))}, hashOf("roles"))
		return err
	}},
	{"import payments", func(c clocked, a store.Actor) error {
		_, err := c.ImportPayments(a, []sheet.PaymentRow{{Line: 2, Unit: "I01", Date: day(2027, 2, 1), Amount: 5000, Method: "transfer"}}, hashOf("roles"))
		return err
	}},
	{"purge", func(c clocked, a store.Actor) error { _, err := c.Purge(a); return err }},
	{"settings", func(c clocked, a store.Actor) error {
		return c.UpdateSettings(a, func(s *Settings) { s.ExpiringDays = 30 })
	}},
}

// TestWritesNeedTheirRole: the manager, kioskctl and the kiosk's own jobs
// may make every tenancy write; the reception, a visitor, anyone else, and
// a member no longer stored may make none, and a refused write stores
// nothing.
func TestWritesNeedTheirRole(t *testing.T) {
	fixed := func(a store.Actor) func(*testing.T, *store.DB) store.Actor {
		return func(*testing.T, *store.DB) store.Actor { return a }
	}
	actors := []struct {
		name  string
		actor func(*testing.T, *store.DB) store.Actor // on a store
		want  error
	}{
		{"reception", newReception, staff.ErrForbidden},
		{"visitor", fixed(store.ActorVisitor), staff.ErrForbidden},
		{"not staff", fixed("someone"), staff.ErrForbidden},
		{"staff prefix without a member", fixed("staff:"), staff.ErrForbidden},
		{"member no longer stored", fixed("staff:gone"), staff.ErrUnknownStaff},
		{"kioskctl", fixed(store.ActorCLI), nil},
		{"kiosk", fixed(store.ActorSystem), nil},
		{"manager", newManager, nil},
	}
	for _, w := range tenancyWrites {
		for _, a := range actors {
			t.Run(w.name+"/"+a.name, func(t *testing.T) {
				c := previewFixture(t)
				actor := a.actor(t, c.db)
				before := dumpStore(t, c.db)
				err := w.write(c, actor)
				if !errors.Is(err, a.want) || (a.want == nil && err != nil) {
					t.Fatalf("%v, want %v", err, a.want)
				}
				changed := !maps.Equal(before, dumpStore(t, c.db))
				if a.want != nil && changed {
					t.Fatal("refused, yet the store changed")
				}
				// A purge with nothing due writes nothing, allowed or not.
				if a.want == nil && !changed && w.name != "purge" {
					t.Fatal("allowed, yet nothing stored")
				}
			})
		}
	}
}

// TestReadsNeedTenancy: the units board and a tenant's file show money and
// masked personal data, so they need staff.PermTenancy like the writes: the
// manager reads what kioskctl reads; the reception, a visitor, anyone else
// and a member no longer stored read nothing.
func TestReadsNeedTenancy(t *testing.T) {
	c := boardFixture(t)
	manager, reception := newManager(t, c.db), newReception(t, c.db)
	wantBoard, err := c.Board(store.ActorCLI, boardDay)
	if err != nil || len(wantBoard) == 0 {
		t.Fatalf("kioskctl's board: %d units, %v", len(wantBoard), err)
	}
	var lease string
	for _, u := range wantBoard {
		if !u.Vacant {
			lease = u.Tenancy.Lease.ID
			break
		}
	}
	wantFile, err := c.TenantFile(store.ActorCLI, lease, boardDay)
	if err != nil || wantFile.Tenancy.Lease.ID != lease {
		t.Fatalf("kioskctl's file of %q: %+v, %v", lease, wantFile, err)
	}
	cases := []struct {
		name  string
		actor store.Actor
		want  error
	}{
		{"manager", manager, nil},
		{"kiosk", store.ActorSystem, nil},
		{"reception", reception, staff.ErrForbidden},
		{"visitor", store.ActorVisitor, staff.ErrForbidden},
		{"not staff", "someone", staff.ErrForbidden},
		{"member no longer stored", "staff:gone", staff.ErrUnknownStaff},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			board, err := c.Board(cs.actor, boardDay)
			if !errors.Is(err, cs.want) || (cs.want == nil && err != nil) {
				t.Fatalf("Board: %v, want %v", err, cs.want)
			}
			if cs.want != nil && board != nil || cs.want == nil && !reflect.DeepEqual(board, wantBoard) {
				t.Fatalf("Board gave %d units (kioskctl's %d)", len(board), len(wantBoard))
			}
			file, err := c.TenantFile(cs.actor, lease, boardDay)
			if !errors.Is(err, cs.want) || (cs.want == nil && err != nil) {
				t.Fatalf("TenantFile: %v, want %v", err, cs.want)
			}
			if cs.want != nil && !reflect.DeepEqual(file, TenantFile{}) || cs.want == nil && !reflect.DeepEqual(file, wantFile) {
				t.Fatalf("TenantFile gave %+v", file)
			}
		})
	}
}
