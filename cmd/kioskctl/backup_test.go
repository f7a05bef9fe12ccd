package main

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestBackupRestore: backup writes a verified file and says where and how
// big; restore fills an empty directory with it, and there the bookings,
// the audit chain (with the restore's own entry) and a pass issued before
// the backup work as before.
func TestBackupRestore(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	id := bookID(t, dir, monday, "seminar", "2027-03-10T10:00", "2027-03-10T12:00")
	ok(t, dir, monday, "pay", "-booking", id)
	tok := token(t, dir, monday, id)
	entries := auditEntries(t, dir, monday)

	file := filepath.Join(t.TempDir(), "centre.kbak")
	b := object(t, ok(t, dir, monday, "backup", "-o", file), "file", "bytes")
	fi, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if b["file"] != file || b["bytes"] != float64(fi.Size()) || fi.Mode().Perm() != 0o600 {
		t.Fatalf("backup said %v; the file is %d bytes, mode %v", b, fi.Size(), fi.Mode())
	}
	invoices := ok(t, dir, monday, "invoices")

	restored := filepath.Join(t.TempDir(), "restored")
	r := object(t, ok(t, restored, "", "restore", "-i", file), "dir", "file", "created", "entries")
	// The backup's own audit entry came after the snapshot; the restore
	// adds its own.
	if r["dir"] != restored || r["entries"] != float64(entries+1) {
		t.Fatalf("restore said %v, want %d entries", r, entries+1)
	}
	if got := auditEntries(t, restored, monday); got < entries+1 {
		t.Fatalf("restored audit log: %d entries", got)
	}
	if got := ok(t, restored, monday, "invoices"); !reflect.DeepEqual(got, invoices) {
		t.Fatalf("invoices after the restore %v, want %v", got, invoices)
	}
	ci := object(t, ok(t, restored, "2027-03-10T09:55", "checkin", "-token", tok), "booking", "room", "checked_in_at")
	if ci["booking"] != id {
		t.Fatalf("checkin after the restore: %v", ci)
	}

	// Text mode: one line.
	file2 := filepath.Join(t.TempDir(), "again.kbak")
	res := kc(t, dir, monday, "backup", "-o", file2)
	if res.code != exitOK || strings.Count(res.stdout, "\n") != 1 || !strings.Contains(res.stdout, file2) {
		t.Fatalf("backup in text: %+v", res)
	}
}

// TestRestoreRefusals: restore into a directory that is not empty, or from
// a file that is not a sound backup, exits 1 with one line and changes
// nothing: no directory made, nothing written where there was something.
func TestRestoreRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	bookID(t, dir, monday, "seminar", "2027-03-10T10:00", "2027-03-10T12:00")
	file := filepath.Join(t.TempDir(), "centre.kbak")
	ok(t, dir, monday, "backup", "-o", file)
	good, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(t.TempDir(), "cut.kbak")
	if err := os.WriteFile(cut, good[:len(good)/2], 0o600); err != nil {
		t.Fatal(err)
	}
	flipped := filepath.Join(t.TempDir(), "flipped.kbak")
	bad := append([]byte(nil), good...)
	bad[len(bad)/2] ^= 1
	if err := os.WriteFile(flipped, bad, 0o600); err != nil {
		t.Fatal(err)
	}
	notes := t.TempDir()
	if err := os.WriteFile(filepath.Join(notes, "notes.txt"), []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, into, file, says string
	}{
		{"a data directory", dir, file, "not empty"},
		{"a folder with a file", notes, file, "not empty"},
		{"a truncated file", filepath.Join(t.TempDir(), "new"), cut, "truncated or damaged"},
		{"a flipped byte", filepath.Join(t.TempDir(), "new"), flipped, "truncated or damaged"},
		{"no such file", filepath.Join(t.TempDir(), "new"), filepath.Join(t.TempDir(), "none.kbak"), "not there"},
		{"not a backup", filepath.Join(t.TempDir(), "new"), filepath.Join(notes, "notes.txt"), "not a kiosk backup"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			parent := filepath.Dir(c.into)
			before := tree(t, parent)
			r := kc(t, c.into, "", "restore", "-i", c.file)
			checkRefusal(t, r)
			if !strings.Contains(r.stderr, c.says) {
				t.Fatalf("stderr %q, want %q", r.stderr, c.says)
			}
			if after := tree(t, parent); !reflect.DeepEqual(after, before) {
				t.Fatalf("a refused restore changed %s:\n%v\nwas\n%v", parent, after, before)
			}
		})
	}
	if r := kc(t, filepath.Join(t.TempDir(), "x"), "", "restore"); r.code != exitUsage {
		t.Fatalf("restore without -i: %+v", r)
	}
	if r := kc(t, dir, "", "backup"); r.code != exitUsage {
		t.Fatalf("backup without -o: %+v", r)
	}
}

// tree is every path under root with its size and mode.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.Walk(root, func(p string, fi os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		out[p] = fmt.Sprint(fi.Mode(), fi.ModTime(), fi.Size())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
