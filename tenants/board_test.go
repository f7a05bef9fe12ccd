package tenants

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// newManager claims the store's first manager with the setup code, as the
// kiosk's first start does, and returns the manager's actor.
func newManager(t *testing.T, db *store.DB) store.Actor {
	t.Helper()
	svc, err := staff.New(db, t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	return stafftest.Claim(t, svc).Actor()
}

// newReception enrols a member of the reception.
func newReception(t *testing.T, db *store.DB) store.Actor {
	t.Helper()
	return stafftest.Enroll(t, db, "안내", staff.RoleReception)
}

// boardDay is the day TestBoard reads the board of.
var boardDay = day(2027, 3, 15)

func boardFixture(t *testing.T) clocked {
	t.Helper()
	c := newClocked(t, boardDay.Add(9*time.Hour))
	a := store.ActorCLI
	with := func(l Lease, f func(*Lease)) Lease { f(&l); return l }
	for _, l := range []Lease{
		// Nothing paid: January to March overdue; ends in December.
		with(lease("I01-20270101", "I01", "연체 회사", day(2027, 1, 1), day(2027, 12, 31)), func(l *Lease) {
			l.Representative, l.Phone = "홍길동", "010-1234-5678"
		}),
		// Paid ahead; its last day is 59 days after boardDay: expiring.
		lease("I02-20260514", "I02", "곧 끝나는 회사", day(2026, 5, 14), day(2027, 5, 13)),
		// Nothing paid, ends 46 days after boardDay: expiring and in arrears.
		lease("I03-20260501", "I03", "둘 다", day(2026, 5, 1), day(2027, 4, 30)),
		// Paid ahead; its last day is 60 days after boardDay: neither.
		lease("I04-20260515", "I04", "괜찮은 회사", day(2026, 5, 15), day(2027, 5, 14)),
		// Moved out owing: the unit is vacant.
		with(lease("I05-20260101", "I05", "떠난 회사", day(2026, 1, 1), day(2026, 12, 31)), func(l *Lease) {
			l.MovedOut = day(2026, 7, 1)
		}),
		// Support agencies pay nothing; one agreement ends in 17 days.
		with(lease("A01-20240101", "A01", "지원기관", day(2024, 1, 1), day(2030, 12, 31)), func(l *Lease) {
			l.MonthlyRent, l.ManagementFee, l.Deposit = 0, 0, 0
		}),
		with(lease("A02-20240101", "A02", "끝나는 기관", day(2024, 1, 1), day(2027, 4, 1)), func(l *Lease) {
			l.MonthlyRent, l.ManagementFee, l.Deposit = 0, 0, 0
		}),
	} {
		if err := c.AddLease(a, l); err != nil {
			t.Fatalf("%s: %v", l.ID, err)
		}
	}
	for _, p := range []struct {
		unit string
		on   time.Time
	}{{"I02", day(2026, 5, 14)}, {"I04", day(2026, 5, 15)}} {
		if _, err := c.Pay(a, p.unit, p.on, 12*350000, "transfer"); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestBoard(t *testing.T) {
	c := boardFixture(t)
	board, err := c.Board(store.ActorCLI, boardDay.Add(15*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	layout := DefaultUnits()
	if len(board) != len(layout) {
		t.Fatalf("%d units on the board, want %d", len(board), len(layout))
	}
	type flags struct {
		lease                     string
		vacant, expiring, arrears bool
		status                    Status
		lastDay                   time.Time
	}
	want := map[string]flags{
		"I01": {"I01-20270101", false, false, true, StatusArrears, day(2027, 12, 31)},
		"I02": {"I02-20260514", false, true, false, StatusExpiring, day(2027, 5, 13)},
		"I03": {"I03-20260501", false, true, true, StatusArrears, day(2027, 4, 30)},
		"I04": {"I04-20260515", false, false, false, StatusActive, day(2027, 5, 14)},
		"A01": {"A01-20240101", false, false, false, StatusActive, day(2030, 12, 31)},
		"A02": {"A02-20240101", false, true, false, StatusExpiring, day(2027, 4, 1)},
	}
	for i, u := range board {
		if u.Unit != layout[i] {
			t.Fatalf("board[%d] is %s, want %s (layout order)", i, u.Unit.ID, layout[i].ID)
		}
		w, ok := want[u.Unit.ID]
		if !ok {
			w = flags{vacant: true}
		}
		got := flags{vacant: u.Vacant, expiring: u.Expiring, arrears: u.Arrears, lastDay: u.LastDay}
		if u.Tenancy != nil {
			got.lease, got.status = u.Tenancy.Lease.ID, u.Tenancy.Status
		}
		if got != w {
			t.Errorf("%s: %+v\nwant %+v", u.Unit.ID, got, w)
		}
		if u.Vacant != (u.Tenancy == nil) {
			t.Errorf("%s: vacant %v with tenancy %v", u.Unit.ID, u.Vacant, u.Tenancy)
		}
		if u.Tenancy == nil {
			if u.Open != 0 {
				t.Errorf("%s: vacant, owing %d", u.Unit.ID, u.Open)
			}
			continue
		}
		// What is owed is the lease's account as the tenancy reads it.
		ten, err := c.Tenancy(u.Tenancy.Lease.ID, boardDay)
		if err != nil {
			t.Fatal(err)
		}
		if u.Open != ten.Account.Open() || !reflect.DeepEqual(u.Tenancy.Account.Invoices, ten.Account.Invoices) {
			t.Errorf("%s: owes %d, the tenancy %d", u.Unit.ID, u.Open, ten.Account.Open())
		}
	}
	// January to March, 350,000 each, with late interest to 15 March:
	// 350,000 × 500bp × 64, 33 and 5 days / 3,650,000 = 3,068 + 1,582 + 239.
	if i01 := board[0]; i01.Open != 1050000+3068+1582+239 {
		t.Errorf("I01 owes %d, want 1,054,889", i01.Open)
	}
	// Personal data is masked on the board.
	if l := board[0].Tenancy.Lease; l.Representative != "홍**" || l.Phone != "010-****-5678" ||
		board[0].Tenancy.Account.Lease.Representative != "홍**" || board[0].Tenancy.Account.Lease.Phone != "010-****-5678" {
		t.Errorf("board shows the representative %q, %q", l.Representative, l.Phone)
	}

	filtered := map[BoardFilter][]string{}
	for _, f := range BoardFilters {
		for _, u := range board {
			if u.Matches(f) {
				filtered[f] = append(filtered[f], u.Unit.ID)
			}
		}
	}
	var vacant []string
	for _, u := range layout {
		if _, ok := want[u.ID]; !ok {
			vacant = append(vacant, u.ID)
		}
	}
	wantFiltered := map[BoardFilter][]string{
		BoardVacant:   vacant,
		BoardOccupied: {"I01", "I02", "I03", "I04", "A01", "A02"},
		BoardExpiring: {"I02", "I03", "A02"},
		BoardArrears:  {"I01", "I03"},
	}
	for f, ids := range wantFiltered {
		if !slices.Equal(filtered[f], ids) {
			t.Errorf("filter %s shows %v, want %v", f, filtered[f], ids)
		}
	}
	if len(filtered[BoardAll]) != len(layout) {
		t.Errorf("filter all shows %d units", len(filtered[BoardAll]))
	}
	if !board[0].Matches("") || board[0].Matches("paid") {
		t.Error(`"" should show every unit and an unknown filter none`)
	}
}

// The board of a day before the lease starts and after it ends.
func TestBoardFollowsTheDay(t *testing.T) {
	c := boardFixture(t)
	for _, d := range []time.Time{day(2026, 12, 31), day(2028, 1, 1)} {
		board, err := c.Board(store.ActorCLI, d)
		if err != nil {
			t.Fatal(err)
		}
		if !board[0].Vacant || board[0].Tenancy != nil || board[0].Arrears {
			t.Errorf("%s: I01 %+v, want vacant", d.Format("2006-01-02"), board[0])
		}
	}
	// The day before the 60th: I04 becomes expiring.
	board, err := c.Board(store.ActorCLI, boardDay.AddDate(0, 0, 1))
	if err != nil {
		t.Fatal(err)
	}
	if !board[3].Expiring || board[3].Arrears {
		t.Errorf("I04 on 16 March: %+v, want expiring", board[3])
	}
}

func TestTenantFile(t *testing.T) {
	c := newClocked(t, day(2024, 1, 1))
	a := store.ActorCLI
	earlier := []Lease{
		lease("I06-20240101", "I06", "예전 회사", day(2024, 1, 1), day(2024, 12, 31)),
		lease("I06-20250101", "I06", "일찍 나간 회사", day(2025, 1, 1), day(2025, 12, 31)),
	}
	earlier[1].MovedOut = day(2025, 6, 1)
	for _, l := range earlier {
		if err := c.AddLease(a, l); err != nil {
			t.Fatal(err)
		}
	}
	c.at(day(2026, 1, 1))
	l, err := c.MoveIn(a, incubatorMoveIn("I06", day(2026, 1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	c.at(day(2026, 1, 5))
	if _, err := c.Pay(a, "I06", day(2026, 1, 5), 350000, "cash"); err != nil {
		t.Fatal(err)
	}
	c.at(day(2026, 2, 20))
	if _, err := c.Pay(a, "I06", day(2026, 2, 20), 100000, "card"); err != nil {
		t.Fatal(err)
	}
	c.at(day(2026, 3, 15))
	f, err := c.TenantFile(store.ActorCLI, l.ID, day(2026, 3, 15))
	if err != nil {
		t.Fatal(err)
	}
	// February's 350,000 was 10 days late when 100,000 paid its interest
	// (479) and 99,521 of rent; 250,479 then ran 23 days more: 1,268 in all,
	// 789 open. March's 350,000 is 5 days late: 239.
	if f.Open != 250479+789+350000+239 || f.LateInterest != 789+239 || !f.Arrears || f.Expiring ||
		f.Tenancy.Status != StatusArrears || f.DepositHeld != 1000000 {
		t.Errorf("file %+v", f)
	}
	if f.Representative != "홍**" || f.Phone != "010-****-5678" || f.Purged ||
		f.Tenancy.Lease.Representative != "홍**" || f.Tenancy.Account.Lease.Phone != "010-****-5678" {
		t.Errorf("representative shown as %q, %q (lease %q, %q)", f.Representative, f.Phone,
			f.Tenancy.Lease.Representative, f.Tenancy.Lease.Phone)
	}
	type paid struct {
		method string
		amount int64
		ap     []Applied
	}
	var got []paid
	for _, al := range f.Payments {
		got = append(got, paid{al.Payment.Method, al.Payment.Amount, al.Applied})
	}
	wantPaid := []paid{
		{"cash", 350000, []Applied{{Invoice: l.ID + "-202601", Month: day(2026, 1, 1), Rent: 300000, Fee: 50000}}},
		{"card", 100000, []Applied{{Invoice: l.ID + "-202602", Month: day(2026, 2, 1), Interest: 479, Rent: 99521}}},
	}
	if !reflect.DeepEqual(got, wantPaid) {
		t.Errorf("payments %+v\nwant %+v", got, wantPaid)
	}
	wantHistory := []PastLease{
		{ID: "I06-20250101", Tenant: "일찍 나간 회사", Start: day(2025, 1, 1), LastDay: day(2025, 5, 31), Exit: ExitEarly},
		{ID: "I06-20240101", Tenant: "예전 회사", Start: day(2024, 1, 1), LastDay: day(2024, 12, 31), Exit: ExitExpired},
	}
	if !reflect.DeepEqual(f.History, wantHistory) {
		t.Errorf("history %+v\nwant %+v", f.History, wantHistory)
	}
	// The earlier lease's file lists only what came before it.
	if old, err := c.TenantFile(store.ActorCLI, "I06-20250101", day(2026, 3, 15)); err != nil || len(old.History) != 1 || old.History[0].ID != "I06-20240101" {
		t.Errorf("the second lease's history %+v, %v", old.History, err)
	}

	// Moving out settles the deposit: none held from the move-out day.
	c.at(day(2026, 4, 1))
	if _, err := c.MoveOut(a, l.ID, day(2026, 4, 1), 0); err != nil {
		t.Fatal(err)
	}
	for _, d := range []struct {
		on   time.Time
		held int64
	}{{day(2026, 3, 31), 1000000}, {day(2026, 4, 1), 0}} {
		f, err := c.TenantFile(store.ActorCLI, l.ID, d.on)
		if err != nil || f.DepositHeld != d.held {
			t.Errorf("deposit held on %s: %d, %v; want %d", d.on.Format("2006-01-02"), f.DepositHeld, err, d.held)
		}
	}
	f, err = c.TenantFile(store.ActorCLI, l.ID, day(2026, 4, 1))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.Payments); n != 3 || f.Payments[2].Payment.Method != MethodDeposit {
		t.Errorf("payments after the move-out %+v, want the deposit applied last", f.Payments)
	}
	if _, err := c.TenantFile(store.ActorCLI, "I06-19990101", day(2026, 4, 1)); errs.CodeOf(err) != CodeNoLease {
		t.Errorf("unknown lease: %v", err)
	}
}

func TestRevealRepresentative(t *testing.T) {
	c := newClocked(t, day(2026, 1, 1))
	manager, reception := newManager(t, c.db), newReception(t, c.db)
	l, err := c.MoveIn(store.ActorCLI, incubatorMoveIn("I06", day(2026, 1, 1)))
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		actor store.Actor
		id    string
		want  error
	}{
		{"manager", manager, l.ID, nil},
		{"kioskctl", store.ActorCLI, l.ID, nil},
		{"reception", reception, l.ID, staff.ErrForbidden},
		{"visitor", store.ActorVisitor, l.ID, staff.ErrForbidden},
		{"member no longer stored", "staff:gone", l.ID, staff.ErrUnknownStaff},
		{"no such lease", manager, "I06-19990101", errs.New(CodeNoLease)},
	}
	for _, cs := range cases {
		t.Run(cs.name, func(t *testing.T) {
			audits := c.db.AuditLen()
			name, phone, err := c.RevealRepresentative(cs.actor, cs.id)
			if !errors.Is(err, cs.want) {
				t.Fatalf("err = %v, want %v", err, cs.want)
			}
			if cs.want != nil {
				if name != "" || phone != "" || c.db.AuditLen() != audits {
					t.Fatalf("refused, yet %q %q shown and %d audit entries -> %d", name, phone, audits, c.db.AuditLen())
				}
				return
			}
			if name != "홍길동" || phone != "010-1234-5678" {
				t.Fatalf("revealed %q, %q", name, phone)
			}
			log, err := c.db.AuditLog(uint64(audits), 0)
			if err != nil || len(log) != 1 {
				t.Fatalf("audit after the reveal: %v, %v", log, err)
			}
			e := log[0]
			notes := strings.Join(e.Notes, " ")
			if e.Action != "tenants.reveal" || e.Actor != cs.actor || !strings.Contains(notes, l.ID) ||
				strings.Contains(notes, "홍") || strings.Contains(notes, "5678") {
				t.Fatalf("audit entry %+v", e)
			}
		})
	}
	// After the retention period the data is gone: nothing to reveal.
	c.at(day(2026, 2, 1))
	if _, err := c.MoveOut(store.ActorCLI, l.ID, day(2026, 2, 1), 0); err != nil {
		t.Fatal(err)
	}
	c.at(day(2031, 2, 1))
	if n, err := c.Purge(store.ActorSystem); err != nil || n != 1 {
		t.Fatalf("purge: %d, %v", n, err)
	}
	if name, phone, err := c.RevealRepresentative(manager, l.ID); err != nil || name != "" || phone != "" {
		t.Fatalf("after the purge: %q %q %v", name, phone, err)
	}
	if f, err := c.TenantFile(store.ActorCLI, l.ID, day(2031, 2, 1)); err != nil || !f.Purged || f.Representative != "" || f.Phone != "" {
		t.Fatalf("file after the purge %+v, %v", f, err)
	}
}

// TestBoardOverdue: a unit's overdue amount is what the arrears list says
// it owes, on the due date's both sides. Between an invoice's issue and its
// due date the tenant owes more than is overdue.
func TestBoardOverdue(t *testing.T) {
	c := boardFixture(t)
	for _, on := range []time.Time{day(2027, 3, 5), day(2027, 3, 10), day(2027, 3, 11), boardDay} {
		board, err := c.Board(store.ActorCLI, on)
		if err != nil {
			t.Fatal(err)
		}
		arrears, err := c.Arrears(on)
		if err != nil {
			t.Fatal(err)
		}
		listed := map[string]int64{} // by lease: a unit's last tenant may have left owing
		for _, a := range arrears {
			listed[a.Lease] = a.Open
		}
		for _, u := range board {
			if u.Tenancy == nil {
				if u.Overdue != 0 {
					t.Errorf("%s on %s: vacant, overdue %d", u.Unit.ID, on.Format("01-02"), u.Overdue)
				}
				continue
			}
			if want := listed[u.Tenancy.Lease.ID]; u.Overdue != want {
				t.Errorf("%s on %s: overdue %d, the arrears list %d", u.Unit.ID, on.Format("01-02"), u.Overdue, want)
			}
			if u.Arrears != (u.Overdue > 0) || u.Overdue > u.Open {
				t.Errorf("%s on %s: arrears %v, overdue %d, open %d", u.Unit.ID, on.Format("01-02"), u.Arrears, u.Overdue, u.Open)
			}
		}
		if i01 := board[0]; on.Day() < 11 && i01.Overdue >= i01.Open {
			t.Errorf("I01 on %s: overdue %d is all of the %d owed, though March is not due yet", on.Format("01-02"), i01.Overdue, i01.Open)
		}
	}
}
