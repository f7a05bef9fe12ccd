package holiday

import (
	"sort"
	"strings"
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
	newYear      kind = iota // 신정, 1/1
	samil                    // 삼일절, 3/1
	labour                   // 노동절, 5/1, since 2026
	children                 // 어린이날, 5/5
	memorial                 // 현충일, 6/6
	constitution             // 제헌절, 7/17, since 2026
	liberation               // 광복절, 8/15
	foundation               // 개천절, 10/3
	hangul                   // 한글날, 10/9
	christmas                // 성탄절, 12/25
	seollal                  // 설날, lunar 12/말·1/1·1/2
	buddha                   // 부처님오신날, lunar 4/8
	chuseok                  // 추석, lunar 8/14–16
	presidential             // 대통령선거일 (제2조제10호의2), computed from a Term
	assembly                 // 국회의원선거일, computed from a Term
	local                    // 지방선거일, computed from a Term
	announced                // 임시공휴일 or a snap election (제2조제11호): Calendar.Announced
)

type kindInfo struct {
	ko, en string
	// from is the first year the day is a public holiday; 0 means every
	// year (earlier changes to the list are not modelled).
	from int
	// subFrom is the first year whose occurrences can get a 대체공휴일; 0
	// means never.
	subFrom int
	// saturday: Saturday also triggers a substitute (Sunday and overlap with
	// another holiday always do, from subFrom on).
	saturday bool
}

var kinds = [...]kindInfo{
	newYear:      {"신정", "New Year's Day", 0, 0, false},
	samil:        {"삼일절", "Independence Movement Day", 0, 2021, true},
	labour:       {"노동절", "Labour Day", 2026, 2026, true},
	children:     {"어린이날", "Children's Day", 0, 2014, true},
	memorial:     {"현충일", "Memorial Day", 0, 0, false},
	constitution: {"제헌절", "Constitution Day", 2026, 2026, true},
	liberation:   {"광복절", "Liberation Day", 0, 2021, true},
	foundation:   {"개천절", "National Foundation Day", 0, 2021, true},
	hangul:       {"한글날", "Hangul Day", 0, 2021, true},
	christmas:    {"성탄절", "Christmas Day", 0, 2023, true},
	seollal:      {"설날", "Seollal", 0, 2014, false},
	buddha:       {"부처님오신날", "Buddha's Birthday", 0, 2023, true},
	chuseok:      {"추석", "Chuseok", 0, 2014, false},
	presidential: {"대통령선거일", "Presidential election day", 0, 0, false},
	assembly:     {"국회의원선거일", "National Assembly election day", 0, 0, false},
	local:        {"지방선거일", "Local election day", 0, 0, false},
	announced:    {"임시공휴일", "Temporary holiday", 0, 0, false},
}

// entry is one holiday on one date, before substitutes are worked out.
type entry struct {
	k      kind
	ko, en string
}

// dated is an entry added to a year's statutory holidays by a Calendar: an
// election day or an announced holiday.
type dated struct {
	d civil
	e entry
}

type yearData struct {
	list  []Holiday
	index map[civil]int
}

func (y *yearData) lookup(d civil) (Holiday, bool) {
	i, ok := y.index[d]
	if !ok {
		return Holiday{}, false
	}
	return y.list[i], true
}

func (y *yearData) has(d civil) bool {
	_, ok := y.index[d]
	return ok
}

// compute works out the public holidays of year: the statutory ones of
// 제2조, the extra dates (election days and announced holidays, which are
// 공휴일 too and so count as "another holiday" for an overlap and are never
// chosen as a substitute), and the 대체공휴일 of 제3조.
func compute(year int, extra []dated) *yearData {
	days := make(map[civil][]entry)
	add := func(d civil, e entry) {
		for _, o := range days[d] {
			if o == e {
				return
			}
		}
		days[d] = append(days[d], e)
	}
	statutory := func(d civil, k kind) {
		if info := kinds[k]; info.from == 0 || year >= info.from {
			add(d, entry{k: k, ko: info.ko, en: info.en})
		}
	}
	fixed := []struct {
		m time.Month
		d int
		k kind
	}{
		{time.January, 1, newYear},
		{time.March, 1, samil},
		{time.May, 1, labour},
		{time.May, 5, children},
		{time.June, 6, memorial},
		{time.July, 17, constitution},
		{time.August, 15, liberation},
		{time.October, 3, foundation},
		{time.October, 9, hangul},
		{time.December, 25, christmas},
	}
	for _, f := range fixed {
		statutory(civil{year, f.m, f.d}, f.k)
	}
	// Lunar holidays in the Korean (UTC+9) lunar calendar. The lunar year
	// that starts in Gregorian year Y has its 1st, 4th and 8th months in Y.
	lunarNewYear := lunarMonthStart(year, 1, koreaOffset)
	for i := -1; i <= 1; i++ { // last day of month 12, 1/1, 1/2
		statutory(lunarNewYear.addDays(i), seollal)
	}
	statutory(lunarMonthStart(year, 4, koreaOffset).addDays(7), buddha)
	for i := 13; i <= 15; i++ { // 8/14, 8/15, 8/16
		statutory(lunarMonthStart(year, 8, koreaOffset).addDays(i), chuseok)
	}
	for _, x := range extra {
		if x.d.y == year {
			add(x.d, x.e)
		}
	}

	dates := make([]civil, 0, len(days))
	for d, es := range days {
		sort.SliceStable(es, func(i, j int) bool { return es[i].k < es[j].k })
		dates = append(dates, d)
	}
	sort.Slice(dates, func(i, j int) bool { return dates[i].before(dates[j]) })

	// 대체공휴일 (제3조): each qualifying date yields one substitute, the
	// first following Monday–Friday that is neither a holiday nor an already
	// assigned substitute; qualifying dates are handled in date order.
	subs := make(map[civil][]entry)
	for _, d := range dates {
		es := days[d]
		var trig []entry
		for _, e := range es {
			info := kinds[e.k]
			if info.subFrom == 0 || year < info.subFrom {
				continue
			}
			wd := d.weekday()
			if wd == time.Sunday || (wd == time.Saturday && info.saturday) || len(es) > 1 {
				trig = append(trig, e)
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
	for d, es := range subs {
		ko, en := names(es)
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
func names(es []entry) (ko, en string) {
	kos := make([]string, len(es))
	ens := make([]string, len(es))
	for i, e := range es {
		kos[i], ens[i] = e.ko, e.en
	}
	return strings.Join(kos, "·"), strings.Join(ens, " / ")
}
