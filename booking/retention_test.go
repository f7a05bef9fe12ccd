package booking

import (
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

func TestPurgeDestroysPersonalDataAfterRetention(t *testing.T) {
	svc, db, clk := newClockedService(t, at(friday, 8, 0))
	old := mustBook(t, svc, "seminar", at(friday, 10, 0), at(friday, 12, 0))
	if _, err := svc.Pay(manager(t, svc.db), old.ID, PayCash); err != nil {
		t.Fatal(err)
	}
	cancelled := mustBook(t, svc, "meeting", at(friday, 13, 0), at(friday, 14, 0))
	if _, err := svc.CancelOwn(cancelled.ID, "5678"); err != nil {
		t.Fatal(err)
	}
	later := mustBook(t, svc, "meeting", at(friday, 16, 0).AddDate(0, 0, 31), at(friday, 17, 0).AddDate(0, 0, 31))

	// A day before the year is up nothing is destroyed.
	clk.Set(at(friday, 9, 0).AddDate(0, 0, 365))
	if n, err := svc.Purge(store.ActorSystem); err != nil || n != 0 {
		t.Fatalf("purge before the retention ends: %d, %v", n, err)
	}
	clk.Set(at(friday, 9, 0).AddDate(0, 0, 366))
	n, err := svc.Purge(store.ActorSystem)
	if err != nil || n != 2 {
		t.Fatalf("purge: %d, %v; want 2", n, err)
	}
	for _, id := range []string{old.ID, cancelled.ID} {
		b := mustGet(t, svc, id)
		if b.Name != "" || b.Phone != "" || b.Org != "" || b.PurgedAt.IsZero() {
			t.Fatalf("%s kept personal data: %+v", id, b)
		}
		if b.Fee == 0 || b.Room == "" || b.Status == "" {
			t.Fatalf("%s lost its accounting: %+v", id, b)
		}
	}
	if b := mustGet(t, svc, later.ID); b.Name == "" || b.Phone == "" {
		t.Fatal("a booking still inside its retention period was cleared")
	}
	// The destruction is logged with counts only.
	log, _ := db.AuditLog(0, 0)
	last := log[len(log)-1]
	if last.Action != "booking.purge" || !strings.Contains(last.Notes[0], "2 bookings") ||
		strings.Contains(last.Notes[0], "홍") || strings.Contains(last.Notes[0], "5678") {
		t.Fatalf("destruction log entry %+v", last)
	}
	// Running again finds nothing more to do.
	if n, err := svc.Purge(store.ActorSystem); err != nil || n != 0 {
		t.Fatalf("second purge: %d, %v", n, err)
	}
	clk.Set(clk.Now().AddDate(0, 0, 32))
	if n, err := svc.Purge(store.ActorSystem); err != nil || n != 1 {
		t.Fatalf("purge of the later booking: %d, %v", n, err)
	}
	if _, err := svc.Lookup(old.ID, "5678"); err == nil {
		t.Fatal("a purged booking can still be looked up by phone")
	}
}

func TestPurgeWorksInBatches(t *testing.T) {
	svc, _, clk := newClockedService(t, at(friday, 8, 0))
	made := 0
	for day := 0; day < 30 && made < purgeBatch+40; day++ {
		d := at(friday, 0, 0).AddDate(0, 0, day)
		info, _ := svc.DayInfo(d, "")
		if !info.IsOpen {
			continue
		}
		for from := info.Open; !from.Add(time.Hour).After(info.Close); from = from.Add(time.Hour) {
			for _, r := range []string{"seminar", "multipurpose", "meeting", "investment", "consulting"} {
				mustBook(t, svc, r, from, from.Add(time.Hour))
				made++
			}
		}
	}
	clk.Set(at(friday, 8, 0).AddDate(0, 0, 400))
	n, err := svc.Purge(store.ActorSystem)
	if err != nil || n != made {
		t.Fatalf("purged %d of %d, %v", n, made, err)
	}
}
