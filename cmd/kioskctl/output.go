package main

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// env is what a command runs with: the open centre, the output and the
// booking rules in force.
type env struct {
	c        *centre.Centre
	out      io.Writer
	json     bool
	settings booking.Settings
}

func (e *env) close() { _ = e.c.Close() }

// emit writes v as one JSON value under -json, else the human text.
func (e *env) emit(v any, human string) error {
	if e.json {
		enc := json.NewEncoder(e.out)
		enc.SetEscapeHTML(false)
		return enc.Encode(v)
	}
	_, err := io.WriteString(e.out, strings.TrimRight(human, "\n")+"\n")
	return err
}

// roomNames returns a room's Korean and English names (its id if unknown).
func (e *env) roomNames(id string) (ko, en string) {
	r, err := e.c.Booking.Room(id)
	if err != nil {
		return id, id
	}
	return r.Name, r.NameEN
}

// Time formats of the interface.
const (
	timeLayout = "2006-01-02T15:04"
	dateLayout = "2006-01-02"
	clockOnly  = "15:04"
)

// parseTime reads a YYYY-MM-DDTHH:MM time in Seoul, strictly: exactly that
// form, no seconds, no zone, every field in range.
func parseTime(flagName, s string) (time.Time, error) {
	t, err := time.ParseInLocation(timeLayout, s, seoul.Location)
	if err != nil || t.Format(timeLayout) != s {
		return time.Time{}, usagef("%s %q: 시각은 YYYY-MM-DDTHH:MM 형식입니다(예: 2027-03-10T10:00, 서울 시각)",
			"%s %q: times are YYYY-MM-DDTHH:MM (e.g. 2027-03-10T10:00, Asia/Seoul)", flagName, s)
	}
	return t, nil
}

// stamp formats t as the interface's YYYY-MM-DDTHH:MM in Seoul.
func stamp(t time.Time) string { return t.In(seoul.Location).Format(timeLayout) }

// span is "2027-03-10 10:00-12:00" (the end's date too when it differs).
func span(from, to time.Time) string {
	from, to = from.In(seoul.Location), to.In(seoul.Location)
	end := to.Format(clockOnly)
	if seoul.Midnight(from) != seoul.Midnight(to) {
		end = to.Format(dateLayout + " " + clockOnly)
	}
	return from.Format(dateLayout+" "+clockOnly) + "-" + end
}

// grouped writes n with thousands separators: 52,000.
func grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// won is "52,000원"; krw is "KRW 52,000".
func won(n int64) string { return grouped(n) + "원" }
func krw(n int64) string { return "KRW " + grouped(n) }

// table lays rows out in columns, padding by display width (a Hangul
// syllable takes two terminal cells).
func table(header []string, rows [][]string) string {
	widths := make([]int, len(header))
	for _, r := range append([][]string{header}, rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], cells(c))
		}
	}
	var b strings.Builder
	for _, r := range append([][]string{header}, rows...) {
		var line strings.Builder
		for i, c := range r {
			line.WriteString(c)
			if i < len(r)-1 {
				line.WriteString(strings.Repeat(" ", widths[i]-cells(c)+2))
			}
		}
		b.WriteString(strings.TrimRight(line.String(), " ") + "\n")
	}
	return b.String()
}

// cells is the terminal width of s: two cells for wide East Asian runes.
func cells(s string) int {
	n := 0
	for _, r := range s {
		n++
		if wide(r) {
			n++
		}
	}
	return n
}

func wide(r rune) bool {
	switch {
	case r >= 0x1100 && r <= 0x115F, // Hangul Jamo initials
		r >= 0x2E80 && r <= 0xA4CF && r != 0x303F, // CJK, compatibility jamo
		r >= 0xAC00 && r <= 0xD7A3,                // Hangul syllables
		r >= 0xF900 && r <= 0xFAFF,                // CJK compatibility ideographs
		r >= 0xFE30 && r <= 0xFE4F,
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6: // fullwidth forms
		return true
	}
	return false
}

// visitor is the masked name and phone of a booking for human output (the
// organisation, personal data too, is left out).
func visitor(b booking.Booking) string {
	return booking.MaskName(b.Name) + " " + booking.MaskPhone(b.Phone)
}

// statusKO names a status in Korean.
func statusKO(s booking.Status) string {
	switch s {
	case booking.StatusHeld:
		return "결제 대기"
	case booking.StatusPaid:
		return "결제 완료"
	case booking.StatusCheckedIn:
		return "입실"
	case booking.StatusCompleted:
		return "이용 완료"
	case booking.StatusCancelled:
		return "취소"
	case booking.StatusLapsed:
		return "기한 만료"
	case booking.StatusNoShow:
		return "노쇼"
	case booking.StatusBlocked:
		return "사용 중지"
	}
	return string(s)
}
