package holiday

import (
	"sync"
	"testing"
	"time"

	"github.com/6tail/lunar-go/calendar"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, Seoul) }

func TestHolidays(t *testing.T) {
	tests := []struct {
		date    time.Time
		weekday time.Weekday // sanity check of the reasoning behind the case
		name    string       // "" means: not a holiday
		sub     bool
	}{
		// 2024
		{day(2024, 2, 9), time.Friday, "설날", false},
		{day(2024, 2, 10), time.Saturday, "설날", false},
		{day(2024, 2, 11), time.Sunday, "설날", false},
		{day(2024, 2, 12), time.Monday, "대체공휴일(설날)", true},
		{day(2024, 2, 13), time.Tuesday, "", false},
		{day(2024, 5, 5), time.Sunday, "어린이날", false},
		{day(2024, 5, 6), time.Monday, "대체공휴일(어린이날)", true},
		{day(2024, 5, 15), time.Wednesday, "부처님오신날", false},
		{day(2024, 9, 16), time.Monday, "추석", false},
		{day(2024, 9, 17), time.Tuesday, "추석", false},
		{day(2024, 9, 18), time.Wednesday, "추석", false},
		{day(2024, 9, 19), time.Thursday, "", false},
		// 2025
		{day(2025, 1, 28), time.Tuesday, "설날", false},
		{day(2025, 1, 29), time.Wednesday, "설날", false},
		{day(2025, 1, 30), time.Thursday, "설날", false},
		{day(2025, 1, 31), time.Friday, "", false},
		{day(2025, 3, 1), time.Saturday, "삼일절", false},
		{day(2025, 3, 3), time.Monday, "대체공휴일(삼일절)", true},
		{day(2025, 5, 5), time.Monday, "어린이날·부처님오신날", false},
		{day(2025, 5, 6), time.Tuesday, "대체공휴일(어린이날·부처님오신날)", true},
		{day(2025, 5, 7), time.Wednesday, "", false},
		{day(2025, 10, 3), time.Friday, "개천절", false},
		{day(2025, 10, 4), time.Saturday, "", false},
		{day(2025, 10, 5), time.Sunday, "추석", false},
		{day(2025, 10, 6), time.Monday, "추석", false},
		{day(2025, 10, 7), time.Tuesday, "추석", false},
		{day(2025, 10, 8), time.Wednesday, "대체공휴일(추석)", true},
		{day(2025, 10, 9), time.Thursday, "한글날", false},
		{day(2025, 10, 10), time.Friday, "", false},
		// 2023: 부처님오신날 on Saturday (rule since 2023). lunar 4/8 is
		// 27 May in Korea but 26 May in China (new moon 15:53 UTC).
		{day(2023, 5, 26), time.Friday, "", false},
		{day(2023, 5, 27), time.Saturday, "부처님오신날", false},
		{day(2023, 5, 29), time.Monday, "대체공휴일(부처님오신날)", true},
		// 2022
		{day(2022, 10, 3), time.Monday, "개천절", false},
		{day(2022, 10, 4), time.Tuesday, "", false},
		{day(2022, 10, 9), time.Sunday, "한글날", false},
		{day(2022, 10, 10), time.Monday, "대체공휴일(한글날)", true},
		// 2021: 광복절 on Sunday, first year of the extended rule.
		{day(2021, 8, 15), time.Sunday, "광복절", false},
		{day(2021, 8, 16), time.Monday, "대체공휴일(광복절)", true},
		// 2020: 광복절 on Saturday, before the 2021 rule; 17 Aug 2020 was
		// an announced 임시공휴일 (shipped data), not a substitute.
		{day(2020, 8, 15), time.Saturday, "광복절", false},
		{day(2020, 8, 17), time.Monday, "임시공휴일", false},
		// 2017: 추석 overlapping 개천절 → one substitute.
		{day(2017, 10, 3), time.Tuesday, "개천절·추석", false},
		{day(2017, 10, 6), time.Friday, "대체공휴일(추석)", true},
		// 2026
		{day(2026, 3, 1), time.Sunday, "삼일절", false},
		{day(2026, 3, 2), time.Monday, "대체공휴일(삼일절)", true},
		{day(2026, 5, 24), time.Sunday, "부처님오신날", false},
		{day(2026, 5, 25), time.Monday, "대체공휴일(부처님오신날)", true},
		{day(2026, 6, 6), time.Saturday, "현충일", false}, // never substituted
		{day(2026, 6, 8), time.Monday, "", false},
		{day(2026, 8, 15), time.Saturday, "광복절", false},
		{day(2026, 8, 17), time.Monday, "대체공휴일(광복절)", true},
		{day(2026, 9, 26), time.Saturday, "추석", false}, // Saturday: no substitute
		{day(2026, 9, 28), time.Monday, "", false},
		{day(2026, 10, 3), time.Saturday, "개천절", false},
		{day(2026, 10, 5), time.Monday, "대체공휴일(개천절)", true},
		// 2027: 설날 is 7 Feb in Korea (6 Feb in China: new moon 15:56 UTC).
		{day(2027, 2, 5), time.Friday, "", false},
		{day(2027, 2, 6), time.Saturday, "설날", false},
		{day(2027, 2, 7), time.Sunday, "설날", false},
		{day(2027, 2, 8), time.Monday, "설날", false},
		{day(2027, 2, 9), time.Tuesday, "대체공휴일(설날)", true},
		{day(2027, 12, 25), time.Saturday, "성탄절", false},
		{day(2027, 12, 27), time.Monday, "대체공휴일(성탄절)", true},
		// 2022-01-01 신정 on Saturday: never substituted.
		{day(2022, 1, 1), time.Saturday, "신정", false},
		{day(2022, 1, 3), time.Monday, "", false},
		// 2012: Korea had a leap 3rd month (China: leap 4th), so lunar 4/8
		// was 28 May in Korea.
		{day(2012, 4, 28), time.Saturday, "", false},
		{day(2012, 5, 28), time.Monday, "부처님오신날", false},
		// 1997: 설날 was 8 Feb in Korea (7 Feb in China).
		{day(1997, 2, 7), time.Friday, "설날", false},
		{day(1997, 2, 8), time.Saturday, "설날", false},
		{day(1997, 2, 9), time.Sunday, "설날", false},
		{day(1997, 2, 10), time.Monday, "", false}, // before the 2014 rule
	}
	for _, tc := range tests {
		t.Run(tc.date.Format("2006-01-02"), func(t *testing.T) {
			if wd := tc.date.Weekday(); wd != tc.weekday {
				t.Fatalf("test table: %s is a %s, not a %s", tc.date.Format("2006-01-02"), wd, tc.weekday)
			}
			h, ok := Default().Is(tc.date)
			if tc.name == "" {
				if ok {
					t.Fatalf("Is = %+v, want no holiday", h)
				}
				return
			}
			if !ok {
				t.Fatalf("Is = false, want %q", tc.name)
			}
			if h.Name != tc.name || h.Substitute != tc.sub || !h.Date.Equal(tc.date) || h.NameEN == "" {
				t.Fatalf("Is = %+v, want name %q substitute %v", h, tc.name, tc.sub)
			}
			var found bool
			for _, fh := range Default().ForYear(tc.date.Year()) {
				if fh.Date.Equal(tc.date) {
					found = fh == h
				}
			}
			if !found {
				t.Fatalf("Default().ForYear(%d) does not contain %+v", tc.date.Year(), h)
			}
		})
	}
}

func TestEnglishNames(t *testing.T) {
	for _, tc := range []struct {
		date time.Time
		en   string
	}{
		{day(2025, 10, 6), "Chuseok"},
		{day(2025, 1, 29), "Seollal"},
		{day(2025, 10, 8), "Substitute holiday (Chuseok)"},
		{day(2025, 5, 5), "Children's Day / Buddha's Birthday"},
	} {
		if h, _ := Default().Is(tc.date); h.NameEN != tc.en {
			t.Errorf("%s: NameEN = %q, want %q", tc.date.Format("2006-01-02"), h.NameEN, tc.en)
		}
	}
}

// Before 2026 the rules give 15 holiday dates a year, fewer when two
// coincide, plus up to six substitutes; from 2026 제헌절 and 노동절 make 17,
// with (in 2026..2100) up to eight substitutes; regular elections add up to
// two days (2030: presidential and local), announced holidays a few more.
// 2006 (어린이날 = 부처님오신날, the 4th local elections) has 15 entries and
// 2009 (추석 on 개천절, no election) 14, as no substitutes existed before
// 2014; 2032 (부처님오신날, 노동절, 제헌절, 광복절, 추석, 개천절, 한글날 and
// 성탄절 all touching a weekend, and the 24th National Assembly elections)
// has 26, and 2100 (presidential and National Assembly elections) 27, the
// most in 2000..2100.
func TestForYearShape(t *testing.T) {
	for y, n := range map[int]int{2006: 15, 2009: 14, 2024: 19, 2025: 19, 2026: 22, 2027: 24, 2032: 26, 2100: 27} {
		if got := len(Default().ForYear(y)); got != n {
			t.Errorf("%d: %d holidays, want %d", y, got, n)
		}
	}
	for y := 2000; y <= 2100; y++ {
		hs := Default().ForYear(y)
		if n := len(hs); n < 14 || n > 27 {
			t.Errorf("%d: %d holidays, want 14..27", y, n)
		}
		for i, h := range hs {
			if h.Date.Year() != y || h.Date.Location() != Seoul || h.Date.Hour() != 0 || h.Date.Minute() != 0 {
				t.Errorf("%d: bad date %v", y, h.Date)
			}
			if i > 0 && !hs[i-1].Date.Before(h.Date) {
				t.Errorf("%d: not sorted or duplicate: %v then %v", y, hs[i-1].Date, h.Date)
			}
			if h.Name == "" || h.NameEN == "" {
				t.Errorf("%d: unnamed holiday %+v", y, h)
			}
			if wd := h.Date.Weekday(); h.Substitute && (wd == time.Saturday || wd == time.Sunday) {
				t.Errorf("%d: substitute on a weekend: %+v", y, h)
			}
			if got, ok := Default().Is(h.Date); !ok || got != h {
				t.Errorf("%d: Default().Is(%v) = %+v, %v", y, h.Date, got, ok)
			}
		}
	}
}

func TestForYearReturnsCopy(t *testing.T) {
	hs := Default().ForYear(2025)
	hs[0].Name = "changed"
	if Default().ForYear(2025)[0].Name != "신정" {
		t.Fatal("ForYear exposes its cache")
	}
}

func TestIsTimeOfDayAndZone(t *testing.T) {
	late := time.Date(2025, 10, 8, 23, 30, 0, 0, Seoul) // 14:30 UTC
	early := time.Date(2025, 5, 5, 0, 30, 0, 0, Seoul)  // 15:30 UTC on 4 May
	for _, tc := range []struct {
		t    time.Time
		want string
	}{
		{late, "대체공휴일(추석)"},
		{late.UTC(), "대체공휴일(추석)"},
		{late.In(time.FixedZone("PST", -8*3600)), "대체공휴일(추석)"},
		{early, "어린이날·부처님오신날"},
		{early.UTC(), "어린이날·부처님오신날"},
		{time.Date(2025, 5, 4, 23, 30, 0, 0, Seoul).UTC(), ""},
		{time.Date(2025, 10, 9, 0, 0, 0, 0, Seoul).Add(-time.Nanosecond).UTC(), "대체공휴일(추석)"},
	} {
		h, ok := Default().Is(tc.t)
		if ok != (tc.want != "") || h.Name != tc.want {
			t.Errorf("Default().Is(%v) = %q, %v; want %q", tc.t, h.Name, ok, tc.want)
		}
	}
}

// TestLunarMonthsMatchLunarGo checks the lunar-month computation: run at
// UTC+8 it must reproduce lunar-go's (Chinese) calendar, from which the
// Korean calendar differs only through the time zone.
func TestLunarMonthsMatchLunarGo(t *testing.T) {
	for y := 1930; y <= 2200; y++ {
		for _, m := range []int{1, 4, 8} {
			s := calendar.NewLunarFromYmd(y, m, 1).GetSolar()
			want := civil{s.GetYear(), time.Month(s.GetMonth()), s.GetDay()}
			if got := lunarMonthStart(y, m, 8.0/24); got != want {
				t.Errorf("lunar %d/%d/1 at UTC+8: got %v, lunar-go %v", y, m, got, want)
			}
		}
	}
}

func TestNewMoonJDE(t *testing.T) {
	// Meeus, Astronomical Algorithms, example 49.a: 1977 Feb 18 03:37:42 TD.
	if got := newMoonJDE(-283); got < 2443192.65117 || got > 2443192.65119 {
		t.Fatalf("newMoonJDE(-283) = %.5f, want 2443192.65118", got)
	}
}

func TestConcurrentIs(t *testing.T) {
	const workers = 16
	start := day(2300, 1, 1) // years nobody has cached yet
	var wg sync.WaitGroup
	results := make([]map[time.Time]string, workers)
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res := make(map[time.Time]string)
			for i := 0; i < 3*366; i += 1 + w%3 {
				d := start.AddDate(0, 0, i)
				if h, ok := Default().Is(d); ok {
					res[d] = h.Name
				}
			}
			results[w] = res
		}()
	}
	wg.Wait()
	want := make(map[time.Time]string)
	for y := 2300; y <= 2303; y++ {
		for _, h := range Default().ForYear(y) {
			want[h.Date] = h.Name
		}
	}
	for w, res := range results {
		if len(res) == 0 {
			t.Fatalf("worker %d found no holidays", w)
		}
		for d, name := range res {
			if want[d] != name {
				t.Errorf("worker %d: %v = %q, want %q", w, d, name, want[d])
			}
		}
	}
}
