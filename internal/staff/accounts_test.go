package staff

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// enroll adds a member through AddMember, as kioskctl would.
func enroll(t *testing.T, e *env, name string, role Role, pin string) Staff {
	t.Helper()
	m, err := e.svc.AddMember(store.ActorCLI, name, role, pin)
	if err != nil {
		t.Fatalf("AddMember(%s): %v", name, err)
	}
	return m
}

// crew is a claimed store with a second manager and two at reception.
type crew struct {
	*env
	t                    *testing.T
	boss, park, kim, lee Staff // boss is the claimed manager
}

const (
	parkPIN = "730194"
	kimPIN  = "583920"
	leePIN  = "619283"
)

func newCrew(t *testing.T) *crew {
	t.Helper()
	e := claimed(t)
	c := &crew{env: e, t: t, boss: Staff{ID: ManagerID, Name: ManagerName, Role: RoleManager}}
	c.park = enroll(t, e, "박관리", RoleManager, parkPIN)
	c.kim = enroll(t, e, "김접수", RoleReception, kimPIN)
	c.lee = enroll(t, e, "이접수", RoleReception, leePIN)
	return c
}

// members is the stored members by ID, PIN hashes included.
func members(t *testing.T, db *store.DB) map[string]memberRecord {
	t.Helper()
	out := map[string]memberRecord{}
	err := db.View(func(tx *store.Txn) error {
		return tx.Scan(prefixMembers, func(_, v []byte) error {
			var m memberRecord
			if err := decode(v, &m); err != nil {
				return err
			}
			out[m.ID] = m
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// staffState is every staff key and value, for "nothing changed" checks.
func staffState(t *testing.T, db *store.DB) string {
	t.Helper()
	var b strings.Builder
	err := db.View(func(tx *store.Txn) error {
		return tx.Scan(store.Prefix("staff")[:len("staff")], func(k, v []byte) error {
			fmt.Fprintf(&b, "%s=%s\n", k, v)
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// lockOut makes MaxAttempts wrong attempts on member id's account.
func lockOut(t *testing.T, e *env, id string) {
	t.Helper()
	var err error
	for range MaxAttempts {
		_, err = e.svc.Login(id, "999990")
	}
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("%s not locked: %v", id, err)
	}
}

// TestStaffActionsByRole: every staff-management action and the audit
// reads, for every kind of actor. Reception, a removed member, a visitor
// and an actor that is nobody are refused by the domain, with nothing
// written; the managers and kioskctl are allowed. Each actor has a store of
// its own, in which each action has a member of its own to act on.
func TestStaffActionsByRole(t *testing.T) {
	type targets map[string]Staff // by action
	actions := []struct {
		name string
		do   func(c *crew, to Staff, actor store.Actor) error
		// changed reports whether the action left its mark (for an
		// allowed actor).
		changed func(t *testing.T, c *crew, to Staff) bool
	}{
		{"add", func(c *crew, _ Staff, a store.Actor) error {
			_, err := c.svc.AddMember(a, "최신입", RoleReception, "482019")
			return err
		}, func(t *testing.T, c *crew, _ Staff) bool {
			for _, m := range members(t, c.db) {
				if m.Name == "최신입" {
					return true
				}
			}
			return false
		}},
		{"rename", func(c *crew, to Staff, a store.Actor) error { return c.svc.Rename(a, to.ID, "새이름") },
			func(t *testing.T, c *crew, to Staff) bool { return members(t, c.db)[to.ID].Name == "새이름" }},
		{"set role", func(c *crew, to Staff, a store.Actor) error { return c.svc.SetRole(a, to.ID, RoleManager) },
			func(t *testing.T, c *crew, to Staff) bool { return members(t, c.db)[to.ID].Role == RoleManager }},
		{"remove", func(c *crew, to Staff, a store.Actor) error { return c.svc.Remove(a, to.ID) },
			func(t *testing.T, c *crew, to Staff) bool { _, ok := members(t, c.db)[to.ID]; return !ok }},
		{"reset PIN", func(c *crew, to Staff, a store.Actor) error { return c.svc.ResetPIN(a, to.ID, "482020") },
			func(t *testing.T, c *crew, to Staff) bool { return members(t, c.db)[to.ID].PIN.matches("482020") }},
		{"unlock", func(c *crew, to Staff, a store.Actor) error { return c.svc.Unlock(a, to.ID) },
			func(t *testing.T, c *crew, to Staff) bool { _, ok := lockRec(t, c.db, keyLock(to.ID)); return !ok }},
		{"accounts", func(c *crew, _ Staff, a store.Actor) error { _, err := c.svc.Accounts(a); return err }, nil},
		{"audit log", func(c *crew, _ Staff, a store.Actor) error {
			_, _, err := c.svc.AuditLog(a, AuditFilter{}, 0, 10)
			return err
		}, nil},
		{"verify audit", func(c *crew, _ Staff, a store.Actor) error { _, err := c.svc.VerifyAudit(a); return err }, nil},
	}
	actors := []struct {
		name  string
		actor func(c *crew) store.Actor
		want  error
	}{
		{"manager", func(c *crew) store.Actor { return c.boss.Actor() }, nil},
		{"second manager", func(c *crew) store.Actor { return c.park.Actor() }, nil},
		{"kioskctl", func(*crew) store.Actor { return store.ActorCLI }, nil},
		{"reception", func(c *crew) store.Actor { return c.kim.Actor() }, ErrForbidden},
		{"removed manager", func(c *crew) store.Actor {
			if err := c.svc.Remove(c.boss.Actor(), c.park.ID); err != nil {
				c.t.Fatal(err)
			}
			return c.park.Actor()
		}, ErrUnknownStaff},
		{"visitor", func(*crew) store.Actor { return store.ActorVisitor }, ErrForbidden},
		{"nobody", func(*crew) store.Actor { return "someone" }, ErrForbidden},
	}
	for _, who := range actors {
		t.Run(who.name, func(t *testing.T) {
			t.Parallel()
			c := newCrew(t)
			to := targets{}
			for i, a := range actions {
				to[a.name] = enroll(t, c.env, fmt.Sprintf("대상%d", i), RoleReception, fmt.Sprintf("7291%02d", i+30))
			}
			lockOut(t, c.env, to["unlock"].ID) // something for unlock to undo
			actor := who.actor(c)
			for _, a := range actions {
				before, n := staffState(t, c.db), c.db.AuditLen()
				err := a.do(c, to[a.name], actor)
				if who.want == nil {
					if err != nil {
						t.Fatalf("%s refused: %v", a.name, err)
					}
					if a.changed != nil && !a.changed(t, c, to[a.name]) {
						t.Fatalf("%s allowed, but nothing changed", a.name)
					}
					continue
				}
				if !errors.Is(err, who.want) {
					t.Fatalf("%s: %v, want %v", a.name, err, who.want)
				}
				if staffState(t, c.db) != before || c.db.AuditLen() != n {
					t.Fatalf("%s refused, but wrote something", a.name)
				}
			}
		})
	}
}

// TestPerAccountLockout: wrong PINs lock that account only; a manager
// unlocks it, reception cannot, nor a manager their own; a lock ends by
// itself after LockDuration.
func TestPerAccountLockout(t *testing.T) {
	c := newCrew(t)
	start := c.clock.Now()
	lockOut(t, c.env, c.kim.ID)
	if until, locked, err := c.svc.LockStatus(c.kim.ID); !locked || err != nil || !until.Equal(start.Add(LockDuration)) {
		t.Fatalf("kim: LockStatus = %v, %v, %v", until, locked, err)
	}
	if _, err := c.svc.Login(c.kim.ID, kimPIN); !errors.Is(err, ErrLocked) {
		t.Fatalf("kim's right PIN while locked: %v", err)
	}
	// Everyone else signs in.
	for _, m := range []struct {
		id, pin string
	}{{c.lee.ID, leePIN}, {ManagerID, managerPIN}, {c.park.ID, parkPIN}} {
		if got, err := c.svc.Login(m.id, m.pin); err != nil || got.ID != m.id {
			t.Fatalf("%s while kim is locked: %+v, %v", m.id, got, err)
		}
		if _, locked, err := c.svc.LockStatus(m.id); locked || err != nil {
			t.Fatalf("%s: locked %v, %v", m.id, locked, err)
		}
	}
	if _, _, err := c.svc.LockStatus("nobody"); !errors.Is(err, ErrUnknownStaff) {
		t.Fatalf("LockStatus of nobody: %v", err)
	}
	// The claim keeps a lock of its own: untouched.
	if _, ok := lockRec(t, c.db, keyClaimLock); ok {
		t.Fatal("a member's wrong PINs counted on the claim")
	}
	accounts, err := c.svc.Accounts(c.boss.Actor())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range accounts {
		if want := a.ID == c.kim.ID; !a.LockedUntil.IsZero() != want {
			t.Fatalf("account %s: LockedUntil %v", a.ID, a.LockedUntil)
		}
	}

	// Reception cannot unlock, not even its own colleague.
	if err := c.svc.Unlock(c.lee.Actor(), c.kim.ID); !errors.Is(err, ErrForbidden) {
		t.Fatalf("reception unlocks: %v", err)
	}
	if _, locked, _ := c.svc.LockStatus(c.kim.ID); !locked {
		t.Fatal("kim unlocked by reception")
	}
	if err := c.svc.Unlock(c.park.Actor(), c.kim.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := lockRec(t, c.db, keyLock(c.kim.ID)); ok {
		t.Fatal("lock record kept after Unlock")
	}
	if got, err := c.svc.Login(c.kim.ID, kimPIN); err != nil || got != c.kim {
		t.Fatalf("kim after unlock: %+v, %v", got, err)
	}
	last, _, err := c.svc.AuditLog(c.boss.Actor(), AuditFilter{Action: "staff.unlock"}, 0, 1)
	if err != nil || len(last) != 1 || last[0].Actor != c.park.Actor() || !slices.Contains(last[0].Notes, "id="+c.kim.ID) {
		t.Fatalf("unlock audit: %+v, %v", last, err)
	}

	// A manager cannot unlock their own account, locked or not: another
	// manager or kioskctl does.
	lockOut(t, c.env, c.park.ID)
	for _, m := range []Staff{c.park, c.boss} { // park is locked, the boss not
		before := staffState(t, c.db)
		if err := c.svc.Unlock(m.Actor(), m.ID); !errors.Is(err, ErrUnlockSelf) {
			t.Fatalf("%s unlocks themselves: %v", m.ID, err)
		}
		if staffState(t, c.db) != before {
			t.Fatalf("%s: refused unlock wrote", m.ID)
		}
	}
	if _, locked, _ := c.svc.LockStatus(c.park.ID); !locked {
		t.Fatal("park unlocked themselves")
	}
	if en, _ := errs.English(c.svc.Unlock(c.park.Actor(), c.park.ID)); !strings.Contains(en, "Ask another manager") {
		t.Fatalf("unlock-self sentence %q", en)
	}
	if err := c.svc.Unlock(c.boss.Actor(), c.park.ID); err != nil {
		t.Fatalf("the other manager unlocks park: %v", err)
	}
	if got, err := c.svc.Login(c.park.ID, parkPIN); err != nil || got != c.park {
		t.Fatalf("park after the boss's unlock: %+v, %v", got, err)
	}
	lockOut(t, c.env, ManagerID)
	if err := c.svc.Unlock(store.ActorCLI, ManagerID); err != nil {
		t.Fatalf("kioskctl unlocks the manager: %v", err)
	}
	if _, locked, _ := c.svc.LockStatus(ManagerID); locked {
		t.Fatal("kioskctl's unlock left the manager locked")
	}

	// A lock also ends by itself; the count then starts afresh.
	lockOut(t, c.env, c.lee.ID)
	c.clock.Advance(LockDuration)
	if _, err := c.svc.Login(c.lee.ID, "999990"); !errors.Is(err, ErrWrongPIN) || errors.Is(err, ErrLocked) {
		t.Fatalf("after the lock: %v", err)
	}
	if l, _ := lockRec(t, c.db, keyLock(c.lee.ID)); l.Failures != 1 {
		t.Fatalf("failures %d after the lock ended, want 1", l.Failures)
	}
}

// TestConcurrentWrongPINsOnTwoAccounts: wrong PINs on two accounts at once
// are each counted on their own account, exactly.
func TestConcurrentWrongPINsOnTwoAccounts(t *testing.T) {
	c := newCrew(t)
	var wg sync.WaitGroup
	for i := range 2 * (MaxAttempts - 1) {
		id := []string{c.kim.ID, c.lee.ID}[i%2]
		wg.Go(func() { _, _ = c.svc.Login(id, fmt.Sprintf("8888%02d", i+10)) })
	}
	wg.Go(func() { _, _ = c.svc.Login(ManagerID, managerPIN) })
	wg.Wait()
	for _, id := range []string{c.kim.ID, c.lee.ID} {
		if l, _ := lockRec(t, c.db, keyLock(id)); l.Failures != MaxAttempts-1 || !l.Until.IsZero() {
			t.Fatalf("%s: %+v, want %d failures and no lock", id, l, MaxAttempts-1)
		}
	}
	if _, ok := lockRec(t, c.db, keyLock(ManagerID)); ok {
		t.Fatal("the manager's success left a lock record")
	}
}

// TestAddMember: names, roles, PINs and IDs.
func TestAddMember(t *testing.T) {
	cases := []struct {
		name     string
		member   string
		role     Role
		pin      string
		want     error
		stored   string // the name kept
		countsOn bool   // counted on the manager's account
	}{
		{name: "ok", member: "정접수", role: RoleReception, pin: "482019", stored: "정접수"},
		{name: "trimmed", member: "  정 접수  ", role: RoleReception, pin: "482019", stored: "정 접수"},
		{name: "inner spaces", member: "Jung   Min", role: RoleManager, pin: "482019", stored: "Jung Min"},
		{name: "20 characters", member: strings.Repeat("가", 20), role: RoleReception, pin: "482019", stored: strings.Repeat("가", 20)},
		{name: "21 characters", member: strings.Repeat("가", 21), role: RoleReception, pin: "482019", want: ErrName},
		{name: "empty", member: "", role: RoleReception, pin: "482019", want: ErrName},
		{name: "blank", member: " \t ", role: RoleReception, pin: "482019", want: ErrName},
		{name: "control", member: "정\x00접수", role: RoleReception, pin: "482019", want: ErrName},
		{name: "bad UTF-8", member: "정\xff", role: RoleReception, pin: "482019", want: ErrName},
		{name: "taken", member: "김접수", role: RoleReception, pin: "482019", want: ErrNameTaken},
		{name: "taken but for case", member: "KIM", role: RoleReception, pin: "482019", want: ErrNameTaken},
		{name: "taken but for spaces", member: " 김접수 ", role: RoleManager, pin: "482019", want: ErrNameTaken},
		{name: "bad role", member: "정접수", role: "janitor", pin: "482019", want: ErrRole},
		{name: "no role", member: "정접수", role: "", pin: "482019", want: ErrRole},
		{name: "weak PIN", member: "정접수", role: RoleReception, pin: "123456", want: ErrWeakPIN},
		{name: "bad PIN", member: "정접수", role: RoleReception, pin: "48201", want: ErrBadPIN},
		{name: "another member's PIN", member: "정접수", role: RoleReception, pin: kimPIN, stored: "정접수"},
		{name: "the manager's own PIN", member: "정접수", role: RoleManager, pin: managerPIN, stored: "정접수"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := claimed(t)
			kim := enroll(t, e, "김접수", RoleReception, kimPIN)
			enroll(t, e, "kim", RoleReception, "619283")
			before := members(t, e.db)
			m, err := e.svc.AddMember(Staff{ID: ManagerID}.Actor(), c.member, c.role, c.pin)
			if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
				t.Fatalf("AddMember = %+v, %v, want %v", m, err, c.want)
			}
			l, _ := lockRec(t, e.db, keyLock(ManagerID))
			if (l.Failures == 1) != c.countsOn {
				t.Fatalf("manager's failures %d, counted want %v", l.Failures, c.countsOn)
			}
			after := members(t, e.db)
			if c.want != nil {
				if len(after) != len(before) || m != (Staff{}) {
					t.Fatalf("refused, yet %d members (was %d), returned %+v", len(after), len(before), m)
				}
				return
			}
			got, ok := after[m.ID]
			if !ok || m.ID != "s4" || got.Staff != m || m.Name != c.stored || m.Role != c.role ||
				!got.PINSet.Equal(e.clock.Now()) || !got.PIN.matches(c.pin) {
				t.Fatalf("added %+v, stored %+v", m, got)
			}
			if signed, err := e.svc.Login(m.ID, c.pin); err != nil || signed != m {
				t.Fatalf("the new member signs in: %+v, %v", signed, err)
			}
			// Whoever else holds the same PIN still signs in as themselves.
			for _, o := range []struct {
				id, pin string
			}{{ManagerID, managerPIN}, {kim.ID, kimPIN}} {
				if signed, err := e.svc.Login(o.id, o.pin); err != nil || signed.ID != o.id {
					t.Fatalf("Login(%s) after the add: %+v, %v", o.id, signed, err)
				}
			}
		})
	}
}

// TestCheckName: CheckName answers what AddMember (except "") and Rename
// of member except would answer about a name, and writes nothing.
func TestCheckName(t *testing.T) {
	c := newCrew(t) // 관리자, 박관리, 김접수, 이접수
	cases := []struct {
		name, except string
		want         error
	}{
		{"정접수", "", nil},
		{"  정  접수 ", "", nil},
		{strings.Repeat("가", 20), "", nil},
		{strings.Repeat("가", 21), "", ErrName},
		{" \t ", "", ErrName},
		{"정\x00접수", "", ErrName},
		{"김접수", "", ErrNameTaken},
		{" 김접수 ", "", ErrNameTaken},
		{ManagerName, "", ErrNameTaken},
		{"김접수", c.kim.ID, nil}, // kim's own name
		{"김접수", c.lee.ID, ErrNameTaken},
		{"", c.kim.ID, ErrName},
	}
	for _, cs := range cases {
		audits := c.db.AuditLen()
		err := c.svc.CheckName(cs.name, cs.except)
		if !errors.Is(err, cs.want) || (cs.want == nil && err != nil) {
			t.Fatalf("CheckName(%q, %q) = %v, want %v", cs.name, cs.except, err, cs.want)
		}
		if c.db.AuditLen() != audits {
			t.Fatalf("CheckName(%q) wrote", cs.name)
		}
		// The write gives the same answer (and, allowed, does it).
		var werr error
		if cs.except == "" {
			var m Staff
			if m, werr = c.svc.AddMember(store.ActorCLI, cs.name, RoleReception, "582047"); werr == nil {
				if err := c.svc.Remove(store.ActorCLI, m.ID); err != nil {
					t.Fatal(err)
				}
			}
		} else {
			name := members(t, c.db)[cs.except].Name
			if werr = c.svc.Rename(store.ActorCLI, cs.except, cs.name); werr == nil {
				if err := c.svc.Rename(store.ActorCLI, cs.except, name); err != nil {
					t.Fatal(err)
				}
			}
		}
		if !errors.Is(werr, cs.want) || (cs.want == nil && werr != nil) {
			t.Fatalf("the write with %q, %q: %v, while CheckName said %v", cs.name, cs.except, werr, err)
		}
	}
}

// TestMemberIDsAreNeverReused: IDs follow a sequence that a removal does
// not give back, and Members lists by name.
func TestMemberIDsAreNeverReused(t *testing.T) {
	e := claimed(t)
	a := enroll(t, e, "나", RoleReception, "582910")
	b := enroll(t, e, "다", RoleReception, "582911")
	if a.ID != "s2" || b.ID != "s3" {
		t.Fatalf("IDs %s, %s", a.ID, b.ID)
	}
	if err := e.svc.Remove(store.ActorCLI, b.ID); err != nil {
		t.Fatal(err)
	}
	c := enroll(t, e, "가", RoleManager, "582912")
	if c.ID != "s4" {
		t.Fatalf("after removing s3, the next is %s, want s4", c.ID)
	}
	ms, err := e.svc.Members()
	if err != nil {
		t.Fatal(err)
	}
	want := []Staff{c, a, {ID: ManagerID, Name: ManagerName, Role: RoleManager}} // 가, 나, 관리자 sorts after 가 and before 나
	slices.SortFunc(want, func(x, y Staff) int { return strings.Compare(x.Name, y.Name) })
	if !slices.Equal(ms, want) || ms[0].Name != "가" {
		t.Fatalf("Members = %+v, want %+v", ms, want)
	}
}

// TestRenameAndRoles: renames by the name rules; the last manager can be
// neither demoted nor removed, and nobody removes themselves.
func TestRenameAndRoles(t *testing.T) {
	c := newCrew(t)
	boss := c.boss.Actor()
	steps := []struct {
		name string
		do   func() error
		want error
	}{
		{"rename", func() error { return c.svc.Rename(boss, c.kim.ID, " 김 수정 ") }, nil},
		{"rename to own name in capitals", func() error { return c.svc.Rename(boss, c.kim.ID, "김 수정") }, nil},
		{"rename to a taken name", func() error { return c.svc.Rename(boss, c.kim.ID, "이접수") }, ErrNameTaken},
		{"rename badly", func() error { return c.svc.Rename(boss, c.kim.ID, "") }, ErrName},
		{"rename nobody", func() error { return c.svc.Rename(boss, "s99", "누구") }, ErrUnknownStaff},
		{"bad role", func() error { return c.svc.SetRole(boss, c.kim.ID, "owner") }, ErrRole},
		{"role of nobody", func() error { return c.svc.SetRole(boss, "s99", RoleManager) }, ErrUnknownStaff},
		{"remove self", func() error { return c.svc.Remove(boss, ManagerID) }, ErrRemoveSelf},
		{"remove nobody", func() error { return c.svc.Remove(boss, "s99") }, ErrUnknownStaff},
		{"demote the other manager", func() error { return c.svc.SetRole(boss, c.park.ID, RoleReception) }, nil},
		{"demote self, the last manager", func() error { return c.svc.SetRole(boss, ManagerID, RoleReception) }, ErrLastManager},
		{"kioskctl demotes the last manager", func() error { return c.svc.SetRole(store.ActorCLI, ManagerID, RoleReception) }, ErrLastManager},
		{"kioskctl removes the last manager", func() error { return c.svc.Remove(store.ActorCLI, ManagerID) }, ErrLastManager},
		{"promote kim", func() error { return c.svc.SetRole(boss, c.kim.ID, RoleManager) }, nil},
		{"demote self, another manager left", func() error { return c.svc.SetRole(boss, ManagerID, RoleReception) }, nil},
		{"the demoted may no longer manage", func() error { return c.svc.SetRole(boss, ManagerID, RoleManager) }, ErrForbidden},
		{"the last manager removes the demoted", func() error { return c.svc.Remove(c.kim.Actor(), ManagerID) }, nil},
	}
	for _, s := range steps {
		before := staffState(t, c.db)
		err := s.do()
		if !errors.Is(err, s.want) || (s.want == nil && err != nil) {
			t.Fatalf("%s: %v, want %v", s.name, err, s.want)
		}
		if s.want != nil && staffState(t, c.db) != before {
			t.Fatalf("%s: refused but written", s.name)
		}
	}
	ms := members(t, c.db)
	if _, ok := ms[ManagerID]; ok || ms[c.kim.ID].Name != "김 수정" || ms[c.kim.ID].Role != RoleManager ||
		ms[c.park.ID].Role != RoleReception || len(ms) != 3 {
		t.Fatalf("members at the end: %+v", ms)
	}
	// Every change is audited under the person who made it, with the
	// target's ID; never a name.
	page, _, err := c.svc.AuditLog(store.ActorCLI, AuditFilter{Action: "staff.r"}, 0, 50)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range page {
		got = append(got, fmt.Sprintf("%s %s %s", e.Actor, e.Action, strings.Join(e.Notes, ",")))
	}
	k, p := c.kim.ID, c.park.ID
	want := []string{
		"staff:" + k + " staff.remove id=manager",
		"staff:manager staff.role id=manager role=reception",
		"staff:manager staff.role id=" + k + " role=manager",
		"staff:manager staff.role id=" + p + " role=reception",
		"staff:manager staff.rename id=" + k,
		"staff:manager staff.rename id=" + k,
	}
	if !slices.Equal(got, want) {
		t.Fatalf("audit:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestResetPIN: a manager sets a forgotten PIN, which also lifts the lock;
// the PIN may be someone else's too, and each still signs in to their own
// account only.
func TestResetPIN(t *testing.T) {
	c := newCrew(t)
	lockOut(t, c.env, c.kim.ID)
	boss := c.boss.Actor()
	if err := c.svc.ResetPIN(boss, c.kim.ID, "1234"); !errors.Is(err, ErrBadPIN) {
		t.Fatalf("short PIN: %v", err)
	}
	if err := c.svc.ResetPIN(boss, "s99", "402719"); !errors.Is(err, ErrUnknownStaff) {
		t.Fatalf("nobody: %v", err)
	}
	if _, ok := lockRec(t, c.db, keyLock(c.kim.ID)); !ok {
		t.Fatal("a refused reset lifted kim's lock")
	}
	// Kim's own current PIN is allowed again.
	if err := c.svc.ResetPIN(boss, c.kim.ID, kimPIN); err != nil {
		t.Fatal(err)
	}
	if err := c.svc.ResetPIN(boss, c.kim.ID, "402719"); err != nil {
		t.Fatal(err)
	}
	if _, ok := lockRec(t, c.db, keyLock(c.kim.ID)); ok {
		t.Fatal("reset kept kim's lock")
	}
	if _, err := c.svc.Login(c.kim.ID, kimPIN); !errors.Is(err, ErrWrongPIN) {
		t.Fatalf("old PIN after reset: %v", err)
	}
	if m, err := c.svc.Login(c.kim.ID, "402719"); err != nil || m != c.kim {
		t.Fatalf("new PIN after reset: %+v, %v", m, err)
	}
	// Lee's PIN for kim, by the manager and by kioskctl (park's for lee):
	// nothing is refused nor counted, and each PIN opens its holder's
	// account only.
	if err := c.svc.ResetPIN(boss, c.kim.ID, leePIN); err != nil {
		t.Fatalf("lee's PIN for kim: %v", err)
	}
	if err := c.svc.ResetPIN(store.ActorCLI, c.lee.ID, parkPIN); err != nil {
		t.Fatalf("kioskctl, park's PIN for lee: %v", err)
	}
	if _, ok := lockRec(t, c.db, keyLock(ManagerID)); ok {
		t.Fatal("a reset counted on the manager's account")
	}
	for _, w := range []struct {
		who Staff
		pin string
	}{{c.kim, leePIN}, {c.lee, parkPIN}, {c.park, parkPIN}} {
		if m, err := c.svc.Login(w.who.ID, w.pin); err != nil || m != w.who {
			t.Fatalf("Login(%s) = %+v, %v, want %+v", w.who.ID, m, err, w.who)
		}
	}
	if _, err := c.svc.Login(c.lee.ID, leePIN); !errors.Is(err, ErrWrongPIN) {
		t.Fatalf("lee's old PIN, now kim's, opens lee's account: %v", err)
	}
}

// TestMembersMayShareAPIN: PINs need not be unique, since Login names the
// account. A member kioskctl added before the claim, the claimed manager
// and a member the manager adds all hold one PIN (the claim and the add are
// not refused nor counted); the PIN opens each account as its own member,
// and wrong PINs on one account leave the others open.
func TestMembersMayShareAPIN(t *testing.T) {
	const shared = "582047"
	e := newEnv(t)
	lee := enroll(t, e, "이접수", RoleReception, shared)
	boss, err := e.svc.ClaimManager(readCode(t, e.svc.SetupFilePath()), shared)
	if err != nil {
		t.Fatalf("claim with lee's PIN: %v", err)
	}
	kim, err := e.svc.AddMember(boss.Actor(), "김접수", RoleReception, shared)
	if err != nil {
		t.Fatalf("add with the shared PIN: %v", err)
	}
	if _, ok := lockRec(t, e.db, keyLock(ManagerID)); ok {
		t.Fatal("adding counted on the manager's account")
	}
	if _, ok := lockRec(t, e.db, keyClaimLock); ok {
		t.Fatal("the claim was counted")
	}
	for _, want := range []Staff{kim, lee, boss} {
		if got, err := e.svc.Login(want.ID, shared); err != nil || got != want {
			t.Fatalf("Login(%s, shared) = %+v, %v, want %+v", want.ID, got, err, want)
		}
	}
	lockOut(t, e, kim.ID)
	if _, err := e.svc.Login(kim.ID, shared); !errors.Is(err, ErrLocked) {
		t.Fatalf("kim while locked: %v", err)
	}
	if got, err := e.svc.Login(lee.ID, shared); err != nil || got != lee {
		t.Fatalf("lee while kim is locked: %+v, %v", got, err)
	}
}

// TestRemoveMember: the member and their lock go; they can no longer sign
// in nor act, and their ID names nobody.
func TestRemoveMember(t *testing.T) {
	c := newCrew(t)
	lockOut(t, c.env, c.kim.ID)
	if err := c.svc.Remove(c.park.Actor(), c.kim.ID); err != nil {
		t.Fatal(err)
	}
	if _, ok := lockRec(t, c.db, keyLock(c.kim.ID)); ok {
		t.Fatal("removed member's lock kept")
	}
	if _, ok := members(t, c.db)[c.kim.ID]; ok {
		t.Fatal("member kept")
	}
	if _, err := c.svc.Login(c.kim.ID, kimPIN); !errors.Is(err, ErrUnknownStaff) {
		t.Fatalf("removed member signs in: %v", err)
	}
	if err := Allowed(c.db, c.kim.Actor(), PermBookings); !errors.Is(err, ErrUnknownStaff) {
		t.Fatalf("removed member acts: %v", err)
	}
	if _, _, err := c.svc.LockStatus(c.kim.ID); !errors.Is(err, ErrUnknownStaff) {
		t.Fatalf("LockStatus of the removed: %v", err)
	}
	// Their PIN is free for someone else now.
	if _, err := c.svc.AddMember(c.park.Actor(), "김접수", RoleReception, kimPIN); err != nil {
		t.Fatal(err)
	}
}

// TestAuditLogPages: the log newest first, filtered by person and action,
// paged with before/limit/more; and the chain's verification.
func TestAuditLogPages(t *testing.T) {
	c := newCrew(t)
	boss := c.boss.Actor()
	// Some traffic: kim fails twice and signs in, lee signs in, the boss
	// renames lee three times.
	_, _ = c.svc.Login(c.kim.ID, "999990")
	_, _ = c.svc.Login(c.kim.ID, "999991")
	if _, err := c.svc.Login(c.kim.ID, kimPIN); err != nil {
		t.Fatal(err)
	}
	if _, err := c.svc.Login(c.lee.ID, leePIN); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		if err := c.svc.Rename(boss, c.lee.ID, fmt.Sprintf("이접수%d", i)); err != nil {
			t.Fatal(err)
		}
	}
	all, err := c.db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	model := func(f AuditFilter, before uint64) []uint64 {
		var out []uint64
		for i := len(all) - 1; i >= 0; i-- {
			e := all[i]
			if (before == 0 || e.Seq < before) && (f.Actor == "" || e.Actor == f.Actor) && strings.HasPrefix(e.Action, f.Action) {
				out = append(out, e.Seq)
			}
		}
		return out
	}
	filters := []AuditFilter{
		{},
		{Actor: c.kim.Actor()},
		{Action: "staff.login"},
		{Action: "staff.login."},
		{Actor: boss, Action: "staff.rename"},
		{Actor: store.ActorVisitor, Action: "staff.login.failed"},
		{Actor: c.park.Actor()},
	}
	for _, f := range filters {
		want := model(f, 0)
		if len(want) == 0 && f.Actor != c.park.Actor() {
			t.Fatalf("filter %+v selects nothing: a weak test", f)
		}
		for _, limit := range []int{1, 2, 3, len(want), len(want) + 1} {
			// Walk every page.
			var got []uint64
			before := uint64(0)
			for pages := 0; ; pages++ {
				page, more, err := c.svc.AuditLog(boss, f, before, limit)
				if err != nil {
					t.Fatal(err)
				}
				if len(page) > max(limit, 1) {
					t.Fatalf("%+v limit %d: page of %d", f, limit, len(page))
				}
				for _, e := range page {
					got = append(got, e.Seq)
				}
				rest := model(f, before)
				if wantMore := len(rest) > max(limit, 1); more != wantMore {
					t.Fatalf("%+v limit %d before %d: more %v, want %v", f, limit, before, more, wantMore)
				}
				if !more {
					break
				}
				before = page[len(page)-1].Seq
			}
			if !slices.Equal(got, want) {
				t.Fatalf("%+v limit %d: walked %v, want %v", f, limit, got, want)
			}
		}
	}
	// The limit is kept within 1..MaxAuditPage.
	for _, c2 := range []struct{ limit, want int }{{0, 1}, {-5, 1}, {MaxAuditPage + 100, min(len(all), MaxAuditPage)}} {
		page, _, err := c.svc.AuditLog(boss, AuditFilter{}, 0, c2.limit)
		if err != nil || len(page) != c2.want {
			t.Fatalf("limit %d: %d entries, %v; want %d", c2.limit, len(page), err, c2.want)
		}
	}
	// Reading the log writes nothing to it.
	if n := c.db.AuditLen(); n != len(all) {
		t.Fatalf("reading the log added %d entries", n-len(all))
	}

	n, err := c.svc.VerifyAudit(boss)
	if err != nil || n != len(all) {
		t.Fatalf("VerifyAudit = %d, %v; want %d", n, err, len(all))
	}
	// Alter entry 3 behind the store's back: the break is reported, coded.
	err = c.db.Update(store.ActorSystem, "test.tamper", func(tx *store.Txn) error {
		var e store.AuditEntry
		if err := tx.Get(store.Key("audit", uint64(3)), &e); err != nil {
			return err
		}
		e.Actor = "staff:someone-else"
		return tx.Put(store.Key("audit", uint64(3)), e)
	})
	if err != nil {
		t.Fatal(err)
	}
	n, err = c.svc.VerifyAudit(boss)
	if !errors.Is(err, ErrAuditBroken) || !errors.Is(err, store.ErrAuditBroken) || n != 2 {
		t.Fatalf("tampered: %d, %v", n, err)
	}
	if en, _ := errs.English(err); en != "The audit log is broken after 2 good entries." {
		t.Fatalf("sentence %q", en)
	}
}

// TestConcurrentStaffChanges: two managers removing each other at once
// leave exactly one of them; two managers adding the same name at once
// add it once. Each round starts afresh; the race detector watches.
func TestConcurrentStaffChanges(t *testing.T) {
	for round := range 8 {
		c := newCrew(t)
		var wg sync.WaitGroup
		var errA, errB error
		wg.Go(func() { errA = c.svc.Remove(c.boss.Actor(), c.park.ID) })
		wg.Go(func() { errB = c.svc.Remove(c.park.Actor(), ManagerID) })
		wg.Wait()
		ms := members(t, c.db)
		_, bossLeft := ms[ManagerID]
		_, parkLeft := ms[c.park.ID]
		switch {
		case errA == nil && errors.Is(errB, ErrUnknownStaff):
			if !bossLeft || parkLeft {
				t.Fatalf("round %d: boss removed park, yet boss=%v park=%v", round, bossLeft, parkLeft)
			}
		case errB == nil && errors.Is(errA, ErrUnknownStaff):
			if bossLeft || !parkLeft {
				t.Fatalf("round %d: park removed boss, yet boss=%v park=%v", round, bossLeft, parkLeft)
			}
		default:
			t.Fatalf("round %d: %v / %v", round, errA, errB)
		}
		survivor := c.boss
		if !bossLeft {
			survivor = c.park
		}
		var added [2]Staff
		var addErr [2]error
		for i, pin := range []string{"402711", "402712"} {
			actor := []store.Actor{survivor.Actor(), store.ActorCLI}[i]
			wg.Go(func() { added[i], addErr[i] = c.svc.AddMember(actor, "Choi", RoleReception, pin) })
		}
		wg.Wait()
		ok, taken := 0, 0
		for i := range 2 {
			switch {
			case addErr[i] == nil:
				ok++
			case errors.Is(addErr[i], ErrNameTaken):
				taken++
			default:
				t.Fatalf("round %d: add: %v", round, addErr[i])
			}
		}
		if ok != 1 || taken != 1 {
			t.Fatalf("round %d: %d added, %d refused", round, ok, taken)
		}
		n := 0
		for _, m := range members(t, c.db) {
			if m.Name == "Choi" {
				n++
			}
		}
		if n != 1 {
			t.Fatalf("round %d: %d members called Choi", round, n)
		}
		if _, err := c.db.VerifyAudit(); err != nil {
			t.Fatal(err)
		}
	}
}

// TestAccountsListsLocksAndPINDates: what the staff screen shows.
func TestAccountsListsLocksAndPINDates(t *testing.T) {
	c := newCrew(t)
	c.clock.Advance(time.Hour)
	if err := c.svc.ResetPIN(c.boss.Actor(), c.lee.ID, "402719"); err != nil {
		t.Fatal(err)
	}
	lockOut(t, c.env, c.lee.ID)
	got, err := c.svc.Accounts(c.park.Actor())
	if err != nil {
		t.Fatal(err)
	}
	start := c.clock.Now().Add(-time.Hour)
	want := []Account{
		{Staff: c.kim, PINSet: start},
		{Staff: c.boss, PINSet: start},
		{Staff: c.park, PINSet: start},
		{Staff: c.lee, PINSet: c.clock.Now(), LockedUntil: c.clock.Now().Add(LockDuration)},
	}
	slices.SortFunc(want, func(x, y Account) int { return strings.Compare(x.Name, y.Name) })
	if len(got) != len(want) {
		t.Fatalf("Accounts = %+v", got)
	}
	for i := range want {
		if got[i].Staff != want[i].Staff || !got[i].PINSet.Equal(want[i].PINSet) || !got[i].LockedUntil.Equal(want[i].LockedUntil) {
			t.Fatalf("account %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}
