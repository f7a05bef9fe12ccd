package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// monday is the clock of most tests: Monday 8 March 2027, 10:00 in Seoul.
const monday = "2027-03-08T10:00"

type result struct {
	code           int
	stdout, stderr string
}

// kc runs kioskctl in-process on dir at the clock now ("" for the real one).
func kc(t *testing.T, dir, now string, args ...string) result {
	t.Helper()
	full := []string{"-data", dir}
	if now != "" {
		full = append(full, "-now", now)
	}
	var out, errOut bytes.Buffer
	code := run(append(full, args...), &out, &errOut)
	return result{code: code, stdout: out.String(), stderr: errOut.String()}
}

// ok runs kioskctl -json and decodes its one JSON value.
func ok(t *testing.T, dir, now string, args ...string) any {
	t.Helper()
	r := kc(t, dir, now, append([]string{"-json"}, args...)...)
	if r.code != exitOK {
		t.Fatalf("kioskctl %v: exit %d, stderr %q", args, r.code, r.stderr)
	}
	if r.stderr != "" {
		t.Fatalf("kioskctl %v: stderr %q on success", args, r.stderr)
	}
	return decodeOne(t, r.stdout)
}

// decodeOne checks that s is exactly one JSON object or array.
func decodeOne(t *testing.T, s string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(s))
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, s)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		t.Fatalf("stdout holds more than one JSON value: %q", s)
	}
	switch v.(type) {
	case map[string]any, []any:
	default:
		t.Fatalf("stdout is %T, want an object or an array: %q", v, s)
	}
	return v
}

func object(t *testing.T, v any, keys ...string) map[string]any {
	t.Helper()
	m, isMap := v.(map[string]any)
	if !isMap {
		t.Fatalf("want a JSON object, got %T %v", v, v)
	}
	checkKeys(t, m, keys...)
	return m
}

func checkKeys(t *testing.T, m map[string]any, keys ...string) {
	t.Helper()
	var got []string
	for k := range m {
		got = append(got, k)
	}
	sort.Strings(got)
	want := slices.Clone(keys)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Fatalf("keys %v, want exactly %v", got, want)
	}
}

func book(t *testing.T, dir, now, room, from, to string) map[string]any {
	t.Helper()
	return object(t, ok(t, dir, now, "book", "-room", room, "-from", from, "-to", to,
		"-name", "홍길동", "-phone", "010-1234-5678", "-org", "새싹랩"),
		"id", "room", "from", "to", "fee", "status")
}

func bookID(t *testing.T, dir, now, room, from, to string) string {
	t.Helper()
	return book(t, dir, now, room, from, to)["id"].(string)
}

func token(t *testing.T, dir, now, id string) string {
	t.Helper()
	return object(t, ok(t, dir, now, "pass", "-booking", id), "id", "token")["token"].(string)
}

func auditEntries(t *testing.T, dir, now string) int {
	t.Helper()
	m := object(t, ok(t, dir, now, "audit", "-verify"), "entries", "ok")
	if m["ok"] != true {
		t.Fatalf("audit chain not ok: %v", m)
	}
	return int(m["entries"].(float64))
}

// checkRefusal asserts the shape of a refusal: one line on stderr, in
// Korean and English, nothing on stdout.
func checkRefusal(t *testing.T, r result) {
	t.Helper()
	if r.code != exitRefused {
		t.Fatalf("exit %d, want 1 (stderr %q)", r.code, r.stderr)
	}
	if !strings.HasSuffix(r.stderr, "\n") || strings.Count(r.stderr, "\n") != 1 {
		t.Fatalf("stderr is not exactly one line: %q", r.stderr)
	}
	checkBilingual(t, r.stderr)
	if r.stdout != "" {
		t.Fatalf("stdout %q on refusal", r.stdout)
	}
}

func checkBilingual(t *testing.T, line string) {
	t.Helper()
	hangul := strings.IndexFunc(line, func(r rune) bool { return unicode.Is(unicode.Hangul, r) }) >= 0
	latin := strings.IndexFunc(line, func(r rune) bool { return r < 128 && unicode.IsLetter(r) }) >= 0
	if !hangul || !latin {
		t.Fatalf("not in Korean and English: %q", line)
	}
}

func TestRoomsAndUnitsJSON(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	rooms := ok(t, dir, monday, "rooms").([]any)
	if len(rooms) != 5 {
		t.Fatalf("%d rooms, want 5", len(rooms))
	}
	for _, r := range rooms {
		object(t, r, "id", "name", "floor", "capacity", "hourly_fee")
	}
	first := rooms[0].(map[string]any)
	if first["id"] != "seminar" || first["name"] != "세미나실" || first["floor"] != 3.0 ||
		first["capacity"] != 60.0 || first["hourly_fee"] != 20000.0 {
		t.Fatalf("first room %v", first)
	}

	// A tenant moves into I03 on 1 March 2027.
	c, err := centre.Open(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	err = c.Tenants.AddLease(store.ActorSystem, tenants.Lease{ID: "L1", Unit: "I03", Tenant: "새싹랩",
		Start: seoul.Date(2027, 3, 1, 0, 0), End: seoul.Date(2028, 2, 29, 0, 0), MonthlyRent: 300000})
	_ = c.Close()
	if err != nil {
		t.Fatal(err)
	}

	units := ok(t, dir, monday, "units").([]any)
	if len(units) != tenants.IncubatorUnits+tenants.YouthDesks+tenants.AgencyUnits {
		t.Fatalf("%d units", len(units))
	}
	kinds := map[string]int{}
	for _, u := range units {
		m := object(t, u, "id", "kind", "name", "occupant")
		kinds[m["kind"].(string)]++
		want := ""
		if m["id"] == "I03" {
			want = "새싹랩"
		}
		if m["occupant"] != want {
			t.Fatalf("unit %v: occupant %q, want %q", m["id"], m["occupant"], want)
		}
	}
	if kinds["incubator"] != 24 || kinds["youth"] != 10 || kinds["agency"] != 3 || len(kinds) != 3 {
		t.Fatalf("kinds %v", kinds)
	}
	// Before the lease starts the unit is vacant.
	for _, u := range ok(t, dir, "2027-02-26T10:00", "units").([]any) {
		if m := u.(map[string]any); m["occupant"] != "" {
			t.Fatalf("occupied before the lease: %v", m)
		}
	}
}

func TestBookPayPassCheckIn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	b := book(t, dir, monday, "seminar", "2027-03-10T10:00", "2027-03-10T12:00")
	if b["room"] != "seminar" || b["from"] != "2027-03-10T10:00" || b["to"] != "2027-03-10T12:00" ||
		b["fee"] != 40000.0 || b["status"] != "held" {
		t.Fatalf("book: %v", b)
	}
	id := b["id"].(string)

	p := object(t, ok(t, dir, monday, "pay", "-booking", id), "id", "status")
	if p["id"] != id || p["status"] != "paid" {
		t.Fatalf("pay: %v", p)
	}

	png := filepath.Join(t.TempDir(), "pass.png")
	pj := object(t, ok(t, dir, monday, "pass", "-booking", id, "-png", png), "id", "token")
	if pj["id"] != id || !strings.HasPrefix(pj["token"].(string), "KP1") {
		t.Fatalf("pass: %v", pj)
	}
	raw, err := os.ReadFile(png)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte("\x89PNG\r\n\x1a\n")) {
		t.Fatalf("not a PNG: % x", raw[:min(8, len(raw))])
	}
	if st, err := os.Stat(png); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("PNG mode %v, %v; want 0600", st.Mode().Perm(), err)
	}

	at := "2027-03-10T09:55" // inside the window 09:50-10:15
	ci := object(t, ok(t, dir, at, "checkin", "-token", pj["token"].(string), "-room", "seminar"),
		"booking", "room", "checked_in_at")
	if ci["booking"] != id || ci["room"] != "seminar" || ci["checked_in_at"] != at {
		t.Fatalf("checkin: %v", ci)
	}

	before := auditEntries(t, dir, at)
	r := kc(t, dir, at, "checkin", "-token", pj["token"].(string))
	checkRefusal(t, r)
	if !strings.Contains(r.stderr, "already used") {
		t.Fatalf("second checkin: %q", r.stderr)
	}
	if after := auditEntries(t, dir, at); after != before {
		t.Fatalf("a refused checkin changed the audit log: %d -> %d entries", before, after)
	}
}

func TestPayMethods(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, m := range []string{"card", "TRANSFER", "cash"} {
		id := bookID(t, dir, monday, "meeting", "2027-03-11T10:00", "2027-03-11T11:00")
		if p := object(t, ok(t, dir, monday, "pay", "-booking", id, "-method", m), "id", "status"); p["status"] != "paid" {
			t.Fatalf("pay -method %s: %v", m, p)
		}
		ok(t, dir, monday, "cancel", "-booking", id)
	}
}

func TestCancelRefunds(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name       string
		day        string // of the booking, booked and cancelled on monday
		pay        bool
		wantRefund float64
	}{
		{"paid, 10 days before: all of it", "2027-03-18", true, 40000},
		{"paid, 4 days before: 90%", "2027-03-12", true, 36000},
		{"paid, 2 days before: 70%", "2027-03-10", true, 28000},
		{"held: nothing was paid", "2027-03-18", false, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			id := bookID(t, dir, monday, "seminar", tc.day+"T14:00", tc.day+"T16:00")
			if tc.pay {
				ok(t, dir, monday, "pay", "-booking", id)
			}
			c := object(t, ok(t, dir, monday, "cancel", "-booking", id), "id", "status", "refund")
			if c["id"] != id || c["status"] != "cancelled" || c["refund"] != tc.wantRefund {
				t.Fatalf("cancel: %v, want refund %v", c, tc.wantRefund)
			}
			// Once is enough.
			before := auditEntries(t, dir, monday)
			r := kc(t, dir, monday, "cancel", "-booking", id)
			checkRefusal(t, r)
			if !strings.Contains(r.stderr, "no longer be cancelled") {
				t.Fatalf("second cancel: %q", r.stderr)
			}
			if after := auditEntries(t, dir, monday); after != before {
				t.Fatalf("audit log %d -> %d entries", before, after)
			}
			// The slots are free again.
			book(t, dir, monday, "seminar", tc.day+"T14:00", tc.day+"T16:00")
		})
	}
}

// fixture is a data directory with a held booking and a paid one (with its
// pass), both on Wednesday 10 March 2027 10:00-12:00.
type fixture struct {
	dir, held, paid, token string
}

func newFixture(t *testing.T) fixture {
	t.Helper()
	f := fixture{dir: t.TempDir()}
	f.held = bookID(t, f.dir, monday, "seminar", "2027-03-10T10:00", "2027-03-10T12:00")
	f.paid = bookID(t, f.dir, monday, "meeting", "2027-03-10T10:00", "2027-03-10T12:00")
	ok(t, f.dir, monday, "pay", "-booking", f.paid)
	f.token = token(t, f.dir, monday, f.paid)
	return f
}

// forge changes one character of a token's signature.
func forge(tok string) string {
	i := len(tok) - 6
	c := byte('0')
	if tok[i] == '0' {
		c = '1'
	}
	return tok[:i] + string(c) + tok[i+1:]
}

func TestRefusalsAndUsageErrors(t *testing.T) {
	t.Parallel()
	bookArgs := func(edit ...string) []string {
		args := map[string]string{"-room": "seminar", "-from": "2027-03-11T10:00", "-to": "2027-03-11T12:00",
			"-name": "홍길동", "-phone": "010-1234-5678"}
		for i := 0; i+1 < len(edit); i += 2 {
			if edit[i+1] == "<none>" {
				delete(args, edit[i])
			} else {
				args[edit[i]] = edit[i+1]
			}
		}
		out := []string{"book"}
		for _, k := range []string{"-room", "-from", "-to", "-name", "-phone", "-org"} {
			if v, given := args[k]; given {
				out = append(out, k, v)
			}
		}
		return out
	}
	fixed := func(args ...string) func(fixture) []string { return func(fixture) []string { return args } }
	cases := []struct {
		name string
		now  string
		args func(f fixture) []string
		code int
		want string // part of the English half of the message
	}{
		// Usage errors (2).
		{"unknown command", monday, fixed("frob"), exitUsage, "unknown command"},
		{"no command", monday, fixed(), exitUsage, "no command"},
		{"unknown flag", monday, fixed("rooms", "-x"), exitUsage, "unknown flag -x"},
		{"global flag after the command", monday, fixed("rooms", "-json"), exitUsage, "before the command"},
		{"missing -room", monday, fixed(bookArgs("-room", "<none>")...), exitUsage, "-room is required"},
		{"missing -phone", monday, fixed(bookArgs("-phone", "<none>")...), exitUsage, "-phone is required"},
		{"flag without value", monday, fixed("book", "-room"), exitUsage, "needs a value"},
		{"bad -from format", monday, fixed(bookArgs("-from", "2027-03-11 10:00")...), exitUsage, "YYYY-MM-DDTHH:MM"},
		{"-from with seconds", monday, fixed(bookArgs("-from", "2027-03-11T10:00:00")...), exitUsage, "YYYY-MM-DDTHH:MM"},
		{"-to with a zone", monday, fixed(bookArgs("-to", "2027-03-11T12:00+09:00")...), exitUsage, "YYYY-MM-DDTHH:MM"},
		{"-from out of range", monday, fixed(bookArgs("-from", "2027-02-30T10:00")...), exitUsage, "YYYY-MM-DDTHH:MM"},
		{"bad -now", monday, fixed("-now", "2027-03-08T25:00", "rooms"), exitUsage, "YYYY-MM-DDTHH:MM"},
		{"extra argument", monday, fixed("rooms", "extra"), exitUsage, "unexpected argument"},
		{"pay without -booking", monday, fixed("pay"), exitUsage, "-booking is required"},
		{"checkin without -token", monday, fixed("checkin"), exitUsage, "-token is required"},
		{"audit without -verify", monday, fixed("audit"), exitUsage, "needs -verify"},
		{"import with both files", monday, fixed("import", "-leases", "x.csv", "-payments", "y.csv"), exitUsage, "one of -leases or -payments"},
		{"report without -year", monday, fixed("report"), exitUsage, "-year is required"},
		{"report -until in another year", monday, fixed("report", "-year", "2027", "-until", "2026-12-31"), exitUsage, "must be a date in 2027"},
		{"report bad -year", monday, fixed("report", "-year", "27"), exitUsage, "the year is YYYY"},
		{"export unknown -what", monday, fixed("export", "-what", "cats", "-year", "2027", "-o", "x.csv"), exitUsage, "one of bookings"},
		{"export to .txt", monday, fixed("export", "-what", "ledger", "-year", "2027", "-o", "x.txt"), exitUsage, ".csv or .xlsx"},
		{"movein without -rent", monday, fixed("movein", "-unit", "I01", "-company", "가", "-rep", "나", "-phone", "010-1234-5678", "-start", "2027-03-01", "-fee", "0", "-deposit", "0"), exitUsage, "-rent is required"},
		{"movein bad -start", monday, fixed("movein", "-unit", "I01", "-company", "가", "-rep", "나", "-phone", "010-1234-5678", "-start", "2027-3-1", "-rent", "1", "-fee", "0", "-deposit", "0"), exitUsage, "YYYY-MM-DD"},
		{"payment bad -amount", monday, fixed("payment", "-unit", "I01", "-amount", "ten"), exitUsage, "whole won"},
		{"backup without -o", monday, fixed("backup"), exitUsage, "-o is required"},
		{"restore without -i", monday, fixed("restore"), exitUsage, "-i is required"},

		// Refusals (1).
		{"restore into a data directory", monday, fixed("restore", "-i", "x.kbak"), exitRefused, "not empty"},
		{"-from off the grid", monday, fixed(bookArgs("-from", "2027-03-11T10:15")...), exitRefused, "half hour"},
		{"past", monday, fixed(bookArgs("-from", "2027-03-05T10:00", "-to", "2027-03-05T12:00")...), exitRefused, "already passed"},
		{"Sunday", monday, fixed(bookArgs("-from", "2027-03-14T10:00", "-to", "2027-03-14T12:00")...), exitRefused, "not open"},
		{"after closing", monday, fixed(bookArgs("-from", "2027-03-11T21:00", "-to", "2027-03-11T23:00")...), exitRefused, "not open"},
		{"too short", monday, fixed(bookArgs("-to", "2027-03-11T10:30")...), exitRefused, "60 to 480 minutes"},
		{"too far ahead", monday, fixed(bookArgs("-from", "2027-06-10T10:00", "-to", "2027-06-10T12:00")...), exitRefused, "60 days ahead"},
		{"taken", monday, fixed(bookArgs("-from", "2027-03-10T11:00", "-to", "2027-03-10T13:00")...), exitRefused, "already booked"},
		{"unknown room", monday, fixed(bookArgs("-room", "gym")...), exitRefused, "No such room"},
		{"bad phone", monday, fixed(bookArgs("-phone", "02-123-4567")...), exitRefused, "mobile number"},
		{"empty name", monday, fixed(bookArgs("-name", "")...), exitRefused, "name of 1 to 30"},
		{"long org", monday, fixed(bookArgs("-org", strings.Repeat("가", 41))...), exitRefused, "organisation"},
		{"pay unknown booking", monday, fixed("pay", "-booking", "ZZZZZZZZ"), exitRefused, "No booking with that code"},
		{"cancel unknown booking", monday, fixed("cancel", "-booking", "ZZZZZZZZ"), exitRefused, "No booking with that code"},
		{"pass unknown booking", monday, fixed("pass", "-booking", "ZZZZZZZZ"), exitRefused, "No booking with that code"},
		{"bad pay method", monday, func(f fixture) []string { return []string{"pay", "-booking", f.held, "-method", "bitcoin"} }, exitRefused, "cash, card or transfer"},
		{"pay twice", monday, func(f fixture) []string { return []string{"pay", "-booking", f.paid} }, exitRefused, "cannot be paid"},
		{"pay a lapsed hold", "2027-03-09T10:00", func(f fixture) []string { return []string{"pay", "-booking", f.held} }, exitRefused, "has lapsed"},
		{"cancel a lapsed hold", "2027-03-09T10:00", func(f fixture) []string { return []string{"cancel", "-booking", f.held} }, exitRefused, "has lapsed"},
		{"cancel after the start", "2027-03-10T10:05", func(f fixture) []string { return []string{"cancel", "-booking", f.paid} }, exitRefused, "no longer be cancelled"},
		{"forged token", "2027-03-10T09:55", func(f fixture) []string { return []string{"checkin", "-token", forge(f.token)} }, exitRefused, "not genuine"},
		{"garbage token", "2027-03-10T09:55", fixed("checkin", "-token", "hello"), exitRefused, "not genuine"},
		{"wrong -room at checkin", "2027-03-10T09:55", func(f fixture) []string { return []string{"checkin", "-token", f.token, "-room", "seminar"} }, exitRefused, "another room"},
		{"unknown -room at checkin", "2027-03-10T09:55", func(f fixture) []string { return []string{"checkin", "-token", f.token, "-room", "gym"} }, exitRefused, "No such room"},
		{"too early", "2027-03-10T09:30", func(f fixture) []string { return []string{"checkin", "-token", f.token} }, exitRefused, "Too early"},
		{"no-show", "2027-03-10T10:30", func(f fixture) []string { return []string{"checkin", "-token", f.token} }, exitRefused, "check-in time has passed"},
		{"import a missing file", monday, fixed("import", "-leases", "/nonexistent/x.csv"), exitRefused, "Cannot read the file"},
		{"export to a missing folder", monday, fixed("export", "-what", "ledger", "-year", "2027", "-o", "/nonexistent/x.xlsx"), exitRefused, "folder does not exist"},
		{"movein bad BRN", monday, fixed("movein", "-unit", "I01", "-company", "가나다", "-rep", "홍길동", "-phone", "010-1234-5678", "-start", "2027-03-01", "-rent", "1", "-fee", "0", "-deposit", "0", "-brn", "123-45-67890"), exitRefused, "registration number is not valid"},
		{"movein youth without -birth", monday, fixed("movein", "-unit", "Y01", "-company", "가나다", "-rep", "홍길동", "-phone", "010-1234-5678", "-start", "2027-03-01", "-rent", "1", "-fee", "0", "-deposit", "0"), exitRefused, "needs the founder's birth date"},
		{"movein unknown unit", monday, fixed("movein", "-unit", "Z9", "-company", "가나다", "-rep", "홍길동", "-phone", "010-1234-5678", "-start", "2027-03-01", "-rent", "1", "-fee", "0", "-deposit", "0"), exitRefused, "No such unit"},
		{"extend unknown lease", monday, fixed("extend", "-lease", "NOPE"), exitRefused, "No such lease"},
		{"payment to a vacant unit", monday, fixed("payment", "-unit", "I02", "-amount", "1000"), exitRefused, "No lease held unit I02"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			before := auditEntries(t, f.dir, tc.now)
			r := kc(t, f.dir, tc.now, tc.args(f)...)
			if tc.code == exitRefused {
				checkRefusal(t, r)
			} else {
				if r.code != tc.code {
					t.Fatalf("exit %d, want %d (stderr %q)", r.code, tc.code, r.stderr)
				}
				first, _, _ := strings.Cut(r.stderr, "\n")
				checkBilingual(t, first)
				if r.stdout != "" {
					t.Fatalf("stdout %q on a usage error", r.stdout)
				}
			}
			if !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("stderr %q does not say %q", r.stderr, tc.want)
			}
			if after := auditEntries(t, f.dir, tc.now); after != before {
				t.Fatalf("refused, yet the audit log went from %d to %d entries", before, after)
			}
		})
	}
}

// TestEveryRefusalHasItsOwnLine: every booking refusal, as the services
// wrap it, is worded by the errs catalogue (plus kioskctl's hint), on one
// line in Korean and English, and no two share a line; so are the store's.
func TestEveryRefusalHasItsOwnLine(t *testing.T) {
	t.Parallel()
	// The values of the refusals whose sentences name them.
	args := map[errs.Code][]any{
		booking.CodeBadLength: {60, 480}, booking.CodeTooFar: {60}, booking.CodeLookupLocked: {15},
		booking.CodeNoRoom: {"gym"}, booking.CodeName: {1, 30}, booking.CodeOrg: {40},
		booking.CodePassTooEarly: {10}, booking.CodePassExpired: {15},
	}
	seen := map[string]string{}
	for _, code := range booking.Codes {
		err := errs.New(code, args[code]...)
		ko, _ := errs.Korean(err)
		en, _ := errs.English(err)
		if h, ok := hints[code]; ok {
			ko, en = ko+" "+h.ko, en+" "+h.en
		}
		msg := refusal(fmt.Errorf("booking: %w: detail", err))
		if want := ko + " / " + en; msg != want {
			t.Errorf("%s: %q\nwant %q", code, msg, want)
		}
		if strings.Contains(msg, "%") || strings.Contains(msg, "\n") {
			t.Errorf("%s: %q", code, msg)
		}
		checkBilingual(t, msg)
		if other, dup := seen[msg]; dup {
			t.Errorf("%s and %s share %q", code, other, msg)
		}
		seen[msg] = string(code)
	}
	for _, err := range []error{store.ErrAuditBroken, store.ErrNewerSchema} {
		msg := refusal(fmt.Errorf("%w: detail", err))
		if strings.Contains(msg, "Could not complete") {
			t.Errorf("%v: no line of its own: %q", err, msg)
		}
		checkBilingual(t, msg)
	}
}

// TestBookingRefusalLines: the whole line kioskctl prints for some booking
// refusals, values and hint included (the README shows the closed day's).
func TestBookingRefusalLines(t *testing.T) {
	t.Parallel()
	book := func(room, from, to string) func(fixture) []string {
		return func(fixture) []string {
			return []string{"book", "-room", room, "-from", from, "-to", to, "-name", "홍길동", "-phone", "010-1234-5678"}
		}
	}
	cases := []struct {
		name string
		now  string
		args func(fixture) []string
		line string
	}{
		{"closed on Sunday", monday, book("seminar", "2027-03-14T10:00", "2027-03-14T12:00"),
			"그 시간에는 시설을 운영하지 않습니다(휴관일 또는 운영 시간 외). / The rooms are not open then (a closed day or outside opening hours)."},
		{"too short", monday, book("seminar", "2027-03-11T10:00", "2027-03-11T10:30"),
			"예약은 60분 이상 480분 이하로 할 수 있습니다. / A booking lasts 60 to 480 minutes."},
		{"too far ahead", monday, book("seminar", "2027-06-10T10:00", "2027-06-10T12:00"),
			"예약은 오늘부터 60일 뒤까지만 할 수 있습니다. / Bookings open at most 60 days ahead."},
		{"unknown room", monday, book("gym", "2027-03-11T10:00", "2027-03-11T12:00"),
			"없는 시설입니다(gym). kioskctl rooms로 확인하세요. / No such room (gym). See kioskctl rooms."},
		{"taken", monday, book("seminar", "2027-03-10T11:00", "2027-03-10T13:00"),
			"그 시간에는 이미 예약이 있습니다. 다른 시간을 고르세요. / That time is already booked. Please choose another."},
		{"bad pay method", monday, func(f fixture) []string { return []string{"pay", "-booking", f.held, "-method", "bitcoin"} },
			"결제 방법은 cash(현금), card(카드), transfer(계좌이체) 중 하나입니다. / The payment method must be cash, card or transfer."},
		{"pay a lapsed hold", "2027-03-09T10:00", func(f fixture) []string { return []string{"pay", "-booking", f.held} },
			"결제 기한이 지나 예약이 취소되었습니다. / The unpaid booking has lapsed."},
		{"check in too early", "2027-03-10T09:30", func(f fixture) []string { return []string{"checkin", "-token", f.token} },
			"아직 입실 시간이 아닙니다. 시작 10분 전부터 입실할 수 있습니다. / Too early: check-in opens 10 minutes before the start."},
		{"check in a no-show", "2027-03-10T10:30", func(f fixture) []string { return []string{"checkin", "-token", f.token} },
			"입실 가능 시간이 지났습니다(시작 15분 후까지). / The check-in time has passed (it closes 15 minutes after the start)."},
		{"forged pass", "2027-03-10T09:55", func(f fixture) []string { return []string{"checkin", "-token", forge(f.token)} },
			"유효하지 않은 입장권입니다. / This pass is not genuine."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			r := kc(t, f.dir, tc.now, tc.args(f)...)
			checkRefusal(t, r)
			if r.stderr != tc.line+"\n" {
				t.Fatalf("stderr %q\nwant   %q", r.stderr, tc.line+"\n")
			}
		})
	}
}

// TestTenancyRefusalLines: the whole line kioskctl prints for tenancy
// refusals whose catalogue sentence kioskctl follows with its own hint.
func TestTenancyRefusalLines(t *testing.T) {
	t.Parallel()
	movein := func(unit, end string) []string {
		args := []string{"movein", "-unit", unit, "-company", "가나다", "-rep", "홍길동", "-phone", "010-1234-5678",
			"-start", "2027-03-01", "-rent", "0", "-fee", "0", "-deposit", "0", "-brn", "123-45-67891"}
		if end != "" {
			args = append(args, "-end", end)
		}
		return args
	}
	cases := []struct {
		name string
		args []string
		line string
	}{
		{"unknown unit", movein("Z9", ""),
			"그런 입주 공간이 없습니다(Z9). kioskctl units로 확인하세요. / No such unit (Z9). See kioskctl units."},
		{"longer than a term", movein("I05", "2028-03-01"),
			"한 번의 계약은 12개월까지입니다. 더 길게는 계약을 연장하세요. 연장은 kioskctl extend로 합니다. / " +
				"One contract lasts at most 12 months; a longer stay is an extension. Extend with kioskctl extend."},
		{"no such lease", []string{"extend", "-lease", "I05-20270301"},
			"그런 입주 계약이 없습니다(I05-20270301). / No such lease (I05-20270301)."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			f := newFixture(t)
			r := kc(t, f.dir, monday, tc.args...)
			checkRefusal(t, r)
			if r.stderr != tc.line+"\n" {
				t.Fatalf("stderr %q\nwant   %q", r.stderr, tc.line+"\n")
			}
		})
	}
}

func TestUnpaidPassIsRefusedAtCheckIn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// Booked at 10:00 for 14:00 the same day, not paid by the check-in window.
	id := bookID(t, dir, monday, "consulting", "2027-03-08T14:00", "2027-03-08T15:00")
	tok := token(t, dir, monday, id)
	before := auditEntries(t, dir, "2027-03-08T13:55")
	r := kc(t, dir, "2027-03-08T13:55", "checkin", "-token", tok)
	checkRefusal(t, r)
	if !strings.Contains(r.stderr, "not paid yet") {
		t.Fatalf("stderr %q", r.stderr)
	}
	if after := auditEntries(t, dir, "2027-03-08T13:55"); after != before {
		t.Fatalf("audit log %d -> %d entries", before, after)
	}
}

func TestHumanOutputMasksPersonalData(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	r := kc(t, dir, monday, "book", "-room", "seminar", "-from", "2027-03-13T10:00", "-to", "2027-03-13T12:00",
		"-name", "홍길동", "-phone", "01012345678", "-org", "새싹랩")
	if r.code != exitOK {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	for _, want := range []string{"010-****-5678", "홍**", "세미나실", "2027-03-13 10:00-12:00", "52,000원", "KRW 52,000", "(held)"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("human output lacks %q:\n%s", want, r.stdout)
		}
	}
	for _, leak := range []string{"1234", "길동", "새싹랩"} {
		if strings.Contains(r.stdout, leak) {
			t.Errorf("human output shows %q:\n%s", leak, r.stdout)
		}
	}
	if strings.HasPrefix(strings.TrimSpace(r.stdout), "{") {
		t.Errorf("JSON without -json: %s", r.stdout)
	}
}

func TestHumanOutputs(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	id := bookID(t, dir, monday, "meeting", "2027-03-10T10:00", "2027-03-10T12:00")
	steps := []struct {
		now  string
		args []string
		want []string
	}{
		{monday, []string{"rooms"}, []string{"seminar", "세미나실", "20,000원"}},
		{monday, []string{"units"}, []string{"I01", "창업보육실 1호", "vacant"}},
		{monday, []string{"pay", "-booking", id, "-method", "card"}, []string{"결제 완료", "paid " + id, "카드", "card"}},
		{monday, []string{"pass", "-booking", id}, []string{"출입 QR", "2027-03-10 09:50-10:15", "KP1"}},
		{monday, []string{"audit", "-verify"}, []string{"entries", "chain intact"}},
		{monday, []string{"cancel", "-booking", id}, []string{"취소 완료", "refund KRW 14,000"}},
	}
	for _, s := range steps {
		r := kc(t, dir, s.now, s.args...)
		if r.code != exitOK || r.stderr != "" {
			t.Fatalf("%v: exit %d, stderr %q", s.args, r.code, r.stderr)
		}
		for _, w := range s.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%v: output lacks %q:\n%s", s.args, w, r.stdout)
			}
		}
	}
}

func TestHelp(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"-h"}, {"book", "-h"}} {
		var out, errOut bytes.Buffer
		if code := run(args, &out, &errOut); code != exitOK || !strings.Contains(out.String(), "usage") {
			t.Fatalf("%v: exit %d, %q", args, code, out.String())
		}
	}
	var out bytes.Buffer
	run([]string{"book", "-h"}, &out, io.Discard)
	if !strings.Contains(out.String(), "consent") || !strings.Contains(out.String(), "동의") {
		t.Fatalf("book's help does not mention consent:\n%s", out.String())
	}
}

func TestParseTime(t *testing.T) {
	t.Parallel()
	good := map[string]time.Time{
		"2027-03-08T10:00": seoul.Date(2027, 3, 8, 10, 0),
		"2028-02-29T23:30": seoul.Date(2028, 2, 29, 23, 30),
	}
	for s, want := range good {
		got, err := parseTime("-from", s)
		if err != nil || !got.Equal(want) || got.Location() != seoul.Location {
			t.Errorf("%q: %v %v", s, got, err)
		}
	}
	for _, s := range []string{"", "2027-03-08", "2027-03-08T10:00:00", "2027-03-08T10:00Z",
		"2027-03-08T10:00+09:00", "2027-03-08T9:00", "2027-3-08T10:00", "2027-02-29T10:00",
		"2027-03-08T24:00", "2027-03-08T10:60", "2027-03-08 10:00", " 2027-03-08T10:00"} {
		var ue *usageError
		if _, err := parseTime("-from", s); !errors.As(err, &ue) {
			t.Errorf("%q: %v, want a usage error", s, err)
		}
	}
}

// An audit entry edited in the raw store opens (Open checks only the
// chain's end and that no entry is missing) and audit -verify reports it,
// exit 1 with the JSON; an entry removed leaves a gap, writes that may be
// lost, and the directory is refused as damaged before anything runs.
func TestAuditBrokenChain(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		tamper func(tx *store.Txn) error
		json   bool // audit -verify answers {"ok": false}; else the open refuses
	}{
		{"an entry edited", func(tx *store.Txn) error {
			raw, err := tx.GetRaw(store.Key("audit", uint64(2)))
			if err != nil {
				return err
			}
			return tx.PutRaw(store.Key("audit", uint64(2)), bytes.Replace(raw, []byte(`"action":"`), []byte(`"action":"x`), 1))
		}, true},
		{"an entry removed", func(tx *store.Txn) error { return tx.Delete(store.Key("audit", uint64(2))) }, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			bookID(t, dir, monday, "seminar", "2027-03-10T10:00", "2027-03-10T12:00")
			bookID(t, dir, monday, "seminar", "2027-03-11T10:00", "2027-03-11T12:00")
			db, err := store.Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			err = db.Update(store.ActorSystem, "tamper", c.tamper)
			_ = db.Close()
			if err != nil {
				t.Fatal(err)
			}
			r := kc(t, dir, monday, "-json", "audit", "-verify")
			if r.code != exitRefused || strings.Count(r.stderr, "\n") != 1 {
				t.Fatalf("exit %d, stderr %q; want 1 and one line", r.code, r.stderr)
			}
			checkBilingual(t, r.stderr)
			if !c.json {
				if r.stdout != "" || !strings.Contains(r.stderr, "audit log") {
					t.Fatalf("stdout %q, stderr %q; want the damaged directory's line naming the audit log", r.stdout, r.stderr)
				}
				return
			}
			m := object(t, decodeOne(t, r.stdout), "entries", "ok")
			if m["ok"] != false || m["entries"] != 1.0 {
				t.Fatalf("audit: %v", m)
			}
		})
	}
}

// TestHelperHoldDataDir is not a test: the child process of
// TestDataDirInUse runs it to hold a data directory open.
func TestHelperHoldDataDir(t *testing.T) {
	dir := os.Getenv("KIOSKCTL_HOLD_DIR")
	if dir == "" {
		t.Skip("helper process only")
	}
	db, err := store.Open(dir)
	if err != nil {
		fmt.Println("ERR", err)
		os.Exit(3)
	}
	fmt.Println("READY")
	_, _ = os.Stdin.Read(make([]byte, 1)) // hold until the parent closes stdin
	_ = db.Close()
	os.Exit(0)
}

func TestDataDirInUse(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	id := bookID(t, dir, monday, "seminar", "2027-03-10T10:00", "2027-03-10T12:00")

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldDataDir$")
	cmd.Env = append(os.Environ(), "KIOSKCTL_HOLD_DIR="+dir)
	stdin, _ := cmd.StdinPipe()
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := io.ReadFull(out, buf); err != nil || string(buf) != "READY" {
		_ = cmd.Process.Kill()
		t.Fatalf("helper did not get ready: %q %v", buf, err)
	}
	before, _ := os.ReadDir(dir)
	want := store.OpenMessage(dir, store.ErrInUse) + "\n"
	for _, args := range [][]string{{"rooms"}, {"-json", "pay", "-booking", id}, {"cancel", "-booking", id}} {
		r := kc(t, dir, monday, args...)
		checkRefusal(t, r)
		if r.stderr != want {
			t.Fatalf("%v: stderr %q, want %q", args, r.stderr, want)
		}
	}
	after, _ := os.ReadDir(dir)
	if len(before) != len(after) {
		t.Fatalf("the directory changed while in use: %d files, then %d", len(before), len(after))
	}
	_ = stdin.Close()
	if err := cmd.Wait(); err != nil {
		t.Fatalf("helper: %v", err)
	}
	// Once the kiosk is gone, the booking can be paid.
	if p := object(t, ok(t, dir, monday, "pay", "-booking", id), "id", "status"); p["status"] != "paid" {
		t.Fatalf("pay: %v", p)
	}
}

func TestNewDirectoryIsSetUp(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "new", "data")
	if n := len(ok(t, dir, "", "rooms").([]any)); n != 5 {
		t.Fatalf("%d rooms in a new directory", n)
	}
	if st, err := os.Stat(dir); err != nil || st.Mode().Perm() != 0o700 {
		t.Fatalf("data directory: %v %v", st, err)
	}
	// A usage error does not create a directory.
	other := filepath.Join(t.TempDir(), "untouched")
	if r := kc(t, other, monday, "frob"); r.code != exitUsage {
		t.Fatalf("exit %d", r.code)
	}
	if _, err := os.Stat(other); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a usage error created %s: %v", other, err)
	}
}

// A rehearsal with -now in the future must not move real bookings on: the
// paid booking is still cancellable (with its refund) at the real time.
func TestRehearsalClockChangesNothing(t *testing.T) {
	dir := t.TempDir()
	const now = "2027-03-08T10:00"
	id := bookID(t, dir, now, "seminar", "2027-03-09T10:00", "2027-03-09T12:00")
	ok(t, dir, now, "pay", "-booking", id)
	held := bookID(t, dir, now, "meeting", "2027-03-10T10:00", "2027-03-10T11:00")
	before := auditEntries(t, dir, now)
	for _, args := range [][]string{{"rooms"}, {"units"}, {"audit", "-verify"}, {"pay", "-booking", "ZZZZZZZZ"}} {
		kc(t, dir, "2027-03-12T18:00", args...)
	}
	if got := auditEntries(t, dir, now); got != before {
		t.Fatalf("a rehearsal wrote %d audit entries", got-before)
	}
	m := object(t, ok(t, dir, now, "cancel", "-booking", id), "id", "status", "refund")
	if m["status"] != "cancelled" || m["refund"].(float64) != 28000 {
		t.Fatalf("after a rehearsal: %v", m)
	}
	ok(t, dir, now, "pay", "-booking", held)
}

// TestFlagGivenTwice: a flag given twice, global or a command's, bool or
// not, with the same value or another, is a usage error (exit 2) naming
// the flag, and nothing is done.
func TestFlagGivenTwice(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data") // a usage error never opens it
	cases := [][]string{
		{"-json", "-json", "rooms"},
		{"-data", dir, "-data", dir, "rooms"},
		{"-now", monday, "-now", monday, "rooms"},
		{"book", "-room", "seminar", "-room", "meeting", "-from", "2027-03-10T10:00", "-to", "2027-03-10T11:00",
			"-name", "홍길동", "-phone", "010-1234-5678"},
		{"book", "-room", "seminar", "-from", "2027-03-10T10:00", "-to", "2027-03-10T11:00",
			"-name", "홍길동", "-name", "홍길동", "-phone", "010-1234-5678"},
		{"payment", "-unit", "I01", "-amount", "10", "-amount", "100000"},
	}
	for _, args := range cases {
		var out, errOut bytes.Buffer
		full := args
		if args[0] != "-data" {
			full = append([]string{"-data", dir}, args...)
		}
		code := run(full, &out, &errOut)
		twice := ""
		for i, a := range args {
			for _, b := range args[i+1:] {
				if a == b && strings.HasPrefix(a, "-") {
					twice = a
				}
			}
		}
		first, _, _ := strings.Cut(errOut.String(), "\n")
		if code != exitUsage || !strings.Contains(first, "flag "+twice+" given twice") || out.Len() != 0 {
			t.Errorf("%v: exit %d, stdout %q, first line %q; want exit %d naming %s", args, code, out.String(), first, exitUsage, twice)
		}
	}
	if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the data directory was touched: %v", err)
	}
}

// TestPassPNGReplacesASymlink: -png onto a symbolic link writes the PNG in
// the link's place and leaves the file it pointed to untouched.
func TestPassPNGReplacesASymlink(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	id := bookID(t, dir, monday, "seminar", "2027-03-10T10:00", "2027-03-10T12:00")
	victim := filepath.Join(t.TempDir(), "victim.txt")
	if err := os.WriteFile(victim, []byte("keep me"), 0o600); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "pass.png")
	if err := os.Symlink(victim, link); err != nil {
		t.Fatal(err)
	}
	ok(t, dir, monday, "pass", "-booking", id, "-png", link)
	if raw, err := os.ReadFile(victim); err != nil || string(raw) != "keep me" {
		t.Fatalf("the link's target was written: %q, %v", raw, err)
	}
	st, err := os.Lstat(link)
	if err != nil || !st.Mode().IsRegular() || st.Mode().Perm() != 0o600 {
		t.Fatalf("at the link's place: %v, %v; want a regular file, 0600", st.Mode(), err)
	}
	if raw, _ := os.ReadFile(link); !bytes.HasPrefix(raw, []byte("\x89PNG")) {
		t.Fatal("no PNG in the link's place")
	}
}
