package holiday

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

// gazette lists every public holiday of 2018–2027 as "MM-DD Day Name", as
// published in KASI's 월력요항 and the 관보, and for 2026–2027 as worked out
// by hand from the rules as they stand (제헌절 and 노동절 since 2026):
// fixed days, 설날/부처님오신날/추석 from the Korean lunar calendar
// (설날 2018-02-16, 2019-02-05, 2020-01-25, 2021-02-12, 2022-02-01,
// 2023-01-22, 2024-02-10, 2025-01-29, 2026-02-17, 2027-02-07; 부처님오신날
// 05-22, 05-12, 04-30, 05-19, 05-08, 05-27, 05-15, 05-05, 05-24, 05-13;
// 추석 09-24, 09-13, 10-01, 09-21, 09-10, 09-29, 09-17, 10-06, 09-25,
// 09-15), regular election days, announced days and substitutes.
var gazette = map[int][]string{
	2018: {
		"01-01 Mon 신정",
		"02-15 Thu 설날", "02-16 Fri 설날", "02-17 Sat 설날", // Saturday: no substitute for 설날
		"03-01 Thu 삼일절",
		"05-05 Sat 어린이날", "05-07 Mon 대체공휴일(어린이날)",
		"05-22 Tue 부처님오신날",
		"06-06 Wed 현충일",
		"06-13 Wed 지방선거일", // 7th local: 30 June − 30 days = Thu 31 May; Wed 6 June is 현충일 → a week later
		"08-15 Wed 광복절",
		"09-23 Sun 추석", "09-24 Mon 추석", "09-25 Tue 추석", "09-26 Wed 대체공휴일(추석)",
		"10-03 Wed 개천절",
		"10-09 Tue 한글날",
		"12-25 Tue 성탄절",
	},
	2019: {
		"01-01 Tue 신정",
		"02-04 Mon 설날", "02-05 Tue 설날", "02-06 Wed 설날",
		"03-01 Fri 삼일절",
		"05-05 Sun 어린이날", "05-06 Mon 대체공휴일(어린이날)",
		"05-12 Sun 부처님오신날", // no substitute before 2023
		"06-06 Thu 현충일",
		"08-15 Thu 광복절",
		"09-12 Thu 추석", "09-13 Fri 추석", "09-14 Sat 추석",
		"10-03 Thu 개천절",
		"10-09 Wed 한글날",
		"12-25 Wed 성탄절",
	},
	2020: {
		"01-01 Wed 신정",
		"01-24 Fri 설날", "01-25 Sat 설날", "01-26 Sun 설날", "01-27 Mon 대체공휴일(설날)",
		"03-01 Sun 삼일절",     // no substitute before 2021
		"04-15 Wed 국회의원선거일", // 21st: 29 May − 50 days = Thu 9 April
		"04-30 Thu 부처님오신날",
		"05-05 Tue 어린이날",
		"06-06 Sat 현충일",
		"08-15 Sat 광복절",
		"08-17 Mon 임시공휴일",
		"09-30 Wed 추석", "10-01 Thu 추석", "10-02 Fri 추석",
		"10-03 Sat 개천절",
		"10-09 Fri 한글날",
		"12-25 Fri 성탄절",
	},
	2021: {
		"01-01 Fri 신정",
		"02-11 Thu 설날", "02-12 Fri 설날", "02-13 Sat 설날",
		"03-01 Mon 삼일절",
		"05-05 Wed 어린이날",
		"05-19 Wed 부처님오신날",
		"06-06 Sun 현충일",
		"08-15 Sun 광복절", "08-16 Mon 대체공휴일(광복절)",
		"09-20 Mon 추석", "09-21 Tue 추석", "09-22 Wed 추석",
		"10-03 Sun 개천절", "10-04 Mon 대체공휴일(개천절)",
		"10-09 Sat 한글날", "10-11 Mon 대체공휴일(한글날)",
		"12-25 Sat 성탄절",
	},
	2022: {
		"01-01 Sat 신정",
		"01-31 Mon 설날", "02-01 Tue 설날", "02-02 Wed 설날",
		"03-01 Tue 삼일절",
		"03-09 Wed 대통령선거일", // 20th: 9 May − 70 days = Mon 28 Feb; Wed 2 March follows 삼일절 → a week later
		"05-05 Thu 어린이날",
		"05-08 Sun 부처님오신날",
		"06-01 Wed 지방선거일", // 8th: 30 June − 30 days = Tue 31 May
		"06-06 Mon 현충일",
		"08-15 Mon 광복절",
		"09-09 Fri 추석", "09-10 Sat 추석", "09-11 Sun 추석", "09-12 Mon 대체공휴일(추석)",
		"10-03 Mon 개천절",
		"10-09 Sun 한글날", "10-10 Mon 대체공휴일(한글날)",
		"12-25 Sun 성탄절", // no substitute before 2023
	},
	2023: {
		"01-01 Sun 신정",
		"01-21 Sat 설날", "01-22 Sun 설날", "01-23 Mon 설날", "01-24 Tue 대체공휴일(설날)",
		"03-01 Wed 삼일절",
		"05-05 Fri 어린이날",
		"05-27 Sat 부처님오신날", "05-29 Mon 대체공휴일(부처님오신날)",
		"06-06 Tue 현충일",
		"08-15 Tue 광복절",
		"09-28 Thu 추석", "09-29 Fri 추석", "09-30 Sat 추석",
		"10-02 Mon 임시공휴일",
		"10-03 Tue 개천절",
		"10-09 Mon 한글날",
		"12-25 Mon 성탄절",
	},
	2024: {
		"01-01 Mon 신정",
		"02-09 Fri 설날", "02-10 Sat 설날", "02-11 Sun 설날", "02-12 Mon 대체공휴일(설날)",
		"03-01 Fri 삼일절",
		"04-10 Wed 국회의원선거일", // 22nd: 29 May − 50 days = Tue 9 April
		"05-05 Sun 어린이날", "05-06 Mon 대체공휴일(어린이날)",
		"05-15 Wed 부처님오신날",
		"06-06 Thu 현충일",
		"08-15 Thu 광복절",
		"09-16 Mon 추석", "09-17 Tue 추석", "09-18 Wed 추석",
		"10-01 Tue 임시공휴일(국군의 날)",
		"10-03 Thu 개천절",
		"10-09 Wed 한글날",
		"12-25 Wed 성탄절",
	},
	2025: {
		"01-01 Wed 신정",
		"01-27 Mon 임시공휴일",
		"01-28 Tue 설날", "01-29 Wed 설날", "01-30 Thu 설날",
		"03-01 Sat 삼일절", "03-03 Mon 대체공휴일(삼일절)",
		"05-05 Mon 어린이날·부처님오신날", "05-06 Tue 대체공휴일(어린이날·부처님오신날)",
		"06-03 Tue 대통령선거일", // 21st, a snap election: announced, not computed
		"06-06 Fri 현충일",
		"08-15 Fri 광복절",
		"10-03 Fri 개천절",
		"10-05 Sun 추석", "10-06 Mon 추석", "10-07 Tue 추석", "10-08 Wed 대체공휴일(추석)",
		"10-09 Thu 한글날",
		"12-25 Thu 성탄절",
	},
	2026: {
		"01-01 Thu 신정",
		"02-16 Mon 설날", "02-17 Tue 설날", "02-18 Wed 설날",
		"03-01 Sun 삼일절", "03-02 Mon 대체공휴일(삼일절)",
		"05-01 Fri 노동절",
		"05-05 Tue 어린이날",
		"05-24 Sun 부처님오신날", "05-25 Mon 대체공휴일(부처님오신날)",
		"06-03 Wed 지방선거일", // 9th: 30 June − 30 days = Sun 31 May
		"06-06 Sat 현충일",   // never substituted
		"07-17 Fri 제헌절",
		"08-15 Sat 광복절", "08-17 Mon 대체공휴일(광복절)",
		"09-24 Thu 추석", "09-25 Fri 추석", "09-26 Sat 추석", // Saturday: no substitute for 추석
		"10-03 Sat 개천절", "10-05 Mon 대체공휴일(개천절)",
		"10-09 Fri 한글날",
		"12-25 Fri 성탄절",
	},
	2027: {
		"01-01 Fri 신정",
		"02-06 Sat 설날", "02-07 Sun 설날", "02-08 Mon 설날", "02-09 Tue 대체공휴일(설날)", // one substitute, for the Sunday
		"03-01 Mon 삼일절",
		"05-01 Sat 노동절", "05-03 Mon 대체공휴일(노동절)",
		"05-05 Wed 어린이날",
		"05-13 Thu 부처님오신날",
		"06-06 Sun 현충일",
		"07-17 Sat 제헌절", "07-19 Mon 대체공휴일(제헌절)",
		"08-15 Sun 광복절", "08-16 Mon 대체공휴일(광복절)",
		"09-14 Tue 추석", "09-15 Wed 추석", "09-16 Thu 추석",
		"10-03 Sun 개천절", "10-04 Mon 대체공휴일(개천절)",
		"10-09 Sat 한글날", "10-11 Mon 대체공휴일(한글날)",
		"12-25 Sat 성탄절", "12-27 Mon 대체공휴일(성탄절)",
	},
}

func format(hs []Holiday) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.Date.Format("01-02 Mon ") + h.Name
	}
	return out
}

func TestGazette(t *testing.T) {
	for y := 2018; y <= 2027; y++ {
		t.Run(fmt.Sprint(y), func(t *testing.T) {
			want := gazette[y]
			hs := Default().ForYear(y)
			got := format(hs)
			if strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("Default().ForYear(%d):\n%s\nwant:\n%s", y, strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
			for _, h := range hs {
				if h.Substitute != strings.HasPrefix(h.Name, "대체공휴일(") {
					t.Errorf("%s: Substitute = %v", h.Name, h.Substitute)
				}
			}
			// Every other day of the year is not a holiday.
			for d := day(y, 1, 1); d.Year() == y; d = d.AddDate(0, 0, 1) {
				h, ok := Default().Is(d)
				listed := false
				for _, w := range want {
					listed = listed || strings.HasPrefix(w, d.Format("01-02 "))
				}
				if ok != listed {
					t.Errorf("Default().Is(%s) = %+v, %v", d.Format("2006-01-02"), h, ok)
				}
			}
		})
	}
}

func TestNewHolidayNames(t *testing.T) {
	for _, tc := range []struct {
		date   time.Time
		ko, en string
	}{
		{day(2026, 7, 17), "제헌절", "Constitution Day"},
		{day(2027, 7, 19), "대체공휴일(제헌절)", "Substitute holiday (Constitution Day)"},
		{day(2026, 5, 1), "노동절", "Labour Day"},
		{day(2027, 5, 3), "대체공휴일(노동절)", "Substitute holiday (Labour Day)"},
		{day(2022, 3, 9), "대통령선거일", "Presidential election day"},
		{day(2025, 6, 3), "대통령선거일", "Presidential election day"},
		{day(2024, 4, 10), "국회의원선거일", "National Assembly election day"},
		{day(2026, 6, 3), "지방선거일", "Local election day"},
		{day(2025, 1, 27), "임시공휴일", "Temporary holiday"},
		{day(2024, 10, 1), "임시공휴일(국군의 날)", "Temporary holiday (Armed Forces Day)"},
	} {
		h, ok := Default().Is(tc.date)
		if !ok || h.Name != tc.ko || h.NameEN != tc.en || h.Substitute != strings.HasPrefix(tc.ko, "대체") {
			t.Errorf("%s: Is = %+v, %v; want %q / %q", tc.date.Format("2006-01-02"), h, ok, tc.ko, tc.en)
		}
	}
}

// 제헌절 (a holiday until 2007, not modelled) and 노동절 (근로자의 날, a paid
// day off under its own act but not a public holiday) are public holidays
// from 2026 only.
func TestConstitutionAndLabourDayFrom2026(t *testing.T) {
	for y := 2000; y <= 2030; y++ {
		for _, d := range []time.Time{day(y, 5, 1), day(y, 7, 17)} {
			h, ok := Default().Is(d)
			isNew := ok && (strings.Contains(h.Name, "노동절") || strings.Contains(h.Name, "제헌절"))
			if isNew != (y >= 2026) {
				t.Errorf("Default().Is(%s) = %+v, %v", d.Format("2006-01-02"), h, ok)
			}
		}
		for _, h := range Default().ForYear(y) {
			if y < 2026 && (strings.Contains(h.Name, "노동절") || strings.Contains(h.Name, "제헌절")) {
				t.Errorf("%d: %+v", y, h)
			}
		}
	}
	// 2025-07-17 is a Thursday, 2025-05-01 a Thursday: ordinary days.
	for _, d := range []time.Time{day(2025, 5, 1), day(2025, 7, 17), day(2021, 7, 19), day(2021, 5, 3)} {
		if h, ok := Default().Is(d); ok {
			t.Errorf("Default().Is(%s) = %+v", d.Format("2006-01-02"), h)
		}
	}
}

// TestElectionDays checks the regular election days that Default's terms
// give: published ones (2006–2026) and, from the same rule, the next ones.
func TestElectionDays(t *testing.T) {
	for _, tc := range []struct {
		date time.Time
		name string
		not  []time.Time // nearby days that are not the election
	}{
		{day(2006, 5, 31), "지방선거일", nil},                          // 4th local
		{day(2007, 12, 19), "대통령선거일", nil},                        // 17th president: 2008-02-24 − 70 = Sun 16 Dec
		{day(2008, 4, 9), "국회의원선거일", nil},                         // 18th NA
		{day(2010, 6, 2), "지방선거일", nil},                           // 5th local
		{day(2012, 4, 11), "국회의원선거일", nil},                        // 19th NA
		{day(2012, 12, 19), "대통령선거일", nil},                        // 18th president
		{day(2014, 6, 4), "지방선거일", nil},                           // 6th local
		{day(2016, 4, 13), "국회의원선거일", nil},                        // 20th NA
		{day(2018, 6, 13), "지방선거일", nil},                          // 7th local (moved: 6 June is 현충일)
		{day(2020, 4, 15), "국회의원선거일", nil},                        // 21st NA
		{day(2022, 3, 9), "대통령선거일", []time.Time{day(2022, 3, 2)}}, // 20th president (moved)
		{day(2022, 6, 1), "지방선거일", nil},                           // 8th local
		{day(2024, 4, 10), "국회의원선거일", nil},                        // 22nd NA
		{day(2026, 6, 3), "지방선거일", nil},                           // 9th local
		{day(2028, 4, 12), "국회의원선거일", nil},                        // 23rd NA: 2028-05-29 − 50 = Sun 9 April
		// 22nd president: the term that began on 2025-06-04 expires on
		// 2030-06-03; − 70 days = Monday 25 March → Wednesday 27 March.
		{day(2030, 3, 27), "대통령선거일", nil},
		// 10th local: 2030-06-30 − 30 = Friday 31 May → Wednesday 5 June,
		// the eve of 현충일 (Thursday) → Wednesday 12 June.
		{day(2030, 6, 12), "지방선거일", []time.Time{day(2030, 6, 5)}},
		{day(2032, 4, 14), "국회의원선거일", nil}, // 24th NA: 2032-05-29 − 50 = Fri 9 April
	} {
		if wd := tc.date.Weekday(); wd != time.Wednesday {
			t.Errorf("test table: %s is a %s", tc.date.Format("2006-01-02"), wd)
		}
		if h, ok := Default().Is(tc.date); !ok || h.Name != tc.name || h.Substitute {
			t.Errorf("Default().Is(%s) = %+v, %v; want %s", tc.date.Format("2006-01-02"), h, ok, tc.name)
		}
		for _, d := range tc.not {
			if h, ok := Default().Is(d); ok {
				t.Errorf("Default().Is(%s) = %+v, want no holiday", d.Format("2006-01-02"), h)
			}
		}
	}
	// The presidential election that would have been held in 2027 for the
	// term ended in 2025 is not in the default calendar, nor one in 2017
	// for the term ended in 2017 (the snap elections are announced data).
	for _, y := range []int{2017, 2025, 2027} {
		for _, h := range Default().ForYear(y) {
			if h.Name == "대통령선거일" && !(y == 2017 && h.Date.Equal(day(2017, 5, 9)) || y == 2025 && h.Date.Equal(day(2025, 6, 3))) {
				t.Errorf("unexpected %+v", h)
			}
		}
	}
	n := 0
	for y := 2018; y <= 2031; y++ {
		for _, h := range Default().ForYear(y) {
			if strings.HasSuffix(h.Name, "선거일") {
				n++
			}
		}
	}
	if n != 10 { // 4 local, 3 NA, 2 regular presidential (2022, 2030) and 2025's snap one
		t.Errorf("2018–2031: %d election days, want 10", n)
	}
}

func TestElectionDayRule(t *testing.T) {
	never := func(civil) bool { return false }
	holidays := func(ds ...civil) func(civil) bool {
		return func(d civil) bool {
			for _, h := range ds {
				if d == h {
					return true
				}
			}
			return false
		}
	}
	for _, tc := range []struct {
		o       Office
		expires civil
		isHol   func(civil) bool
		want    civil
	}{
		// The day exactly 70/50/30 days before, when a Wednesday, is it.
		{President, civil{2030, 6, 3}, never, civil{2030, 3, 27}}, // −70 = Mon 25 March
		{President, civil{2030, 6, 1}, never, civil{2030, 3, 27}}, // −70 = Sat 23 March
		{President, civil{2030, 6, 5}, never, civil{2030, 3, 27}}, // −70 = Wed 27 March
		{President, civil{2030, 6, 6}, never, civil{2030, 4, 3}},  // −70 = Thu 28 March
		{Assembly, civil{2024, 5, 29}, never, civil{2024, 4, 10}}, // −50 = Tue 9 April
		{Assembly, civil{2024, 5, 30}, never, civil{2024, 4, 10}}, // −50 = Wed 10 April
		{Local, civil{2026, 6, 30}, never, civil{2026, 6, 3}},     // −30 = Sun 31 May
		// ②: the day itself, the day before or the day after a holiday.
		{Local, civil{2026, 6, 30}, holidays(civil{2026, 6, 3}), civil{2026, 6, 10}},
		{Local, civil{2026, 6, 30}, holidays(civil{2026, 6, 2}), civil{2026, 6, 10}},
		{Local, civil{2026, 6, 30}, holidays(civil{2026, 6, 4}), civil{2026, 6, 10}},
		{Local, civil{2026, 6, 30}, holidays(civil{2026, 6, 1}, civil{2026, 6, 5}), civil{2026, 6, 3}},
		// Moved once only, as the text says.
		{Local, civil{2026, 6, 30}, holidays(civil{2026, 6, 3}, civil{2026, 6, 10}), civil{2026, 6, 10}},
	} {
		if got := electionDay(tc.o, tc.expires, tc.isHol); got != tc.want {
			t.Errorf("electionDay(%v, %v) = %v, want %v", tc.o, tc.expires, got, tc.want)
		}
	}
}

func TestAnnounced(t *testing.T) {
	for _, tc := range []struct {
		date time.Time
		name string
	}{
		{day(2015, 8, 14), "임시공휴일"},
		{day(2016, 5, 6), "임시공휴일"},
		{day(2017, 5, 9), "대통령선거일"},
		{day(2017, 10, 2), "임시공휴일"},
		{day(2020, 8, 17), "임시공휴일"},
		{day(2023, 10, 2), "임시공휴일"},
		{day(2024, 10, 1), "임시공휴일(국군의 날)"},
		{day(2025, 1, 27), "임시공휴일"},
		{day(2025, 6, 3), "대통령선거일"},
	} {
		if h, ok := Default().Is(tc.date); !ok || h.Name != tc.name || h.Substitute {
			t.Errorf("Default().Is(%s) = %+v, %v; want %s", tc.date.Format("2006-01-02"), h, ok, tc.name)
		}
		// Without the announcement it is an ordinary day.
		if h, ok := (Calendar{Terms: Default().Terms}).Is(tc.date); ok {
			t.Errorf("without announcements, Default().Is(%s) = %+v", tc.date.Format("2006-01-02"), h)
		}
	}
}

// termIndex finds a term in c.
func termIndex(t *testing.T, c Calendar, o Office, expires time.Time) int {
	t.Helper()
	for i, tm := range c.Terms {
		if tm.Kind == o && tm.Expires.Equal(expires) {
			return i
		}
	}
	t.Fatalf("no %v term expiring %v", o, expires)
	return -1
}

func TestCalendarTermMovesElection(t *testing.T) {
	c := Default()
	// The 23rd National Assembly's election, before and after a change of
	// its predecessor's expiry to 5 June: − 50 days = Sunday 16 April.
	if h, ok := c.Is(day(2028, 4, 12)); !ok || h.Name != "국회의원선거일" {
		t.Fatalf("before the change: %+v, %v", h, ok)
	}
	i := termIndex(t, c, Assembly, day(2028, 5, 29))
	c.Terms[i].Expires = day(2028, 6, 5)
	if h, ok := c.Is(day(2028, 4, 12)); ok {
		t.Errorf("after the change, 2028-04-12 is %+v", h)
	}
	if h, ok := c.Is(day(2028, 4, 19)); !ok || h.Name != "국회의원선거일" {
		t.Errorf("after the change, 2028-04-19: %+v, %v", h, ok)
	}
	if got := format(c.ForYear(2028)); !contains(got, "04-19 Wed 국회의원선거일") || contains(got, "04-12 Wed 국회의원선거일") {
		t.Errorf("Default().ForYear(2028) = %v", got)
	}
	// The package-level calendar and a fresh Default are unchanged.
	if h, ok := Default().Is(day(2028, 4, 12)); !ok || h.Name != "국회의원선거일" {
		t.Errorf("package Is changed: %+v, %v", h, ok)
	}
	if _, ok := Default().Is(day(2028, 4, 19)); ok {
		t.Error("Default changed")
	}
	// Removing a term removes its election; the zero Calendar has none but
	// keeps the statutory days.
	c.Terms = append(c.Terms[:i], c.Terms[i+1:]...)
	if h, ok := c.Is(day(2028, 4, 19)); ok {
		t.Errorf("after removal, 2028-04-19 is %+v", h)
	}
	var zero Calendar
	if h, ok := zero.Is(day(2026, 6, 3)); ok {
		t.Errorf("zero Calendar: 2026-06-03 is %+v", h)
	}
	if h, ok := zero.Is(day(2026, 7, 17)); !ok || h.Name != "제헌절" {
		t.Errorf("zero Calendar: 2026-07-17 is %+v, %v", h, ok)
	}
	// A (hypothetical) snap election: the president's term ends early, the
	// election is announced, and the cycle restarts from the new term,
	// which begins on the day after the election and expires five years
	// later.
	s := Default()
	var terms []Term
	for _, tm := range s.Terms {
		if tm.Kind != President || tm.Expires.Before(day(2028, 1, 1)) {
			terms = append(terms, tm)
		}
	}
	s.Terms = append(terms, Regular(President, day(2033, 11, 8), 2100)...)
	s.Announced = append(s.Announced, Announced{Date: day(2028, 11, 8), Name: "대통령선거일", NameEN: "Presidential election day"})
	for _, tc := range []struct {
		date time.Time
		want string
	}{
		{day(2028, 11, 8), "대통령선거일"},
		{day(2030, 3, 27), ""},
		{day(2033, 8, 31), "대통령선거일"}, // 2033-11-08 − 70 = Tue 30 Aug
		{day(2035, 3, 28), ""},
		{day(2038, 9, 1), "대통령선거일"}, // 2038-11-08 − 70 = Mon 30 Aug
	} {
		h, ok := s.Is(tc.date)
		if ok != (tc.want != "") || h.Name != tc.want {
			t.Errorf("after the snap election, Default().Is(%s) = %+v, %v; want %q", tc.date.Format("2006-01-02"), h, ok, tc.want)
		}
	}
	if h, ok := Default().Is(day(2030, 3, 27)); !ok || h.Name != "대통령선거일" {
		t.Errorf("package Is changed: %+v, %v", h, ok)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func TestCalendarsDoNotShareCache(t *testing.T) {
	a, b := Default(), Default()
	b.Terms[termIndex(t, b, Local, day(2026, 6, 30))].Expires = day(2026, 7, 7) // − 30 = Sun 7 June → Wed 10 June
	election := func(c Calendar, d time.Time) bool {
		h, ok := c.Is(d)
		return ok && h.Name == "지방선거일"
	}
	// Interleaved, each calendar asked first once.
	if !election(a, day(2026, 6, 3)) || election(b, day(2026, 6, 3)) ||
		!election(b, day(2026, 6, 10)) || election(a, day(2026, 6, 10)) {
		t.Error("2026 local elections: calendars see each other's results")
	}
	if got := format(b.ForYear(2026)); !contains(got, "06-10 Wed 지방선거일") || contains(got, "06-03 Wed 지방선거일") {
		t.Errorf("b.ForYear(2026) = %v", got)
	}
	if got := format(a.ForYear(2026)); contains(got, "06-10 Wed 지방선거일") || !contains(got, "06-03 Wed 지방선거일") {
		t.Errorf("a.ForYear(2026) = %v", got)
	}

	// Changing a calendar after it has been used: its next answers follow.
	extra := day(2026, 10, 2) // a Friday
	if _, ok := a.Is(extra); ok {
		t.Fatal("2026-10-02 is a holiday already")
	}
	a.Announced = append(a.Announced, Announced{Date: extra})
	if h, ok := a.Is(extra); !ok || h.Name != "임시공휴일" || h.NameEN != "Temporary holiday" {
		t.Errorf("after announcing: %+v, %v", h, ok)
	}
	for _, c := range []Calendar{b, Default(), {}} {
		if h, ok := c.Is(extra); ok {
			t.Errorf("another calendar sees a's announcement: %+v", h)
		}
	}
	if h, ok := Default().Is(extra); ok {
		t.Errorf("package Is sees a's announcement: %+v", h)
	}
	a.Announced = a.Announced[:len(a.Announced)-1]
	if h, ok := a.Is(extra); ok {
		t.Errorf("after withdrawing: %+v", h)
	}
	// Changing a term in place (same backing array) after use.
	a.Terms[termIndex(t, a, Local, day(2026, 6, 30))].Expires = day(2026, 7, 7)
	if !election(a, day(2026, 6, 10)) || election(a, day(2026, 6, 3)) {
		t.Error("a changed in place still answers from before")
	}
}

func TestConcurrentCalendars(t *testing.T) {
	const workers = 12
	var wg sync.WaitGroup
	errs := make(chan string, workers*4)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Each worker announces its own day in 2400 and asks about
			// every worker's day, and about the year's election-free days.
			c := Default()
			mine := day(2400, 3, 6+w)
			c.Announced = append(c.Announced, Announced{Date: mine, Name: fmt.Sprint("w", w), NameEN: "W"})
			for range 20 {
				for v := range workers {
					d := day(2400, 3, 6+v)
					h, ok := c.Is(d)
					if (v == w) != (ok && h.Name == fmt.Sprint("w", w)) {
						errs <- fmt.Sprintf("worker %d: Default().Is(%s) = %+v, %v", w, d.Format("2006-01-02"), h, ok)
						return
					}
				}
				if hs, ds := c.ForYear(2400), Default().ForYear(2400); len(hs) != len(ds)+1 {
					errs <- fmt.Sprintf("worker %d: %d holidays in 2400, default %d", w, len(hs), len(ds))
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestAnnouncedIsAHoliday(t *testing.T) {
	// An announced day occupies its date: a substitute looks past it.
	c := Default()
	c.Announced = append(c.Announced, Announced{Date: day(2026, 8, 17)})
	got := format(c.ForYear(2026))
	for _, w := range []string{"08-15 Sat 광복절", "08-17 Mon 임시공휴일", "08-18 Tue 대체공휴일(광복절)"} {
		if !contains(got, w) {
			t.Errorf("Default().ForYear(2026) lacks %q: %v", w, got)
		}
	}
	// Listed twice with the same names, it counts once; with other names,
	// both are shown.
	c = Default()
	c.Announced = append(c.Announced, Announced{Date: day(2025, 6, 3), Name: "대통령선거일", NameEN: "Presidential election day"})
	if h, _ := c.Is(day(2025, 6, 3)); h.Name != "대통령선거일" {
		t.Errorf("duplicate: %+v", h)
	}
	c.Announced = append(c.Announced, Announced{Date: day(2025, 6, 3)})
	if h, _ := c.Is(day(2025, 6, 3)); h.Name != "대통령선거일·임시공휴일" || h.NameEN != "Presidential election day / Temporary holiday" {
		t.Errorf("two names: %+v", h)
	}
	// A date is read in Seoul, whatever the zone of the time given.
	c = Calendar{Announced: []Announced{{Date: time.Date(2026, 10, 1, 20, 0, 0, 0, time.UTC)}}} // 2 Oct 05:00 KST
	if _, ok := c.Is(day(2026, 10, 2)); !ok {
		t.Error("announced date not read in Seoul")
	}
	if _, ok := c.Is(day(2026, 10, 1)); ok {
		t.Error("announced date read in UTC")
	}
	// It is a public holiday like the others, so one on another holiday
	// is an overlap, which gives that holiday a substitute.
	c = Calendar{Announced: []Announced{{Date: day(2026, 5, 5)}}}
	got = format(c.ForYear(2026))
	for _, w := range []string{"05-05 Tue 어린이날·임시공휴일", "05-06 Wed 대체공휴일(어린이날)"} {
		if !contains(got, w) {
			t.Errorf("Default().ForYear(2026) lacks %q: %v", w, got)
		}
	}
}

func TestCalendarJSON(t *testing.T) {
	b, err := json.Marshal(Default())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{`"kind":"president","expires":"2030-06-03T00:00:00+09:00"`, `"kind":"assembly"`, `"kind":"local"`,
		`{"date":"2025-06-03T00:00:00+09:00","name":"대통령선거일","name_en":"Presidential election day"}`} {
		if !strings.Contains(string(b), s) {
			t.Errorf("JSON lacks %s", s)
		}
	}
	var c Calendar
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	for y := 2000; y <= 2100; y++ {
		if got, want := format(c.ForYear(y)), format(Default().ForYear(y)); strings.Join(got, ",") != strings.Join(want, ",") {
			t.Errorf("%d after a JSON round trip: %v, want %v", y, got, want)
		}
	}
	if err := json.Unmarshal([]byte(`{"terms":[{"kind":"mayor","expires":"2026-06-30T00:00:00+09:00"}]}`), &c); err == nil {
		t.Error("unknown office accepted")
	}
	if _, err := json.Marshal(Calendar{Terms: []Term{{Expires: day(2026, 6, 30)}}}); err == nil {
		t.Error("invalid office marshalled")
	}
}

func TestRegularAndOffice(t *testing.T) {
	ts := Regular(Assembly, day(2024, 5, 29), 2036)
	var got []string
	for _, tm := range ts {
		got = append(got, tm.Kind.String()+" "+tm.Expires.Format("2006-01-02"))
	}
	if want := "assembly 2024-05-29,assembly 2028-05-29,assembly 2032-05-29,assembly 2036-05-29"; strings.Join(got, ",") != want {
		t.Errorf("Regular = %v", got)
	}
	if ts := Regular(President, day(2030, 6, 3), 2040); len(ts) != 3 || !ts[2].Expires.Equal(day(2040, 6, 3)) {
		t.Errorf("Regular(President) = %v", ts)
	}
	if ts := Regular(Office(0), day(2030, 6, 3), 2040); ts != nil {
		t.Errorf("Regular(invalid) = %v", ts)
	}
	for o, y := range map[Office]int{President: 5, Assembly: 4, Local: 4, 0: 0, 4: 0} {
		if o.Years() != y {
			t.Errorf("%v.Years() = %d", o, o.Years())
		}
	}
	if s := Office(7).String(); s != "Office(7)" {
		t.Errorf("String = %q", s)
	}
	// A term of an invalid office is ignored.
	c := Calendar{Terms: []Term{{Kind: 0, Expires: day(2026, 6, 30)}, {Kind: 9, Expires: day(2026, 6, 30)}}}
	if h, ok := c.Is(day(2026, 6, 3)); ok {
		t.Errorf("invalid term gave %+v", h)
	}
}
