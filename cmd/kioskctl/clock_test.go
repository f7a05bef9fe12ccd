package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// readOnlyCommands is CLI.md's list of the commands that accept -now on a
// live directory; every other command writes.
var readOnlyCommands = map[string]bool{"rooms": true, "units": true, "tenants": true, "invoices": true,
	"arrears": true, "report": true, "export": true, "audit": true}

// snapshot is what a refused command must leave as it was: every audit
// entry, every key and value, the pass key file.
type snapshot struct {
	audit  []string
	backup []byte
	keys   []byte
}

func takeSnapshot(t *testing.T, dir string) snapshot {
	t.Helper()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var s snapshot
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range log {
		s.audit = append(s.audit, e.Hash)
	}
	var b bytes.Buffer
	if err := db.View(func(tx *store.Txn) error {
		return tx.Scan(nil, func(k, v []byte) error {
			b.WriteString(strconv.Quote(string(k)) + "=" + strconv.Quote(string(v)) + "\n")
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	s.backup = b.Bytes()
	if s.keys, err = os.ReadFile(filepath.Join(dir, pass.KeyFile)); err != nil {
		t.Fatal(err)
	}
	return s
}

func (s snapshot) same(t *testing.T, what string, o snapshot) {
	t.Helper()
	if strings.Join(s.audit, ",") != strings.Join(o.audit, ",") {
		t.Errorf("%s: audit log of %d entries became %d (or an entry changed)", what, len(s.audit), len(o.audit))
	}
	if !bytes.Equal(s.backup, o.backup) {
		t.Errorf("%s: the store's contents changed", what)
	}
	if !bytes.Equal(s.keys, o.keys) {
		t.Errorf("%s: the pass key file changed", what)
	}
}

// liveFixture makes a live directory (first used without -now) holding a
// booking, its pass and a lease, made on the real clock.
func liveFixture(t *testing.T) (dir, id, tok, lease string) {
	t.Helper()
	dir = t.TempDir()
	ok(t, dir, "", "rooms")
	today := seoul.Midnight(time.Now())
	for d := 3; d < 20 && id == ""; d++ {
		day := today.AddDate(0, 0, d)
		r := kc(t, dir, "", "-json", "book", "-room", "seminar", "-from", stamp(day.Add(10*time.Hour)),
			"-to", stamp(day.Add(12*time.Hour)), "-name", "홍길동", "-phone", "010-1234-5678")
		if r.code == exitOK {
			id = decodeOne(t, r.stdout).(map[string]any)["id"].(string)
		}
	}
	if id == "" {
		t.Fatal("no day to book in the next weeks")
	}
	ok(t, dir, "", "pay", "-booking", id)
	tok = token(t, dir, "", id)
	start := today.Format(dateLayout)
	lease = object(t, ok(t, dir, "", "movein", "-unit", "I03", "-company", "새싹랩", "-rep", "홍길동",
		"-phone", "010-1234-5678", "-start", start, "-rent", "310000", "-fee", "31000", "-deposit", "1000000",
		"-brn", "123-45-67891"), "lease", "unit", "start", "end")["lease"].(string)
	return dir, id, tok, lease
}

// TestNowOnALiveDirectory: on a live directory every command that writes
// is refused with -now (exit 1, one line saying why, the store, its audit
// log and the key file as they were) and every read-only command runs
// (exit 0, nothing written). The command table's declarations are CLI.md's.
func TestNowOnALiveDirectory(t *testing.T) {
	dir, id, tok, lease := liveFixture(t)
	tmp := t.TempDir()
	leases := filepath.Join(tmp, "leases.csv")
	payments := filepath.Join(tmp, "payments.csv")
	_ = os.WriteFile(leases, []byte("unit,kind,tenant,representative,birth_date,start,end,monthly_rent,management_fee,deposit\n"), 0o600)
	_ = os.WriteFile(payments, []byte("unit,date,amount\nI03,2027-03-08,1000\n"), 0o600)
	args := map[string][]string{
		"rooms": {"rooms"}, "units": {"units"}, "tenants": {"tenants"},
		"book": {"book", "-room", "meeting", "-from", "2027-03-10T10:00", "-to", "2027-03-10T11:00", "-name", "김철수", "-phone", "010-9876-5432"},
		"pay":  {"pay", "-booking", id}, "pass": {"pass", "-booking", id, "-png", filepath.Join(tmp, "p.png")},
		"checkin": {"checkin", "-token", tok}, "cancel": {"cancel", "-booking", id},
		"movein": {"movein", "-unit", "I04", "-company", "다른랩", "-rep", "김철수", "-phone", "010-9876-5432",
			"-start", "2027-03-08", "-rent", "1", "-fee", "1", "-deposit", "1", "-brn", "123-45-67891"},
		"extend":   {"extend", "-lease", lease},
		"moveout":  {"moveout", "-lease", lease, "-date", "2027-03-08"},
		"payment":  {"payment", "-unit", "I03", "-amount", "1000", "-date", "2027-03-08"},
		"invoices": {"invoices"}, "arrears": {"arrears"},
		"import":  {"import", "-payments", payments},
		"report":  {"report", "-year", "2027"},
		"export":  {"export", "-what", "bookings", "-year", "2027", "-o", filepath.Join(tmp, "b.csv")},
		"backup":  {"backup", "-o", filepath.Join(tmp, "backup.bak")},
		"restore": {"restore", "-i", filepath.Join(tmp, "backup.bak")},
		"audit":   {"audit", "-verify"},
	}
	refusal := oneLine(centre.OpenMessage(dir, centre.ErrLiveClock)) + "\n"
	const now = "2027-03-08T10:00" // a clock that would refund in full, pay late, and so on
	for _, cmd := range commands {
		a, found := args[cmd.name]
		if !found {
			t.Errorf("no case for command %s", cmd.name)
			continue
		}
		if cmd.later {
			continue
		}
		if got := readsOnly(cmd.handler()); got != readOnlyCommands[cmd.name] {
			t.Errorf("%s declares read-only %v, CLI.md says %v", cmd.name, got, readOnlyCommands[cmd.name])
		}
		before := takeSnapshot(t, dir)
		r := kc(t, dir, now, a...)
		if readOnlyCommands[cmd.name] {
			if r.code != exitOK || r.stderr != "" {
				t.Errorf("%s -now on a live directory: exit %d, stderr %q; want it to run", cmd.name, r.code, r.stderr)
			}
		} else {
			checkRefusal(t, r)
			// restore goes into an empty directory only: it may say so first.
			if r.stderr != refusal && cmd.name != "restore" {
				t.Errorf("%s -now on a live directory: %q, want %q", cmd.name, r.stderr, refusal)
			}
		}
		before.same(t, cmd.name, takeSnapshot(t, dir))
	}
	if _, err := os.Stat(filepath.Join(tmp, "p.png")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused pass wrote its PNG: %v", err)
	}
	// Without -now the same directory takes writes.
	ok(t, dir, "", "cancel", "-booking", id)
}

// TestRehearsalRecordsTheClock: a directory first made with -now takes
// writes on any -now, and every audit entry of those writes records it.
func TestRehearsalRecordsTheClock(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	id := bookID(t, dir, monday, "seminar", "2027-03-10T10:00", "2027-03-10T12:00")
	const later = "2027-03-09T09:00" // the hold lasts until 10:00
	ok(t, dir, later, "pay", "-booking", id)
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	log, err := db.AuditLog(0, 0)
	_ = db.Close()
	if err != nil {
		t.Fatal(err)
	}
	clocks := map[string]string{}
	for _, e := range log {
		clocks[e.Action] = e.Clock
	}
	want := func(s string) string {
		at, _ := parseTime("-now", s)
		return at.Format(time.RFC3339)
	}
	if clocks["layout.seed"] != want(monday) || clocks["booking.create"] != want(monday) || clocks["booking.pay"] != want(later) {
		t.Fatalf("audit clocks %v; want the seed and the booking at %s, the payment at %s", clocks, monday, later)
	}
}

// TestKioskctlNeverReleasesAnother: book with a later -now over a paid
// booking that is by then a no-show, or a hold that has lapsed, is refused
// saying the kiosk releases it; the other visitor's booking keeps its
// status and its slots, and nothing is written.
func TestKioskctlNeverReleasesAnother(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	paid := bookID(t, dir, monday, "seminar", "2027-03-10T10:00", "2027-03-10T12:00")
	ok(t, dir, monday, "pay", "-booking", paid)
	held := bookID(t, dir, monday, "meeting", "2027-03-10T14:00", "2027-03-10T15:00")
	cases := []struct{ name, now, room, from, to, other string }{
		{"no-show", "2027-03-10T10:40", "seminar", "2027-03-10T11:00", "2027-03-10T12:00", paid},
		{"lapsed hold", "2027-03-09T10:00", "meeting", "2027-03-10T14:00", "2027-03-10T15:00", held},
	}
	for _, c := range cases {
		before := takeSnapshot(t, dir)
		r := kc(t, dir, c.now, "book", "-room", c.room, "-from", c.from, "-to", c.to, "-name", "김철수", "-phone", "010-9876-5432")
		checkRefusal(t, r)
		if !strings.Contains(r.stderr, "kiosk releases it") {
			t.Errorf("%s: %q, want the refusal saying the kiosk releases it", c.name, r.stderr)
		}
		before.same(t, c.name, takeSnapshot(t, dir))
	}
	c, err := centre.OpenWith(dir, centre.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for id, want := range map[string]booking.Status{paid: booking.StatusPaid, held: booking.StatusHeld} {
		if b, err := c.Booking.Get(id); err != nil || b.Status != want {
			t.Errorf("booking %s: %s, %v; want %s", id, b.Status, err, want)
		}
	}
}

// failingWriter refuses every write, as a closed pipe would.
type failingWriter struct{}

var errClosedPipe = errors.New("write |1: broken pipe")

func (failingWriter) Write([]byte) (int, error) { return 0, errClosedPipe }

// TestCommittedWriteSurvivesAFailedOutput: a booking whose JSON cannot be
// written to stdout is still stored and reported as done (exit 0, one
// note on stderr); a read-only command whose output fails is exit 1.
func TestCommittedWriteSurvivesAFailedOutput(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ok(t, dir, monday, "rooms")
	for _, json := range []bool{true, false} {
		args := []string{"-data", dir, "-now", monday}
		if json {
			args = append(args, "-json")
		}
		var errOut bytes.Buffer
		code := run(append(args, "book", "-room", "seminar", "-from", "2027-03-10T10:00", "-to", "2027-03-10T11:00",
			"-name", "홍길동", "-phone", "010-1234-5678"), failingWriter{}, &errOut)
		if code != exitOK || strings.Count(errOut.String(), "\n") != 1 || !strings.Contains(errOut.String(), "saved, but the output could not be written") ||
			!strings.Contains(errOut.String(), errClosedPipe.Error()) {
			t.Fatalf("json=%v: exit %d, stderr %q; want 0 with the note", json, code, errOut.String())
		}
		checkBilingual(t, errOut.String())
		bs := heldOn(t, dir, "2027-03-10T10:00")
		if len(bs) != 1 {
			t.Fatalf("json=%v: held bookings %v; want the one just made", json, bs)
		}
		// Cancel it for the next round (its output is fine).
		ok(t, dir, monday, "cancel", "-booking", bs[0].ID)
	}
	var errOut bytes.Buffer
	if code := run([]string{"-data", dir, "rooms"}, failingWriter{}, &errOut); code != exitRefused ||
		strings.Count(errOut.String(), "\n") != 1 {
		t.Fatalf("rooms with a failing stdout: exit %d, stderr %q; want 1 and one line", code, errOut.String())
	}
}

// TestHelperMain runs kioskctl's main with KIOSKCTL_MAIN_ARGS (one argument
// a line), as the real program, for the tests of what it prints.
// program is kioskctl built as the real program (supervisor included),
// once for the package's tests.
var program = sync.OnceValues(func() (string, error) {
	dir, err := os.MkdirTemp("", "kioskctl-bin")
	if err != nil {
		return "", err
	}
	programDir = dir
	bin := filepath.Join(dir, "kioskctl")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build: %v\n%s", err, out)
	}
	return bin, nil
})

// TestRefusalIsOneLineFromTheProgram: the program itself (Badger logging
// through slog) prints exactly one line for a refusal of a damaged value
// log, which Badger used to log about first. Not parallel: a child being
// started holds a copy of the parent's descriptors until it execs, the
// lock of a store the parent closes just then among them.
func TestRefusalIsOneLineFromTheProgram(t *testing.T) {
	dir := t.TempDir()
	bookID(t, dir, monday, "seminar", "2027-03-10T10:00", "2027-03-10T12:00")
	logs, _ := filepath.Glob(filepath.Join(dir, "*.vlog"))
	if len(logs) == 0 {
		t.Fatal("no value log")
	}
	for _, f := range logs {
		fh, err := os.OpenFile(f, os.O_WRONLY, 0)
		if err != nil {
			t.Fatal(err)
		}
		_, err = fh.WriteAt(bytes.Repeat([]byte{0xde, 0xad, 0xbe, 0xef}, 100), 20)
		_ = fh.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	bin, err := program()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-data", dir, "-now", monday, "rooms")
	cmd.Env = append(os.Environ(), "KIOSKCTL_DEBUG=")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err = cmd.Run()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	switch code {
	case exitRefused:
		if strings.Count(errOut.String(), "\n") != 1 || strings.Contains(errOut.String(), "badger") {
			t.Fatalf("stderr is not the one line of the refusal: %q", errOut.String())
		}
		checkBilingual(t, errOut.String())
	case exitOK: // recovered: then nothing on stderr
		if errOut.Len() != 0 {
			t.Fatalf("exit 0 with stderr %q", errOut.String())
		}
	default:
		t.Fatalf("exit %d, stderr %q", code, errOut.String())
	}
}

var programDir string // where program was built, if it was

// TestMain removes the program built for the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if programDir != "" {
		_ = os.RemoveAll(programDir)
	}
	os.Exit(code)
}

// heldOn reads, from the store in dir, the held bookings of the day of at.
func heldOn(t *testing.T, dir, at string) []booking.Booking {
	t.Helper()
	c, err := centre.OpenWith(dir, centre.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	day, err := parseTime("-from", at)
	if err != nil {
		t.Fatal(err)
	}
	all, err := c.Booking.OnDay(day)
	if err != nil {
		t.Fatal(err)
	}
	var held []booking.Booking
	for _, b := range all {
		if b.Status == booking.StatusHeld {
			held = append(held, b)
		}
	}
	return held
}
