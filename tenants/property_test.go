package tenants

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/ledger"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants/sheet"
)

// Property tests over random tenancy histories. Each history is a few
// leases of random incubator offices and youth desks, moved in, extended,
// paid (partly, exactly, over) and moved out through the Service with a
// clock that only moves forward, the way the desk would record them, with
// now and then a manager changing an interest rate. After every step the
// store must satisfy, for the lease the step wrote to (and every few steps
// and after a change of the rules, for every lease):
//
//	A  per lease, money in = money allocated + credit; no invoice is paid
//	   beyond its principal, nor its late interest beyond what accrued;
//	C  per lease, the ledger's totals by kind = the account's totals paid;
//
// a move-out must settle the deposit and refund all credit; and at the end
// of each history:
//
//	B  the ledger of any period, summed by kind, = the period's Figures;
//	D  reversing ledger entries nets them out of the ref and of any period
//	   holding both the entry and its reversal.
//
// E (imports replayed) has its own test below, and FuzzAccount checks A on
// account alone. The histories are seeded: a failure names its seed.
//
// The same histories recorded out of date order (a payment or a move-out
// entered days late) or with the due day changed break A-C: those tests
// are skipped with the bug they show, each with a minimal case.

const propActor = store.ActorCLI

// propFar is after every date a history reaches: an account as of propFar
// lists every invoice of the lease.
var propFar = date(2040, 1, 1)

// propBRN makes a valid 사업자등록번호 from n, written with hyphens.
func propBRN(n int) string { return FormatBRN(BRNFrom(n % 1000000000)) }

// histMode says how out of order the desk records things.
type histMode struct {
	// backdatePayments: some payments are recorded days after their date,
	// after payments of later dates.
	backdatePayments bool
	// backdateMoveOuts: some move-outs are recorded days after the move-out
	// day, after payments dated between the two.
	backdateMoveOuts bool
	// retroSettings: a manager changes the due day, or a late interest
	// rate from a day already past. Otherwise rate changes take effect
	// from a day after the change.
	retroSettings bool
}

// leasePlan is one lease of a history as planned; what the store holds is
// read back from it, not from here.
type leasePlan struct {
	n           int
	unit        string
	youth       bool
	start       time.Time
	exts        []time.Time // the days the extensions are recorded on
	end         time.Time   // with every extension
	moveOut     time.Time   // zero: stays
	restoration int64
	rent, fee   int64
	deposit     int64
	id          string // set at the move-in
}

func (p *leasePlan) moveIn() MoveIn {
	m := MoveIn{Unit: p.unit, Company: fmt.Sprintf("기업 %03d", p.n), BRN: propBRN(100000000 + p.n*7919),
		Representative: fmt.Sprintf("대표 %03d", p.n), Phone: "010-1234-5678", Start: p.start,
		MonthlyRent: p.rent, ManagementFee: p.fee, Deposit: p.deposit}
	if p.youth {
		m.BRN = ""
		m.BirthDate = day(1990, 1, 1).AddDate(0, 0, p.n)
	}
	return m
}

type histOp int

const (
	opMoveIn histOp = iota
	opExtend
	opPay
	opMoveOut
	opSettings
)

func (o histOp) String() string {
	return [...]string{"move-in", "extend", "pay", "move-out", "settings"}[o]
}

// histEvent is one thing the desk records, at (the clock's day).
type histEvent struct {
	at     time.Time
	seq    int
	op     histOp
	p      *leasePlan
	day    time.Time // of a payment or a move-out; from which a rate applies
	amount int64     // of a payment; a rate's basis points; a due day
	method string    // of a payment; "late", "deposit" or "due" for settings
}

func (e histEvent) String() string {
	switch {
	case e.op == opSettings && e.method == "due":
		return fmt.Sprintf("%s settings due day %d", e.at.Format("2006-01-02"), e.amount)
	case e.op == opSettings:
		return fmt.Sprintf("%s settings %s interest %d bp from %s", e.at.Format("2006-01-02"), e.method, e.amount, e.day.Format("2006-01-02"))
	}
	s := fmt.Sprintf("%s %s %s", e.at.Format("2006-01-02"), e.op, e.p.unit)
	switch e.op {
	case opPay:
		s += fmt.Sprintf(" %d won dated %s", e.amount, e.day.Format("2006-01-02"))
	case opMoveOut:
		s += fmt.Sprintf(" on %s restoration %d", e.day.Format("2006-01-02"), e.p.restoration)
	}
	return s
}

var propUnits = func() []string {
	var us []string
	for _, u := range DefaultUnits() {
		if u.Kind != KindAgency {
			us = append(us, u.ID)
		}
	}
	return us
}()

// planHistory draws the leases and the events of one history.
func planHistory(rng *rand.Rand, mode histMode) ([]*leasePlan, []histEvent) {
	var plans []*leasePlan
	var events []histEvent
	add := func(e histEvent) { e.seq = len(events); events = append(events, e) }
	freeFrom := map[string]time.Time{} // unit -> first day a next lease may start
	n := 2 + rng.IntN(4)
	for i := range n {
		unit := propUnits[rng.IntN(len(propUnits))]
		p := &leasePlan{n: i, unit: unit, youth: unit[0] == 'Y',
			start: day(2025, 1, 1).AddDate(0, 0, rng.IntN(730))}
		if f, ok := freeFrom[unit]; ok {
			p.start = f.AddDate(0, 0, rng.IntN(60))
			if p.start.After(day(2027, 6, 30)) {
				continue
			}
		}
		if p.youth {
			p.rent = 20000 + rng.Int64N(60001)
			if rng.IntN(3) == 0 {
				p.fee = rng.Int64N(20001)
			}
			if rng.IntN(2) == 0 {
				p.deposit = rng.Int64N(500001)
			}
		} else {
			p.rent = 100000 + rng.Int64N(500001)
			p.fee = rng.Int64N(100001)
			p.deposit = rng.Int64N(5000001)
		}
		maxExt := 2
		if p.youth {
			maxExt = 1
		}
		ext := rng.IntN(maxExt + 1)
		termsEnd := func(k int) time.Time { // the end after k extensions
			end := termEnd(p.start, 12)
			for range k {
				end = termEnd(end.AddDate(0, 0, 1), 12)
			}
			return end
		}
		for k := range ext {
			e := termsEnd(k).AddDate(0, 0, -rng.IntN(61))
			p.exts = append(p.exts, laterOf(e, p.start))
		}
		p.end = termsEnd(len(p.exts))
		if rng.IntN(10) < 4 {
			mo := p.start.AddDate(0, 0, rng.IntN(daysBetween(p.start, p.end)+2))
			for k, e := range p.exts {
				if !e.Before(mo) { // recorded after the move-out: never happens
					p.exts = p.exts[:k]
					break
				}
			}
			p.end = termsEnd(len(p.exts))
			p.moveOut = earlierOf(mo, p.end.AddDate(0, 0, 1))
			if rng.IntN(2) == 0 {
				p.restoration = 1 + rng.Int64N(800000)
			}
		}
		freeFrom[unit] = p.end.AddDate(0, 0, 1)
		plans = append(plans, p)

		add(histEvent{at: p.start.AddDate(0, 0, -rng.IntN(15)), op: opMoveIn, p: p})
		for _, e := range p.exts {
			add(histEvent{at: e, op: opExtend, p: p})
		}
		lastDay := p.end
		if !p.moveOut.IsZero() {
			at := p.moveOut
			if mode.backdateMoveOuts && rng.IntN(2) == 0 {
				at = at.AddDate(0, 0, 1+rng.IntN(40))
			}
			add(histEvent{at: at, op: opMoveOut, p: p, day: p.moveOut})
			lastDay = p.moveOut.AddDate(0, 0, -1)
		}
		monthly := p.rent + p.fee
		span := max(daysBetween(p.start, lastDay), 0) + 90
		for range 2 + rng.IntN(10) {
			d := p.start.AddDate(0, 0, rng.IntN(span+1))
			var amount int64
			switch rng.IntN(6) {
			case 0: // exactly a month
				amount = monthly
			case 1: // part of a month
				amount = 1 + rng.Int64N(monthly)
			case 2: // several months ahead
				amount = monthly*int64(2+rng.IntN(5)) + rng.Int64N(1000)
			case 3: // small change
				amount = 1 + rng.Int64N(1000)
			case 4: // a round sum
				amount = 10000 * (1 + rng.Int64N(100))
			default: // anything up to a year's
				amount = 1 + rng.Int64N(12*monthly)
			}
			at := d
			if mode.backdatePayments && rng.IntN(3) == 0 {
				at = d.AddDate(0, 0, 1+rng.IntN(40))
			}
			add(histEvent{at: at, op: opPay, p: p, day: d, amount: amount,
				method: []string{"cash", "card", "transfer"}[rng.IntN(3)]})
		}
	}
	// The managers' changes of the rules, now and then.
	for range rng.IntN(4) {
		at := day(2025, 1, 1).AddDate(0, 0, rng.IntN(3*365))
		e := histEvent{at: at, op: opSettings, day: at.AddDate(0, 0, 1+rng.IntN(400)), amount: int64(rng.IntN(2001))}
		switch {
		case mode.retroSettings && rng.IntN(2) == 0:
			e.method, e.amount = "due", int64(1+rng.IntN(28))
		case mode.retroSettings:
			e.method, e.day = "late", at.AddDate(0, 0, -1-rng.IntN(300))
		case rng.IntN(2) == 0:
			e.method = "late"
		default:
			e.method = "deposit"
		}
		add(e)
	}
	sort.SliceStable(events, func(i, j int) bool {
		a, b := events[i], events[j]
		if !a.at.Equal(b.at) {
			return a.at.Before(b.at)
		}
		if (a.op == opMoveIn) != (b.op == opMoveIn) {
			return a.op == opMoveIn
		}
		return a.seq < b.seq
	})
	return plans, events
}

// history is a history being run.
type history struct {
	t        *testing.T
	c        clocked
	rng      *rand.Rand
	mode     histMode
	plans    []*leasePlan
	events   []histEvent
	leases   []string // moved in so far
	refused  int      // payments refused (no lease owed anything that day)
	paid     int
	last     string // the step just done, for failure messages
	lastStep int
}

func runHistory(t *testing.T, seed uint64, mode histMode) *history {
	t.Helper()
	rng := rand.New(rand.NewPCG(seed, 0x7465_6e61_6e74))
	plans, events := planHistory(rng, mode)
	h := &history{t: t, c: newClocked(t, day(2024, 12, 1)), rng: rng, mode: mode, plans: plans, events: events}
	for i, e := range events {
		h.lastStep, h.last = i, e.String()
		// The clock moves forward only: to a random hour of the event's
		// day, or a minute on.
		now := e.at.Add(time.Duration(8*60+rng.IntN(11*60)) * time.Minute)
		if !now.After(h.c.Now()) {
			now = h.c.Now().Add(time.Minute)
		}
		h.c.at(now)
		touched := h.do(e)
		// A and C after every step for the lease it wrote to; every few
		// steps, and at the end, for every lease, with the ledger as a whole
		// (a step that wrote to another lease's ledger shows there, since
		// nothing is ever unwritten).
		if touched != "" {
			h.checkLease(touched)
		}
		if i%16 == 15 || i == len(events)-1 {
			h.checkAll()
		}
		if t.Failed() {
			t.Fatalf("seed %d: stopped after step %d (%s)", seed, i, e)
		}
	}
	h.c.at(date(2031, 1, 1).Add(10 * time.Hour))
	return h
}

// do records e and returns the lease it wrote to ("" if it was refused).
func (h *history) do(e histEvent) string {
	t := h.t
	switch e.op {
	case opMoveIn:
		m := e.p.moveIn()
		l, err := previewed(h, func(preview bool) (Lease, error) {
			if preview {
				return h.c.CheckMoveIn(propActor, m)
			}
			return h.c.MoveIn(propActor, m)
		})
		if err != nil {
			t.Fatalf("step %d %s: %v", h.lastStep, e, err)
		}
		e.p.id = l.ID
		h.leases = append(h.leases, l.ID)
		return l.ID
	case opExtend:
		before, err := h.c.Lease(e.p.id)
		if err != nil {
			t.Fatal(err)
		}
		l, err := previewed(h, func(preview bool) (Lease, error) {
			if preview {
				return h.c.QuoteExtend(propActor, e.p.id)
			}
			return h.c.Extend(propActor, e.p.id)
		})
		if err != nil {
			t.Fatalf("step %d %s: %v", h.lastStep, e, err)
		}
		if !l.End.Equal(termEnd(before.End.AddDate(0, 0, 1), 12)) || len(l.Terms) != len(before.Terms)+1 {
			t.Errorf("step %d %s: extended to %v with %d terms", h.lastStep, e, l.End, len(l.Terms))
		}
	case opMoveOut:
		set, err := previewed(h, func(preview bool) (Settlement, error) {
			if preview {
				return h.c.QuoteMoveOut(propActor, e.p.id, e.day, e.p.restoration)
			}
			return h.c.MoveOut(propActor, e.p.id, e.day, e.p.restoration)
		})
		if err != nil {
			t.Fatalf("step %d %s: %v", h.lastStep, e, err)
		}
		h.checkSettlement(e, set)
	case opSettings:
		err := h.c.UpdateSettings(propActor, func(st *Settings) {
			switch e.method {
			case "due":
				st.DueDay = int(e.amount)
			case "late":
				st.LateInterest = WithRate(st.LateInterest, e.day, e.amount)
			case "deposit":
				st.DepositInterest = WithRate(st.DepositInterest, e.day, e.amount)
			}
		})
		// A rate changes from today on: a change for days past is refused
		// and changes nothing.
		if e.method != "due" && e.day.Before(day(h.c.Now().Year(), h.c.Now().Month(), h.c.Now().Day())) {
			if errs.CodeOf(err) != CodeSettings {
				t.Fatalf("step %d %s: a rate for days past: %v, want refused", h.lastStep, e, err)
			}
			h.refused++
			h.checkAll()
			return ""
		}
		if err != nil {
			t.Fatalf("step %d %s: %v", h.lastStep, e, err)
		}
		// Every lease may be touched: check them all.
		h.checkAll()
		return ""
	case opPay:
		r, err := previewed(h, func(preview bool) (Receipt, error) {
			if preview {
				return h.c.QuotePay(propActor, e.p.unit, e.day, e.amount, e.method)
			}
			return h.c.Pay(propActor, e.p.unit, e.day, e.amount, e.method)
		})
		if errs.CodeOf(err) == CodeNoLeaseOnDate {
			h.refused++ // after the lease, with nothing owed: the desk is told so
			return ""
		}
		if err != nil {
			t.Fatalf("step %d %s: %v", h.lastStep, e, err)
		}
		h.paid++
		var applied int64
		for _, ap := range r.Applied {
			applied += ap.Amount()
		}
		if r.Payment.Amount != e.amount || applied+r.Credit != e.amount || r.Credit < 0 {
			t.Errorf("step %d %s: receipt applies %d and credits %d of %d", h.lastStep, e, applied, r.Credit, r.Payment.Amount)
		}
		return r.Payment.Lease
	}
	return e.p.id
}

// previewed runs a write's preview (run(true)) and then the write
// (run(false)), and fails the history unless the preview stored nothing and
// gave what the write gave, result or refusal.
func previewed[T any](h *history, run func(preview bool) (T, error)) (T, error) {
	h.t.Helper()
	audits := h.c.db.AuditLen()
	p, perr := run(true)
	if n := h.c.db.AuditLen(); n != audits {
		h.t.Errorf("step %d (%s): the preview wrote (%d audit entries -> %d)", h.lastStep, h.last, audits, n)
	}
	w, werr := run(false)
	if fmt.Sprint(perr) != fmt.Sprint(werr) || !reflect.DeepEqual(p, w) {
		h.t.Errorf("step %d (%s): the preview gave %+v, %v\nthe write %+v, %v", h.lastStep, h.last, p, perr, w, werr)
	}
	return w, werr
}

// checkAll checks A and C for every lease, and that the ledger as a whole
// holds nothing but the leases' entries.
func (h *history) checkAll() {
	t := h.t
	t.Helper()
	want := ledger.Totals{}
	for _, id := range h.leases {
		for k, v := range h.checkLease(id) {
			want[k] += v
		}
	}
	var got ledger.Totals
	err := h.c.db.View(func(tx *store.Txn) error {
		var err error
		got, err = ledger.Sum(tx, day(2000, 1, 1), day(2100, 1, 1))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range ledger.Kinds {
		if got[k] != want[k] {
			t.Errorf("after step %d (%s): the ledger holds %s %d, its leases %d", h.lastStep, h.last, k, got[k], want[k])
		}
	}
}

// leaseState reads a lease, its payments, its ledger totals and the
// settings in one transaction.
func leaseState(t testing.TB, db *store.DB, id string) (Lease, []Payment, ledger.Totals, Settings) {
	t.Helper()
	var l Lease
	var pays []Payment
	var tot ledger.Totals
	var st Settings
	err := db.View(func(tx *store.Txn) error {
		var err error
		if l, err = getLease(tx, id); err != nil {
			return err
		}
		if pays, err = leasePayments(tx, id); err != nil {
			return err
		}
		if tot, err = ledger.SumRef(tx, ledger.LeaseRef(id)); err != nil {
			return err
		}
		st, err = loadSettings(tx)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return l, pays, tot, st
}

// checkLease checks properties A and C of one lease as it is stored, and
// returns its ledger totals.
func (h *history) checkLease(id string) ledger.Totals {
	t := h.t
	t.Helper()
	l, pays, tot, st := leaseState(t, h.c.db, id)
	where := fmt.Sprintf("after step %d (%s), lease %s", h.lastStep, h.last, id)
	for _, msg := range propertyA(l, pays, st) {
		t.Errorf("%s: A: %s", where, msg)
	}
	for _, msg := range propertyC(l, pays, st, h.c.Now(), tot) {
		t.Errorf("%s: C: %s", where, msg)
	}
	return tot
}

// propertyC compares a lease's ledger totals with its account's totals paid
// (the account as of now: every payment recorded is dated by now).
func propertyC(l Lease, pays []Payment, st Settings, now time.Time, tot ledger.Totals) []string {
	a := account(l, slices.Clone(pays), st, now)
	want := ledger.Totals{ledger.Rent: a.Rent, ledger.ManagementFee: a.Fee, ledger.LateInterest: a.Interest,
		ledger.Restoration: a.Restoration, ledger.Credit: a.Credit}
	var out []string
	for _, k := range ledger.Kinds {
		if tot[k] != want[k] {
			out = append(out, fmt.Sprintf("ledger %s %d, account %d", k, tot[k], want[k]))
		}
	}
	return out
}

// propertyA checks the account of l (as of a day after everything) against
// its payments and its schedule.
func propertyA(l Lease, pays []Payment, st Settings) []string {
	var out []string
	bad := func(f string, a ...any) { out = append(out, fmt.Sprintf(f, a...)) }
	asOf := propFar // after every invoice and every payment
	var in int64
	for _, p := range pays {
		in += p.Amount
		asOf = laterOf(asOf, seoul.Midnight(p.Date))
	}
	a := account(l, slices.Clone(pays), st, asOf)
	if len(a.Allocations) != len(pays) {
		bad("%d allocations of %d payments", len(a.Allocations), len(pays))
	}
	var applied, credit int64
	perInv := map[string]Applied{}
	for _, al := range a.Allocations {
		credit += al.Credit
		if al.Payment.Amount > 0 && al.Credit < 0 {
			bad("payment %s of %d leaves credit %d", al.Payment.ID, al.Payment.Amount, al.Credit)
		}
		var mine int64
		for _, ap := range al.Applied {
			if ap.Rent < 0 || ap.Fee < 0 || ap.Interest < 0 || ap.Restoration < 0 {
				bad("payment %s applies a negative amount %+v", al.Payment.ID, ap)
			}
			mine += ap.Amount()
			s := perInv[ap.Invoice]
			s.Rent += ap.Rent
			s.Fee += ap.Fee
			s.Interest += ap.Interest
			s.Restoration += ap.Restoration
			perInv[ap.Invoice] = s
		}
		applied += mine
		if mine+al.Credit != al.Payment.Amount {
			bad("payment %s of %d: applied %d + credit %d", al.Payment.ID, al.Payment.Amount, mine, al.Credit)
		}
	}
	if in != applied+credit {
		bad("payments %d != applied %d + credit %d", in, applied, credit)
	}
	if tot := a.Rent + a.Fee + a.Interest + a.Restoration + a.Credit; tot != in || a.Credit != credit {
		bad("account totals %d (credit %d) != payments %d (credit %d)", tot, a.Credit, in, credit)
	}
	if a.Credit < 0 {
		bad("credit %d: more paid back than was held", a.Credit)
	}
	sched := schedule(l, st)
	byID := map[string]Invoice{}
	for _, inv := range sched {
		byID[inv.ID] = inv
	}
	for id, s := range perInv {
		inv, ok := byID[id]
		switch {
		case !ok:
			bad("payments applied to %s, which is not in the schedule", id)
		case s.Rent > inv.Rent || s.Fee > inv.Fee || s.Restoration > inv.Restoration:
			bad("invoice %s (rent %d fee %d restoration %d) paid beyond its principal: %+v", id, inv.Rent, inv.Fee, inv.Restoration, s)
		}
	}
	if len(a.Invoices) != len(sched) {
		bad("%d invoices as of %s, schedule has %d", len(a.Invoices), propFar.Format("2006"), len(sched))
	}
	var sumRent, sumFee, sumInt, sumRest int64
	for _, inv := range a.Invoices {
		s := perInv[inv.ID]
		if inv.PaidRent != s.Rent || inv.PaidFee != s.Fee || inv.PaidInterest != s.Interest || inv.PaidRestoration != s.Restoration {
			bad("invoice %s paid %d/%d/%d/%d, allocations say %+v", inv.ID, inv.PaidRent, inv.PaidFee, inv.PaidInterest, inv.PaidRestoration, s)
		}
		if inv.PaidInterest > inv.Interest || inv.PaidInterest < 0 || inv.Interest < 0 {
			bad("invoice %s: late interest paid %d of %d", inv.ID, inv.PaidInterest, inv.Interest)
		}
		if inv.PrincipalOpen() < 0 || inv.Open() < 0 || inv.Rent < 0 || inv.Fee < 0 || inv.Restoration < 0 {
			bad("invoice %s negative: %+v", inv.ID, inv)
		}
		sumRent += inv.PaidRent
		sumFee += inv.PaidFee
		sumInt += inv.PaidInterest
		sumRest += inv.PaidRestoration
	}
	if sumRent != a.Rent || sumFee != a.Fee || sumInt != a.Interest || sumRest != a.Restoration {
		bad("invoices paid %d/%d/%d/%d, account totals %d/%d/%d/%d", sumRent, sumFee, sumInt, sumRest, a.Rent, a.Fee, a.Interest, a.Restoration)
	}
	return out
}

// checkSettlement checks a move-out's settlement: the deposit and the credit
// are exactly what was applied and refunded, and the lease owes its
// shortfall and holds no credit.
func (h *history) checkSettlement(e histEvent, set Settlement) {
	t := h.t
	t.Helper()
	if set.Deposit+set.Credit != set.Applied+set.Refund || set.Applied > set.Deposit || set.Applied < 0 ||
		set.Shortfall < 0 || set.Refund < 0 || set.Credit < 0 {
		t.Errorf("step %d %s: settlement %+v", h.lastStep, e, set)
	}
	// What the deposit met is the arrears, their interest and what was
	// still open of the restoration (credit may have paid some of it).
	if owed := set.Applied + set.Shortfall; owed < set.Open+set.Interest || owed > set.Open+set.Interest+set.Restoration {
		t.Errorf("step %d %s: applied %d + shortfall %d against arrears %d, interest %d, restoration %d", h.lastStep, e,
			set.Applied, set.Shortfall, set.Open, set.Interest, set.Restoration)
	}
	ten, err := h.c.Tenancy(e.p.id, e.day)
	if err != nil {
		t.Fatal(err)
	}
	if ten.Account.Open() != set.Shortfall {
		t.Errorf("step %d %s: owes %d on the move-out day, settlement says shortfall %d", h.lastStep, e, ten.Account.Open(), set.Shortfall)
	}
	now, err := h.c.Tenancy(e.p.id, h.c.Now())
	if err != nil {
		t.Fatal(err)
	}
	if now.Account.Credit != 0 {
		t.Errorf("step %d %s: credit %d left after the move-out (refunded %d, settlement credit %d)",
			h.lastStep, e, now.Account.Credit, set.Refund, set.Credit)
	}
}

func runHistories(t *testing.T, mode histMode, seeds int, after func(*testing.T, *history)) {
	var steps, pays, refused int
	for i := range seeds {
		seed := uint64(20261127 + i)
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			h := runHistory(t, seed, mode)
			steps += len(h.events)
			pays += h.paid
			refused += h.refused
			if after != nil {
				after(t, h)
			}
		})
	}
	t.Logf("%d histories, %d steps, %d payments recorded, %d refused", seeds, steps, pays, refused)
}

// TestPropertyHistories runs properties A and C after every step of random
// histories recorded in date order (with changes of the interest rates
// from a later day on), then B and D on the final store.
func TestPropertyHistories(t *testing.T) {
	runHistories(t, histMode{}, 50, func(t *testing.T, h *history) {
		h.checkLedgerFigures()
		h.checkReversals()
	})
}

// TestPropertyBackdatedPayments is the same with payments recorded days
// after their date, behind payments of later dates: the desk entering a
// forgotten bank transfer.
func TestPropertyBackdatedPayments(t *testing.T) {
	runHistories(t, histMode{backdatePayments: true}, 40, nil)
}

// TestPropertyBackdatedMoveOuts is the same with move-outs recorded days
// after the move-out day, after payments dated in between.
func TestPropertyBackdatedMoveOuts(t *testing.T) {
	runHistories(t, histMode{backdateMoveOuts: true}, 40, nil)
}

// TestBackdatedPaymentIsRecorded: January's invoice (300,000 + 50,000,
// due 10 January) is paid on 20 March with its late interest; then the desk
// enters a transfer of 350,000 dated 5 January that it had forgotten. The
// 5 January payment pays January; the 20 March one moves on to February
// (and its interest) instead. Pay must record it; the ledger must follow.
func TestBackdatedPaymentIsRecorded(t *testing.T) {
	s := newClocked(t, day(2027, 3, 20))
	l, err := s.MoveIn(propActor, incubatorMoveIn("I09", day(2027, 1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Pay(propActor, "I09", day(2027, 3, 20), 350000, "cash"); err != nil {
		t.Fatal(err)
	}
	r, err := s.Pay(propActor, "I09", day(2027, 1, 5), 350000, "transfer")
	if err != nil {
		t.Fatalf("back-dated payment: %v", err)
	}
	if len(r.Applied) != 1 || r.Applied[0].Invoice != l.ID+"-202701" || r.Applied[0].Amount() != 350000 {
		t.Errorf("receipt %+v, want January paid in full", r)
	}
	ls, pays, tot, st := leaseState(t, s.db, l.ID)
	for _, msg := range propertyC(ls, pays, st, s.Now(), tot) {
		t.Error(msg)
	}
}

// TestBackdatedMoveOutRefundsLaterPayments: January, February and March
// (350,000 each) are paid on the 1st; on 5 March the desk records that the
// company left on 20 February. February is billed for 19 days (203,571 +
// 33,928), so 112,501 of February's payment and all of March's 350,000 are
// the tenant's: the settlement must refund 462,501 with the deposit.
func TestBackdatedMoveOutRefundsLaterPayments(t *testing.T) {
	s := newClocked(t, day(2027, 1, 1))
	l, err := s.MoveIn(propActor, incubatorMoveIn("I09", day(2027, 1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []time.Month{1, 2, 3} {
		s.at(day(2027, m, 1))
		if _, err := s.Pay(propActor, "I09", day(2027, m, 1), 350000, "cash"); err != nil {
			t.Fatal(err)
		}
	}
	s.at(day(2027, 3, 5))
	set, err := s.MoveOut(propActor, l.ID, day(2027, 2, 20), 0)
	if err != nil {
		t.Fatal(err)
	}
	if set.Credit != 462501 || set.Refund != 1462501 {
		t.Errorf("settlement credit %d refund %d, want 462,501 and 1,462,501", set.Credit, set.Refund)
	}
	ten, err := s.Tenancy(l.ID, s.Now())
	if err != nil {
		t.Fatal(err)
	}
	if ten.Account.Credit != 0 {
		t.Errorf("credit %d left after the move-out", ten.Account.Credit)
	}
}

// TestPropertyRetroactiveSettings is the same with a manager changing the
// due day (a term of each contract: it applies to leases moved in after the
// change) or trying a late interest rate from a day already past (refused).
func TestPropertyRetroactiveSettings(t *testing.T) {
	runHistories(t, histMode{retroSettings: true}, 40, nil)
}

// TestDueDayChangeKeepsTheLedger: January's invoice (300,000 + 50,000, due
// 10 January) is paid on 20 January with 10 days' late interest, 479 won
// (350,000 × 5% × 10 / 365). On 1 February the manager moves the due day
// to the 25th. The ledger and the account must still agree on what that
// payment paid.
func TestDueDayChangeKeepsTheLedger(t *testing.T) {
	s := newClocked(t, day(2027, 1, 20))
	l, err := s.MoveIn(propActor, incubatorMoveIn("I09", day(2027, 1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	r, err := s.Pay(propActor, "I09", day(2027, 1, 20), 350000, "cash")
	if err != nil || len(r.Applied) != 1 || r.Applied[0].Interest != 479 {
		t.Fatalf("payment: %+v, %v", r, err)
	}
	s.at(day(2027, 2, 1))
	if err := s.UpdateSettings(propActor, func(st *Settings) { st.DueDay = 25 }); err != nil {
		t.Fatal(err)
	}
	ls, pays, tot, st := leaseState(t, s.db, l.ID)
	for _, msg := range propertyC(ls, pays, st, s.Now(), tot) {
		t.Error(msg)
	}
}

// --- B: the ledger of a period sums to its figures.

// propSums is a period's income by the report's lines, from ledger entries.
type propSums struct {
	rent, youthRent, fee, late, deposit, restoration int64
}

func (h *history) checkLedgerFigures() {
	t := h.t
	t.Helper()
	// A random period: some days, some months, a calendar year or a day.
	from := day(2024, 6, 1).AddDate(0, 0, h.rng.IntN(6*365))
	to := from.AddDate(0, 0, h.rng.IntN(500))
	switch h.rng.IntN(4) {
	case 0:
		from, to = day(from.Year(), 1, 1), day(from.Year(), 12, 31)
	case 1:
		to = from
	}
	h.checkPeriod(from, to)
	// Over the whole span, the figures are the accounts' totals, and the
	// deposit interest is what a hand count of the days held gives.
	var want propSums
	for _, id := range h.leases {
		l, pays, _, st := leaseState(t, h.c.db, id)
		a := account(l, pays, st, propFar)
		if l.Kind == KindYouth {
			want.youthRent += a.Rent
		} else {
			want.rent += a.Rent
		}
		want.fee += a.Fee
		want.late += a.Interest
		want.restoration += a.Restoration
		want.deposit += handDepositInterest(l, st.DepositInterest)
	}
	f := h.checkPeriod(day(2024, 1, 1), day(2031, 12, 31))
	got := propSums{f.RentCollected, f.YouthRentCollected, f.FeeCollected, f.LateInterest, f.DepositInterest, f.RestorationCollected}
	if got != want {
		t.Errorf("B: figures of the whole span %+v, accounts and hand count %+v", got, want)
	}
}

// handDepositInterest is a deposit's interest for the days from the
// move-in to the last day, each at the rate of its day, floored month by
// month.
func handDepositInterest(l Lease, rates []Rate) int64 {
	var total int64
	last := l.LastDay()
	for m := firstOfMonth(l.Start); !m.After(last); m = m.AddDate(0, 1, 0) {
		var bpDays int64
		for x := m; x.Month() == m.Month(); x = x.AddDate(0, 0, 1) {
			if x.Before(seoul.Midnight(l.Start)) || x.After(last) {
				continue
			}
			bp := rates[0].BasisPoints
			for _, r := range rates {
				if !r.From.After(x) {
					bp = r.BasisPoints
				}
			}
			bpDays += bp
		}
		total += l.Deposit * bpDays / 3650000
	}
	return total
}

func (h *history) checkPeriod(from, to time.Time) Figures {
	t := h.t
	t.Helper()
	es, err := h.c.Ledger(from, to)
	if err != nil {
		t.Fatal(err)
	}
	f, err := h.c.Figures(from, to)
	if err != nil {
		t.Fatal(err)
	}
	var s propSums
	for i, e := range es {
		if e.At.Before(from) || !e.At.Before(to.AddDate(0, 0, 1)) {
			t.Errorf("B: Ledger(%s, %s) holds an entry of %v", from.Format("2006-01-02"), to.Format("2006-01-02"), e.At)
		}
		if i > 0 && e.At.Before(es[i-1].At) {
			t.Errorf("B: Ledger(%s, %s) out of date order at %d", from.Format("2006-01-02"), to.Format("2006-01-02"), i)
		}
		youth := strings.HasPrefix(e.Unit, "Y")
		switch e.Kind {
		case ledger.Rent:
			if youth {
				s.youthRent += e.Amount
			} else {
				s.rent += e.Amount
			}
		case ledger.ManagementFee:
			s.fee += e.Amount
		case ledger.LateInterest:
			s.late += e.Amount
		case ledger.DepositInterest:
			s.deposit += e.Amount
		case ledger.Restoration:
			s.restoration += e.Amount
		}
	}
	got := propSums{f.RentCollected, f.YouthRentCollected, f.FeeCollected, f.LateInterest, f.DepositInterest, f.RestorationCollected}
	if got != s {
		t.Errorf("B: %s..%s: figures %+v, ledger %+v", from.Format("2006-01-02"), to.Format("2006-01-02"), got, s)
	}
	var mRent, mFee, mInt int64
	for m := range 12 {
		mRent += f.MonthlyRent[m]
		mFee += f.MonthlyFee[m]
		mInt += f.MonthlyInterest[m]
	}
	if mRent != f.RentCollected || mFee != f.FeeCollected || mInt != f.LateInterest+f.DepositInterest {
		t.Errorf("B: %s..%s: months %d/%d/%d, totals %d/%d/%d", from.Format("2006-01-02"), to.Format("2006-01-02"),
			mRent, mFee, mInt, f.RentCollected, f.FeeCollected, f.LateInterest+f.DepositInterest)
	}
	return f
}

// --- D: a reversing entry nets to zero.

func (h *history) checkReversals() {
	t := h.t
	t.Helper()
	db := h.c.db
	var all []ledger.Entry
	err := db.View(func(tx *store.Txn) error {
		for _, id := range h.leases {
			if err := ledger.OfRef(tx, ledger.LeaseRef(id), func(e ledger.Entry) error {
				all = append(all, e)
				return nil
			}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(all) == 0 {
		return
	}
	type rev struct {
		e  ledger.Entry
		at time.Time
	}
	var revs []rev
	for _, i := range h.rng.Perm(len(all))[:1+h.rng.IntN(min(6, len(all)))] {
		at := day(2024, 6, 1).AddDate(0, 0, h.rng.IntN(6*365)).Add(time.Duration(h.rng.IntN(86400)) * time.Second)
		revs = append(revs, rev{all[i], at})
	}
	// Periods: random ones, and for each reversal the span of the entry and
	// its reversal.
	var periods [][2]time.Time
	for range 6 {
		a := day(2024, 6, 1).AddDate(0, 0, h.rng.IntN(6*365))
		periods = append(periods, [2]time.Time{a, a.AddDate(0, 0, 1+h.rng.IntN(700))})
	}
	for _, r := range revs {
		a, b := earlierOf(r.e.At, r.at), laterOf(r.e.At, r.at)
		periods = append(periods, [2]time.Time{a, b.Add(time.Second)})
	}
	sums := func() (map[string]ledger.Totals, []ledger.Totals) {
		refs := map[string]ledger.Totals{}
		var per []ledger.Totals
		err := db.View(func(tx *store.Txn) error {
			for _, id := range h.leases {
				tot, err := ledger.SumRef(tx, ledger.LeaseRef(id))
				if err != nil {
					return err
				}
				refs[ledger.LeaseRef(id)] = tot
			}
			for _, p := range periods {
				tot, err := ledger.Sum(tx, p[0], p[1])
				if err != nil {
					return err
				}
				per = append(per, tot)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return refs, per
	}
	refs0, per0 := sums()
	err = db.Update(propActor, "ledger.reverse", func(tx *store.Txn) error {
		for _, r := range revs {
			if err := ledger.Reverse(tx, r.e.Ref, r.e.ID, r.at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("D: reversing: %v", err)
	}
	refs1, per1 := sums()
	for ref, tot := range refs1 {
		want := ledger.Totals{}
		for k, v := range refs0[ref] {
			want[k] = v
		}
		for _, r := range revs {
			if r.e.Ref == ref {
				want[r.e.Kind] -= r.e.Amount
			}
		}
		for _, k := range ledger.Kinds {
			if tot[k] != want[k] {
				t.Errorf("D: %s %s: %d after the reversals, want %d", ref, k, tot[k], want[k])
			}
		}
	}
	for i, p := range periods {
		want := ledger.Totals{}
		for k, v := range per0[i] {
			want[k] = v
		}
		for _, r := range revs {
			if !r.at.Before(p[0]) && r.at.Before(p[1]) {
				want[r.e.Kind] -= r.e.Amount
			}
		}
		for _, k := range ledger.Kinds {
			if per1[i][k] != want[k] {
				t.Errorf("D: %v..%v %s: %d after the reversals, want %d", p[0], p[1], k, per1[i][k], want[k])
			}
		}
	}
	// Inside the span of each entry and its reversal, the two net to zero.
	for i, r := range revs {
		p := periods[6+i]
		var net int64
		found := 0
		err := db.View(func(tx *store.Txn) error {
			return ledger.Range(tx, p[0], p[1], func(e ledger.Entry) error {
				if e.Ref == r.e.Ref && (e.ID == r.e.ID || (e.ID == "rev-"+r.e.ID && e.Reverses == r.e.ID)) {
					net += e.Amount
					found++
				}
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		if found != 2 || net != 0 {
			t.Errorf("D: %s %s and its reversal: %d found, net %d", r.e.Ref, r.e.ID, found, net)
		}
	}
	// Reversing one again is refused and writes nothing.
	audits := db.AuditLen()
	r := revs[0]
	err = db.Update(propActor, "ledger.reverse", func(tx *store.Txn) error { return ledger.Reverse(tx, r.e.Ref, r.e.ID, r.at) })
	if !errors.Is(err, ledger.ErrDuplicate) || db.AuditLen() != audits {
		t.Errorf("D: reversing %s twice: %v, audit %d -> %d", r.e.ID, err, audits, db.AuditLen())
	}
}

// --- E: an import replayed is refused or counted as what it is.

// storeDigest is a hash of every key and value in db, and the key count.
func storeDigest(t testing.TB, db *store.DB) (string, int) {
	t.Helper()
	h := sha256.New()
	n := 0
	err := db.View(func(tx *store.Txn) error {
		return tx.Scan(nil, func(k, v []byte) error {
			fmt.Fprintf(h, "%d:%s=%d:%s;", len(k), k, len(v), v)
			n++
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil)), n
}

func randomHash(rng *rand.Rand) string {
	b := make([]byte, 32)
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	return hex.EncodeToString(b)
}

// importTotals is what E compares around an import.
type importTotals struct {
	audit, payments int
	money           int64 // the ledger's every entry, credit included
	byKind          ledger.Totals
}

func takeImportTotals(t testing.TB, db *store.DB) importTotals {
	t.Helper()
	var it importTotals
	it.audit = db.AuditLen()
	n, err := db.CountKeys(store.Prefix("payment"))
	if err != nil {
		t.Fatal(err)
	}
	it.payments = n
	err = db.View(func(tx *store.Txn) error {
		var err error
		it.byKind, err = ledger.Sum(tx, day(2000, 1, 1), day(2100, 1, 1))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range it.byKind {
		it.money += v
	}
	return it
}

func countImported(t testing.TB, db *store.DB, prefix string) int {
	t.Helper()
	n := 0
	err := db.View(func(tx *store.Txn) error {
		return tx.Scan(store.Prefix("payment"), func(_, v []byte) error {
			var p Payment
			if err := decodeJSON(v, &p); err != nil {
				return err
			}
			if p.Import == prefix {
				n++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// TestPropertyImportReplay: a payments file imported twice under its hash
// is refused the second time and changes nothing; the same rows under
// another hash (the file saved again) are another file's payments and are
// counted again, whole; a file with one bad row writes nothing at all.
func TestPropertyImportReplay(t *testing.T) {
	for i := range 12 {
		seed := uint64(7000 + i)
		t.Run(fmt.Sprintf("seed%d", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 0x696d706f7274))
			now := day(2026, 11, 27).Add(15 * time.Hour)
			c := newClocked(t, day(2025, 1, 1))
			// A few leases, some with desk payments already.
			var leases []Lease
			used := map[string]bool{}
			for n := range 2 + rng.IntN(5) {
				unit := propUnits[rng.IntN(len(propUnits))]
				if used[unit] {
					continue
				}
				used[unit] = true
				p := &leasePlan{n: n, unit: unit, youth: unit[0] == 'Y', start: day(2025, 1, 1).AddDate(0, 0, rng.IntN(600)),
					rent: 50000 + rng.Int64N(400000), fee: rng.Int64N(60000), deposit: rng.Int64N(2000000)}
				c.at(p.start)
				l, err := c.MoveIn(propActor, p.moveIn())
				if err != nil {
					t.Fatal(err)
				}
				leases = append(leases, l)
			}
			c.at(now)
			for _, l := range leases {
				// in date order (see TestBackdatedPaymentIsRecorded)
				var days []time.Time
				for range rng.IntN(4) {
					days = append(days, l.Start.AddDate(0, 0, rng.IntN(daysBetween(l.Start, earlierOf(l.End, seoul.Midnight(now)))+1)))
				}
				slices.SortFunc(days, func(a, b time.Time) int { return a.Compare(b) })
				for _, d := range days {
					if _, err := c.Pay(propActor, l.Unit, d, 1+rng.Int64N(500000), "cash"); err != nil {
						t.Fatalf("pay %s on %v: %v", l.Unit, d, err)
					}
				}
			}
			var rows []sheet.PaymentRow
			var sum int64
			for line := 2; line < 2+20+rng.IntN(300); line++ {
				l := leases[rng.IntN(len(leases))]
				last := earlierOf(l.End.AddDate(0, 0, 60), seoul.Midnight(now))
				d := l.Start.AddDate(0, 0, rng.IntN(daysBetween(l.Start, last)+1))
				amt := 1 + rng.Int64N(3*(l.MonthlyRent+l.ManagementFee))
				rows = append(rows, sheet.PaymentRow{Line: line, Unit: l.Unit, Date: d, Amount: amt,
					Method: []string{"cash", "card", "transfer"}[rng.IntN(3)]})
				sum += amt
			}
			checkAll := func(when string) {
				t.Helper()
				for _, l := range leases {
					ls, pays, tot, st := leaseState(t, c.db, l.ID)
					for _, msg := range propertyA(ls, pays, st) {
						t.Errorf("%s: lease %s: A: %s", when, l.ID, msg)
					}
					for _, msg := range propertyC(ls, pays, st, c.Now(), tot) {
						t.Errorf("%s: lease %s: C: %s", when, l.ID, msg)
					}
				}
				if n := countKeys(t, c.db, "bulk"); n != 0 {
					t.Errorf("%s: %d bulk keys left", when, n)
				}
			}

			h1, h2 := randomHash(rng), randomHash(rng)
			t0 := takeImportTotals(t, c.db)
			if n, err := c.ImportPayments(propActor, rows, h1); err != nil || n != len(rows) {
				t.Fatalf("first import: %d, %v", n, err)
			}
			t1 := takeImportTotals(t, c.db)
			if t1.payments != t0.payments+len(rows) || t1.money != t0.money+sum || countImported(t, c.db, h1[:16]) != len(rows) {
				t.Errorf("first import: payments %d -> %d, money %d -> %d; want +%d rows, +%d won",
					t0.payments, t1.payments, t0.money, t1.money, len(rows), sum)
			}
			checkAll("after the import")

			// The same file again: refused, nothing written.
			digest, keys := storeDigest(t, c.db)
			_, err := c.ImportPayments(propActor, rows, h1)
			if errs.CodeOf(err) != CodeAlreadyImported {
				t.Fatalf("the same file again: %v, want %s", err, CodeAlreadyImported)
			}
			if d2, k2 := storeDigest(t, c.db); d2 != digest || k2 != keys {
				t.Errorf("a refused import changed the store: %d keys -> %d", keys, k2)
			}
			if t2 := takeImportTotals(t, c.db); t2.audit != t1.audit || t2.payments != t1.payments || t2.money != t1.money {
				t.Errorf("a refused import changed the totals: %+v -> %+v", t1, t2)
			}

			// The same rows under another hash: a different file as far as
			// the store can tell, so its payments are recorded a second time,
			// all of them (the desk is warned by nothing but the hash).
			if n, err := c.ImportPayments(propActor, rows, h2); err != nil || n != len(rows) {
				t.Fatalf("the re-saved file: %d, %v", n, err)
			}
			t3 := takeImportTotals(t, c.db)
			if t3.payments != t1.payments+len(rows) || t3.money != t1.money+sum || countImported(t, c.db, h2[:16]) != len(rows) ||
				countImported(t, c.db, h1[:16]) != len(rows) {
				t.Errorf("the re-saved file: payments %d -> %d, money %d -> %d; want +%d rows, +%d won",
					t1.payments, t3.payments, t1.money, t3.money, len(rows), sum)
			}
			checkAll("after the re-saved file")

			// One bad row anywhere in a file: nothing of it is written.
			bad := slices.Clone(rows)
			br := sheet.PaymentRow{Line: 9999, Unit: leases[0].Unit, Date: leases[0].Start, Amount: 1000, Method: "cash"}
			vacant := ""
			for _, u := range propUnits {
				if !used[u] {
					vacant = u
					break
				}
			}
			switch rng.IntN(5) {
			case 0:
				br.Date = seoul.Midnight(now).AddDate(0, 0, 1)
			case 1:
				br.Amount = 0
			case 2:
				br.Method = "bitcoin"
			case 3:
				br.Unit = "Z99"
			default:
				br.Unit = vacant
			}
			k := rng.IntN(len(bad) + 1)
			bad = slices.Insert(bad, k, br)
			digest, keys = storeDigest(t, c.db)
			_, err = c.ImportPayments(propActor, bad, randomHash(rng))
			if errs.CodeOf(err) != CodeImportRow {
				t.Fatalf("a file with a bad row (%+v): %v", br, err)
			}
			if d2, k2 := storeDigest(t, c.db); d2 != digest || k2 != keys {
				t.Errorf("a refused file changed the store: %d keys -> %d", keys, k2)
			}
		})
	}
}

// --- FuzzAccount: property A on account alone.

// FuzzAccount draws a lease of one or two terms (start day, months, rent
// and fee of each), perhaps moved out with a restoration charge, a late
// interest rate that may change once, and three payments, and checks the
// account: money in = allocated + credit, nothing paid beyond its charge or
// its accrued interest, rents as a hand count of days gives, nothing
// negative.
func FuzzAccount(f *testing.F) {
	f.Add(uint16(0), uint8(12), uint8(0), uint32(300000), uint32(50000), uint32(0), uint32(0),
		int16(0), uint32(350000), int16(40), uint32(100), int16(-3), uint32(5000000),
		uint16(0), uint32(0), uint16(0), uint16(0), uint8(10), uint16(400))
	f.Add(uint16(30), uint8(12), uint8(12), uint32(172000), uint32(30000), uint32(180000), uint32(31000),
		int16(100), uint32(1), int16(400), uint32(999999), int16(700), uint32(12345),
		uint16(200), uint32(150000), uint16(90), uint16(1200), uint8(28), uint16(900))
	f.Add(uint16(59), uint8(1), uint8(0), uint32(47000), uint32(0), uint32(0), uint32(0),
		int16(5), uint32(47000), int16(5), uint32(47000), int16(5), uint32(47000),
		uint16(1), uint32(1), uint16(1), uint16(10000), uint8(1), uint16(1))
	f.Add(uint16(365), uint8(24), uint8(12), uint32(4294967295), uint32(4294967295), uint32(1), uint32(1),
		int16(-32768), uint32(4294967295), int16(32767), uint32(0), int16(300), uint32(4294967295),
		uint16(60000), uint32(4294967295), uint16(60000), uint16(65535), uint8(255), uint16(65535))
	f.Fuzz(func(t *testing.T, startOff uint16, months1, months2 uint8, rent1, fee1, rent2, fee2 uint32,
		d1 int16, a1 uint32, d2 int16, a2 uint32, d3 int16, a3 uint32,
		outOff uint16, restoration uint32, rateOff uint16, bp2 uint16, dueDay uint8, asOfOff uint16) {
		st := DefaultSettings()
		st.DueDay = 1 + int(dueDay)%28
		if rateOff > 0 {
			st.LateInterest = []Rate{{BasisPoints: 500}, {From: day(2020, 1, 1).AddDate(0, 0, int(rateOff)), BasisPoints: int64(bp2) % 10001}}
		}
		start := day(2020, 1, 1).AddDate(0, 0, int(startOff)%3650)
		m1, m2 := 1+int(months1)%36, int(months2)%37
		t1 := Term{Start: start, End: termEnd(start, m1), MonthlyRent: int64(rent1), ManagementFee: int64(fee1)}
		terms := []Term{t1}
		if m2 > 0 {
			s2 := t1.End.AddDate(0, 0, 1)
			terms = append(terms, Term{Start: s2, End: termEnd(s2, m2), Extension: true, MonthlyRent: int64(rent2), ManagementFee: int64(fee2)})
		}
		l := Lease{ID: "L", Unit: "I01", Kind: KindIncubator, Start: start, End: terms[len(terms)-1].End, Terms: terms,
			MonthlyRent: terms[len(terms)-1].MonthlyRent, ManagementFee: terms[len(terms)-1].ManagementFee}
		if outOff > 0 {
			l.MovedOut = earlierOf(start.AddDate(0, 0, int(outOff)-1), l.End.AddDate(0, 0, 1))
			l.Restoration = int64(restoration)
		}
		var pays []Payment
		for i, p := range []struct {
			d int16
			a uint32
		}{{d1, a1}, {d2, a2}, {d3, a3}} {
			pays = append(pays, Payment{ID: fmt.Sprintf("P%d", i), Lease: "L", Unit: "I01", Date: start.AddDate(0, 0, int(p.d)), Amount: int64(p.a)})
		}
		for _, msg := range propertyA(l, pays, st) {
			t.Error(msg)
		}

		// Rents and fees as a hand count: each day's term rent, summed by
		// calendar month and floored once; whole months are the rent.
		sched := schedule(l, st)
		var wantRent, wantFee, gotRent, gotFee int64
		last := l.LastDay()
		for m := firstOfMonth(start); !m.After(last); m = m.AddDate(0, 1, 0) {
			var r, fe int64
			dim := int64(lastOfMonth(m).Day())
			for x := m; x.Month() == m.Month(); x = x.AddDate(0, 0, 1) {
				if x.Before(start) || x.After(last) {
					continue
				}
				for _, tm := range terms {
					if !x.Before(tm.Start) && !x.After(tm.End) {
						r += tm.MonthlyRent
						fe += tm.ManagementFee
					}
				}
			}
			wantRent += r / dim
			wantFee += fe / dim
		}
		for _, inv := range sched {
			gotRent += inv.Rent
			gotFee += inv.Fee
		}
		if gotRent != wantRent || gotFee != wantFee {
			t.Errorf("schedule bills rent %d fee %d; a count of the days gives %d and %d", gotRent, gotFee, wantRent, wantFee)
		}
		if start.Day() == 1 && l.MovedOut.IsZero() {
			full := int64(m1)*int64(rent1) + int64(m2)*int64(rent2)
			if gotRent != full {
				t.Errorf("%d + %d whole months bill rent %d, want %d", m1, m2, gotRent, full)
			}
		}

		// As of a random day: nothing negative, nothing owed below zero.
		asOf := start.AddDate(0, 0, int(asOfOff)%4000)
		a := account(l, slices.Clone(pays), st, asOf)
		if a.Open() < 0 || a.Credit < 0 || a.Rent < 0 || a.Fee < 0 || a.Interest < 0 || a.Restoration < 0 {
			t.Errorf("as of %v: open %d credit %d rent %d fee %d interest %d restoration %d", asOf, a.Open(), a.Credit, a.Rent, a.Fee, a.Interest, a.Restoration)
		}
		var in int64
		for _, p := range pays {
			if !seoul.Midnight(p.Date).After(asOf) {
				in += p.Amount
			}
		}
		if a.Rent+a.Fee+a.Interest+a.Restoration+a.Credit != in {
			t.Errorf("as of %v: paid %d, accounted %d", asOf, in, a.Rent+a.Fee+a.Interest+a.Restoration+a.Credit)
		}
		for _, inv := range a.Invoices {
			if inv.Open() < 0 || inv.PrincipalOpen() < 0 || inv.InterestOpen() < 0 || inv.Issued.After(asOf) ||
				inv.Rent < 0 || inv.Fee < 0 || inv.Interest < 0 || inv.Days < 0 || inv.Days > inv.DaysInMonth {
				t.Errorf("as of %v: invoice %+v", asOf, inv)
			}
		}
	})
}
