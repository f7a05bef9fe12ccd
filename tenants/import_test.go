package tenants

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants/sheet"
)

func leaseRow(line int, unit, kind string, start, end time.Time) sheet.LeaseRow {
	return sheet.LeaseRow{Line: line, Unit: unit, Kind: kind, Tenant: fmt.Sprintf("기업 %d", line), Representative: "홍길동",
		Start: start, End: end, MonthlyRent: 300000, ManagementFee: 50000, Deposit: 1000000, BRN: "1234567891"}
}

func hashOf(s string) string { return fmt.Sprintf("%064x", []byte(s))[:64] }

func TestImportLeasesRefusesABadRowWhole(t *testing.T) {
	good := leaseRow(2, "I01", "incubator", day(2025, 1, 1), day(2025, 12, 31))
	youth := func(line int, birth time.Time) sheet.LeaseRow {
		r := leaseRow(line, "Y01", "youth", day(2025, 4, 1), day(2026, 3, 31))
		r.BRN, r.BirthDate, r.MonthlyRent, r.ManagementFee, r.Deposit = "", birth, 47000, 0, 0
		return r
	}
	with := func(r sheet.LeaseRow, f func(*sheet.LeaseRow)) sheet.LeaseRow { f(&r); return r }
	cases := []struct {
		name string
		bad  sheet.LeaseRow
		want errs.Code
	}{
		{"unknown unit", leaseRow(3, "I99", "incubator", day(2025, 1, 1), day(2025, 12, 31)), CodeNoUnit},
		{"kind does not match the unit", leaseRow(3, "I02", "youth", day(2025, 1, 1), day(2025, 12, 31)), CodeKindMismatch},
		{"overlaps the row before", leaseRow(3, "I01", "incubator", day(2025, 6, 1), day(2026, 5, 31)), CodeOccupied},
		{"ineligible founder", youth(3, day(1984, 3, 31)), CodeYouthAge}, // 41 on 2025-04-01
		{"youth without birth date", youth(3, time.Time{}), CodeBirthRequired},
		{"bad check digit", with(leaseRow(3, "I02", "incubator", day(2025, 1, 1), day(2025, 12, 31)), func(r *sheet.LeaseRow) { r.BRN = "1234567890" }), CodeBRN},
		{"longer than the maximum tenure", leaseRow(3, "I02", "incubator", day(2022, 1, 1), day(2025, 12, 31)), CodeMaxTenure},
		{"moved out after the end", with(leaseRow(3, "I02", "incubator", day(2025, 1, 1), day(2025, 12, 31)), func(r *sheet.LeaseRow) { r.MovedOut = day(2026, 2, 1) }), CodeMoveOutDate},
		{"agency with rent", leaseRow(3, "A01", "agency", day(2025, 1, 1), day(2025, 12, 31)), CodeAgencyRent},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newClocked(t, day(2026, 1, 5))
			audits := s.db.AuditLen()
			_, err := s.ImportLeases(store.ActorCLI, []sheet.LeaseRow{good, c.bad, leaseRow(4, "I05", "incubator", day(2025, 1, 1), day(2025, 12, 31))}, hashOf(c.name))
			if errs.CodeOf(err) != CodeImportRow {
				t.Fatalf("err = %v, want a refusal of a row", err)
			}
			ko, _ := errs.Korean(err)
			en, _ := errs.English(err)
			inner, _ := errs.English(errs.New(c.want))
			if !strings.HasPrefix(en, "line 3: ") || !strings.HasPrefix(ko, "3행: ") {
				t.Errorf("refusal does not name line 3: %q / %q", ko, en)
			}
			if !strings.Contains(err.Error(), strings.SplitN(inner, "%", 2)[0]) {
				t.Errorf("refusal %q does not give the reason %q", en, inner)
			}
			if s.db.AuditLen() != audits || countKeys(t, s.db, "lease") != 0 || countKeys(t, s.db, "bulk") != 0 {
				t.Fatal("a refused import wrote")
			}
		})
	}
}

func TestImportLeasesJoinsContinuingRows(t *testing.T) {
	s := newClocked(t, day(2027, 1, 5))
	first := leaseRow(2, "I01", "incubator", day(2025, 1, 1), day(2025, 12, 31))
	second := leaseRow(3, "I01", "incubator", day(2026, 1, 1), day(2026, 12, 31))
	second.Tenant, second.MonthlyRent = first.Tenant, 330000 // the same company at a new rent
	long := leaseRow(4, "I02", "incubator", day(2024, 3, 1), day(2027, 2, 28))
	long.BRN = "2208162517"
	if _, err := s.ImportLeases(store.ActorCLI, []sheet.LeaseRow{first, second, long}, hashOf("join")); err != nil {
		t.Fatal(err)
	}
	l, err := s.Lease("I01-20250101")
	if err != nil || !l.End.Equal(day(2026, 12, 31)) || len(l.Terms) != 2 || !l.Terms[1].Extension || l.Terms[1].MonthlyRent != 330000 {
		t.Fatalf("joined lease %+v, %v", l, err)
	}
	l2, err := s.Lease("I02-20240301")
	if err != nil || len(l2.Terms) != 3 || !l2.Terms[2].End.Equal(day(2027, 2, 28)) {
		t.Fatalf("three-year row: %+v, %v", l2, err)
	}
	if countKeys(t, s.db, "lease") != 2 {
		t.Fatalf("%d leases, want 2", countKeys(t, s.db, "lease"))
	}
	f, err := s.Figures(day(2026, 1, 1), day(2026, 12, 31))
	if err != nil || f.Extensions != 2 || f.MoveIns != 0 {
		t.Fatalf("2026: %d extensions, %d move-ins (%v); want 2 (I01's second row, I02's third term from 2026-03-01)", f.Extensions, f.MoveIns, err)
	}
}
