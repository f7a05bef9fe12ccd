package tenants

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/ledger"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// clocked is a tenants service whose clock the test moves.
type clocked struct {
	*Service
	db  *store.DB
	now *time.Time
}

func newClocked(t *testing.T, now time.Time) clocked {
	t.Helper()
	svc, db := newTestService(t)
	c := clocked{db: db, now: &now}
	svc.now = func() time.Time { return *c.now }
	c.Service = svc
	return c
}

func (c clocked) at(d time.Time) clocked { *c.now = d; return c }

const validBRN = "123-45-67891" // check digit worked out by hand: see TestNormalizeBRN

func incubatorMoveIn(unit string, start time.Time) MoveIn {
	return MoveIn{Unit: unit, Company: "가나다 주식회사", BRN: validBRN, Representative: "홍길동", Phone: "010-1234-5678",
		Start: start, MonthlyRent: 300000, ManagementFee: 50000, Deposit: 1000000}
}

func youthMoveIn(unit string, start, birth time.Time) MoveIn {
	return MoveIn{Unit: unit, Company: "청년 창업", Representative: "김청년", Phone: "010-2222-3333",
		BirthDate: birth, Start: start, MonthlyRent: 47000}
}

func TestNormalizeBRN(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		// 1×1+2×3+3×7+4×1+5×3+6×7+7×1+8×3+9×5 = 165, + 9×5/10 = 4 -> 169; (10 - 9) % 10 = 1.
		{"123-45-67891", "1234567891", true},
		{"1234567891", "1234567891", true},
		{" 123 45 67891 ", "1234567891", true},
		{"123-45-67890", "", false},
		{"123-45-6789", "", false},
		{"123-45-678911", "", false},
		{"12a-45-67891", "", false},
		{"", "", true},
		// 2+6+21+... for 220-81-62517 (a real registration number format): check digit 7.
		{"220-81-62517", "2208162517", true},
	}
	for _, c := range cases {
		got, err := NormalizeBRN(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("NormalizeBRN(%q) = %q, %v; want %q ok=%v", c.in, got, err, c.want, c.ok)
		}
		if err != nil && errs.CodeOf(err) != CodeBRN {
			t.Errorf("NormalizeBRN(%q) code %q", c.in, errs.CodeOf(err))
		}
	}
}

func TestMoveInRules(t *testing.T) {
	now := day(2027, 3, 2)
	with := func(m MoveIn, f func(*MoveIn)) MoveIn { f(&m); return m }
	cases := []struct {
		name string
		m    MoveIn
		want errs.Code
	}{
		{"ok", incubatorMoveIn("I03", day(2027, 3, 1)), ""},
		{"unknown unit", incubatorMoveIn("I99", day(2027, 3, 1)), CodeNoUnit},
		{"no company", with(incubatorMoveIn("I03", day(2027, 3, 1)), func(m *MoveIn) { m.Company = "  " }), CodeCompany},
		{"no representative", with(incubatorMoveIn("I03", day(2027, 3, 1)), func(m *MoveIn) { m.Representative = "" }), CodeRepresentative},
		{"bad phone", with(incubatorMoveIn("I03", day(2027, 3, 1)), func(m *MoveIn) { m.Phone = "12345" }), CodePhone},
		{"bad BRN", with(incubatorMoveIn("I03", day(2027, 3, 1)), func(m *MoveIn) { m.BRN = "123-45-67890" }), CodeBRN},
		{"incubator without BRN", with(incubatorMoveIn("I03", day(2027, 3, 1)), func(m *MoveIn) { m.BRN = "" }), CodeBRNRequired},
		{"negative deposit", with(incubatorMoveIn("I03", day(2027, 3, 1)), func(m *MoveIn) { m.Deposit = -1 }), CodeMoney},
		{"end before start", with(incubatorMoveIn("I03", day(2027, 3, 1)), func(m *MoveIn) { m.End = day(2027, 2, 1) }), CodeDates},
		{"longer than a term", with(incubatorMoveIn("I03", day(2027, 3, 1)), func(m *MoveIn) { m.End = day(2028, 3, 1) }), CodeTermTooLong},
		{"exactly a term", with(incubatorMoveIn("I03", day(2027, 3, 1)), func(m *MoveIn) { m.End = day(2028, 2, 29) }), ""},
		{"occupied unit", incubatorMoveIn("I01", day(2027, 3, 1)), CodeOccupied},
		{"agency with rent", with(incubatorMoveIn("A01", day(2027, 3, 1)), func(m *MoveIn) { m.MonthlyRent = 1 }), CodeAgencyRent},
		{"agency without rent or BRN", with(incubatorMoveIn("A01", day(2027, 3, 1)), func(m *MoveIn) { m.MonthlyRent, m.ManagementFee, m.BRN = 0, 0, "" }), ""},
		{"youth without birth date", youthMoveIn("Y02", day(2027, 3, 1), time.Time{}), CodeBirthRequired},
		// Born 1986-03-02: 40 on 2027-03-01 (the day before the 41st birthday), 41 on 2027-03-02.
		{"youth 40 the day before the 41st birthday", youthMoveIn("Y02", day(2027, 3, 1), day(1986, 3, 2)), ""},
		{"youth 41 on the birthday", youthMoveIn("Y02", day(2027, 3, 2), day(1986, 3, 2)), CodeYouthAge},
		{"youth without BRN is fine", youthMoveIn("Y02", day(2027, 3, 1), day(1995, 5, 5)), ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newClocked(t, now)
			if _, err := s.MoveIn(store.ActorCLI, incubatorMoveIn("I01", day(2027, 1, 1))); err != nil {
				t.Fatal(err)
			}
			audits := s.db.AuditLen()
			l, err := s.MoveIn(store.ActorCLI, c.m)
			if errs.CodeOf(err) != c.want || (c.want == "" && err != nil) {
				t.Fatalf("MoveIn err = %v (code %q), want %q", err, errs.CodeOf(err), c.want)
			}
			if c.want != "" {
				if s.db.AuditLen() != audits || countKeys(t, s.db, "lease") != 1 {
					t.Fatalf("a refused move-in wrote: audits %d -> %d", audits, s.db.AuditLen())
				}
				if _, ok := errs.Korean(err); !ok {
					t.Fatalf("refusal without words: %v", err)
				}
				return
			}
			got, err := s.Lease(l.ID)
			if err != nil || got.Unit != c.m.Unit || !got.Start.Equal(c.m.Start) || len(got.Terms) != 1 {
				t.Fatalf("stored lease %+v, %v", got, err)
			}
			if c.m.End.IsZero() && !got.End.Equal(c.m.Start.AddDate(1, 0, -1)) {
				t.Errorf("default end %v, want a year less a day", got.End)
			}
		})
	}
}

func TestExtendWithinTheMaximumTenure(t *testing.T) {
	cases := []struct {
		name       string
		m          MoveIn
		extensions int // that succeed; the next is refused
	}{
		{"incubator, 36 months", incubatorMoveIn("I05", day(2026, 3, 1)), 2},
		{"youth desk, 24 months", youthMoveIn("Y05", day(2026, 3, 1), day(1990, 1, 1)), 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newClocked(t, day(2026, 3, 1))
			l, err := s.MoveIn(store.ActorCLI, c.m)
			if err != nil {
				t.Fatal(err)
			}
			for i := range c.extensions {
				s.at(l.End) // extended on its last day
				if l, err = s.Extend(store.ActorCLI, l.ID); err != nil {
					t.Fatalf("extension %d: %v", i+1, err)
				}
			}
			wantEnd := day(2026, 3, 1).AddDate(c.extensions+1, 0, -1)
			if !l.End.Equal(wantEnd) || len(l.Terms) != c.extensions+1 || !l.Terms[c.extensions].Extension {
				t.Fatalf("after extensions: end %v terms %+v, want end %v", l.End, l.Terms, wantEnd)
			}
			audits := s.db.AuditLen()
			if _, err := s.Extend(store.ActorCLI, l.ID); errs.CodeOf(err) != CodeMaxTenure {
				t.Fatalf("extension past the maximum: %v", err)
			}
			if s.db.AuditLen() != audits {
				t.Fatal("a refused extension wrote")
			}
			s.at(l.End.AddDate(0, 0, 1))
			if got, _ := s.Tenancy(l.ID, l.End.AddDate(0, 0, 1)); got.Status != StatusGraduated {
				t.Errorf("status after the maximum tenure %q, want graduated", got.Status)
			}
		})
	}
	t.Run("an ended lease is not extended", func(t *testing.T) {
		s := newClocked(t, day(2026, 3, 1))
		l, _ := s.MoveIn(store.ActorCLI, incubatorMoveIn("I06", day(2026, 3, 1)))
		s.at(l.End.AddDate(0, 0, 1))
		if _, err := s.Extend(store.ActorCLI, l.ID); errs.CodeOf(err) != CodeEnded {
			t.Fatalf("err = %v", err)
		}
	})
}

func TestReentryBan(t *testing.T) {
	type exit int
	const (
		graduate exit = iota
		early
		expired
	)
	cases := []struct {
		name    string
		how     exit
		youth   bool
		again   func(lastDay time.Time) time.Time // the new start
		refused bool
	}{
		{"graduate, the day the ban ends", graduate, false, func(d time.Time) time.Time { return d.AddDate(0, 0, 366) }, false},
		{"graduate, the day before it ends", graduate, false, func(d time.Time) time.Time { return d.AddDate(0, 0, 365) }, true},
		{"early leaver, a month later", early, false, func(d time.Time) time.Time { return d.AddDate(0, 1, 0) }, true},
		{"early leaver, after the ban", early, false, func(d time.Time) time.Time { return d.AddDate(0, 0, 366) }, false},
		{"term ran out, no extension: no ban", expired, false, func(d time.Time) time.Time { return d.AddDate(0, 0, 1) }, false},
		{"youth founder in person, other desk", early, true, func(d time.Time) time.Time { return d.AddDate(0, 2, 0) }, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newClocked(t, day(2024, 1, 1))
			m := incubatorMoveIn("I07", day(2024, 1, 1))
			if c.youth {
				m = youthMoveIn("Y07", day(2024, 1, 1), day(1995, 5, 5))
			}
			l, err := s.MoveIn(store.ActorCLI, m)
			if err != nil {
				t.Fatal(err)
			}
			switch c.how {
			case graduate:
				for range 2 {
					s.at(l.End)
					if l, err = s.Extend(store.ActorCLI, l.ID); err != nil {
						t.Fatal(err)
					}
				}
			case early:
				s.at(day(2024, 6, 1))
				if _, err := s.MoveOut(store.ActorCLI, l.ID, day(2024, 6, 1), 0); err != nil {
					t.Fatal(err)
				}
				l, _ = s.Lease(l.ID)
			}
			start := c.again(l.LastDay())
			s.at(start)
			again := incubatorMoveIn("I08", start)
			if c.youth {
				// Another desk, another company name, the same founder.
				again = youthMoveIn("Y08", start, day(1995, 5, 5))
				again.Company = "새 이름"
			}
			_, err = s.MoveIn(store.ActorCLI, again)
			if got := errs.CodeOf(err) == CodeReentryBan; got != c.refused || (!c.refused && err != nil) {
				t.Fatalf("move-in on %s after leaving %s: %v, refused want %v", start.Format("2006-01-02"), l.LastDay().Format("2006-01-02"), err, c.refused)
			}
		})
	}
}

func TestMoveOutSettlement(t *testing.T) {
	cases := []struct {
		name        string
		pay         int64
		restoration int64
		want        Settlement
		invoices    []string // open at move-out, before the deposit
	}{
		{
			// Jan-Mar paid in full (1,050,000); out on 1 April: nothing owed;
			// restoration 200,000 from the 1,000,000 deposit.
			name: "deposit covers the restoration", pay: 1050000, restoration: 200000,
			want: Settlement{Deposit: 1000000, Restoration: 200000, Applied: 200000, Refund: 800000},
		},
		{
			// Nothing paid: Jan-Mar 1,050,000 owed with late interest to 1 April:
			// January 350,000 × 81 days (11 Jan-1 Apr), February × 50 (11 Feb-1 Apr),
			// March × 22 (11 Mar-1 Apr), each × 500 / 3,650,000 and floored
			// alone: 3,883 + 2,397 + 1,054 = 7,334.
			name: "shortfall stays as arrears", pay: 0, restoration: 100000,
			want:     Settlement{Deposit: 1000000, Open: 1050000, Interest: 7334, Restoration: 100000, Applied: 1000000, Shortfall: 157334},
			invoices: []string{"I09-20270101-202701", "I09-20270101-202702", "I09-20270101-202703"},
		},
		{
			// 1,500,000 paid: the lease's 12 months are 4,200,000, so it all paid
			// ahead; out on 1 April cuts the lease to three months, 450,000 is credit.
			name: "advance payment comes back", pay: 1500000, restoration: 0,
			want: Settlement{Deposit: 1000000, Credit: 450000, Refund: 1450000},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := newClocked(t, day(2027, 1, 1))
			l, err := s.MoveIn(store.ActorCLI, incubatorMoveIn("I09", day(2027, 1, 1)))
			if err != nil {
				t.Fatal(err)
			}
			if c.pay > 0 {
				if _, err := s.Pay(store.ActorCLI, "I09", day(2027, 1, 1), c.pay, "transfer"); err != nil {
					t.Fatal(err)
				}
			}
			s.at(day(2027, 4, 1))
			got, err := s.MoveOut(store.ActorCLI, l.ID, day(2027, 4, 1), c.restoration)
			if err != nil {
				t.Fatal(err)
			}
			var ids []string
			var open, interest int64
			for _, inv := range got.Invoices {
				ids = append(ids, inv.ID)
				open += inv.PrincipalOpen()
				interest += inv.InterestOpen()
			}
			if !reflect.DeepEqual(ids, c.invoices) || open != got.Open || interest != got.Interest {
				t.Errorf("settlement lists invoices %v owing %d and %d late interest; want %v, %d and %d",
					ids, open, interest, c.invoices, got.Open, got.Interest)
			}
			got.Lease, got.Date, got.Invoices = Lease{}, time.Time{}, nil
			if !reflect.DeepEqual(got, c.want) {
				t.Fatalf("settlement %+v\nwant       %+v", got, c.want)
			}
			if got.Deposit+got.Credit != got.Applied+got.Refund {
				t.Errorf("deposit and credit %d do not equal applied and refunded %d", got.Deposit+got.Credit, got.Applied+got.Refund)
			}
			ten, err := s.Tenancy(l.ID, day(2027, 4, 1))
			if err != nil {
				t.Fatal(err)
			}
			if ten.Account.Open() != c.want.Shortfall || ten.Account.Credit != 0 {
				t.Errorf("after the move-out: open %d (want the shortfall %d), credit %d", ten.Account.Open(), c.want.Shortfall, ten.Account.Credit)
			}
			// The ledger of the lease holds what was paid, the deposit applied,
			// and no credit left.
			var tot ledger.Totals
			_ = s.db.View(func(tx *store.Txn) error { tot, err = ledger.SumRef(tx, ledger.LeaseRef(l.ID)); return err })
			var income int64
			for k, v := range tot {
				if k.Income() {
					income += v
				}
			}
			if tot[ledger.Credit] != 0 || income != c.pay-c.want.Credit+c.want.Applied {
				t.Errorf("ledger %v: income %d, want %d", tot, income, c.pay-c.want.Credit+c.want.Applied)
			}
			if _, err := s.MoveOut(store.ActorCLI, l.ID, day(2027, 4, 1), 0); errs.CodeOf(err) != CodeMovedOut {
				t.Errorf("second move-out: %v", err)
			}
		})
	}
}

func TestPaymentRefusalsWriteNothing(t *testing.T) {
	s := newClocked(t, day(2027, 2, 1))
	if _, err := s.MoveIn(store.ActorCLI, incubatorMoveIn("I10", day(2027, 1, 1))); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		unit   string
		day    time.Time
		amount int64
		method string
		want   errs.Code
	}{
		{"zero", "I10", day(2027, 1, 5), 0, "cash", CodeAmount},
		{"negative", "I10", day(2027, 1, 5), -5, "cash", CodeAmount},
		{"bitcoin", "I10", day(2027, 1, 5), 5, "bitcoin", CodePayMethod},
		{"future", "I10", day(2027, 2, 2), 5, "cash", CodeFutureDate},
		{"vacant unit", "I11", day(2027, 1, 5), 5, "cash", CodeNoLeaseOnDate},
		{"before the lease", "I10", day(2026, 12, 31), 5, "cash", CodeNoLeaseOnDate},
		{"unknown unit", "X1", day(2027, 1, 5), 5, "cash", CodeNoUnit},
	}
	for _, c := range cases {
		audits := s.db.AuditLen()
		_, err := s.Pay(store.ActorCLI, c.unit, c.day, c.amount, c.method)
		if errs.CodeOf(err) != c.want {
			t.Errorf("%s: %v, want %s", c.name, err, c.want)
		}
		if s.db.AuditLen() != audits || countKeys(t, s.db, "payment") != 0 || countKeys(t, s.db, "ledger") != 0 {
			t.Errorf("%s: the refusal wrote", c.name)
		}
	}
	if _, err := s.Pay(store.ActorCLI, "I10", day(2027, 1, 5), 1, "cash"); err != nil {
		t.Fatal(err)
	}
	if !errors.Is(errs.New(CodeAmount, 1), errs.New(CodeAmount)) {
		t.Fatal("codes do not match as sentinels")
	}
}
