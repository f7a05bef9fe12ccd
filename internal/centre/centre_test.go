package centre

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
)

var testNow = seoul.Date(2026, 11, 27, 10, 0) // a Friday

func clock() time.Time { return testNow }

func auditActions(t *testing.T, db *store.DB) map[string]int {
	t.Helper()
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, e := range log {
		out[e.Action]++
	}
	return out
}

func auditLen(_ *testing.T, db *store.DB) int { return db.AuditLen() }

func countKeys(t *testing.T, db *store.DB, prefix string) int {
	t.Helper()
	n := 0
	if err := db.View(func(tx *store.Txn) error {
		return tx.Scan(store.Prefix(prefix), func(_, _ []byte) error { n++; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// checkLayout asserts that c holds exactly the default rooms and units.
func checkLayout(t *testing.T, c *Centre) {
	t.Helper()
	rooms, err := c.Booking.Rooms()
	if err != nil {
		t.Fatal(err)
	}
	if len(rooms) != 5 {
		t.Fatalf("%d rooms, want 5", len(rooms))
	}
	for i, r := range rooms {
		if r != booking.DefaultRooms()[i] {
			t.Errorf("room %d = %+v, want %+v", i, r, booking.DefaultRooms()[i])
		}
	}
	dir, err := c.Tenants.Directory(testNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(dir) != 37 {
		t.Fatalf("%d units, want 37", len(dir))
	}
	if n := countKeys(t, c.DB, "room"); n != 5 {
		t.Errorf("%d room keys, want 5", n)
	}
	if n := countKeys(t, c.DB, "unit"); n != 37 {
		t.Errorf("%d unit keys, want 37", n)
	}
}

func TestOpenTwiceSeedsOnce(t *testing.T) {
	dir := t.TempDir()
	for i := range 2 {
		c, err := Open(dir, clock)
		if err != nil {
			t.Fatalf("open %d: %v", i+1, err)
		}
		checkLayout(t, c)
		if c.DB.Dir() != dir {
			t.Errorf("Dir() = %q, want %q", c.DB.Dir(), dir)
		}
		if got := auditActions(t, c.DB)["layout.seed"]; got != 1 {
			t.Errorf("open %d: %d layout.seed entries, want 1", i+1, got)
		}
		if n, err := c.DB.VerifyAudit(); err != nil || n == 0 {
			t.Errorf("VerifyAudit = %d, %v", n, err)
		}
		if c.Staff == nil || c.Booking == nil || c.Tenants == nil {
			t.Fatalf("services not wired: %+v", c)
		}
		if err := c.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestSeedWritesNothingWhenComplete(t *testing.T) {
	c, err := OpenInMemory(clock)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	before := auditLen(t, c.DB)
	for range 3 {
		if err := Seed(c.DB); err != nil {
			t.Fatal(err)
		}
	}
	if n := auditLen(t, c.DB); n != before {
		t.Fatalf("audit entries %d -> %d after seeding a complete store", before, n)
	}
	checkLayout(t, c)
}

func TestSeedFillsOnlyWhatIsMissing(t *testing.T) {
	c, err := OpenInMemory(clock)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	// Staff change a fee, and a room and a unit go missing.
	err = c.DB.Update(stafftest.Enroll(t, c.DB, "관리", staff.RoleManager), "layout.edit", func(tx *store.Txn) error {
		r := booking.DefaultRooms()[0]
		r.HourlyFee = 12345
		if err := tx.Put(store.Key("room", r.ID), r); err != nil {
			return err
		}
		if err := tx.Delete(store.Key("room", "meeting")); err != nil {
			return err
		}
		return tx.Delete(store.Key("unit", "Y05"))
	})
	if err != nil {
		t.Fatal(err)
	}
	before := auditActions(t, c.DB)["layout.seed"]
	if err := Seed(c.DB); err != nil {
		t.Fatal(err)
	}
	if got := auditActions(t, c.DB)["layout.seed"]; got != before+1 {
		t.Fatalf("layout.seed entries %d -> %d, want one more", before, got)
	}
	log, _ := c.DB.AuditLog(0, 0)
	last := log[len(log)-1]
	if last.Action != "layout.seed" || last.Actor != store.ActorSystem || len(last.Notes) != 2 {
		t.Errorf("seed entry = %+v", last)
	}
	if r, err := c.Booking.Room("seminar"); err != nil || r.HourlyFee != 12345 {
		t.Errorf("edited room after seeding = %+v, %v", r, err)
	}
	if _, err := c.Booking.Room("meeting"); err != nil {
		t.Errorf("missing room not restored: %v", err)
	}
	if n := countKeys(t, c.DB, "unit"); n != 37 {
		t.Errorf("%d units, want 37", n)
	}
}

func TestOpenInMemory(t *testing.T) {
	c, err := OpenInMemory(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	checkLayout(t, c)
	if c.DB.Dir() != "" {
		t.Errorf("Dir() = %q", c.DB.Dir())
	}
	if got := auditActions(t, c.DB)["layout.seed"]; got != 1 {
		t.Errorf("%d layout.seed entries, want 1", got)
	}
	// The services work on the clock they were given: book tomorrow.
	c2, err := OpenInMemory(clock)
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	b, err := c2.Booking.Book(store.ActorVisitor, booking.Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: "meeting",
		From: seoul.Date(2026, 11, 27, 11, 0), To: seoul.Date(2026, 11, 27, 12, 0)})
	if err != nil {
		t.Fatal(err)
	}
	if !b.CreatedAt.Equal(testNow) {
		t.Errorf("CreatedAt = %v, want the centre's clock %v", b.CreatedAt, testNow)
	}
	if _, err := c2.Booking.Book(store.ActorVisitor, booking.Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true, Room: "meeting",
		From: seoul.Date(2026, 11, 27, 9, 0), To: seoul.Date(2026, 11, 27, 10, 0)}); !errors.Is(err, booking.ErrPast) {
		t.Errorf("booking before the centre's clock: %v, want ErrPast", err)
	}
	if err := c2.Tenants.AddLease(stafftest.Enroll(t, c2.DB, "관리", staff.RoleManager), tenants.Lease{ID: "L1", Unit: "I01", Tenant: "T",
		Start: seoul.Date(2026, 1, 1, 0, 0), End: seoul.Date(2026, 12, 31, 0, 0)}); err != nil {
		t.Fatal(err)
	}
	// Each in-memory centre is its own store.
	if n := countKeys(t, c.DB, "booking"); n != 0 {
		t.Errorf("first in-memory centre sees %d bookings of the second", n)
	}
}

func TestDefaultDataDir(t *testing.T) {
	home := t.TempDir()
	cases := []struct {
		name      string
		xdg, home string
		want      string
	}{
		{"XDG_DATA_HOME set", "/srv/kiosk-data", home, "/srv/kiosk-data/startup-kiosk"},
		{"XDG_DATA_HOME empty", "", home, filepath.Join(home, ".local", "share", "startup-kiosk")},
		{"no home either", "", "", "startup-kiosk-data"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Setenv("XDG_DATA_HOME", c.xdg)
			t.Setenv("HOME", c.home)
			if got := DefaultDataDir(); got != c.want {
				t.Fatalf("DefaultDataDir() = %q, want %q", got, c.want)
			}
		})
	}
}

// Badger locks the directory with flock, which conflicts between two open
// file descriptions even inside one process, so a second Open in this
// process is refused just as another process's would be.
func TestOpenInUse(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	before, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := Open(dir, clock)
	if err == nil {
		_ = c2.Close()
		t.Fatal("second Open of an open directory succeeded")
	}
	if !errors.Is(err, store.ErrInUse) {
		t.Fatalf("second Open: %v, want store.ErrInUse", err)
	}
	after, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(before) != len(after) {
		t.Errorf("refused Open changed the directory: %d entries before, %d after", len(before), len(after))
	}
	// The first centre is unharmed.
	checkLayout(t, c)
	if _, err := c.DB.VerifyAudit(); err != nil {
		t.Fatal(err)
	}
}

func TestOpenBadDirectory(t *testing.T) {
	file := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Open(file, clock)
	if err == nil {
		_ = c.Close()
		t.Fatal("opened a file as the data directory")
	}
	if !errors.Is(err, store.ErrUnreadable) {
		t.Fatalf("err = %v, want store.ErrUnreadable", err)
	}
}
