package tenants

import (
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

func TestPurgeAfterRetention(t *testing.T) {
	cases := []struct {
		name   string
		now    time.Time
		purged bool
	}{
		// Last day 2021-05-31 (moved out 1 June): five years later is 2026-05-31.
		{"the last day of the five years", day(2026, 5, 31), false},
		{"the day after", day(2026, 6, 1), true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newClocked(t, day(2021, 1, 1))
			l, err := s.MoveIn(store.ActorCLI, youthMoveIn("Y03", day(2021, 1, 1), day(1990, 2, 2)))
			if err != nil {
				t.Fatal(err)
			}
			s.at(day(2021, 6, 1))
			if _, err := s.MoveOut(store.ActorCLI, l.ID, day(2021, 6, 1), 0); err != nil {
				t.Fatal(err)
			}
			s.at(c.now)
			audits := s.db.AuditLen()
			n, err := s.Purge("system")
			if err != nil {
				t.Fatal(err)
			}
			got, _ := s.Lease(l.ID)
			cleared := got.Representative == "" && got.Phone == "" && got.BirthDate.IsZero() && got.PersonKey == ""
			if cleared != c.purged || (n == 1) != c.purged || got.Tenant == "" {
				t.Fatalf("purged %d, lease %+v", n, got)
			}
			if !c.purged && s.db.AuditLen() != audits {
				t.Fatal("nothing to purge, yet it wrote")
			}
			if c.purged && countKeys(t, s.db, "leaseperson") != 0 {
				t.Fatal("the founder's index key survived")
			}
			if again, _ := s.Purge("system"); again != 0 {
				t.Fatalf("a second purge cleared %d", again)
			}
		})
	}
}
