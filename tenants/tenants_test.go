package tenants

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

func day(y int, m time.Month, d int) time.Time { return seoul.Date(y, m, d, 0, 0) }

func newTestService(t *testing.T) (*Service, *store.DB) {
	t.Helper()
	db, err := store.OpenInMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := SeedUnits(tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return NewService(db, func() time.Time { return day(2026, 11, 27) }), db
}

func countKeys(t *testing.T, db *store.DB, prefix string) int {
	t.Helper()
	n, err := db.CountKeys(store.Prefix(prefix))
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func auditCount(_ *testing.T, db *store.DB) int { return db.AuditLen() }

func TestDefaultUnits(t *testing.T) {
	us := DefaultUnits()
	if len(us) != 37 {
		t.Fatalf("%d units, want 37", len(us))
	}
	kinds := map[Kind]int{}
	ids := map[string]bool{}
	orders := map[int]bool{}
	for i, u := range us {
		kinds[u.Kind]++
		if ids[u.ID] {
			t.Errorf("duplicate unit id %q", u.ID)
		}
		ids[u.ID] = true
		if orders[u.Order] {
			t.Errorf("duplicate order %d", u.Order)
		}
		orders[u.Order] = true
		if i > 0 && us[i-1].Order >= u.Order {
			t.Errorf("unit %s (order %d) not after %s (order %d)", u.ID, u.Order, us[i-1].ID, us[i-1].Order)
		}
		if u.Name == "" || u.NameEN == "" || u.ID == "" {
			t.Errorf("unit %+v lacks a name or id", u)
		}
		if (u.Kind == KindIncubator || u.Kind == KindYouth) && u.Floor != 4 {
			t.Errorf("unit %s of kind %s on floor %d, want 4", u.ID, u.Kind, u.Floor)
		}
	}
	want := map[Kind]int{KindIncubator: 24, KindYouth: 10, KindAgency: 3}
	for k, n := range want {
		if kinds[k] != n {
			t.Errorf("%d %s units, want %d", kinds[k], k, n)
		}
	}
	if len(kinds) != len(want) {
		t.Errorf("unexpected kinds: %v", kinds)
	}
	if IncubatorUnits+YouthDesks+AgencyUnits != len(us) {
		t.Errorf("constants add up to %d", IncubatorUnits+YouthDesks+AgencyUnits)
	}
}

func TestSeedUnitsIdempotent(t *testing.T) {
	db, err := store.OpenInMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	seed := func() int {
		t.Helper()
		var added int
		if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
			var err error
			added, err = SeedUnits(tx)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return added
	}
	if got := seed(); got != 37 {
		t.Fatalf("first seed added %d, want 37", got)
	}
	// Staff rename a unit; seeding again keeps the new name.
	renamed := DefaultUnits()[0]
	renamed.Name = "창업보육실 1호 (확장)"
	if err := db.Update("staff:test", "unit.edit", func(tx *store.Txn) error { return tx.Put(unitKey(renamed.ID), renamed) }); err != nil {
		t.Fatal(err)
	}
	if got := seed(); got != 0 {
		t.Fatalf("second seed added %d, want 0", got)
	}
	if n := countKeys(t, db, "unit"); n != 37 {
		t.Fatalf("%d unit keys, want 37", n)
	}
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(log[0].Notes) != 1 || log[0].Notes[0] != "37 units seeded" {
		t.Errorf("first seed notes %q", log[0].Notes)
	}
	if len(log[2].Notes) != 0 {
		t.Errorf("empty seed left notes %q", log[2].Notes)
	}
	svc := NewService(db, nil)
	dir, err := svc.Directory(day(2026, 11, 27))
	if err != nil {
		t.Fatal(err)
	}
	if dir[0].Unit != renamed {
		t.Errorf("unit after reseeding = %+v, want %+v", dir[0].Unit, renamed)
	}
}

func lease(id, unit, tenant string, start, end time.Time) Lease {
	return Lease{ID: id, Unit: unit, Tenant: tenant, Start: start, End: end, MonthlyRent: 300000, ManagementFee: 50000, Deposit: 1000000}
}

func TestAddLease(t *testing.T) {
	// Every case runs on a store holding L1 (I01, 2026 Jan–Jun) and L2 (I02,
	// 2026 whole year, moved out on 1 July).
	l1 := lease("L1", "I01", "가나다 주식회사", day(2026, 1, 1), day(2026, 6, 30))
	l2 := lease("L2", "I02", "라마바", day(2026, 1, 1), day(2026, 12, 31))
	l2.MovedOut = day(2026, 7, 1)
	with := func(l Lease, f func(*Lease)) Lease { f(&l); return l }
	cases := []struct {
		name string
		l    Lease
		want error
	}{
		{"no id", lease("", "I03", "X", day(2026, 1, 1), day(2026, 12, 31)), ErrBadLease},
		{"empty tenant", lease("N", "I03", "", day(2026, 1, 1), day(2026, 12, 31)), ErrBadLease},
		{"blank tenant", lease("N", "I03", " \t ", day(2026, 1, 1), day(2026, 12, 31)), ErrBadLease},
		{"end before start", lease("N", "I03", "X", day(2026, 6, 1), day(2026, 5, 31)), ErrBadLease},
		{"negative rent", with(lease("N", "I03", "X", day(2026, 1, 1), day(2026, 12, 31)), func(l *Lease) { l.MonthlyRent = -1 }), ErrBadLease},
		{"negative management fee", with(lease("N", "I03", "X", day(2026, 1, 1), day(2026, 12, 31)), func(l *Lease) { l.ManagementFee = -1 }), ErrBadLease},
		{"negative deposit", with(lease("N", "I03", "X", day(2026, 1, 1), day(2026, 12, 31)), func(l *Lease) { l.Deposit = -1 }), ErrBadLease},
		{"unknown unit", lease("N", "Z99", "X", day(2026, 1, 1), day(2026, 12, 31)), ErrNoUnit},
		{"no unit", lease("N", "", "X", day(2026, 1, 1), day(2026, 12, 31)), ErrNoUnit},
		{"duplicate id on another unit", lease("L1", "I03", "X", day(2026, 1, 1), day(2026, 12, 31)), ErrBadLease},
		{"same dates", lease("N", "I01", "X", day(2026, 1, 1), day(2026, 6, 30)), ErrOccupied},
		{"starts on the last day", lease("N", "I01", "X", day(2026, 6, 30), day(2026, 12, 31)), ErrOccupied},
		{"ends on the first day", lease("N", "I01", "X", day(2025, 7, 1), day(2026, 1, 1)), ErrOccupied},
		{"inside", lease("N", "I01", "X", day(2026, 3, 1), day(2026, 3, 31)), ErrOccupied},
		{"around", lease("N", "I01", "X", day(2025, 1, 1), day(2027, 12, 31)), ErrOccupied},
		{"day before moving out", lease("N", "I02", "X", day(2026, 6, 30), day(2026, 12, 31)), ErrOccupied},
		{"adjacent after", lease("N", "I01", "X", day(2026, 7, 1), day(2026, 12, 31)), nil},
		{"adjacent before", lease("N", "I01", "X", day(2025, 7, 1), day(2025, 12, 31)), nil},
		{"one day, adjacent", lease("N", "I01", "X", day(2026, 7, 1), day(2026, 7, 1)), nil},
		{"same dates, other unit", lease("N", "I03", "X", day(2026, 1, 1), day(2026, 6, 30)), nil},
		{"from the moving-out day", lease("N", "I02", "X", day(2026, 7, 1), day(2026, 12, 31)), nil},
		{"zero money", with(lease("N", "Y01", "X", day(2026, 1, 1), day(2026, 12, 31)), func(l *Lease) { l.MonthlyRent, l.ManagementFee, l.Deposit = 0, 0, 0 }), nil},
		// Start and End are dates: the time of day does not matter.
		{"same day, end earlier in the day", lease("N", "I03", "X", seoul.Date(2026, 8, 1, 15, 0), seoul.Date(2026, 8, 1, 9, 0)), nil},
		// 15:00 UTC on 30 June is 1 July in Seoul, the day after L1 ends.
		{"start given in UTC", lease("N", "I01", "X", time.Date(2026, 6, 30, 15, 0, 0, 0, time.UTC), day(2026, 12, 31)), nil},
		{"start given in UTC, overlapping", lease("N", "I01", "X", time.Date(2026, 6, 30, 14, 0, 0, 0, time.UTC), day(2026, 12, 31)), ErrOccupied},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db := newTestService(t)
			for _, l := range []Lease{l1, l2} {
				if err := svc.AddLease(store.ActorCLI, l); err != nil {
					t.Fatal(err)
				}
			}
			audits := auditCount(t, db)
			err := svc.AddLease(store.ActorCLI, c.l)
			if !errors.Is(err, c.want) {
				t.Fatalf("AddLease err = %v, want %v", err, c.want)
			}
			wantLeases, wantAudits := 2, audits
			if c.want == nil {
				wantLeases, wantAudits = 3, audits+1
			}
			if n := countKeys(t, db, "lease"); n != wantLeases {
				t.Errorf("%d lease keys, want %d", n, wantLeases)
			}
			if n := countKeys(t, db, "unitlease"); n != wantLeases {
				t.Errorf("%d unitlease keys, want %d", n, wantLeases)
			}
			if n := auditCount(t, db); n != wantAudits {
				t.Errorf("%d audit entries, want %d", n, wantAudits)
			}
			if c.want != nil {
				return
			}
			var got Lease
			if err := db.View(func(tx *store.Txn) error { return tx.Get(leaseKey(c.l.ID), &got) }); err != nil {
				t.Fatal(err)
			}
			if !got.Start.Equal(seoul.Midnight(c.l.Start)) || !got.End.Equal(seoul.Midnight(c.l.End)) {
				t.Errorf("stored dates %v..%v, want midnights of %v..%v", got.Start, got.End, c.l.Start, c.l.End)
			}
			if got.Tenant != c.l.Tenant || got.Unit != c.l.Unit || got.MonthlyRent != c.l.MonthlyRent {
				t.Errorf("stored %+v", got)
			}
		})
	}
}

func TestAddLeaseTrimsTenant(t *testing.T) {
	svc, _ := newTestService(t)
	if err := svc.AddLease(store.ActorCLI, lease("L1", "I05", "  스타트업 A  ", day(2026, 1, 1), day(2026, 12, 31))); err != nil {
		t.Fatal(err)
	}
	dir, err := svc.Directory(day(2026, 5, 5))
	if err != nil {
		t.Fatal(err)
	}
	if dir[4].Unit.ID != "I05" || dir[4].Tenant != "스타트업 A" {
		t.Fatalf("directory entry %+v", dir[4])
	}
}

// A move-out recorded after the lease's end does not stretch the lease:
// the unit is free from the day after End, as ActiveOn and Directory say.
func TestAddLeaseMovedOutAfterEnd(t *testing.T) {
	svc, _ := newTestService(t)
	old := lease("L1", "I01", "늦게 나간 회사", day(2026, 1, 1), day(2026, 6, 30))
	old.MovedOut = day(2026, 7, 10)
	if err := svc.AddLease(store.ActorCLI, old); err != nil {
		t.Fatal(err)
	}
	if old.ActiveOn(day(2026, 7, 1)) {
		t.Fatal("lease active after its end")
	}
	if err := svc.AddLease(store.ActorCLI, lease("L2", "I01", "새 회사", day(2026, 7, 1), day(2026, 12, 31))); err != nil {
		t.Fatalf("lease from the day after End: %v", err)
	}
}

func TestLeaseActiveOn(t *testing.T) {
	l := Lease{Start: day(2026, 3, 1), End: day(2026, 8, 31)}
	moved := l
	moved.MovedOut = day(2026, 6, 15)
	cases := []struct {
		name string
		l    Lease
		day  time.Time
		want bool
	}{
		{"day before start", l, day(2026, 2, 28), false},
		{"last minute before start", l, seoul.Date(2026, 2, 28, 23, 59), false},
		{"start day", l, day(2026, 3, 1), true},
		{"start day evening", l, seoul.Date(2026, 3, 1, 23, 0), true},
		{"middle", l, day(2026, 5, 20), true},
		{"end day", l, day(2026, 8, 31), true},
		{"end day evening", l, seoul.Date(2026, 8, 31, 23, 59), true},
		{"day after end", l, day(2026, 9, 1), false},
		{"day before moving out", moved, day(2026, 6, 14), true},
		{"moving-out day", moved, day(2026, 6, 15), false},
		{"after moving out", moved, day(2026, 7, 1), false},
		{"start day with a move-out", moved, day(2026, 3, 1), true},
		// 15:00 UTC on 28 Feb is 1 March in Seoul.
		{"start day given in UTC", l, time.Date(2026, 2, 28, 15, 0, 0, 0, time.UTC), true},
		{"day before start given in UTC", l, time.Date(2026, 2, 28, 14, 59, 0, 0, time.UTC), false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := c.l.ActiveOn(c.day); got != c.want {
				t.Fatalf("ActiveOn(%v) = %v, want %v", c.day, got, c.want)
			}
		})
	}
}

func TestDirectoryAndCounts(t *testing.T) {
	svc, _ := newTestService(t)
	moved := lease("A1", "A01", "떠난 기관", day(2025, 1, 1), day(2027, 12, 31))
	moved.MovedOut = day(2026, 10, 1)
	for _, l := range []Lease{
		lease("I01-old", "I01", "예전 회사", day(2025, 1, 1), day(2026, 6, 30)),
		lease("I01-new", "I01", "지금 회사", day(2026, 7, 1), day(2027, 6, 30)),
		lease("I02-future", "I02", "올 회사", day(2026, 12, 1), day(2027, 11, 30)),
		lease("I24", "I24", "마지막 방 회사", day(2026, 1, 1), day(2026, 12, 31)),
		lease("Y03", "Y03", "청년 창업가", day(2026, 11, 27), day(2026, 11, 27)),
		lease("Y10", "Y10", "청년 둘", day(2026, 1, 1), day(2026, 11, 26)),
		lease("A2", "A02", "지원기관", day(2024, 1, 1), day(2030, 12, 31)),
		moved,
	} {
		if err := svc.AddLease(store.ActorCLI, l); err != nil {
			t.Fatalf("%s: %v", l.ID, err)
		}
	}
	cases := []struct {
		day     time.Time
		tenants map[string]string // unit -> tenant; others vacant
		counts  [3][2]int         // incubator, youth, agency: occupied, vacant
	}{
		{day(2026, 11, 27),
			map[string]string{"I01": "지금 회사", "I24": "마지막 방 회사", "Y03": "청년 창업가", "A02": "지원기관"},
			[3][2]int{{2, 22}, {1, 9}, {1, 2}}},
		{day(2026, 6, 30),
			map[string]string{"I01": "예전 회사", "I24": "마지막 방 회사", "Y10": "청년 둘", "A01": "떠난 기관", "A02": "지원기관"},
			[3][2]int{{2, 22}, {1, 9}, {2, 1}}},
		{day(2026, 12, 1),
			map[string]string{"I01": "지금 회사", "I02": "올 회사", "I24": "마지막 방 회사", "A02": "지원기관"},
			[3][2]int{{3, 21}, {0, 10}, {1, 2}}},
		{day(2024, 6, 1),
			map[string]string{"A02": "지원기관"},
			[3][2]int{{0, 24}, {0, 10}, {1, 2}}},
		{day(2031, 1, 1), map[string]string{}, [3][2]int{{0, 24}, {0, 10}, {0, 3}}},
	}
	layout := DefaultUnits()
	for _, c := range cases {
		t.Run(c.day.Format("2006-01-02"), func(t *testing.T) {
			dir, err := svc.Directory(c.day)
			if err != nil {
				t.Fatal(err)
			}
			if len(dir) != len(layout) {
				t.Fatalf("%d entries, want %d", len(dir), len(layout))
			}
			for i, o := range dir {
				if o.Unit != layout[i] {
					t.Fatalf("entry %d is %+v, want %+v (layout order)", i, o.Unit, layout[i])
				}
				if o.Tenant != c.tenants[o.Unit.ID] {
					t.Errorf("%s: tenant %q, want %q", o.Unit.ID, o.Tenant, c.tenants[o.Unit.ID])
				}
			}
			counts, err := svc.CountOccupancy(c.day)
			if err != nil {
				t.Fatal(err)
			}
			kinds := []Kind{KindIncubator, KindYouth, KindAgency}
			if len(counts) != 3 {
				t.Fatalf("counts %+v", counts)
			}
			for i, k := range kinds {
				want := Counts{Kind: k, Occupied: c.counts[i][0], Vacant: c.counts[i][1]}
				if counts[i] != want {
					t.Errorf("counts[%d] = %+v, want %+v", i, counts[i], want)
				}
			}
		})
	}
}

func TestDirectoryEmptyStore(t *testing.T) {
	db, err := store.OpenInMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc := NewService(db, nil)
	dir, err := svc.Directory(day(2026, 11, 27))
	if err != nil || len(dir) != 0 {
		t.Fatalf("Directory on an empty store = %v, %v", dir, err)
	}
	counts, err := svc.CountOccupancy(day(2026, 11, 27))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(counts) != "[{incubator 0 0} {youth 0 0} {agency 0 0}]" {
		t.Fatalf("counts = %v", counts)
	}
}
