package backup

import (
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// The nightly backup's schedule.
const (
	// NightlyHour is the hour (Seoul time) of the nightly backup.
	NightlyHour = 3
	// MaxAge: a kiosk whose last good backup is older backs up at once
	// (at start-up, after a night it was off).
	MaxAge = 24 * time.Hour
	// RetryAfter: a backup that failed is tried again after this long, not
	// at every tick.
	RetryAfter = 2 * time.Hour
)

// NextRun is when the kiosk backs up next, given the time of the last good
// backup and of the last attempt (zero: none): at the first NightlyHour
// after the last good backup, or at once when it is more than MaxAge old
// (or there is none), but not before RetryAfter has passed since an attempt
// that failed. A time at or before now means now. A backup or attempt
// stamped after now was made while the clock ran ahead: it counts as none,
// or the nightly backup would wait for the clock to catch up.
func NextRun(now, lastGood, lastTry time.Time) time.Time {
	if lastGood.After(now) {
		lastGood = time.Time{}
	}
	if lastTry.After(now) {
		lastTry = time.Time{}
	}
	var due time.Time
	if lastGood.IsZero() || now.Sub(lastGood) >= MaxAge {
		due = now
	} else {
		l := lastGood.In(seoul.Location)
		due = time.Date(l.Year(), l.Month(), l.Day(), NightlyHour, 0, 0, 0, seoul.Location)
		if !due.After(lastGood) {
			due = due.AddDate(0, 0, 1)
		}
	}
	if lastTry.After(lastGood) {
		if retry := lastTry.Add(RetryAfter); retry.After(due) {
			due = retry
		}
	}
	return due
}
