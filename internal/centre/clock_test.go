package centre

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// rawAudit opens dir's store alone (no centre: nothing seeded or migrated)
// and returns its audit entries.
func rawAudit(t *testing.T, dir string) []store.AuditEntry {
	t.Helper()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	return log
}

func sameAudit(t *testing.T, before, after []store.AuditEntry) {
	t.Helper()
	if len(after) != len(before) {
		t.Fatalf("audit log %d entries, then %d", len(before), len(after))
	}
	for i := range before {
		if before[i].Hash != after[i].Hash {
			t.Fatalf("audit entry %d changed", i+1)
		}
	}
}

func bilingual(t *testing.T, msg string, mustName ...string) {
	t.Helper()
	if strings.ContainsRune(msg, '\n') || strings.IndexFunc(msg, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) < 0 ||
		!strings.Contains(msg, " / ") {
		t.Errorf("message is not one bilingual line: %q", msg)
	}
	for _, s := range mustName {
		if strings.Count(msg, s) < 2 {
			t.Errorf("message does not name %s in both languages: %q", s, msg)
		}
	}
}

var overridden = Options{Clock: clock, Overridden: true}

// TestLiveAndRehearsal: the first open makes a directory live or, on an
// overridden clock, rehearsal; the mark is stored in the seed's write. A
// live directory refuses an overridden clock to a writer before anything
// is written, migrations included, and lets a reader in; a rehearsal
// directory takes writes on it and records the clock in the audit log.
func TestLiveAndRehearsal(t *testing.T) {
	t.Run("rehearsal", func(t *testing.T) {
		dir := t.TempDir()
		c, err := OpenWith(dir, overridden)
		if err != nil {
			t.Fatal(err)
		}
		if !c.Rehearsal {
			t.Error("a directory first opened with -now is not a rehearsal directory")
		}
		b, err := c.Booking.Book(store.ActorCLI, booking.Request{Room: "seminar", From: testNow.Add(72 * time.Hour),
			To: testNow.Add(74 * time.Hour), Name: "홍길동", Phone: "010-1234-5678", Consent: true})
		if err != nil {
			t.Fatal(err)
		}
		_ = c.Close()
		log := rawAudit(t, dir)
		want := testNow.Format(time.RFC3339)
		clocked := map[string]string{}
		for _, e := range log {
			clocked[e.Action] = e.Clock
		}
		if clocked["layout.seed"] != want || clocked["booking.create"] != want {
			t.Errorf("audit clocks %v, want %s on the seed that made the rehearsal directory and on the booking", clocked, want)
		}
		// Reopened, with or without -now, it stays a rehearsal directory.
		for _, o := range []Options{overridden, {Clock: clock}} {
			c, err := OpenWith(dir, o)
			if err != nil {
				t.Fatal(err)
			}
			if !c.Rehearsal {
				t.Errorf("reopened with %+v: not rehearsal", o)
			}
			if _, err := c.Booking.Get(b.ID); err != nil {
				t.Error(err)
			}
			_ = c.Close()
		}
	})
	t.Run("live", func(t *testing.T) {
		dir := t.TempDir()
		c, err := OpenWith(dir, Options{Clock: clock})
		if err != nil {
			t.Fatal(err)
		}
		if c.Rehearsal {
			t.Error("a directory first opened on the real clock is a rehearsal directory")
		}
		_ = c.Close()
		before := rawAudit(t, dir)
		if _, err := OpenWith(dir, overridden); !errors.Is(err, ErrLiveClock) {
			t.Fatalf("a writer with -now on a live directory: %v, want ErrLiveClock", err)
		}
		sameAudit(t, before, rawAudit(t, dir))
		bilingual(t, OpenMessage(dir, ErrLiveClock), dir, "-now")
		r, err := OpenWith(dir, Options{Clock: clock, Overridden: true, ReadOnly: true})
		if err != nil {
			t.Fatalf("a reader with -now on a live directory: %v", err)
		}
		if r.Rehearsal {
			t.Error("live directory read as rehearsal")
		}
		_ = r.Close()
		sameAudit(t, before, rawAudit(t, dir))
		for _, e := range before {
			if e.Clock != "" {
				t.Errorf("live directory: entry %d %s records clock %s", e.Seq, e.Action, e.Clock)
			}
		}
	})
	t.Run("live from before the marks, with a migration due", func(t *testing.T) {
		dir := loadV1(t)
		before := rawAudit(t, dir)
		if _, err := OpenWith(dir, overridden); !errors.Is(err, ErrLiveClock) {
			t.Fatalf("a writer with -now on an old live directory: %v, want ErrLiveClock", err)
		}
		sameAudit(t, before, rawAudit(t, dir))
		db, err := store.Open(dir)
		if err != nil {
			t.Fatal(err)
		}
		v, _ := db.SchemaVersion()
		_ = db.Close()
		if v != 1 {
			t.Fatalf("the refused open migrated the store to version %d", v)
		}
	})
}

// TestPassKeysMissing: with bookings in the store, a missing key file is a
// refusal with nothing written (and no new key file); without bookings a
// fresh key is made.
func TestPassKeysMissing(t *testing.T) {
	dir := t.TempDir()
	keys := filepath.Join(dir, pass.KeyFile)
	c, err := Open(dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	_ = c.Close()
	if err := os.Remove(keys); err != nil {
		t.Fatal(err)
	}
	// No booking yet: a new key.
	c, err = Open(dir, clock)
	if err != nil {
		t.Fatalf("no bookings, no key file: %v", err)
	}
	if _, err := c.Booking.Book(store.ActorCLI, booking.Request{Room: "seminar", From: testNow.Add(72 * time.Hour),
		To: testNow.Add(74 * time.Hour), Name: "홍길동", Phone: "010-1234-5678", Consent: true}); err != nil {
		t.Fatal(err)
	}
	_ = c.Close()
	if err := os.Remove(keys); err != nil {
		t.Fatal(err)
	}
	before := rawAudit(t, dir)
	for _, o := range []Options{{Clock: clock, Kiosk: true}, {Clock: clock, ReadOnly: true}} {
		if _, err := OpenWith(dir, o); !errors.Is(err, ErrPassKeysMissing) {
			t.Fatalf("bookings, no key file: %v, want ErrPassKeysMissing", err)
		}
	}
	if _, err := os.Lstat(keys); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a key file was made: %v", err)
	}
	sameAudit(t, before, rawAudit(t, dir))
	bilingual(t, OpenMessage(dir, ErrPassKeysMissing), keys)
}

// TestWeakKeyFileRefused: a weak key file stops the open, named in the
// message, before anything is written.
func TestWeakKeyFileRefused(t *testing.T) {
	dir := t.TempDir()
	c, err := Open(dir, clock)
	if err != nil {
		t.Fatal(err)
	}
	_ = c.Close()
	keys := filepath.Join(dir, pass.KeyFile)
	zero := `{"format":1,"current":1,"keys":[{"id":1,"secret":"` + base64.StdEncoding.EncodeToString(make([]byte, 32)) + `"}]}`
	if err := os.WriteFile(keys, []byte(zero), 0o600); err != nil {
		t.Fatal(err)
	}
	before := rawAudit(t, dir)
	_, err = Open(dir, clock)
	if !errors.Is(err, pass.ErrKeyFile) {
		t.Fatalf("all-zero key: %v, want pass.ErrKeyFile", err)
	}
	msg := OpenMessage(dir, err)
	bilingual(t, msg, keys)
	if !strings.Contains(msg, "all zero") {
		t.Errorf("message does not say what is wrong: %q", msg)
	}
	sameAudit(t, before, rawAudit(t, dir))
	if raw, _ := os.ReadFile(keys); !bytes.Equal(raw, []byte(zero)) {
		t.Error("the key file was rewritten")
	}
}
