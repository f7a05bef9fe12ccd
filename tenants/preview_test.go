package tenants

import (
	"errors"
	"fmt"
	"maps"
	"reflect"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// dumpStore is every key and value of the store, the audit log included.
func dumpStore(t testing.TB, db *store.DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := db.View(func(tx *store.Txn) error {
		return tx.Scan(nil, func(k, v []byte) error {
			out[string(k)] = string(v)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// The leases of previewFixture, and the BRN of the company that left early.
const (
	leftEarlyBRN = "220-81-62517"
	arrearsLease = "I01-20270101" // nothing paid
	paidLease    = "I05-20260401" // one term, paid ahead; may be extended
	tenureLease  = "I04-20250301" // extended twice: at the maximum tenure
	endedLease   = "I07-20260101" // ran out on 2026-12-31
	earlyLease   = "I02-20260301" // moved out 2026-06-01, owing
)

var previewNow = day(2027, 3, 2).Add(10 * time.Hour)

// previewFixture is a store on 2 March 2027 holding leases in every state a
// write can meet: in arrears, paid ahead, at the maximum tenure, ended, moved
// out owing, and a youth founder who left early.
func previewFixture(t *testing.T) clocked {
	t.Helper()
	c := newClocked(t, day(2025, 3, 1))
	a := store.ActorCLI
	must := func(_ any, err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(c.MoveIn(a, incubatorMoveIn("I04", day(2025, 3, 1))))
	must(c.at(day(2026, 1, 1)).MoveIn(a, incubatorMoveIn("I07", day(2026, 1, 1))))
	must(c.at(day(2026, 2, 28)).Extend(a, tenureLease))
	early := incubatorMoveIn("I02", day(2026, 3, 1))
	early.BRN = leftEarlyBRN
	must(c.at(day(2026, 3, 1)).MoveIn(a, early))
	must(c.at(day(2026, 4, 1)).MoveIn(a, incubatorMoveIn("I05", day(2026, 4, 1))))
	must(c.Pay(a, "I05", day(2026, 4, 1), 4_500_000, "transfer"))
	must(c.at(day(2026, 5, 1)).MoveIn(a, youthMoveIn("Y01", day(2026, 5, 1), day(1990, 1, 1))))
	must(c.at(day(2026, 6, 1)).MoveOut(a, earlyLease, day(2026, 6, 1), 0))
	must(c.at(day(2026, 9, 1)).MoveOut(a, "Y01-20260501", day(2026, 9, 1), 0))
	must(c.at(day(2027, 1, 1)).MoveIn(a, incubatorMoveIn("I01", day(2027, 1, 1))))
	must(c.at(day(2027, 2, 28)).Extend(a, tenureLease))
	c.at(previewNow)
	return c
}

// previewCase is a write and its preview, run with the same arguments.
type previewCase struct {
	name string
	want errs.Code // "" for a write that succeeds
	run  func(c clocked, actor store.Actor, preview bool) (any, error)
}

func moveInCase(name string, want errs.Code, m MoveIn) previewCase {
	return previewCase{name, want, func(c clocked, a store.Actor, preview bool) (any, error) {
		if preview {
			return c.CheckMoveIn(a, m)
		}
		return c.MoveIn(a, m)
	}}
}

func extendCase(name string, want errs.Code, id string) previewCase {
	return previewCase{name, want, func(c clocked, a store.Actor, preview bool) (any, error) {
		if preview {
			return c.QuoteExtend(a, id)
		}
		return c.Extend(a, id)
	}}
}

func moveOutCase(name string, want errs.Code, id string, d time.Time, restoration int64) previewCase {
	return previewCase{name, want, func(c clocked, a store.Actor, preview bool) (any, error) {
		if preview {
			return c.QuoteMoveOut(a, id, d, restoration)
		}
		return c.MoveOut(a, id, d, restoration)
	}}
}

func payCase(name string, want errs.Code, unit string, d time.Time, amount int64, method string) previewCase {
	return previewCase{name, want, func(c clocked, a store.Actor, preview bool) (any, error) {
		if preview {
			return c.QuotePay(a, unit, d, amount, method)
		}
		return c.Pay(a, unit, d, amount, method)
	}}
}

func previewCases() []previewCase {
	today := day(2027, 3, 2)
	with := func(m MoveIn, f func(*MoveIn)) MoveIn { f(&m); return m }
	return []previewCase{
		moveInCase("move-in", "", incubatorMoveIn("I10", today)),
		// Born 1986-03-03: 40 on 2027-03-02, the day before the 41st birthday.
		moveInCase("move-in youth, 40", "", youthMoveIn("Y02", today, day(1986, 3, 3))),
		moveInCase("move-in youth, 41 on the birthday", CodeYouthAge, youthMoveIn("Y02", today, day(1986, 3, 2))),
		moveInCase("move-in youth without birth date", CodeBirthRequired, youthMoveIn("Y02", today, time.Time{})),
		moveInCase("move-in, occupied", CodeOccupied, incubatorMoveIn("I01", today)),
		moveInCase("move-in, company left early", CodeReentryBan,
			with(incubatorMoveIn("I10", today), func(m *MoveIn) { m.BRN = leftEarlyBRN })),
		moveInCase("move-in, founder left early", CodeReentryBan,
			with(youthMoveIn("Y03", today, day(1990, 1, 1)), func(m *MoveIn) { m.Company = "새 이름" })),
		moveInCase("move-in longer than a term", CodeTermTooLong,
			with(incubatorMoveIn("I10", today), func(m *MoveIn) { m.End = today.AddDate(1, 0, 0) })),
		moveInCase("move-in, bad BRN", CodeBRN, with(incubatorMoveIn("I10", today), func(m *MoveIn) { m.BRN = "123-45-67890" })),
		moveInCase("move-in, unknown unit", CodeNoUnit, incubatorMoveIn("I99", today)),
		moveInCase("move-in, agency with rent", CodeAgencyRent, incubatorMoveIn("A01", today)),

		extendCase("extend", "", paidLease),
		extendCase("extend past the maximum tenure", CodeMaxTenure, tenureLease),
		extendCase("extend an ended lease", CodeEnded, endedLease),
		extendCase("extend after moving out", CodeMovedOut, earlyLease),
		extendCase("extend no lease", CodeNoLease, "I09-20270101"),

		moveOutCase("move-out owing, restoration", "", arrearsLease, today, 150000),
		moveOutCase("move-out paid ahead", "", paidLease, day(2027, 1, 1), 0),
		moveOutCase("move-out tomorrow", CodeMoveOutDate, arrearsLease, today.AddDate(0, 0, 1), 0),
		moveOutCase("move-out twice", CodeMovedOut, earlyLease, today, 0),
		moveOutCase("move-out, negative restoration", CodeMoney, arrearsLease, today, -1),
		moveOutCase("move-out no lease", CodeNoLease, "nope", today, 0),

		payCase("pay part of the arrears", "", "I01", today, 123456, "cash"),
		payCase("pay more than owed", "", "I01", today, 5_000_000, "card"),
		payCase("pay a lease moved out owing", "", "I02", today, 10000, "transfer"),
		payCase("pay dated back", "", "I05", day(2026, 5, 15), 10000, "cash"),
		payCase("pay zero", CodeAmount, "I01", today, 0, "cash"),
		payCase("pay in bitcoin", CodePayMethod, "I01", today, 5, "bitcoin"),
		payCase("pay tomorrow", CodeFutureDate, "I01", today.AddDate(0, 0, 1), 5, "cash"),
		payCase("pay a vacant unit", CodeNoLeaseOnDate, "I11", today, 5, "cash"),
		payCase("pay an unknown unit", CodeNoUnit, "X1", today, 5, "cash"),
	}
}

// TestPreviewsAreTheWrites: every preview gives what the write that
// follows it gives, result or refusal, and stores nothing; the write then
// stores (a success) or not (a refusal).
func TestPreviewsAreTheWrites(t *testing.T) {
	for _, pc := range previewCases() {
		t.Run(pc.name, func(t *testing.T) {
			c := previewFixture(t)
			before := dumpStore(t, c.db)
			audits := c.db.AuditLen()
			got, gerr := pc.run(c, store.ActorCLI, true)
			if after := dumpStore(t, c.db); !maps.Equal(before, after) || c.db.AuditLen() != audits {
				t.Fatalf("the preview changed the store: %d keys -> %d, %d audit entries -> %d",
					len(before), len(after), audits, c.db.AuditLen())
			}
			want, werr := pc.run(c, store.ActorCLI, false)
			if errs.CodeOf(werr) != pc.want || (pc.want == "" && werr != nil) {
				t.Fatalf("the write: %v (code %q), want code %q", werr, errs.CodeOf(werr), pc.want)
			}
			if (gerr == nil) != (werr == nil) || (gerr != nil && (gerr.Error() != werr.Error() || errs.CodeOf(gerr) != errs.CodeOf(werr))) {
				t.Fatalf("the preview said %v, the write %v", gerr, werr)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("the preview gave\n%+v\nthe write\n%+v", got, want)
			}
			wantAudits := audits + 1
			if pc.want != "" {
				wantAudits = audits
			}
			if n := c.db.AuditLen(); n != wantAudits {
				t.Fatalf("after the write %d audit entries, want %d", n, wantAudits)
			}
			if pc.want == "" && maps.Equal(before, dumpStore(t, c.db)) {
				t.Fatal("the write stored nothing")
			}
		})
	}
}

// TestPreviewsNeedTheWritesPermission: a preview refuses whom its write
// refuses, before any rule, and both store nothing; the manager's preview
// is the manager's write.
func TestPreviewsNeedTheWritesPermission(t *testing.T) {
	fixed := func(a store.Actor) func(*testing.T, *store.DB) store.Actor {
		return func(*testing.T, *store.DB) store.Actor { return a }
	}
	actors := []struct {
		name  string
		actor func(*testing.T, *store.DB) store.Actor
		want  error
	}{
		{"reception", newReception, staff.ErrForbidden},
		{"visitor", fixed(store.ActorVisitor), staff.ErrForbidden},
		{"not staff", fixed("someone"), staff.ErrForbidden},
		{"staff no longer stored", fixed("staff:gone"), staff.ErrUnknownStaff},
		{"manager", newManager, nil},
	}
	for _, pc := range previewCases() {
		for _, a := range actors {
			t.Run(pc.name+"/"+a.name, func(t *testing.T) {
				c := previewFixture(t)
				actor := a.actor(t, c.db)
				before := dumpStore(t, c.db)
				got, gerr := pc.run(c, actor, true)
				if !maps.Equal(before, dumpStore(t, c.db)) {
					t.Fatal("the preview changed the store")
				}
				want, werr := pc.run(c, actor, false)
				if a.want == nil {
					// The manager: as kioskctl in TestPreviewsAreTheWrites.
					if errs.CodeOf(werr) != pc.want || fmt.Sprint(gerr) != fmt.Sprint(werr) || !reflect.DeepEqual(got, want) {
						t.Fatalf("preview %v, %v; write %v, %v", got, gerr, want, werr)
					}
					return
				}
				if !errors.Is(gerr, a.want) || !errors.Is(werr, a.want) {
					t.Fatalf("preview %v, write %v; want %v", gerr, werr, a.want)
				}
				if !maps.Equal(before, dumpStore(t, c.db)) {
					t.Fatal("a refused actor changed the store")
				}
			})
		}
	}
}
