package tenants

import (
	"fmt"
	"sort"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// Invoice is one month's rent and management fee of a lease (or the
// restoration charge of a move-out), with what has been paid on it and its
// late interest, as of a day. Invoices are not stored: they are a function
// of the lease, so asking twice never bills twice, and the ID is the same
// every time (<lease>-<YYYYMM>, <lease>-R).
type Invoice struct {
	ID    string    `json:"id"`
	Lease string    `json:"lease"`
	Unit  string    `json:"unit"`
	Month time.Time `json:"month,omitzero"` // first day of the month billed; zero for restoration
	// Issued is the first day billed (the 1st, or the move-in day); Due is
	// DueDay of the month, or Issued if later; a restoration charge is due
	// on the move-out day.
	Issued time.Time `json:"issued"`
	Due    time.Time `json:"due"`
	// Days of the month the lease held the unit, of DaysInMonth.
	Days        int   `json:"days,omitempty"`
	DaysInMonth int   `json:"days_in_month,omitempty"`
	Rent        int64 `json:"rent"`
	Fee         int64 `json:"management_fee"`
	Restoration int64 `json:"restoration,omitempty"`

	PaidRent        int64 `json:"paid_rent"`
	PaidFee         int64 `json:"paid_management_fee"`
	PaidRestoration int64 `json:"paid_restoration,omitempty"`
	// Interest is the late interest accrued to the day asked (paid or not);
	// PaidInterest what of it was paid.
	Interest     int64 `json:"late_interest"`
	PaidInterest int64 `json:"paid_late_interest"`

	// interestNum is the interest accrued in won×10,000×365 (basis points
	// and days), so that rounding happens once, not day by day.
	interestNum int64
	accruedTo   time.Time
}

// Principal is the invoice's charge: rent, fee and restoration.
func (i Invoice) Principal() int64 { return i.Rent + i.Fee + i.Restoration }

// PrincipalOpen is the charge not yet paid.
func (i Invoice) PrincipalOpen() int64 {
	return i.Principal() - i.PaidRent - i.PaidFee - i.PaidRestoration
}

// Paid is everything paid on the invoice, interest included.
func (i Invoice) Paid() int64 {
	return i.PaidRent + i.PaidFee + i.PaidRestoration + i.PaidInterest
}

// InterestOpen is the late interest accrued and not paid.
func (i Invoice) InterestOpen() int64 { return i.Interest - i.PaidInterest }

// Open is what is still owed on the invoice: charge and interest.
func (i Invoice) Open() int64 { return i.PrincipalOpen() + i.InterestOpen() }

// interestDenominator turns won × basis points × days into won.
const interestDenominator = 10000 * 365

// schedule lists every invoice of the lease as it stands, oldest first:
// one a month from the move-in to the last day, pro-rated by days and
// floored to the won, then the restoration charge of a move-out. A month
// with nothing to pay (an agency's) has no invoice.
func schedule(l Lease, st Settings) []Invoice {
	var out []Invoice
	last := l.LastDay()
	start := seoul.Midnight(l.Start)
	dueDay := l.DueDay
	if dueDay == 0 {
		dueDay = st.DueDay
	}
	for m := firstOfMonth(start); !m.After(last); m = m.AddDate(0, 1, 0) {
		from, to := laterOf(m, start), earlierOf(lastOfMonth(m), last)
		days, dim := daysBetween(from, to)+1, daysInMonth(m)
		inv := Invoice{
			ID: fmt.Sprintf("%s-%04d%02d", l.ID, m.Year(), int(m.Month())), Lease: l.ID, Unit: l.Unit,
			Month: m, Issued: from, Due: laterOf(date(m.Year(), m.Month(), dueDay), from),
			Days: days, DaysInMonth: dim,
		}
		// Each term's rent for its days of the month; a month that a new
		// term's rent starts in is billed part at each.
		var rentDays, feeDays int64
		for _, t := range termsOf(l) {
			a, b := laterOf(from, t.Start), earlierOf(to, t.End)
			if b.Before(a) {
				continue
			}
			d := int64(daysBetween(a, b) + 1)
			rentDays += t.MonthlyRent * d
			feeDays += t.ManagementFee * d
		}
		inv.Rent, inv.Fee = rentDays/int64(dim), feeDays/int64(dim)
		if inv.Principal() > 0 {
			out = append(out, inv)
		}
	}
	if !l.MovedOut.IsZero() && l.Restoration > 0 {
		out = append(out, Invoice{ID: l.ID + "-R", Lease: l.ID, Unit: l.Unit,
			Issued: seoul.Midnight(l.MovedOut), Due: seoul.Midnight(l.MovedOut), Restoration: l.Restoration})
	}
	return out
}

// termsOf is the lease's terms, or one term of its whole span at its rent
// (a lease stored without terms).
func termsOf(l Lease) []Term {
	if len(l.Terms) == 0 {
		return []Term{{Start: l.Start, End: l.End, MonthlyRent: l.MonthlyRent, ManagementFee: l.ManagementFee}}
	}
	return l.Terms
}

// accrue adds the late interest of the days after the due date up to and
// including day, on the charge unpaid during them.
func (i *Invoice) accrue(day time.Time, rates []Rate) {
	from := laterOf(i.accruedTo, i.Due)
	day = seoul.Midnight(day)
	if !day.After(from) {
		return
	}
	i.accruedTo = day
	bal := i.PrincipalOpen()
	if bal <= 0 {
		return
	}
	// Days from+1 .. day, split where the rate changes.
	for a := from; a.Before(day); {
		bp := rateOn(rates, a.AddDate(0, 0, 1))
		b := day
		for _, r := range rates {
			if r.From.After(a.AddDate(0, 0, 1)) && !r.From.After(day) {
				b = r.From.AddDate(0, 0, -1)
				break
			}
		}
		i.interestNum += bal * bp * int64(daysBetween(a, b))
		a = b
	}
	i.Interest = i.interestNum / interestDenominator
}

// Payment is money a tenant paid for a unit's lease, or what the centre
// took from the deposit or paid back at move-out.
type Payment struct {
	ID     string    `json:"id"`
	Lease  string    `json:"lease"`
	Unit   string    `json:"unit"`
	Date   time.Time `json:"date"`
	Amount int64     `json:"amount"` // negative: credit paid back
	Method string    `json:"method"` // cash, card, transfer; deposit; refund
	// At is when it was recorded; Import names the file it came from.
	At     time.Time `json:"at,omitzero"`
	Import string    `json:"import,omitempty"`
}

// Payment methods beyond the desk's: the deposit applied at move-out, and
// credit paid back.
const (
	MethodDeposit = "deposit"
	MethodRefund  = "refund"
)

// Applied is what a payment paid off on one invoice.
type Applied struct {
	Invoice string `json:"invoice"`
	// Month is the invoice's month (its first day); zero for the
	// restoration charge of a move-out.
	Month       time.Time `json:"month,omitzero"`
	Interest    int64     `json:"late_interest"`
	Rent        int64     `json:"rent"`
	Fee         int64     `json:"management_fee"`
	Restoration int64     `json:"restoration,omitempty"`
}

// Amount is the total applied.
func (a Applied) Amount() int64 { return a.Interest + a.Rent + a.Fee + a.Restoration }

// Allocation is where one payment went.
type Allocation struct {
	Payment Payment   `json:"payment"`
	Applied []Applied `json:"applied"`
	Credit  int64     `json:"credit"` // left over (negative: credit paid back)
}

// Account is a lease's invoices and payments as of a day.
type Account struct {
	Lease       Lease
	AsOf        time.Time
	Invoices    []Invoice // issued by AsOf
	Allocations []Allocation
	Credit      int64 // money received and not owed yet
	// Totals paid, by what they paid.
	Rent, Fee, Interest, Restoration int64
}

// Open is what is owed as of AsOf: unpaid charges and late interest.
func (a Account) Open() int64 {
	var n int64
	for _, i := range a.Invoices {
		n += i.Open()
	}
	return n
}

// Overdue lists the invoices past their due date with something unpaid.
func (a Account) Overdue() []Invoice {
	var out []Invoice
	for _, i := range a.Invoices {
		if i.Open() > 0 && i.Due.Before(seoul.Midnight(a.AsOf)) {
			out = append(out, i)
		}
	}
	return out
}

// OverdueOpen is what is owed on the invoices past their due date, late
// interest included: the arrears (Open less what is not due yet).
func (a Account) OverdueOpen() int64 {
	var n int64
	for _, i := range a.Overdue() {
		n += i.Open()
	}
	return n
}

// account replays the lease's payments up to asOf against its invoices.
//
// A payment pays, in order: the invoices issued by its date, oldest first,
// each its late interest to that day, then rent, then management fee (then
// restoration); then the lease's later invoices in order, paid in advance;
// what is left is credit. Since the later invoices are known from the lease,
// a payment's split is fixed when it is made; only a change to the lease
// (an extension, a move-out) moves credit or advance payments, and the
// ledger records that change when it is made.
func account(l Lease, pays []Payment, st Settings, asOf time.Time) Account {
	asOf = seoul.Midnight(asOf)
	invs := schedule(l, st)
	sort.SliceStable(pays, func(i, j int) bool {
		if !pays[i].Date.Equal(pays[j].Date) {
			return pays[i].Date.Before(pays[j].Date)
		}
		return pays[i].ID < pays[j].ID
	})
	a := Account{Lease: l, AsOf: asOf}
	for _, p := range pays {
		if seoul.Midnight(p.Date).After(asOf) {
			break
		}
		al := Allocation{Payment: p}
		left := p.Amount
		day := seoul.Midnight(p.Date)
		for k := range invs {
			inv := &invs[k]
			if left <= 0 {
				break
			}
			ap := Applied{Invoice: inv.ID, Month: inv.Month}
			if !inv.Issued.After(day) {
				inv.accrue(day, st.LateInterest)
				ap.Interest = take(&left, inv.InterestOpen())
				inv.PaidInterest += ap.Interest
			}
			ap.Rent = take(&left, inv.Rent-inv.PaidRent)
			inv.PaidRent += ap.Rent
			ap.Fee = take(&left, inv.Fee-inv.PaidFee)
			inv.PaidFee += ap.Fee
			ap.Restoration = take(&left, inv.Restoration-inv.PaidRestoration)
			inv.PaidRestoration += ap.Restoration
			if ap.Amount() > 0 {
				al.Applied = append(al.Applied, ap)
				a.Rent += ap.Rent
				a.Fee += ap.Fee
				a.Interest += ap.Interest
				a.Restoration += ap.Restoration
			}
		}
		al.Credit = left
		a.Credit += left
		a.Allocations = append(a.Allocations, al)
	}
	for k := range invs {
		if invs[k].Issued.After(asOf) {
			break
		}
		invs[k].accrue(asOf, st.LateInterest)
		a.Invoices = append(a.Invoices, invs[k])
	}
	return a
}

func take(left *int64, owed int64) int64 {
	n := min(*left, max(owed, 0))
	*left -= n
	return n
}

// InterestLine is the deposit interest a lease earned the centre in one
// month (or the part of it inside the period asked).
type InterestLine struct {
	Lease  string    `json:"lease"`
	Unit   string    `json:"unit"`
	Month  time.Time `json:"month"`
	Days   int       `json:"days"`
	Amount int64     `json:"amount"`
}

// DepositInterest is the interest on l's deposit for the days from..to
// (inclusive) that the centre held it: simple, by day, at the deposit rate
// of each day, one line a month floored to the won. The deposit is held
// from the move-in to the last day in the unit.
func DepositInterest(l Lease, st Settings, from, to time.Time) []InterestLine {
	if l.Deposit <= 0 {
		return nil
	}
	from = laterOf(seoul.Midnight(from), seoul.Midnight(l.Start))
	to = earlierOf(seoul.Midnight(to), l.LastDay())
	var out []InterestLine
	for m := firstOfMonth(from); !m.After(to); m = m.AddDate(0, 1, 0) {
		a, b := laterOf(m, from), earlierOf(lastOfMonth(m), to)
		var num int64
		for d := a; !d.After(b); d = d.AddDate(0, 0, 1) {
			num += l.Deposit * rateOn(st.DepositInterest, d)
		}
		out = append(out, InterestLine{Lease: l.ID, Unit: l.Unit, Month: m, Days: daysBetween(a, b) + 1,
			Amount: num / interestDenominator})
	}
	return out
}
