package backup

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// svcWorld is a world with the backup service, a manager and a
// receptionist.
type svcWorld struct {
	*world
	svc       *Service
	manager   store.Actor
	reception store.Actor
}

func newSvcWorld(t *testing.T) *svcWorld {
	t.Helper()
	w := &svcWorld{world: newWorld(t)}
	w.svc = New(w.c.DB, w.clock.now)
	w.svc.Places = nil
	w.manager = stafftest.Enroll(t, w.c.DB, "관리자", staff.RoleManager)
	w.reception = stafftest.Enroll(t, w.c.DB, "접수", staff.RoleReception)
	return w
}

func (w *svcWorld) setFolder(t *testing.T, dir string) {
	t.Helper()
	if err := w.svc.SetFolder(w.manager, dir); err != nil {
		t.Fatal(err)
	}
}

func lastEntry(t *testing.T, db *store.DB) store.AuditEntry {
	t.Helper()
	log, err := db.AuditLog(uint64(db.AuditLen()-1), 1)
	if err != nil || len(log) != 1 {
		t.Fatalf("last audit entry: %v", err)
	}
	return log[0]
}

// TestSetFolderAndKeep: a manager sets the folder and the number kept
// (audited, no path in the notes); reception may not; refusals leave the
// settings as they were.
func TestSetFolderAndKeep(t *testing.T) {
	w := newSvcWorld(t)
	if keep, err := w.svc.Keep(); err != nil || keep != DefaultKeep {
		t.Fatalf("keep of a new kiosk: %d, %v", keep, err)
	}
	dir := filepath.Join(t.TempDir(), "BACKUP STICK")
	if err := os.Mkdir(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	w.setFolder(t, dir+"/")
	if got, _ := w.svc.Folder(); got != dir {
		t.Fatalf("folder %q", got)
	}
	if e := lastEntry(t, w.c.DB); e.Action != "backup.folder" || e.Actor != w.manager || strings.Contains(strings.Join(e.Notes, " "), "STICK") {
		t.Fatalf("audit %+v", e)
	}
	if err := w.svc.SetKeep(w.manager, 3); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "f")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		err  error
		want error
	}{
		{"relative", w.svc.SetFolder(w.manager, "media/usb"), ErrNotAbsolute},
		{"missing", w.svc.SetFolder(w.manager, filepath.Join(t.TempDir(), "gone")), ErrFolderMissing},
		{"a file", w.svc.SetFolder(w.manager, file), ErrNotFolder},
		{"reception's folder", w.svc.SetFolder(w.reception, t.TempDir()), staff.ErrForbidden},
		{"reception's keep", w.svc.SetKeep(w.reception, 5), staff.ErrForbidden},
		{"keep 0", w.svc.SetKeep(w.manager, 0), ErrKeep},
		{"keep too many", w.svc.SetKeep(w.manager, MaxKeep+1), ErrKeep},
	} {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: %v, want %v", c.name, c.err, c.want)
		}
		if _, ok := errs.Korean(c.err); !ok {
			t.Errorf("%s: %v has no sentence", c.name, c.err)
		}
	}
	if got, _ := w.svc.Folder(); got != dir {
		t.Fatalf("folder became %q", got)
	}
	if keep, _ := w.svc.Keep(); keep != 3 {
		t.Fatalf("keep became %d", keep)
	}
}

// TestRunKeepsNewestOwn: each run writes a verified file named by the time;
// the folder keeps exactly the newest Keep of its own backups, and files
// that are not its own (another name, a file named like one that is not a
// backup, a folder, a link) stay; every result is recorded, newest first.
func TestRunKeepsNewestOwn(t *testing.T) {
	w := newSvcWorld(t)
	dir := t.TempDir()
	w.setFolder(t, dir)
	if err := w.svc.SetKeep(w.manager, 3); err != nil {
		t.Fatal(err)
	}
	foreign := map[string]string{
		"notes.txt":                             "the caretaker's",
		"kiosk-backup-20200101-000000.kbak":     "not a backup, named like one",
		"kiosk-backup-20200102-000000.kbak.old": "KIOSKBAK but another name",
	}
	for name, body := range foreign {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "kiosk-backup-20200103-000000.kbak"), 0o700); err != nil {
		t.Fatal(err)
	}
	var made []string
	for i := range 5 {
		w.clock.t = seoul.Date(2026, 11, 27+i, 3, 0)
		actor := w.manager
		if i%2 == 1 {
			actor = store.ActorSystem
		}
		res, err := w.svc.Run(context.Background(), actor)
		if err != nil {
			t.Fatal(err)
		}
		want := "kiosk-backup-" + w.clock.t.Format("20060102-150405") + ".kbak"
		if res.File != want || !res.OK() || res.Nightly != (actor == store.ActorSystem) {
			t.Fatalf("run %d: %+v, want %s", i, res, want)
		}
		info, err := Verify(filepath.Join(dir, res.File), t.TempDir())
		if err != nil || info.Bytes != res.Bytes {
			t.Fatalf("%s: %+v, %v; result says %d bytes", res.File, info, err, res.Bytes)
		}
		if e := lastEntry(t, w.c.DB); e.Action != "backup.write" || e.Actor != actor || !strings.Contains(strings.Join(e.Notes, " "), res.File) {
			t.Fatalf("audit %+v", e)
		}
		made = append(made, res.File)
	}
	// A second backup in the same second gets a name of its own.
	res, err := w.svc.Run(context.Background(), w.manager)
	if err != nil || res.File != strings.TrimSuffix(made[4], ".kbak")+"-2.kbak" {
		t.Fatalf("second backup in the same second: %+v, %v", res, err)
	}
	made = append(made, res.File)

	want := []string{"kiosk-backup-20200103-000000.kbak"}
	for name := range foreign {
		want = append(want, name)
	}
	want = append(want, made[3:]...)
	slices.Sort(want)
	if got := names(t, dir); !slices.Equal(got, want) {
		t.Fatalf("the folder holds\n%q\nwant\n%q", got, want)
	}
	for name, body := range foreign {
		if b, _ := os.ReadFile(filepath.Join(dir, name)); string(b) != body {
			t.Fatalf("%s changed", name)
		}
	}
	h, err := w.svc.History()
	if err != nil || len(h) != 6 || h[0].File != made[5] || h[5].File != made[0] {
		t.Fatalf("history %+v, %v", h, err)
	}
	st, err := w.svc.Status()
	if err != nil || st.Last == nil || st.LastGood == nil || st.Last.File != made[5] || st.Folder != dir {
		t.Fatalf("status %+v, %v", st, err)
	}
}

// TestRunRefusals: reception may not back up; no folder is a refusal that
// records nothing; a folder gone (a stick pulled) is a refusal that is
// recorded and shown as the last result, the last good one kept.
func TestRunRefusals(t *testing.T) {
	w := newSvcWorld(t)
	if _, err := w.svc.Run(context.Background(), w.reception); !errors.Is(err, staff.ErrForbidden) {
		t.Fatalf("reception: %v", err)
	}
	before := w.c.DB.AuditLen()
	if _, err := w.svc.Run(context.Background(), store.ActorSystem); !errors.Is(err, ErrNoFolder) {
		t.Fatalf("no folder: %v", err)
	}
	if due, err := w.svc.Due(w.clock.t); err != nil || due {
		t.Fatalf("due without a folder: %v, %v", due, err)
	}
	if w.c.DB.AuditLen() != before {
		t.Fatal("a backup without a folder was recorded")
	}
	stick := filepath.Join(t.TempDir(), "stick")
	if err := os.Mkdir(stick, 0o700); err != nil {
		t.Fatal(err)
	}
	w.setFolder(t, stick)
	if due, err := w.svc.Due(w.clock.t); err != nil || !due {
		t.Fatalf("due, never backed up: %v, %v", due, err)
	}
	good, err := w.svc.Run(context.Background(), store.ActorSystem)
	if err != nil {
		t.Fatal(err)
	}
	if due, _ := w.svc.Due(w.clock.t.Add(time.Hour)); due {
		t.Fatal("due an hour after a good backup")
	}
	if err := os.RemoveAll(stick); err != nil {
		t.Fatal(err)
	}
	w.clock.t = w.clock.t.Add(25 * time.Hour)
	res, err := w.svc.Run(context.Background(), store.ActorSystem)
	if !errors.Is(err, ErrFolderMissing) || res.Code != CodeFolderMissing || !errors.Is(res.Err(), ErrFolderMissing) {
		t.Fatalf("stick pulled: %+v, %v", res, err)
	}
	if en, _ := errs.English(res.Err()); !strings.Contains(en, stick) {
		t.Fatalf("%q does not name the folder", en)
	}
	if e := lastEntry(t, w.c.DB); e.Action != "backup.failed" || !strings.Contains(strings.Join(e.Notes, " "), string(CodeFolderMissing)) {
		t.Fatalf("audit %+v", e)
	}
	st, _ := w.svc.Status()
	if st.Last == nil || st.Last.Code != CodeFolderMissing || st.LastGood == nil || st.LastGood.File != good.File {
		t.Fatalf("status %+v", st)
	}
	if due, _ := w.svc.Due(w.clock.t.Add(time.Minute)); due {
		t.Fatal("a failed backup is retried at once")
	}
	if due, _ := w.svc.Due(w.clock.t.Add(RetryAfter)); !due {
		t.Fatal("a failed backup is not retried")
	}
}

// tmpfs mounts a small file system of size at dir (root only), unmounted
// when the test ends.
func tmpfs(t *testing.T, dir, size string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs to fill needs root")
	}
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
}

// fillUp fills dir's file system but for about room bytes.
func fillUp(t *testing.T, dir string, room int64) {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 4096)
	var n int64
	for {
		m, err := f.Write(chunk)
		n += int64(m)
		if errors.Is(err, syscall.ENOSPC) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Truncate(max(0, n-room)); err != nil {
		t.Fatal(err)
	}
}

// TestDiskFullDuringBackup: a backup folder whose disk fills up during the
// backup is a refusal saying so, leaves no file behind, is the last result,
// and the store goes on as before.
func TestDiskFullDuringBackup(t *testing.T) {
	w := newSvcWorld(t)
	stick := t.TempDir()
	tmpfs(t, stick, "256k")
	w.setFolder(t, stick)
	fillUp(t, stick, 8<<10)
	res, err := w.svc.Run(context.Background(), w.manager)
	if !errors.Is(err, ErrDiskFull) || res.Code != CodeDiskFull {
		t.Fatalf("disk full: %+v, %v", res, err)
	}
	if en, _ := errs.English(err); !strings.Contains(en, stick) || !strings.Contains(en, "full") {
		t.Fatalf("%q", en)
	}
	if got := names(t, stick); !slices.Equal(got, []string{"filler"}) {
		t.Fatalf("the full folder holds %q", got)
	}
	st, _ := w.svc.Status()
	if st.Last == nil || st.Last.Code != CodeDiskFull || st.LastGood != nil {
		t.Fatalf("status %+v", st)
	}
	if _, err := w.c.DB.VerifyAudit(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.c.Booking.Book(store.ActorVisitor, booking.Request{Name: "김철수", Phone: "010-9999-8888", Consent: true,
		Room: "meeting", From: seoul.Date(2026, 11, 27, 18, 0), To: seoul.Date(2026, 11, 27, 19, 0)}); err != nil {
		t.Fatalf("booking after the failed backup: %v", err)
	}
	// Room made: the next backup is good.
	if err := os.Remove(filepath.Join(stick, "filler")); err != nil {
		t.Fatal(err)
	}
	if res, err := w.svc.Run(context.Background(), w.manager); err != nil || !res.OK() {
		t.Fatalf("after making room: %+v, %v", res, err)
	}
}

// TestRunCancelled: a backup the kiosk's shutdown ends leaves no file and
// records nothing.
func TestRunCancelled(t *testing.T) {
	w := newSvcWorld(t)
	dir := t.TempDir()
	w.setFolder(t, dir)
	before := w.c.DB.AuditLen()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := w.svc.Run(ctx, store.ActorSystem); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled: %v", err)
	}
	if left := names(t, dir); len(left) != 0 || w.c.DB.AuditLen() != before {
		t.Fatalf("a cancelled backup left %q and %d audit entries", left, w.c.DB.AuditLen()-before)
	}
}

// A backup whose result the store could not record (its own disk full)
// still counts for the schedule: the kiosk does not back up at every tick.
func TestUnrecordedAttemptStillCounts(t *testing.T) {
	w := newSvcWorld(t)
	w.setFolder(t, t.TempDir())
	if _, err := w.svc.Run(context.Background(), store.ActorSystem); err != nil {
		t.Fatal(err)
	}
	// The result is lost, as if it could not be written.
	if err := w.c.DB.Update(store.ActorSystem, "test.forget", func(tx *store.Txn) error { return tx.Delete(keyHistory) }); err != nil {
		t.Fatal(err)
	}
	if st, err := w.svc.Status(); err != nil || st.Last != nil {
		t.Fatalf("status after the result was lost: %+v, %v", st, err)
	}
	if due, err := w.svc.Due(w.clock.t.Add(time.Minute)); err != nil || due {
		t.Fatalf("due a minute after an attempt the store lost: %v, %v", due, err)
	}
	if due, _ := w.svc.Due(w.clock.t.Add(RetryAfter)); !due {
		t.Fatal("not due again once RetryAfter has passed")
	}
}
