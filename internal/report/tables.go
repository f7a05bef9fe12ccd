package report

import (
	"fmt"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/export"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// What names a table that can be exported.
type What string

// The exports of kioskctl export -what and the staff screens.
const (
	Bookings What = "bookings"
	Invoices What = "invoices"
	Payments What = "payments"
	Arrears  What = "arrears"
	Ledger   What = "ledger"
	Summary  What = "report"
)

// Whats lists them in the order of CLI.md.
var Whats = []What{Bookings, Invoices, Payments, Arrears, Ledger, Summary}

// Table builds the export of what for year up to until (inclusive). Personal
// data stays out, but for visitors' masked names.
func Table(b *booking.Service, t *tenants.Service, what What, year int, until time.Time) (export.Table, error) {
	from := time.Date(year, time.January, 1, 0, 0, 0, 0, until.Location())
	switch what {
	case Bookings:
		return bookingsTable(b, from, until)
	case Invoices:
		return invoicesTable(t, from, until)
	case Payments:
		return paymentsTable(t, from, until)
	case Arrears:
		return arrearsTable(t, until)
	case Ledger:
		return ledgerTable(t, from, until)
	case Summary:
		r, err := Build(b, t, year, until)
		if err != nil {
			return export.Table{}, err
		}
		return r.Table(), nil
	}
	return export.Table{}, fmt.Errorf("report: unknown export %q", what)
}

func bookingsTable(b *booking.Service, from, to time.Time) (export.Table, error) {
	bs, err := b.Between(from, to)
	if err != nil {
		return export.Table{}, err
	}
	t := export.Table{Sheet: "bookings", Columns: []export.Column{
		{Name: "booking", Kind: export.Text}, {Name: "room", Kind: export.Text}, {Name: "from", Kind: export.DateTime},
		{Name: "to", Kind: export.DateTime}, {Name: "status", Kind: export.Text}, {Name: "visitor", Kind: export.Text},
		{Name: "fee", Kind: export.Won}, {Name: "discount", Kind: export.Text}, {Name: "paid_at", Kind: export.DateTime},
		{Name: "method", Kind: export.Text}, {Name: "refund", Kind: export.Won}, {Name: "cancelled_at", Kind: export.DateTime},
	}}
	for _, x := range bs {
		visitor := booking.MaskName(x.Name)
		if x.Block {
			visitor = "(block) " + x.Reason
		}
		t.Rows = append(t.Rows, []any{x.ID, x.Room, x.From, x.To, string(x.Status), visitor, x.Fee, x.DiscountID,
			x.PaidAt, string(x.PayMethod), x.Refund, x.CancelledAt})
	}
	return t, nil
}

func invoicesTable(ts *tenants.Service, from, to time.Time) (export.Table, error) {
	all, err := ts.Tenancies(to)
	if err != nil {
		return export.Table{}, err
	}
	t := export.Table{Sheet: "invoices", Columns: []export.Column{
		{Name: "invoice", Kind: export.Text}, {Name: "unit", Kind: export.Text}, {Name: "company", Kind: export.Text},
		{Name: "issued", Kind: export.Date}, {Name: "due", Kind: export.Date}, {Name: "days", Kind: export.Count},
		{Name: "rent", Kind: export.Won}, {Name: "management_fee", Kind: export.Won}, {Name: "restoration", Kind: export.Won},
		{Name: "late_interest", Kind: export.Won}, {Name: "paid", Kind: export.Won}, {Name: "open", Kind: export.Won},
	}}
	for _, x := range all {
		for _, i := range x.Account.Invoices {
			if i.Issued.Before(from) || i.Issued.After(to) {
				continue
			}
			t.Rows = append(t.Rows, []any{i.ID, i.Unit, x.Lease.Tenant, i.Issued, i.Due, i.Days, i.Rent, i.Fee,
				i.Restoration, i.Interest, i.Paid(), i.Open()})
		}
	}
	return t, nil
}

func paymentsTable(ts *tenants.Service, from, to time.Time) (export.Table, error) {
	ps, err := ts.Payments(from, to)
	if err != nil {
		return export.Table{}, err
	}
	t := export.Table{Sheet: "payments", Columns: []export.Column{
		{Name: "payment", Kind: export.Text}, {Name: "date", Kind: export.Date}, {Name: "unit", Kind: export.Text},
		{Name: "lease", Kind: export.Text}, {Name: "amount", Kind: export.Won}, {Name: "method", Kind: export.Text},
		{Name: "import", Kind: export.Text},
	}}
	for _, p := range ps {
		t.Rows = append(t.Rows, []any{p.ID, p.Date, p.Unit, p.Lease, p.Amount, p.Method, p.Import})
	}
	return t, nil
}

func arrearsTable(ts *tenants.Service, to time.Time) (export.Table, error) {
	as, err := ts.Arrears(to)
	if err != nil {
		return export.Table{}, err
	}
	t := export.Table{Sheet: "arrears", Columns: []export.Column{
		{Name: "unit", Kind: export.Text}, {Name: "lease", Kind: export.Text}, {Name: "company", Kind: export.Text},
		{Name: "open", Kind: export.Won}, {Name: "late_interest", Kind: export.Won}, {Name: "oldest_due", Kind: export.Date},
		{Name: "days", Kind: export.Count}, {Name: "bucket", Kind: export.Count},
	}}
	for _, a := range as {
		t.Rows = append(t.Rows, []any{a.Unit, a.Lease, a.Company, a.Open, a.LateInterest, a.OldestDue, a.Days, a.Bucket})
	}
	return t, nil
}

func ledgerTable(ts *tenants.Service, from, to time.Time) (export.Table, error) {
	es, err := ts.Ledger(from, to)
	if err != nil {
		return export.Table{}, err
	}
	t := export.Table{Sheet: "ledger", Columns: []export.Column{
		{Name: "date", Kind: export.Date}, {Name: "kind", Kind: export.Text}, {Name: "amount", Kind: export.Won},
		{Name: "ref", Kind: export.Text}, {Name: "entry", Kind: export.Text}, {Name: "unit", Kind: export.Text},
		{Name: "room", Kind: export.Text}, {Name: "method", Kind: export.Text}, {Name: "reverses", Kind: export.Text},
	}}
	for _, e := range es {
		t.Rows = append(t.Rows, []any{e.At, string(e.Kind), e.Amount, e.Ref, e.ID, e.Unit, e.Room, e.Method, e.Reverses})
	}
	return t, nil
}

// Table is the report as rows of item and value, then the months.
func (r Report) Table() export.Table {
	t := export.Table{Sheet: fmt.Sprintf("report %d", r.Year), Columns: []export.Column{
		{Name: "항목 item", Kind: export.Text}, {Name: "값 value", Kind: export.Won},
	}}
	add := func(name string, v int64) { t.Rows = append(t.Rows, []any{name, v}) }
	add("대관 횟수 rentals_count", int64(r.RentalsCount))
	add("대관료 rentals_krw", r.RentalsKRW)
	add("임대료 부과 rent_billed_krw", r.RentBilled)
	add("임대료 수납 rent_collected_krw", r.RentCollected)
	add("관리비 부과 management_fee_billed_krw", r.FeeBilled)
	add("관리비 수납 management_fee_collected_krw", r.FeeCollected)
	add("이자수입 interest_krw", r.Interest)
	add("보증금 이자 deposit_interest_krw", r.DepositInterest)
	add("연체이자 late_interest_krw", r.LateInterest)
	add("청년 임대료 부과 youth_rent_billed_krw", r.YouthRentBilled)
	add("청년 임대료 수납 youth_rent_collected_krw", r.YouthRentCollected)
	add("신규입주 move_ins", int64(r.MoveIns))
	add("입주연장 extensions", int64(r.Extensions))
	add("입주관리 기업 companies", int64(r.Companies))
	add("지원기관 agencies", int64(r.Agencies))
	add("입주기업 incubators", int64(r.Incubators))
	add("청년창업가 youth_desks", int64(r.YouthDesks))
	for _, m := range r.Months {
		p := fmt.Sprintf("%02d월 ", m.Month)
		add(p+"임대료 rent", m.Rent)
		add(p+"청년 임대료 youth rent", m.YouthRent)
		add(p+"관리비 management fee", m.ManagementFee)
		add(p+"이자 interest", m.Interest)
		add(p+"대관료 rentals", m.Rentals)
	}
	return t
}
