package backup

import (
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// TestNextRun: the nightly schedule, from the last good backup and the last
// attempt.
func TestNextRun(t *testing.T) {
	d := func(day, h, m int) time.Time { return seoul.Date(2026, 11, day, h, m) }
	var never time.Time
	cases := []struct {
		name                string
		now, lastGood, last time.Time
		want                time.Time
	}{
		{"never backed up: at once", d(27, 9, 0), never, never, d(27, 9, 0)},
		{"last night's: tonight at three", d(27, 9, 0), d(27, 3, 0), d(27, 3, 0), d(28, 3, 0)},
		{"just before three, yesterday's three o'clock one: at three", d(27, 2, 59), d(26, 3, 0), d(26, 3, 0), d(27, 3, 0)},
		{"yesterday afternoon's, by hand: tonight at three", d(27, 1, 0), d(26, 15, 0), d(26, 15, 0), d(27, 3, 0)},
		{"a good one at three: the next night", d(27, 3, 0), d(27, 3, 0), d(27, 3, 0), d(28, 3, 0)},
		{"off for the night (30 hours): at start-up", d(27, 9, 0), d(26, 3, 0), d(26, 3, 0), d(27, 9, 0)},
		{"off for a week: at start-up", d(27, 9, 0), d(20, 3, 0), d(20, 3, 0), d(27, 9, 0)},
		{"three o'clock failed: two hours later", d(27, 3, 1), d(26, 3, 0), d(27, 3, 0), d(27, 5, 0)},
		{"failing since: two hours after the last try", d(27, 9, 0), d(26, 3, 0), d(27, 8, 30), d(27, 10, 30)},
		{"never good, failed: two hours later", d(27, 9, 0), never, d(27, 8, 0), d(27, 10, 0)},
		{"failed long ago: at once", d(27, 9, 0), never, d(25, 8, 0), d(27, 9, 0)},
		{"failed after a good one today: the retry is not before tonight's", d(27, 20, 0), d(27, 3, 0), d(27, 14, 0), d(28, 3, 0)},
		{"failed at 02:00: retry at 04:00, not three", d(27, 2, 30), d(26, 3, 0), d(27, 2, 0), d(27, 4, 0)},
	}
	for _, c := range cases {
		if got := NextRun(c.now, c.lastGood, c.last); !got.Equal(c.want) {
			t.Errorf("%s: NextRun = %s, want %s", c.name, got.In(seoul.Location), c.want.In(seoul.Location))
		}
	}
}
