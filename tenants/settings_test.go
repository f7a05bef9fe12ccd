package tenants

import (
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

func TestSettingsValidateAndAudit(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Settings)
		ok   bool
	}{
		{"defaults", func(*Settings) {}, true},
		{"two-year term", func(s *Settings) { s.TermMonths = 24 }, true},
		{"term longer than the youth maximum", func(s *Settings) { s.TermMonths = 30 }, false},
		{"no term", func(s *Settings) { s.TermMonths = 0 }, false},
		{"due on the 29th", func(s *Settings) { s.DueDay = 29 }, false},
		{"due on the 1st", func(s *Settings) { s.DueDay = 1 }, true},
		{"age 18", func(s *Settings) { s.YouthMaxAge = 18 }, false},
		{"negative ban", func(s *Settings) { s.ReentryBanDays = -1 }, false},
		{"no ban", func(s *Settings) { s.ReentryBanDays = 0 }, true},
		{"late rate over 100%", func(s *Settings) { s.LateInterest = []Rate{{BasisPoints: 10001}} }, false},
		{"rate schedule without a start", func(s *Settings) { s.DepositInterest = []Rate{{From: day(2027, 1, 1), BasisPoints: 100}} }, false},
		{"rate change", func(s *Settings) { s.DepositInterest = WithRate(s.DepositInterest, day(2027, 1, 1), 150) }, true},
		{"rate changes out of order", func(s *Settings) {
			s.LateInterest = []Rate{{BasisPoints: 500}, {From: day(2027, 2, 1), BasisPoints: 600}, {From: day(2027, 1, 1), BasisPoints: 700}}
		}, false},
		{"retention 0 years", func(s *Settings) { s.RetentionYears = 0 }, false},
		// The service's clock is 2026-11-27: interest earned keeps its rate.
		{"a rate from today", func(s *Settings) { s.LateInterest = WithRate(s.LateInterest, day(2026, 11, 27), 600) }, true},
		{"a rate for days past", func(s *Settings) { s.LateInterest = WithRate(s.LateInterest, day(2026, 11, 26), 600) }, false},
		{"the base rate rewritten", func(s *Settings) { s.DepositInterest = []Rate{{BasisPoints: 300}} }, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, db := newTestService(t)
			before := db.AuditLen()
			err := s.UpdateSettings(store.ActorCLI, c.edit)
			if (err == nil) != c.ok {
				t.Fatalf("UpdateSettings: %v, want ok=%v", err, c.ok)
			}
			got, _ := s.Settings()
			want := DefaultSettings()
			c.edit(&want)
			if c.ok && (db.AuditLen() != before+1 || got.TermMonths != want.TermMonths || got.DueDay != want.DueDay ||
				len(got.DepositInterest) != len(want.DepositInterest)) {
				t.Fatalf("stored %+v (audits %d -> %d)", got, before, db.AuditLen())
			}
			if !c.ok && (errs.CodeOf(err) != CodeSettings || db.AuditLen() != before || got.TermMonths != DefaultSettings().TermMonths) {
				t.Fatalf("a refused change: %v, audits %d -> %d", err, before, db.AuditLen())
			}
		})
	}
	// WithRate replaces changes scheduled after the new one.
	rs := WithRate([]Rate{{BasisPoints: 500}, {From: day(2027, 6, 1), BasisPoints: 700}}, day(2027, 3, 1), 600)
	if len(rs) != 2 || rs[1].BasisPoints != 600 || rateOn(rs, day(2027, 2, 28)) != 500 || rateOn(rs, day(2027, 7, 1)) != 600 {
		t.Fatalf("WithRate = %+v", rs)
	}
}
