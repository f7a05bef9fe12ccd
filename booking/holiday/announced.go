package holiday

import "time"

// announcedDays are the public holidays designated one by one by the
// government (국무회의 의결, published in the 관보 and in KASI's 월력요항)
// that Default ships: 임시공휴일 and the days of snap elections (궐위로 인한
// 선거, designated 임시공휴일 in the same way). Regular election days are not
// listed: they follow from Default's terms. Later designations are added to
// Calendar.Announced by the caller.
var announcedDays = []Announced{
	// 광복 70주년 임시공휴일 (Friday before the 광복절 weekend).
	{Date: seoulDate(2015, time.August, 14), Name: "임시공휴일", NameEN: "Temporary holiday"},
	// 임시공휴일 between 어린이날 (Thursday) and the weekend.
	{Date: seoulDate(2016, time.May, 6), Name: "임시공휴일", NameEN: "Temporary holiday"},
	// 제19대 대통령선거: snap election after the removal of 박근혜
	// (2017-03-10).
	{Date: seoulDate(2017, time.May, 9), Name: "대통령선거일", NameEN: "Presidential election day"},
	// 임시공휴일 (Monday) joining the weekend to 개천절 and 추석 (3–5 October).
	{Date: seoulDate(2017, time.October, 2), Name: "임시공휴일", NameEN: "Temporary holiday"},
	// 임시공휴일 (Monday) after 광복절 on a Saturday.
	{Date: seoulDate(2020, time.August, 17), Name: "임시공휴일", NameEN: "Temporary holiday"},
	// 임시공휴일 (Monday) between 추석 (28–30 September) and 개천절.
	{Date: seoulDate(2023, time.October, 2), Name: "임시공휴일", NameEN: "Temporary holiday"},
	// 국군의 날 임시공휴일 (Tuesday, 국군의 날 itself is not a public
	// holiday).
	{Date: seoulDate(2024, time.October, 1), Name: "임시공휴일(국군의 날)", NameEN: "Temporary holiday (Armed Forces Day)"},
	// 임시공휴일 (Monday) before 설날 (28–30 January).
	{Date: seoulDate(2025, time.January, 27), Name: "임시공휴일", NameEN: "Temporary holiday"},
	// 제21대 대통령선거: snap election after the removal of 윤석열
	// (2025-04-04).
	{Date: seoulDate(2025, time.June, 3), Name: "대통령선거일", NameEN: "Presidential election day"},
}
