package ui

import (
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/personal"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// Field ids of the move-in form's text, kept across its steps and redraws
// (and forgotten when the session locks).
const (
	fieldMoveInCompany = "movein.company"
	fieldMoveInRep     = "movein.rep"
)

// Move-in steps.
const (
	moveInText    = iota // company and representative, on the keyboard
	moveInNumbers        // registration number, phone, dates, money, on the number pad
	moveInCheck          // the lease as the rules would store it, or their refusal
)

// moveInDraft is what was typed on the number pad, as digits.
type moveInDraft struct {
	brn, phone, birth, start, rent, fee, deposit string
}

// staffMoveInScreen records a company moving into a vacant unit: its name
// and representative on the Hangul keyboard; its registration number,
// phone, the founder's birth date (a youth desk), the start and the money
// on the number pad, the money filled in from the unit's terms; then the
// lease as the tenancy rules would store it, or their refusal, and only
// the confirm tap stores it.
type staffMoveInScreen struct {
	staffPage
	unit  tenants.Unit
	step  int
	draft moveInDraft
	// checked is the lease the rules made of the draft at the check step,
	// or their refusal.
	checked answer[tenants.Lease]
}

func newStaffMoveInScreen(s *Shell) screen { return &staffMoveInScreen{staffPage: staffPage{s: s}} }

// openMoveIn starts a move-in into u.
func (s *Shell) openMoveIn(u tenants.Unit) {
	m := s.screenFor(ScreenMoveIn).(*staffMoveInScreen)
	m.unit, m.step, m.checked = u, moveInText, answer[tenants.Lease]{}
	m.draft = moveInDraft{start: ymd(s.svc.Now()),
		rent: moneyDigits(u.MonthlyRent), fee: moneyDigits(u.ManagementFee), deposit: moneyDigits(u.Deposit)}
	delete(s.fields, fieldMoveInCompany)
	delete(s.fields, fieldMoveInRep)
	s.show(ScreenMoveIn)
}

func (m *staffMoveInScreen) build() fyne.CanvasObject {
	m.back, m.backText = func() { m.s.openTenant(m.unit.ID, "", "") }, T("unit.back.tenant")
	frame := m.frame("")
	if m.unit.ID == "" { // not opened from a unit
		m.setBody(m.s.pickUnitFirst())
		return frame
	}
	m.render()
	return frame
}

// render draws the step on show.
func (m *staffMoveInScreen) render() {
	names := []string{T("movein.step.text"), T("movein.step.numbers"), T("movein.step.check")}
	m.setTitle(T("movein.title", map[string]any{"Unit": m.s.unitName(m.unit), "Step": m.step + 1, "Of": len(names), "Name": names[m.step]}))
	switch m.step {
	case moveInText:
		m.say(false, "")
		m.setBody(m.textStep())
	case moveInNumbers:
		m.say(true, "") // the check's answer belongs to the check
		m.setBody(m.numbersStep())
	default:
		m.setBody(m.checkStep())
	}
}

func (m *staffMoveInScreen) goStep(step int) {
	m.step = step
	m.render()
}

// textStep asks for the company's name and its representative's on the
// keyboard (Hangul composed on it).
func (m *staffMoveInScreen) textStep() fyne.CanvasObject {
	s := m.s
	kb := s.keyboard()
	company := s.entry(fieldMoveInCompany, FieldText, T("movein.company.hint"), kb)
	rep := s.entry(fieldMoveInRep, FieldText, T("movein.rep.hint"), kb)
	label := func(key string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(T(key), fyne.TextAlignLeading, fyne.TextStyle{})
	}
	form := container.NewGridWithColumns(2,
		container.NewBorder(nil, nil, label("movein.company"), nil, company),
		container.NewBorder(nil, nil, label("movein.rep"), nil, rep))
	next := s.button(T("nav.next"), theme.NavigateNextIcon(), func() {
		kb.Commit()
		m.goStep(moveInNumbers)
	})
	kb.OnDone = func() {
		if kb.target == company {
			s.win.Canvas().Focus(rep)
			return
		}
		next.OnTapped()
	}
	s.focus(company)
	kb.Attach(company)
	return container.NewBorder(container.NewVBox(form, s.navRow(nil, next)), kb.Object, nil, nil, layout.NewSpacer())
}

// numbersStep asks for everything that is digits on the number pad.
func (m *staffMoveInScreen) numbersStep() fyne.CanvasObject {
	s, d := m.s, &m.draft
	form := s.newNumForm()
	bind := func(nf *numField, p *string) {
		nf.onEdit = func() { *p = nf.digits }
	}
	brn := form.field(numBRN, T("movein.brn"), d.brn)
	bind(brn, &d.brn)
	phone := form.field(numPhone, T("movein.phone"), d.phone)
	bind(phone, &d.phone)
	fields := container.NewVBox(container.NewGridWithColumns(2, brn.card, phone.card))
	if m.unit.Kind == tenants.KindYouth {
		b := form.field(numDate, T("movein.birth"), d.birth)
		bind(b, &d.birth)
		fields.Add(container.NewGridWithColumns(2, b.card, layout.NewSpacer()))
	}
	start, startRow := form.dateField(T("movein.start"), d.start)
	bind(start, &d.start)
	fields.Add(startRow)
	money := container.NewGridWithColumns(3)
	for _, f := range []struct {
		key string
		p   *string
	}{{"movein.rent", &d.rent}, {"movein.fee", &d.fee}, {"movein.deposit", &d.deposit}} {
		nf := form.field(numMoney, T(f.key), *f.p)
		bind(nf, f.p)
		money.Add(nf.card)
	}
	note := wrapLabel(T("movein.money.note", map[string]any{"Unit": s.unitName(m.unit)}))
	note.Importance = widget.LowImportance
	fields.Add(money)
	fields.Add(note)
	next := s.button(T("movein.check"), theme.NavigateNextIcon(), m.check)
	nav := s.navRow(func() { m.goStep(moveInText) }, next)
	return container.NewBorder(nil, nav, nil, container.NewVBox(form.pad()), fields)
}

// moveIn is the draft as the tenancy rules take it.
func (m *staffMoveInScreen) moveIn() (tenants.MoveIn, error) {
	d := m.draft
	start, ok := parseYMD(d.start)
	if !ok {
		return tenants.MoveIn{}, errBadDate(T("movein.start"))
	}
	in := tenants.MoveIn{Unit: m.unit.ID, Company: strings.TrimSpace(m.s.fields[fieldMoveInCompany]),
		Representative: strings.TrimSpace(m.s.fields[fieldMoveInRep]), BRN: d.brn, Phone: d.phone, Start: start,
		MonthlyRent: parseMoney(d.rent), ManagementFee: parseMoney(d.fee), Deposit: parseMoney(d.deposit)}
	if m.unit.Kind == tenants.KindYouth && d.birth != "" {
		if in.BirthDate, ok = parseYMD(d.birth); !ok {
			return tenants.MoveIn{}, errBadDate(T("movein.birth"))
		}
	}
	return in, nil
}

// check asks the tenancy rules what the move-in would store.
func (m *staffMoveInScreen) check() {
	s := m.s
	in, err := m.moveIn()
	if err != nil {
		m.say(false, err.Error())
		return
	}
	actor := s.member.Actor()
	var l tenants.Lease
	s.background(func() { l, err = s.svc.Tenants.CheckMoveIn(actor, in) }, func() {
		m.checked.set(l, err)
		m.goStep(moveInCheck)
	})
}

// checkStep shows the lease the rules made of the draft and asks to store
// it; or their refusal, and the way back to put it right.
func (m *staffMoveInScreen) checkStep() fyne.CanvasObject {
	s := m.s
	back := func() { m.goStep(moveInNumbers) }
	if no := refusedCheck(&m.staffPage, m.checked, back); no != nil {
		return no
	}
	l := *m.checked.got
	m.say(true, T("movein.checked"))
	// The name as it will be stored, whole: it is the one thing checked by
	// eye.
	company := wrapLabel(l.Tenant)
	company.SizeName = theme.SizeNameSubHeadingText
	who := [][2]string{
		{T("movein.brn"), orDash(tenants.FormatBRN(l.BRN))},
		{T("movein.rep"), tenants.MaskName(l.Representative)},
		{T("movein.phone"), orDash(personal.MaskPhone(l.Phone))},
	}
	if !l.BirthDate.IsZero() {
		who = append(who, [2]string{T("movein.birth"), T("movein.age", map[string]any{"Age": tenants.Age(l.BirthDate, l.Start)})})
	}
	terms := [][2]string{
		{T("tenant.period"), periodText(l.Start, l.End)},
		{T("movein.rent"), formatWon(l.MonthlyRent)},
		{T("movein.fee"), formatWon(l.ManagementFee)},
		{T("movein.deposit"), formatWon(l.Deposit)},
	}
	if l.DueDay > 0 {
		terms = append(terms, [2]string{T("movein.due"), T("movein.due.day", map[string]any{"Day": l.DueDay})})
	}
	note := wrapLabel(T("movein.consent"))
	note.Importance = widget.LowImportance
	save := s.button(T("movein.save"), theme.ConfirmIcon(), m.save)
	return container.NewBorder(company, container.NewVBox(note, s.navRow(back, save)), nil, nil,
		container.NewGridWithColumns(2, NewPanel(s.valueLines(who), colSurface), NewPanel(s.valueLines(terms), colSurface)))
}

// save stores the move-in and opens the new tenant.
func (m *staffMoveInScreen) save() {
	s := m.s
	in, err := m.moveIn()
	if err != nil {
		m.say(false, err.Error())
		return
	}
	actor := s.member.Actor()
	var l tenants.Lease
	s.background(func() { l, err = s.svc.Tenants.MoveIn(actor, in) }, func() {
		if err != nil {
			m.checked.set(l, err)
			m.render()
			return
		}
		s.openTenant(l.Unit, l.ID, T("movein.done", map[string]any{"Company": l.Tenant}))
	})
}

// moneyDigits is an amount as a money field's digits.
func moneyDigits(n int64) string { return strconv.FormatInt(n, 10) }

// valueLines lays label/value pairs out as a two-column form.
func (s *Shell) valueLines(lines [][2]string) *fyne.Container {
	objs := make([]fyne.CanvasObject, 0, 2*len(lines))
	for _, l := range lines {
		v := widget.NewLabel(l[1])
		v.Truncation = fyne.TextTruncateEllipsis
		objs = append(objs, formRow(l[0], v)...)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// formRow is a form's label and value.
func formRow(label string, value fyne.CanvasObject) []fyne.CanvasObject {
	k := widget.NewLabel(label)
	k.Importance = widget.LowImportance
	return []fyne.CanvasObject{k, value}
}

// periodText is "2026-11-27 ~ 2027-11-26".
func periodText(from, to time.Time) string {
	return from.In(seoul.Location).Format("2006-01-02") + " ~ " + to.In(seoul.Location).Format("2006-01-02")
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// errBadDate is the screen's own sentence for eight digits that make no
// date (the rules never see them).
type errBadDate string

func (e errBadDate) Error() string { return T("num.date.bad", map[string]any{"Field": string(e)}) }
