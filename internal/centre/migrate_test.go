package centre

import (
	"errors"
	"os"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/ledger"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// loadV1 puts testdata/schema-v1.backup (a store written by the kiosk before
// the ledger; see testdata/README.md) into a fresh directory.
func loadV1(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("testdata/schema-v1.backup")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := db.Load(f); err != nil {
		t.Fatal(err)
	}
	if v, err := db.SchemaVersion(); err != nil || v != 1 {
		t.Fatalf("the fixture reads as version %d, %v; want 1", v, err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	// The fixture holds bookings: a directory restored whole has its pass
	// key file too (without it, Open refuses; see TestPassKeysMissing).
	if _, err := pass.LoadOrCreateKeyring(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestMigrateFromVersion1(t *testing.T) {
	dir := loadV1(t)
	c, err := Open(dir, func() time.Time { return seoul.Date(2026, 11, 3, 9, 0) })
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if v, _ := c.DB.SchemaVersion(); v != len(Migrations) {
		t.Fatalf("version %d after opening, want %d", v, len(Migrations))
	}
	if n, err := c.DB.VerifyAudit(); err != nil {
		t.Fatalf("audit after migrating: %d entries, %v", n, err)
	}
	// The fixture's bookings (testdata/README.md): a card payment of 40,000
	// still paid; 40,000 paid and refunded in full; 30,000 paid and 21,000
	// refunded; an unpaid hold.
	want := map[string]map[ledger.Kind]int64{
		"booking:VP3SR9HH": {ledger.RoomFee: 40000},
		"booking:58DYMYEN": {ledger.RoomFee: 40000, ledger.RoomRefund: -40000},
		"booking:KHT7N3RH": {ledger.RoomFee: 30000, ledger.RoomRefund: -21000},
		"booking:ZM5PE2B5": {},
	}
	err = c.DB.View(func(tx *store.Txn) error {
		for ref, w := range want {
			got, err := ledger.SumRef(tx, ref)
			if err != nil {
				return err
			}
			for k, v := range got {
				if w[k] != v {
					t.Errorf("%s %s = %d, want %d", ref, k, v, w[k])
				}
			}
			for k, v := range w {
				if got[k] != v {
					t.Errorf("%s %s = %d, want %d", ref, k, got[k], v)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// The fees count in November 2026, when they were paid (2 November).
	rentals, err := c.Booking.RentalsBetween(seoul.Date(2026, 11, 1, 0, 0), seoul.Date(2026, 11, 30, 0, 0))
	if err != nil || rentals.Net() != 40000+40000-40000+30000-21000 {
		t.Errorf("November's rental income %d, %v", rentals.Net(), err)
	}
	// The old leases have their unit's kind and one term, and are found by
	// the year index the report reads.
	for _, c2 := range []struct {
		id   string
		kind tenants.Kind
	}{{"L-OLD1", tenants.KindIncubator}, {"L-OLD2", tenants.KindYouth}} {
		l, err := c.Tenants.Lease(c2.id)
		if err != nil || l.Kind != c2.kind || len(l.Terms) != 1 || l.Terms[0].MonthlyRent != l.MonthlyRent {
			t.Errorf("lease %s after migrating: %+v, %v", c2.id, l, err)
		}
	}
	f, err := c.Tenants.Figures(seoul.Date(2026, 1, 1, 0, 0), seoul.Date(2026, 12, 31, 0, 0))
	if err != nil || f.MoveIns != 1 || f.RentBilled != 12*300000 || f.YouthRentBilled != 9*45000 {
		t.Errorf("2026 figures from the migrated leases: %+v, %v", f, err)
	}
	units, _ := c.Tenants.Units()
	if units[0].MonthlyRent == 0 {
		t.Errorf("unit %s got no default terms", units[0].ID)
	}
	entries := auditLen(t, c.DB)
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	// Opening again migrates nothing.
	c, err = Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	if auditLen(t, c.DB) != entries {
		t.Errorf("reopening wrote %d audit entries", auditLen(t, c.DB)-entries)
	}
}

func TestNewerStoreRefusedUntouched(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DB.Update(store.ActorSystem, "test.future", func(tx *store.Txn) error {
		return tx.Put(store.Key("meta", "schema"), len(Migrations)+1)
	}); err != nil {
		t.Fatal(err)
	}
	entries := auditLen(t, c.DB)
	_ = c.Close()
	if _, err := Open(dir, clock); !errors.Is(err, store.ErrNewerSchema) {
		t.Fatalf("a store from a newer version opened: %v", err)
	}
	if msg := store.OpenMessage(dir, store.ErrNewerSchema); msg == "" {
		t.Fatal("no message")
	}
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.AuditLen() != entries {
		t.Fatalf("the refused open wrote %d audit entries", db.AuditLen()-entries)
	}
}
