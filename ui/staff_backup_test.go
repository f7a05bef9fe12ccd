package ui

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/backup"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/stafftest"
)

// backups lists the backup files in dir.
func backups(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "kiosk-backup-*.kbak"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// TestManagerBacksUpNow: a manager taps 백업, chooses the stick, taps 지금
// 백업: the file is in the stick and verifies, the screen says so with its
// name, and the staff home's line reads the good result.
func TestManagerBacksUpNow(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.book("seminar", at(14, 0), at(15, 0))
	f.asManager()
	stick := f.stick("BACKUP USB")
	f.shell.show(ScreenStaffHome)
	if !f.hasText(T("backup.home.no_folder")) {
		t.Fatalf("staff home without a backup folder: %q", f.texts())
	}
	f.tapText(T("staff.backup"))
	if f.shell.Screen() != ScreenBackup {
		t.Fatalf("on %s", f.shell.Screen())
	}
	f.tapText(T("export.folder.change"))
	f.tapText("BACKUP USB")
	if !f.hasText(T("backup.folder.set", map[string]any{"Folder": stick})) {
		t.Fatalf("after choosing the stick: %q", f.texts())
	}
	f.clock.Advance(time.Minute)
	f.tapText(T("backup.now"))
	files := backups(t, stick)
	if len(files) != 1 {
		t.Fatalf("the stick holds %q", files)
	}
	info, err := backup.Verify(files[0], t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Base(files[0])
	if name != "kiosk-backup-20261127-100100.kbak" {
		t.Fatalf("named %s", name)
	}
	if !f.hasText(T("backup.done", map[string]any{"File": name, "Size": formatBytes(info.Bytes)})) {
		t.Fatalf("after backing up: %q", f.texts())
	}
	f.shot("backup-done")
	f.tapText(T("staff.home"))
	want := T("backup.home.ok", map[string]any{"When": backupWhen(at(10, 1)), "Size": formatBytes(info.Bytes)})
	if !f.hasText(want) {
		t.Fatalf("staff home %q, want the line %q", f.texts(), want)
	}
}

// TestStaffHomeShowsFailure: the staff home says in words why the last
// backup failed (the stick pulled; its disk full), and when the last good
// one was.
func TestStaffHomeShowsFailure(t *testing.T) {
	f := newFixture(t, at(3, 0))
	f.asManager()
	stick := f.stick("STICK")
	if err := f.shell.svc.Backups.SetFolder(staffMember.Actor(), stick); err != nil {
		t.Fatal(err)
	}
	f.shell.nightly()
	if len(backups(t, stick)) != 1 {
		t.Fatal("no nightly backup")
	}
	if err := os.RemoveAll(stick); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(7 * time.Hour)
	f.shell.show(ScreenBackup)
	f.tapText(T("backup.now"))
	if said := refusal(errs.New(backup.CodeFolderMissing, stick)); !f.says(said) {
		t.Fatalf("the backup screen %q, want %q", f.texts(), said)
	}
	f.tapText(T("staff.home"))
	want := T("backup.home.failed", map[string]any{"When": backupWhen(at(10, 0)), "Why": T("backup.why.missing"),
		"Good": T("backup.home.last_good", map[string]any{"When": backupWhen(at(3, 0))})})
	if !f.hasText(want) {
		t.Fatalf("staff home %q, want the line %q", f.texts(), want)
	}
	f.shot("backup-home-failed")
	// Whole in English too (the line is not cut short).
	f.shell.SwitchLanguage(English)
	want = T("backup.home.failed", map[string]any{"When": backupWhen(at(10, 0)), "Why": T("backup.why.missing"),
		"Good": T("backup.home.last_good", map[string]any{"When": backupWhen(at(3, 0))})})
	if !f.hasText(want) {
		t.Fatalf("staff home %q, want the line %q", f.texts(), want)
	}
}

// TestStaffHomeShowsDiskFull: a stick whose disk fills up during the
// backup: the screen says the backup folder's disk is full, no file is
// left on it, and the staff home's line says so too.
func TestStaffHomeShowsDiskFull(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("mounting a small tmpfs to fill needs root")
	}
	f := newFixture(t, at(10, 0))
	f.asManager()
	stick := f.stick("SMALL")
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", stick).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", stick).CombinedOutput(); err != nil {
			t.Errorf("umount: %v %s", err, out)
		}
	})
	if err := f.shell.svc.Backups.SetFolder(staffMember.Actor(), stick); err != nil {
		t.Fatal(err)
	}
	filler, err := os.Create(filepath.Join(stick, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for {
		m, err := filler.Write(make([]byte, 4096))
		n += int64(m)
		if errors.Is(err, syscall.ENOSPC) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := filler.Truncate(n - 8<<10); err != nil {
		t.Fatal(err)
	}
	_ = filler.Close()
	f.shell.show(ScreenBackup)
	f.tapText(T("backup.now"))
	if said := refusal(errs.New(backup.CodeDiskFull, stick)); !f.says(said) {
		t.Fatalf("the backup screen %q, want %q", f.texts(), said)
	}
	if es, _ := os.ReadDir(stick); len(es) != 1 {
		t.Fatalf("the full stick holds %v", es)
	}
	f.tapText(T("staff.home"))
	want := T("backup.home.failed", map[string]any{"When": backupWhen(at(10, 0)), "Why": T("backup.why.full"),
		"Good": T("backup.home.no_good")})
	if !f.hasText(want) {
		t.Fatalf("staff home %q, want the line %q", f.texts(), want)
	}
}

// TestReceptionSeesTheLineNotTheButton: reception reads the backup line on
// the staff home but has no backup button.
func TestReceptionSeesTheLineNotTheButton(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.manager()
	desk := stafftest.Member(t, f.c.DB, "접수", staff.RoleReception)
	f.shell.member = &desk
	f.shell.show(ScreenStaffHome)
	if len(f.buttons(T("staff.backup"))) != 0 {
		t.Fatal("reception has the backup button")
	}
	if !f.hasText(T("backup.home.no_folder")) {
		t.Fatalf("reception's staff home: %q", f.texts())
	}
	f.shell.show(ScreenBackup)
	if f.shell.Screen() != ScreenStaffHome {
		t.Fatalf("reception reached %s", f.shell.Screen())
	}
}

// TestNightlyBackup: the kiosk's ticker backs up when the schedule says:
// at once the first time, not again the same night, again the next night
// at three; the files go to the folder, the newest kept.
func TestNightlyBackup(t *testing.T) {
	f := newFixture(t, at(1, 0))
	f.manager()
	stick := f.stick("NIGHT")
	f.shell.nightly() // no folder: nothing, nothing recorded
	if st, err := f.shell.svc.Backups.Status(); err != nil || st.Last != nil {
		t.Fatalf("status without a folder: %+v, %v", st, err)
	}
	if err := f.shell.svc.Backups.SetFolder(staffMember.Actor(), stick); err != nil {
		t.Fatal(err)
	}
	if err := f.shell.svc.Backups.SetKeep(staffMember.Actor(), 2); err != nil {
		t.Fatal(err)
	}
	f.shell.nightly()
	if got := backups(t, stick); len(got) != 1 || !strings.HasSuffix(got[0], "kiosk-backup-20261127-010000.kbak") {
		t.Fatalf("first night: %q", got)
	}
	f.clock.Advance(time.Hour) // 02:00
	f.shell.nightly()
	if got := backups(t, stick); len(got) != 1 {
		t.Fatalf("before three: %q", got)
	}
	for _, h := range []int{1, 24, 24} { // 03:00 that night, then each night
		f.clock.Advance(time.Duration(h) * time.Hour)
		f.shell.nightly()
	}
	got := backups(t, stick)
	if len(got) != 2 || !strings.HasSuffix(got[0], "20261128-030000.kbak") || !strings.HasSuffix(got[1], "20261129-030000.kbak") {
		t.Fatalf("after three nights: %q", got)
	}
	for _, file := range got {
		if _, err := backup.Verify(file, t.TempDir()); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
	}
	h, err := f.shell.svc.Backups.History()
	if err != nil || len(h) != 4 || !h[0].Nightly {
		t.Fatalf("history %+v, %v", h, err)
	}
}

// says reports whether the screen shows msg, perhaps wrapped over lines.
func (f *fixture) says(msg string) bool {
	words := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	return strings.Contains(words(strings.Join(f.texts(), " ")), words(msg))
}
