package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// Tabs of the tenant screen.
const (
	tabInvoices = iota
	tabPayments
	tabHistory
)

// staffTenantScreen is one unit's tenant: the company, its representative
// (masked; a manager may reveal it, and the reveal is audited), the lease,
// what it owes today with the late interest to date, the deposit held, and
// its invoices, payments and the unit's lease history; with the flows that
// change them: a payment, an extension (the rules' answer shown before it
// is made), a move-out. A vacant unit shows its history and the move-in.
type staffTenantScreen struct {
	staffPage
	unitID, lease string
	note          string // said on opening (what the last flow did)
	tab           int
	page          int

	unit    tenants.Unit
	file    *tenants.TenantFile
	history []tenants.Tenancy // the unit's leases, for a vacant unit
	loaded  bool              // the read has come back
	loadErr error
	// revealed holds the representative's name and phone once revealed.
	revealed *[2]string
	// extension is the rules' answer to extending, while it is asked.
	asking   bool
	extLease tenants.Lease
	extErr   error

	summary *fyne.Container
	actions *fyne.Container
	list    *fyne.Container
}

func newStaffTenantScreen(s *Shell) screen { return &staffTenantScreen{staffPage: staffPage{s: s}} }

// openTenant shows unit's tenant: lease if given, else whoever holds the
// unit today (or the vacant unit); note is said on top.
func (s *Shell) openTenant(unit, lease, note string) {
	t := s.screenFor(ScreenTenant).(*staffTenantScreen)
	if t.unitID != unit || t.lease != lease {
		t.tab, t.page = tabInvoices, 0
	}
	t.unitID, t.lease, t.note = unit, lease, note
	t.revealed, t.asking = nil, false
	t.file, t.history, t.loaded = nil, nil, false
	s.show(ScreenTenant)
}

// enter reads the tenant afresh.
func (t *staffTenantScreen) enter() { t.load() }

func (t *staffTenantScreen) build() fyne.CanvasObject {
	t.back, t.backText = func() { t.s.show(ScreenStaffUnits) }, T("unit.board")
	frame := t.frame(T("tenant.title"))
	if t.unitID == "" {
		t.setBody(t.s.pickUnitFirst())
		return frame
	}
	t.summary = container.NewStack()
	t.actions = container.NewStack()
	t.list = container.NewStack()
	t.setBody(container.NewBorder(container.NewVBox(t.summary, t.actions), nil, nil, nil, t.list))
	t.say(true, t.note)
	t.draw()
	return frame
}

// load reads the tenant's file (or the vacant unit's history), off the UI
// thread.
func (t *staffTenantScreen) load() {
	s := t.s
	if t.unitID == "" {
		return
	}
	actor, day := s.member.Actor(), seoul.Midnight(s.svc.Now())
	unitID, lease := t.unitID, t.lease
	var unit tenants.Unit
	var file *tenants.TenantFile
	var history []tenants.Tenancy
	var err error
	s.background(func() {
		var units []tenants.Unit
		if units, err = s.svc.Tenants.Units(); err != nil {
			return
		}
		for _, u := range units {
			if u.ID == unitID {
				unit = u
			}
		}
		if lease == "" {
			var dir []tenants.Occupancy
			if dir, err = s.svc.Tenants.Directory(day); err != nil {
				return
			}
			for _, o := range dir {
				if o.Unit.ID == unitID {
					lease = o.Lease
				}
			}
		}
		if lease != "" {
			var f tenants.TenantFile
			if f, err = s.svc.Tenants.TenantFile(actor, lease, day); err == nil {
				file = &f
			}
			return
		}
		var all []tenants.Tenancy
		if all, err = s.svc.Tenants.Tenancies(day); err != nil {
			return
		}
		for _, x := range all {
			if x.Lease.Unit == unitID {
				history = append(history, x)
			}
		}
	}, func() {
		t.unit, t.file, t.history, t.loadErr, t.loaded = unit, file, history, err, true
		if file != nil {
			t.lease = file.Tenancy.Lease.ID
		}
		if t.summary != nil {
			t.draw()
		}
	})
}

// draw shows what was read.
func (t *staffTenantScreen) draw() {
	s := t.s
	if !t.loaded { // still reading: nothing rather than a unit that looks vacant
		return
	}
	if t.loadErr != nil {
		t.summary.Objects = []fyne.CanvasObject{s.loadFailed("tenant", t.loadErr)}
		t.summary.Refresh()
		return
	}
	t.setTitle(T("tenant.title.unit", map[string]any{"Unit": s.unitName(t.unit)}))
	if t.file == nil {
		t.drawVacant()
	} else {
		t.drawTenant()
	}
}

// drawVacant shows a vacant unit: its terms, its past leases, the move-in.
func (t *staffTenantScreen) drawVacant() {
	s := t.s
	lines := [][2]string{
		{T("tenant.state"), T("unit.state.vacant")},
		{T("tenant.terms"), T("tenant.terms.line", map[string]any{"Rent": formatWon(t.unit.MonthlyRent),
			"Fee": formatWon(t.unit.ManagementFee), "Deposit": formatWon(t.unit.Deposit)})},
	}
	t.summary.Objects = []fyne.CanvasObject{NewPanel(s.valueLines(lines), colSurface)}
	t.summary.Refresh()
	var acts []fyne.CanvasObject
	if s.mayShow(ScreenMoveIn) {
		u := t.unit
		in := s.button(T("tenant.movein"), theme.ContentAddIcon(), func() { s.openMoveIn(u) })
		in.Importance = widget.HighImportance
		acts = append(acts, in)
	}
	t.actions.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil,
		widget.NewLabel(T("tenant.history")), container.NewHBox(acts...))}
	t.actions.Refresh()
	t.setList(historyRows(t.history), []string{T("tenant.company"), T("tenant.period"), T("tenant.state")}, []bool{false, false, false})
}

// drawTenant shows a lease: who, the lease, the money, then the tab.
func (t *staffTenantScreen) drawTenant() {
	s, f := t.s, t.file
	l := f.Tenancy.Lease
	rep, phone := f.Representative, f.Phone
	switch {
	case f.Purged:
		rep, phone = T("tenant.purged"), ""
	case t.revealed != nil:
		rep, phone = t.revealed[0], t.revealed[1]
	}
	company := widget.NewLabel(l.Tenant)
	company.SizeName = theme.SizeNameSubHeadingText
	company.Truncation = fyne.TextTruncateEllipsis
	head := container.NewBorder(nil, nil, nil, t.stateLine(), company)

	repValue := widget.NewLabel(joinDots(rep, phone))
	repValue.Truncation = fyne.TextTruncateEllipsis
	var repRow fyne.CanvasObject = repValue
	if t.revealed == nil && !f.Purged && s.member != nil && s.member.Can(staff.PermReveal) {
		repRow = container.NewBorder(nil, nil, nil, s.button(T("tenant.reveal"), theme.VisibilityIcon(), t.reveal), repValue)
	}
	who := s.valueLines([][2]string{{T("movein.brn"), orDash(tenants.FormatBRN(l.BRN))}})
	who.Objects = append(who.Objects, formRow(T("movein.rep"), repRow)...)
	who.Objects = append(who.Objects, s.valueLines([][2]string{{T("tenant.period"), periodText(l.Start, l.End) + termsNote(l)}}).Objects...)

	money := [][2]string{
		{T("tenant.monthly"), formatWon(l.MonthlyRent + l.ManagementFee)},
		{T("tenant.deposit"), formatWon(f.DepositHeld)},
		{T("tenant.open"), formatWon(f.Open)},
		{T("tenant.interest"), formatWon(f.LateInterest)},
	}
	if c := f.Tenancy.Account.Credit; c > 0 {
		money = append(money, [2]string{T("tenant.credit"), formatWon(c)})
	}
	t.summary.Objects = []fyne.CanvasObject{container.NewVBox(head, container.NewGridWithColumns(2,
		NewPanel(who, colSurface), NewPanel(s.valueLines(money), colSurface)))}
	t.summary.Refresh()
	t.drawActions()
	t.drawTab()
}

// stateLine is the tenancy's state in words, each beside its icon: the
// units board's flags (in arrears and ending soon at once, if so), or its
// status.
func (t *staffTenantScreen) stateLine() fyne.CanvasObject {
	f := t.file
	icon := func(r fyne.Resource) fyne.CanvasObject {
		return container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(theme.IconInlineSize()), widget.NewIcon(r)))
	}
	line := container.NewHBox()
	if f.Arrears {
		line.Add(icon(theme.WarningIcon()))
		line.Add(widget.NewLabel(T("tenant.status.arrears")))
	}
	if f.Expiring {
		line.Add(icon(theme.HistoryIcon()))
		line.Add(widget.NewLabel(T("unit.state.expiring", dayParts(f.Tenancy.Lease.LastDay()))))
	}
	if len(line.Objects) == 0 {
		line.Add(icon(theme.AccountIcon()))
		line.Add(widget.NewLabel(statusText(f.Tenancy.Status)))
	}
	return line
}

// drawActions is the tabs and the flows, or the extension question.
func (t *staffTenantScreen) drawActions() {
	s, f := t.s, t.file
	if t.asking {
		t.actions.Objects = []fyne.CanvasObject{t.extensionQuestion()}
		t.actions.Refresh()
		return
	}
	tabs := container.NewHBox()
	for i, key := range []string{"tenant.tab.invoices", "tenant.tab.payments", "tenant.tab.history"} {
		b := s.button(T(key), nil, func() { t.tab, t.page = i, 0; t.drawActions(); t.drawTab() })
		if i == t.tab {
			b.Importance = widget.HighImportance
		}
		tabs.Add(b)
	}
	// Each flow is offered to whom its screen (the extension: the rules it
	// asks) is open.
	acts := container.NewHBox()
	l, day := f.Tenancy.Lease, seoul.Midnight(s.svc.Now())
	ref := tenantRef{Unit: t.unit, Lease: l.ID, Company: l.Tenant, Open: f.Open}
	if (l.ActiveOn(day) || ref.Open > 0) && s.mayShow(ScreenRentPay) {
		pay := s.button(T("tenant.pay"), theme.DocumentCreateIcon(), func() { s.openPay(ref) })
		pay.Importance = widget.HighImportance
		acts.Add(pay)
	}
	if l.MovedOut.IsZero() && !l.Ended(day) {
		if s.member.Can(staff.PermTenancy) {
			acts.Add(s.button(T("tenant.extend"), theme.HistoryIcon(), t.askExtension))
		}
		if s.mayShow(ScreenMoveOut) {
			acts.Add(s.button(T("tenant.moveout"), theme.LogoutIcon(), func() { s.openMoveOut(ref) }))
		}
	}
	t.actions.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, tabs, acts)}
	t.actions.Refresh()
}

// askExtension asks the rules what an extension would make of the lease,
// and shows it (or their refusal) before anything is stored.
func (t *staffTenantScreen) askExtension() {
	s := t.s
	actor, id := s.member.Actor(), t.lease
	var l tenants.Lease
	var err error
	s.background(func() { l, err = s.svc.Tenants.QuoteExtend(actor, id) }, func() {
		t.asking, t.extLease, t.extErr = true, l, err
		t.say(false, "")
		t.drawActions()
	})
}

// extensionQuestion is the extension as the rules would make it, with a
// confirm; or their refusal and why.
func (t *staffTenantScreen) extensionQuestion() fyne.CanvasObject {
	s := t.s
	keep := s.button(T("tenant.extend.keep"), theme.NavigateBackIcon(), func() { t.asking = false; t.drawActions() })
	if t.extErr != nil {
		msg := wrapLabel(s.errorText(t.extErr))
		msg.Importance = widget.DangerImportance
		return NewPanel(container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), keep, msg), colBusyBg)
	}
	l := t.extLease
	last := l.Terms[len(l.Terms)-1]
	msg := wrapLabel(T("tenant.extend.quote", map[string]any{"From": dayText(last.Start), "To": dayText(last.End),
		"Rent": formatWon(last.MonthlyRent), "Fee": formatWon(last.ManagementFee)}))
	yes := s.button(T("tenant.extend.yes"), theme.ConfirmIcon(), t.extend)
	yes.Importance = widget.HighImportance
	return NewPanel(container.NewBorder(nil, nil, nil, container.NewHBox(keep, yes), msg), colPrimaryDim)
}

// extend stores the extension.
func (t *staffTenantScreen) extend() {
	s := t.s
	actor, id := s.member.Actor(), t.lease
	var l tenants.Lease
	var err error
	s.background(func() { l, err = s.svc.Tenants.Extend(actor, id) }, func() {
		t.asking = false
		t.sayErr(err, T("tenant.extended", map[string]any{"To": dayText(l.End)}))
		t.load()
	})
}

// reveal shows the representative's name and phone; the store audits who
// looked.
func (t *staffTenantScreen) reveal() {
	s := t.s
	actor, id := s.member.Actor(), t.lease
	var name, phone string
	var err error
	s.background(func() { name, phone, err = s.svc.Tenants.RevealRepresentative(actor, id) }, func() {
		if err != nil {
			t.say(false, s.errorText(err))
			return
		}
		t.revealed = &[2]string{name, phone}
		t.drawTenant()
	})
}

// drawTab lists the tab on show.
func (t *staffTenantScreen) drawTab() {
	f := t.file
	switch t.tab {
	case tabPayments:
		var rows [][]string
		for _, al := range f.Payments {
			p := al.Payment
			var what []string
			for _, ap := range al.Applied {
				what = append(what, invoiceLabel(ap.Month))
			}
			if al.Credit > 0 {
				what = append(what, T("tenant.credit"))
			}
			rows = append(rows, []string{dayText(p.Date), T("pay." + p.Method), formatWon(p.Amount), orDash(joinDots(what...)), p.ID})
		}
		t.setList(rows, []string{T("tenant.pay.day"), T("pay.method"), T("pay.amount.short"), T("tenant.pay.for"), T("tenant.pay.no")},
			[]bool{false, false, true, false, false})
	case tabHistory:
		l := f.Tenancy.Lease
		rows := [][]string{{l.Tenant, periodText(l.Start, l.LastDay()), statusText(f.Tenancy.Status)}}
		for _, p := range f.History {
			rows = append(rows, []string{p.Tenant, periodText(p.Start, p.LastDay), exitText(p.Exit)})
		}
		t.setList(rows, []string{T("tenant.company"), T("tenant.period"), T("tenant.state")}, []bool{false, false, false})
	default:
		// The latest first: what is open now is on the first page.
		invs := f.Tenancy.Account.Invoices
		rows := make([][]string, 0, len(invs))
		for i := len(invs) - 1; i >= 0; i-- {
			inv := invs[i]
			rows = append(rows, []string{invoiceLabel(inv.Month), dayText(inv.Due), formatWon(inv.Principal()),
				formatWon(inv.Interest), formatWon(inv.Paid()), formatWon(inv.Open())})
		}
		// Charged and late interest to date = paid + unpaid.
		t.setList(rows, []string{T("receipt.invoice"), T("tenant.inv.due"), T("tenant.inv.charge"), T("receipt.interest"),
			T("tenant.inv.paid"), T("settle.charge")}, []bool{false, false, true, true, true, true})
	}
}

// historyRows are a vacant unit's leases as rows, the latest first:
// company, period, state.
func historyRows(ts []tenants.Tenancy) [][]string {
	rows := make([][]string, 0, len(ts))
	for i := len(ts) - 1; i >= 0; i-- {
		x := ts[i]
		rows = append(rows, []string{x.Lease.Tenant, periodText(x.Lease.Start, x.Lease.LastDay()), statusText(x.Status)})
	}
	return rows
}

// setList shows rows under header, the amounts (the columns money marks)
// trailing, paged to the room left.
func (t *staffTenantScreen) setList(rows [][]string, header []string, money []bool) {
	s := t.s
	lines := make([]fyne.CanvasObject, 0, len(rows))
	for _, r := range rows {
		lines = append(lines, tableRow(r, money, false))
	}
	head := tableRow(header, money, true)
	// The bars above, the header, the pager, and the padding between them.
	taken := t.summary.MinSize().Height + t.actions.MinSize().Height + head.MinSize().Height + MinTarget + 8 + 7*theme.Padding()
	per := 4
	if len(lines) > 0 {
		per = max(1, int((t.bodyHeight(taken)+theme.Padding())/(lines[0].MinSize().Height+theme.Padding())))
	}
	// Rows at their height from the top, not spread over the room.
	t.list.Objects = []fyne.CanvasObject{container.NewVBox(head, widget.NewSeparator(),
		s.pagedGridAt(lines, 1, per, T("tenant.none"), &t.page))}
	t.list.Refresh()
}

// termsNote says how often a lease was extended.
func termsNote(l tenants.Lease) string {
	if n := len(l.Terms) - 1; n > 0 {
		return " · " + T("tenant.extensions", map[string]any{"N": n})
	}
	return ""
}

// statusText is a tenancy status in words.
func statusText(st tenants.Status) string {
	switch st {
	case tenants.StatusActive:
		return T("tenant.status.active")
	case tenants.StatusExpiring:
		return T("tenant.status.expiring")
	case tenants.StatusArrears:
		return T("tenant.status.arrears")
	case tenants.StatusMovedOut:
		return T("tenant.status.moved_out")
	case tenants.StatusGraduated:
		return T("tenant.status.graduated")
	}
	return fmt.Sprint(st)
}

// exitText says how an earlier lease ended.
func exitText(e tenants.Exit) string {
	switch e {
	case tenants.ExitEarly:
		return T("tenant.exit.early")
	case tenants.ExitGraduated:
		return T("tenant.status.graduated")
	case tenants.ExitExpired:
		return T("tenant.exit.expired")
	}
	return T("tenant.status.active")
}

// joinDots joins the parts that are not empty with " · ".
func joinDots(parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, " · ")
}
