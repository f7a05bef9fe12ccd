package store

import (
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/store/storetest"
)

// testSteps returns n migrations. Step v checks that it runs on a store at
// version v-1 that holds what the steps before it wrote, writes mig/<v>,
// records in ran that it ran, and fails with errBoom if fails[v].
func testSteps(n int, ran *[]int, fails map[int]bool) []Migration {
	var steps []Migration
	for v := 1; v <= n; v++ {
		steps = append(steps, Migration{Version: v, Name: fmt.Sprint("step", v), Apply: func(tx *Txn) error {
			*ran = append(*ran, v)
			var cur int
			err := tx.Get(schemaKey, &cur)
			switch {
			case errors.Is(err, ErrNotFound) && v <= 2: // empty, or data before versions
			case err != nil:
				return err
			case cur != v-1:
				return fmt.Errorf("step %d runs on version %d", v, cur)
			}
			if v > 1 {
				if ok, err := tx.Has(Key("mig", v-1)); err != nil || (!ok && cur > 0) {
					return fmt.Errorf("step %d does not see step %d's write: %v", v, v-1, err)
				}
			}
			if err := tx.Put(Key("mig", v), v); err != nil {
				return err
			}
			if fails[v] {
				return errBoom
			}
			return nil
		}})
	}
	return steps
}

func schemaVersion(t *testing.T, db *DB) int {
	t.Helper()
	v, err := db.SchemaVersion()
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// checkMigrateAudit checks that entries are one schema.migrate entry per
// step, from version from+1 on.
func checkMigrateAudit(t *testing.T, entries []AuditEntry, from int) {
	t.Helper()
	for i, e := range entries {
		v := from + 1 + i
		want := fmt.Sprintf("schema %d -> %d: step%d", v-1, v, v)
		if e.Action != "schema.migrate" || e.Actor != ActorSystem || !slices.Equal(e.Notes, []string{want}) {
			t.Fatalf("audit entry %d: %s by %s, notes %q; want schema.migrate %q", i, e.Action, e.Actor, e.Notes, want)
		}
	}
}

func TestMigrateEmptyStoreRunsEveryStep(t *testing.T) {
	db := openForTest(t, true)
	if v := schemaVersion(t, db); v != 0 {
		t.Fatalf("empty store at version %d, want 0", v)
	}
	var ran []int
	if err := db.Migrate(testSteps(4, &ran, nil)); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ran, []int{1, 2, 3, 4}) {
		t.Fatalf("steps ran: %v", ran)
	}
	if v := schemaVersion(t, db); v != 4 {
		t.Fatalf("version %d, want 4", v)
	}
	// One audited transaction per step.
	entries, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 4 {
		t.Fatalf("%d audit entries, want 4", len(entries))
	}
	checkMigrateAudit(t, entries, 0)
	if n, err := db.VerifyAudit(); err != nil || n != 4 {
		t.Fatalf("VerifyAudit = %d, %v", n, err)
	}
}

func TestSchemaVersionOfDataWithoutVersionIsOne(t *testing.T) {
	db := openForTest(t, true)
	if err := db.Update(ActorSystem, "room.seed", func(tx *Txn) error {
		return tx.Put(Key("room", "seminar"), "세미나실")
	}); err != nil {
		t.Fatal(err)
	}
	if v := schemaVersion(t, db); v != 1 {
		t.Fatalf("unversioned data at version %d, want 1", v)
	}
	var ran []int
	if err := db.Migrate(testSteps(3, &ran, nil)); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ran, []int{2, 3}) {
		t.Fatalf("steps ran: %v, want [2 3] (step 1 is what the data already is)", ran)
	}
	if v := schemaVersion(t, db); v != 3 {
		t.Fatalf("version %d, want 3", v)
	}
	entries, err := db.AuditLog(1, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 2 {
		t.Fatalf("%d migration entries, want 2", len(entries))
	}
	checkMigrateAudit(t, entries, 1)
}

func TestMigrateFailingStepStopsThere(t *testing.T) {
	for _, failAt := range []int{1, 2, 3} {
		t.Run(fmt.Sprint("step", failAt), func(t *testing.T) {
			db := openForTest(t, true)
			var ran []int
			err := db.Migrate(testSteps(3, &ran, map[int]bool{failAt: true}))
			if !errors.Is(err, errBoom) || !strings.Contains(err.Error(), fmt.Sprintf("version %d (step%d)", failAt, failAt)) {
				t.Fatalf("Migrate = %v, want boom naming version %d", err, failAt)
			}
			if !slices.Equal(ran, []int{1, 2, 3}[:failAt]) {
				t.Fatalf("steps ran: %v", ran)
			}
			if v := schemaVersion(t, db); v != failAt-1 {
				t.Fatalf("version %d after step %d failed, want %d", v, failAt, failAt-1)
			}
			// The failed step wrote nothing: no data, no version, no entry.
			var got int
			if err := db.View(func(tx *Txn) error { return tx.Get(Key("mig", failAt), &got) }); !errors.Is(err, ErrNotFound) {
				t.Fatalf("failed step's write is there: %d, %v", got, err)
			}
			if db.AuditLen() != failAt-1 {
				t.Fatalf("%d audit entries, want %d", db.AuditLen(), failAt-1)
			}
			// Fixed, the migration goes on from there.
			ran = nil
			if err := db.Migrate(testSteps(3, &ran, nil)); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(ran, []int{1, 2, 3}[failAt-1:]) || schemaVersion(t, db) != 3 {
				t.Fatalf("after the fix: ran %v, version %d", ran, schemaVersion(t, db))
			}
			entries, err := db.AuditLog(0, 0)
			if err != nil {
				t.Fatal(err)
			}
			checkMigrateAudit(t, entries, 0)
		})
	}
}

func TestMigrateRefusesStepsOutOfOrder(t *testing.T) {
	ok := func(*Txn) error { return nil }
	cases := []struct {
		name  string
		steps []Migration
	}{
		{"gap", []Migration{{1, "a", ok}, {3, "c", ok}}},
		{"starts at 2", []Migration{{2, "b", ok}}},
		{"starts at 0", []Migration{{0, "z", ok}, {1, "a", ok}}},
		{"twice the same", []Migration{{1, "a", ok}, {1, "a", ok}}},
		{"swapped", []Migration{{2, "b", ok}, {1, "a", ok}}},
		{"no Apply", []Migration{{1, "a", ok}, {2, "b", nil}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := openForTest(t, true)
			ran := 0
			for i := range c.steps {
				if c.steps[i].Apply != nil {
					c.steps[i].Apply = func(*Txn) error { ran++; return nil }
				}
			}
			err := db.Migrate(c.steps)
			if err == nil || errors.Is(err, ErrNewerSchema) {
				t.Fatalf("Migrate = %v, want refused", err)
			}
			if ran != 0 || db.AuditLen() != 0 || len(dumpStore(t, db)) != 0 {
				t.Fatalf("refused migration ran %d steps, wrote %d entries", ran, db.AuditLen())
			}
		})
	}
}

func TestMigrateRefusesNewerStoreUntouched(t *testing.T) {
	cases := []struct {
		known int // steps this program knows; the store is at version 5
		newer bool
	}{
		{known: 0, newer: true},
		{known: 3, newer: true},
		{known: 4, newer: true},
		{known: 5},
	}
	for _, c := range cases {
		t.Run(fmt.Sprint("knows", c.known), func(t *testing.T) {
			db := openForTest(t, false)
			var ran []int
			if err := db.Migrate(testSteps(5, &ran, nil)); err != nil {
				t.Fatal(err)
			}
			if err := db.Update("staff:kim", "room.rename", func(tx *Txn) error {
				tx.Note("room=seminar")
				return tx.Put(Key("room", "seminar"), "세미나실")
			}); err != nil {
				t.Fatal(err)
			}
			before, auditBefore := dumpStore(t, db), db.AuditLen()
			ran = nil
			err := db.Migrate(testSteps(c.known, &ran, nil))
			switch {
			case c.newer && !errors.Is(err, ErrNewerSchema):
				t.Fatalf("Migrate with %d steps on version 5 = %v, want ErrNewerSchema", c.known, err)
			case !c.newer && err != nil:
				t.Fatal(err)
			}
			if len(ran) != 0 {
				t.Fatalf("steps ran: %v", ran)
			}
			after := dumpStore(t, db)
			if db.AuditLen() != auditBefore || !equalDumps(before, after) {
				t.Fatalf("store changed: %d keys -> %d, audit %d -> %d", len(before), len(after), auditBefore, db.AuditLen())
			}
			if v := schemaVersion(t, db); v != 5 {
				t.Fatalf("version %d, want 5", v)
			}
		})
	}
}

func TestMigrateTwiceDoesNothingTheSecondTime(t *testing.T) {
	db := openForTest(t, false)
	var ran []int
	if err := db.Migrate(testSteps(3, &ran, nil)); err != nil {
		t.Fatal(err)
	}
	before, auditBefore := dumpStore(t, db), db.AuditLen()
	ran = nil
	if err := db.Migrate(testSteps(3, &ran, nil)); err != nil {
		t.Fatal(err)
	}
	if len(ran) != 0 || db.AuditLen() != auditBefore || !equalDumps(before, dumpStore(t, db)) {
		t.Fatalf("second Migrate ran %v, audit %d -> %d", ran, auditBefore, db.AuditLen())
	}
	// A program with one step more runs that one only.
	if err := db.Migrate(testSteps(4, &ran, nil)); err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ran, []int{4}) || schemaVersion(t, db) != 4 || db.AuditLen() != auditBefore+1 {
		t.Fatalf("upgrade ran %v, version %d, audit %d", ran, schemaVersion(t, db), db.AuditLen())
	}
}

func TestBackupLoadRoundTrip(t *testing.T) {
	src := openForTest(t, false)
	var ran []int
	if err := src.Migrate(testSteps(2, &ran, nil)); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := src.Update("staff:kim", "test.fill", func(tx *Txn) error {
			for j := range 100 {
				if err := tx.PutRaw(Key("fill", i, j), bulkTestValue(i*100+j, 50+j)); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	// Overwrites and deletes: the backup holds the latest values only.
	if err := src.Update("staff:kim", "test.edit", func(tx *Txn) error {
		for j := range 10 {
			if err := tx.Delete(Key("fill", 0, j)); err != nil {
				return err
			}
			if err := tx.PutRaw(Key("fill", 1, j), []byte("changed")); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := src.Bulk("staff:kim", "test.import", "import1", func(tx *Txn) error {
		for i := range 3000 {
			if err := tx.PutRaw(Key("imported", i), bulkTestValue(i, 200)); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	want := dumpStore(t, src)
	var buf bytes.Buffer
	if err := src.Backup(&buf); err != nil {
		t.Fatal(err)
	}

	for _, inMemory := range []bool{true, false} {
		t.Run(map[bool]string{true: "into memory", false: "onto disk, reopened"}[inMemory], func(t *testing.T) {
			var dst *DB
			if inMemory {
				dst = openForTest(t, true)
			} else {
				dir := t.TempDir()
				d, err := Open(dir)
				if err != nil {
					t.Fatal(err)
				}
				if err := d.Load(bytes.NewReader(buf.Bytes())); err != nil {
					t.Fatal(err)
				}
				if err := d.Close(); err != nil {
					t.Fatal(err)
				}
				if dst, err = Open(dir); err != nil {
					t.Fatal(err)
				}
				t.Cleanup(func() { _ = dst.Close() })
			}
			if inMemory {
				if err := dst.Load(bytes.NewReader(buf.Bytes())); err != nil {
					t.Fatal(err)
				}
			}
			got := dumpStore(t, dst)
			if !equalDumps(want, got) {
				for k, v := range want {
					if got[k] != v {
						t.Errorf("key %q: %q, want %q", k, got[k], v)
						break
					}
				}
				t.Fatalf("loaded store: %d keys, want %d", len(got), len(want))
			}
			if _, ok := got[string(Key("fill", 0, 3))]; ok {
				t.Fatal("a deleted key came back")
			}
			if dst.AuditLen() != src.AuditLen() || schemaVersion(t, dst) != 2 {
				t.Fatalf("loaded: AuditLen %d (source %d), version %d", dst.AuditLen(), src.AuditLen(), schemaVersion(t, dst))
			}
			// The chain goes on from the loaded head.
			if err := dst.Update("staff:lee", "room.rename", func(tx *Txn) error {
				return tx.Put(Key("room", "hall"), "강당")
			}); err != nil {
				t.Fatal(err)
			}
			n, err := dst.VerifyAudit()
			if err != nil || n != src.AuditLen()+1 || dst.AuditLen() != n {
				t.Fatalf("after a write: VerifyAudit = %d, %v; AuditLen %d; want %d", n, err, dst.AuditLen(), src.AuditLen()+1)
			}
			last, err := dst.AuditLog(uint64(n-1), 0)
			if err != nil || len(last) != 1 || last[0].Actor != "staff:lee" || last[0].Seq != uint64(n) {
				t.Fatalf("last entry %+v, %v", last, err)
			}
		})
	}
}

// TestOpenKnowingSchemaRefusesNewerStoreBeforeWriting: with KnownSchema
// below the store's version, Open refuses it while checking its copy, so
// not a byte of the directory changes (Badger's own open would add a value
// log); at or above it, or without the option, the store opens.
func TestOpenKnowingSchemaRefusesNewerStoreBeforeWriting(t *testing.T) {
	dir := t.TempDir()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	var ran []int
	if err := db.Migrate(testSteps(5, &ran, nil)); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		opts  []OpenOption
		newer bool
	}{
		{[]OpenOption{KnownSchema(4)}, true},
		{[]OpenOption{KnownSchema(1)}, true},
		{[]OpenOption{KnownSchema(5)}, false},
		{[]OpenOption{KnownSchema(6)}, false},
		{nil, false},
	} {
		before := storetest.Take(t, dir)
		db, err := Open(dir, c.opts...)
		if !c.newer {
			if err != nil {
				t.Fatalf("%d options: %v", len(c.opts), err)
			}
			if v := schemaVersion(t, db); v != 5 {
				t.Fatalf("version %d, want 5", v)
			}
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			continue
		}
		if !errors.Is(err, ErrNewerSchema) || !strings.Contains(err.Error(), "version 5") {
			if err == nil {
				_ = db.Close()
			}
			t.Fatalf("Open knowing fewer steps = %v, want ErrNewerSchema naming version 5", err)
		}
		if d := before.Diff(storetest.Take(t, dir)); d != "" {
			t.Fatalf("the refused open changed the directory: %s", d)
		}
	}
}
