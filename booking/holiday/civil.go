package holiday

import "time"

// civil is a calendar date without time of day or zone.
type civil struct {
	y int
	m time.Month
	d int
}

func civilOf(t time.Time) civil {
	y, m, d := t.Date()
	return civil{y, m, d}
}

func (c civil) utc() time.Time { return time.Date(c.y, c.m, c.d, 0, 0, 0, 0, time.UTC) }

func (c civil) addDays(n int) civil { return civilOf(c.utc().AddDate(0, 0, n)) }

func (c civil) weekday() time.Weekday { return c.utc().Weekday() }

// inSeoul returns midnight of c in Asia/Seoul.
func (c civil) inSeoul() time.Time { return time.Date(c.y, c.m, c.d, 0, 0, 0, 0, Seoul) }

func (c civil) before(o civil) bool { return c.utc().Before(o.utc()) }
