package booking

import (
	"fmt"

	"github.com/yeongdeungpo/kiosk/booking/holiday"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// RefundTier: cancelling at least DaysBefore calendar days before the
// booking's day refunds Percent of what was paid.
type RefundTier struct {
	DaysBefore int `json:"days_before"`
	Percent    int `json:"percent"`
}

// Discount is a statutory exemption or reduction, recorded on the booking
// with its reason and rate.
type Discount struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	NameEN  string `json:"name_en"`
	Percent int    `json:"percent"`
}

// Settings are the booking rules; every number is one staff can change.
type Settings struct {
	Hours Hours `json:"hours"`
	// HolidayHours apply on public and temporary holidays; closed by default.
	HolidayHours DayHours `json:"holiday_hours"`
	// Holidays are the public holidays' data that the law leaves to events:
	// the terms of office whose expiry fixes the election days, and the
	// temporary holidays and snap elections announced (the kiosk ships
	// those known; staff add new ones).
	Holidays    holiday.Calendar `json:"holidays"`
	MinMinutes  int              `json:"min_minutes"`  // shortest booking (60)
	MaxMinutes  int              `json:"max_minutes"`  // longest booking (480)
	AdvanceDays int              `json:"advance_days"` // bookable up to this many days ahead (60)
	// SurchargePercent is added on Saturdays and holidays (30).
	SurchargePercent int `json:"surcharge_percent"`
	// HoldHours: an unpaid booking lapses this long after it was made (24),
	// or at its start if that comes first.
	HoldHours int `json:"hold_hours"`
	// Refunds, most generous first; a cancellation gets the first tier
	// whose DaysBefore it meets, else nothing.
	Refunds []RefundTier `json:"refunds"`
	// CheckInBefore / CheckInAfter: the check-in window around the start,
	// in minutes (10 before, 15 after); after it the booking is a no-show.
	CheckInBefore int        `json:"checkin_before"`
	CheckInAfter  int        `json:"checkin_after"`
	Discounts     []Discount `json:"discounts"`
	// RetentionDays: a visitor's name, phone and organisation are destroyed
	// this long after the day of use [365].
	RetentionDays int `json:"retention_days"`
}

// DefaultSettings are the centre's rules until staff change them.
func DefaultSettings() Settings {
	return Settings{
		Hours:            DefaultHours(),
		Holidays:         holiday.Default(),
		MinMinutes:       60,
		MaxMinutes:       8 * 60,
		AdvanceDays:      60,
		SurchargePercent: 30,
		HoldHours:        24,
		Refunds: []RefundTier{
			{DaysBefore: 7, Percent: 100},
			{DaysBefore: 3, Percent: 90},
			{DaysBefore: 1, Percent: 70},
		},
		CheckInBefore: 10,
		CheckInAfter:  15,
		RetentionDays: 365,
		Discounts: []Discount{
			{ID: "tenant", Name: "입주기업", NameEN: "Centre tenant", Percent: 50},
			{ID: "disabled", Name: "장애인", NameEN: "Person with a disability", Percent: 50},
			{ID: "merit", Name: "국가유공자", NameEN: "National merit", Percent: 50},
		},
	}
}

// ErrBadSettings: a settings change would break a rule's sense.
// The rule it breaks is told in English after it, for the log (its
// sentence stays general).
var ErrBadSettings = errs.New(CodeBadSettings)

// Validate checks that the settings make sense together.
func (s Settings) Validate() error {
	bad := func(why string) error { return fmt.Errorf("%w: %s", ErrBadSettings, why) }
	for d, h := range s.Hours {
		if !h.valid() {
			return bad(fmt.Sprintf("hours of weekday %d", d))
		}
	}
	if !s.HolidayHours.valid() {
		return bad("holiday hours")
	}
	switch {
	case !LimitMinMinutes.Allows(s.MinMinutes) || s.MinMinutes%30 != 0:
		return bad("shortest booking")
	case !LimitMaxMinutes.Allows(s.MaxMinutes) || s.MaxMinutes < s.MinMinutes || s.MaxMinutes%30 != 0:
		return bad("longest booking")
	case !LimitAdvanceDays.Allows(s.AdvanceDays):
		return bad("days ahead")
	case !LimitSurcharge.Allows(s.SurchargePercent):
		return bad("surcharge")
	case !LimitHoldHours.Allows(s.HoldHours):
		return bad("hold time")
	case !LimitRetentionDays.Allows(s.RetentionDays):
		return bad("retention period")
	case !LimitCheckIn.Allows(s.CheckInBefore) || !LimitCheckIn.Allows(s.CheckInAfter) ||
		s.CheckInBefore+s.CheckInAfter == 0: // an empty window cannot be signed into a pass
		return bad("check-in window")
	}
	prev := 1 << 30
	for _, r := range s.Refunds {
		if r.DaysBefore < 0 || r.DaysBefore >= prev || !LimitPercent.Allows(r.Percent) {
			return bad("refund table")
		}
		prev = r.DaysBefore
	}
	seen := map[string]bool{}
	for _, d := range s.Discounts {
		if d.ID == "" || seen[d.ID] || !LimitPercent.Allows(d.Percent) || d.Name == "" {
			return bad("discounts")
		}
		seen[d.ID] = true
	}
	return nil
}

// Discount looks a discount up by id.
func (s Settings) Discount(id string) (Discount, bool) {
	for _, d := range s.Discounts {
		if d.ID == id {
			return d, true
		}
	}
	return Discount{}, false
}

var settingsKey = store.Key("settings", "booking")

func loadSettings(tx *store.Txn) (Settings, error) {
	return store.GetOr(tx, settingsKey, DefaultSettings())
}

// Settings returns the rules in force.
func (s *Service) Settings() (Settings, error) {
	return store.ReadOr(s.db, settingsKey, DefaultSettings())
}

// UpdateSettings changes the rules through edit; nothing is stored unless
// the result is valid. It needs staff.PermSettings.
func (s *Service) UpdateSettings(actor store.Actor, edit func(*Settings)) error {
	return s.db.Update(actor, "booking.settings", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermSettings); err != nil {
			return err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		edit(&st)
		if err := st.Validate(); err != nil {
			return err
		}
		return tx.Put(settingsKey, st)
	})
}
