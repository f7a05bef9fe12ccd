package ui

import (
	"fmt"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/crashtest"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// The kill test runs this test binary again as a kiosk on a data directory
// on disk, where a visitor books room after room with taps, and kills it
// with SIGKILL at random moments.
const (
	killDirEnv   = "KIOSK_UI_KILL_DIR"
	killRoundEnv = "KIOSK_UI_KILL_ROUND"
)

// killBase is the first round's clock; each round books 30 days later, so
// no round finds its slots taken by an earlier one.
var killBase = seoul.Date(2026, 12, 1, 9, 0)

func killClock(round int) time.Time { return killBase.AddDate(0, 0, 30*round) }

// killTimes are the starts a visitor taps, two hours each, on every open
// day of the first page of days.
var killTimes = []string{"10:00", "13:00", "16:00"}

// TestKioskKillChild is the kiosk of TestKioskKilledDuringWrites; it
// does nothing in a normal run. It prints "READY" once the kiosk is up,
// "BOOKED <id>" once the pass screen shows a booking's code (what the
// visitor was told is theirs), and books until killed or out of slots.
func TestKioskKillChild(t *testing.T) {
	dir := os.Getenv(killDirEnv)
	if dir == "" {
		t.Skip("only run as the child of TestKioskKilledDuringWrites")
	}
	round, _ := strconv.Atoi(os.Getenv(killRoundEnv))
	f := &fixture{t: t, clock: &fakeClock{t: killClock(round)}, dir: dir, media: t.TempDir()}
	c, err := centre.Open(dir, f.clock.Now)
	if err != nil {
		fmt.Println("ERROR open:", err)
		os.Exit(3)
	}
	f.c = c
	f.start()
	days, err := c.Booking.BookableDays()
	if err != nil {
		fmt.Println("ERROR days:", err)
		os.Exit(3)
	}
	fmt.Println("READY")
	for i, d := range days {
		if i == 0 || i >= 14 || !d.IsOpen { // tomorrow on, first page only
			continue
		}
		for _, from := range killTimes {
			b := f.bookWithTaps("세미나실", d.Date, from)
			fmt.Println("BOOKED", b.ID)
		}
	}
	fmt.Println("DONE")
	time.Sleep(time.Minute) // the parent kills; a child left alone ends
}

// bookWithTaps walks the visitor's flow with taps alone for room on day
// from from for two hours, and returns the booking on the pass screen.
func (f *fixture) bookWithTaps(room string, day time.Time, from string) booking.Booking {
	f.t.Helper()
	f.shell.GoHome()
	f.tapText(T("home.tile.book"))
	f.tapText(room)
	f.tapText(T("book.day.date", map[string]any{"Month": int(day.Month()), "Day": day.Day()}))
	f.tapText(from)
	f.tapText("2시간")
	f.tapText(T("nav.next"))
	f.typeKeys("ㅎㅗㅇㄱㅣㄹㄷㅗㅇ")
	f.tapKey(T("kb.done"))
	for _, r := range "01012345678" {
		f.tapKey(string(r))
	}
	f.tapText(T("nav.next"))
	f.tapText(T("book.consent.agree"))
	f.tapText(T("sum.confirm"))
	if f.bookScreen() == nil || f.draft().step != stepPass || !f.hasText(spacedCode(f.draft().made.ID)) {
		f.t.Fatalf("no pass screen after booking %s %s: %q", day.Format("01-02"), from, f.texts())
	}
	return f.draft().made
}

func TestKioskKilledDuringWrites(t *testing.T) {
	if testing.Short() {
		t.Skip("kill test skipped in -short mode")
	}
	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(20261201, 10))
	told := map[string]bool{} // bookings a visitor saw on a pass screen
	const rounds = 10
	for round := range rounds {
		c := crashtest.Start(t, "TestKioskKillChild", killDirEnv+"="+dir, fmt.Sprintf("%s=%d", killRoundEnv, round))
		if err := c.WaitForLine("READY"); err != nil {
			t.Fatal(err)
		}
		// Kill between bookings or in the middle of one: after the n-th
		// acknowledged booking plus a random part of a flow.
		n := 1 + rng.IntN(4)
		seen := 0
		if err := c.WaitFor(func(l string) bool {
			if strings.HasPrefix(l, "BOOKED ") {
				seen++
			}
			return seen == n || l == "DONE"
		}); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(300)) * time.Millisecond)
		if !c.Kill(t) {
			t.Fatalf("round %d: the kiosk ended before the kill: %q", round, c.Lines)
		}
		got := 0
		for _, l := range c.Lines {
			if id, ok := strings.CutPrefix(l, "BOOKED "); ok {
				told[id] = true
				got++
			}
		}
		t.Logf("round %d: killed after %d acknowledged bookings", round, got)
		checkAfterKill(t, dir, told)
	}
}

// checkAfterKill restarts on dir as the kiosk would and checks that every
// booking a visitor was shown is stored as made, and the audit chain holds.
func checkAfterKill(t *testing.T, dir string, told map[string]bool) {
	t.Helper()
	c, err := centre.Open(dir, nil)
	if err != nil {
		t.Fatalf("restart after the kill: %v", err)
	}
	defer c.Close()
	if _, err := c.DB.VerifyAudit(); err != nil {
		t.Fatalf("audit chain after the kill: %v", err)
	}
	for id := range told {
		b, err := c.Booking.Get(id)
		if err != nil {
			t.Fatalf("booking %s, shown on a pass screen, is gone after the kill: %v", id, err)
		}
		if b.Room != "seminar" || b.Status != booking.StatusHeld || b.Name != "홍길동" || b.To.Sub(b.From) != 2*time.Hour {
			t.Fatalf("booking %s after the kill: %+v", id, b)
		}
	}
}
