package booking

import (
	"bytes"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// paidPass books meeting on friday 10:00-11:00 (made the day before), pays
// it and returns it with its pass.
func paidPass(t *testing.T) (*Service, *store.DB, *mockClock, Booking, string) {
	t.Helper()
	svc, db, clk := newClockedService(t, thursdayMorning)
	b := mustPay(t, svc, mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 11, 0)).ID)
	tok, err := svc.PassToken(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	return svc, db, clk, b, tok
}

func TestCheckInHappyPath(t *testing.T) {
	cases := []struct {
		name    string
		now     time.Time
		scanner string
		edit    func(string) string
	}{
		{"at the room, 5 minutes early", at(friday, 9, 55), "meeting", nil},
		{"first minute of the window", at(friday, 9, 50), "meeting", nil},
		{"last minute of the window", at(friday, 10, 15), "meeting", nil},
		{"front desk takes any room", at(friday, 10, 5), "", nil},
		{"scanner adds CR LF", at(friday, 10, 0), "meeting", func(s string) string { return s + "\r\n" }},
		{"caps lock typed lower case", at(friday, 10, 0), "meeting", strings.ToLower},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db, clk, b, tok := paidPass(t)
			if len(tok) < pass.MinLen || len(tok) > pass.MaxLen {
				t.Fatalf("token %q", tok)
			}
			if c.edit != nil {
				tok = c.edit(tok)
			}
			clk.Set(c.now)
			audits := auditCount(t, db)
			got, err := svc.CheckIn(manager(t, svc.db), tok, c.scanner)
			if err != nil {
				t.Fatal(err)
			}
			stored := mustGet(t, svc, b.ID)
			for _, x := range []Booking{got, stored} {
				if x.ID != b.ID || x.Status != StatusCheckedIn || !x.CheckedInAt.Equal(c.now) {
					t.Errorf("checked-in booking %s %s at %v", x.ID, x.Status, x.CheckedInAt)
				}
			}
			if n := auditCount(t, db); n != audits+1 {
				t.Errorf("audit entries %d -> %d", audits, n)
			}
			checkSlots(t, db, "meeting", b.From, b.To, b.ID)
		})
	}
}

func TestPassToken(t *testing.T) {
	svc, _, _, b, tok := paidPass(t)
	c, err := testKeys(t).Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	if c.BookingID != b.ID || c.Room != "meeting" || !c.ValidFrom.Equal(at(friday, 9, 50)) || !c.ValidTo.Equal(at(friday, 10, 15)) {
		t.Errorf("claims %+v", c)
	}
	if _, err := svc.PassToken("ZZZZZZZZ"); !errors.Is(err, ErrNotFound) {
		t.Errorf("PassToken unknown: %v", err)
	}
	// A held booking has a pass (it is refused as unpaid at the door); a
	// cancelled one has none.
	h := mustBook(t, svc, "meeting", at(friday, 12, 0), at(friday, 13, 0))
	if _, err := svc.PassToken(h.ID); err != nil {
		t.Errorf("PassToken of a held booking: %v", err)
	}
	if _, err := svc.CancelOwn(h.ID, "5678"); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.PassToken(h.ID); !errors.Is(err, ErrNoPass) {
		t.Errorf("PassToken of a cancelled booking: %v, want ErrNoPass", err)
	}
	nokeys := NewService(svc.db, svc.now, nil)
	if _, err := nokeys.PassToken(b.ID); !errors.Is(err, ErrNoPasses) {
		t.Errorf("PassToken without keys: %v, want ErrNoPasses", err)
	}
	if _, err := nokeys.CheckIn(manager(t, nokeys.db), tok, ""); !errors.Is(err, ErrNoPasses) {
		t.Errorf("CheckIn without keys: %v, want ErrNoPasses", err)
	}
}

// tokenAlphabet holds the characters valid both in booking ids and in the
// base32 fields, so a flipped character keeps the token well formed.
const tokenAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

func TestCheckInRefusals(t *testing.T) {
	otherSameID, err := pass.NewMemoryKeyring(map[uint8][]byte{1: bytes.Repeat([]byte{8}, 32)}, 1)
	if err != nil {
		t.Fatal(err)
	}
	otherID, err := pass.NewMemoryKeyring(map[uint8][]byte{2: bytes.Repeat([]byte{7}, 32)}, 2)
	if err != nil {
		t.Fatal(err)
	}
	resign := func(k *pass.Keyring, edit func(*pass.Claims)) func(*testing.T, *Service, *mockClock, Booking, string) string {
		return func(t *testing.T, svc *Service, clk *mockClock, b Booking, tok string) string {
			c, err := testKeys(t).Verify(tok)
			if err != nil {
				t.Fatal(err)
			}
			if edit != nil {
				edit(&c)
			}
			out, err := k.Sign(c)
			if err != nil {
				t.Fatal(err)
			}
			return out
		}
	}
	own := func(*testing.T, *Service, *mockClock, Booking, string) string { return "" }
	cases := []struct {
		name    string
		now     time.Time
		scanner string
		// prepare may change the store and returns the token to scan
		// ("" for the booking's own).
		prepare func(t *testing.T, svc *Service, clk *mockClock, b Booking, tok string) string
		want    error
	}{
		{"signed with another key, same key id", at(friday, 9, 55), "meeting", resign(otherSameID, nil), ErrPassForged},
		{"signed with another key id", at(friday, 9, 55), "meeting", resign(otherID, nil), ErrPassForged},
		{"genuine, for a booking the store lacks", at(friday, 9, 55), "meeting",
			resign(testKeys(t), func(c *pass.Claims) { c.BookingID = "ZZZZ2345" }), ErrPassForged},
		{"genuine, naming another room", at(friday, 9, 55), "",
			resign(testKeys(t), func(c *pass.Claims) { c.Room = "seminar" }), ErrPassForged},
		{"garbage", at(friday, 9, 55), "meeting", func(*testing.T, *Service, *mockClock, Booking, string) string { return "hello" }, ErrPassForged},
		{"empty", at(friday, 9, 55), "meeting", func(*testing.T, *Service, *mockClock, Booking, string) string { return " " }, ErrPassForged},
		{"truncated", at(friday, 9, 55), "meeting", func(_ *testing.T, _ *Service, _ *mockClock, _ Booking, tok string) string { return tok[:len(tok)-1] }, ErrPassForged},
		{"too early", at(friday, 9, 49), "meeting", own, ErrPassTooEarly},
		{"the day before", at(thursdayMorning, 10, 0), "meeting", own, ErrPassTooEarly},
		{"expired", at(friday, 10, 16), "meeting", own, ErrPassExpired},
		{"the day after", at(saturday, 10, 0), "meeting", own, ErrPassExpired},
		{"wrong room", at(friday, 9, 55), "seminar", own, ErrPassWrongRoom},
		{"cancelled", at(friday, 9, 55), "meeting", func(t *testing.T, svc *Service, clk *mockClock, b Booking, _ string) string {
			if _, err := svc.CancelOwn(b.ID, "5678"); err != nil {
				t.Fatal(err)
			}
			return ""
		}, ErrPassCancelled},
		{"already used", at(friday, 10, 5), "meeting", func(t *testing.T, svc *Service, clk *mockClock, b Booking, tok string) string {
			clk.Set(at(friday, 9, 55))
			if _, err := svc.CheckIn(manager(t, svc.db), tok, "meeting"); err != nil {
				t.Fatal(err)
			}
			return ""
		}, ErrPassUsed},
		{"already used, at the front desk", at(friday, 10, 5), "", func(t *testing.T, svc *Service, clk *mockClock, b Booking, tok string) string {
			clk.Set(at(friday, 9, 55))
			if _, err := svc.CheckIn(manager(t, svc.db), tok, "meeting"); err != nil {
				t.Fatal(err)
			}
			return ""
		}, ErrPassUsed},
		{"swept as a no-show", at(friday, 10, 15), "meeting", func(t *testing.T, svc *Service, clk *mockClock, b Booking, tok string) string {
			clk.Set(at(friday, 10, 16))
			if r, err := svc.Sweep(store.ActorSystem); err != nil || r.NoShows != 1 {
				t.Fatalf("Sweep = %+v, %v", r, err)
			}
			return ""
		}, ErrPassExpired},
		{"unpaid", at(friday, 11, 55), "meeting", func(t *testing.T, svc *Service, clk *mockClock, b Booking, tok string) string {
			clk.Set(at(friday, 11, 0)) // held until its start at 12:00
			h := mustBook(t, svc, "meeting", at(friday, 12, 0), at(friday, 13, 0))
			unpaid, err := svc.PassToken(h.ID)
			if err != nil {
				t.Fatal(err)
			}
			return unpaid
		}, ErrPassUnpaid},
		{"window narrowed after the pass was issued", at(friday, 10, 12), "meeting", func(t *testing.T, svc *Service, clk *mockClock, b Booking, tok string) string {
			if err := svc.UpdateSettings(manager(t, svc.db), func(s *Settings) { s.CheckInAfter = 10 }); err != nil {
				t.Fatal(err)
			}
			return ""
		}, ErrPassExpired},
		{"window widened: the pass keeps its own", at(friday, 9, 40), "meeting", func(t *testing.T, svc *Service, clk *mockClock, b Booking, tok string) string {
			if err := svc.UpdateSettings(manager(t, svc.db), func(s *Settings) { s.CheckInBefore = 30 }); err != nil {
				t.Fatal(err)
			}
			return ""
		}, ErrPassTooEarly},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db, clk, b, tok := paidPass(t)
			if got := c.prepare(t, svc, clk, b, tok); got != "" {
				tok = got
			}
			clk.Set(c.now)
			before := snapshot(t, svc, db)
			got, err := svc.CheckIn(manager(t, svc.db), tok, c.scanner)
			if !errors.Is(err, c.want) {
				t.Fatalf("CheckIn err = %v, want %v", err, c.want)
			}
			worded(t, err)
			if got != (Booking{}) {
				t.Errorf("refused CheckIn returned %+v", got)
			}
			if after := snapshot(t, svc, db); after != before {
				t.Errorf("refused CheckIn changed the store:\n before %s\n after  %s", before, after)
			}
		})
	}

	t.Run("every flipped character", func(t *testing.T) {
		svc, db, clk, b, tok := paidPass(t)
		clk.Set(at(friday, 9, 55))
		before := snapshot(t, svc, db)
		for i := 3; i < len(tok); i++ {
			for _, r := range tokenAlphabet {
				if byte(r) == tok[i] {
					continue
				}
				forged := tok[:i] + string(r) + tok[i+1:]
				_, err := svc.CheckIn(manager(t, svc.db), forged, "")
				if !errors.Is(err, ErrPassForged) {
					t.Fatalf("character %d changed to %c: %v, want ErrPassForged", i, r, err)
				}
				if i >= len(tok)-26 && i < len(tok)-1 && !strings.Contains(err.Error(), pass.ErrForged.Error()) {
					t.Errorf("MAC character %d changed: %v, want the MAC check to refuse it", i, err)
				}
				break
			}
		}
		if after := snapshot(t, svc, db); after != before {
			t.Errorf("forged passes changed the store")
		}
		if got, err := svc.CheckIn(manager(t, svc.db), tok, "meeting"); err != nil || got.ID != b.ID {
			t.Errorf("the genuine pass after the forgeries: %v", err)
		}
	})
}

// snapshot sums up what a refused call must not change: the audit log
// length and every booking's status.
func snapshot(t *testing.T, svc *Service, db *store.DB) string {
	t.Helper()
	var sb strings.Builder
	sb.WriteString("audit=")
	sb.WriteString(strings.Repeat("|", auditCount(t, db)))
	if err := db.View(func(tx *store.Txn) error {
		return tx.Scan(store.Prefix("booking"), func(_, v []byte) error {
			var b Booking
			if err := decode(v, &b); err != nil {
				return err
			}
			sb.WriteString(" " + b.ID + ":" + string(b.Status))
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

func TestCheckInConcurrent(t *testing.T) {
	db, err := store.Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := SeedRooms(tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	clk := newMockClock(thursdayMorning)
	svc := NewService(db, clk.Now, testKeys(t))
	b := mustPay(t, svc, mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 11, 0)).ID)
	tok, err := svc.PassToken(b.ID)
	if err != nil {
		t.Fatal(err)
	}
	clk.Set(at(friday, 9, 58))
	audits := auditCount(t, db)

	const scanners = 16
	errs := make([]error, scanners)
	start := make(chan struct{})
	var wg sync.WaitGroup
	for i := range scanners {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			room := "meeting"
			if i%2 == 1 {
				room = "" // the front desk scans the same pass at once
			}
			_, errs[i] = svc.CheckIn(manager(t, svc.db), tok, room)
		}()
	}
	close(start)
	wg.Wait()
	ok, used := 0, 0
	for i, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, ErrPassUsed):
			used++
		default:
			t.Errorf("scanner %d: %v", i, err)
		}
	}
	if ok != 1 || used != scanners-1 {
		t.Fatalf("%d check-ins succeeded and %d were refused as used; want 1 and %d", ok, used, scanners-1)
	}
	if n := auditCount(t, db); n != audits+1 {
		t.Errorf("audit entries %d -> %d, want one check-in", audits, n)
	}
	if got := mustGet(t, svc, b.ID); got.Status != StatusCheckedIn || !got.CheckedInAt.Equal(at(friday, 9, 58)) {
		t.Errorf("booking %s at %v", got.Status, got.CheckedInAt)
	}
	if _, err := db.VerifyAudit(); err != nil {
		t.Error(err)
	}
}

// TestLapsedReadsLapsedEverywhere: an unpaid hold past its hold time is
// lapsed to Pay, to PassToken and to CheckIn (with a pass issued while it
// was held, scanned in its window), whether or not the sweep has stored
// the lapse yet.
func TestLapsedReadsLapsedEverywhere(t *testing.T) {
	for _, swept := range []bool{false, true} {
		start := seoul.Date(2026, 11, 26, 9, 0) // Thursday
		svc, _, clk := newClockedService(t, start)
		day := start.AddDate(0, 0, 1) // Friday: the hold lapses before the booking starts
		b := mustBook(t, svc, "meeting", at(day, 10, 0), at(day, 11, 0))
		tok, err := svc.PassToken(b.ID)
		if err != nil {
			t.Fatal(err)
		}
		clk.Set(at(day, 9, 55)) // 24 h 55 min later: lapsed, and inside the check-in window
		if swept {
			if _, err := svc.Sweep(ActorSystem); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := svc.Pay(store.ActorCLI, b.ID, PayCash); !errors.Is(err, ErrLapsed) {
			t.Errorf("swept=%v: Pay: %v, want lapsed", swept, err)
		}
		if _, err := svc.PassToken(b.ID); !errors.Is(err, ErrLapsed) {
			t.Errorf("swept=%v: PassToken: %v, want lapsed", swept, err)
		}
		if _, err := svc.CheckIn(ActorVisitor, tok, "meeting"); !errors.Is(err, ErrLapsed) {
			t.Errorf("swept=%v: CheckIn: %v, want lapsed", swept, err)
		}
	}
}
