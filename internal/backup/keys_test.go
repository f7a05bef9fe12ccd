package backup

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// The pass key file was deleted while the kiosk runs: the kiosk still
// holds the keys, and its passes still check in. Its backup carries the
// keys it holds, so the restored directory opens and a pass issued before
// the backup checks in there. Without the keys (no keyring given, only the
// missing file), the backup is refused and nothing written: restored, it
// would have made every pass issued a forgery.
func TestBackupAfterTheKeyFileWasDeleted(t *testing.T) {
	for _, c := range []struct {
		name string
		keys bool // the running centre's keyring is given
	}{
		{"the kiosk's keys", true},
		{"the file only", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			w := newWorld(t)
			if err := os.Remove(filepath.Join(w.dir, pass.KeyFile)); err != nil {
				t.Fatal(err)
			}
			folder := t.TempDir()
			path := filepath.Join(folder, "nightly.kbak")
			o := Options{Now: w.clock.now, Scratch: t.TempDir()}
			if c.keys {
				o.Keys = w.c.Keys.Marshal
			}
			info, err := Write(context.Background(), w.c.DB, path, o)
			if !c.keys {
				if !errors.Is(err, ErrNoKeys) {
					t.Fatalf("Write = %+v, %v; want ErrNoKeys", info, err)
				}
				if left, _ := os.ReadDir(folder); len(left) != 0 {
					t.Fatalf("a refused backup left %d files", len(left))
				}
				return
			}
			if err != nil || !info.Keys {
				t.Fatalf("Write = %+v, %v; want a backup with the keys", info, err)
			}
			dir := filepath.Join(t.TempDir(), "restored")
			if _, _, err := Restore(path, dir, store.ActorCLI); err != nil {
				t.Fatal(err)
			}
			r, err := centre.Open(dir, w.clock.now)
			if err != nil {
				t.Fatalf("the restored directory does not open: %v", err)
			}
			defer r.Close()
			w.clock.t = seoul.Date(2026, 11, 27, 13, 55)
			if _, err := r.Booking.CheckIn(store.ActorVisitor, w.token, ""); err != nil {
				t.Fatalf("the pass issued before the backup, after the restore: %v", err)
			}
		})
	}
}
