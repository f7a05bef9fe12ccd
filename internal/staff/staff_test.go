package staff

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

func TestMain(m *testing.M) {
	// Cheap hashes so that the race-enabled suite stays fast;
	// TestDefaultHashParameters checks the production parameters.
	hashParams = argonParams{Time: 1, Memory: 64, Threads: 1, KeyLen: 32}
	os.Exit(m.Run())
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type env struct {
	svc   *Service
	db    *store.DB
	dir   string
	clock *fakeClock
}

// newEnv opens an in-memory store and a service whose data directory is a
// fresh temporary directory.
func newEnv(t *testing.T) *env {
	t.Helper()
	db, err := store.OpenInMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	e := &env{db: db, dir: t.TempDir(), clock: newClock()}
	e.svc, err = New(db, e.dir, e.clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

const managerPIN = "402918"

// claimed is newEnv with the manager PIN set.
func claimed(t *testing.T) *env {
	t.Helper()
	e := newEnv(t)
	if _, err := e.svc.ClaimManager(readCode(t, e.svc.SetupFilePath()), managerPIN); err != nil {
		t.Fatal(err)
	}
	return e
}

var codeRE = regexp.MustCompile(`^[0-9]{10}$`)

func readCode(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	if !sc.Scan() {
		t.Fatalf("%s is empty", path)
	}
	code := sc.Text()
	if !codeRE.MatchString(code) {
		t.Fatalf("first line %q is not a 10-digit code", code)
	}
	return code
}

// allStoreBytes returns every key and value in the store, audit included.
func allStoreBytes(t *testing.T, db *store.DB) [][]byte {
	t.Helper()
	var out [][]byte
	err := db.View(func(tx *store.Txn) error {
		return tx.Scan(nil, func(k, v []byte) error {
			out = append(out, bytes.Clone(k), bytes.Clone(v))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatal("store scan saw nothing")
	}
	return out
}

func assertNotStored(t *testing.T, db *store.DB, secrets ...string) {
	t.Helper()
	for _, b := range allStoreBytes(t, db) {
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Fatalf("secret %q found in store: %q", s, b)
			}
		}
	}
}

// lockRec reads the lock at key: keyClaimLock or keyLock(id).
func lockRec(t *testing.T, db *store.DB, key []byte) (lockRecord, bool) {
	t.Helper()
	var l lockRecord
	err := db.View(func(tx *store.Txn) error { return tx.Get(key, &l) })
	if errors.Is(err, store.ErrNotFound) {
		return l, false
	}
	if err != nil {
		t.Fatal(err)
	}
	return l, true
}

// addMember writes a member directly, with an ID of the test's choosing
// (AddMember makes its own) or a role AddMember refuses.
func addMember(t *testing.T, db *store.DB, s Staff, pin string) {
	t.Helper()
	h, err := newHash(pin)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(store.ActorSystem, "test.add", func(tx *store.Txn) error {
		return tx.Put(keyMember(s.ID), memberRecord{Staff: s, PIN: h})
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestSetupCodeFile(t *testing.T) {
	e := newEnv(t)
	path := e.svc.SetupFilePath()
	if want := filepath.Join(e.dir, SetupFileName); path != want {
		t.Fatalf("path %q, want %q", path, want)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v, want 0600", st.Mode().Perm())
	}
	code := readCode(t, path)
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), "관리자") || !strings.Contains(string(raw), "manager PIN") {
		t.Fatalf("file lacks the bilingual explanation: %q", raw)
	}
	assertNotStored(t, e.db, code)
	var h secretHash
	if err := e.db.View(func(tx *store.Txn) error { return tx.Get(keySetup, &h) }); err != nil {
		t.Fatal(err)
	}
	if h.Alg != "argon2id" || len(h.Salt) != 16 || !h.matches(code) {
		t.Fatalf("stored setup hash %+v does not verify the code", h)
	}
	if st, err := e.svc.Setup(); st.Kind != SetupFirst || err != nil {
		t.Fatalf("Setup = %+v, %v", st, err)
	}

	// Calling again (a restart) keeps a valid file and its code.
	got, err := e.svc.Setup()
	if err != nil || got.Problem != nil || got.CodeFile != path {
		t.Fatalf("Setup = %+v, %v", got, err)
	}
	if again := readCode(t, path); again != code {
		t.Fatalf("code changed on a second call: %s -> %s", code, again)
	}

	// A loosened mode is tightened again.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	if st, err := e.svc.Setup(); err != nil || st.Problem != nil {
		t.Fatal(err)
	}
	if st, _ := os.Stat(path); st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %v after Setup, want 0600", st.Mode().Perm())
	}

	// A lost file means a new code; the old one is dead.
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if st, err := e.svc.Setup(); err != nil || st.Problem != nil {
		t.Fatal(err)
	}
	fresh := readCode(t, path)
	if fresh == code {
		t.Fatal("code not renewed")
	}
	if _, err := e.svc.ClaimManager(code, managerPIN); !errors.Is(err, ErrWrongSetupCode) {
		t.Fatalf("old code: %v, want ErrWrongSetupCode", err)
	}
	if _, err := e.svc.ClaimManager(fresh, managerPIN); err != nil {
		t.Fatal(err)
	}
	// No temporary files are left behind.
	if ents, _ := os.ReadDir(e.dir); len(ents) != 0 {
		t.Fatalf("data dir not empty after claim: %v", ents)
	}
}

func TestAlteredSetupFileIsKeptButCannotClaim(t *testing.T) {
	e := newEnv(t)
	path := e.svc.SetupFilePath()
	code := readCode(t, path)
	forged := "1234567890"
	if forged == code {
		forged = "0987654321"
	}
	if err := os.WriteFile(path, []byte(forged+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A restart does not hash the file (start-up stays fast) ...
	if st, err := e.svc.Setup(); err != nil || st.Problem != nil {
		t.Fatal(err)
	}
	if got := readCode(t, path); got != forged {
		t.Fatalf("file rewritten to %s", got)
	}
	// ... but the altered code claims nothing, and the issued one still works.
	if _, err := e.svc.ClaimManager(forged, managerPIN); !errors.Is(err, ErrWrongSetupCode) {
		t.Fatalf("forged code: %v, want ErrWrongSetupCode", err)
	}
	if _, err := e.svc.ClaimManager(code, managerPIN); err != nil {
		t.Fatal(err)
	}
}

func TestNoDataDirWritesNoFile(t *testing.T) {
	db, err := store.OpenInMemory()
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc, err := New(db, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := svc.Setup(); st.CodeFile != "" || st.Problem != nil || err != nil {
		t.Fatalf("Setup = %+v, %v", st, err)
	}
	if _, err := svc.ClaimManager("0123456789", managerPIN); !errors.Is(err, ErrWrongSetupCode) {
		t.Fatalf("claim without a code: %v", err)
	}
	if _, err := svc.Login(ManagerID, managerPIN); !errors.Is(err, ErrNoManager) {
		t.Fatalf("login without manager: %v", err)
	}
}

func TestClaimManager(t *testing.T) {
	e := newEnv(t)
	path := e.svc.SetupFilePath()
	code := readCode(t, path)
	wrong := fmt.Sprintf("%010d", (mustAtoi(t, code)+1)%10_000_000_000)

	for _, c := range []struct {
		name string
		code string
		pin  string
		want error
	}{
		{"wrong code", wrong, managerPIN, ErrWrongSetupCode},
		{"short code", "123", managerPIN, ErrWrongSetupCode},
		{"weak PIN", code, "111111", ErrWeakPIN},
		{"bad PIN", code, "12a456", ErrBadPIN},
	} {
		if _, err := e.svc.ClaimManager(c.code, c.pin); !errors.Is(err, c.want) {
			t.Fatalf("%s: %v, want %v", c.name, err, c.want)
		}
	}
	// Only the two wrong codes counted.
	if l, _ := lockRec(t, e.db, keyClaimLock); l.Failures != 2 {
		t.Fatalf("failures = %d, want 2", l.Failures)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("file gone before the claim: %v", err)
	}

	m, err := e.svc.ClaimManager(code, managerPIN)
	if err != nil {
		t.Fatal(err)
	}
	if m != (Staff{ID: "manager", Name: "관리자", Role: RoleManager}) || m.Actor() != "staff:manager" {
		t.Fatalf("claimed %+v", m)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("setup file still there: %v", err)
	}
	if _, ok := lockRec(t, e.db, keyClaimLock); ok {
		t.Fatal("failure counter not reset by the claim")
	}
	err = e.db.View(func(tx *store.Txn) error {
		ok, err := tx.Has(keySetup)
		if ok {
			return errors.New("setup hash kept")
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.ClaimManager(code, "592837"); !errors.Is(err, ErrAlreadyClaimed) {
		t.Fatalf("second claim: %v", err)
	}
	if st, _ := e.svc.Setup(); st.Kind != SetupNone {
		t.Fatalf("Setup after the claim = %+v", st)
	}
	ms, err := e.svc.Members()
	if err != nil || len(ms) != 1 || ms[0] != m {
		t.Fatalf("Members = %v, %v", ms, err)
	}
	if got, err := e.svc.Login(ManagerID, managerPIN); err != nil || got != m {
		t.Fatalf("Login = %+v, %v", got, err)
	}
	// A new service over a claimed store writes no file and removes a stale one.
	if err := os.WriteFile(path, []byte(code+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(e.db, e.dir, e.clock.Now); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("stale setup file kept: %v", err)
	}
}

func mustAtoi(t *testing.T, s string) int {
	t.Helper()
	var n int
	if _, err := fmt.Sscan(s, &n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestClaimLockout(t *testing.T) {
	e := newEnv(t)
	code := readCode(t, e.svc.SetupFilePath())
	for i := 1; i <= MaxAttempts; i++ {
		_, err := e.svc.ClaimManager("0000000000", managerPIN)
		if !errors.Is(err, ErrWrongSetupCode) {
			t.Fatalf("attempt %d: %v", i, err)
		}
		if locked := errors.Is(err, ErrLocked); locked != (i == MaxAttempts) {
			t.Fatalf("attempt %d: locked = %v", i, locked)
		}
	}
	if _, err := e.svc.ClaimManager(code, managerPIN); !errors.Is(err, ErrLocked) {
		t.Fatalf("right code while locked: %v", err)
	}
	e.clock.Advance(LockDuration)
	if _, err := e.svc.ClaimManager(code, managerPIN); err != nil {
		t.Fatalf("claim after the lock: %v", err)
	}
}

func TestValidatePIN(t *testing.T) {
	cases := []struct {
		pin  string
		want error
	}{
		{"", ErrBadPIN},
		{"12345", ErrBadPIN},
		{"4029185", nil},
		{"4029183746152", ErrBadPIN}, // 13 digits
		{"402918374615", nil},        // 12 digits
		{"12a456", ErrBadPIN},
		{"abcdef", ErrBadPIN},
		{" 402918", ErrBadPIN},
		{"４０２９１８", ErrBadPIN}, // full-width digits
		{"40-918", ErrBadPIN},
		{"111111", ErrWeakPIN},
		{"000000000000", ErrWeakPIN},
		{"123456", ErrWeakPIN},
		{"1234567890", ErrWeakPIN},
		{"567890", ErrWeakPIN}, // wraps 9→0
		{"987654", ErrWeakPIN},
		{"654321", ErrWeakPIN},
		{"210987", ErrWeakPIN},
		{"112233", nil},
		{"123457", nil},
		{"135790", nil},
		{"111112", nil},
		{managerPIN, nil},
	}
	for _, c := range cases {
		t.Run(c.pin, func(t *testing.T) {
			if err := ValidatePIN(c.pin); !errors.Is(err, c.want) || (c.want == nil && err != nil) {
				t.Fatalf("ValidatePIN(%q) = %v, want %v", c.pin, err, c.want)
			}
		})
	}
}

func TestLogin(t *testing.T) {
	e := claimed(t)
	addMember(t, e.db, Staff{ID: "kim", Name: "김직원", Role: RoleReception}, "583920")
	cases := []struct {
		name    string
		id, pin string
		want    error
		counted string // the account whose count of wrong PINs rose
	}{
		{"manager", ManagerID, managerPIN, nil, ""},
		{"staff", "kim", "583920", nil, ""},
		{"wrong", "kim", "583921", ErrWrongPIN, "kim"},
		{"another member's PIN", "kim", managerPIN, ErrWrongPIN, "kim"},
		{"own PIN on another account", ManagerID, "583920", ErrWrongPIN, ManagerID},
		{"weak is just wrong", "kim", "111111", ErrWrongPIN, "kim"},
		{"letters", "kim", "58392x", ErrBadPIN, ""},
		{"short", "kim", "5839", ErrBadPIN, ""},
		{"nobody", "lee", "583920", ErrUnknownStaff, ""},
		{"no id", "", managerPIN, ErrUnknownStaff, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := map[string]int{}
			for _, id := range []string{ManagerID, "kim"} {
				l, _ := lockRec(t, e.db, keyLock(id))
				before[id] = l.Failures
			}
			got, err := e.svc.Login(c.id, c.pin)
			if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
				t.Fatalf("Login(%s) = %v, want %v", c.name, err, c.want)
			}
			if want := map[bool]string{true: c.id, false: ""}[c.want == nil]; got.ID != want {
				t.Fatalf("Login(%s) = %+v, want id %q", c.name, got, want)
			}
			for id, n := range before {
				l, _ := lockRec(t, e.db, keyLock(id))
				want := n
				if id == c.counted {
					want++
				}
				if c.want == nil && id == c.id {
					want = 0 // a success resets the count
				}
				if l.Failures != want {
					t.Fatalf("%s: failures of %s = %d, want %d", c.name, id, l.Failures, want)
				}
			}
		})
	}
}

func TestLockout(t *testing.T) {
	e := claimed(t)
	start := e.clock.Now()
	for i := 1; i < MaxAttempts; i++ {
		if _, err := e.svc.Login(ManagerID, "999990"); !errors.Is(err, ErrWrongPIN) || errors.Is(err, ErrLocked) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	_, err := e.svc.Login(ManagerID, "999990")
	if !errors.Is(err, ErrLocked) || !errors.Is(err, ErrWrongPIN) {
		t.Fatalf("attempt %d: %v, want ErrLocked wrapping ErrWrongPIN", MaxAttempts, err)
	}
	until, ok := lockedUntil(err)
	if !ok || !until.Equal(start.Add(LockDuration)) {
		t.Fatalf("LockedUntil = %v, %v", until, ok)
	}
	// Locked: even the right PIN is refused.
	_, err = e.svc.Login(ManagerID, managerPIN)
	if !errors.Is(err, ErrLocked) || errors.Is(err, ErrWrongPIN) {
		t.Fatalf("right PIN while locked: %v", err)
	}
	if u, ok := lockedUntil(err); !ok || !u.Equal(until) {
		t.Fatalf("LockedUntil = %v, %v", u, ok)
	}
	if u, locked, err := e.svc.LockStatus(ManagerID); !locked || err != nil || !u.Equal(until) {
		t.Fatalf("LockStatus = %v, %v, %v", u, locked, err)
	}
	e.clock.Advance(LockDuration - time.Second)
	if _, err := e.svc.Login(ManagerID, managerPIN); !errors.Is(err, ErrLocked) {
		t.Fatalf("1s before the end: %v", err)
	}
	e.clock.Advance(time.Second)
	if _, locked, _ := e.svc.LockStatus(ManagerID); locked {
		t.Fatal("still locked after LockDuration")
	}
	if m, err := e.svc.Login(ManagerID, managerPIN); err != nil || m.ID != ManagerID {
		t.Fatalf("after the lock: %+v, %v", m, err)
	}
	if _, ok := lockRec(t, e.db, keyLock(ManagerID)); ok {
		t.Fatal("lock record kept after a success")
	}
}

func TestExpiredLockStartsFreshCount(t *testing.T) {
	e := claimed(t)
	for range MaxAttempts {
		_, _ = e.svc.Login(ManagerID, "999990")
	}
	e.clock.Advance(LockDuration)
	_, err := e.svc.Login(ManagerID, "999990")
	if !errors.Is(err, ErrWrongPIN) || errors.Is(err, ErrLocked) {
		t.Fatalf("first wrong PIN after the lock: %v", err)
	}
	if l, _ := lockRec(t, e.db, keyLock(ManagerID)); l.Failures != 1 {
		t.Fatalf("failures = %d, want 1", l.Failures)
	}
}

func TestCounterResetsAfterSuccess(t *testing.T) {
	e := claimed(t)
	wrongs := func(n int) error {
		var err error
		for range n {
			_, err = e.svc.Login(ManagerID, "999990")
		}
		return err
	}
	if err := wrongs(MaxAttempts - 1); errors.Is(err, ErrLocked) {
		t.Fatal(err)
	}
	if _, err := e.svc.Login(ManagerID, managerPIN); err != nil {
		t.Fatal(err)
	}
	if err := wrongs(MaxAttempts - 1); !errors.Is(err, ErrWrongPIN) || errors.Is(err, ErrLocked) {
		t.Fatalf("after a reset, %d wrong: %v", MaxAttempts-1, err)
	}
	if err := wrongs(1); !errors.Is(err, ErrLocked) {
		t.Fatalf("fifth wrong after reset: %v", err)
	}
}

func TestLockSurvivesRestart(t *testing.T) {
	dir := t.TempDir() // store and setup file share the data directory
	clock := newClock()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	svc, err := New(db, dir, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.ClaimManager(readCode(t, svc.SetupFilePath()), managerPIN); err != nil {
		t.Fatal(err)
	}
	for range MaxAttempts - 2 {
		_, _ = svc.Login(ManagerID, "999990")
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// The counter survives: two more wrong attempts lock.
	db, err = store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	svc, err = New(db, dir, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = svc.Login(ManagerID, "999990")
	if _, err := svc.Login(ManagerID, "999990"); !errors.Is(err, ErrLocked) {
		t.Fatalf("counter lost across restart: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// The lock survives too.
	db, err = store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	svc, err = New(db, dir, clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Login(ManagerID, managerPIN); !errors.Is(err, ErrLocked) {
		t.Fatalf("lock lost across restart: %v", err)
	}
	clock.Advance(LockDuration)
	if _, err := svc.Login(ManagerID, managerPIN); err != nil {
		t.Fatalf("after the lock: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, SetupFileName)); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("setup file recreated for a claimed store: %v", err)
	}
}

func TestConcurrentWrongAttemptsCountExactly(t *testing.T) {
	e := claimed(t)
	const n = 16
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() { _, errs[i] = e.svc.Login(ManagerID, fmt.Sprintf("7777%02d", i+10)) })
	}
	wg.Wait()
	var wrong, lockout, refused int
	for _, err := range errs {
		switch {
		case errors.Is(err, ErrLocked) && errors.Is(err, ErrWrongPIN):
			lockout++
		case errors.Is(err, ErrLocked):
			refused++
		case errors.Is(err, ErrWrongPIN):
			wrong++
		default:
			t.Fatalf("unexpected %v", err)
		}
	}
	if wrong != MaxAttempts-1 || lockout != 1 || refused != n-MaxAttempts {
		t.Fatalf("wrong=%d lockout=%d refused=%d", wrong, lockout, refused)
	}
	if _, err := e.db.VerifyAudit(); err != nil {
		t.Fatal(err)
	}
}

func TestChangePIN(t *testing.T) {
	const kimPIN = "583920"
	kim := Staff{ID: "kim", Name: "김직원", Role: RoleReception}
	cases := []struct {
		name        string
		actor       Staff
		old, new    string
		want        error
		counts      bool
		loginNew    bool
		prepareLock bool
	}{
		{name: "ok", actor: kim, old: kimPIN, new: "730194", loginNew: true},
		{name: "wrong old", actor: kim, old: "583921", new: "730194", want: ErrWrongPIN, counts: true},
		{name: "bad old", actor: kim, old: "58", new: "730194", want: ErrWrongPIN, counts: true},
		{name: "weak new", actor: kim, old: kimPIN, new: "123456", want: ErrWeakPIN},
		{name: "bad new", actor: kim, old: kimPIN, new: "7301", want: ErrBadPIN},
		{name: "another member's", actor: kim, old: kimPIN, new: managerPIN, loginNew: true},
		{name: "same as own", actor: kim, old: kimPIN, new: kimPIN, loginNew: true},
		{name: "unknown actor", actor: Staff{ID: "lee"}, old: kimPIN, new: "730194", want: ErrUnknownStaff},
		{name: "locked", actor: kim, old: kimPIN, new: "730194", want: ErrLocked, prepareLock: true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := claimed(t)
			addMember(t, e.db, kim, kimPIN)
			if c.prepareLock {
				for range MaxAttempts {
					_, _ = e.svc.Login("kim", "999990")
				}
			}
			err := e.svc.ChangePIN(c.actor, c.old, c.new)
			if !errors.Is(err, c.want) || (c.want == nil && err != nil) {
				t.Fatalf("ChangePIN = %v, want %v", err, c.want)
			}
			l, _ := lockRec(t, e.db, keyLock("kim"))
			if got := l.Failures == 1; got != c.counts && !c.prepareLock {
				t.Fatalf("counted = %v (failures %d), want %v", got, l.Failures, c.counts)
			}
			if c.loginNew {
				if m, err := e.svc.Login("kim", c.new); err != nil || m.ID != "kim" {
					t.Fatalf("login with new PIN: %+v, %v", m, err)
				}
				if c.new != c.old {
					if _, err := e.svc.Login("kim", c.old); !errors.Is(err, ErrWrongPIN) {
						t.Fatalf("old PIN still works: %v", err)
					}
				}
				// The manager keeps their PIN and account, whatever kim chose.
				if m, err := e.svc.Login(ManagerID, managerPIN); err != nil || m.ID != ManagerID {
					t.Fatalf("the manager after kim's change: %+v, %v", m, err)
				}
			}
			if c.want != nil && !c.prepareLock {
				if m, err := e.svc.Login("kim", kimPIN); err != nil || m.ID != "kim" {
					t.Fatalf("failed change altered the PIN: %v", err)
				}
			}
		})
	}
}

func TestChangePINResetsCounter(t *testing.T) {
	e := claimed(t)
	m, _ := e.svc.Login(ManagerID, managerPIN)
	for range MaxAttempts - 1 {
		_, _ = e.svc.Login(ManagerID, "999990")
	}
	if err := e.svc.ChangePIN(m, managerPIN, "730194"); err != nil {
		t.Fatal(err)
	}
	if _, ok := lockRec(t, e.db, keyLock(ManagerID)); ok {
		t.Fatal("counter kept after a successful change")
	}
}

func TestNoSecretsInAuditOrStore(t *testing.T) {
	e := newEnv(t)
	code := readCode(t, e.svc.SetupFilePath())
	const pin1, pin2, wrongPIN, other, reset = "402918374615", "730194826351", "999990000123", "583920174638", "817263549021"
	secrets := []string{code, pin1, pin2, wrongPIN, other, reset}

	_, _ = e.svc.ClaimManager("0000000001", pin1)
	m, err := e.svc.ClaimManager(code, pin1)
	if err != nil {
		t.Fatal(err)
	}
	kim, err := e.svc.AddMember(m.Actor(), "김직원", RoleReception, other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.AddMember(m.Actor(), "이직원", RoleReception, pin1); err != nil { // the manager's PIN too
		t.Fatal(err)
	}
	_, _ = e.svc.Login(ManagerID, wrongPIN)
	_, _ = e.svc.Login(ManagerID, pin1)
	_ = e.svc.ChangePIN(m, wrongPIN, pin2)
	if err := e.svc.ChangePIN(m, pin1, other); err != nil { // kim's PIN too
		t.Fatal(err)
	}
	if err := e.svc.ChangePIN(m, other, pin2); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.ResetPIN(m.Actor(), kim.ID, pin2); err != nil { // the manager's PIN too
		t.Fatal(err)
	}
	if err := e.svc.ResetPIN(m.Actor(), kim.ID, reset); err != nil {
		t.Fatal(err)
	}
	for range MaxAttempts {
		_, _ = e.svc.Login(ManagerID, wrongPIN)
	}
	_, _ = e.svc.Login(ManagerID, pin2) // refused while locked

	log, err := e.db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]store.Actor{}
	for _, a := range log {
		actions[a.Action] = a.Actor
		for _, s := range secrets {
			for _, n := range append([]string{a.Action, string(a.Actor)}, a.Notes...) {
				if strings.Contains(n, s) {
					t.Fatalf("audit entry %d %s carries a secret: %q", a.Seq, a.Action, n)
				}
			}
		}
	}
	want := map[string]store.Actor{
		"staff.setup.issued":      store.ActorSystem,
		"staff.claim.failed":      store.ActorVisitor,
		"staff.claim":             "staff:manager",
		"staff.login.failed":      store.ActorVisitor,
		"staff.login":             "staff:manager",
		"staff.pin.change.failed": "staff:manager",
		"staff.pin.change":        "staff:manager",
		"staff.lockout":           store.ActorVisitor,
		"staff.login.refused":     store.ActorVisitor,
		"staff.add":               "staff:manager",
		"staff.pin.reset":         "staff:manager",
	}
	for action, actor := range want {
		if got, ok := actions[action]; !ok || got != actor {
			t.Errorf("audit action %s: actor %q (present %v), want %q", action, got, ok, actor)
		}
	}
	if _, err := e.db.VerifyAudit(); err != nil {
		t.Fatal(err)
	}
	assertNotStored(t, e.db, secrets...)
}

func TestHashUpgradeOnLogin(t *testing.T) {
	e := claimed(t)
	old := hashParams
	t.Cleanup(func() { hashParams = old })
	hashParams = argonParams{Time: 2, Memory: 128, Threads: 1, KeyLen: 32}

	if _, err := e.svc.Login(ManagerID, managerPIN); err != nil {
		t.Fatal(err)
	}
	var m memberRecord
	if err := e.db.View(func(tx *store.Txn) error { return tx.Get(keyMember(ManagerID), &m) }); err != nil {
		t.Fatal(err)
	}
	if m.PIN.argonParams != hashParams {
		t.Fatalf("params %+v, want %+v", m.PIN.argonParams, hashParams)
	}
	if _, err := e.svc.Login(ManagerID, managerPIN); err != nil {
		t.Fatalf("login after upgrade: %v", err)
	}
}

func TestDefaultHashParameters(t *testing.T) {
	// The kiosk's own parameters (TestMain lowered hashParams for speed):
	// at least OWASP's argon2id minimum, and a hash made with them verifies.
	p := productionHashParams
	if p.Memory < 19*1024 || p.Time < 2 || p.Threads < 1 || p.KeyLen < 32 {
		t.Fatalf("production argon2id parameters %+v are below m=19 MiB, t=2, p=1, 32-byte keys", p)
	}
	old := hashParams
	t.Cleanup(func() { hashParams = old })
	hashParams = productionHashParams
	h, err := newHash(managerPIN)
	if err != nil {
		t.Fatal(err)
	}
	if h.argonParams != productionHashParams || h.Alg != "argon2id" || len(h.Salt) != 16 || len(h.Hash) != int(p.KeyLen) {
		t.Fatalf("hash %+v", h)
	}
	if !h.matches(managerPIN) || h.matches("402919") {
		t.Fatal("argon2id verification wrong")
	}
	// Records with unusable parameters never verify.
	bad := h
	bad.Memory = 1 << 30
	if bad.matches(managerPIN) {
		t.Fatal("absurd parameters accepted")
	}
}

// lockedUntil reports when a lock reported by err ends.
func lockedUntil(err error) (time.Time, bool) {
	var le *LockedError
	if errors.As(err, &le) {
		return le.Until, true
	}
	return time.Time{}, false
}

func TestLockedUntilOnlyForLocks(t *testing.T) {
	if _, ok := lockedUntil(ErrWrongPIN); ok {
		t.Error("LockedUntil on a non-lock error")
	}
	if _, ok := lockedUntil(fmt.Errorf("wrapped: %w", errors.New("disk on fire"))); ok {
		t.Error("LockedUntil on a failure")
	}
}
