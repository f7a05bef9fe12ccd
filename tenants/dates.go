package tenants

import (
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// Calendar helpers. Every date in the package is a midnight in Seoul.

func date(y int, m time.Month, d int) time.Time { return seoul.Date(y, m, d, 0, 0) }

func firstOfMonth(t time.Time) time.Time {
	t = t.In(seoul.Location)
	return date(t.Year(), t.Month(), 1)
}

func lastOfMonth(t time.Time) time.Time { return firstOfMonth(t).AddDate(0, 1, -1) }

func daysInMonth(t time.Time) int { return lastOfMonth(t).Day() }

// daysBetween is the number of days from a to b (b-a), both dates.
func daysBetween(a, b time.Time) int {
	return int((seoul.Midnight(b).Sub(seoul.Midnight(a)).Hours() + 12) / 24)
}

func laterOf(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func earlierOf(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// termEnd is the day n months after start, less one day: the last day of a
// term of n months starting on d (2026-03-01 + 12 months -> 2027-02-28).
func termEnd(start time.Time, months int) time.Time {
	return seoul.Midnight(start).AddDate(0, months, -1)
}

// Age is the international age (만 나이) on day of someone born on birth:
// it goes up on the birthday itself (a 29 February birthday counts on 1
// March in common years).
func Age(birth, day time.Time) int {
	b, d := birth.In(seoul.Location), day.In(seoul.Location)
	age := d.Year() - b.Year()
	if d.Month() < b.Month() || (d.Month() == b.Month() && d.Day() < b.Day()) {
		age--
	}
	return age
}
