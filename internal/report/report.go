// Package report is the district's annual report of the centre: room
// rentals, tenancies and rent and interest income for a year up to a
// cut-off date, as figures and as the district's six lines.
package report

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// Report is one period's figures. Money is won; the text lines show 천원.
type Report struct {
	Year  int       `json:"year"`
	Until time.Time `json:"-"`
	// Room rentals: paid bookings used in the period, and fees received
	// less refunds paid in it.
	RentalsCount int   `json:"rentals_count"`
	RentalsKRW   int64 `json:"rentals_krw"`
	// Incubator offices' rent billed for the months of the period and
	// collected in it; youth desks apart.
	RentBilled         int64 `json:"rent_billed_krw"`
	RentCollected      int64 `json:"rent_collected_krw"`
	YouthRentBilled    int64 `json:"youth_rent_billed_krw"`
	YouthRentCollected int64 `json:"youth_rent_collected_krw"`
	FeeBilled          int64 `json:"management_fee_billed_krw"`
	FeeCollected       int64 `json:"management_fee_collected_krw"`
	// Interest is 이자수입: deposit interest earned plus late interest
	// collected in the period.
	Interest        int64 `json:"interest_krw"`
	DepositInterest int64 `json:"deposit_interest_krw"`
	LateInterest    int64 `json:"late_interest_krw"`
	// Incubator offices' move-ins and extensions whose term starts in the
	// period; Companies counts each lease once. Youth desks and agencies
	// have lines of their own.
	MoveIns    int `json:"move_ins"`
	Extensions int `json:"extensions"`
	Companies  int `json:"companies"`
	// Units occupied on the cut-off date.
	Agencies    int `json:"agencies"`
	Incubators  int `json:"incubators"`
	YouthDesks  int `json:"youth_desks"`
	YouthMaxAge int `json:"youth_max_age"`
	// Income by month of the year, by kind, for the chart.
	Months []Month `json:"months"`
}

// Month is one month's income by kind: collected, but deposit interest
// earned; Rent is the incubator offices', YouthRent the youth desks', as in
// the year's figures.
type Month struct {
	Month         int   `json:"month"`
	Rent          int64 `json:"rent_krw"`
	YouthRent     int64 `json:"youth_rent_krw"`
	ManagementFee int64 `json:"management_fee_krw"`
	Interest      int64 `json:"interest_krw"`
	Rentals       int64 `json:"rentals_krw"`
}

// Period is the year and the last day of a report: until defaults to the
// year's last day, or today while the year runs. until outside year is an
// error.
func Period(year int, until, today time.Time) (from, to time.Time, err error) {
	if year < 2000 || year > 2100 {
		return from, to, fmt.Errorf("report: year %d out of range", year)
	}
	from = seoul.Date(year, time.January, 1, 0, 0)
	to = seoul.Date(year, time.December, 31, 0, 0)
	if !until.IsZero() {
		until = seoul.Midnight(until)
		if until.Year() != year {
			return from, to, fmt.Errorf("report: the cut-off %s is not in %d", until.Format("2006-01-02"), year)
		}
		return from, until, nil
	}
	if t := seoul.Midnight(today); t.Before(to) && !t.Before(from) {
		to = t
	}
	return from, to, nil
}

// Build works the report out for year up to until (inclusive).
func Build(b *booking.Service, t *tenants.Service, year int, until time.Time) (Report, error) {
	from := seoul.Date(year, time.January, 1, 0, 0)
	r := Report{Year: year, Until: seoul.Midnight(until)}
	rent, err := b.RentalsBetween(from, until)
	if err != nil {
		return r, err
	}
	f, err := t.Figures(from, until)
	if err != nil {
		return r, err
	}
	st, err := t.Settings()
	if err != nil {
		return r, err
	}
	r.RentalsCount, r.RentalsKRW = rent.Count, rent.Net()
	r.RentBilled, r.RentCollected = f.RentBilled, f.RentCollected
	r.YouthRentBilled, r.YouthRentCollected = f.YouthRentBilled, f.YouthRentCollected
	r.FeeBilled, r.FeeCollected = f.FeeBilled, f.FeeCollected
	r.DepositInterest, r.LateInterest = f.DepositInterest, f.LateInterest
	r.Interest = f.DepositInterest + f.LateInterest
	r.MoveIns, r.Extensions, r.Companies = f.MoveIns, f.Extensions, f.Companies
	r.Agencies, r.Incubators, r.YouthDesks = f.Agencies, f.Incubators, f.YouthDesks
	r.YouthMaxAge = st.YouthMaxAge
	for m := range 12 {
		r.Months = append(r.Months, Month{Month: m + 1, Rent: f.MonthlyRent[m], YouthRent: f.MonthlyYouthRent[m], ManagementFee: f.MonthlyFee[m],
			Interest: f.MonthlyInterest[m], Rentals: rent.ByMonth[m]})
	}
	return r, nil
}

// ForYear is the report kioskctl report prints and the staff's report
// screen shows: year up to until, or, for a zero until, to the year's end
// (today while the year runs, by t's clock). An until outside year is an
// error.
func ForYear(b *booking.Service, t *tenants.Service, year int, until time.Time) (Report, error) {
	_, to, err := Period(year, until, t.Now())
	if err != nil {
		return Report{Year: year}, err
	}
	return Build(b, t, year, to)
}

// Section is one heading of the district's report with its lines.
type Section struct {
	Heading string
	Lines   []string
}

// The district's two headings, as the seed report has them.
const (
	HeadingCentre = "중소기업 창업지원센터 운영"
	HeadingYouth  = "청년 1인 창업지원실 운영"
)

// Sections are Lines under their headings: the first four under
// HeadingCentre, the last two under HeadingYouth.
func (r Report) Sections() []Section {
	l := r.Lines()
	return []Section{{HeadingCentre, l[:4]}, {HeadingYouth, l[4:]}}
}

// Lines are the district's six report lines: the first four under
// 중소기업 창업지원센터 운영, the last two under 청년 1인 창업지원실 운영.
// 임대료 is rent collected; money in 천원, rounded half up.
func (r Report) Lines() []string {
	return []string{
		fmt.Sprintf("○ 시설운영 : %d개 지원기관, %d개 기업 입주", r.Agencies, r.Incubators),
		fmt.Sprintf("○ 입주관리 : %d개 기업(신규입주 %d, 입주연장 %d)", r.Companies, r.MoveIns, r.Extensions),
		fmt.Sprintf("○ 임대수입 : 임대료 %s천원/ 이자수입 %s천원", Thousands(r.RentCollected), Thousands(r.Interest)),
		fmt.Sprintf("○ 시설대관 : %d회/ %s천원", r.RentalsCount, Thousands(r.RentalsKRW)),
		fmt.Sprintf("○ 입주대상 : %d세 이하 청년창업가 %d명", r.YouthMaxAge, r.YouthDesks),
		fmt.Sprintf("○ 임대수입 : 임대료 %s천원", Thousands(r.YouthRentCollected)),
	}
}

// Thousands is won in 천원, rounded half up (away from zero), grouped:
// 49,448,500 -> "49,449".
func Thousands(won int64) string {
	neg := won < 0
	if neg {
		won = -won
	}
	k := (won + 500) / 1000
	s := Grouped(k)
	if neg && k != 0 {
		return "-" + s
	}
	return s
}

// Grouped writes a non-negative number with thousands separators.
func Grouped(n int64) string {
	s := strconv.FormatInt(n, 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}
