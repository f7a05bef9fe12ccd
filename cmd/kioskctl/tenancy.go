package main

import (
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// parseDate reads a YYYY-MM-DD date in Seoul, strictly.
func parseDate(flagName, s string) (time.Time, error) {
	t, err := time.ParseInLocation(dateLayout, s, seoul.Location)
	if err != nil || t.Format(dateLayout) != s {
		return time.Time{}, usagef("%s %q: 날짜는 YYYY-MM-DD 형식입니다(예: 2027-03-01)",
			"%s %q: dates are YYYY-MM-DD (e.g. 2027-03-01)", flagName, s)
	}
	return t, nil
}

// wonFlag reads a flag of whole won.
func wonFlag(flagName, s string) (int64, error) {
	n, err := strconv.ParseInt(strings.ReplaceAll(s, ",", ""), 10, 64)
	if err != nil {
		return 0, usagef("%s %q: 금액은 원 단위 정수입니다(예: 300000)", "%s %q: money is whole won (e.g. 300000)", flagName, s)
	}
	return n, nil
}

func day(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(seoul.Location).Format(dateLayout)
}

// tenantJSON is a lease as the tenants command lists it (the
// representative masked).
type tenantJSON struct {
	ID             string `json:"id"`
	Company        string `json:"company"`
	BRN            string `json:"brn"`
	Representative string `json:"representative"`
	Unit           string `json:"unit"`
	Lease          string `json:"lease"`
	Start          string `json:"start"`
	End            string `json:"end"`
	Status         string `json:"status"`
	MovedOut       string `json:"moved_out,omitempty"`
	OpenKRW        int64  `json:"open_krw"`
	Deposit        int64  `json:"deposit"`
}

type tenantsCmd struct{}

func (*tenantsCmd) readsOnly() {}

func (*tenantsCmd) flags(*flag.FlagSet)         {}
func (*tenantsCmd) check(map[string]bool) error { return nil }

func (*tenantsCmd) run(e *env) error {
	ts, err := e.c.Tenants.Tenancies(e.c.Tenants.Now())
	if err != nil {
		return err
	}
	out := make([]tenantJSON, 0, len(ts))
	rows := make([][]string, 0, len(ts))
	for _, t := range ts {
		l := t.Lease
		out = append(out, tenantJSON{ID: l.ID, Company: l.Tenant, BRN: tenants.FormatBRN(l.BRN),
			Representative: tenants.MaskName(l.Representative), Unit: l.Unit, Lease: l.ID,
			Start: day(l.Start), End: day(l.End), Status: string(t.Status), MovedOut: day(l.MovedOut),
			OpenKRW: t.Account.Open(), Deposit: l.Deposit})
		rows = append(rows, []string{l.Unit, l.ID, l.Tenant, tenants.MaskName(l.Representative),
			day(l.Start) + "~" + day(l.End), statusLabel(t.Status), won(t.Account.Open())})
	}
	return e.emit(out, table([]string{"공간 Unit", "계약 Lease", "기업 Company", "대표 Rep.", "기간 Term", "상태 Status", "미납 Open"}, rows))
}

func statusLabel(s tenants.Status) string {
	switch s {
	case tenants.StatusActive:
		return "입주 active"
	case tenants.StatusExpiring:
		return "만료 임박 expiring"
	case tenants.StatusArrears:
		return "연체 arrears"
	case tenants.StatusMovedOut:
		return "퇴거 moved out"
	case tenants.StatusGraduated:
		return "졸업 graduated"
	}
	return string(s)
}

// moveinCmd records a move-in.
type moveinCmd struct {
	unit, company, rep, phone, start, end, rent, fee, deposit, brn, birth string
	m                                                                     tenants.MoveIn
}

func (c *moveinCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.unit, "unit", "", "unit id (kioskctl units)")
	fs.StringVar(&c.company, "company", "", "company name")
	fs.StringVar(&c.rep, "rep", "", "representative's name (given with consent)")
	fs.StringVar(&c.phone, "phone", "", "phone (given with consent)")
	fs.StringVar(&c.start, "start", "", "first day, YYYY-MM-DD")
	fs.StringVar(&c.end, "end", "", "last day, YYYY-MM-DD (default: one term)")
	fs.StringVar(&c.rent, "rent", "", "monthly rent, won")
	fs.StringVar(&c.fee, "fee", "", "monthly management fee, won")
	fs.StringVar(&c.deposit, "deposit", "", "deposit, won")
	fs.StringVar(&c.brn, "brn", "", "business registration number 123-45-67890")
	fs.StringVar(&c.birth, "birth", "", "founder's birth date YYYY-MM-DD (youth desk)")
}

func (c *moveinCmd) check(set map[string]bool) error {
	for _, n := range []string{"unit", "company", "rep", "phone", "start", "rent", "fee", "deposit"} {
		if !set[n] {
			return missing(n)
		}
	}
	c.m = tenants.MoveIn{Unit: c.unit, Company: c.company, Representative: c.rep, Phone: c.phone, BRN: c.brn}
	var err error
	if c.m.Start, err = parseDate("-start", c.start); err != nil {
		return err
	}
	if set["end"] {
		if c.m.End, err = parseDate("-end", c.end); err != nil {
			return err
		}
	}
	if set["birth"] {
		if c.m.BirthDate, err = parseDate("-birth", c.birth); err != nil {
			return err
		}
	}
	if c.m.MonthlyRent, err = wonFlag("-rent", c.rent); err != nil {
		return err
	}
	if c.m.ManagementFee, err = wonFlag("-fee", c.fee); err != nil {
		return err
	}
	c.m.Deposit, err = wonFlag("-deposit", c.deposit)
	return err
}

func (c *moveinCmd) run(e *env) error {
	l, err := e.c.Tenants.MoveIn(store.ActorCLI, c.m)
	if err != nil {
		return err
	}
	human := fmt.Sprintf("입주 등록 %s: %s %s, %s~%s / moved in %s: %s %s, %s to %s",
		l.ID, l.Unit, l.Tenant, day(l.Start), day(l.End), l.ID, l.Unit, l.Tenant, day(l.Start), day(l.End))
	return e.emit(struct {
		Lease string `json:"lease"`
		Unit  string `json:"unit"`
		Start string `json:"start"`
		End   string `json:"end"`
	}{l.ID, l.Unit, day(l.Start), day(l.End)}, human)
}

type extendCmd struct{ lease string }

func (c *extendCmd) flags(fs *flag.FlagSet) { fs.StringVar(&c.lease, "lease", "", "lease id") }
func (c *extendCmd) check(set map[string]bool) error {
	if !set["lease"] {
		return missing("lease")
	}
	return nil
}

func (c *extendCmd) run(e *env) error {
	l, err := e.c.Tenants.Extend(store.ActorCLI, c.lease)
	if err != nil {
		return err
	}
	human := fmt.Sprintf("연장 완료 %s: %s까지 / extended %s to %s", l.ID, day(l.End), l.ID, day(l.End))
	return e.emit(struct {
		Lease string `json:"lease"`
		End   string `json:"end"`
	}{l.ID, day(l.End)}, human)
}

type moveoutCmd struct {
	lease, date, restoration string
	day                      time.Time
	cost                     int64
}

func (c *moveoutCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.lease, "lease", "", "lease id")
	fs.StringVar(&c.date, "date", "", "the day the unit is handed back, YYYY-MM-DD (billed to the day before)")
	fs.StringVar(&c.restoration, "restoration", "0", "restoration cost, won")
}

func (c *moveoutCmd) check(set map[string]bool) error {
	for _, n := range []string{"lease", "date"} {
		if !set[n] {
			return missing(n)
		}
	}
	var err error
	if c.day, err = parseDate("-date", c.date); err != nil {
		return err
	}
	c.cost, err = wonFlag("-restoration", c.restoration)
	return err
}

func (c *moveoutCmd) run(e *env) error {
	s, err := e.c.Tenants.MoveOut(store.ActorCLI, c.lease, c.day, c.cost)
	if err != nil {
		return err
	}
	human := table([]string{"정산 Settlement", "금액 Amount"}, [][]string{
		{"보증금 deposit", won(s.Deposit)},
		{"미납 임대료·관리비 open invoices", won(s.Open)},
		{"연체이자 late interest", won(s.Interest)},
		{"원상복구비 restoration", won(s.Restoration)},
		{"선납금 credit", won(s.Credit)},
		{"반환액 refund", won(s.Refund)},
		{"부족액(미수) shortfall", won(s.Shortfall)},
	})
	return e.emit(struct {
		Lease       string `json:"lease"`
		Deposit     int64  `json:"deposit"`
		Arrears     int64  `json:"arrears"`
		Interest    int64  `json:"late_interest"`
		Restoration int64  `json:"restoration"`
		Refund      int64  `json:"refund"`
		Credit      int64  `json:"credit"`
		Applied     int64  `json:"applied"`
		Shortfall   int64  `json:"shortfall"`
	}{s.Lease.ID, s.Deposit, s.Open, s.Interest, s.Restoration, s.Refund, s.Credit, s.Applied, s.Shortfall}, human)
}

type paymentCmd struct {
	unit, amount, date, method string
	n                          int64
	day                        time.Time
}

func (c *paymentCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.unit, "unit", "", "unit id")
	fs.StringVar(&c.amount, "amount", "", "amount, won")
	fs.StringVar(&c.date, "date", "", "day paid, YYYY-MM-DD (default today)")
	fs.StringVar(&c.method, "method", "cash", "cash, card or transfer")
}

func (c *paymentCmd) check(set map[string]bool) error {
	for _, n := range []string{"unit", "amount"} {
		if !set[n] {
			return missing(n)
		}
	}
	var err error
	if c.n, err = wonFlag("-amount", c.amount); err != nil {
		return err
	}
	if set["date"] {
		if c.day, err = parseDate("-date", c.date); err != nil {
			return err
		}
	}
	c.method, err = tenants.ParseMethod(c.method)
	return err
}

type appliedJSON struct {
	Invoice string `json:"invoice"`
	Amount  int64  `json:"amount"`
}

func (c *paymentCmd) run(e *env) error {
	if c.day.IsZero() {
		c.day = e.c.Tenants.Now()
	}
	r, err := e.c.Tenants.Pay(store.ActorCLI, c.unit, c.day, c.n, c.method)
	if err != nil {
		return err
	}
	applied := make([]appliedJSON, 0, len(r.Applied))
	rows := [][]string{}
	for _, a := range r.Applied {
		applied = append(applied, appliedJSON{a.Invoice, a.Amount()})
		rows = append(rows, []string{a.Invoice, won(a.Interest), won(a.Rent), won(a.Fee + a.Restoration), won(a.Amount())})
	}
	human := fmt.Sprintf("수납 %s %s %s (%s) / payment %s of %s for %s\n", r.Payment.ID, r.Payment.Unit, won(r.Payment.Amount),
		r.Payment.Lease, r.Payment.ID, krw(r.Payment.Amount), r.Payment.Lease)
	human += table([]string{"청구서 Invoice", "연체이자 Interest", "임대료 Rent", "관리비 Fee", "계 Total"}, rows)
	human += fmt.Sprintf("선납(크레딧) / credit: %s", won(r.Credit))
	return e.emit(struct {
		ID      string        `json:"id"`
		Applied []appliedJSON `json:"applied"`
		Credit  int64         `json:"credit"`
	}{r.Payment.ID, applied, r.Credit}, human)
}

type invoicesCmd struct {
	unit string
	open bool
}

func (*invoicesCmd) readsOnly() {}

func (c *invoicesCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.unit, "unit", "", "only this unit")
	fs.BoolVar(&c.open, "open", false, "only invoices with something owed")
}
func (*invoicesCmd) check(map[string]bool) error { return nil }

type invoiceJSON struct {
	ID            string `json:"id"`
	Unit          string `json:"unit"`
	Lease         string `json:"lease"`
	Month         string `json:"month"`
	Rent          int64  `json:"rent"`
	ManagementFee int64  `json:"management_fee"`
	Restoration   int64  `json:"restoration,omitempty"`
	LateInterest  int64  `json:"late_interest"`
	Due           string `json:"due"`
	Paid          int64  `json:"paid"`
	Open          int64  `json:"open"`
}

func monthOf(inv tenants.Invoice) string {
	if inv.Month.IsZero() {
		return day(inv.Issued)[:7]
	}
	return inv.Month.Format("2006-01")
}

func (c *invoicesCmd) run(e *env) error {
	invs, err := e.c.Tenants.Invoices(strings.ToUpper(strings.TrimSpace(c.unit)), c.open, e.c.Tenants.Now())
	if err != nil {
		return err
	}
	out := make([]invoiceJSON, 0, len(invs))
	rows := [][]string{}
	for _, i := range invs {
		out = append(out, invoiceJSON{ID: i.ID, Unit: i.Unit, Lease: i.Lease, Month: monthOf(i), Rent: i.Rent,
			ManagementFee: i.Fee, Restoration: i.Restoration, LateInterest: i.Interest, Due: day(i.Due), Paid: i.Paid(), Open: i.Open()})
		rows = append(rows, []string{i.ID, i.Unit, monthOf(i), won(i.Principal()), won(i.Interest), day(i.Due), won(i.Paid()), won(i.Open())})
	}
	return e.emit(out, table([]string{"청구서 Invoice", "공간 Unit", "월 Month", "청구 Billed", "연체이자 Interest", "납기 Due", "납부 Paid", "미납 Open"}, rows))
}

type arrearsCmd struct{}

func (*arrearsCmd) readsOnly() {}

func (*arrearsCmd) flags(*flag.FlagSet)         {}
func (*arrearsCmd) check(map[string]bool) error { return nil }

func (*arrearsCmd) run(e *env) error {
	as, err := e.c.Tenants.Arrears(e.c.Tenants.Now())
	if err != nil {
		return err
	}
	type arrearJSON struct {
		Unit         string `json:"unit"`
		Lease        string `json:"lease"`
		Company      string `json:"company"`
		Open         int64  `json:"open_krw"`
		OldestDue    string `json:"oldest_due"`
		Days         int    `json:"days"`
		Bucket       int    `json:"bucket"`
		LateInterest int64  `json:"late_interest_krw"`
	}
	out := make([]arrearJSON, 0, len(as))
	rows := [][]string{}
	for _, a := range as {
		out = append(out, arrearJSON{a.Unit, a.Lease, a.Company, a.Open, day(a.OldestDue), a.Days, a.Bucket, a.LateInterest})
		rows = append(rows, []string{a.Unit, a.Company, won(a.Open), won(a.LateInterest), day(a.OldestDue), strconv.Itoa(a.Days) + "일 days", bucketLabel(a.Bucket)})
	}
	return e.emit(out, table([]string{"공간 Unit", "기업 Company", "미납 Open", "연체이자 Interest", "최초 납기 Oldest due", "경과 Age", "구간 Bucket"}, rows))
}

func bucketLabel(b int) string {
	switch b {
	case 0:
		return "30일 이내 ≤30"
	case 90:
		return "90일 초과 >90"
	}
	return fmt.Sprintf("%d일 초과 >%d", b, b)
}
