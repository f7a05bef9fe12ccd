// Package seoul is the kiosk's one time zone, Asia/Seoul, loaded from the
// embedded tzdata so that a bare machine without zoneinfo still works.
package seoul

import (
	"time"
	_ "time/tzdata" // a kiosk image may have no /usr/share/zoneinfo
)

// Location is Asia/Seoul.
var Location = mustLoad()

func mustLoad() *time.Location {
	loc, err := time.LoadLocation("Asia/Seoul")
	if err != nil {
		// Cannot happen with time/tzdata linked in; KST has had no DST since 1988.
		return time.FixedZone("KST", 9*60*60)
	}
	return loc
}

// Clock returns the current time; tests and rehearsals replace it.
type Clock func() time.Time

// Now is the real clock in Seoul time.
func Now() time.Time { return time.Now().In(Location) }

// Date is time.Date in Seoul.
func Date(y int, m time.Month, d, hh, mm int) time.Time {
	return time.Date(y, m, d, hh, mm, 0, 0, Location)
}

// Midnight is the start of t's day in Seoul.
func Midnight(t time.Time) time.Time {
	t = t.In(Location)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, Location)
}
