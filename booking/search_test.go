package booking

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/unicode/norm"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// searchFixture is a store of visitors' bookings around friday (today,
// 2026-11-27 08:00) for Find: the search window runs from 2026-10-28 (30
// days back) to 2027-01-26 (60 days ahead, the last bookable day).
type searchFixture struct {
	svc *Service
	db  *store.DB
	clk *mockClock
	// The bookings, by what they are for.
	edgeOut, edgeIn, smith, kim, kimj, jane, garam, last, block, rawBlock Booking
}

func newSearchFixture(tb testing.TB) *searchFixture {
	tb.Helper()
	db, err := store.OpenInMemory()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { _ = db.Close() })
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := SeedRooms(tx)
		return err
	}); err != nil {
		tb.Fatal(err)
	}
	manager(tb, db)
	today := at(friday, 8, 0)
	clk := newMockClock(today)
	svc := NewService(db, clk.Now, nil)
	f := &searchFixture{svc: svc, db: db, clk: clk}
	book := func(room string, day time.Time, hh int, name, phone string) Booking {
		tb.Helper()
		clk.Set(at(day, 8, 0).Add(-time.Hour))
		if day.After(today) {
			clk.Set(today)
		}
		b, err := svc.Book(store.ActorVisitor, Request{Room: room, From: at(day, hh, 0), To: at(day, hh+1, 0),
			Name: name, Phone: phone, Consent: true})
		if err != nil {
			tb.Fatalf("Book %s %s: %v", room, day.Format("2006-01-02"), err)
		}
		return b
	}
	// Past bookings are made on their own day, then the clock comes back.
	f.edgeOut = book("meeting", seoul.Date(2026, 10, 27, 0, 0), 10, "박서준", "010-7777-8888")
	f.edgeIn = book("meeting", seoul.Date(2026, 10, 28, 0, 0), 10, "박서준", "010-7777-8888")
	f.smith = book("seminar", friday, 14, "John Smith", "010-4444-5678")
	f.kim = book("meeting", seoul.Date(2026, 11, 30, 0, 0), 10, "김민수", "010-2222-1111")
	f.kimj = book("meeting", seoul.Date(2026, 12, 1, 0, 0), 10, "김민지", "010-3333-1111")
	f.jane = book("consulting", seoul.Date(2026, 12, 2, 0, 0), 10, "Jane SMITH", "011-555-1234")
	// Stored decomposed (NFD), as some keyboards send it.
	f.garam = book("seminar", seoul.Date(2026, 12, 2, 0, 0), 13, norm.NFD.String("한가람"), "010-6666-9234")
	f.last = book("meeting", seoul.Date(2027, 1, 26, 0, 0), 10, "Kate Matthews", "010-5555-4321")
	clk.Set(today)
	thursday := seoul.Date(2026, 12, 3, 0, 0)
	if f.block, err = svc.Block(manager(tb, db), "meeting", at(thursday, 9, 0), at(thursday, 12, 0), "보수 공사"); err != nil {
		tb.Fatal(err)
	}
	// A block record carrying a visitor's details and an old-style empty
	// day-index value (so the flags cannot skip it): it must still never
	// match a phone or a name.
	f.rawBlock = Booking{ID: "BBBBBBBB", Room: "meeting", From: at(thursday, 14, 0), To: at(thursday, 15, 0),
		SlotsUntil: at(thursday, 15, 0), Status: StatusBlocked, Block: true, Reason: "test",
		Name: "김민수", Phone: "010-2222-1111", CreatedAt: today}
	if err := db.Update(manager(tb, db), "test.raw_block", func(tx *store.Txn) error {
		if err := tx.PutRaw(dayIndexKey(f.rawBlock.From, f.rawBlock.ID), nil); err != nil {
			return err
		}
		return tx.Put(bookingKey(f.rawBlock.ID), f.rawBlock)
	}); err != nil {
		tb.Fatal(err)
	}
	return f
}

func ids(bs []Booking) []string {
	out := make([]string, len(bs))
	for i, b := range bs {
		out[i] = b.ID
	}
	return out
}

func TestFind(t *testing.T) {
	f := newSearchFixture(t)
	kimSpaced := strings.ToLower(f.kim.ID[:4] + " " + f.kim.ID[4:])
	cases := []struct {
		name  string
		query string
		limit int
		want  []Booking
	}{
		{"code", f.kim.ID, 10, []Booking{f.kim}},
		{"code lower case", strings.ToLower(f.kim.ID), 10, []Booking{f.kim}},
		{"code spaced as printed", kimSpaced, 10, []Booking{f.kim}},
		{"code hyphenated, padded", "  " + f.kim.ID[:4] + "-" + f.kim.ID[4:] + " ", 10, []Booking{f.kim}},
		// A code is read directly, whatever its date: not a window search.
		{"code of a booking outside the window", f.edgeOut.ID, 10, []Booking{f.edgeOut}},
		{"code of a block", f.block.ID, 10, []Booking{f.block}},
		{"unknown code", "ZZZZ ZZZZ", 10, nil},

		{"phone last 4, newest first", "1111", 10, []Booking{f.kimj, f.kim}},
		{"phone full", "01022221111", 10, []Booking{f.kim}},
		{"phone hyphenated", "010-2222-1111", 10, []Booking{f.kim}},
		{"phone spaced", "010 2222 1111", 10, []Booking{f.kim}},
		{"phone last 8 hyphenated", "2222-1111", 10, []Booking{f.kim}},
		{"phone of 10 digits", "0115551234", 10, []Booking{f.jane}},
		{"phone middle digits do not match", "2222", 10, nil},
		{"phone of 12 digits", "010222211110", 10, nil},
		{"phone 3 digits is too few", "111", 10, nil},
		// 10-27 is 31 days back: the window starts at 10-28. The same
		// visitor's 10-28 booking is found, the older one only by its code.
		{"phone, first day of the window in, the day before out", "8888", 10, []Booking{f.edgeIn}},
		{"phone on the last bookable day", "4321", 10, []Booking{f.last}},

		{"Korean fragment", "김민", 10, []Booking{f.kimj, f.kim}},
		{"Korean given name", "민수", 10, []Booking{f.kim}},
		{"Korean full name", "김민수", 10, []Booking{f.kim}},
		{"Korean name, first day of the window", "서준", 10, []Booking{f.edgeIn}},
		{"English, case-insensitive", "smith", 10, []Booking{f.jane, f.smith}},
		{"English upper case", "SMITH", 10, []Booking{f.jane, f.smith}},
		{"English first name", "john", 10, []Booking{f.smith}},
		{"English with loose spaces", "  jane   smith ", 10, []Booking{f.jane}},
		{"NFC query, NFD name stored", "가람", 10, []Booking{f.garam}},
		{"NFD query", norm.NFD.String("한가람"), 10, []Booking{f.garam}},
		// Code-shaped but no such booking: searched as a name, a phone.
		{"8-letter name shaped like a code", "matthews", 10, []Booking{f.last}},
		{"8 phone digits shaped like a code", "6666 9234", 10, []Booking{f.garam}},

		// White space around the query is dropped, a scanner's Enter too.
		{"trailing Enter", "김민수\r\n", 10, []Booking{f.kim}},
		{"tab inside digits", "2222\t1111", 10, []Booking{f.kim}},

		{"no match, name", "최영희", 10, nil},
		{"no match, phone", "9999", 10, nil},
		{"limit", "1111", 1, []Booking{f.kimj}},
		{"limit 0 means FindLimit", "smith", 0, []Booking{f.jane, f.smith}},
		// The block's reason is not a visitor's name; the raw block with a
		// visitor's details is left out of "1111" and "김민수" above.
		{"block reason", "공사", 10, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := f.svc.Find(c.query, c.limit)
			if err != nil {
				t.Fatalf("Find(%q): %v", c.query, err)
			}
			if fmt.Sprint(ids(got)) != fmt.Sprint(ids(c.want)) {
				t.Fatalf("Find(%q) = %v, want %v", c.query, ids(got), ids(c.want))
			}
			for i, b := range got {
				if b.Phone != MaskPhone(c.want[i].Phone) {
					t.Errorf("%s: phone %q, want it masked: %q", b.ID, b.Phone, MaskPhone(c.want[i].Phone))
				}
				if b.Name != c.want[i].Name || !b.From.Equal(c.want[i].From) {
					t.Errorf("%s: %+v, want %+v", b.ID, b, c.want[i])
				}
			}
		})
	}
}

func TestFindNewestFirst(t *testing.T) {
	svc, _, _ := newClockedService(t, at(friday, 8, 0))
	// Seven bookings of one visitor, made out of order, two at the same
	// hour in different rooms.
	monday := friday.AddDate(0, 0, 3)
	var made []Booking
	for _, s := range []struct {
		room string
		day  time.Time
		hh   int
	}{
		{"meeting", monday, 15}, {"seminar", friday, 10}, {"meeting", monday.AddDate(0, 0, 7), 9},
		{"seminar", monday, 15}, {"meeting", friday, 18}, {"consulting", monday.AddDate(0, 0, 2), 12},
		{"investment", saturday, 10},
	} {
		made = append(made, mustBook(t, svc, s.room, at(s.day, s.hh, 0), at(s.day, s.hh+1, 0)))
	}
	all, err := svc.Find("5678", 0)
	if err != nil || len(all) != len(made) {
		t.Fatalf("Find: %d results, %v; want %d", len(all), err, len(made))
	}
	for i := 1; i < len(all); i++ {
		a, b := all[i-1], all[i]
		if a.From.Before(b.From) || (a.From.Equal(b.From) && a.Room > b.Room) {
			t.Fatalf("not newest first at %d: %v %s then %v %s", i, a.From, a.Room, b.From, b.Room)
		}
	}
	if all[0].ID != made[2].ID {
		t.Fatalf("newest is %s, want %s", all[0].ID, made[2].ID)
	}
	top, err := svc.Find("홍길", 3)
	if err != nil || fmt.Sprint(ids(top)) != fmt.Sprint(ids(all[:3])) {
		t.Fatalf("limit 3: %v, %v; want %v", ids(top), err, ids(all[:3]))
	}
}

func TestFindSkipsPurged(t *testing.T) {
	svc, _, clk := newClockedService(t, at(friday, 8, 0))
	req := visitorReq("meeting", at(friday, 10, 0).AddDate(0, 0, 3), at(friday, 11, 0).AddDate(0, 0, 3))
	req.Name, req.Phone = "최유리", "010-9999-3456"
	b, err := svc.Book(store.ActorVisitor, req)
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"유리", "3456", "010-9999-3456"}
	for _, q := range queries {
		if got, err := svc.Find(q, 10); err != nil || len(got) != 1 {
			t.Fatalf("before the purge Find(%q) = %v, %v", q, ids(got), err)
		}
	}
	clk.Set(at(friday, 9, 0).AddDate(0, 0, 400))
	if n, err := svc.Purge(store.ActorSystem); err != nil || n != 1 {
		t.Fatalf("purge: %d, %v", n, err)
	}
	// Purge only reaches days before the window (RetentionDays is at least
	// 30), so the clock goes back to put the purged booking in the window
	// again: what was destroyed must not match.
	clk.Set(at(friday, 8, 0))
	for _, q := range queries {
		if got, err := svc.Find(q, 10); err != nil || len(got) != 0 {
			t.Fatalf("after the purge Find(%q) = %v, %v; want nothing", q, ids(got), err)
		}
	}
	// The code is not personal data: the booking is still found by it.
	got, err := svc.Find(b.ID, 10)
	if err != nil || len(got) != 1 || got[0].Name != "" || got[0].Phone != "" || got[0].PurgedAt.IsZero() {
		t.Fatalf("by code after the purge: %+v, %v", got, err)
	}
}

func TestFindBadInput(t *testing.T) {
	f := newSearchFixture(t)
	for _, q := range []string{
		"", " ", "\t\n", "김", "a", "-", "1", "111",
		strings.Repeat("가", 200), strings.Repeat("a", 200), strings.Repeat("1", 200),
		strings.Repeat("김민수", 11), // 33 characters: longer than any name
		"김\x00민", "11\x0011", "\x1b[2J", "김\u200b민", "\u202e김민", "\xff\xfe", "김\xff민",
		"!!", "...", "--", "---- ----",
	} {
		t.Run(fmt.Sprintf("%.12q", q), func(t *testing.T) {
			got, err := f.svc.Find(q, 10)
			if err != nil || len(got) != 0 {
				t.Fatalf("Find(%q) = %v, %v; want nothing", q, ids(got), err)
			}
		})
	}
}

func TestRevealPhone(t *testing.T) {
	f := newSearchFixture(t)
	kim := manager(t, f.db)
	before := f.db.AuditLen()
	phone, err := f.svc.RevealPhone(kim, strings.ToLower(f.kim.ID[:4]+" "+f.kim.ID[4:]))
	if err != nil || phone != "010-2222-1111" {
		t.Fatalf("RevealPhone: %q, %v", phone, err)
	}
	log, err := f.db.AuditLog(uint64(before), 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(log) != 1 {
		t.Fatalf("%d audit entries, want 1: %+v", len(log), log)
	}
	e := log[0]
	raw, _ := json.Marshal(e)
	if e.Action != "booking.reveal_phone" || e.Actor != kim || !strings.Contains(strings.Join(e.Notes, " "), f.kim.ID) {
		t.Fatalf("audit entry %s", raw)
	}
	for _, p := range []string{"010-2222-1111", "01022221111", "2222-1111", "김민수"} {
		if strings.Contains(string(raw), p) {
			t.Fatalf("audit entry holds personal data %q: %s", p, raw)
		}
	}
	if _, err := f.db.VerifyAudit(); err != nil {
		t.Fatal(err)
	}

	// Unknown: ErrNotFound, nothing audited; nor is the raw input noted.
	for _, id := range []string{"ZZZZZZZZ", "", "010-2222-1111", "booking/x"} {
		if _, err := f.svc.RevealPhone(kim, id); !errors.Is(err, ErrNotFound) {
			t.Fatalf("RevealPhone(%q): %v, want ErrNotFound", id, err)
		}
	}
	if n := f.db.AuditLen(); n != before+1 {
		t.Fatalf("audit grew to %d after failed reveals, want %d", n, before+1)
	}

	// A block has no phone: "" and the look is still recorded.
	if p, err := f.svc.RevealPhone(kim, f.block.ID); err != nil || p != "" {
		t.Fatalf("block: %q, %v", p, err)
	}
	if n := f.db.AuditLen(); n != before+2 {
		t.Fatalf("audit %d, want %d", n, before+2)
	}
}

// FuzzFind: no query panics, and every result answers the query: it is the
// booking of that code, or a visitor's booking whose phone ends in the
// query's digits, or whose name contains the query.
func FuzzFind(f *testing.F) {
	fx := newSearchFixture(f)
	for _, s := range []string{fx.kim.ID, strings.ToLower(fx.jane.ID[:4] + " " + fx.jane.ID[4:]), "1111", "010-2222-1111",
		"0115551234", "김민", "smith", "가람", norm.NFD.String("가람"), "", "김", "\x00", "\xff", "6666 9234", "Matthews"} {
		f.Add(s, 5)
	}
	full := map[string]Booking{}
	for _, b := range []Booking{fx.edgeOut, fx.edgeIn, fx.smith, fx.kim, fx.kimj, fx.jane, fx.garam, fx.last, fx.block, fx.rawBlock} {
		full[b.ID] = b
	}
	f.Fuzz(func(t *testing.T, q string, limit int) {
		got, err := fx.svc.Find(q, limit)
		if err != nil {
			t.Fatalf("Find(%q): %v", q, err)
		}
		max := limit
		if max <= 0 || max > FindLimit {
			max = FindLimit
		}
		if len(got) > max {
			t.Fatalf("Find(%q, %d): %d results", q, limit, len(got))
		}
		code := strings.ToUpper(strings.ReplaceAll(strings.Join(strings.Fields(q), ""), "-", ""))
		var digits []byte
		for _, r := range q {
			if r >= '0' && r <= '9' {
				digits = append(digits, byte(r))
			}
		}
		frag := strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(q)), " "))
		for i, r := range got {
			b, ok := full[r.ID]
			if !ok {
				t.Fatalf("Find(%q) gave %s, not in the store", q, r.ID)
			}
			if i > 0 && got[i-1].From.Before(r.From) {
				t.Fatalf("Find(%q): not newest first", q)
			}
			if r.Phone != MaskPhone(b.Phone) {
				t.Fatalf("Find(%q): phone of %s not masked: %q", q, r.ID, r.Phone)
			}
			if b.ID == code {
				continue
			}
			if b.Block {
				t.Fatalf("Find(%q) gave the block %s", q, b.ID)
			}
			pd := strings.ReplaceAll(b.Phone, "-", "")
			if len(digits) >= 4 && strings.HasSuffix(pd, string(digits)) {
				continue
			}
			if frag != "" && strings.Contains(strings.ToLower(norm.NFC.String(b.Name)), frag) {
				continue
			}
			t.Fatalf("Find(%q) gave %s (%s, %s), which does not answer it", q, b.ID, b.Name, b.Phone)
		}
	})
}
