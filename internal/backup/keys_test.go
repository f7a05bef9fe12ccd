package backup

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
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

// rehead rewrites a backup's header with edit and seals the file again, as
// a tool that knew the format could.
func rehead(t *testing.T, good []byte, edit func(*header)) []byte {
	t.Helper()
	hlen := int(binary.BigEndian.Uint32(good[frontSize-4 : frontSize]))
	var h header
	if err := json.Unmarshal(good[frontSize:frontSize+hlen], &h); err != nil {
		t.Fatal(err)
	}
	edit(&h)
	hj, _ := json.Marshal(h)
	out := binary.BigEndian.AppendUint32(bytes.Clone(good[:frontSize-4]), uint32(len(hj)))
	out = append(append(out, hj...), good[frontSize+hlen:]...)
	return reseal(t, out, func(*trailer) {})
}

// A backup whose header names its key file after a store file (the
// anchor, the MANIFEST) restores the keys where the kiosk reads them, and
// the store file is the store's own: the restored directory opens.
func TestRestoreWritesTheKeysUnderTheirOwnName(t *testing.T) {
	w := newWorld(t)
	path, _ := w.backupTo(t)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"audit-head", "MANIFEST", "../pass-keys.json"} {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "renamed.kbak")
			if err := os.WriteFile(f, rehead(t, good, func(h *header) { h.KeyFile = name }), 0o600); err != nil {
				t.Fatal(err)
			}
			dir := filepath.Join(t.TempDir(), "restored")
			if _, _, err := Restore(f, dir, store.ActorCLI); err != nil {
				t.Fatal(err)
			}
			if _, err := os.Stat(filepath.Join(dir, pass.KeyFile)); err != nil {
				t.Fatalf("no %s after the restore: %v", pass.KeyFile, err)
			}
			r, err := centre.Open(dir, w.clock.now)
			if err != nil {
				t.Fatalf("the restored directory does not open: %v", err)
			}
			_ = r.Close()
		})
	}
}
