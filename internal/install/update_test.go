package install

import (
	"bytes"
	"errors"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store/storetest"
)

// buildKioskctl builds cmd/kioskctl with tags into dir.
func buildKioskctl(t *testing.T, dir, name string, tags ...string) string {
	t.Helper()
	out := filepath.Join(dir, name)
	args := []string{"build", "-o", out}
	if len(tags) > 0 {
		args = append(args, "-tags", strings.Join(tags, ","))
	}
	cmd := exec.Command("go", append(args, "./cmd/kioskctl")...)
	cmd.Dir = "../.."
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build %v: %v\n%s", tags, err, b)
	}
	return out
}

type run struct {
	code           int
	stdout, stderr string
}

func kioskctl(t *testing.T, bin, dir string, args ...string) run {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"-data", dir, "-json"}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	r := run{stdout: out.String(), stderr: errb.String()}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}

func must(t *testing.T, bin, dir string, args ...string) string {
	t.Helper()
	r := kioskctl(t, bin, dir, args...)
	if r.code != 0 {
		t.Fatalf("kioskctl %v: exit %d, %s", args, r.code, r.stderr)
	}
	return r.stdout
}

var idField = regexp.MustCompile(`"id":"([^"]+)"`)
var entriesField = regexp.MustCompile(`"entries":(\d+)`)

// TestUpdateRehearsal: version N (this kioskctl) writes data; version N+1
// (built with kiosk_next_schema: one more schema step, rewriting every
// booking) opens it, migrates it, and reads the same answers, the passes
// version N issued included; then version N, on the migrated data, is
// refused with the newer-version line and changes nothing.
func TestUpdateRehearsal(t *testing.T) {
	if testing.Short() {
		t.Skip("builds kioskctl twice")
	}
	bins := t.TempDir()
	older := buildKioskctl(t, bins, "kioskctl-n")
	newer := buildKioskctl(t, bins, "kioskctl-n1", "kiosk_next_schema")
	dir := filepath.Join(t.TempDir(), "data")

	// Days ahead of today (bookings open 60 days ahead), a weekday.
	day := seoul.Midnight(seoul.Now()).AddDate(0, 0, 7)
	for day.Weekday() == time.Saturday || day.Weekday() == time.Sunday {
		day = day.AddDate(0, 0, 1)
	}
	d := day.Format("2006-01-02")
	year := day.Format("2006")
	var tokens []string
	for _, b := range []struct{ room, from, to, name, phone string }{
		{"seminar", d + "T10:00", d + "T12:00", "홍길동", "010-1234-5678"},
		{"meeting", d + "T13:00", d + "T14:00", "김하나", "010-2222-3333"},
	} {
		id := idField.FindStringSubmatch(must(t, older, dir, "book", "-room", b.room, "-from", b.from, "-to", b.to, "-name", b.name, "-phone", b.phone))[1]
		must(t, older, dir, "pay", "-booking", id)
		tokens = append(tokens, must(t, older, dir, "pass", "-booking", id))
	}
	must(t, older, dir, "movein", "-unit", "I01", "-company", "주식회사 새싹랩", "-rep", "박대표", "-phone", "010-5555-6666",
		"-start", year+"-01-01", "-brn", "123-45-67891", "-rent", "300000", "-fee", "50000", "-deposit", "1000000")
	answers := func(bin string) []string {
		return []string{must(t, bin, dir, "rooms"), must(t, bin, dir, "units"), must(t, bin, dir, "tenants"),
			must(t, bin, dir, "invoices"), must(t, bin, dir, "report", "-year", year)}
	}
	before := answers(older)
	entries := func(bin string) string {
		v := must(t, bin, dir, "audit", "-verify")
		if !strings.Contains(v, `"ok":true`) {
			t.Fatalf("audit -verify: %s", v)
		}
		return entriesField.FindStringSubmatch(v)[1]
	}
	n := entries(older)

	// The update: N+1 migrates at its first open (one schema.migrate entry
	// more) and answers the same.
	migrated := entries(newer)
	if migrated == n {
		t.Fatalf("version N+1 wrote no migration entry (%s entries before and after)", n)
	}
	for i, a := range answers(newer) {
		if a != before[i] {
			t.Errorf("answer %d differs after the migration:\nN:   %s\nN+1: %s", i, before[i], a)
		}
	}
	for i, tok := range tokens {
		if again := must(t, newer, dir, "pass", "-booking", idField.FindStringSubmatch(tok)[1]); again != tok {
			t.Errorf("pass %d after the migration: %s, was %s", i, again, tok)
		}
	}

	// The downgrade: version N refuses the migrated data, in one line,
	// and leaves it as it was, every file.
	files := storetest.Take(t, dir)
	r := kioskctl(t, older, dir, "rooms")
	if r.code != 1 || strings.Count(r.stderr, "\n") != 1 || !strings.Contains(r.stderr, "newer version") {
		t.Fatalf("version N on migrated data: exit %d, stderr %q; want exit 1 and the newer-version line", r.code, r.stderr)
	}
	if d := files.Diff(storetest.Take(t, dir)); d != "" {
		t.Fatalf("the refused downgrade changed the data directory: %s", d)
	}
	if got := entries(newer); got != migrated {
		t.Fatalf("the refused downgrade changed the audit log: %s entries, was %s", got, migrated)
	}
	for i, a := range answers(newer) {
		if a != before[i] {
			t.Errorf("answer %d differs after the refused downgrade", i)
		}
	}
}
