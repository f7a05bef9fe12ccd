package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestDiskFullIsOneLine fills the disk under a data directory (a small
// tmpfs, as root) and books: one line saying the disk is full, nothing
// changed; once space is freed the same command works and nothing
// acknowledged is lost.
func TestDiskFullIsOneLine(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a tmpfs")
	}
	mnt := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", mnt).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", mnt).CombinedOutput(); err != nil {
			t.Errorf("umount: %v %s", err, out)
		}
	})
	dir := filepath.Join(mnt, "data")
	first := bookID(t, dir, monday, "seminar", "2027-03-10T10:00", "2027-03-10T12:00")
	entries := auditEntries(t, dir, monday)

	// Leave 40 MiB: less than the room the store keeps for Badger's
	// memory-mapped files, so the next write is refused before Badger
	// could die of a bus error in one.
	filler := filepath.Join(mnt, "filler")
	var st syscall.Statfs_t
	if err := syscall.Statfs(mnt, &st); err != nil {
		t.Fatal(err)
	}
	free := int64(st.Bavail) * int64(st.Bsize)
	if err := os.WriteFile(filler, make([]byte, free-40<<20), 0o600); err != nil {
		t.Fatal(err)
	}
	r := kc(t, dir, monday, "book", "-room", "seminar", "-from", "2027-03-11T10:00", "-to", "2027-03-11T12:00",
		"-name", "김하나", "-phone", "010-2222-3333")
	checkRefusal(t, r)
	if !strings.Contains(r.stderr, "disk") || !strings.Contains(r.stderr, "디스크") {
		t.Fatalf("refusal does not say the disk is full: %q", r.stderr)
	}

	if err := os.Remove(filler); err != nil {
		t.Fatal(err)
	}
	if got := auditEntries(t, dir, monday); got != entries {
		t.Fatalf("%d audit entries after the refused write, want %d", got, entries)
	}
	second := bookID(t, dir, monday, "seminar", "2027-03-11T10:00", "2027-03-11T12:00")
	for _, id := range []string{first, second} {
		if got := token(t, dir, monday, id); got == "" {
			t.Fatalf("booking %s has no pass after the disk was freed", id)
		}
	}
}
