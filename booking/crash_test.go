package booking

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/crashtest"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// The crash test runs this test binary again as a child that books without
// pause in a store on disk, and kills it with SIGKILL at random moments.
const (
	crashDirEnv  = "KIOSK_BOOKING_CRASH_DIR"
	crashSeedEnv = "KIOSK_BOOKING_CRASH_SEED"
)

// crashNow is the child's clock: it stands still, so every round books into
// the same 60 days.
var crashNow = seoul.Date(2026, 11, 26, 8, 0)

// TestCrashChild is the child of TestCrashRecovery; it does nothing in a
// normal run. It prints "READY" once the store is open, "BOOKED <id>" after
// Book returned, "PAID <id>" and "CANCELLED <id>" after those returned, and
// runs until it is killed (or for 30 s, should its parent have died).
func TestCrashChild(t *testing.T) {
	dir := os.Getenv(crashDirEnv)
	if dir == "" {
		t.Skip("only run as the child of TestCrashRecovery")
	}
	seed, _ := strconv.ParseUint(os.Getenv(crashSeedEnv), 10, 64)
	fail := func(format string, a ...any) {
		fmt.Printf("ERROR "+format+"\n", a...)
		os.Exit(3)
	}
	db, err := store.Open(dir)
	if err != nil {
		fail("open: %v", err)
	}
	svc := NewService(db, fixedClock(crashNow), nil)
	rooms, err := svc.Rooms()
	if err != nil || len(rooms) == 0 {
		fail("rooms: %d, %v", len(rooms), err)
	}
	fmt.Println("READY")
	rng := rand.New(rand.NewPCG(seed, 0x6b696f736b))
	var mine []string
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		switch op := rng.IntN(10); {
		case op == 0 && len(mine) > 0:
			id := mine[rng.IntN(len(mine))]
			if _, err := svc.CancelOwn(id, "5678"); err == nil {
				fmt.Println("CANCELLED", id)
			} else if !errors.Is(err, ErrNotCancel) {
				fail("cancel %s: %v", id, err)
			}
		case op == 1 && len(mine) > 0:
			id := mine[rng.IntN(len(mine))]
			if _, err := svc.Pay(manager(t, svc.db), id, PayCash); err == nil {
				fmt.Println("PAID", id)
			} else if !errors.Is(err, ErrNotPayable) {
				fail("pay %s: %v", id, err)
			}
		default:
			day := seoul.Midnight(crashNow).AddDate(0, 0, 1+rng.IntN(60))
			r := rooms[rng.IntN(len(rooms))]
			from := at(day, 9, 0).Add(time.Duration(rng.IntN(26)) * SlotLength)
			to := from.Add(time.Duration(2+rng.IntN(5)) * SlotLength)
			b, err := svc.Book(store.ActorVisitor, visitorReq(r.ID, from, to))
			switch {
			case err == nil:
				fmt.Println("BOOKED", b.ID)
				mine = append(mine, b.ID)
			case errors.Is(err, ErrTaken), errors.Is(err, ErrClosed):
			default:
				fail("book %s %v-%v: %v", r.ID, from, to, err)
			}
		}
	}
	_ = db.Close()
}

func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	dir := t.TempDir()
	// The parent seeds the rooms (and a cleaning buffer, so SlotsUntil
	// differs from To) before the first child.
	db, err := store.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		_, err := SeedRooms(tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	setRoom(t, db, "seminar", func(r *Room) { r.BufferMinutes = 30 })
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	rng := rand.New(rand.NewPCG(20261127, 9))
	booked := map[string]bool{}
	cancelled := map[string]bool{}
	paid := map[string]bool{}
	const rounds = 10
	for round := range rounds {
		delay := time.Duration(50+rng.IntN(351)) * time.Millisecond
		lines := runCrashChild(t, dir, rng.Uint64(), delay)
		n := 0
		for _, l := range lines {
			switch f := strings.Fields(l); {
			case len(f) == 2 && f[0] == "BOOKED":
				booked[f[1]] = true
				n++
			case len(f) == 2 && f[0] == "CANCELLED":
				cancelled[f[1]] = true
			case len(f) == 2 && f[0] == "PAID":
				paid[f[1]] = true
			}
		}
		t.Logf("round %d: killed after %v, %d bookings reported", round, delay, n)
		checkCrashStore(t, dir, booked, paid, cancelled)
		if t.Failed() {
			t.Fatalf("store inconsistent after round %d", round)
		}
	}
	if len(booked) == 0 {
		t.Fatal("no child ever reported a booking")
	}
}

// runCrashChild starts the child on dir, lets it book for delay after it
// reported READY, kills it and returns what it printed.
func runCrashChild(t *testing.T, dir string, seed uint64, delay time.Duration) []string {
	t.Helper()
	c := crashtest.Start(t, "TestCrashChild", crashDirEnv+"="+dir, fmt.Sprintf("%s=%d", crashSeedEnv, seed))
	if err := c.WaitForLine("READY"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(delay)
	if !c.Kill(t) {
		t.Fatalf("child ended before the kill: %q", c.Lines)
	}
	return c.Lines
}

// checkCrashStore reopens the store after a crash and checks that it is
// consistent with itself and with what the children reported.
func checkCrashStore(t *testing.T, dir string, booked, paid, cancelled map[string]bool) {
	t.Helper()
	db, err := store.Open(dir)
	if err != nil {
		t.Fatalf("reopen after the crash: %v", err)
	}
	defer db.Close()
	if _, err := db.VerifyAudit(); err != nil {
		t.Errorf("audit chain: %v", err)
	}
	all := map[string]Booking{}
	type slot struct {
		room string
		at   int64
	}
	slots := map[slot]string{}
	dayIndex := map[string]int64{} // booking id -> day of its index key
	err = db.View(func(tx *store.Txn) error {
		if err := tx.Scan(store.Prefix("booking"), func(k, v []byte) error {
			var b Booking
			if err := decode(v, &b); err != nil {
				return err
			}
			if string(k) != string(bookingKey(b.ID)) {
				return fmt.Errorf("booking %s stored under %q", b.ID, k)
			}
			all[b.ID] = b
			return nil
		}); err != nil {
			return err
		}
		if err := tx.Scan(store.Prefix("slot"), func(k, v []byte) error {
			rest := k[len("slot/"):]
			i := bytes.IndexByte(rest, '/')
			if i < 0 || len(rest) != i+1+8 {
				return fmt.Errorf("bad slot key %q", k)
			}
			room := string(rest[:i])
			slots[slot{room, store.Int64At(k, slotTimeOffset(room))}] = string(v)
			return nil
		}); err != nil {
			return err
		}
		off := len(store.Prefix("day", crashNow))
		return tx.Scan(store.Prefix("day"), func(k, _ []byte) error {
			if len(k) <= off {
				return fmt.Errorf("bad day key %q", k)
			}
			dayIndex[string(k[off:])] = store.Int64At(k, len("day/"))
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}

	// Every booking a child reported is stored, in the state it reported or
	// one its child could have moved it to before dying unreported (a kill
	// can fall between a commit and the line that tells of it).
	for id := range booked {
		b, ok := all[id]
		switch {
		case !ok:
			t.Errorf("booking %s was reported but is not stored", id)
		case cancelled[id] && b.Status != StatusCancelled:
			t.Errorf("booking %s was reported cancelled but is %s", id, b.Status)
		case paid[id] && (b.PaidAt.IsZero() || b.PayMethod != PayCash):
			t.Errorf("booking %s was reported paid but is %s, paid at %v", id, b.Status, b.PaidAt)
		case paid[id] && b.Status != StatusPaid && b.Status != StatusCancelled:
			t.Errorf("booking %s was reported paid but is %s", id, b.Status)
		case b.Status != StatusHeld && b.Status != StatusPaid && b.Status != StatusCancelled:
			t.Errorf("booking %s is %s, which the child never does", id, b.Status)
		}
	}
	// Every stored booking: its day index, and all of its slots or none.
	for id, b := range all {
		if day, ok := dayIndex[id]; !ok || day != seoul.Midnight(b.From).Unix() {
			t.Errorf("booking %s: day index %v, %v", id, day, ok)
		}
		held := 0
		for s := b.From; s.Before(b.SlotsUntil); s = s.Add(SlotLength) {
			if slots[slot{b.Room, s.Unix()}] == id {
				held++
			}
		}
		n := int(b.SlotsUntil.Sub(b.From) / SlotLength)
		if b.Status.HoldsSlots() && held != n {
			t.Errorf("booking %s (%s) holds %d of its %d slots", id, b.Status, held, n)
		}
		if !b.Status.HoldsSlots() && held != 0 {
			t.Errorf("booking %s (%s) still holds %d slots", id, b.Status, held)
		}
	}
	for id := range dayIndex {
		if _, ok := all[id]; !ok {
			t.Errorf("day index names booking %s, which is not stored", id)
		}
	}
	// Every slot key points at a booking that covers it and holds slots.
	for s, id := range slots {
		b, ok := all[id]
		ts := time.Unix(s.at, 0).In(seoul.Location)
		switch {
		case !ok:
			t.Errorf("slot %s %v -> %q: no such booking", s.room, ts, id)
		case b.Room != s.room || ts.Before(b.From) || !ts.Before(b.SlotsUntil):
			t.Errorf("slot %s %v -> booking %s in %s %v-%v, which does not cover it", s.room, ts, id, b.Room, b.From, b.SlotsUntil)
		case !b.Status.HoldsSlots():
			t.Errorf("slot %s %v -> booking %s, which is %s", s.room, ts, id, b.Status)
		}
	}
	// No two active bookings of a room overlap.
	byRoom := map[string][]Booking{}
	for _, b := range all {
		if b.Status.HoldsSlots() {
			byRoom[b.Room] = append(byRoom[b.Room], b)
		}
	}
	for room, bs := range byRoom {
		sortByStart(bs)
		for i := 1; i < len(bs); i++ {
			if bs[i].From.Before(bs[i-1].SlotsUntil) {
				t.Errorf("%s: bookings %s (%v-%v) and %s (%v-%v) overlap", room,
					bs[i-1].ID, bs[i-1].From, bs[i-1].SlotsUntil, bs[i].ID, bs[i].From, bs[i].SlotsUntil)
			}
		}
	}
}
