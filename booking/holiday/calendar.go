package holiday

import (
	"sort"
	"strconv"
	"sync"
	"time"
)

// Calendar is what the statutory rules leave open: the terms of office whose
// expiry fixes the regular election days, and the holidays the government
// announces one by one (임시공휴일, and the day of an election held because
// an office fell vacant). It is meant to be kept in settings that staff can
// edit: Default gives the state of the law as shipped.
//
// The zero Calendar has neither, so only the statutory holidays and their
// substitutes. A Calendar may be changed at any time, and copies of it
// changed independently: results are cached by the content that decides
// them, never by the Calendar's identity.
type Calendar struct {
	// Terms lists terms of office; each one's expiry gives a regular
	// election day (공직선거법 제34조). Terms with an invalid Kind are
	// ignored, and so is the order of the list.
	Terms []Term `json:"terms"`
	// Announced lists the holidays fixed by announcement rather than by
	// rule. They are public holidays with no substitute of their own; a
	// date listed twice with the same names counts once.
	Announced []Announced `json:"announced"`
}

// Announced is a public holiday designated by the government (관공서의
// 공휴일에 관한 규정 제2조제11호, "기타 정부에서 수시 지정하는 날"): a
// 임시공휴일, or the day of an election that is not a regular one.
type Announced struct {
	// Date is the day; its calendar date in Asia/Seoul counts, as for Is.
	Date time.Time `json:"date"`
	// Name and NameEN are the names shown; empty means "임시공휴일" /
	// "Temporary holiday".
	Name   string `json:"name,omitempty"`
	NameEN string `json:"name_en,omitempty"`
}

// defaultThrough is the last year in which Default has terms expiring.
const defaultThrough = 2100

// Default returns the calendar as the law stands, a new copy each time:
//
//   - National Assembly terms expiring on 29 May every four years from
//     2008 (the 22nd Assembly's term is 2024-05-30 to 2028-05-29);
//   - local terms (지방의회의원 and 지방자치단체의 장) expiring on 30 June
//     every four years from 2006;
//   - presidential terms expiring on 2008-02-24 (노무현), 2013-02-24
//     (이명박) and 2022-05-09 (문재인, elected in the snap election of
//     2017-05-09, whose term ran from the declaration of the result on
//     2017-05-10). 박근혜's term (to 2018-02-24) and 윤석열's (to
//     2027-05-09) ended by removal from office and have no regular
//     election. 이재명 was elected in the snap election of 2025-06-03 and
//     took office on the declaration of the result on 2025-06-04
//     (공직선거법 제14조①), so his five-year term expires on 2030-06-03,
//     and the regular cycle runs on from there every five years;
//   - up to terms expiring in 2100, assuming no further snap election or
//     change of the terms;
//   - the announced holidays in announcedDays (temporary holidays and snap
//     elections since 2017).
//
// These give the regular election days 2006-05-31, 2007-12-19, 2008-04-09,
// 2010-06-02, 2012-04-11, 2012-12-19, 2014-06-04, 2016-04-13, 2018-06-13,
// 2020-04-15, 2022-03-09, 2022-06-01, 2024-04-10, 2026-06-03, 2028-04-12,
// 2030-03-27 (22nd president), 2030-06-12 (10th local: 5 June is the eve of
// 현충일, so the election moves a week) and 2032-04-14.
func Default() Calendar {
	var terms []Term
	terms = append(terms, Regular(Assembly, seoulDate(2008, time.May, 29), defaultThrough)...)
	terms = append(terms, Regular(Local, seoulDate(2006, time.June, 30), defaultThrough)...)
	terms = append(terms,
		Term{President, seoulDate(2008, time.February, 24)},
		Term{President, seoulDate(2013, time.February, 24)},
		Term{President, seoulDate(2022, time.May, 9)},
	)
	terms = append(terms, Regular(President, seoulDate(2030, time.June, 3), defaultThrough)...)
	sort.SliceStable(terms, func(i, j int) bool { return terms[i].Expires.Before(terms[j].Expires) })
	return Calendar{Terms: terms, Announced: append([]Announced(nil), announcedDays...)}
}

func seoulDate(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, Seoul) }

// ForYear returns all public holidays of the given Gregorian year under c,
// sorted by date, one entry per date: the statutory ones, regular election
// days from c.Terms, c.Announced, and the substitute holidays. The current
// rules (with the years from which 제헌절 and 노동절 are holidays and each
// substitute-holiday provision applies) are used for every year, so earlier
// changes (식목일 and 제헌절 until 2005/2007, 한글날 not a holiday 1991–2012)
// are not modelled.
func (c Calendar) ForYear(year int) []Holiday {
	return append([]Holiday(nil), c.year(year).list...)
}

// Is reports whether the calendar date of t in Asia/Seoul is a public holiday
// under c, and if so returns it.
func (c Calendar) Is(t time.Time) (Holiday, bool) {
	d := civilOf(t.In(Seoul))
	return c.year(d.y).lookup(d)
}

// cache holds computed years keyed by year and everything of a Calendar that
// can affect that year, so different calendars (or one changed) never see
// each other's results, while equal ones share them. The key of a year with
// nothing from a Calendar is the year alone: the statutory holidays.
var cache = struct {
	sync.Mutex
	m map[string]*yearData
}{m: make(map[string]*yearData)}

// maxCached bounds the cache; when full it is emptied.
const maxCached = 4096

// year returns the holidays of year under c.
func (c Calendar) year(year int) *yearData {
	var buf [256]byte
	key := strconv.AppendInt(buf[:0], int64(year), 10)
	// A term can give an election in year if it expires in year or the
	// next (elections are 17 to 70 days before the expiry).
	lo, hi := seoulDate(year, time.January, 1).Unix(), seoulDate(year+2, time.January, 1).Unix()
	var terms []*Term
	for i := range c.Terms {
		t := &c.Terms[i]
		if s := t.Expires.Unix(); s >= lo && s < hi && t.Kind.valid() {
			terms = append(terms, t)
			d := civilOf(t.Expires.In(Seoul))
			key = append(key, ";T"...)
			key = strconv.AppendInt(key, int64(t.Kind), 10)
			key = appendCivil(key, d)
		}
	}
	hi = seoulDate(year+1, time.January, 1).Unix()
	var ann []*Announced
	for i := range c.Announced {
		a := &c.Announced[i]
		if s := a.Date.Unix(); s >= lo && s < hi {
			ann = append(ann, a)
			key = append(key, ";A"...)
			key = appendCivil(key, civilOf(a.Date.In(Seoul)))
			key = appendString(key, a.Name)
			key = appendString(key, a.NameEN)
		}
	}

	cache.Lock()
	defer cache.Unlock()
	if y, ok := cache.m[string(key)]; ok {
		return y
	}
	var extra []dated
	for _, t := range terms {
		d := electionDay(t.Kind, civilOf(t.Expires.In(Seoul)), func(d civil) bool {
			return statutoryLocked(d.y).has(d)
		})
		info := kinds[offices[t.Kind].k]
		extra = append(extra, dated{d, entry{k: offices[t.Kind].k, ko: info.ko, en: info.en}})
	}
	for _, a := range ann {
		e := entry{k: announced, ko: a.Name, en: a.NameEN}
		if e.ko == "" {
			e.ko = kinds[announced].ko
		}
		if e.en == "" {
			e.en = kinds[announced].en
		}
		extra = append(extra, dated{civilOf(a.Date.In(Seoul)), e})
	}
	y := compute(year, extra)
	store(string(key), y)
	return y
}

// statutoryLocked returns the statutory holidays of year (no election days,
// no announced ones); cache must be locked.
func statutoryLocked(year int) *yearData {
	key := strconv.Itoa(year)
	if y, ok := cache.m[key]; ok {
		return y
	}
	y := compute(year, nil)
	store(key, y)
	return y
}

// store adds a year to the cache, which must be locked.
func store(key string, y *yearData) {
	if len(cache.m) >= maxCached {
		cache.m = make(map[string]*yearData)
	}
	cache.m[key] = y
}

func appendCivil(b []byte, d civil) []byte {
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(d.y), 10)
	b = append(b, '-')
	b = strconv.AppendInt(b, int64(d.m), 10)
	b = append(b, '-')
	return strconv.AppendInt(b, int64(d.d), 10)
}

func appendString(b []byte, s string) []byte {
	b = append(b, ':')
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	return append(b, s...)
}
