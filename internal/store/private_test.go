package store

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// TestOpenMakesTheDirectoryPrivate: a data directory copied with loose
// modes (0755, files 0644, as an unpacked archive or a sync tool leaves
// it) is its owner's only after Open, its data intact; files the process
// creates afterwards are private too.
func TestOpenMakesTheDirectoryPrivate(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("POSIX modes")
	}
	dir := filepath.Join(t.TempDir(), "data")
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(ActorSystem, "test.write", func(tx *Txn) error { return tx.Put(Key("k"), "v") }); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	loosen := func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		mode := fs.FileMode(0o644)
		if d.IsDir() {
			mode = 0o755
		}
		return os.Chmod(path, mode)
	}
	if err := filepath.WalkDir(dir, loosen); err != nil {
		t.Fatal(err)
	}

	db, err = Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v string
	if err := db.View(func(tx *Txn) error { return tx.Get(Key("k"), &v) }); err != nil || v != "v" {
		t.Fatalf("data after making it private: %q, %v", v, err)
	}
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		if info.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s is %v after Open", path, info.Mode().Perm())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	later := filepath.Join(dir, "created-later")
	if err := os.WriteFile(later, []byte("x"), 0o666); err != nil {
		t.Fatal(err)
	}
	if info, err := os.Stat(later); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("a file created after Open is %v (%v), want 0600", info.Mode().Perm(), err)
	}
}
