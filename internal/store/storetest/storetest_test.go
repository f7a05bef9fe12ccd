package storetest

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestCopyDirKeepsContentAndSparseness(t *testing.T) {
	from, to := t.TempDir(), filepath.Join(t.TempDir(), "copy")
	sparse := filepath.Join(from, "00001.mem")
	f, err := os.Create(sparse)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteAt([]byte("head"), 0)
	_, _ = f.WriteAt([]byte("tail"), 16<<20-4) // 16 MiB, mostly a hole
	_ = f.Close()
	if err := os.WriteFile(filepath.Join(from, "MANIFEST"), []byte("manifest"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(from, ".probe-1"), 0o700); err != nil {
		t.Fatal(err)
	}
	CopyDir(t, from, to)
	for _, name := range []string{"00001.mem", "MANIFEST"} {
		a, _ := os.ReadFile(filepath.Join(from, name))
		b, err := os.ReadFile(filepath.Join(to, name))
		if err != nil || !bytes.Equal(a, b) {
			t.Fatalf("%s copied wrong (%v)", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(to, ".probe-1")); err == nil {
		t.Error("a folder was copied")
	}
	var st syscall.Stat_t
	if err := syscall.Stat(filepath.Join(to, "00001.mem"), &st); err == nil && st.Blocks*512 > 1<<20 {
		t.Errorf("the copy of a 16 MiB sparse file takes %d bytes on disk", st.Blocks*512)
	}
}

func TestSnapshotDiff(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"a", "b"} {
		if err := os.WriteFile(filepath.Join(dir, n), []byte(n), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	before := Take(t, dir)
	if d := before.Diff(Take(t, dir)); d != "" {
		t.Fatalf("an unchanged folder differs: %s", d)
	}
	_ = os.WriteFile(filepath.Join(dir, "a"), []byte("A"), 0o600)
	_ = os.Remove(filepath.Join(dir, "b"))
	_ = os.Mkdir(filepath.Join(dir, "c"), 0o700)
	if d, want := before.Diff(Take(t, dir)), "added c/, changed a, removed b"; d != want {
		t.Fatalf("Diff = %q, want %q", d, want)
	}
}
