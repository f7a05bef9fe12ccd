package backup

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// TestRotateKeepsTheBackupJustMade: the kiosk's clock ran ahead for a few
// nights (a dead RTC battery, a bad time server) and was then put right.
// Sorted by the stamps in their names alone, the future-dated files would
// count as the newest and every backup made after the correction would be
// deleted the moment it was verified, while the staff home reported it as
// good. The file a good result names must be on disk.
func TestRotateKeepsTheBackupJustMade(t *testing.T) {
	w := newSvcWorld(t)
	dir := t.TempDir()
	w.setFolder(t, dir)
	if err := w.svc.SetKeep(w.manager, 2); err != nil {
		t.Fatal(err)
	}
	// Two nights with the clock a year ahead.
	for i := range 2 {
		w.clock.t = seoul.Date(2027, 11, 27+i, 3, 0)
		if _, err := w.svc.Run(context.Background(), store.ActorSystem); err != nil {
			t.Fatal(err)
		}
	}
	// The clock is put right.
	w.clock.t = seoul.Date(2026, 11, 30, 3, 0)
	res, err := w.svc.Run(context.Background(), w.manager)
	if err != nil || !res.OK() {
		t.Fatalf("run: %+v, %v", res, err)
	}
	if _, err := os.Stat(filepath.Join(dir, res.File)); err != nil {
		t.Fatalf("the backup just made and reported good (%s) is gone: %v; the folder holds %q", res.File, err, names(t, dir))
	}
}

// TestNightlyAfterTheClockWasPutBack: after the same correction, the
// nightly schedule must not wait for the first 03:00 after the
// future-dated "last good" backup, a year away.
func TestNightlyAfterTheClockWasPutBack(t *testing.T) {
	w := newSvcWorld(t)
	w.setFolder(t, t.TempDir())
	w.clock.t = seoul.Date(2027, 11, 27, 3, 0)
	if _, err := w.svc.Run(context.Background(), store.ActorSystem); err != nil {
		t.Fatal(err)
	}
	// Put right, and two days pass with the kiosk on.
	now := seoul.Date(2026, 12, 2, 3, 30)
	due, err := w.svc.Due(now)
	if err != nil {
		t.Fatal(err)
	}
	if !due {
		t.Fatalf("at %v no nightly backup is due: the last good one is dated %v, in the future", now, seoul.Date(2027, 11, 27, 3, 0))
	}
}
