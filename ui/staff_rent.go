package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// Payment steps.
const (
	payInput   = iota // amount, method, date
	payCheck          // what the payment would pay off
	payReceipt        // what it paid off, as stored
)

// payMethods are the desk's ways of paying, in the order offered.
var payMethods = []string{"cash", "card", "transfer"}

// tenantRef is the tenant a flow works on: its unit, lease and company,
// and what it owes today (filled in as a payment's amount).
type tenantRef struct {
	Unit    tenants.Unit
	Lease   string
	Company string
	Open    int64
}

// staffPayScreen takes a tenant's payment: the amount on the number pad,
// the method, the day; then what it would pay off (late interest, rent,
// fee, invoice by invoice, and any credit), and on the confirm tap the
// payment and its receipt.
type staffPayScreen struct {
	staffPage
	ref         tenantRef
	step        int
	amount, day string // digits
	method      string
	quote       answer[tenants.Receipt]
	receipt     tenants.Receipt
}

func newStaffPayScreen(s *Shell) screen { return &staffPayScreen{staffPage: staffPage{s: s}} }

// openPay starts taking a payment from the tenant ref.
func (s *Shell) openPay(ref tenantRef) {
	p := s.screenFor(ScreenRentPay).(*staffPayScreen)
	p.ref, p.step, p.method, p.quote = ref, payInput, payMethods[0], answer[tenants.Receipt]{}
	p.amount, p.day = "", ymd(s.svc.Now())
	if ref.Open > 0 {
		p.amount = moneyDigits(ref.Open)
	}
	s.show(ScreenRentPay)
}

func (p *staffPayScreen) build() fyne.CanvasObject {
	p.back, p.backText = func() { p.s.openTenant(p.ref.Unit.ID, p.ref.Lease, "") }, T("unit.back.tenant")
	frame := p.frame("")
	if p.ref.Lease == "" {
		p.setBody(p.s.pickUnitFirst())
		return frame
	}
	p.render()
	return frame
}

func (p *staffPayScreen) render() {
	title := T("pay.title", map[string]any{"Unit": p.s.unitName(p.ref.Unit), "Company": p.ref.Company})
	switch p.step {
	case payInput:
		p.setTitle(title)
		p.say(true, "") // the check's answer belongs to the check
		p.setBody(p.inputStep())
	case payCheck:
		p.setTitle(title)
		p.setBody(p.checkStep())
	default:
		p.setTitle(T("receipt.title", map[string]any{"Unit": p.s.unitName(p.ref.Unit), "Company": p.ref.Company}))
		p.setBody(p.receiptStep())
	}
}

func (p *staffPayScreen) goStep(step int) {
	p.step = step
	p.render()
}

// inputStep asks for the amount (filled in with what is owed today), the
// method and the day the money came in.
func (p *staffPayScreen) inputStep() fyne.CanvasObject {
	s := p.s
	form := s.newNumForm()
	amount := form.field(numMoney, T("pay.amount"), p.amount)
	amount.onEdit = func() { p.amount = amount.digits }
	day, dayRow := form.dateField(T("pay.day"), p.day)
	day.onEdit = func() { p.day = day.digits }
	form.choose(amount)

	methods := container.NewGridWithColumns(len(payMethods))
	group := choiceGroup{s: s}
	for _, m := range payMethods {
		c := s.choiceCard(T("pay." + m))
		group.add(c, m == p.method, func() { p.method = m })
		methods.Add(c)
	}
	owed := wrapLabel(T("pay.owed", map[string]any{"Open": formatWon(p.ref.Open)}))
	owed.Importance = widget.LowImportance
	fields := container.NewVBox(amount.card, owed, widget.NewLabel(T("pay.method")), methods, dayRow)
	next := s.button(T("pay.check"), theme.NavigateNextIcon(), p.check)
	return container.NewBorder(nil, s.navRow(p.back, next), nil, form.pad(), fields)
}

// check asks the tenancy rules what the payment would pay off.
func (p *staffPayScreen) check() {
	s := p.s
	day, ok := parseYMD(p.day)
	if !ok {
		p.say(false, errBadDate(T("pay.day")).Error())
		return
	}
	actor, unit, amount, method := s.member.Actor(), p.ref.Unit.ID, parseMoney(p.amount), p.method
	var r tenants.Receipt
	var err error
	s.background(func() { r, err = s.svc.Tenants.QuotePay(actor, unit, day, amount, method) }, func() {
		p.quote.set(r, err)
		p.goStep(payCheck)
	})
}

// checkStep shows what the payment would pay off, and asks to record it.
func (p *staffPayScreen) checkStep() fyne.CanvasObject {
	s := p.s
	back := func() { p.goStep(payInput) }
	if no := refusedCheck(&p.staffPage, p.quote, back); no != nil {
		return no
	}
	p.say(true, T("pay.checked"))
	save := s.button(T("pay.save"), theme.ConfirmIcon(), p.save)
	return container.NewBorder(nil, s.navRow(back, save), nil, nil, s.receiptPanel(*p.quote.got, false))
}

// save records the payment and shows its receipt.
func (p *staffPayScreen) save() {
	s := p.s
	day, _ := parseYMD(p.day)
	actor, unit, amount, method := s.member.Actor(), p.ref.Unit.ID, parseMoney(p.amount), p.method
	var r tenants.Receipt
	var err error
	s.background(func() { r, err = s.svc.Tenants.Pay(actor, unit, day, amount, method) }, func() {
		if err != nil {
			p.quote.set(r, err)
			p.render()
			return
		}
		p.receipt = r
		p.say(true, T("pay.done", map[string]any{"Amount": formatWon(r.Payment.Amount)}))
		p.goStep(payReceipt)
	})
}

// receiptStep is the receipt of the payment stored.
func (p *staffPayScreen) receiptStep() fyne.CanvasObject {
	s := p.s
	tenant := s.button(T("unit.back.tenant"), theme.AccountIcon(), p.back)
	board := s.button(T("unit.board"), theme.GridIcon(), func() { s.show(ScreenStaffUnits) })
	return container.NewBorder(nil, container.NewGridWithColumns(3, layout.NewSpacer(), board, tenant), nil, nil,
		s.receiptPanel(p.receipt, true))
}

// receiptPanel says what a payment is and what it paid off, invoice by
// invoice: late interest, rent, management fee, restoration; then what is
// left over as credit. A stored payment has its number (a preview's is
// not given yet).
func (s *Shell) receiptPanel(r tenants.Receipt, stored bool) fyne.CanvasObject {
	pay := r.Payment
	head := []string{}
	if stored {
		head = append(head, T("receipt.no", map[string]any{"ID": pay.ID}))
	}
	head = append(head, T("receipt.line", map[string]any{"Date": dayText(pay.Date), "Method": T("pay." + pay.Method),
		"Amount": formatWon(pay.Amount)}))
	summary := widget.NewLabel(strings.Join(head, " · "))
	summary.Truncation = fyne.TextTruncateEllipsis
	rows := make([][]string, 0, len(r.Applied)+1)
	for _, a := range r.Applied {
		rows = append(rows, []string{invoiceLabel(a.Month), formatWon(a.Interest), formatWon(a.Rent), formatWon(a.Fee),
			formatWon(a.Restoration), formatWon(a.Amount())})
	}
	table := s.table([]string{T("receipt.invoice"), T("receipt.interest"), T("receipt.rent"), T("receipt.fee"),
		T("receipt.restoration"), T("receipt.total")}, rows, T("receipt.none"))
	credit := widget.NewLabel(T("receipt.credit", map[string]any{"Credit": formatWon(r.Credit)}))
	return NewPanel(container.NewBorder(summary, credit, nil, nil, table), colSurface)
}

// tableRows is how many rows a table shows a page.
const tableRows = 6

// table is a header and rows of cells in equal columns, the amounts (every
// column but the first) trailing; tableRows rows a page.
func (s *Shell) table(header []string, rows [][]string, empty string) fyne.CanvasObject {
	money := make([]bool, len(header))
	for i := 1; i < len(money); i++ {
		money[i] = true
	}
	lines := make([]fyne.CanvasObject, 0, len(rows))
	for _, r := range rows {
		lines = append(lines, tableRow(r, money, false))
	}
	// Rows at their height from the top, not spread over the room.
	return container.NewVBox(tableRow(header, money, true), widget.NewSeparator(),
		s.pagedGrid(lines, 1, min(tableRows, max(len(lines), 1)), empty))
}

// tableRow is one line of a table: cells in equal columns, the amounts
// (the columns money marks) trailing; low for a header.
func tableRow(cells []string, money []bool, low bool) fyne.CanvasObject {
	g := container.NewGridWithColumns(len(money))
	for i, c := range cells {
		align := fyne.TextAlignLeading
		if money[i] {
			align = fyne.TextAlignTrailing
		}
		l := widget.NewLabelWithStyle(c, align, fyne.TextStyle{})
		l.Truncation = fyne.TextTruncateEllipsis
		if low {
			l.Importance = widget.LowImportance
		}
		g.Add(l)
	}
	return g
}

// invoiceLabel names an invoice by its month, or as the restoration
// charge of a move-out (no month).
func invoiceLabel(month time.Time) string {
	if month.IsZero() {
		return T("invoice.restoration")
	}
	return monthText(month)
}

// monthText is "2026년 10월" / "Oct 2026".
func monthText(t time.Time) string {
	t = t.In(seoul.Location)
	return T("month", map[string]any{"Year": t.Year(), "Month": int(t.Month()), "MonthName": t.Month().String()[:3]})
}

// dayText is a short date: 2026-11-27.
func dayText(t time.Time) string { return t.In(seoul.Location).Format("2006-01-02") }
