package tenants

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/ledger"
	"github.com/yeongdeungpo/kiosk/internal/personal"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// MoveIn is what the desk records when a company moves in.
type MoveIn struct {
	Unit           string
	Company        string
	BRN            string // 123-45-67890; optional for a youth desk and an agency
	Representative string
	Phone          string
	BirthDate      time.Time // the founder's, required for a youth desk
	Start          time.Time
	End            time.Time // zero: one term (TermMonths) from Start
	MonthlyRent    int64
	ManagementFee  int64
	Deposit        int64
}

// newLease checks a move-in against the rules that need no store and builds
// its lease: the names, numbers and dates, youth eligibility, one term.
func newLease(m MoveIn, u Unit, st Settings, now time.Time) (Lease, error) {
	company, ok := personal.CleanText(m.Company, 1, 60)
	if !ok {
		return Lease{}, errs.New(CodeCompany)
	}
	rep, ok := personal.CleanText(m.Representative, 1, 30)
	if !ok {
		return Lease{}, errs.New(CodeRepresentative)
	}
	phone, err := NormalizePhone(m.Phone)
	if err != nil {
		return Lease{}, err
	}
	brn, err := NormalizeBRN(m.BRN)
	if err != nil {
		return Lease{}, err
	}
	if brn == "" && u.Kind == KindIncubator {
		return Lease{}, errs.New(CodeBRNRequired)
	}
	if m.MonthlyRent < 0 || m.ManagementFee < 0 || m.Deposit < 0 {
		return Lease{}, errs.New(CodeMoney)
	}
	if u.Kind == KindAgency && m.MonthlyRent+m.ManagementFee > 0 {
		return Lease{}, errs.New(CodeAgencyRent)
	}
	start := seoul.Midnight(m.Start)
	end := termEnd(start, st.TermMonths)
	if !m.End.IsZero() {
		end = seoul.Midnight(m.End)
	}
	if end.Before(start) {
		return Lease{}, errs.New(CodeDates)
	}
	// A support agency's agreement with the district may run for years; a
	// company's contract is one term at a time.
	if u.Kind != KindAgency && end.After(termEnd(start, st.TermMonths)) {
		return Lease{}, errs.New(CodeTermTooLong, st.TermMonths)
	}
	l := Lease{
		ID: leaseID(u.ID, start), Unit: u.ID, Kind: u.Kind, Tenant: company, BRN: brn,
		Representative: rep, Phone: phone,
		Start: start, End: end, Terms: []Term{{Start: start, End: end, MonthlyRent: m.MonthlyRent, ManagementFee: m.ManagementFee}},
		MonthlyRent: m.MonthlyRent, ManagementFee: m.ManagementFee, Deposit: m.Deposit, CreatedAt: now,
		DueDay: st.DueDay,
	}
	if u.Kind == KindYouth {
		if m.BirthDate.IsZero() {
			return Lease{}, errs.New(CodeBirthRequired, st.YouthMaxAge)
		}
		if age := Age(m.BirthDate, start); age > st.YouthMaxAge {
			return Lease{}, errs.New(CodeYouthAge, start.Format("2006-01-02"), age, st.YouthMaxAge)
		}
		l.BirthDate = seoul.Midnight(m.BirthDate)
		l.PersonKey = personKey(rep, l.BirthDate)
	}
	return l, nil
}

// leaseID names a lease by its unit and first day: I05-20270301.
func leaseID(unit string, start time.Time) string {
	return unit + "-" + start.In(seoul.Location).Format("20060102")
}

// checkReentry refuses l when the same company (by its BRN) or, for a youth
// desk, the same founder graduated or left early less than ReentryBanDays
// before l's start.
func checkReentry(tx *store.Txn, l Lease, st Settings) error {
	if st.ReentryBanDays == 0 || l.Kind == KindAgency {
		return nil
	}
	check := func(prefix []byte) error {
		return tx.Scan(prefix, func(k, _ []byte) error {
			id := string(k[len(prefix):])
			if id == l.ID {
				return nil
			}
			o, err := getLease(tx, id)
			if err != nil {
				return err
			}
			if o.Kind == KindAgency || !o.Ended(l.Start) {
				return nil
			}
			switch o.ExitOn(l.Start, st) {
			case ExitEarly, ExitGraduated:
			default:
				return nil
			}
			until := o.LastDay().AddDate(0, 0, 1+st.ReentryBanDays)
			if l.Start.Before(until) {
				return errs.New(CodeReentryBan, until.Format("2006-01-02"), st.ReentryBanDays)
			}
			return nil
		})
	}
	if l.BRN != "" {
		if err := check(store.Prefix("leasebrn", l.BRN)); err != nil {
			return err
		}
	}
	if l.PersonKey != "" {
		return check(store.Prefix("leaseperson", l.PersonKey))
	}
	return nil
}

// insertLease checks l against the store (its unit is free, the re-entry
// ban) and stores it.
func insertLease(tx *store.Txn, l Lease, st Settings) error {
	if ok, err := tx.Has(leaseKey(l.ID)); err != nil {
		return err
	} else if ok {
		return errs.New(CodeOccupied, l.Unit)
	}
	if err := checkFree(tx, l, ""); err != nil {
		return err
	}
	if err := checkReentry(tx, l, st); err != nil {
		return err
	}
	return putLease(tx, l)
}

// perform runs op, the body of a write, either in an audited write
// (store.DB.Update, as action by actor) or, for a preview, in a rehearsal
// that stores nothing (store.DB.Rehearse). A write and its preview are thus
// one code path: what a screen shows before asking is what would be saved,
// every rule and refusal included.
func perform[T any](s *Service, preview bool, actor store.Actor, action string, op func(tx *store.Txn) (T, error)) (T, error) {
	var out T
	fn := func(tx *store.Txn) error {
		var err error
		out, err = op(tx)
		return err
	}
	var err error
	if preview {
		err = s.db.Rehearse(fn)
	} else {
		err = s.db.Update(actor, action, fn)
	}
	if err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// MoveIn records a company moving into a unit, after every rule: the unit
// exists and is free, the details are valid, a youth founder is eligible on
// the start date, one term at most, no re-entry ban. actor needs
// staff.PermTenancy.
func (s *Service) MoveIn(actor store.Actor, m MoveIn) (Lease, error) {
	return s.moveIn(false, actor, m)
}

// CheckMoveIn runs MoveIn's rules (the same code) and stores nothing: the
// lease MoveIn would make now, or its refusal.
func (s *Service) CheckMoveIn(actor store.Actor, m MoveIn) (Lease, error) {
	return s.moveIn(true, actor, m)
}

func (s *Service) moveIn(preview bool, actor store.Actor, m MoveIn) (Lease, error) {
	now := s.Now()
	return perform(s, preview, actor, "lease.movein", func(tx *store.Txn) (Lease, error) {
		if err := staff.Require(tx, actor, staff.PermTenancy); err != nil {
			return Lease{}, err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return Lease{}, err
		}
		u, err := getUnit(tx, m.Unit)
		if err != nil {
			return Lease{}, err
		}
		l, err := newLease(m, u, st, now)
		if err != nil {
			return Lease{}, err
		}
		if err := insertLease(tx, l, st); err != nil {
			return Lease{}, err
		}
		tx.Note("lease %s movein unit=%s %s..%s rent=%d fee=%d deposit=%d", l.ID, l.Unit,
			l.Start.Format("2006-01-02"), l.End.Format("2006-01-02"), l.MonthlyRent, l.ManagementFee, l.Deposit)
		return l, nil
	})
}

// Extend adds one term to a running lease, within the maximum tenure of its
// unit's kind. actor needs staff.PermTenancy.
func (s *Service) Extend(actor store.Actor, id string) (Lease, error) {
	return s.extend(false, actor, id)
}

// QuoteExtend runs Extend (the same code) and stores nothing: the lease as
// it would be after the extension, or the refusal (past the maximum
// tenure, with the latest end it allows).
func (s *Service) QuoteExtend(actor store.Actor, id string) (Lease, error) {
	return s.extend(true, actor, id)
}

func (s *Service) extend(preview bool, actor store.Actor, id string) (Lease, error) {
	now := s.Now()
	return perform(s, preview, actor, "lease.extend", func(tx *store.Txn) (Lease, error) {
		if err := staff.Require(tx, actor, staff.PermTenancy); err != nil {
			return Lease{}, err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return Lease{}, err
		}
		l, err := getLease(tx, id)
		if err != nil {
			return Lease{}, err
		}
		if err := extend(tx, &l, st, now); err != nil {
			return Lease{}, err
		}
		tx.Note("lease %s extended to %s", l.ID, l.End.Format("2006-01-02"))
		return l, nil
	})
}

func extend(tx *store.Txn, l *Lease, st Settings, now time.Time) error {
	if !l.MovedOut.IsZero() {
		return errs.New(CodeMovedOut, l.MovedOut.Format("2006-01-02"))
	}
	if l.Ended(now) {
		return errs.New(CodeEnded, l.End.Format("2006-01-02"))
	}
	start := l.End.AddDate(0, 0, 1)
	end := termEnd(start, st.TermMonths)
	if maxMonths := st.MaxTenureMonths(l.Kind); maxMonths > 0 {
		limit := termEnd(l.Start, maxMonths)
		if end.After(limit) {
			return errs.New(CodeMaxTenure, maxMonths, l.Start.Format("2006-01-02"), limit.Format("2006-01-02"))
		}
	}
	l.End = end
	l.Terms = append(l.Terms, Term{Start: start, End: end, Extension: true, MonthlyRent: l.MonthlyRent, ManagementFee: l.ManagementFee})
	if err := checkFree(tx, *l, ""); err != nil {
		return err
	}
	if err := putLease(tx, *l); err != nil {
		return err
	}
	_, err := reconcile(tx, *l, nil, now, "ext"+start.Format("20060102"))
	return err
}

// Settlement is what a move-out settles: the deposit against what is owed.
// Line by line: the deposit; less the open invoices (Invoices, summing to
// Open), their late interest (Interest) and the restoration, as far as the
// deposit goes (Applied); plus credit paid in advance; is the refund. What
// the deposit does not cover is the shortfall.
type Settlement struct {
	Lease       Lease     `json:"-"`
	Date        time.Time `json:"date"`
	Deposit     int64     `json:"deposit"`
	Open        int64     `json:"arrears"`       // rent and fees owed at move-out, before the deposit
	Interest    int64     `json:"late_interest"` // late interest owed at move-out
	Restoration int64     `json:"restoration"`
	Credit      int64     `json:"credit"`    // paid in advance, returned
	Applied     int64     `json:"applied"`   // taken from the deposit
	Refund      int64     `json:"refund"`    // deposit left plus credit, paid back
	Shortfall   int64     `json:"shortfall"` // still owed after the deposit (stays in arrears)
	// Invoices are the invoices open at move-out, before the deposit, as of
	// the move-out day: their open charges add up to Open, their open late
	// interest to Interest.
	Invoices []Invoice `json:"invoices,omitempty"`
}

// MoveOut records the tenant handing the unit back on date (billed to the
// day before) with restoration costs, and settles the deposit: it pays the
// open invoices with their late interest and the restoration charge, oldest
// first, and what is left of it, with any credit, is refunded; a shortfall
// stays as arrears. actor needs staff.PermTenancy.
func (s *Service) MoveOut(actor store.Actor, id string, day time.Time, restoration int64) (Settlement, error) {
	return s.moveOut(false, actor, id, day, restoration)
}

// QuoteMoveOut runs MoveOut (the same code) and stores nothing: the
// settlement MoveOut would record, or its refusal.
func (s *Service) QuoteMoveOut(actor store.Actor, id string, day time.Time, restoration int64) (Settlement, error) {
	return s.moveOut(true, actor, id, day, restoration)
}

func (s *Service) moveOut(preview bool, actor store.Actor, id string, day time.Time, restoration int64) (Settlement, error) {
	now := s.Now()
	day = seoul.Midnight(day)
	return perform(s, preview, actor, "lease.moveout", func(tx *store.Txn) (Settlement, error) {
		if err := staff.Require(tx, actor, staff.PermTenancy); err != nil {
			return Settlement{}, err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return Settlement{}, err
		}
		l, err := getLease(tx, id)
		if err != nil {
			return Settlement{}, err
		}
		if !l.MovedOut.IsZero() {
			return Settlement{}, errs.New(CodeMovedOut, l.MovedOut.Format("2006-01-02"))
		}
		if restoration < 0 {
			return Settlement{}, errs.New(CodeMoney)
		}
		if day.Before(l.Start) || day.After(l.End.AddDate(0, 0, 1)) || day.After(seoul.Midnight(now)) {
			return Settlement{}, errs.New(CodeMoveOutDate, l.End.AddDate(0, 0, 1).Format("2006-01-02"))
		}
		l.MovedOut, l.Restoration = day, restoration
		pays, err := leasePayments(tx, l.ID)
		if err != nil {
			return Settlement{}, err
		}
		before := account(l, pays, st, day)
		set := Settlement{Lease: l, Date: day, Deposit: l.Deposit, Restoration: restoration}
		var restorationOpen int64
		for _, inv := range before.Invoices {
			if inv.Restoration > 0 {
				restorationOpen += inv.PrincipalOpen()
			} else {
				set.Open += inv.PrincipalOpen()
				if inv.Open() > 0 {
					set.Invoices = append(set.Invoices, inv)
				}
			}
			set.Interest += inv.InterestOpen()
		}
		owed := set.Open + set.Interest + restorationOpen
		set.Applied = min(l.Deposit, owed)
		var added []Payment
		// Numbered now, so that the replay puts them after the payments
		// already recorded for the same day.
		pay := func(d time.Time, amount int64, method string) error {
			id, err := nextPaymentID(tx)
			added = append(added, Payment{ID: id, Lease: l.ID, Unit: l.Unit, Date: d, Amount: amount, Method: method, At: now})
			return err
		}
		if set.Applied > 0 {
			if err := pay(day, set.Applied, MethodDeposit); err != nil {
				return Settlement{}, err
			}
		}
		// Payments already recorded with dates after the move-out day (the
		// move-out entered late) pay what the deposit did not, then come back
		// with the credit.
		last := day
		for _, p := range pays {
			last = laterOf(last, seoul.Midnight(p.Date))
		}
		after := account(l, append(append([]Payment(nil), pays...), added...), st, last)
		set.Credit = after.Credit
		set.Shortfall = after.Open()
		set.Refund = l.Deposit - set.Applied + set.Credit
		if set.Credit > 0 {
			if err := pay(last, -set.Credit, MethodRefund); err != nil {
				return Settlement{}, err
			}
		}
		for _, p := range added {
			if err := putPayment(tx, p); err != nil {
				return Settlement{}, err
			}
		}
		if err := tx.Put(leaseKey(l.ID), l); err != nil {
			return Settlement{}, err
		}
		tx.Note("lease %s moveout %s deposit=%d applied=%d restoration=%d refund=%d shortfall=%d",
			l.ID, day.Format("2006-01-02"), l.Deposit, set.Applied, restoration, set.Refund, set.Shortfall)
		if _, err := reconcile(tx, l, added, day, "out"); err != nil {
			return Settlement{}, err
		}
		return set, nil
	})
}

// Lease returns one lease.
func (s *Service) Lease(id string) (Lease, error) {
	var l Lease
	err := s.db.View(func(tx *store.Txn) error {
		var err error
		l, err = getLease(tx, id)
		return err
	})
	return l, err
}

// ParseMethod checks a desk payment method: cash, card or transfer.
func ParseMethod(s string) (string, error) {
	switch m := strings.ToLower(strings.TrimSpace(s)); m {
	case "cash", "card", "transfer":
		return m, nil
	}
	return "", errs.New(CodePayMethod)
}

// Receipt is what a payment paid off.
type Receipt struct {
	Payment Payment
	Applied []Applied
	Credit  int64
}

// Pay records a payment for the lease holding unit on day, and posts its
// split to the ledger. actor needs staff.PermTenancy.
func (s *Service) Pay(actor store.Actor, unit string, day time.Time, amount int64, method string) (Receipt, error) {
	return s.pay(false, actor, unit, day, amount, method)
}

// QuotePay runs Pay (the same code) and stores nothing: the receipt Pay
// would give now (what the payment would pay off, and the credit left),
// or its refusal.
func (s *Service) QuotePay(actor store.Actor, unit string, day time.Time, amount int64, method string) (Receipt, error) {
	return s.pay(true, actor, unit, day, amount, method)
}

func (s *Service) pay(preview bool, actor store.Actor, unit string, day time.Time, amount int64, method string) (Receipt, error) {
	now := s.Now()
	day = seoul.Midnight(day)
	return perform(s, preview, actor, "lease.payment", func(tx *store.Txn) (Receipt, error) {
		if err := staff.Require(tx, actor, staff.PermTenancy); err != nil {
			return Receipt{}, err
		}
		method, err := ParseMethod(method)
		if err != nil {
			return Receipt{}, err
		}
		if amount <= 0 {
			return Receipt{}, errs.New(CodeAmount)
		}
		if day.After(seoul.Midnight(now)) {
			return Receipt{}, errs.New(CodeFutureDate, day.Format("2006-01-02"))
		}
		st, err := loadSettings(tx)
		if err != nil {
			return Receipt{}, err
		}
		u, err := getUnit(tx, unit)
		if err != nil {
			return Receipt{}, err
		}
		l, err := payee(tx, u.ID, day, st)
		if err != nil {
			return Receipt{}, err
		}
		p := Payment{Lease: l.ID, Unit: u.ID, Date: day, Amount: amount, Method: method, At: now}
		if p.ID, err = nextPaymentID(tx); err != nil {
			return Receipt{}, err
		}
		if err := putPayment(tx, p); err != nil {
			return Receipt{}, err
		}
		// The catch-up tag differs from the payment's own entries: a payment
		// dated before others re-splits them, and that is posted apart.
		acc, err := reconcile(tx, l, []Payment{p}, day, "re"+p.ID)
		if err != nil {
			return Receipt{}, err
		}
		var r Receipt
		for _, al := range acc.Allocations {
			if al.Payment.ID == p.ID {
				r = Receipt{Payment: p, Applied: al.Applied, Credit: al.Credit}
			}
		}
		tx.Note("payment %s lease=%s amount=%d %s", p.ID, l.ID, amount, method)
		return r, nil
	})
}

// Keys of payments.
func paymentKey(id string) []byte { return store.Key("payment", id) }

func leasePaymentKey(lease, id string) []byte { return store.Key("leasepay", lease, id) }

var paymentSeqKey = store.Key("seq", "payment")

// nextPaymentID numbers payments P00000001, P00000002, ... in the order
// they were recorded.
func nextPaymentID(tx *store.Txn) (string, error) {
	ids, err := reservePaymentIDs(tx, 1)
	if err != nil {
		return "", err
	}
	return ids[0], nil
}

func reservePaymentIDs(tx *store.Txn, n int) ([]string, error) {
	var last uint64
	if err := tx.Get(paymentSeqKey, &last); err != nil && !errors.Is(err, store.ErrNotFound) {
		return nil, err
	}
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("P%08d", last+uint64(i)+1)
	}
	return out, tx.Put(paymentSeqKey, last+uint64(n))
}

func putPayment(tx *store.Txn, p Payment) error {
	if err := tx.PutRaw(leasePaymentKey(p.Lease, p.ID), nil); err != nil {
		return err
	}
	return tx.Put(paymentKey(p.ID), p)
}

func leasePayments(tx *store.Txn, lease string) ([]Payment, error) {
	var out []Payment
	prefix := store.Prefix("leasepay", lease)
	err := tx.Scan(prefix, func(k, _ []byte) error {
		var p Payment
		if err := tx.Get(paymentKey(string(k[len(prefix):])), &p); err != nil {
			return err
		}
		out = append(out, p)
		return nil
	})
	return out, err
}

// paidTotals is what the ledger should hold for a lease: what its payments
// paid, by kind, and the credit left.
func paidTotals(a Account) map[ledger.Kind]int64 {
	return map[ledger.Kind]int64{
		ledger.Rent: a.Rent, ledger.ManagementFee: a.Fee, ledger.LateInterest: a.Interest,
		ledger.Restoration: a.Restoration, ledger.Credit: a.Credit,
	}
}

var reconcileKinds = []ledger.Kind{ledger.LateInterest, ledger.Rent, ledger.ManagementFee, ledger.Restoration, ledger.Credit}

// reconcile brings the ledger of a lease in line with its account after a
// write that changed the lease (old to l) or added payments. Each added
// payment's split is posted on its own date under its own ID; whatever else
// moved (credit applied to an extension, advance payments for months given
// up at a move-out) is posted at day under tag. Asking for the same state
// twice posts nothing.
func reconcile(tx *store.Txn, l Lease, added []Payment, day time.Time, tag string) (Account, error) {
	st, err := loadSettings(tx)
	if err != nil {
		return Account{}, err
	}
	pays, err := leasePayments(tx, l.ID)
	if err != nil {
		return Account{}, err
	}
	far := date(9999, 12, 31)
	acc := account(l, pays, st, far)
	ref := ledger.LeaseRef(l.ID)
	isNew := map[string]bool{}
	for _, p := range added {
		isNew[p.ID] = true
	}
	for _, al := range acc.Allocations {
		if !isNew[al.Payment.ID] {
			continue
		}
		split := map[ledger.Kind]int64{ledger.Credit: al.Credit}
		for _, ap := range al.Applied {
			split[ledger.LateInterest] += ap.Interest
			split[ledger.Rent] += ap.Rent
			split[ledger.ManagementFee] += ap.Fee
			split[ledger.Restoration] += ap.Restoration
		}
		for _, k := range reconcileKinds {
			e := ledger.Entry{Ref: ref, ID: al.Payment.ID + "-" + string(k), At: al.Payment.Date, Kind: k,
				Amount: split[k], Unit: l.Unit, Method: al.Payment.Method}
			if err := ledger.Post(tx, e); err != nil {
				return acc, err
			}
		}
	}
	have, err := ledger.SumRef(tx, ref)
	if err != nil {
		return acc, err
	}
	want := paidTotals(acc)
	for _, k := range reconcileKinds {
		e := ledger.Entry{Ref: ref, ID: tag + "-" + string(k), At: day, Kind: k, Amount: want[k] - have[k], Unit: l.Unit}
		if err := ledger.Post(tx, e); err != nil {
			return acc, err
		}
	}
	return acc, nil
}

// payee is the lease a payment for unit on day goes to: the lease holding
// the unit that day, or else the unit's last lease before it while that
// one still owes (arrears paid after moving out).
func payee(tx *store.Txn, unit string, day time.Time, st Settings) (Lease, error) {
	l, ok, err := leaseOn(tx, unit, day)
	if err != nil || ok {
		return l, err
	}
	if l.ID != "" && l.Ended(day) {
		pays, err := leasePayments(tx, l.ID)
		if err != nil {
			return l, err
		}
		if account(l, pays, st, day).Open() > 0 {
			return l, nil
		}
	}
	return Lease{}, errs.New(CodeNoLeaseOnDate, unit, day.Format("2006-01-02"))
}
