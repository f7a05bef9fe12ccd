package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// TestCompactionInputsLeftAfterADeletion is a crash checkOrphans must let
// go: a compaction's MANIFEST change is written, and the process dies
// before the input tables are deleted (Badger deletes them only when the
// last iterator over them closes, so a backup stream keeps them on disk for
// minutes). One of their keys was deleted since, and the compaction into
// the last level dropped the key altogether: by content alone the inputs
// look like the only place its value lives. The MANIFEST's own deletion
// record of the inputs tells them apart from tables a cut-short MANIFEST
// lost.
func TestCompactionInputsLeftAfterADeletion(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	put := func(db *DB, k, v string) {
		t.Helper()
		if err := db.Update(ActorSystem, "test.put", func(tx *Txn) error { return tx.PutRaw([]byte(k), []byte(v)) }); err != nil {
			t.Fatal(err)
		}
	}
	put(db, "slot/r1/0900", `{"booking":"b1"}`)
	put(db, "booking/b2", `{"name":"kept"}`)
	if err := db.Close(); err != nil { // flushes and compacts into a table
		t.Fatal(err)
	}
	saved := filepath.Join(t.TempDir(), "saved")
	if err := os.MkdirAll(saved, 0o700); err != nil {
		t.Fatal(err)
	}
	var before []string
	for _, p := range filesLike(t, dir, ".sst") {
		before = append(before, filepath.Base(p))
	}
	if len(before) == 0 {
		t.Fatal("no table after the first close")
	}
	for _, name := range before {
		if err := copyFile(filepath.Join(dir, name), filepath.Join(saved, name)); err != nil {
			t.Fatal(err)
		}
	}

	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	// The slot is released (a lapsed hold): its key is deleted.
	if err := db.Update(ActorSystem, "test.release", func(tx *Txn) error { return tx.Delete([]byte("slot/r1/0900")) }); err != nil {
		t.Fatal(err)
	}
	put(db, "booking/b3", `{"name":"new"}`)
	if err := db.Close(); err != nil { // compacts the old table away
		t.Fatal(err)
	}
	// The crash: the compaction's inputs are still on disk.
	restored := 0
	for _, name := range before {
		if _, err := os.Stat(filepath.Join(dir, name)); errors.Is(err, fs.ErrNotExist) {
			if err := copyFile(filepath.Join(saved, name), filepath.Join(dir, name)); err != nil {
				t.Fatal(err)
			}
			restored++
		}
	}
	if restored == 0 {
		after := filesLike(t, dir, ".sst")
		sort.Strings(after)
		t.Fatalf("the second close compacted nothing away (tables before %v, after %v)", before, after)
	}

	db, err = Open(dir)
	if err != nil {
		t.Fatalf("a compaction's leftover inputs, whose only stale key was deleted since, were refused: %v (cause %d)", err, CauseOf(err))
	}
	defer db.Close()
	err = db.View(func(tx *Txn) error {
		if _, err := tx.GetRaw([]byte("slot/r1/0900")); !errors.Is(err, ErrNotFound) {
			t.Errorf("the released slot reads %v, want ErrNotFound", err)
		}
		for _, k := range []string{"booking/b2", "booking/b3"} {
			if _, err := tx.GetRaw([]byte(k)); err != nil {
				t.Errorf("%s: %v", k, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
