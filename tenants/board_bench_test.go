package tenants_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
	"github.com/yeongdeungpo/kiosk/tenants/sheet"
)

// BenchmarkScreens times the reads of the staff's tenancy screens on a
// store holding ten years of tenancies (2017-2026) opened with the kiosk's
// options:
//
//   - every office let to one company after another for 36 months each
//     (a term and two extensions), every desk to one founder after another
//     for 24 months, the cycles staggered by a month and a half (offices)
//     and 2.4 months (desks): 130 leases;
//   - one payment a month per lease of the month's rent and fee, on the
//     1st, except that every fifth unit in layout order (I05, I10, I15,
//     I20, Y01, Y06) has paid nothing since September 2026 and is in
//     arrears on the day read: about 4,000 payments.
//
// Directory is the floor directory's read (a lease lookup per unit), the
// yardstick: Board adds each occupant's account; the BoardVsDirectory
// sub-benchmark reports their ratio measured in the same loop. TenantFile
// reads the current lease of I01 (11 payments, 3 leases of the unit before
// it).
func BenchmarkScreens(b *testing.B) {
	now := importDate(2026, time.December, 2).Add(10 * time.Hour)
	clock := func() time.Time { return now }
	dir := b.TempDir()
	leases := screensLeases()
	if err := buildScreensStore(dir, clock, leases); err != nil {
		b.Fatal(err)
	}
	db, err := store.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	svc := tenants.NewService(db, clock)
	day := now

	board, err := svc.Board(store.ActorCLI, day)
	if err != nil {
		b.Fatal(err)
	}
	occupied, arrears, expiring := 0, 0, 0
	for _, u := range board {
		if !u.Vacant {
			occupied++
		}
		if u.Arrears {
			arrears++
		}
		if u.Expiring {
			expiring++
		}
	}
	if occupied != tenants.IncubatorUnits+tenants.YouthDesks || arrears != 6 {
		b.Fatalf("board: %d units occupied, %d in arrears; want 34 and 6", occupied, arrears)
	}
	file := board[0].Tenancy.Lease.ID
	f, err := svc.TenantFile(store.ActorCLI, file, day)
	if err != nil {
		b.Fatal(err)
	}
	b.Logf("%d leases; board: %d occupied, %d expiring, %d in arrears; %s: %d payments, %d invoices, %d leases before",
		len(leases), occupied, expiring, arrears, file, len(f.Payments), len(f.Tenancy.Account.Invoices), len(f.History))

	b.Run("Directory", func(b *testing.B) {
		for b.Loop() {
			if _, err := svc.Directory(day); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("Board", func(b *testing.B) {
		for b.Loop() {
			if _, err := svc.Board(store.ActorCLI, day); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("TenantFile", func(b *testing.B) {
		for b.Loop() {
			if _, err := svc.TenantFile(store.ActorCLI, file, day); err != nil {
				b.Fatal(err)
			}
		}
	})
	// Both in one loop, so that the ratio is of the same conditions.
	b.Run("BoardVsDirectory", func(b *testing.B) {
		var dirNS, boardNS time.Duration
		for b.Loop() {
			t0 := time.Now()
			if _, err := svc.Directory(day); err != nil {
				b.Fatal(err)
			}
			t1 := time.Now()
			if _, err := svc.Board(store.ActorCLI, day); err != nil {
				b.Fatal(err)
			}
			dirNS += t1.Sub(t0)
			boardNS += time.Since(t1)
		}
		b.ReportMetric(float64(dirNS.Nanoseconds())/float64(b.N), "directory-ns")
		b.ReportMetric(float64(boardNS.Nanoseconds())/float64(b.N), "board-ns")
		b.ReportMetric(float64(boardNS)/float64(dirNS), "ratio")
	})
}

// screensLeases are the rows of leases.csv for 2017-2026 (see
// BenchmarkScreens), each lease with the terms begun by the end of 2026.
func screensLeases() []sheet.LeaseRow {
	from, until := importDate(2017, time.January, 1), importDate(2026, time.December, 31)
	var rows []sheet.LeaseRow
	add := func(unit, kind string, phase, tenure int) {
		for k := 0; ; k++ {
			start := from.AddDate(0, phase+k*tenure, 0)
			if start.After(until) {
				return
			}
			terms := 1
			for terms*12 < tenure && !start.AddDate(0, terms*12, 0).After(until) {
				terms++
			}
			id := fmt.Sprintf("%s-%s", unit, start.Format("200601"))
			r := sheet.LeaseRow{Line: len(rows) + 2, Unit: unit, Kind: kind, Start: start, End: start.AddDate(0, 12*terms, -1)}
			if kind == string(tenants.KindIncubator) {
				r.Tenant, r.Representative, r.Phone, r.BRN = "벤치기업 "+id, "홍길동", "010-1234-5678", importBRN(len(rows)*7919)
				r.MonthlyRent, r.ManagementFee, r.Deposit = 170000, 50000, 1000000
			} else {
				r.Tenant, r.Representative, r.BirthDate = "청년창업 "+id, "청년 "+id, start.AddDate(-30, 0, 0)
				r.MonthlyRent = 47000
			}
			rows = append(rows, r)
		}
	}
	for i := range tenants.IncubatorUnits {
		add(fmt.Sprintf("I%02d", i+1), string(tenants.KindIncubator), i*3/2, 36)
	}
	for j := range tenants.YouthDesks {
		add(fmt.Sprintf("Y%02d", j+1), string(tenants.KindYouth), j*12/5, 24)
	}
	return rows
}

// screensPayments are a year's payments: each lease's month paid on the
// 1st, up to November 2026; every fifth unit in layout order stops paying
// in September 2026.
func screensPayments(leases []sheet.LeaseRow, year int) []sheet.PaymentRow {
	var rows []sheet.PaymentRow
	order := map[string]int{}
	for i, u := range tenants.DefaultUnits() {
		order[u.ID] = i + 1
	}
	stop := importDate(2026, time.September, 1)
	for m := importDate(year, time.January, 1); m.Year() == year && m.Before(importDate(2026, time.December, 1)); m = m.AddDate(0, 1, 0) {
		for _, l := range leases {
			if m.Before(l.Start) || m.After(l.End) || (order[l.Unit]%5 == 0 && !m.Before(stop)) {
				continue
			}
			rows = append(rows, sheet.PaymentRow{Line: len(rows) + 2, Unit: l.Unit, Date: m,
				Amount: l.MonthlyRent + l.ManagementFee, Method: "transfer"})
		}
	}
	return rows
}

func buildScreensStore(dir string, clock func() time.Time, leases []sheet.LeaseRow) error {
	db, err := store.OpenUnsynced(dir)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := tenants.SeedUnits(tx)
		return err
	}); err != nil {
		return err
	}
	svc := tenants.NewService(db, clock)
	if _, err := svc.ImportLeases(store.ActorCLI, leases, importSum("screens leases")); err != nil {
		return fmt.Errorf("importing %d leases: %w", len(leases), err)
	}
	for y := 2017; y <= 2026; y++ {
		rows := screensPayments(leases, y)
		if _, err := svc.ImportPayments(store.ActorCLI, rows, importSum(fmt.Sprintf("screens payments %d", y))); err != nil {
			return fmt.Errorf("importing the payments of %d: %w", y, err)
		}
	}
	return nil
}
