package backup

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestHelperBackupKilled is the process killed in TestScratchLeftAfterAKill:
// it backs a centre up slowly, verifying in the scratch folder named by
// BACKUP_KILLED_SCRATCH.
func TestHelperBackupKilled(t *testing.T) {
	scratch := os.Getenv("BACKUP_KILLED_SCRATCH")
	if scratch == "" {
		t.Skip("helper")
	}
	w := newWorld(t)
	_, _ = Write(context.Background(), w.c.DB, filepath.Join(t.TempDir(), "b.kbak"), Options{Now: w.clock.now, Scratch: scratch, Rate: 64 << 10})
}

// TestScratchLeftAfterAKill: the kiosk killed (power cut, SIGKILL, the
// supervisor's crash) while it verifies a backup leaves the scratch store,
// a full copy of the centre with every name and phone number, beside the
// data directory. The next backup removes it: its lock died with the
// process that held it.
func TestScratchLeftAfterAKill(t *testing.T) {
	scratch := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperBackupKilled$", "-test.count=1")
	cmd.Env = append(os.Environ(), "BACKUP_KILLED_SCRATCH="+scratch, "TMPDIR="+t.TempDir())
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	left := func() []string {
		m, _ := filepath.Glob(filepath.Join(scratch, ".kiosk-verify-*", "*"))
		return m
	}
	for i := 0; len(left()) == 0; i++ {
		if i > 6000 {
			_ = cmd.Process.Kill()
			t.Fatal("the helper never started verifying")
		}
		time.Sleep(10 * time.Millisecond)
	}
	_ = cmd.Process.Kill()
	_ = cmd.Wait()
	if len(left()) == 0 {
		t.Fatal("no scratch store left by the kill")
	}

	// The kiosk starts again and makes its next backup, verified in the
	// same scratch folder.
	w := newSvcWorld(t)
	w.svc.Scratch = scratch
	w.setFolder(t, t.TempDir())
	if _, err := w.svc.Run(context.Background(), w.manager); err != nil {
		t.Fatal(err)
	}
	var stale []string
	es, _ := os.ReadDir(scratch)
	for _, e := range es {
		if strings.HasPrefix(e.Name(), ".kiosk-verify-") {
			stale = append(stale, e.Name())
		}
	}
	if len(stale) > 0 {
		t.Fatalf("the killed backup's scratch store (a copy of all personal data) is still there after the next backup: %v", stale)
	}
}

// A backup killed while it wrote leaves its temporary file in the backup
// folder; the next backup removes it, but not one a backup still writes
// (its lock is held), nor anything that is not a backup's own leftover.
func TestAbandonedTemporaryFilesGo(t *testing.T) {
	dir := t.TempDir()
	left := filepath.Join(dir, tempPrefix+"killed.tmp")
	busy := filepath.Join(dir, tempPrefix+"writing.tmp")
	other := filepath.Join(dir, "kiosk-backup-20261127-030000.kbak")
	for _, p := range []string{left, busy, other} {
		if err := os.WriteFile(p, []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	release, err := holdLock(busy)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	removeAbandoned(dir, tempPrefix)
	for p, want := range map[string]bool{left: false, busy: true, other: true} {
		if _, err := os.Stat(p); (err == nil) != want {
			t.Errorf("%s there = %v, want %v", filepath.Base(p), err == nil, want)
		}
	}
}
