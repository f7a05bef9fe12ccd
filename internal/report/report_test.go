package report_test

import (
	"fmt"
	"sort"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/booking/holiday"
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/report"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// The district's 2015 lines (seed report), character for character.
var district2015 = []string{
	"○ 시설운영 : 3개 지원기관, 24개 기업 입주",
	"○ 입주관리 : 18개 기업(신규입주 6, 입주연장 12)",
	"○ 임대수입 : 임대료 49,449천원/ 이자수입 6,197천원",
	"○ 시설대관 : 207회/ 9,580천원",
	"○ 입주대상 : 40세 이하 청년창업가 10명",
	"○ 임대수입 : 임대료 4,237천원",
}

func d(y int, m time.Month, dd int) time.Time { return seoul.Date(y, m, dd, 0, 0) }

// brn makes a valid 사업자등록번호 from nine digits (fixture data: the
// check digit rule is the National Tax Service's).
func brn(n int) string {
	s := fmt.Sprintf("%09d", n)
	w := []int{1, 3, 7, 1, 3, 7, 1, 3, 5}
	sum := 0
	for i := range 9 {
		sum += int(s[i]-'0') * w[i]
	}
	sum += int(s[8]-'0') * 5 / 10
	return fmt.Sprintf("%s%d", s, (10-sum%10)%10)
}

// month is one invoice as the test works it out on its own: rent and fee
// for the days of a month, floored, issued on the 1st or the move-in day.
type month struct {
	issued    time.Time
	rent, fee int64
}

func months(start, lastDay time.Time, rent, fee int64) []month {
	var out []month
	for m := d(start.Year(), start.Month(), 1); !m.After(lastDay); m = m.AddDate(0, 1, 0) {
		from, to := m, m.AddDate(0, 1, -1)
		if start.After(from) {
			from = start
		}
		if lastDay.Before(to) {
			to = lastDay
		}
		days := int64(to.Sub(from).Hours()/24) + 1
		dim := int64(m.AddDate(0, 1, -1).Day())
		out = append(out, month{issued: from, rent: rent * days / dim, fee: fee * days / dim})
	}
	return out
}

// depositInterest2015 is a deposit's interest over the 2015 days it was
// held, at 2%, floored month by month.
func depositInterest2015(deposit int64, from, lastDay time.Time) int64 {
	var total int64
	for m := time.January; m <= time.December; m++ {
		var days int64
		for x := d(2015, m, 1); x.Month() == m; x = x.AddDate(0, 0, 1) {
			if !x.Before(from) && !x.After(lastDay) {
				days++
			}
		}
		total += deposit * 200 * days / 3650000
	}
	return total
}

// plan is one lease of the synthetic year as the test sets it up.
type plan struct {
	unit               string
	start, end         time.Time // the whole stay, all terms
	rent, fee, deposit int64
	birth              time.Time // youth founders
	termMonths         int       // the contract term in force at the move-in
	extendOn           time.Time // zero: never extended
	latePaid           time.Time // March 2015's invoice is paid this day, with April's
}

func (p plan) invoices() []month { return months(p.start, p.end, p.rent, p.fee) }

// TestDistrict2015 builds a synthetic 2015 through the services, the way the
// desk would have recorded it, with figures chosen so that the report must
// print the district's lines; every total is worked out here, apart from the
// code under test.
func TestDistrict2015(t *testing.T) {
	var plans []plan
	// I01-I12: moved in on 1 Jan 2014 and extended for 2015: the 12 extensions.
	for i := 1; i <= 12; i++ {
		plans = append(plans, plan{unit: fmt.Sprintf("I%02d", i), start: d(2014, 1, 1), end: d(2015, 12, 31),
			rent: 172000, fee: 30000, deposit: 12000000, termMonths: 12, extendOn: d(2014, 12, 31)})
	}
	// I13-I18: the six move-ins of 2015 (I13's rent and deposit balance the totals below).
	for i, start := range []time.Time{d(2015, 3, 1), d(2015, 4, 1), d(2015, 5, 16), d(2015, 6, 1), d(2015, 7, 1), d(2015, 8, 11)} {
		plans = append(plans, plan{unit: fmt.Sprintf("I%02d", 13+i), start: start, end: start.AddDate(1, 0, -1),
			rent: 172000, fee: 30000, deposit: 12000000, termMonths: 12})
	}
	// I13's March invoice, due on 10 March, is paid 30 days late on 9 April,
	// with April's (not yet due).
	plans[12].latePaid = d(2015, 4, 9)
	// I19-I24: moved in on 1 July 2014 on two-year contracts (the term was a
	// setting then): nothing of theirs starts in 2015.
	for i := 19; i <= 24; i++ {
		plans = append(plans, plan{unit: fmt.Sprintf("I%02d", i), start: d(2014, 7, 1), end: d(2016, 6, 30),
			rent: 172000, fee: 30000, deposit: 12000000, termMonths: 24})
	}
	// The youth desks opened in April 2015: ten founders aged 35 on the start date.
	for i := 1; i <= 10; i++ {
		r := int64(47000)
		if i == 10 {
			r = 47778 // 81 × 47,000 + 9 × 47,778 = 4,237,002
		}
		plans = append(plans, plan{unit: fmt.Sprintf("Y%02d", i), start: d(2015, 4, 1), end: d(2016, 3, 31),
			rent: r, birth: d(1980, 1, 1), termMonths: 12})
	}

	// The totals, worked out here. Every invoice is paid on the day it is
	// issued, exactly, so rent collected in 2015 is the rent of the 2015
	// invoices; I14's March invoice also pays 35 days of late interest.
	rent2015 := func(youth bool) int64 {
		var n int64
		for _, p := range plans {
			if (p.birth.IsZero()) == youth {
				continue
			}
			for _, m := range p.invoices() {
				if m.issued.Year() == 2015 {
					n += m.rent
				}
			}
		}
		return n
	}
	// I13's rent (ten whole months in 2015) brings incubator rent to
	// 49,449천원: the rest of the gap is under 10 won, inside the rounding.
	plans[12].rent = 0
	gap := int64(49449000) - rent2015(false)
	plans[12].rent = gap / 10
	wantRent := rent2015(false)
	wantYouthRent := rent2015(true)

	var lateInterest int64
	for _, m := range plans[12].invoices() {
		if m.issued.Equal(d(2015, 3, 1)) {
			lateInterest = (m.rent + m.fee) * 500 * 30 / 3650000
		}
	}
	if lateInterest == 0 {
		t.Fatal("the fixture has no late interest")
	}
	depositInterest := func() int64 {
		var n int64
		for _, p := range plans {
			n += depositInterest2015(p.deposit, p.start, p.end)
		}
		return n
	}
	// I13's deposit (held 306 days of 2015) brings 이자수입 to 6,197천원.
	plans[12].deposit = 0
	need := int64(6197000) - depositInterest() - lateInterest
	plans[12].deposit = need * 365 / 306 * 50
	wantInterest := depositInterest() + lateInterest
	if tk := report.Thousands(wantInterest); tk != "6,197" || report.Thousands(wantRent) != "49,449" || report.Thousands(wantYouthRent) != "4,237" {
		t.Fatalf("the fixture misses its targets: interest %d, rent %d, youth rent %d", wantInterest, wantRent, wantYouthRent)
	}

	// Run the year through the services, in time order.
	now := d(2014, 1, 1)
	c, err := centre.OpenInMemory(func() time.Time { return now })
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	actor := stafftest.Enroll(t, c.DB, "보고관리자", staff.RoleManager)
	type event struct {
		at  time.Time
		seq int
		do  func() error
	}
	var events []event
	add := func(at time.Time, do func() error) { events = append(events, event{at, len(events), do}) }
	for i := 1; i <= 3; i++ {
		unit := fmt.Sprintf("A%02d", i)
		add(d(2014, 1, 1), func() error {
			_, err := c.Tenants.MoveIn(actor, tenants.MoveIn{Unit: unit, Company: "지원기관 " + unit, Representative: "기관장",
				Start: d(2014, 1, 1), End: d(2016, 12, 31)})
			return err
		})
	}
	for n, p := range plans {
		add(p.start, func() error {
			if err := c.Tenants.UpdateSettings(actor, func(s *tenants.Settings) { s.TermMonths = p.termMonths }); err != nil {
				return err
			}
			m := tenants.MoveIn{Unit: p.unit, Company: fmt.Sprintf("기업 %02d", n), BRN: brn(100000000 + n*7919),
				Representative: "홍길동", Phone: "010-1234-5678", Start: p.start,
				MonthlyRent: p.rent, ManagementFee: p.fee, Deposit: p.deposit}
			if !p.birth.IsZero() {
				m.BRN, m.BirthDate, m.Representative = "", p.birth, fmt.Sprintf("청년 %02d", n)
			}
			_, err := c.Tenants.MoveIn(actor, m)
			if err != nil {
				return err
			}
			return c.Tenants.UpdateSettings(actor, func(s *tenants.Settings) { s.TermMonths = 12 })
		})
		if !p.extendOn.IsZero() {
			add(p.extendOn, func() error {
				_, err := c.Tenants.Extend(actor, p.unit+"-"+p.start.Format("20060102"))
				return err
			})
		}
		for _, m := range p.invoices() {
			if m.issued.Year() > 2015 {
				continue
			}
			day, amount := m.issued, m.rent+m.fee
			if !p.latePaid.IsZero() && (m.issued.Equal(d(2015, 3, 1)) || m.issued.Equal(d(2015, 4, 1))) {
				day = p.latePaid
				if m.issued.Equal(d(2015, 3, 1)) {
					amount += lateInterest
				}
			}
			add(day, func() error {
				_, err := c.Tenants.Pay(actor, p.unit, day, amount, "transfer")
				return err
			})
		}
	}
	// Room rentals: 142 two-hour and 65 three-hour seminar bookings on
	// weekdays (20,000 won an hour): 142 × 40,000 + 65 × 60,000 = 9,580,000.
	// Besides them, a paid booking cancelled a month ahead (refunded in
	// full), an unpaid hold that lapses and a maintenance block, none of
	// which count.
	var bookings int
	var firstHalf int64 // paid, used rentals up to 30 June, and their fees
	var firstHalfKRW int64
	for day := d(2015, 1, 5); bookings < 209; day = day.AddDate(0, 0, 1) {
		if _, holiday := holiday.Default().Is(day); holiday || day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
			continue
		}
		hours := 2
		if bookings%3 == 0 && bookings < 195 {
			hours = 3
		}
		n, bday := bookings, day
		// Counted by the day used; money by the day paid (the day before).
		if n < 207 && !bday.After(d(2015, 6, 30)) {
			firstHalf++
		}
		if n < 207 && !bday.AddDate(0, 0, -1).After(d(2015, 6, 30)) {
			firstHalfKRW += int64(hours) * 20000
		}
		add(bday.AddDate(0, 0, -1), func() error {
			b, err := c.Booking.Book(actor, booking.Request{Room: "seminar", From: bday.Add(10 * time.Hour),
				To: bday.Add(time.Duration(10+hours) * time.Hour), Name: "방문자", Phone: "010-9999-8888", Consent: true})
			if err != nil || n == 208 { // the last is an unpaid hold
				return err
			}
			if _, err := c.Booking.Pay(actor, b.ID, booking.PayCard); err != nil {
				return err
			}
			if n == 207 { // the centre had to cancel it: the whole fee back
				_, err = c.Booking.CancelByCentre(actor, b.ID)
			}
			return err
		})
		bookings++
	}
	add(d(2015, 6, 1), func() error {
		_, err := c.Booking.Block(actor, "meeting", d(2015, 6, 2).Add(9*time.Hour), d(2015, 6, 2).Add(18*time.Hour), "보수 공사")
		return err
	})
	sort.SliceStable(events, func(i, j int) bool {
		if !events[i].at.Equal(events[j].at) {
			return events[i].at.Before(events[j].at)
		}
		return events[i].seq < events[j].seq
	})
	for _, e := range events {
		now = e.at.Add(10 * time.Hour)
		if err := e.do(); err != nil {
			t.Fatalf("on %s: %v", e.at.Format("2006-01-02"), err)
		}
	}

	now = d(2016, 2, 1).Add(10 * time.Hour)
	r, err := report.Build(c.Booking, c.Tenants, 2015, d(2015, 12, 31))
	if err != nil {
		t.Fatal(err)
	}
	got := r.Lines()
	for i := range district2015 {
		if i >= len(got) || got[i] != district2015[i] {
			t.Errorf("line %d\n got %q\nwant %q", i+1, at(got, i), district2015[i])
		}
	}
	if len(got) != len(district2015) {
		t.Errorf("%d lines, want %d", len(got), len(district2015))
	}
	// The figures behind the lines, to the won.
	checks := []struct {
		name      string
		got, want int64
	}{
		{"rent collected", r.RentCollected, wantRent},
		{"youth rent collected", r.YouthRentCollected, wantYouthRent},
		{"interest", r.Interest, wantInterest},
		{"late interest", r.LateInterest, lateInterest},
		{"rentals", r.RentalsKRW, 9580000},
		{"rentals count", int64(r.RentalsCount), 207},
		// Every 2015 invoice was billed and paid in 2015.
		{"rent billed", r.RentBilled, wantRent},
		{"youth rent billed", r.YouthRentBilled, wantYouthRent},
	}
	for _, ck := range checks {
		if ck.got != ck.want {
			t.Errorf("%s = %d, want %d", ck.name, ck.got, ck.want)
		}
	}
	// A cut-off inside the year counts up to it.
	half, err := report.Build(c.Booking, c.Tenants, 2015, d(2015, 6, 30))
	if err != nil {
		t.Fatal(err)
	}
	if int64(half.RentalsCount) != firstHalf || half.RentalsKRW != firstHalfKRW || half.MoveIns != 4 || half.Extensions != 12 {
		t.Errorf("to 30 June: %d rentals, %d won, %d move-ins, %d extensions; want %d, %d, 4, 12",
			half.RentalsCount, half.RentalsKRW, half.MoveIns, half.Extensions, firstHalf, firstHalfKRW)
	}
	// The months add up to the year.
	var months, rentals int64
	for _, m := range r.Months {
		months += m.Rent
		rentals += m.Rentals
	}
	if months != r.RentCollected || rentals != r.RentalsKRW {
		t.Errorf("months: rent %d (year %d), rentals %d (year %d)", months, r.RentCollected, rentals, r.RentalsKRW)
	}
}

func at(s []string, i int) string {
	if i < len(s) {
		return s[i]
	}
	return ""
}
