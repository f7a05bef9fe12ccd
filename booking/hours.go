package booking

import (
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// DayHours is one weekday's opening hours, in minutes after midnight. A day
// with Open >= Close is closed.
type DayHours struct {
	Open  int `json:"open"`
	Close int `json:"close"`
}

// Closed reports whether the rooms stay shut that day.
func (d DayHours) Closed() bool { return d.Open >= d.Close }

// valid: a closed day is stored as 0-0 (a close at or before the open is a
// mistake, not a way of closing), an open one on the half-hour grid within
// the day.
func (d DayHours) valid() bool {
	if d == (DayHours{}) {
		return true
	}
	return d.Open < d.Close && LimitDayMinute.Allows(d.Open) && LimitDayMinute.Allows(d.Close) &&
		d.Open%30 == 0 && d.Close%30 == 0
}

// Hours are the opening hours for each weekday (index time.Sunday..Saturday).
type Hours [7]DayHours

// DefaultHours: 09:00-22:00 on weekdays, 09:00-18:00 on Saturday, closed on
// Sunday.
func DefaultHours() Hours {
	var h Hours
	for d := time.Monday; d <= time.Friday; d++ {
		h[d] = DayHours{Open: 9 * 60, Close: 22 * 60}
	}
	h[time.Saturday] = DayHours{Open: 9 * 60, Close: 18 * 60}
	return h
}

// On returns the opening and closing time on t's day in Seoul, and false when
// the rooms are closed that weekday.
func (h Hours) On(t time.Time) (open, close time.Time, ok bool) {
	day := seoul.Midnight(t)
	dh := h[day.Weekday()]
	if dh.Closed() {
		return day, day, false
	}
	return day.Add(time.Duration(dh.Open) * time.Minute), day.Add(time.Duration(dh.Close) * time.Minute), true
}
