package ui

import (
	"strconv"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// formatWon writes integer won with thousands separators: 46,000원 / ₩46,000.
func formatWon(won int64) string {
	return T("money.won", map[string]any{"Amount": groupThousands(won)})
}

func groupThousands(n int64) string {
	neg := n < 0
	if neg {
		n = -n
	}
	s := strconv.FormatInt(n, 10)
	out := make([]byte, 0, len(s)+len(s)/3+1)
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}

// clockTime is "14:30" in Seoul.
func clockTime(t time.Time) string { return t.In(seoul.Location).Format("15:04") }

// formatDateTime is the header clock: 2026년 11월 27일 (금) 14:05.
func formatDateTime(t time.Time) string {
	t = t.In(seoul.Location)
	return T("datetime", map[string]any{
		"Year": t.Year(), "Month": int(t.Month()), "MonthName": t.Month().String()[:3], "Day": t.Day(),
		"Weekday": T("weekday." + strconv.Itoa(int(t.Weekday()))), "Time": t.Format("15:04"),
	})
}
