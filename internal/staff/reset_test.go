package staff

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// requestReset leaves a reset request in e's data directory, as an
// administrator would with touch.
func (e *env) requestReset(t *testing.T) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(e.dir, ResetRequestFileName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
}

// issueReset requests a reset and returns the code Setup wrote.
func (e *env) issueReset(t *testing.T) string {
	t.Helper()
	e.requestReset(t)
	st, err := e.svc.Setup()
	if err != nil {
		t.Fatal(err)
	}
	if st.Kind != SetupReset {
		t.Fatalf("Setup after a request = %+v, want a reset", st)
	}
	return readCode(t, st.CodeFile)
}

// actionsAfter is the audit actions (with their actors) written after
// entry seq.
func actionsAfter(t *testing.T, db *store.DB, seq uint64) []string {
	t.Helper()
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, a := range log {
		if a.Seq > seq {
			out = append(out, a.Action+" "+string(a.Actor))
		}
	}
	return out
}

func lastSeq(t *testing.T, db *store.DB) uint64 {
	t.Helper()
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) == 0 {
		return 0
	}
	return log[len(log)-1].Seq
}

func hasKey(t *testing.T, db *store.DB, key []byte) bool {
	t.Helper()
	var ok bool
	err := db.View(func(tx *store.Txn) error {
		var err error
		ok, err = tx.Has(key)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return ok
}

func TestResetRequestIssuesCode(t *testing.T) {
	e := claimed(t)
	if st, err := e.svc.Setup(); err != nil || st != (SetupStatus{}) {
		t.Fatalf("Setup with a manager and no request = %+v, %v", st, err)
	}
	before := lastSeq(t, e.db)
	e.requestReset(t)
	st, err := e.svc.Setup()
	if err != nil {
		t.Fatal(err)
	}
	want := SetupStatus{Kind: SetupReset, CodeFile: e.svc.SetupFilePath(), Expires: e.clock.Now().Add(ResetCodeLifetime)}
	if st != want {
		t.Fatalf("Setup = %+v, want %+v", st, want)
	}
	if _, err := os.Stat(filepath.Join(e.dir, ResetRequestFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("request kept: %v", err)
	}
	fi, err := os.Stat(st.CodeFile)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("code file %v, %v; want mode 0600", fi, err)
	}
	raw, _ := os.ReadFile(st.CodeFile)
	if !strings.Contains(string(raw), "관리자 PIN을 다시 설정") || !strings.Contains(string(raw), "24") {
		t.Fatalf("code file does not explain the reset:\n%s", raw)
	}
	code := readCode(t, st.CodeFile)
	if got := actionsAfter(t, e.db, before); len(got) != 1 || got[0] != "staff.reset.issued system" {
		t.Fatalf("audit after the request: %v", got)
	}
	// Until the code is used, the old PIN still works, and a second look
	// issues nothing new.
	if _, err := e.svc.Login(ManagerID, managerPIN); err != nil {
		t.Fatalf("old PIN with a reset pending: %v", err)
	}
	again, err := e.svc.Setup()
	if err != nil || again != want || readCode(t, st.CodeFile) != code {
		t.Fatalf("second look = %+v, %v (code changed: %v)", again, err, readCode(t, st.CodeFile) != code)
	}
	// A restart keeps the pending code.
	svc, err := New(e.db, e.dir, e.clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := svc.Setup(); err != nil || st != want || readCode(t, st.CodeFile) != code {
		t.Fatalf("after a restart: %+v, %v", st, err)
	}
	assertNotStored(t, e.db, code)
}

func TestResetManagerPIN(t *testing.T) {
	const newPIN = "730194"
	e := claimed(t)
	code := e.issueReset(t)
	wrong := fmt.Sprintf("%010d", (mustAtoi(t, code)+1)%10_000_000_000)
	for _, c := range []struct {
		name string
		code string
		pin  string
		want error
	}{
		{"wrong code", wrong, newPIN, ErrWrongSetupCode},
		{"short code", "123", newPIN, ErrWrongSetupCode},
		{"weak PIN", code, "111111", ErrWeakPIN},
		{"bad PIN", code, "12a456", ErrBadPIN},
	} {
		if _, err := e.svc.ResetManagerPIN(c.code, c.pin); !errors.Is(err, c.want) {
			t.Fatalf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	if l, _ := lockRec(t, e.db, keyClaimLock); l.Failures != 2 {
		t.Fatalf("failures = %d, want 2 (the wrong codes only)", l.Failures)
	}
	before := lastSeq(t, e.db)
	m, err := e.svc.ResetManagerPIN(code, newPIN)
	if err != nil {
		t.Fatal(err)
	}
	if m != (Staff{ID: ManagerID, Name: ManagerName, Role: RoleManager}) {
		t.Fatalf("reset gave %+v", m)
	}
	if got := actionsAfter(t, e.db, before); len(got) != 1 || got[0] != "staff.reset staff:manager" {
		t.Fatalf("audit of the reset: %v", got)
	}
	if _, err := e.svc.Login(ManagerID, managerPIN); !errors.Is(err, ErrWrongPIN) {
		t.Fatalf("old PIN after the reset: %v", err)
	}
	if _, err := e.svc.Login(ManagerID, newPIN); err != nil {
		t.Fatalf("new PIN: %v", err)
	}
	if _, err := os.Stat(e.svc.SetupFilePath()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("code file kept: %v", err)
	}
	if hasKey(t, e.db, keyReset) {
		t.Fatal("reset record kept")
	}
	if _, ok := lockRec(t, e.db, keyClaimLock); ok {
		t.Fatal("wrong codes still counted after the reset")
	}
	if _, err := e.svc.ResetManagerPIN(code, "592837"); !errors.Is(err, ErrNoReset) {
		t.Fatalf("the code used twice: %v", err)
	}
	if _, err := e.svc.ClaimManager(code, "592837"); !errors.Is(err, ErrAlreadyClaimed) {
		t.Fatalf("the reset code as a setup code: %v", err)
	}
	if st, err := e.svc.Setup(); err != nil || st.Kind != SetupNone {
		t.Fatalf("Setup after the reset = %+v, %v", st, err)
	}
	assertNotStored(t, e.db, code, newPIN)
}

// TestResetRestoresManagerAccount: whatever became of the manager account
// (locked, demoted, removed), the reset gives it back with the new PIN.
func TestResetRestoresManagerAccount(t *testing.T) {
	const newPIN = "730194"
	for _, c := range []struct {
		name  string
		spoil func(t *testing.T, e *env)
		want  Staff
	}{
		{"locked out", func(t *testing.T, e *env) {
			for range MaxAttempts {
				_, _ = e.svc.Login(ManagerID, "999990")
			}
			if _, err := e.svc.Login(ManagerID, managerPIN); !errors.Is(err, ErrLocked) {
				t.Fatalf("not locked: %v", err)
			}
		}, Staff{ID: ManagerID, Name: ManagerName, Role: RoleManager}},
		{"renamed and demoted", func(t *testing.T, e *env) {
			boss := e.second(t)
			if err := e.svc.Rename(boss.Actor(), ManagerID, "박과장"); err != nil {
				t.Fatal(err)
			}
			if err := e.svc.SetRole(boss.Actor(), ManagerID, RoleReception); err != nil {
				t.Fatal(err)
			}
		}, Staff{ID: ManagerID, Name: "박과장", Role: RoleManager}},
		{"removed, its name taken", func(t *testing.T, e *env) {
			boss := e.second(t)
			if err := e.svc.Remove(boss.Actor(), ManagerID); err != nil {
				t.Fatal(err)
			}
			if err := e.svc.Rename(boss.Actor(), boss.ID, ManagerName); err != nil {
				t.Fatal(err)
			}
		}, Staff{ID: ManagerID, Name: ManagerName + " 2", Role: RoleManager}},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := claimed(t)
			c.spoil(t, e)
			code := e.issueReset(t)
			m, err := e.svc.ResetManagerPIN(code, newPIN)
			if err != nil || m != c.want {
				t.Fatalf("reset = %+v, %v; want %+v", m, err, c.want)
			}
			if got, err := e.svc.Login(ManagerID, newPIN); err != nil || got != c.want {
				t.Fatalf("login with the new PIN = %+v, %v", got, err)
			}
			if err := e.svc.CheckName(c.want.Name, ManagerID); err != nil {
				t.Fatalf("the restored name clashes: %v", err)
			}
		})
	}
}

// second adds a second manager and returns them, signed in.
func (e *env) second(t *testing.T) Staff {
	t.Helper()
	const pin = "583920"
	if _, err := e.svc.AddMember(Staff{ID: ManagerID}.Actor(), "김부장", RoleManager, pin); err != nil {
		t.Fatal(err)
	}
	ms, err := e.svc.Members()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Name == "김부장" {
			return m
		}
	}
	t.Fatal("second manager not listed")
	return Staff{}
}

// TestResetWithdrawn: a reset code stops working when it expires (seen at
// the next look or at its use) or when its file is deleted, and a new
// request replaces a pending code.
func TestResetWithdrawn(t *testing.T) {
	for _, c := range []struct {
		name    string
		then    func(t *testing.T, e *env)
		action  string // audited when the code is withdrawn
		claimed error  // what using the old code gives
	}{
		{"expired, seen by Setup", func(t *testing.T, e *env) {
			e.clock.Advance(ResetCodeLifetime)
			if st, err := e.svc.Setup(); err != nil || st.Kind != SetupNone {
				t.Fatalf("Setup = %+v, %v", st, err)
			}
		}, "staff.reset.expired system", ErrNoReset},
		{"expired, seen at use", func(t *testing.T, e *env) {
			e.clock.Advance(ResetCodeLifetime)
		}, "staff.reset.expired system", ErrResetExpired},
		{"file deleted", func(t *testing.T, e *env) {
			if err := os.Remove(e.svc.SetupFilePath()); err != nil {
				t.Fatal(err)
			}
			if st, err := e.svc.Setup(); err != nil || st.Kind != SetupNone {
				t.Fatalf("Setup = %+v, %v", st, err)
			}
		}, "staff.reset.cancelled system", ErrNoReset},
		{"requested again", func(t *testing.T, e *env) {
			e.issueReset(t)
		}, "staff.reset.issued system", ErrWrongSetupCode},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := claimed(t)
			code := e.issueReset(t)
			before := lastSeq(t, e.db)
			c.then(t, e)
			_, err := e.svc.ResetManagerPIN(code, "730194")
			if !errors.Is(err, c.claimed) {
				t.Fatalf("old code: %v, want %v", err, c.claimed)
			}
			if got := actionsAfter(t, e.db, before); len(got) == 0 || got[0] != c.action {
				t.Fatalf("audit: %v, want first %q", got, c.action)
			}
			if c.claimed != ErrWrongSetupCode {
				if _, err := os.Stat(e.svc.SetupFilePath()); !errors.Is(err, os.ErrNotExist) {
					t.Fatalf("code file kept: %v", err)
				}
				if hasKey(t, e.db, keyReset) {
					t.Fatal("reset record kept")
				}
			}
			if _, err := e.svc.Login(ManagerID, managerPIN); err != nil {
				t.Fatalf("the manager's PIN after a withdrawn reset: %v", err)
			}
		})
	}
}

// TestResetRequestWithoutManager: before the first claim a request is
// dropped (the setup code is the way in), so it cannot fire afterwards.
func TestResetRequestWithoutManager(t *testing.T) {
	e := newEnv(t)
	code := readCode(t, e.svc.SetupFilePath())
	e.requestReset(t)
	st, err := e.svc.Setup()
	if err != nil || st != (SetupStatus{Kind: SetupFirst, CodeFile: e.svc.SetupFilePath()}) {
		t.Fatalf("Setup = %+v, %v", st, err)
	}
	if readCode(t, st.CodeFile) != code {
		t.Fatal("the request replaced the setup code")
	}
	if _, err := os.Stat(filepath.Join(e.dir, ResetRequestFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("request kept: %v", err)
	}
	if _, err := e.svc.ClaimManager(code, managerPIN); err != nil {
		t.Fatal(err)
	}
	if st, err := e.svc.Setup(); err != nil || st.Kind != SetupNone {
		t.Fatalf("Setup after the claim = %+v, %v", st, err)
	}
}

// TestResetRequestThatCannotBeTaken: a request that cannot be removed (a
// folder with something in it) is reported and changes nothing; the kiosk
// still opens.
func TestResetRequestThatCannotBeTaken(t *testing.T) {
	e := claimed(t)
	req := filepath.Join(e.dir, ResetRequestFileName)
	if err := os.MkdirAll(filepath.Join(req, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	before := lastSeq(t, e.db)
	if st, err := e.svc.Setup(); err != nil || st.Kind != SetupNone || !errors.Is(st.Problem, ErrResetRequest) {
		t.Fatalf("Setup = %+v, %v; want the request as its problem", st, err)
	}
	if _, err := New(e.db, e.dir, e.clock.Now); err != nil {
		t.Fatalf("open with a stuck request: %v", err)
	}
	if got := actionsAfter(t, e.db, before); len(got) != 0 {
		t.Fatalf("wrote %v", got)
	}
	if _, err := os.Stat(e.svc.SetupFilePath()); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("code file written: %v", err)
	}
	if err := os.RemoveAll(req); err != nil {
		t.Fatal(err)
	}
	e.issueReset(t) // made again as a file, it is honoured
}

func TestResetLockout(t *testing.T) {
	e := claimed(t)
	code := e.issueReset(t)
	for i := 1; i <= MaxAttempts; i++ {
		_, err := e.svc.ResetManagerPIN("0000000000", "730194")
		if !errors.Is(err, ErrWrongSetupCode) || errors.Is(err, ErrLocked) != (i == MaxAttempts) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if _, err := e.svc.ResetManagerPIN(code, "730194"); !errors.Is(err, ErrLocked) {
		t.Fatalf("right code while locked: %v", err)
	}
	if _, err := e.svc.Login(ManagerID, managerPIN); err != nil {
		t.Fatalf("the reset's lock locked the manager's own PIN: %v", err)
	}
	e.clock.Advance(LockDuration)
	if _, err := e.svc.ResetManagerPIN(code, "730194"); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
}

// TestConcurrentResets: two people typing the same code at once: exactly
// one new PIN is set, and it is the one that works.
func TestConcurrentResets(t *testing.T) {
	e := claimed(t)
	code := e.issueReset(t)
	pins := []string{"730194", "583920"}
	errs := make([]error, len(pins))
	var wg sync.WaitGroup
	for i, pin := range pins {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = e.svc.ResetManagerPIN(code, pin)
		}()
	}
	wg.Wait()
	winner := -1
	for i, err := range errs {
		switch {
		case err == nil && winner < 0:
			winner = i
		case errors.Is(err, ErrNoReset):
		default:
			t.Fatalf("reset %d: %v (results %v)", i, err, errs)
		}
	}
	if winner < 0 {
		t.Fatalf("no reset won: %v", errs)
	}
	if _, err := e.svc.Login(ManagerID, pins[winner]); err != nil {
		t.Fatalf("winner's PIN: %v", err)
	}
	if _, err := e.svc.Login(ManagerID, pins[1-winner]); !errors.Is(err, ErrWrongPIN) {
		t.Fatalf("loser's PIN: %v", err)
	}
}

// TestDeletingTheCodeFileCancelsAtOnce: a code whose file the administrator
// deleted is refused even by a screen opened before, without a look in
// between, and the manager's PIN stays.
func TestDeletingTheCodeFileCancelsAtOnce(t *testing.T) {
	e := claimed(t)
	code := e.issueReset(t)
	if err := os.Remove(e.svc.SetupFilePath()); err != nil {
		t.Fatal(err)
	}
	before := lastSeq(t, e.db)
	if m, err := e.svc.ResetManagerPIN(code, "730194"); !errors.Is(err, ErrNoReset) {
		t.Fatalf("a cancelled code: %+v, %v; want ErrNoReset", m, err)
	}
	if got := actionsAfter(t, e.db, before); len(got) != 1 || got[0] != "staff.reset.cancelled system" {
		t.Fatalf("audit: %v", got)
	}
	if _, err := e.svc.Login(ManagerID, managerPIN); err != nil {
		t.Fatalf("the manager's PIN after a cancelled reset: %v", err)
	}
}

// TestStaleAttemptKeepsTheRequest: an attempt to honour a request whose
// state changed under it (another staff write during the hashing) is
// redone with the request still there: it is removed only once its code is
// stored and written.
func TestStaleAttemptKeepsTheRequest(t *testing.T) {
	e := claimed(t)
	e.requestReset(t)
	snap, err := e.svc.view()
	if err != nil {
		t.Fatal(err)
	}
	addMember(t, e.db, Staff{ID: "kim", Name: "김직원", Role: RoleReception}, "583920")
	if _, err := e.svc.ensureReset(snap, true); !errors.Is(err, errStale) {
		t.Fatalf("attempt on a stale snapshot: %v, want errStale", err)
	}
	if !exists(filepath.Join(e.dir, ResetRequestFileName)) || hasKey(t, e.db, keyReset) {
		t.Fatal("the stale attempt took the request or stored a code")
	}
	code := e.issueReset(t)
	if _, err := e.svc.ResetManagerPIN(code, "730194"); err != nil {
		t.Fatalf("the code issued after the stale attempt: %v", err)
	}
}

func exists(p string) bool { _, err := os.Stat(p); return err == nil }

// TestResetCodeThatCannotBeWritten: a request whose code file cannot be
// written (a folder in its place) is reported, stores no code, does not keep
// the kiosk from opening, and stays to be honoured once the folder is gone.
func TestResetCodeThatCannotBeWritten(t *testing.T) {
	e := claimed(t)
	blocker := filepath.Join(e.svc.SetupFilePath(), "x")
	if err := os.MkdirAll(blocker, 0o755); err != nil {
		t.Fatal(err)
	}
	e.requestReset(t)
	before := lastSeq(t, e.db)
	if _, err := New(e.db, e.dir, e.clock.Now); err != nil {
		t.Fatalf("open with a code that cannot be written: %v", err)
	}
	st, err := e.svc.Setup()
	if err != nil || st.Kind != SetupNone || st.Problem == nil {
		t.Fatalf("Setup = %+v, %v; want no reset and the failure as its problem", st, err)
	}
	if got := actionsAfter(t, e.db, before); len(got) != 0 || hasKey(t, e.db, keyReset) {
		t.Fatalf("stored %v", got)
	}
	if !exists(filepath.Join(e.dir, ResetRequestFileName)) {
		t.Fatal("the request was lost")
	}
	if err := os.RemoveAll(e.svc.SetupFilePath()); err != nil {
		t.Fatal(err)
	}
	code := e.issueReset(t)
	if _, err := e.svc.ResetManagerPIN(code, "730194"); err != nil {
		t.Fatal(err)
	}
}

// TestResetCodeLifetime: valid up to its 24 hours, not at them, and not
// when the clock went back and its issue time lies ahead.
func TestResetCodeLifetime(t *testing.T) {
	for _, c := range []struct {
		name  string
		steps []time.Duration // clock moves after the code is issued
		want  error
	}{
		{"just before 24 h", []time.Duration{ResetCodeLifetime - time.Nanosecond}, nil},
		{"at 24 h", []time.Duration{ResetCodeLifetime}, ErrResetExpired},
		{"clock a minute back", []time.Duration{-time.Minute}, nil},
		{"clock 30 days back, then 29 on", []time.Duration{-30 * 24 * time.Hour, 29 * 24 * time.Hour}, ErrResetExpired},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := claimed(t)
			code := e.issueReset(t)
			for _, d := range c.steps {
				e.clock.Advance(d)
			}
			if _, err := e.svc.ResetManagerPIN(code, "730194"); !errors.Is(err, c.want) && (err != nil || c.want != nil) {
				t.Fatalf("reset = %v, want %v", err, c.want)
			}
		})
	}
}

// TestFirstClaimVoidsAStaleReset: a reset record in a store without a
// manager (a restored or edited store) is void: it is withdrawn, and its
// code cannot take over the manager claimed next.
func TestFirstClaimVoidsAStaleReset(t *testing.T) {
	e := claimed(t)
	old := e.issueReset(t)
	if err := e.db.Update(store.ActorCLI, "test.wipe", func(tx *store.Txn) error {
		return tx.Delete(keyMember(ManagerID))
	}); err != nil {
		t.Fatal(err)
	}
	st, err := e.svc.Setup()
	if err != nil || st.Kind != SetupFirst {
		t.Fatalf("Setup = %+v, %v", st, err)
	}
	if hasKey(t, e.db, keyReset) {
		t.Fatal("the stale reset record was kept")
	}
	if _, err := e.svc.ClaimManager(readCode(t, st.CodeFile), managerPIN); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.ResetManagerPIN(old, "730194"); !errors.Is(err, ErrNoReset) {
		t.Fatalf("the old reset code on the new manager: %v", err)
	}
}

// TestStuckRequestKeepsAPendingReset: a request that cannot be honoured
// is reported while a reset already waiting is still offered.
func TestStuckRequestKeepsAPendingReset(t *testing.T) {
	e := claimed(t)
	code := e.issueReset(t)
	if err := os.MkdirAll(filepath.Join(e.dir, ResetRequestFileName, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	st, err := e.svc.Setup()
	if err != nil || st.Kind != SetupReset || !errors.Is(st.Problem, ErrResetRequest) {
		t.Fatalf("Setup = %+v, %v", st, err)
	}
	if _, err := e.svc.ResetManagerPIN(code, "730194"); err != nil {
		t.Fatal(err)
	}
}
