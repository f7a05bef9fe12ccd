package store

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

func openTemp(t *testing.T) *DB {
	t.Helper()
	db, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func TestKeyOrderIsNumericOrder(t *testing.T) {
	base := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		name string
		a, b []byte
	}{
		{"uint64", Key("x", uint64(9)), Key("x", uint64(10))},
		{"uint64 big", Key("x", uint64(255)), Key("x", uint64(256))},
		{"int64 negative", Key("x", int64(-5)), Key("x", int64(3))},
		{"int", Key("x", -1), Key("x", 0)},
		{"time", Key("slot", "r1", base), Key("slot", "r1", base.Add(30*time.Minute))},
		{"time before 1970", Key("t", time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC)), Key("t", base)},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if bytes.Compare(c.a, c.b) >= 0 {
				t.Fatalf("%x should sort before %x", c.a, c.b)
			}
			if len(c.a) != len(c.b) {
				t.Fatalf("keys differ in width: %d vs %d", len(c.a), len(c.b))
			}
		})
	}
	k := Key("slot", "r1", base)
	if got := TimeAt(k, len("slot/r1/")); !got.Equal(base) {
		t.Fatalf("TimeAt = %v, want %v", got, base)
	}
	if got := Int64At(Key("n", int64(-42)), 2); got != -42 {
		t.Fatalf("Int64At = %d", got)
	}
}

func TestUpdateWritesAuditInSameTransaction(t *testing.T) {
	db := openTemp(t)
	fixed := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return fixed }

	if err := db.Update("staff:kim", "room.rename", func(tx *Txn) error {
		tx.Note("room=seminar")
		return tx.Put(Key("room", "seminar"), map[string]string{"name": "세미나실"})
	}); err != nil {
		t.Fatal(err)
	}
	// A failing closure writes neither its data nor an audit entry.
	boom := errors.New("boom")
	if err := db.Update("staff:kim", "room.delete", func(tx *Txn) error {
		if err := tx.Delete(Key("room", "seminar")); err != nil {
			return err
		}
		return boom
	}); !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 {
		t.Fatalf("audit entries = %d, want 1", len(log))
	}
	e := log[0]
	if e.Actor != "staff:kim" || e.Action != "room.rename" || !e.At.Equal(fixed) || len(e.Notes) != 1 || e.Notes[0] != "room=seminar" {
		t.Fatalf("unexpected entry %+v", e)
	}
	var room map[string]string
	if err := db.View(func(tx *Txn) error { return tx.Get(Key("room", "seminar"), &room) }); err != nil {
		t.Fatal(err)
	}
	if room["name"] != "세미나실" {
		t.Fatalf("room = %v", room)
	}
}

func TestUpdateNeedsActorAndAction(t *testing.T) {
	db := openTemp(t)
	for _, c := range []struct{ actor, action string }{{"", "x"}, {"a", ""}} {
		err := db.Update(Actor(c.actor), c.action, func(tx *Txn) error { return tx.PutRaw([]byte("k"), []byte("v")) })
		if err == nil {
			t.Fatalf("Update(%q,%q) accepted", c.actor, c.action)
		}
	}
	n, _ := db.VerifyAudit()
	if n != 0 {
		t.Fatalf("audit entries = %d", n)
	}
}

func TestViewIsReadOnly(t *testing.T) {
	db := openTemp(t)
	err := db.View(func(tx *Txn) error { return tx.PutRaw([]byte("k"), []byte("v")) })
	if !errors.Is(err, ErrReadOnly) {
		t.Fatalf("err = %v", err)
	}
	err = db.View(func(tx *Txn) error { return tx.Get([]byte("k"), new(string)) })
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v", err)
	}
}

// Rehearse lets its closure read what it wrote, returns the closure's
// result, and leaves the store and the audit log as they were.
func TestRehearseStoresNothing(t *testing.T) {
	db := openTemp(t)
	if err := db.Update(ActorSystem, "test.write", func(tx *Txn) error { return tx.Put(Key("k", 1), "before") }); err != nil {
		t.Fatal(err)
	}
	refused := errors.New("refused after writing")
	for _, want := range []error{nil, refused} {
		var seen []string
		err := db.Rehearse(func(tx *Txn) error {
			if err := tx.Put(Key("k", 1), "during"); err != nil {
				return err
			}
			if err := tx.Put(Key("k", 2), "new"); err != nil {
				return err
			}
			if err := tx.Delete(Key("k", 0)); err != nil {
				return err
			}
			tx.Note("rehearsed")
			return tx.Scan(Prefix("k"), func(_, v []byte) error {
				seen = append(seen, string(v))
				return nil
			})
		})
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(seen) != `["during" "new"]` { // JSON values
			t.Fatalf("the rehearsal read %q, want its own writes", seen)
		}
		err = db.Rehearse(func(tx *Txn) error {
			if err := tx.Put(Key("k", 3), "x"); err != nil {
				return err
			}
			return want
		})
		if !errors.Is(err, want) {
			t.Fatalf("Rehearse returned %v, want %v", err, want)
		}
		var got string
		if err := db.View(func(tx *Txn) error { return tx.Get(Key("k", 1), &got) }); err != nil || got != "before" {
			t.Fatalf("after a rehearsal k/1 = %q, %v; want \"before\"", got, err)
		}
		if n, err := db.CountKeys(Prefix("k")); err != nil || n != 1 {
			t.Fatalf("after a rehearsal %d keys, %v; want 1", n, err)
		}
		if n := db.AuditLen(); n != 1 {
			t.Fatalf("after a rehearsal %d audit entries, want 1", n)
		}
	}
}

func TestAuditChainSurvivesReopenAndDetectsTampering(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := db.Update(ActorSystem, "test.write", func(tx *Txn) error {
			return tx.Put(Key("n", i), i)
		}); err != nil {
			t.Fatal(err)
		}
	}
	_ = db.Close()
	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(ActorSystem, "test.write", func(tx *Txn) error { return tx.Put(Key("n", 5), 5) }); err != nil {
		t.Fatal(err)
	}
	n, err := db.VerifyAudit()
	if err != nil || n != 6 {
		t.Fatalf("VerifyAudit = %d, %v; want 6, nil", n, err)
	}

	// Tamper with entry 3 outside the audited path.
	err = db.bdb.Update(func(btx *badger.Txn) error {
		item, err := btx.Get(auditKey(3))
		if err != nil {
			return err
		}
		raw, _ := item.ValueCopy(nil)
		raw = bytes.Replace(raw, []byte("test.write"), []byte("test.wrote"), 1)
		return btx.Set(auditKey(3), raw)
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.VerifyAudit(); !errors.Is(err, ErrAuditBroken) {
		t.Fatalf("tampered chain verified: %v", err)
	}
	// Removing an entry is detected too.
	if err := db.bdb.Update(func(btx *badger.Txn) error { return btx.Delete(auditKey(2)) }); err != nil {
		t.Fatal(err)
	}
	if _, err := db.VerifyAudit(); !errors.Is(err, ErrAuditBroken) {
		t.Fatalf("gap verified: %v", err)
	}
}

func TestConcurrentUpdatesKeepChainWhole(t *testing.T) {
	db := openTemp(t)
	var wg sync.WaitGroup
	const workers, each = 16, 10
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				err := db.Update(Actor(fmt.Sprintf("w%d", w)), "counter.add", func(tx *Txn) error {
					var n int
					if err := tx.Get([]byte("counter"), &n); err != nil && !errors.Is(err, ErrNotFound) {
						return err
					}
					if err := tx.Put(Key("w", w, i), true); err != nil {
						return err
					}
					return tx.Put([]byte("counter"), n+1)
				})
				if err != nil {
					t.Error(err)
				}
			}
		}()
	}
	var rwg sync.WaitGroup
	rwg.Add(1)
	go func() { // readers run alongside writers
		defer rwg.Done()
		for range 50 {
			_ = db.View(func(tx *Txn) error { return tx.Scan(Prefix("w"), func(_, _ []byte) error { return nil }) })
		}
	}()
	wg.Wait()
	rwg.Wait()
	var n int
	if err := db.View(func(tx *Txn) error { return tx.Get([]byte("counter"), &n) }); err != nil {
		t.Fatal(err)
	}
	if n != workers*each {
		t.Fatalf("counter = %d, want %d (lost updates)", n, workers*each)
	}
	got, err := db.VerifyAudit()
	if err != nil || got != workers*each {
		t.Fatalf("VerifyAudit = %d, %v", got, err)
	}
}

func TestScanRangeAndLast(t *testing.T) {
	db := openTemp(t)
	day := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
	if err := db.Update(ActorSystem, "fill", func(tx *Txn) error {
		for i := range 10 {
			if err := tx.Put(Key("slot", "a", day.Add(time.Duration(i)*30*time.Minute)), i); err != nil {
				return err
			}
		}
		return tx.Put(Key("slot", "b", day), 99)
	}); err != nil {
		t.Fatal(err)
	}
	var seen []int
	err := db.View(func(tx *Txn) error {
		return tx.Range(Prefix("slot", "a"), Key("slot", "a", day.Add(time.Hour)), Key("slot", "a", day.Add(2*time.Hour)), func(k, v []byte) error {
			seen = append(seen, int(v[0]-'0'))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(seen) != "[2 3]" {
		t.Fatalf("range saw %v, want [2 3]", seen)
	}
	err = db.View(func(tx *Txn) error {
		k, v, err := tx.Last(Prefix("slot", "a"))
		if err != nil {
			return err
		}
		if string(v) != "9" || !TimeAt(k, len("slot/a/")).Equal(day.Add(270*time.Minute)) {
			t.Fatalf("Last = %x %s", k, v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestHelperHoldStore is not a test: the child process of
// TestSecondProcessGetsInUse runs it to hold a data directory open.
func TestHelperHoldStore(t *testing.T) {
	dir := os.Getenv("STORE_HOLD_DIR")
	if dir == "" {
		t.Skip("helper process only")
	}
	db, err := Open(dir)
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	fmt.Println("READY")
	_, _ = os.Stdin.Read(make([]byte, 1)) // hold until the parent closes stdin
	_ = db.Close()
	os.Exit(0)
}

func TestSecondProcessGetsInUse(t *testing.T) {
	dir := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldStore$")
	cmd.Env = append(os.Environ(), "STORE_HOLD_DIR="+dir)
	stdin, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := out.Read(buf); err != nil || string(buf) != "READY" {
		t.Fatalf("helper did not get ready: %q %v", buf, err)
	}
	before, _ := os.ReadDir(dir)

	_, err := Open(dir)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("second open: %v, want ErrInUse", err)
	}
	after, _ := os.ReadDir(dir)
	if len(before) != len(after) {
		t.Fatalf("second open touched the directory: %d files before, %d after", len(before), len(after))
	}
	_ = stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	// Once the holder is gone the directory opens again.
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	_ = db.Close()
}

func TestOpenBadDirectories(t *testing.T) {
	base := t.TempDir()
	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	corrupt := filepath.Join(base, "corrupt")
	if err := os.MkdirAll(corrupt, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(corrupt, "MANIFEST"), bytes.Repeat([]byte{0xde, 0xad}, 512), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		dir  string
		want error
	}{
		{"path is a file", file, ErrUnreadable},
		{"parent is a file", filepath.Join(file, "data"), ErrUnreadable},
		{"garbage manifest", corrupt, ErrCorrupt},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db, err := Open(c.dir)
			if err == nil {
				_ = db.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, c.want) {
				t.Fatalf("err = %v, want %v", err, c.want)
			}
		})
	}
}

func TestDataDirectoryIsPrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "new")
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	st, err := os.Stat(dir)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o700 {
		t.Fatalf("mode = %v, want 0700", st.Mode().Perm())
	}
}

func TestBadgerLogsGoToSlogAtWarning(t *testing.T) {
	var buf bytes.Buffer
	log := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	o := Options(t.TempDir(), log)
	if _, ok := o.Logger.(slogLogger); !ok {
		t.Fatalf("Badger logger is %T, want slogLogger", o.Logger)
	}
	o.Logger.Infof("chatty %d", 1)
	o.Logger.Debugf("chattier %d", 2)
	o.Logger.Warningf("disk %s\n", "slow")
	out := buf.String()
	if strings.Contains(out, "chatty") || !strings.Contains(out, "level=WARN") || !strings.Contains(out, "disk slow") {
		t.Fatalf("slog got %q", out)
	}
}

func TestCountKeysAndAuditLen(t *testing.T) {
	db := openTemp(t)
	if n, err := db.CountKeys(Prefix("x")); err != nil || n != 0 || db.AuditLen() != 0 {
		t.Fatalf("empty store: %d keys, %v, %d audit entries", n, err, db.AuditLen())
	}
	for i := range 3 {
		if err := db.Update(ActorSystem, "fill", func(tx *Txn) error { return tx.Put(Key("x", i), i) }); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.Update(ActorSystem, "other", func(tx *Txn) error { return tx.Put(Key("xy", 1), 1) }); err != nil {
		t.Fatal(err)
	}
	if n, err := db.CountKeys(Prefix("x")); err != nil || n != 3 {
		t.Fatalf("CountKeys = %d, %v; want 3 (xy/ is another prefix)", n, err)
	}
	if got := db.AuditLen(); got != 4 {
		t.Fatalf("AuditLen = %d, want 4", got)
	}
}

func TestAuditRecordsAnOverriddenClock(t *testing.T) {
	db := openTemp(t)
	write := func() {
		t.Helper()
		if err := db.Update(ActorCLI, "test.write", func(tx *Txn) error { return tx.Put(Key("n", 1), 1) }); err != nil {
			t.Fatal(err)
		}
	}
	write()
	at := time.Date(2027, 3, 8, 10, 0, 0, 0, time.FixedZone("KST", 9*3600))
	db.Overridden = func() time.Time { return at }
	write()
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 2 || log[0].Clock != "" || log[1].Clock != "2027-03-08T10:00:00+09:00" {
		t.Fatalf("clocks recorded = %+v, want none then the override", log)
	}
	// The override is part of the entry's hash: editing it breaks the chain.
	err = db.bdb.Update(func(btx *badger.Txn) error {
		item, err := btx.Get(auditKey(2))
		if err != nil {
			return err
		}
		raw, _ := item.ValueCopy(nil)
		return btx.Set(auditKey(2), bytes.Replace(raw, []byte(`"clock":"2027-03-08T10:00:00+09:00",`), nil, 1))
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.VerifyAudit(); !errors.Is(err, ErrAuditBroken) {
		t.Fatalf("removing the override verified: %v", err)
	}
}
