package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// brnFrom completes nine digits into a 사업자등록번호 with the check digit
// NormalizeBRN accepts.
func brnFrom(t *testing.T, nine string) string {
	t.Helper()
	for d := '0'; d <= '9'; d++ {
		if got, err := tenants.NormalizeBRN(nine + string(d)); err == nil {
			return got
		}
	}
	t.Fatalf("no check digit makes %s valid", nine)
	return ""
}

// entries lists the text fields on screen, in layout order.
func (f *fixture) entries() []*KioskEntry {
	var out []*KioskEntry
	walk(f.shell.Window().Content(), func(o fyne.CanvasObject) {
		if e, ok := o.(*KioskEntry); ok {
			out = append(out, e)
		}
	})
	return out
}

// valueOf is the text drawn right after label (a form's value), or "".
func (f *fixture) valueOf(label string) string {
	texts := f.texts()
	for i, s := range texts {
		if s == label && i+1 < len(texts) {
			return texts[i+1]
		}
	}
	return ""
}

// hasButton reports whether a button labelled label is on screen.
func (f *fixture) hasButton(label string) bool {
	found := false
	walk(f.shell.Window().Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*TouchButton); ok && b.Text == label {
			found = true
		}
	})
	return found
}

// hasWrapped reports whether s is on screen, perhaps wrapped over lines.
func (f *fixture) hasWrapped(s string) bool {
	return strings.Contains(strings.Join(f.texts(), " "), s)
}

// lastAudit is the newest audit entry.
func (f *fixture) lastAudit() (actor, action string) {
	f.t.Helper()
	log, err := f.c.DB.AuditLog(0, 0)
	if err != nil || len(log) == 0 {
		f.t.Fatalf("audit log: %v", err)
	}
	e := log[len(log)-1]
	return string(e.Actor), e.Action
}

// countAudit counts the audit entries of an action.
func (f *fixture) countAudit(action string) int {
	log, _ := f.c.DB.AuditLog(0, 0)
	n := 0
	for _, e := range log {
		if e.Action == action {
			n++
		}
	}
	return n
}

// moveIn stores a lease as the manager (signed in first with claim).
func (f *fixture) moveIn(unit, company string, start time.Time, deposit int64) tenants.Lease {
	f.t.Helper()
	l, err := f.c.Tenants.MoveIn(staffMember.Actor(), tenants.MoveIn{Unit: unit, Company: company,
		BRN: brnFrom(f.t, "123456789"), Representative: "홍길동",
		Phone: "010-2345-6789", Start: start, MonthlyRent: 170000, ManagementFee: 50000, Deposit: deposit})
	if err != nil {
		f.t.Fatalf("move %s into %s: %v", company, unit, err)
	}
	return l
}

func day(y int, m time.Month, d int) time.Time { return seoul.Date(y, m, d, 0, 0) }

// TestMoveInWithTapsOnly walks a move-in from the board with taps alone:
// the company and representative on the Hangul keyboard, the numbers on the
// pad, the terms from the unit's defaults; the rules' answer is shown, and
// only the confirm tap stores the lease, as typed.
func TestMoveInWithTapsOnly(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.claim("482915")
	f.tapText(T("staff.units"))
	f.tapText("보육실 3")
	if f.shell.Screen() != ScreenTenant || !f.hasText(T("unit.state.vacant")) {
		t.Fatalf("a vacant unit opened %s: %q", f.shell.Screen(), f.texts())
	}
	f.tapText(T("tenant.movein"))
	f.typeKeys("ㅁㅣㄹㅐㄹㅐㅂ")
	test.Tap(f.entries()[1])
	f.typeKeys("ㄱㅣㅁㄷㅐㅍㅛ")
	f.shot("movein-text")
	f.tapText(T("nav.next"))
	brn := brnFrom(t, "220816251")
	f.typeDigits(brn) // the registration number's field is chosen first
	f.tapText(T("movein.phone"))
	f.typeDigits("01098765432")
	f.shot("movein-numbers")
	if n, _ := f.c.Tenants.Directory(at(8, 0)); n[2].Tenant != "" {
		t.Fatal("something was stored before the check")
	}
	f.tapText(T("movein.check"))
	f.shot("movein-check")
	if !f.hasText(T("movein.checked")) || !f.hasText("미래랩") ||
		f.valueOf(T("movein.brn")) != tenants.FormatBRN(brn) || f.valueOf(T("movein.rep")) != "김**" ||
		f.valueOf(T("movein.deposit")) != formatWon(1000000) {
		t.Fatalf("check step: %q", f.texts())
	}
	if f.countAudit("lease.movein") != 0 {
		t.Fatal("the check stored the move-in")
	}
	f.tapText(T("movein.save"))
	if f.shell.Screen() != ScreenTenant || !f.hasText(T("movein.done", map[string]any{"Company": "미래랩"})) {
		t.Fatalf("after saving: %s %q", f.shell.Screen(), f.texts())
	}
	ts, err := f.c.Tenants.Tenancies(at(8, 0))
	if err != nil || len(ts) != 1 {
		t.Fatalf("tenancies %v, %v", ts, err)
	}
	l := ts[0].Lease
	want := tenants.Lease{Unit: "I03", Tenant: "미래랩", BRN: brn, Representative: "김대표", Phone: "010-9876-5432",
		Start: day(2026, 11, 27), End: day(2027, 11, 26), MonthlyRent: 170000, ManagementFee: 50000, Deposit: 1000000}
	if l.Unit != want.Unit || l.Tenant != want.Tenant || l.BRN != want.BRN || l.Representative != want.Representative ||
		l.Phone != want.Phone || !l.Start.Equal(want.Start) || !l.End.Equal(want.End) || l.MonthlyRent != want.MonthlyRent ||
		l.ManagementFee != want.ManagementFee || l.Deposit != want.Deposit {
		t.Fatalf("stored %+v\nwant %+v", l, want)
	}
	if actor, action := f.lastAudit(); actor != "staff:manager" || action != "lease.movein" {
		t.Fatalf("audit %s %s", actor, action)
	}
}

// TestYouthDeskRefusedBeforeSaving: a founder over 40 on the start date is
// refused at the check, with the rules' reason, and nothing is stored; with
// the birth date put right the same flow moves in.
func TestYouthDeskRefusedBeforeSaving(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.claim("482915")
	f.tapText(T("staff.units"))
	f.tapText("청년 1")
	f.tapText(T("tenant.movein"))
	f.typeKeys("ㄴㅏㄹㅐ")
	test.Tap(f.entries()[1])
	f.typeKeys("ㅇㅣㅎㅏㄴㅏ")
	f.tapText(T("nav.next"))
	f.tapText(T("movein.phone"))
	f.typeDigits("01055554444")
	f.tapText(T("movein.birth"))
	f.typeDigits("19800101")
	f.tapText(T("movein.check"))
	reason := refusal(errs.New(tenants.CodeYouthAge, "2026-11-27", 46, 40))
	if !f.hasText(reason) || f.hasButton(T("movein.save")) {
		t.Fatalf("over-40 founder: want %q and no save; texts %q", reason, f.texts())
	}
	f.shot("movein-youth-refused")
	if ts, _ := f.c.Tenants.Tenancies(at(8, 0)); len(ts) != 0 || f.countAudit("lease.movein") != 0 {
		t.Fatalf("a refused move-in was stored: %+v", ts)
	}
	f.tapText(T("nav.back"))
	f.tapText(T("movein.birth"))
	f.typeDigits("19900101")
	f.tapText(T("movein.check"))
	if !f.hasText(T("movein.age", map[string]any{"Age": 36})) {
		t.Fatalf("age not shown: %q", f.texts())
	}
	f.tapText(T("movein.save"))
	ts, _ := f.c.Tenants.Tenancies(at(8, 0))
	if len(ts) != 1 || ts[0].Lease.Unit != "Y01" || !ts[0].Lease.BirthDate.Equal(day(1990, 1, 1)) || ts[0].Lease.BRN != "" {
		t.Fatalf("stored %+v", ts)
	}
}

// TestExtensionRefusedPastMaximumTenure: the extension is the rules' answer
// first; past the maximum tenure it is refused with the reason and the
// lease is unchanged; within it, the new term is shown and stored only on
// the confirm tap.
func TestExtensionRefusedPastMaximumTenure(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.claim("482915")
	f.clock.t = seoul.Date(2025, 11, 1, 9, 0)
	long := f.moveIn("I05", "오래된회사", day(2024, 12, 1), 1000000)
	if _, err := f.c.Tenants.Extend(staffMember.Actor(), long.ID); err != nil {
		t.Fatal(err)
	}
	f.clock.t = at(8, 0)
	if _, err := f.c.Tenants.Extend(staffMember.Actor(), long.ID); err != nil {
		t.Fatal(err)
	}
	young := f.moveIn("I06", "새회사", day(2026, 6, 1), 1000000)
	extends := f.countAudit("lease.extend")

	f.tapText(T("staff.units"))
	f.tapText("보육실 5")
	f.tapText(T("tenant.extend"))
	reason := refusal(errs.New(tenants.CodeMaxTenure, 36, "2024-12-01", "2027-11-30"))
	if !f.hasWrapped(reason) || f.hasButton(T("tenant.extend.yes")) {
		t.Fatalf("want %q and no confirm; texts %q", reason, f.texts())
	}
	f.shot("tenant-extend-refused")
	if got, _ := f.c.Tenants.Lease(long.ID); !got.End.Equal(day(2027, 11, 30)) || f.countAudit("lease.extend") != extends {
		t.Fatalf("a refused extension changed the lease: %v", got.End)
	}

	f.tapText(T("unit.board"))
	f.tapText("보육실 6")
	f.tapText(T("tenant.extend"))
	quote := T("tenant.extend.quote", map[string]any{"From": "2027-06-01", "To": "2028-05-31",
		"Rent": formatWon(170000), "Fee": formatWon(50000)})
	if !f.hasWrapped(quote) {
		t.Fatalf("want %q; texts %q", quote, f.texts())
	}
	if got, _ := f.c.Tenants.Lease(young.ID); !got.End.Equal(day(2027, 5, 31)) {
		t.Fatal("the question extended the lease")
	}
	f.tapText(T("tenant.extend.yes"))
	if got, _ := f.c.Tenants.Lease(young.ID); !got.End.Equal(day(2028, 5, 31)) || len(got.Terms) != 2 {
		t.Fatalf("after confirming: %v %d terms", got.End, len(got.Terms))
	}
	if !f.hasText(T("tenant.extended", map[string]any{"To": "2028-05-31"})) {
		t.Fatalf("no answer: %q", f.texts())
	}
}

// TestMoveOutSettlementLineByLine: the settlement shown before the
// move-out is stored is the one the store records: the deposit applied, the
// restoration, the refund; and the lines after saving are the same.
func TestMoveOutSettlementLineByLine(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.claim("482915")
	l := f.moveIn("I07", "떠나는회사", day(2026, 9, 1), 1000000)
	f.tapText(T("staff.units"))
	f.tapText("보육실 7")
	f.tapText(T("tenant.moveout"))
	f.tapText(T("moveout.restoration"))
	f.typeDigits("100")
	f.tapText("000")
	f.tapText(T("moveout.check"))
	f.shot("moveout-check")
	labels := []string{}
	for _, line := range settlementLines(tenants.Settlement{}) {
		labels = append(labels, line[0])
	}
	shown := map[string]string{}
	for _, k := range labels {
		if k == T("settle.open", map[string]any{"N": 0}) {
			continue
		}
		shown[k] = f.valueOf(k)
	}
	if f.countAudit("lease.moveout") != 0 {
		t.Fatal("the settlement was stored before the confirm")
	}
	f.tapText(T("moveout.save"))
	if !f.hasText(T("moveout.done", map[string]any{"Company": "떠나는회사"})) {
		t.Fatalf("after saving: %q", f.texts())
	}
	for k, v := range shown {
		if got := f.valueOf(k); got != v {
			t.Errorf("%s: %s before saving, %s after", k, v, got)
		}
	}
	// What the store holds.
	got, _ := f.c.Tenants.Lease(l.ID)
	pays, _ := f.c.Tenants.Payments(day(2026, 9, 1), day(2026, 11, 27))
	var applied, credit int64
	for _, p := range pays {
		switch p.Method {
		case tenants.MethodDeposit:
			applied += p.Amount
		case tenants.MethodRefund:
			credit -= p.Amount
		}
	}
	after, _ := f.c.Tenants.Tenancy(l.ID, day(2026, 11, 27))
	var interest, charges int64
	for _, al := range after.Account.Allocations {
		if al.Payment.Method == tenants.MethodDeposit {
			for _, ap := range al.Applied {
				interest += ap.Interest
				charges += ap.Rent + ap.Fee
			}
		}
	}
	want := map[string]int64{
		T("settle.deposit"): 1000000, T("settle.restoration"): 100000, T("settle.interest"): interest,
		T("settle.applied"): applied, T("settle.credit"): credit, T("settle.refund"): 1000000 - applied + credit,
		T("settle.shortfall"): after.Account.Open(),
	}
	if !got.MovedOut.Equal(day(2026, 11, 27)) || got.Restoration != 100000 || applied == 0 || interest == 0 {
		t.Fatalf("stored lease %+v, applied %d, interest %d", got, applied, interest)
	}
	for k, v := range want {
		if shown[k] != formatWon(v) {
			t.Errorf("%s shown %q, stored %s", k, shown[k], formatWon(v))
		}
	}
	open := T("settle.open", map[string]any{"N": 3})
	if f.valueOf(open) != formatWon(charges) {
		t.Errorf("%s shown %q, stored %s", open, f.valueOf(open), formatWon(charges))
	}
}

// TestPartialPaymentReceipt: a payment less than what is owed pays the
// oldest invoice first; the receipt shows, invoice by invoice, what the
// store applied, and the preview before it showed the same.
func TestPartialPaymentReceipt(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.claim("482915")
	l := f.moveIn("I08", "갚는회사", day(2026, 9, 1), 1000000)
	f.tapText(T("staff.units"))
	f.tapText("보육실 8")
	f.tapText(T("tenant.pay"))
	f.typeDigits("250") // the amount owed is filled in; typing replaces it
	f.tapText("000")
	f.tapText(T("pay.card"))
	f.tapText(T("pay.check"))
	// Back to the form and on again: the check's answer leaves with the
	// check (it pushed the number pad down under the finger).
	f.tapText(T("nav.back"))
	if f.hasText(T("pay.checked")) {
		t.Fatalf("the form still says the check's answer: %q", f.texts())
	}
	f.tapText(T("pay.check"))
	preview := f.receiptRows()
	f.shot("pay-check")
	if pays, _ := f.c.Tenants.Payments(day(2026, 9, 1), day(2026, 11, 27)); len(pays) != 0 {
		t.Fatal("the preview stored a payment")
	}
	f.tapText(T("pay.save"))
	f.shot("pay-receipt")
	tn, _ := f.c.Tenants.Tenancy(l.ID, day(2026, 11, 27))
	als := tn.Account.Allocations
	if len(als) != 1 || als[0].Payment.Amount != 250000 || als[0].Payment.Method != "card" {
		t.Fatalf("stored %+v", als)
	}
	var want []string
	for _, ap := range als[0].Applied {
		want = append(want, strings.Join([]string{invoiceLabel(ap.Month), formatWon(ap.Interest), formatWon(ap.Rent),
			formatWon(ap.Fee), formatWon(ap.Restoration), formatWon(ap.Amount())}, "|"))
	}
	got := f.receiptRows()
	if len(want) < 2 || strings.Join(got, "\n") != strings.Join(want, "\n") || strings.Join(preview, "\n") != strings.Join(want, "\n") {
		t.Fatalf("receipt rows\n%s\npreview\n%s\nstore\n%s", strings.Join(got, "\n"), strings.Join(preview, "\n"), strings.Join(want, "\n"))
	}
	if !f.hasText(T("receipt.no", map[string]any{"ID": als[0].Payment.ID})) ||
		!f.hasText(T("receipt.credit", map[string]any{"Credit": formatWon(als[0].Credit)})) {
		t.Fatalf("receipt: %q", f.texts())
	}
}

// receiptRows are the rows of the receipt table on show, cells joined by |.
func (f *fixture) receiptRows() []string {
	texts := f.texts()
	var rows []string
	for i := 0; i+5 < len(texts); i++ {
		if strings.HasSuffix(texts[i], "월") || texts[i] == T("invoice.restoration") {
			if strings.HasSuffix(texts[i+5], "원") && strings.HasSuffix(texts[i+1], "원") {
				rows = append(rows, strings.Join(texts[i:i+6], "|"))
				i += 5
			}
		}
	}
	return rows
}

// TestBoardFiltersByState: each filter shows the units in that state, told
// in words, and its count.
func TestBoardFiltersByState(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.claim("482915")
	f.moveIn("I01", "평범한회사", day(2026, 11, 27), 0)
	if _, err := f.c.Tenants.MoveIn(staffMember.Actor(), tenants.MoveIn{Unit: "I02", Company: "끝나는회사",
		BRN: brnFrom(t, "123450001"), Representative: "홍길동", Phone: "010-2345-6789", Start: day(2026, 11, 27),
		End: day(2026, 12, 20)}); err != nil {
		t.Fatal(err)
	}
	owing := f.moveIn("I03", "밀린회사", day(2026, 9, 1), 0)
	late, _ := f.c.Tenants.Tenancy(owing.ID, at(8, 0))
	f.tapText(T("staff.units"))
	f.shot("units-board")
	cases := []struct {
		filter    string
		n         int
		shown     []string
		notShown  []string
		stateWord string
	}{
		{"units.filter.arrears", 1, []string{"보육실 3", "밀린회사"}, []string{"보육실 1", "보육실 2", "보육실 4"},
			T("unit.state.arrears", map[string]any{"Open": formatWon(late.Account.Open())})},
		{"units.filter.expiring", 1, []string{"보육실 2", "끝나는회사"}, []string{"보육실 1", "보육실 3"},
			T("unit.state.expiring", map[string]any{"Month": 12, "Day": 20, "MonthName": "Dec"})},
		{"units.filter.vacant", 37 - 3, []string{"보육실 4", "청년 10", "기관 3"}, []string{"보육실 1", "보육실 2", "보육실 3"}, T("unit.state.vacant")},
		{"units.filter.occupied", 3, []string{"보육실 1", "보육실 2", "보육실 3"}, []string{"보육실 4"}, T("unit.state.occupied")},
		{"units.filter.all", 37, []string{"보육실 1", "보육실 24", "청년 1", "기관 1"}, nil, T("unit.state.vacant")},
	}
	for _, c := range cases {
		label := T(c.filter, map[string]any{"N": c.n})
		f.tapText(label)
		tiles := f.tileNames()
		for _, s := range c.shown {
			if !tiles[s] && !f.hasText(s) {
				t.Errorf("%s: %q not shown; tiles %v", label, s, tiles)
			}
		}
		for _, s := range c.notShown {
			if tiles[s] {
				t.Errorf("%s: %q shown", label, s)
			}
		}
		if !f.hasText(c.stateWord) {
			t.Errorf("%s: no %q", label, c.stateWord)
		}
	}
}

// tileNames are the unit names on the board's tiles on show.
func (f *fixture) tileNames() map[string]bool {
	out := map[string]bool{}
	walk(f.shell.Window().Content(), func(o fyne.CanvasObject) {
		if t, ok := o.(*fitText); ok {
			out[t.Text()] = true
		}
	})
	return out
}

// TestRevealRepresentativeIsAudited: the representative is masked until a
// manager reveals them, and the store records who looked.
func TestRevealRepresentativeIsAudited(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.claim("482915")
	f.moveIn("I04", "보는회사", day(2026, 10, 1), 0)
	f.tapText(T("staff.units"))
	f.tapText("보육실 4")
	if f.hasText("홍길동") || f.hasText("010-2345-6789") || !f.hasText("홍**") {
		t.Fatalf("not masked: %q", f.texts())
	}
	f.tapText(T("tenant.reveal"))
	if !f.hasText("홍길동 · 010-2345-6789") {
		t.Fatalf("not revealed: %q", f.texts())
	}
	if actor, action := f.lastAudit(); actor != "staff:manager" || !strings.Contains(action, "reveal") {
		t.Fatalf("reveal audited as %s %s", actor, action)
	}
}

// TestFitTextCutsToItsWidth: a tile's line shows whole when it fits, and
// is cut with an ellipsis to the width otherwise, never below its first
// characters.
func TestFitTextCutsToItsWidth(t *testing.T) {
	newFixture(t, at(8, 0))
	for _, c := range []struct {
		text  string
		width float32
		want  string
	}{
		{"보육실 3", 400, "보육실 3"},
		{"주식회사 새싹랩 글로벌 헬스케어", 400, "주식회사 새싹랩 글로벌 헬스케어"},
		{"주식회사 새싹랩 글로벌 헬스케어", 120, ""},
		{"주식회사 새싹랩 글로벌 헬스케어", 1, "주식회사…"},
	} {
		ft := newFitText(c.text, 20, colText)
		r := test.WidgetRenderer(ft)
		ft.Resize(fyne.NewSize(c.width, ft.MinSize().Height))
		r.Layout(ft.Size())
		shown := r.Objects()[0].(*canvas.Text)
		w := fyne.MeasureText(shown.Text, 20, fyne.TextStyle{}).Width
		switch {
		case c.want != "" && shown.Text != c.want:
			t.Errorf("%q in %v: shows %q, want %q", c.text, c.width, shown.Text, c.want)
		case c.want == "" && (w > c.width || !strings.HasSuffix(shown.Text, "…") || len([]rune(shown.Text)) < fitRunes+1):
			t.Errorf("%q in %v: shows %q (%v wide)", c.text, c.width, shown.Text, w)
		}
	}
}

// TestReceptionIsNotOfferedTenancies: a receptionist runs bookings only:
// the staff home has no units board, and the tenancy screens, asked for
// anyway, send them back to the staff home.
func TestReceptionIsNotOfferedTenancies(t *testing.T) {
	f := newFixture(t, at(8, 0))
	f.manager()
	l := f.moveIn("I04", "보는회사", day(2026, 10, 1), 0)
	f.shell.signIn(stafftest.Member(t, f.c.DB, "접수", staff.RoleReception))
	if f.hasButton(T("staff.units")) || !f.hasButton(T("staff.bookings")) {
		t.Fatalf("reception's staff home: %q", f.texts())
	}
	units, _ := f.c.Tenants.Units()
	ref := tenantRef{Unit: units[3], Lease: l.ID, Company: l.Tenant}
	for name, open := range map[string]func(){
		"board":    func() { f.shell.show(ScreenStaffUnits) },
		"tenant":   func() { f.shell.openTenant("I04", "", "") },
		"move-in":  func() { f.shell.openMoveIn(units[4]) },
		"payment":  func() { f.shell.openPay(ref) },
		"move-out": func() { f.shell.openMoveOut(ref) },
	} {
		open()
		if f.shell.Screen() != ScreenStaffHome || f.hasText("보는회사") {
			t.Errorf("reception asking for the %s is on %s: %q", name, f.shell.Screen(), f.texts())
		}
	}
}
