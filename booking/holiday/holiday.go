package holiday

import (
	"sort"
	"strings"
	"sync"
	"time"
)

// Holiday is one public holiday date.
type Holiday struct {
	Date       time.Time // midnight Asia/Seoul
	Name       string    // Korean name, e.g. "설날", "추석", "대체공휴일(추석)"
	NameEN     string    // English, e.g. "Seollal", "Chuseok", "Substitute holiday (Chuseok)"
	Substitute bool
}

// kind identifies a holiday under 관공서의 공휴일에 관한 규정 제2조. The order
// of the constants is the order of names on a date shared by two holidays.
type kind int

const (
	newYear    kind = iota // 신정, 1/1
	samil                  // 삼일절, 3/1
	children               // 어린이날, 5/5
	memorial               // 현충일, 6/6
	liberation             // 광복절, 8/15
	foundation             // 개천절, 10/3
	hangul                 // 한글날, 10/9
	christmas              // 성탄절, 12/25
	seollal                // 설날, lunar 12/말·1/1·1/2
	buddha                 // 부처님오신날, lunar 4/8
	chuseok                // 추석, lunar 8/14–16
)

type kindInfo struct {
	ko, en string
	// subFrom is the first year whose occurrences can get a 대체공휴일; 0
	// means never.
	subFrom int
	// saturday: Saturday also triggers a substitute (Sunday and overlap with
	// another holiday always do, from subFrom on).
	saturday bool
}

var kinds = [...]kindInfo{
	newYear:    {"신정", "New Year's Day", 0, false},
	samil:      {"삼일절", "Independence Movement Day", 2021, true},
	children:   {"어린이날", "Children's Day", 2014, true},
	memorial:   {"현충일", "Memorial Day", 0, false},
	liberation: {"광복절", "Liberation Day", 2021, true},
	foundation: {"개천절", "National Foundation Day", 2021, true},
	hangul:     {"한글날", "Hangul Day", 2021, true},
	christmas:  {"성탄절", "Christmas Day", 2023, true},
	seollal:    {"설날", "Seollal", 2014, false},
	buddha:     {"부처님오신날", "Buddha's Birthday", 2023, true},
	chuseok:    {"추석", "Chuseok", 2014, false},
}

// ForYear returns all public holidays of the given Gregorian year, sorted by
// date, one entry per date. The current rules (with the years from which each
// substitute-holiday provision applies) are used for every year, so earlier
// changes (식목일 and 제헌절 until 2005/2007, 한글날 not a holiday 1991–2012)
// are not modelled. Election days and one-off 임시공휴일 are not included.
func ForYear(year int) []Holiday {
	y := cached(year)
	return append([]Holiday(nil), y.list...)
}

// Is reports whether the calendar date of t in Asia/Seoul is a public holiday,
// and if so returns it.
func Is(t time.Time) (Holiday, bool) {
	d := civilOf(t.In(Seoul))
	y := cached(d.y)
	i, ok := y.index[d]
	if !ok {
		return Holiday{}, false
	}
	return y.list[i], true
}

type yearData struct {
	list  []Holiday
	index map[civil]int
}

var cache = struct {
	sync.Mutex
	years map[int]*yearData
}{years: make(map[int]*yearData)}

func cached(year int) *yearData {
	cache.Lock()
	defer cache.Unlock()
	y, ok := cache.years[year]
	if !ok {
		y = compute(year)
		cache.years[year] = y
	}
	return y
}

func compute(year int) *yearData {
	days := make(map[civil][]kind)
	add := func(d civil, k kind) { days[d] = append(days[d], k) }
	fixed := []struct {
		m time.Month
		d int
		k kind
	}{
		{time.January, 1, newYear},
		{time.March, 1, samil},
		{time.May, 5, children},
		{time.June, 6, memorial},
		{time.August, 15, liberation},
		{time.October, 3, foundation},
		{time.October, 9, hangul},
		{time.December, 25, christmas},
	}
	for _, f := range fixed {
		add(civil{year, f.m, f.d}, f.k)
	}
	// Lunar holidays in the Korean (UTC+9) lunar calendar. The lunar year
	// that starts in Gregorian year Y has its 1st, 4th and 8th months in Y.
	lunarNewYear := lunarMonthStart(year, 1, koreaOffset)
	for i := -1; i <= 1; i++ { // last day of month 12, 1/1, 1/2
		add(lunarNewYear.addDays(i), seollal)
	}
	add(lunarMonthStart(year, 4, koreaOffset).addDays(7), buddha)
	for i := 13; i <= 15; i++ { // 8/14, 8/15, 8/16
		add(lunarMonthStart(year, 8, koreaOffset).addDays(i), chuseok)
	}

	dates := make([]civil, 0, len(days))
	for d, ks := range days {
		sort.Slice(ks, func(i, j int) bool { return ks[i] < ks[j] })
		dates = append(dates, d)
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i].before(dates[j]) })

	// 대체공휴일 (제3조): each qualifying date yields one substitute, the
	// first following Monday–Friday that is neither a holiday nor an already
	// assigned substitute; qualifying dates are handled in date order.
	subs := make(map[civil][]kind)
	for _, d := range dates {
		ks := days[d]
		var trig []kind
		for _, k := range ks {
			info := kinds[k]
			if info.subFrom == 0 || year < info.subFrom {
				continue
			}
			wd := d.weekday()
			if wd == time.Sunday || (wd == time.Saturday && info.saturday) || len(ks) > 1 {
				trig = append(trig, k)
			}
		}
		if len(trig) == 0 {
			continue
		}
		s := d.addDays(1)
		for {
			_, hol := days[s]
			_, taken := subs[s]
			if wd := s.weekday(); wd != time.Saturday && wd != time.Sunday && !hol && !taken {
				break
			}
			s = s.addDays(1)
		}
		subs[s] = trig
	}

	var list []Holiday
	for _, d := range dates {
		ko, en := names(days[d])
		list = append(list, Holiday{Date: d.inSeoul(), Name: ko, NameEN: en})
	}
	for d, ks := range subs {
		ko, en := names(ks)
		list = append(list, Holiday{
			Date:       d.inSeoul(),
			Name:       "대체공휴일(" + ko + ")",
			NameEN:     "Substitute holiday (" + en + ")",
			Substitute: true,
		})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Date.Before(list[j].Date) })

	index := make(map[civil]int, len(list))
	for i, h := range list {
		index[civilOf(h.Date)] = i
	}
	return &yearData{list: list, index: index}
}

// names joins the names of the holidays sharing a date, e.g.
// "어린이날·부처님오신날" / "Children's Day / Buddha's Birthday".
func names(ks []kind) (ko, en string) {
	kos := make([]string, len(ks))
	ens := make([]string, len(ks))
	for i, k := range ks {
		kos[i], ens[i] = kinds[k].ko, kinds[k].en
	}
	return strings.Join(kos, "·"), strings.Join(ens, " / ")
}
