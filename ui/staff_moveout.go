package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/tenants"
)

// Move-out steps.
const (
	moveOutInput = iota // the day and the restoration cost
	moveOutCheck        // the settlement the rules would record
	moveOutDone         // the settlement as recorded
)

// staffMoveOutScreen records a tenant handing its unit back: the day (a
// tap or two from today) and the restoration cost on the number pad; then
// the settlement of the deposit line by line (deposit, open invoices, late
// interest, restoration, what the deposit covers, credit, refund or what
// is still owed), and on the confirm tap the move-out.
type staffMoveOutScreen struct {
	staffPage
	ref              tenantRef
	step             int
	day, restoration string // digits
	quote            answer[tenants.Settlement]
	done             tenants.Settlement
}

func newStaffMoveOutScreen(s *Shell) screen { return &staffMoveOutScreen{staffPage: staffPage{s: s}} }

// openMoveOut starts the move-out of the tenant ref.
func (s *Shell) openMoveOut(ref tenantRef) {
	m := s.screenFor(ScreenMoveOut).(*staffMoveOutScreen)
	m.ref, m.step, m.quote = ref, moveOutInput, answer[tenants.Settlement]{}
	m.day, m.restoration = ymd(s.svc.Now()), ""
	s.show(ScreenMoveOut)
}

func (m *staffMoveOutScreen) build() fyne.CanvasObject {
	m.back, m.backText = func() { m.s.openTenant(m.ref.Unit.ID, m.ref.Lease, "") }, T("unit.back.tenant")
	frame := m.frame("")
	if m.ref.Lease == "" {
		m.setBody(m.s.pickUnitFirst())
		return frame
	}
	m.render()
	return frame
}

func (m *staffMoveOutScreen) render() {
	m.setTitle(T("moveout.title", map[string]any{"Unit": m.s.unitName(m.ref.Unit), "Company": m.ref.Company}))
	switch m.step {
	case moveOutInput:
		m.say(true, "") // the settlement's answer belongs to the check
		m.setBody(m.inputStep())
	case moveOutCheck:
		m.setBody(m.checkStep())
	default:
		m.setBody(m.doneStep())
	}
}

func (m *staffMoveOutScreen) goStep(step int) {
	m.step = step
	m.render()
}

// inputStep asks for the move-out day and the restoration cost.
func (m *staffMoveOutScreen) inputStep() fyne.CanvasObject {
	s := m.s
	form := s.newNumForm()
	day, dayRow := form.dateField(T("moveout.day"), m.day)
	day.onEdit = func() { m.day = day.digits }
	rest := form.field(numMoney, T("moveout.restoration"), m.restoration)
	rest.onEdit = func() { m.restoration = rest.digits }
	note := wrapLabel(T("moveout.note"))
	note.Importance = widget.LowImportance
	next := s.button(T("moveout.check"), theme.NavigateNextIcon(), m.check)
	return container.NewBorder(nil, s.navRow(m.back, next), nil, form.pad(),
		container.NewVBox(dayRow, rest.card, note))
}

// check asks the tenancy rules for the settlement.
func (m *staffMoveOutScreen) check() {
	s := m.s
	day, ok := parseYMD(m.day)
	if !ok {
		m.say(false, errBadDate(T("moveout.day")).Error())
		return
	}
	actor, lease, rest := s.member.Actor(), m.ref.Lease, parseMoney(m.restoration)
	var set tenants.Settlement
	var err error
	s.background(func() { set, err = s.svc.Tenants.QuoteMoveOut(actor, lease, day, rest) }, func() {
		m.quote.set(set, err)
		m.goStep(moveOutCheck)
	})
}

// checkStep shows the settlement line by line and asks to record it.
func (m *staffMoveOutScreen) checkStep() fyne.CanvasObject {
	s := m.s
	back := func() { m.goStep(moveOutInput) }
	if no := refusedCheck(&m.staffPage, m.quote, back); no != nil {
		return no
	}
	m.say(true, T("moveout.checked"))
	save := s.button(T("moveout.save"), theme.ConfirmIcon(), m.save)
	save.Importance = widget.DangerImportance
	return container.NewBorder(nil, s.navRow(back, save), nil, nil, s.settlementPanel(*m.quote.got))
}

// save records the move-out.
func (m *staffMoveOutScreen) save() {
	s := m.s
	day, _ := parseYMD(m.day)
	actor, lease, rest := s.member.Actor(), m.ref.Lease, parseMoney(m.restoration)
	var set tenants.Settlement
	var err error
	s.background(func() { set, err = s.svc.Tenants.MoveOut(actor, lease, day, rest) }, func() {
		if err != nil {
			m.quote.set(set, err)
			m.render()
			return
		}
		m.done = set
		m.say(true, T("moveout.done", map[string]any{"Company": m.ref.Company}))
		m.goStep(moveOutDone)
	})
}

// doneStep is the settlement as recorded.
func (m *staffMoveOutScreen) doneStep() fyne.CanvasObject {
	s := m.s
	tenant := s.button(T("unit.back.tenant"), theme.AccountIcon(), m.back)
	board := s.button(T("unit.board"), theme.GridIcon(), func() { s.show(ScreenStaffUnits) })
	return container.NewBorder(nil, container.NewGridWithColumns(3, layout.NewSpacer(), board, tenant), nil, nil,
		s.settlementPanel(m.done))
}

// settlementLines are a settlement's lines in the order it is worked out:
// the deposit, what is owed (open rent and fees, late interest,
// restoration), what the deposit pays of it, credit paid back, the refund
// and what is still owed.
func settlementLines(set tenants.Settlement) [][2]string {
	return [][2]string{
		{T("settle.deposit"), formatWon(set.Deposit)},
		{T("settle.open", map[string]any{"N": len(set.Invoices)}), formatWon(set.Open)},
		{T("settle.interest"), formatWon(set.Interest)},
		{T("settle.restoration"), formatWon(set.Restoration)},
		{T("settle.applied"), formatWon(set.Applied)},
		{T("settle.credit"), formatWon(set.Credit)},
		{T("settle.refund"), formatWon(set.Refund)},
		{T("settle.shortfall"), formatWon(set.Shortfall)},
	}
}

// settlementPanel shows the settlement's lines beside the invoices it
// settles.
func (s *Shell) settlementPanel(set tenants.Settlement) fyne.CanvasObject {
	head := widget.NewLabel(T("settle.day", map[string]any{"Date": formatDate(set.Date)}))
	rows := make([][]string, 0, len(set.Invoices))
	for _, inv := range set.Invoices {
		rows = append(rows, []string{invoiceLabel(inv.Month), formatWon(inv.PrincipalOpen()), formatWon(inv.InterestOpen())})
	}
	invoices := s.table([]string{T("receipt.invoice"), T("settle.charge"), T("receipt.interest")}, rows, T("settle.none"))
	return container.NewGridWithColumns(2,
		NewPanel(container.NewBorder(head, nil, nil, nil, s.valueLines(settlementLines(set))), colSurface),
		NewPanel(invoices, colSurface))
}
