package holiday

import (
	"fmt"
	"time"
)

// Office is an elected office whose regular election (임기만료에 의한
// 선거) is a public holiday under 관공서의 공휴일에 관한 규정 제2조제10호의2.
type Office int

const (
	President Office = iota + 1 // 대통령: 5-year term, election 70 days ahead
	Assembly                    // 국회의원: 4-year term, election 50 days ahead
	Local                       // 지방의회의원·지방자치단체의 장: 4-year term, election 30 days ahead
)

var offices = [...]struct {
	text  string
	k     kind
	lead  int // 공직선거법 제34조①: the election is on the first Wednesday on or after this many days before the term expires
	years int // length of a term
}{
	President: {"president", presidential, 70, 5},
	Assembly:  {"assembly", assembly, 50, 4},
	Local:     {"local", local, 30, 4},
}

func (o Office) valid() bool { return o >= President && o <= Local }

// Years is the length of the office's term in years (0 for an invalid
// Office).
func (o Office) Years() int {
	if !o.valid() {
		return 0
	}
	return offices[o].years
}

// String returns "president", "assembly" or "local".
func (o Office) String() string {
	if !o.valid() {
		return fmt.Sprintf("Office(%d)", int(o))
	}
	return offices[o].text
}

// MarshalText encodes the office as its String, so that a Calendar kept in
// JSON settings reads "president", "assembly" or "local".
func (o Office) MarshalText() ([]byte, error) {
	if !o.valid() {
		return nil, fmt.Errorf("holiday: invalid office %d", int(o))
	}
	return []byte(offices[o].text), nil
}

// UnmarshalText accepts what MarshalText produces.
func (o *Office) UnmarshalText(b []byte) error {
	for i := President; i <= Local; i++ {
		if string(b) == offices[i].text {
			*o = i
			return nil
		}
	}
	return fmt.Errorf("holiday: unknown office %q", b)
}

// Term is one term of office, given by the last day it runs (임기만료일).
// Its regular election falls in the months before that day.
type Term struct {
	Kind Office `json:"kind"`
	// Expires is the last day of the term; its calendar date in
	// Asia/Seoul counts, as for Is. For example the 22nd National Assembly
	// sits from 2024-05-30 to 2028-05-29, so Expires is 2028-05-29.
	Expires time.Time `json:"expires"`
}

// Regular returns the terms of office o in the regular cycle: the one
// expiring on first, then every Years() years on the same month and day,
// up to the last that expires in the year through.
func Regular(o Office, first time.Time, through int) []Term {
	if !o.valid() {
		return nil
	}
	var ts []Term
	for i := 0; ; i++ {
		e := first.AddDate(o.Years()*i, 0, 0)
		if e.In(Seoul).Year() > through {
			return ts
		}
		ts = append(ts, Term{Kind: o, Expires: e})
	}
}

// electionDay returns the day of the regular election for a term of office
// o that expires on the date expires, under 공직선거법 제34조:
//
//	① 임기만료에 의한 선거의 선거일은 다음 각 호와 같다.
//	  1. 대통령선거는 그 임기만료일전 70일 이후 첫번째 수요일
//	  2. 국회의원선거는 그 임기만료일전 50일 이후 첫번째 수요일
//	  3. 지방의회의원 및 지방자치단체의 장의 선거는 그 임기만료일전 30일
//	     이후 첫번째 수요일
//	② 제1항에 따른 선거일이 국민생활과 밀접한 관련이 있는 민속절 또는
//	   공휴일인 때와 선거일 전일이나 그 다음 날이 공휴일인 때에는 그 다음
//	   주의 수요일로 한다.
//
// "임기만료일전 70일" is the day 70 days before the last day of the term,
// and "이후" includes that day itself (2024-05-29 − 50 days is Tuesday
// 9 April, and the election was on Wednesday 10 April; 2028-05-29 − 50 days
// is Sunday 9 April, election Wednesday 12 April). The 민속절 are 설날 and
// 추석, which are public holidays anyway. isHoliday reports the public
// holidays, including 대체공휴일, as they stand without election days and
// announced holidays; the move of ② is made once, as the text says, without
// checking the following Wednesday again.
func electionDay(o Office, expires civil, isHoliday func(civil) bool) civil {
	d := expires.addDays(-offices[o].lead)
	for d.weekday() != time.Wednesday {
		d = d.addDays(1)
	}
	if isHoliday(d) || isHoliday(d.addDays(-1)) || isHoliday(d.addDays(1)) {
		d = d.addDays(7)
	}
	return d
}
