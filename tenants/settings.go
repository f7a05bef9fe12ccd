package tenants

import (
	"fmt"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Rate is an annual interest rate in basis points (500 = 5%) in force from a
// day on. A change of rate is a new Rate from the day it applies, so the
// interest of the days before keeps the rate it was earned at.
type Rate struct {
	From        time.Time `json:"from"` // zero: since always
	BasisPoints int64     `json:"bp"`
}

// Settings are the tenancy rules; every number is one a manager can change.
type Settings struct {
	// TermMonths is one contract, and one extension [12].
	TermMonths int `json:"term_months"`
	// MaxTenureMonths is the longest stay from the first move-in, by kind
	// [incubator 36, youth desk 24]; agencies have none.
	IncubatorMaxMonths int `json:"incubator_max_months"`
	YouthMaxMonths     int `json:"youth_max_months"`
	// ReentryBanDays: a graduate or early leaver cannot move in again for
	// this long after leaving [365].
	ReentryBanDays int `json:"reentry_ban_days"`
	// YouthMaxAge: a youth founder is at most this old (만 나이) on the start
	// date [40].
	YouthMaxAge int `json:"youth_max_age"`
	// DueDay: a month's invoice is due on this day of the month [10].
	DueDay int `json:"due_day"`
	// ExpiringDays: a lease ending within this many days reads "expiring"
	// [60].
	ExpiringDays int `json:"expiring_days"`
	// LateInterest and DepositInterest are rate schedules, oldest first
	// [5% and 2% a year].
	LateInterest    []Rate `json:"late_interest"`
	DepositInterest []Rate `json:"deposit_interest"`
	// RetentionYears: a tenant's personal data is destroyed this long after
	// moving out [5].
	RetentionYears int `json:"retention_years"`
}

// DefaultSettings are the centre's rules until a manager changes them.
func DefaultSettings() Settings {
	return Settings{
		TermMonths: 12, IncubatorMaxMonths: 36, YouthMaxMonths: 24,
		ReentryBanDays: 365, YouthMaxAge: 40, DueDay: 10, ExpiringDays: 60,
		LateInterest:    []Rate{{BasisPoints: 500}},
		DepositInterest: []Rate{{BasisPoints: 200}},
		RetentionYears:  5,
	}
}

// MaxTenureMonths is the longest stay in a unit of kind k; 0: no limit.
func (s Settings) MaxTenureMonths(k Kind) int {
	switch k {
	case KindIncubator:
		return s.IncubatorMaxMonths
	case KindYouth:
		return s.YouthMaxMonths
	}
	return 0
}

// Validate checks that the settings make sense.
func (s Settings) Validate() error {
	bad := func(what string) error { return errs.New(CodeSettings, what) }
	switch {
	case s.TermMonths < 1 || s.TermMonths > 60:
		return bad("term_months 1..60")
	case s.IncubatorMaxMonths < s.TermMonths || s.IncubatorMaxMonths > 120:
		return bad("incubator_max_months term..120")
	case s.YouthMaxMonths < s.TermMonths || s.YouthMaxMonths > 120:
		return bad("youth_max_months term..120")
	case s.ReentryBanDays < 0 || s.ReentryBanDays > 3650:
		return bad("reentry_ban_days 0..3650")
	case s.YouthMaxAge < 19 || s.YouthMaxAge > 99:
		return bad("youth_max_age 19..99")
	case s.DueDay < 1 || s.DueDay > 28:
		return bad("due_day 1..28")
	case s.ExpiringDays < 0 || s.ExpiringDays > 365:
		return bad("expiring_days 0..365")
	case s.RetentionYears < 1 || s.RetentionYears > 20:
		return bad("retention_years 1..20")
	}
	for name, rs := range map[string][]Rate{"late_interest": s.LateInterest, "deposit_interest": s.DepositInterest} {
		if len(rs) == 0 || !rs[0].From.IsZero() {
			return bad(name + " needs a rate from the start")
		}
		for i, r := range rs {
			if r.BasisPoints < 0 || r.BasisPoints > 10000 || (i > 0 && !r.From.After(rs[i-1].From)) {
				return bad(name + " 0..100%, in date order")
			}
		}
	}
	return nil
}

// rateOn is the rate in force on day.
func rateOn(rs []Rate, day time.Time) int64 {
	var bp int64
	for _, r := range rs {
		if r.From.After(day) {
			break
		}
		bp = r.BasisPoints
	}
	return bp
}

// WithRate returns rs with bp in force from day on (dropping any later
// changes already scheduled).
func WithRate(rs []Rate, day time.Time, bp int64) []Rate {
	day = seoul.Midnight(day)
	out := make([]Rate, 0, len(rs)+1)
	for _, r := range rs {
		if r.From.IsZero() || r.From.Before(day) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return []Rate{{BasisPoints: bp}}
	}
	return append(out, Rate{From: day, BasisPoints: bp})
}

// sameUntil reports whether two rate schedules give the same rate on every
// day before day.
func sameUntil(a, b []Rate, day time.Time) bool {
	before := func(rs []Rate) []Rate {
		var out []Rate
		for _, r := range rs {
			if r.From.Before(day) {
				out = append(out, Rate{From: seoul.Midnight(r.From), BasisPoints: r.BasisPoints})
			}
		}
		return out
	}
	x, y := before(a), before(b)
	if len(x) != len(y) {
		return false
	}
	for i := range x {
		if !x[i].From.Equal(y[i].From) || x[i].BasisPoints != y[i].BasisPoints {
			return false
		}
	}
	return true
}

var settingsKey = store.Key("settings", "tenants")

func loadSettings(tx *store.Txn) (Settings, error) {
	return store.GetOr(tx, settingsKey, DefaultSettings())
}

// Settings returns the rules in force.
func (s *Service) Settings() (Settings, error) {
	return store.ReadOr(s.db, settingsKey, DefaultSettings())
}

// UpdateSettings changes the rules through edit; nothing is stored unless
// the result is valid. actor needs staff.PermSettings.
func (s *Service) UpdateSettings(actor store.Actor, edit func(*Settings)) error {
	return s.db.Update(actor, "tenants.settings", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermSettings); err != nil {
			return err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		old := st
		st.LateInterest = append([]Rate(nil), st.LateInterest...)
		st.DepositInterest = append([]Rate(nil), st.DepositInterest...)
		edit(&st)
		if err := st.Validate(); err != nil {
			return err
		}
		// Interest already earned keeps its rate: a change applies from
		// today on, never to days past (they are in the ledger and in
		// reports already given).
		today := seoul.Midnight(s.Now())
		if !sameUntil(old.LateInterest, st.LateInterest, today) || !sameUntil(old.DepositInterest, st.DepositInterest, today) {
			return errs.New(CodeSettings, "an interest rate changes from today on, not for days past")
		}
		tx.Note("tenancy settings %s", fmt.Sprintf("%+v", st))
		return tx.Put(settingsKey, st)
	})
}
