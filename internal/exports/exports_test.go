package exports

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/errs/errstest"
	"github.com/yeongdeungpo/kiosk/internal/export"
	"github.com/yeongdeungpo/kiosk/internal/folder"
	"github.com/yeongdeungpo/kiosk/internal/report"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// Actors of the tests: a manager and a reception member stored as staff
// members, a visitor, and a member who does not exist.
const (
	manager   store.Actor = "staff:boss"
	reception store.Actor = "staff:desk"
	ghost     store.Actor = "staff:ghost"
)

type env struct {
	c   *centre.Centre
	svc *Service
	now time.Time
}

// newEnv is a centre in memory at 27 November 2026, 10:00 in Seoul, with a
// manager and a reception member, one incubator lease since 1 September
// whose rent went unpaid, and nowhere to look for sticks.
func newEnv(t *testing.T) *env {
	t.Helper()
	e := &env{now: seoul.Date(2026, 11, 27, 10, 0)}
	c, err := centre.OpenInMemory(func() time.Time { return e.now })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	e.c = c
	e.svc = New(c.DB, c.Booking, c.Tenants)
	e.svc.Places = nil
	putMember(t, c.DB, "boss", staff.RoleManager)
	putMember(t, c.DB, "desk", staff.RoleReception)
	err = c.Tenants.AddLease(store.ActorSystem, tenants.Lease{ID: "L1", Unit: "I01", Tenant: "주식회사 새싹랩",
		Start: seoul.Date(2026, 9, 1, 0, 0), End: seoul.Date(2027, 8, 31, 0, 0), MonthlyRent: 300000, ManagementFee: 50000, Deposit: 1000000})
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// putMember stores a staff member as the staff package stores one (its
// member record, without a PIN: nobody signs in here). The staff package
// has no way yet to add a member but the manager's claim.
func putMember(t *testing.T, db *store.DB, id string, role staff.Role) {
	t.Helper()
	err := db.Update(store.ActorSystem, "test.member", func(tx *store.Txn) error {
		return tx.Put(store.Key("staff", "member", id), staff.Staff{ID: id, Name: id, Role: role})
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := staff.Allowed(db, store.Actor("staff:"+id), staff.PermBookings); err != nil {
		t.Fatalf("the member %s as stored here is not one the staff package reads: %v", id, err)
	}
}

// folder makes a fresh folder and sets it as the export folder.
func (e *env) folder(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "USB DISK")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.SetFolder(manager, dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// files lists the names in dir, hidden ones (temporary files) included.
func files(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var out []string
	for _, x := range es {
		out = append(out, x.Name())
	}
	return out
}

func lastAudit(t *testing.T, db *store.DB) store.AuditEntry {
	t.Helper()
	log, err := db.AuditLog(0, 0)
	if err != nil || len(log) == 0 {
		t.Fatalf("audit log: %v, %d entries", err, len(log))
	}
	return log[len(log)-1]
}

func TestSentinelCodes(t *testing.T) {
	errstest.CheckCodes(t, []errstest.Sentinel{
		{Name: "ErrNoFolder", Err: ErrNoFolder, Code: CodeNoFolder},
		{Name: "ErrNotAbsolute", Err: ErrNotAbsolute, Code: CodeNotAbsolute},
		{Name: "ErrFolderMissing", Err: ErrFolderMissing, Code: CodeFolderMissing},
		{Name: "ErrNotFolder", Err: ErrNotFolder, Code: CodeNotFolder},
		{Name: "ErrNotWritable", Err: ErrNotWritable, Code: CodeNotWritable},
		{Name: "ErrDiskFull", Err: ErrDiskFull, Code: CodeDiskFull},
		{Name: "ErrFormat", Err: ErrFormat, Code: CodeFormat},
	}, Codes)
}

// TestSetFolder: a manager sets an existing, writable folder (audited, and
// nothing left in it by the check); every other folder is refused with its
// reason, and the folder stays as it was.
func TestSetFolder(t *testing.T) {
	e := newEnv(t)
	if dir, err := e.svc.Folder(); err != nil || dir != "" {
		t.Fatalf("folder of a new kiosk: %q, %v", dir, err)
	}
	dir := filepath.Join(t.TempDir(), "stick")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := e.svc.SetFolder(manager, dir+"/"); err != nil {
		t.Fatal(err)
	}
	if got, _ := e.svc.Folder(); got != dir {
		t.Fatalf("folder %q, want %q", got, dir)
	}
	if a := lastAudit(t, e.c.DB); a.Actor != manager || a.Action != "exports.folder" || strings.Contains(strings.Join(a.Notes, " "), dir) {
		t.Fatalf("audit entry %+v", a)
	}
	if left := files(t, dir); len(left) != 0 {
		t.Fatalf("the writability check left %q", left)
	}

	file := filepath.Join(t.TempDir(), "report.csv")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		actor store.Actor
		dir   string
		want  error
	}{
		{"relative", manager, "media/usb", ErrNotAbsolute},
		{"missing", manager, filepath.Join(t.TempDir(), "pulled"), ErrFolderMissing},
		{"a file", manager, file, ErrNotFolder},
		{"under a file", manager, filepath.Join(file, "sub"), ErrFolderMissing},
		{"reception", reception, t.TempDir(), staff.ErrForbidden},
		{"visitor", store.ActorVisitor, t.TempDir(), staff.ErrForbidden},
		{"removed member", ghost, t.TempDir(), staff.ErrUnknownStaff},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := e.c.DB.AuditLen()
			err := e.svc.SetFolder(c.actor, c.dir)
			if !errors.Is(err, c.want) {
				t.Fatalf("SetFolder(%s, %q) = %v, want %v", c.actor, c.dir, err, c.want)
			}
			if _, ok := errs.Korean(err); !ok {
				t.Fatalf("%v has no sentence", err)
			}
			if got, _ := e.svc.Folder(); got != dir {
				t.Fatalf("folder became %q", got)
			}
			if e.c.DB.AuditLen() != before {
				t.Fatal("a refusal was written")
			}
		})
	}
}

// TestSetFolderNotWritable: a folder the kiosk may not write in is refused.
func TestSetFolderNotWritable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes in a folder of mode 0500 all the same; TestRefusalOfEachFailure covers the refusal")
	}
	e := newEnv(t)
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	if err := e.svc.SetFolder(manager, dir); !errors.Is(err, ErrNotWritable) {
		t.Fatalf("read-only folder: %v", err)
	}
	if got, _ := e.svc.Folder(); got != "" {
		t.Fatalf("folder became %q", got)
	}
}

// TestRefusalOfEachFailure: what the file system says becomes the refusal
// that tells the person what to do, with the folder named; the cause stays
// in the chain for the log.
func TestRefusalOfEachFailure(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	cases := []struct {
		cause error
		want  error
	}{
		{&fs.PathError{Op: "open", Path: dir, Err: syscall.EACCES}, ErrNotWritable},
		{&fs.PathError{Op: "open", Path: dir, Err: syscall.EROFS}, ErrNotWritable},
		{&fs.PathError{Op: "open", Path: dir, Err: syscall.ENOSPC}, ErrDiskFull},
		{&fs.PathError{Op: "open", Path: dir, Err: syscall.ENOENT}, ErrFolderMissing},
		{fmt.Errorf("%w: %w", export.ErrDiskFull, syscall.EDQUOT), ErrDiskFull},
		{fmt.Errorf("%w: %w", export.ErrDenied, syscall.EPERM), ErrNotWritable},
		{fmt.Errorf("%w: gone", export.ErrNoFolder), ErrFolderMissing},
	}
	for _, c := range cases {
		e.svc.probe = func(string) error { return c.cause }
		err := e.svc.SetFolder(manager, dir)
		if !errors.Is(err, c.want) || !errors.Is(err, c.cause) {
			t.Errorf("probe failing with %v: SetFolder = %v, want %v", c.cause, err, c.want)
		}
		if en, _ := errs.English(err); !strings.Contains(en, dir) {
			t.Errorf("%q does not name the folder", en)
		}
	}
	// Anything else is not a refusal: the screens send the person to the desk.
	odd := errors.New("odd")
	e.svc.probe = func(string) error { return odd }
	if err := e.svc.SetFolder(manager, dir); !errors.Is(err, odd) || errs.CodeOf(err) != "" {
		t.Errorf("an unexpected failure became %v", err)
	}
}

// readCSV reads an export back: the BOM, then the records.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	body, ok := bytes.CutPrefix(raw, []byte("\xEF\xBB\xBF"))
	if !ok {
		t.Fatalf("%s has no BOM", path)
	}
	recs, err := csv.NewReader(bytes.NewReader(body)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// TestWrite: an export is the table kioskctl export writes for the same
// data, under its own name, audited without personal data; a second export
// of the same table takes the next name and leaves the first alone.
func TestWrite(t *testing.T) {
	e := newEnv(t)
	dir := e.folder(t)
	until := seoul.Date(2026, 11, 27, 0, 0)
	for _, what := range report.Whats {
		t.Run(string(what), func(t *testing.T) {
			want, err := report.Table(e.c.Booking, e.c.Tenants, what, 2026, until)
			if err != nil {
				t.Fatal(err)
			}
			f, err := e.svc.Write(manager, what, 2026, time.Time{}, "csv")
			if err != nil {
				t.Fatal(err)
			}
			name := fmt.Sprintf("kiosk-%s-2026-20261127.csv", what)
			if f.Name != name || f.Path != filepath.Join(dir, name) || f.Rows != len(want.Rows) {
				t.Fatalf("wrote %+v, want %s with %d rows", f, name, len(want.Rows))
			}
			recs := readCSV(t, f.Path)
			if len(recs) != len(want.Rows)+1 || recs[0][0] != want.Columns[0].Name {
				t.Fatalf("%s holds %d records headed %q, want %d headed %q", name, len(recs), recs[0], len(want.Rows)+1, want.Columns[0].Name)
			}
			a := lastAudit(t, e.c.DB)
			notes := strings.Join(a.Notes, " ")
			if a.Actor != manager || a.Action != "export.write" || !strings.Contains(notes, "what="+string(what)) ||
				!strings.Contains(notes, "year=2026") || !strings.Contains(notes, "file="+name) ||
				!strings.Contains(notes, fmt.Sprintf("rows=%d", f.Rows)) || strings.Contains(notes, "새싹랩") {
				t.Fatalf("audit entry %+v", a)
			}
		})
	}
	// The arrears hold the unpaid lease: the file is not empty of data.
	if recs := readCSV(t, filepath.Join(dir, "kiosk-arrears-2026-20261127.csv")); len(recs) != 2 || recs[1][0] != "I01" {
		t.Fatalf("arrears export: %q", recs)
	}

	// Twice more: -2, then -3; the first file is untouched.
	first := filepath.Join(dir, "kiosk-report-2026-20261127.csv")
	before, _ := os.ReadFile(first)
	if err := os.WriteFile(first, append(before, "kept"...), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"kiosk-report-2026-20261127-2.csv", "kiosk-report-2026-20261127-3.csv"} {
		f, err := e.svc.Write(manager, report.Summary, 2026, time.Time{}, "csv")
		if err != nil || f.Name != want {
			t.Fatalf("again: %+v, %v, want %s", f, err, want)
		}
	}
	if after, _ := os.ReadFile(first); !bytes.HasSuffix(after, []byte("kept")) {
		t.Fatal("the first export was overwritten")
	}
	// A name taken by a dangling link is taken too.
	if err := os.Symlink(filepath.Join(dir, "nowhere"), filepath.Join(dir, "kiosk-ledger-2026-20260930.xlsx")); err != nil {
		t.Fatal(err)
	}
	f, err := e.svc.Write(manager, report.Ledger, 2026, seoul.Date(2026, 9, 30, 0, 0), ".XLSX")
	if err != nil || f.Name != "kiosk-ledger-2026-20260930-2.xlsx" {
		t.Fatalf("past a dangling link: %+v, %v", f, err)
	}
	wb, err := excelize.OpenFile(f.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	rows, err := wb.GetRows(wb.GetSheetName(0))
	want, _ := report.Table(e.c.Booking, e.c.Tenants, report.Ledger, 2026, seoul.Date(2026, 9, 30, 0, 0))
	if err != nil || len(rows) != len(want.Rows)+1 || f.Rows != len(want.Rows) {
		t.Fatalf("workbook: %d rows (%v), want %d", len(rows), err, len(want.Rows)+1)
	}
	// A past year's export ends on its last day.
	if f, err := e.svc.Write(manager, report.Summary, 2025, time.Time{}, "xlsx"); err != nil || f.Name != "kiosk-report-2025-20251231.xlsx" {
		t.Fatalf("2025: %+v, %v", f, err)
	}
}

// TestWriteRefusals: each refusal names its reason, writes no file, leaves
// no temporary file and no audit entry.
func TestWriteRefusals(t *testing.T) {
	fullDisk := func(string, export.Table) (int, error) {
		return 0, fmt.Errorf("%w: %w", export.ErrDiskFull, &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC})
	}
	cases := []struct {
		name  string
		setup func(t *testing.T, e *env) string // the folder to look in afterwards
		actor store.Actor
		ext   string
		want  error
	}{
		{"no folder set", func(t *testing.T, e *env) string { return "" }, manager, "csv", ErrNoFolder},
		{"stick pulled", func(t *testing.T, e *env) string {
			dir := e.folder(t)
			if err := os.Remove(dir); err != nil {
				t.Fatal(err)
			}
			return dir
		}, manager, "csv", ErrFolderMissing},
		{"folder became a file", func(t *testing.T, e *env) string {
			dir := e.folder(t)
			if err := os.Remove(dir); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dir, nil, 0o644); err != nil {
				t.Fatal(err)
			}
			return ""
		}, manager, "csv", ErrNotFolder},
		{"stick pulled, mount point left", func(t *testing.T, e *env) string {
			// Set while it lay on another file system than the kiosk's
			// own; then that file system is the kiosk's (the empty mount
			// point a stick leaves behind).
			e.svc.system = "/proc"
			dir := e.folder(t)
			e.svc.system = dir
			return dir
		}, manager, "xlsx", ErrFolderMissing},
		{"disk full", func(t *testing.T, e *env) string {
			dir := e.folder(t)
			e.svc.write = fullDisk
			return dir
		}, manager, "xlsx", ErrDiskFull},
		{"wrong format", func(t *testing.T, e *env) string { return e.folder(t) }, manager, "pdf", ErrFormat},
		{"reception", func(t *testing.T, e *env) string { return e.folder(t) }, reception, "csv", staff.ErrForbidden},
		{"visitor", func(t *testing.T, e *env) string { return e.folder(t) }, store.ActorVisitor, "csv", staff.ErrForbidden},
		{"removed member", func(t *testing.T, e *env) string { return e.folder(t) }, ghost, "csv", staff.ErrUnknownStaff},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			dir := c.setup(t, e)
			before := e.c.DB.AuditLen()
			f, err := e.svc.Write(c.actor, report.Summary, 2026, time.Time{}, c.ext)
			if !errors.Is(err, c.want) || f != (File{}) {
				t.Fatalf("Write = %+v, %v, want %v", f, err, c.want)
			}
			if _, ok := errs.English(err); !ok {
				t.Fatalf("%v has no sentence", err)
			}
			if left := files(t, dir); dir != "" && len(left) != 0 {
				t.Fatalf("left in the folder: %q", left)
			}
			if e.c.DB.AuditLen() != before {
				t.Fatal("a refused export was audited as written")
			}
		})
	}
}

// TestWriteNotWritable: a folder that became read-only after it was set.
func TestWriteNotWritable(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes in a folder of mode 0500 all the same; TestRefusalOfEachFailure covers the refusal")
	}
	e := newEnv(t)
	dir := e.folder(t)
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	if _, err := e.svc.Write(manager, report.Summary, 2026, time.Time{}, "csv"); !errors.Is(err, ErrNotWritable) {
		t.Fatalf("read-only folder: %v", err)
	}
	if left := files(t, dir); len(left) != 0 {
		t.Fatalf("left: %q", left)
	}
}

// TestWriteAuditFails: a member removed between the permission check and
// the audit entry leaves no file behind (an export nobody accounts for).
func TestWriteAuditFails(t *testing.T) {
	e := newEnv(t)
	dir := e.folder(t)
	e.svc.write = func(path string, tb export.Table) (int, error) {
		n, err := export.Write(path, tb)
		if err == nil {
			err = e.c.DB.Update(store.ActorSystem, "test.remove", func(tx *store.Txn) error {
				return tx.Delete(store.Key("staff", "member", "boss"))
			})
		}
		return n, err
	}
	if _, err := e.svc.Write(manager, report.Summary, 2026, time.Time{}, "csv"); !errors.Is(err, staff.ErrUnknownStaff) {
		t.Fatalf("Write = %v", err)
	}
	if left := files(t, dir); len(left) != 0 {
		t.Fatalf("left: %q", left)
	}
}

// TestCandidates: the existing folders the places match, hidden ones and
// files left out, each once, in the order of the places.
func TestCandidates(t *testing.T) {
	e := newEnv(t)
	root := t.TempDir()
	mk := func(p string) string {
		full := filepath.Join(root, p)
		if err := os.MkdirAll(full, 0o755); err != nil {
			t.Fatal(err)
		}
		return full
	}
	usb := mk("media/kiosk/USB DISK")
	cam := mk("media/kiosk/CAMERA")
	mk("media/kiosk/.hidden")
	run := mk("run/media/kiosk/STICK")
	mnt := mk("mnt/usb")
	home := mk("home/kiosk [1]")
	if err := os.WriteFile(filepath.Join(root, "mnt", "file"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	e.svc.Places = []string{
		filepath.Join(root, "media/*/*"), filepath.Join(root, "run/media/*/*"), filepath.Join(root, "mnt/*"),
		folder.EscapeGlob(home), filepath.Join(root, "mnt/*"), filepath.Join(root, "nowhere/*"),
	}
	want := []string{cam, usb, run, mnt, home}
	if got := e.svc.Candidates(); !slices.Equal(got, want) {
		t.Fatalf("Candidates\n got %q\nwant %q", got, want)
	}
	// Each candidate can be set as it is.
	for _, c := range want {
		if err := e.svc.SetFolder(manager, c); err != nil {
			t.Fatalf("SetFolder(%q): %v", c, err)
		}
	}
	// The service looks in the usual mount points and home.
	if !slices.Equal(New(e.c.DB, e.c.Booking, e.c.Tenants).Places, folder.DefaultPlaces()) {
		t.Fatal("a new service does not look in folder.DefaultPlaces")
	}
}

// TestMoneyReads: the figures of the screens are the report's and the
// arrears' own, for a manager only.
func TestMoneyReads(t *testing.T) {
	e := newEnv(t)
	want, err := report.Build(e.c.Booking, e.c.Tenants, 2026, seoul.Date(2026, 11, 27, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	got, err := e.svc.Report(manager, 2026, time.Time{})
	if err != nil || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("Report\n got %+v, %v\nwant %+v", got, err, want)
	}
	if got.RentBilled == 0 {
		t.Fatal("the fixture's rent is missing from the report")
	}
	wantA, _ := e.c.Tenants.Arrears(e.now)
	gotA, err := e.svc.Arrears(manager, e.now)
	if err != nil || len(gotA) != 1 || fmt.Sprint(gotA) != fmt.Sprint(wantA) {
		t.Fatalf("Arrears %+v, %v, want %+v", gotA, err, wantA)
	}
	for _, a := range []store.Actor{reception, store.ActorVisitor, ghost} {
		if _, err := e.svc.Report(a, 2026, time.Time{}); errs.CodeOf(err) == "" {
			t.Errorf("Report for %s: %v", a, err)
		}
		if _, err := e.svc.Arrears(a, e.now); errs.CodeOf(err) == "" {
			t.Errorf("Arrears for %s: %v", a, err)
		}
	}
}
