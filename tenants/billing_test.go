package tenants

import (
	"testing"
	"time"
)

// Expected amounts in these tests are worked out by hand in the comments
// (won × days / days in month, floored; interest = balance × rate × days /
// 365), not by calling the code under test.

// wantInvoice is an invoice of the schedule as worked out by hand.
type wantInvoice struct {
	id        string
	days, dim int
	rent, fee int64
	issued    time.Time
	due       time.Time
}

func TestScheduleProration(t *testing.T) {
	st := DefaultSettings()
	cases := []struct {
		name       string
		start, end time.Time
		movedOut   time.Time
		want       []wantInvoice
	}{
		{name: "mid-month start and end", start: day(2027, 1, 15), end: day(2027, 3, 14), want: []wantInvoice{
			// 17 of 31 days: 310,000×17/31 = 170,000; 31,000×17/31 = 17,000.
			{"L-202701", 17, 31, 170000, 17000, day(2027, 1, 15), day(2027, 1, 15)},
			{"L-202702", 28, 28, 310000, 31000, day(2027, 2, 1), day(2027, 2, 10)},
			// 14 of 31: 140,000 and 14,000.
			{"L-202703", 14, 31, 140000, 14000, day(2027, 3, 1), day(2027, 3, 10)},
		}},
		{name: "February of a leap year", start: day(2028, 2, 15), end: day(2028, 2, 29), want: []wantInvoice{
			// 15 of 29 days: 310,000×15/29 = 160,344.8 -> 160,344; 31,000×15/29 = 16,034.4 -> 16,034.
			{"L-202802", 15, 29, 160344, 16034, day(2028, 2, 15), day(2028, 2, 15)},
		}},
		{name: "last day of a month only", start: day(2027, 1, 31), end: day(2027, 1, 31), want: []wantInvoice{
			{"L-202701", 1, 31, 10000, 1000, day(2027, 1, 31), day(2027, 1, 31)},
		}},
		{name: "moved out on the 1st bills nothing of that month", start: day(2027, 1, 1), end: day(2027, 12, 31), movedOut: day(2027, 2, 1), want: []wantInvoice{
			{"L-202701", 31, 31, 310000, 31000, day(2027, 1, 1), day(2027, 1, 10)},
		}},
		{name: "moved out mid-month", start: day(2027, 1, 1), end: day(2027, 12, 31), movedOut: day(2027, 2, 8), want: []wantInvoice{
			{"L-202701", 31, 31, 310000, 31000, day(2027, 1, 1), day(2027, 1, 10)},
			// billed to the 7th: 7 of 28 = 77,500 and 7,750.
			{"L-202702", 7, 28, 77500, 7750, day(2027, 2, 1), day(2027, 2, 10)},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l := Lease{ID: "L", Unit: "I01", Start: c.start, End: c.end, MovedOut: c.movedOut, MonthlyRent: 310000, ManagementFee: 31000}
			l.Terms = []Term{{Start: c.start, End: c.end, MonthlyRent: 310000, ManagementFee: 31000}}
			got := schedule(l, st)
			if len(got) != len(c.want) {
				t.Fatalf("%d invoices, want %d: %+v", len(got), len(c.want), got)
			}
			for i, w := range c.want {
				g := got[i]
				if g.ID != w.id || g.Days != w.days || g.DaysInMonth != w.dim || g.Rent != w.rent || g.Fee != w.fee ||
					!g.Issued.Equal(w.issued) || !g.Due.Equal(w.due) {
					t.Errorf("invoice %d = %s %d/%d rent %d fee %d issued %v due %v, want %+v",
						i, g.ID, g.Days, g.DaysInMonth, g.Rent, g.Fee, g.Issued, g.Due, w)
				}
			}
		})
	}
}

func TestScheduleRentChangesWithTheTerm(t *testing.T) {
	l := Lease{ID: "L", Unit: "I01", Start: day(2027, 1, 16), End: day(2028, 1, 15), Terms: []Term{
		{Start: day(2027, 1, 16), End: day(2028, 1, 15), MonthlyRent: 310000},
	}}
	l.End = day(2029, 1, 15)
	l.Terms = append(l.Terms, Term{Start: day(2028, 1, 16), End: day(2029, 1, 15), Extension: true, MonthlyRent: 620000})
	var jan2028 Invoice
	for _, inv := range schedule(l, DefaultSettings()) {
		if inv.ID == "L-202801" {
			jan2028 = inv
		}
	}
	// 15 days at 310,000 and 16 at 620,000: (4,650,000 + 9,920,000) / 31 = 470,000.
	if jan2028.Rent != 470000 {
		t.Fatalf("January 2028 rent %d, want 470,000", jan2028.Rent)
	}
}

func TestAllocation(t *testing.T) {
	st := DefaultSettings()
	// Three full months at 300,000 rent + 50,000 fee, due on the 10th.
	l := Lease{ID: "L", Unit: "I01", Start: day(2027, 1, 1), End: day(2027, 3, 31), MonthlyRent: 300000, ManagementFee: 50000,
		Terms: []Term{{Start: day(2027, 1, 1), End: day(2027, 3, 31), MonthlyRent: 300000, ManagementFee: 50000}}}
	pay := func(id string, d time.Time, n int64) Payment {
		return Payment{ID: id, Lease: "L", Unit: "I01", Date: d, Amount: n, Method: "cash"}
	}
	t.Run("partial then the rest, oldest first", func(t *testing.T) {
		a := account(l, []Payment{pay("P2", day(2027, 2, 5), 400000), pay("P1", day(2027, 1, 5), 200000)}, st, day(2027, 2, 5))
		// P1 (5 Jan, before the due date: no interest) pays 200,000 of January's rent.
		// P2 (5 Feb): January is 26 days late on 100,000 rent + 50,000 fee:
		// 150,000 × 5% × 26/365 = 534.2 -> 534 interest; then 100,000 rent,
		// 50,000 fee; the 249,466 left pays February's rent in part (issued 1 Feb).
		if len(a.Allocations) != 2 || a.Allocations[0].Payment.ID != "P1" {
			t.Fatalf("allocations %+v", a.Allocations)
		}
		p1, p2 := a.Allocations[0], a.Allocations[1]
		if len(p1.Applied) != 1 || p1.Applied[0] != (Applied{Invoice: "L-202701", Month: day(2027, 1, 1), Rent: 200000}) {
			t.Errorf("P1 applied %+v", p1.Applied)
		}
		want := []Applied{{Invoice: "L-202701", Month: day(2027, 1, 1), Interest: 534, Rent: 100000, Fee: 50000},
			{Invoice: "L-202702", Month: day(2027, 2, 1), Rent: 249466}}
		if len(p2.Applied) != 2 || p2.Applied[0] != want[0] || p2.Applied[1] != want[1] || p2.Credit != 0 {
			t.Errorf("P2 applied %+v credit %d, want %+v", p2.Applied, p2.Credit, want)
		}
		if a.Rent+a.Fee+a.Interest+a.Credit != 600000 {
			t.Errorf("money in 600,000, allocated %d", a.Rent+a.Fee+a.Interest+a.Credit)
		}
	})
	t.Run("over-payment pays ahead, then is credit", func(t *testing.T) {
		a := account(l, []Payment{pay("P1", day(2027, 1, 2), 1200000)}, st, day(2027, 1, 2))
		// 3 × 350,000 = 1,050,000 owed for the whole lease; 150,000 is credit.
		if got := a.Allocations[0]; len(got.Applied) != 3 || got.Credit != 150000 {
			t.Fatalf("applied %+v credit %d", got.Applied, got.Credit)
		}
		if len(a.Invoices) != 1 || a.Invoices[0].Open() != 0 {
			t.Errorf("invoices issued by 2 Jan: %+v", a.Invoices)
		}
		later := account(l, []Payment{pay("P1", day(2027, 1, 2), 1200000)}, st, day(2027, 3, 31))
		if later.Open() != 0 || len(later.Overdue()) != 0 || later.Credit != 150000 {
			t.Errorf("at the end: open %d, credit %d", later.Open(), later.Credit)
		}
	})
	t.Run("late interest across a payment", func(t *testing.T) {
		// January's 350,000 is due 10 Jan. 100,000 paid on 20 Jan, nothing more.
		// 11-20 Jan: 350,000 × 5% × 10/365 = 479.45; the payment pays that
		// 479 first, then 99,521 of rent. 21 Jan - 31 Mar (11+28+31 = 70
		// days) on the 250,479 left. Total accrued is one rounding of both:
		// (350,000×10 + 250,479×70) × 500 / 3,650,000 = 2,881.3 -> 2,881;
		// paid 479, open 2,402.
		a := account(l, []Payment{pay("P1", day(2027, 1, 20), 100000)}, st, day(2027, 3, 31))
		jan := a.Invoices[0]
		if jan.PaidInterest != 479 || jan.PaidRent != 99521 || jan.Interest != 2881 || jan.InterestOpen() != 2402 {
			t.Fatalf("January: paid interest %d rent %d, accrued %d, open interest %d", jan.PaidInterest, jan.PaidRent, jan.Interest, jan.InterestOpen())
		}
	})
	t.Run("a rate change splits the days", func(t *testing.T) {
		st := DefaultSettings()
		st.LateInterest = WithRate(st.LateInterest, day(2027, 1, 21), 1000)
		a := account(l, nil, st, day(2027, 1, 30))
		// 11-20 Jan at 5%, 21-30 Jan at 10% on 350,000: (10×500 + 10×1000) × 350,000 / 3,650,000 = 1,438.4.
		if got := a.Invoices[0].Interest; got != 1438 {
			t.Fatalf("interest %d, want 1,438", got)
		}
	})
}

func TestDepositInterestOverAMoveOutMonth(t *testing.T) {
	st := DefaultSettings()
	l := Lease{ID: "L", Unit: "I01", Start: day(2027, 1, 20), End: day(2027, 12, 31), MovedOut: day(2027, 3, 11), Deposit: 3650000}
	lines := DepositInterest(l, st, day(2027, 1, 1), day(2027, 12, 31))
	// 3,650,000 at 2% is 200 won a day: January 12 days (20-31), February
	// 28, March 10 (1-10; the 11th is the move-out day).
	want := []struct {
		days   int
		amount int64
	}{{12, 2400}, {28, 5600}, {10, 2000}}
	if len(lines) != len(want) {
		t.Fatalf("lines %+v", lines)
	}
	for i, w := range want {
		if lines[i].Days != w.days || lines[i].Amount != w.amount {
			t.Errorf("line %d = %+v, want %+v", i, lines[i], w)
		}
	}
	// A cut-off inside February counts the days to it.
	part := DepositInterest(l, st, day(2027, 1, 1), day(2027, 2, 14))
	if len(part) != 2 || part[1].Days != 14 || part[1].Amount != 2800 {
		t.Errorf("to 14 Feb: %+v", part)
	}
}

func TestAge(t *testing.T) {
	cases := []struct {
		birth, on time.Time
		want      int
	}{
		{day(1986, 3, 1), day(2027, 2, 28), 40},
		{day(1986, 3, 1), day(2027, 3, 1), 41},
		{day(1986, 2, 28), day(2027, 2, 28), 41},
		{day(1988, 2, 29), day(2029, 2, 28), 40}, // common year: the birthday counts on 1 March
		{day(1988, 2, 29), day(2029, 3, 1), 41},
		{day(1988, 2, 29), day(2028, 2, 29), 40},
		{day(2000, 12, 31), day(2001, 12, 30), 0},
	}
	for _, c := range cases {
		if got := Age(c.birth, c.on); got != c.want {
			t.Errorf("Age(%s on %s) = %d, want %d", c.birth.Format("2006-01-02"), c.on.Format("2006-01-02"), got, c.want)
		}
	}
}
