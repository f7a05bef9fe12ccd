package backup

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/errs/errstest"
	"github.com/yeongdeungpo/kiosk/internal/report"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
)

func TestSentinelCodes(t *testing.T) {
	errstest.CheckCodes(t, []errstest.Sentinel{
		{Name: "ErrNoFolder", Err: ErrNoFolder, Code: CodeNoFolder},
		{Name: "ErrNoKeys", Err: ErrNoKeys, Code: CodeNoKeys},
		{Name: "ErrNotAbsolute", Err: ErrNotAbsolute, Code: CodeNotAbsolute},
		{Name: "ErrFolderMissing", Err: ErrFolderMissing, Code: CodeFolderMissing},
		{Name: "ErrNotFolder", Err: ErrNotFolder, Code: CodeNotFolder},
		{Name: "ErrNotWritable", Err: ErrNotWritable, Code: CodeNotWritable},
		{Name: "ErrDiskFull", Err: ErrDiskFull, Code: CodeDiskFull},
		{Name: "ErrKeep", Err: ErrKeep, Code: CodeKeep},
		{Name: "ErrNoFile", Err: ErrNoFile, Code: CodeNoFile},
		{Name: "ErrNotBackup", Err: ErrNotBackup, Code: CodeNotBackup},
		{Name: "ErrNewer", Err: ErrNewer, Code: CodeNewer},
		{Name: "ErrDamaged", Err: ErrDamaged, Code: CodeDamaged},
		{Name: "ErrVerifyFailed", Err: ErrVerifyFailed, Code: CodeVerifyFailed},
		{Name: "ErrNotEmpty", Err: ErrNotEmpty, Code: CodeNotEmpty},
		{Name: "ErrFailed", Err: ErrFailed, Code: CodeFailed},
	}, Codes)
}

// clock is a settable clock.
type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

// world is a centre in a data directory at Friday 27 November 2026, 10:00
// in Seoul, with a paid booking this afternoon and its pass, a held one,
// a cancelled one, and a lease with a payment.
type world struct {
	clock *clock
	dir   string
	c     *centre.Centre
	paid  booking.Booking
	token string
}

func newWorld(t *testing.T) *world {
	t.Helper()
	w := &world{clock: &clock{t: seoul.Date(2026, 11, 27, 10, 0)}, dir: filepath.Join(t.TempDir(), "data")}
	w.c = openCentre(t, w.dir, w.clock)
	book := func(room string, h int) booking.Booking {
		b, err := w.c.Booking.Book(store.ActorVisitor, booking.Request{Name: "홍길동", Phone: "010-1234-5678", Consent: true,
			Room: room, From: seoul.Date(2026, 11, 27, h, 0), To: seoul.Date(2026, 11, 27, h+1, 0)})
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	p := book("seminar", 14)
	var err error
	if w.paid, err = w.c.Booking.Pay(store.ActorSystem, p.ID, booking.PayCard); err != nil {
		t.Fatal(err)
	}
	if w.token, err = w.c.Booking.PassToken(p.ID); err != nil {
		t.Fatal(err)
	}
	book("meeting", 15)
	x := book("consulting", 16)
	if _, err := w.c.Booking.Pay(store.ActorSystem, x.ID, booking.PayCash); err != nil {
		t.Fatal(err)
	}
	if _, err := w.c.Booking.Cancel(store.ActorSystem, x.ID); err != nil {
		t.Fatal(err)
	}
	err = w.c.Tenants.AddLease(store.ActorSystem, tenants.Lease{ID: "L1", Unit: "I01", Tenant: "주식회사 새싹랩",
		Start: seoul.Date(2026, 9, 1, 0, 0), End: seoul.Date(2027, 8, 31, 0, 0), MonthlyRent: 300000, ManagementFee: 50000, Deposit: 1000000})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.c.Tenants.Pay(store.ActorSystem, "I01", seoul.Date(2026, 11, 2, 0, 0), 400000, "transfer"); err != nil {
		t.Fatal(err)
	}
	return w
}

func openCentre(t *testing.T, dir string, c *clock) *centre.Centre {
	t.Helper()
	ce, err := centre.Open(dir, c.now)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ce.Close() })
	return ce
}

// answers is what the centre says: every table the exports write, the
// report, and the audit log.
type answers struct {
	tables map[report.What][][]string
	report report.Report
	audit  []store.AuditEntry
}

func answersOf(t *testing.T, c *centre.Centre) answers {
	t.Helper()
	a := answers{tables: map[report.What][][]string{}}
	until := seoul.Date(2026, 11, 27, 0, 0)
	for _, w := range report.Whats {
		tab, err := report.Table(c.Booking, c.Tenants, w, 2026, until)
		if err != nil {
			t.Fatal(err)
		}
		var rows [][]string
		for _, r := range tab.Rows {
			var cells []string
			for _, v := range r {
				cells = append(cells, fmt.Sprint(v))
			}
			rows = append(rows, cells)
		}
		a.tables[w] = rows
	}
	var err error
	if a.report, err = report.ForYear(c.Booking, c.Tenants, 2026, until); err != nil {
		t.Fatal(err)
	}
	n, err := c.DB.VerifyAudit()
	if err != nil {
		t.Fatal(err)
	}
	if a.audit, err = c.DB.AuditLog(0, 0); err != nil || len(a.audit) != n {
		t.Fatalf("audit log: %d entries, %v; verified %d", len(a.audit), err, n)
	}
	return a
}

// backupTo writes w's backup into a new folder and returns the file.
func (w *world) backupTo(t *testing.T) (string, Info) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "nightly.kbak")
	info, err := Write(context.Background(), w.c.DB, path, Options{Now: w.clock.now, Scratch: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	return path, info
}

// TestBackupRestoreSameAnswers: a restored directory answers as the centre
// did when the backup was made (every table, the report, the audit log,
// with the restore's own entry after it), whatever was written after the
// backup; and the pass issued before the backup checks in on the restored
// directory.
func TestBackupRestoreSameAnswers(t *testing.T) {
	w := newWorld(t)
	want := answersOf(t, w.c)
	path, info := w.backupTo(t)
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 || info.Bytes != fi.Size() || !info.Keys ||
		info.AuditSeq != uint64(len(want.audit)) || info.AuditHash != want.audit[len(want.audit)-1].Hash {
		t.Fatalf("backup %+v, mode %v size %d; the chain ends at %d", info, fi.Mode(), fi.Size(), len(want.audit))
	}
	if left := names(t, filepath.Dir(path)); !slices.Equal(left, []string{"nightly.kbak"}) {
		t.Fatalf("the backup folder holds %q", left)
	}
	// Written after the backup: not in it.
	if _, err := w.c.Booking.Book(store.ActorVisitor, booking.Request{Name: "김철수", Phone: "010-9999-8888", Consent: true,
		Room: "meeting", From: seoul.Date(2026, 11, 27, 18, 0), To: seoul.Date(2026, 11, 27, 19, 0)}); err != nil {
		t.Fatal(err)
	}

	dir := filepath.Join(t.TempDir(), "restored")
	got, entries, err := Restore(path, dir, store.ActorCLI)
	if err != nil {
		t.Fatal(err)
	}
	if got.AuditSeq != info.AuditSeq || entries != len(want.audit)+1 {
		t.Fatalf("restored %+v with %d entries, want %d and the restore's", got, entries, len(want.audit))
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Fatalf("restored dir: %v %v", fi, err)
	}
	keys, err := os.Stat(filepath.Join(dir, pass.KeyFile))
	if err != nil || keys.Mode().Perm() != 0o600 {
		t.Fatalf("restored key file: %v %v", keys, err)
	}
	r := openCentre(t, dir, w.clock)
	have := answersOf(t, r)
	for _, what := range report.Whats {
		if !reflect.DeepEqual(have.tables[what], want.tables[what]) {
			t.Errorf("%s after the restore:\n%q\nwant\n%q", what, have.tables[what], want.tables[what])
		}
	}
	if !reflect.DeepEqual(have.report, want.report) {
		t.Errorf("report after the restore %+v\nwant %+v", have.report, want.report)
	}
	// (Opening the restored centre may add entries of its own: the
	// claim code it issues for a centre without a manager.)
	if len(have.audit) < len(want.audit)+1 || !reflect.DeepEqual(have.audit[:len(want.audit)], want.audit) {
		t.Fatalf("restored audit log of %d entries does not begin with the %d backed up", len(have.audit), len(want.audit))
	}
	last := have.audit[len(want.audit)]
	if last.Action != "backup.restore" || last.Actor != store.ActorCLI || strings.Contains(strings.Join(last.Notes, " "), "홍길동") {
		t.Fatalf("restore's audit entry %+v", last)
	}

	w.clock.t = seoul.Date(2026, 11, 27, 13, 55)
	b, err := r.Booking.CheckIn(store.ActorVisitor, w.token, "")
	if err != nil {
		t.Fatalf("the pass issued before the backup, after the restore: %v", err)
	}
	if b.ID != w.paid.ID || b.Status != booking.StatusCheckedIn {
		t.Fatalf("checked in %+v", b)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Name())
	}
	return out
}

// TestRestoreRefusesNonEmpty: a folder with anything in it, a file or a
// symbolic link is refused and left as it was.
func TestRestoreRefusesNonEmpty(t *testing.T) {
	w := newWorld(t)
	path, _ := w.backupTo(t)
	full := t.TempDir()
	if err := os.WriteFile(filepath.Join(full, "notes.txt"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "link")
	if err := os.Symlink(t.TempDir(), link); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{full, file, link, w.dir} {
		before := snapshot(t, filepath.Dir(dir))
		_, _, err := Restore(path, dir, store.ActorCLI)
		if !errors.Is(err, ErrNotEmpty) {
			t.Fatalf("restore into %s: %v", dir, err)
		}
		if en, _ := errs.English(err); !strings.Contains(en, dir) {
			t.Errorf("%q does not name the folder", en)
		}
		if after := snapshot(t, filepath.Dir(dir)); !reflect.DeepEqual(after, before) {
			t.Fatalf("restore into %s changed its folder:\n%v\nwas\n%v", dir, after, before)
		}
	}
}

// snapshot is every path under root with its bytes (a folder as "/").
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			l, _ := os.Readlink(p)
			out[p] = "-> " + l
		case d.IsDir():
			out[p] = "/"
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[p] = string(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestDamagedFileRefused: a backup cut short anywhere, or with any one byte
// altered, is refused by Verify and by Restore, and Restore writes nothing.
func TestDamagedFileRefused(t *testing.T) {
	w := newWorld(t)
	path, _ := w.backupTo(t)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	n := len(good)
	type damage struct {
		name string
		data []byte
		want error
	}
	var cases []damage
	for _, cut := range []int{0, 4, 8, frontSize, frontSize + 20, n / 3, n / 2, n - backSize - 1, n - 40, n - 8, n - 1} {
		want := ErrDamaged
		if cut < 8 {
			want = ErrNotBackup
		}
		cases = append(cases, damage{fmt.Sprintf("cut at %d", cut), good[:cut], want})
	}
	for _, at := range []int{0, 9, 12, frontSize + 3, n / 4, n / 2, 3 * n / 4, n - backSize - 10, n - backSize + 2, n - 20, n - 3} {
		bad := bytes.Clone(good)
		bad[at] ^= 0x20
		want := ErrDamaged
		switch {
		case at < 8:
			want = ErrNotBackup
		case at == 9:
			want = ErrNewer // the format version's low byte: 1 -> 33
		}
		cases = append(cases, damage{fmt.Sprintf("byte %d flipped", at), bad, want})
	}
	cases = append(cases, damage{"longer", append(bytes.Clone(good), 0), ErrDamaged})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "bad.kbak")
			if err := os.WriteFile(f, c.data, 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := Verify(f, t.TempDir()); !errors.Is(err, c.want) {
				t.Fatalf("Verify: %v, want %v", err, c.want)
			}
			parent := t.TempDir()
			dir := filepath.Join(parent, "restored")
			if _, _, err := Restore(f, dir, store.ActorCLI); !errors.Is(err, c.want) {
				t.Fatalf("Restore: %v, want %v", err, c.want)
			}
			if left := names(t, parent); len(left) != 0 {
				t.Fatalf("a refused restore left %q", left)
			}
		})
	}
}

// reseal rewrites a backup's trailer with edit and seals it with a right
// checksum, as a tool that knew the format could.
func reseal(t *testing.T, good []byte, edit func(*trailer)) []byte {
	t.Helper()
	n := len(good)
	tlen := int(uint32(good[n-backSize])<<24 | uint32(good[n-backSize+1])<<16 | uint32(good[n-backSize+2])<<8 | uint32(good[n-backSize+3]))
	var tr trailer
	if err := json.Unmarshal(good[n-backSize-tlen:n-backSize], &tr); err != nil {
		t.Fatal(err)
	}
	edit(&tr)
	tj, _ := json.Marshal(tr)
	out := append(bytes.Clone(good[:n-backSize-tlen]), tj...)
	out = binary.BigEndian.AppendUint32(out, uint32(len(tj)))
	sum := sha256.Sum256(out)
	return append(append(out, sum[:]...), endMagic...)
}

// TestVerifyRestoresToCheck: a file whose checksum is right but whose
// recorded head is not where the restored chain ends is refused: Verify
// does restore it and walk the chain, it does not trust the trailer.
func TestVerifyRestoresToCheck(t *testing.T) {
	w := newWorld(t)
	path, info := w.backupTo(t)
	good, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if again := reseal(t, good, func(*trailer) {}); !bytes.Equal(again, good) {
		t.Fatal("resealing unchanged does not give the file back: the test's idea of the format is wrong")
	}
	cases := map[string]func(*trailer){
		"a longer chain":  func(tr *trailer) { tr.AuditSeq++ },
		"a shorter chain": func(tr *trailer) { tr.AuditSeq-- },
		"another head":    func(tr *trailer) { tr.AuditHash = strings.Repeat("0", 64) },
		"another schema":  func(tr *trailer) { tr.Schema++ },
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "lying.kbak")
			if err := os.WriteFile(f, reseal(t, good, edit), 0o600); err != nil {
				t.Fatal(err)
			}
			if _, err := Verify(f, t.TempDir()); !errors.Is(err, ErrVerifyFailed) {
				t.Fatalf("Verify: %v", err)
			}
			parent := t.TempDir()
			if _, _, err := Restore(f, filepath.Join(parent, "d"), store.ActorCLI); !errors.Is(err, ErrVerifyFailed) {
				t.Fatalf("Restore: %v", err)
			}
			if left := names(t, parent); len(left) != 0 {
				t.Fatalf("a refused restore left %q", left)
			}
		})
	}
	if got, err := Verify(path, t.TempDir()); err != nil || got.AuditSeq != info.AuditSeq {
		t.Fatalf("the good file: %+v, %v", got, err)
	}
}
