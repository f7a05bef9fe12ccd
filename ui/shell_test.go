package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/staff"
)

func TestHomeShowsRoomStatusFromStore(t *testing.T) {
	cases := []struct {
		name string
		now  time.Time
		want map[string][]string // room name → texts expected on its row
	}{
		{"before opening", at(8, 10), map[string][]string{
			"세미나실": {"운영 전", "09:00부터 이용"},
		}},
		{"mid-morning", at(10, 30), map[string][]string{
			"세미나실":  {"사용 중", "12:00까지 · 이후 비어 있음"},
			"회의실":   {"이용 가능", "11:00까지 비어 있음"},
			"상담실":   {"사용 중", "22:00까지 · 오늘 남은 빈 시간 없음"},
			"다목적실":  {"이용 가능", "22:00까지 비어 있음"},
			"투자상담실": {"이용 가능"},
		}},
		{"back-to-back meetings", at(12, 15), map[string][]string{
			"세미나실": {"이용 가능", "22:00까지 비어 있음"},
			"회의실":  {"사용 중", "14:00까지 · 이후 비어 있음"},
		}},
		{"after closing", at(22, 5), map[string][]string{
			"세미나실": {"운영 종료"},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t, at(7, 0))
			f.book("seminar", at(10, 0), at(12, 0))
			f.book("meeting", at(11, 0), at(12, 30))
			f.book("meeting", at(12, 30), at(14, 0))
			f.book("consulting", at(9, 0), at(17, 0))
			f.book("consulting", at(17, 0), at(22, 0))
			f.clock.t = c.now
			f.shell.GoHome()
			rows := f.roomRows()
			for room, wants := range c.want {
				row, ok := rows[room]
				if !ok {
					t.Fatalf("no row for %s; rows: %v", room, rows)
				}
				for _, w := range wants {
					if !strings.Contains(row, w) {
						t.Errorf("%s row %q lacks %q", room, row, w)
					}
				}
			}
		})
	}
}

// roomRows maps each room's name to all text on its row of the home board.
func (f *fixture) roomRows() map[string]string {
	rooms, err := f.c.Booking.Rooms()
	if err != nil {
		f.t.Fatal(err)
	}
	texts := f.texts()
	out := map[string]string{}
	for i, s := range texts {
		for _, r := range rooms {
			if s == r.Name && i+4 < len(texts) {
				out[r.Name] = strings.Join(texts[i:i+4], " | ")
			}
		}
	}
	return out
}

func TestIdleReturnsHomeAndDiscardsTyping(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.tapText(T("home.tile.staff"))
	if f.shell.Screen() != ScreenStaffSetup {
		t.Fatalf("screen %s", f.shell.Screen())
	}
	f.tapText("1")
	f.tapText("2")
	f.clock.Advance(59 * time.Second)
	f.shell.Tick(f.clock.Now())
	if f.shell.Screen() != ScreenStaffSetup {
		t.Fatalf("left the screen before 60 s: %s", f.shell.Screen())
	}
	if !f.hasText("● ● ") {
		t.Fatal("typed digits not shown as dots")
	}
	f.tapText("3") // a touch restarts the idle clock
	f.clock.Advance(59 * time.Second)
	f.shell.Tick(f.clock.Now())
	if f.shell.Screen() != ScreenStaffSetup {
		t.Fatal("a touch did not restart the idle clock")
	}
	f.clock.Advance(2 * time.Second)
	f.shell.Tick(f.clock.Now())
	if f.shell.Screen() != ScreenHome {
		t.Fatalf("after 61 s idle: screen %s, want home", f.shell.Screen())
	}
	f.tapText(T("home.tile.staff"))
	if f.hasText("●") {
		t.Fatal("digits typed before the idle return are still there")
	}
}

// claim sets up the manager through the screens with the code from the
// data directory and returns to the home screen.
func (f *fixture) claim(pin string) {
	f.t.Helper()
	raw, err := os.ReadFile(filepath.Join(f.dir, staff.SetupFileName))
	if err != nil {
		f.t.Fatal(err)
	}
	code := strings.SplitN(string(raw), "\n", 2)[0]
	f.tapText(T("home.tile.staff"))
	f.typePIN(code)
	f.typePIN(pin)
	f.typePIN(pin)
	if f.shell.Screen() != ScreenStaffHome {
		f.t.Fatalf("claim ended on %s; texts %q", f.shell.Screen(), f.texts())
	}
}

func TestStaffSetupLoginAndIdleLock(t *testing.T) {
	f := newFixture(t, at(10, 0))
	// The setup code is nowhere on screen.
	raw, _ := os.ReadFile(filepath.Join(f.dir, staff.SetupFileName))
	code := strings.SplitN(string(raw), "\n", 2)[0]
	f.tapText(T("home.tile.staff"))
	for _, s := range f.texts() {
		if strings.Contains(s, code) {
			t.Fatal("setup code shown on screen")
		}
	}
	f.shell.GoHome()

	f.claim("482915")
	if !f.hasText("0 / 24") || !f.hasText("0 / 10") {
		t.Fatalf("staff home lacks occupancy figures: %q", f.texts())
	}
	f.tapText(T("staff.lock"))
	if f.shell.Screen() != ScreenHome {
		t.Fatal("lock did not return home")
	}
	f.tapText(T("home.tile.staff"))
	if f.shell.Screen() != ScreenStaffPIN {
		t.Fatalf("staff tile after setup: %s", f.shell.Screen())
	}
	f.typePIN("482915")
	if f.shell.Screen() != ScreenStaffHome {
		t.Fatalf("login failed: %q", f.texts())
	}
	// Visitor idle (60 s) does not end a staff session; staff idle does.
	f.clock.Advance(90 * time.Second)
	f.shell.Tick(f.clock.Now())
	if f.shell.Screen() != ScreenStaffHome {
		t.Fatal("staff session ended after 90 s")
	}
	f.clock.Advance(31 * time.Second)
	f.shell.Tick(f.clock.Now())
	if f.shell.Screen() != ScreenHome || f.shell.member != nil {
		t.Fatalf("staff session not locked after 2 min idle: %s", f.shell.Screen())
	}
}

func TestWrongPINLockoutPersistsAcrossRestart(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.claim("482915")
	f.tapText(T("staff.lock"))
	f.tapText(T("home.tile.staff"))
	for i := range staff.MaxAttempts {
		f.typePIN("111222")
		if f.shell.Screen() != ScreenStaffPIN {
			t.Fatalf("attempt %d left the PIN screen", i+1)
		}
	}
	if !f.hasText("10:05까지") {
		t.Fatalf("no lock message: %q", f.texts())
	}
	f.typePIN("482915")
	if f.shell.Screen() == ScreenStaffHome {
		t.Fatal("right PIN accepted while locked")
	}

	// Restart: close the store, reopen it, build a new shell.
	if err := f.c.Close(); err != nil {
		t.Fatal(err)
	}
	c, err := centre.Open(f.dir, f.clock.Now)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	f.c = c
	f.start()
	f.tapText(T("home.tile.staff"))
	if !f.hasText("10:05까지") {
		t.Fatalf("lock forgotten after restart: %q", f.texts())
	}
	f.typePIN("482915")
	if f.shell.Screen() == ScreenStaffHome {
		t.Fatal("right PIN accepted while locked after restart")
	}
	f.clock.Advance(5*time.Minute + time.Second)
	f.typePIN("482915")
	if f.shell.Screen() != ScreenStaffHome {
		t.Fatalf("right PIN refused after the lock ended: %q", f.texts())
	}
}

func TestNoStaffScreenReachableFromVisitorScreens(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.claim("482915")
	f.tapText(T("staff.lock"))
	// Breadth-first over visitor screens: tap everything on each, repeatedly,
	// in both languages; no staff-only screen may ever appear.
	visited := map[ScreenID]bool{}
	queue := []ScreenID{ScreenHome}
	goTo := map[ScreenID]func(){
		ScreenHome:      f.shell.GoHome,
		ScreenDirectory: func() { f.shell.GoHome(); f.tapText(T("home.tile.directory")) },
		ScreenStaffPIN:  func() { f.shell.GoHome(); f.tapText(T("home.tile.staff")) },
		ScreenBook:      func() { f.shell.GoHome(); f.tapText(T("home.tile.book")) },
		ScreenMyBooking: func() { f.shell.GoHome(); f.tapText(T("home.tile.my")) },
		ScreenCheckIn:   func() { f.shell.GoHome(); f.tapText(T("home.tile.checkin")) },
	}
	taps := 0
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		if visited[id] {
			continue
		}
		visited[id] = true
		open, ok := goTo[id]
		if !ok {
			t.Fatalf("reached unexpected screen %s", id)
		}
		open()
		n := len(f.tappables())
		for i := range n {
			open()
			ts := f.tappables()
			if i >= len(ts) {
				break
			}
			test.Tap(ts[i])
			taps++
			got := f.shell.Screen()
			if got.IsStaffOnly() || f.shell.member != nil {
				t.Fatalf("tap %d on %s reached staff screen %s", i, id, got)
			}
			if !visited[got] {
				queue = append(queue, got)
			}
		}
	}
	if taps < 20 || !visited[ScreenDirectory] || !visited[ScreenStaffPIN] {
		t.Fatalf("walk too small: %d taps, visited %v", taps, visited)
	}
	// And the shell itself refuses to show a staff screen without a session.
	f.shell.show(ScreenStaffHome)
	if f.shell.Screen() != ScreenHome {
		t.Fatal("staff screen shown without a session")
	}
}

func TestEveryTappableIsFingerSized(t *testing.T) {
	f := newFixture(t, at(10, 0))
	for i := range 12 {
		f.lease("L"+string(rune('a'+i)), []string{"I01", "I02", "I03", "I04", "I05", "I06", "Y01", "Y02", "Y03", "A01", "A02", "A03"}[i], "회사 "+string(rune('가'+i)))
	}
	type screen struct {
		id   ScreenID
		open func()
	}
	check := func(screens []screen) {
		for _, lang := range []Language{Korean, English} {
			f.shell.SwitchLanguage(lang)
			for _, sc := range screens {
				sc.open()
				if f.shell.Screen() != sc.id {
					t.Fatalf("%s: on %s", sc.id, f.shell.Screen())
				}
				n := 0
				walk(f.shell.Window().Content(), func(o fyne.CanvasObject) {
					if _, ok := o.(fyne.Tappable); !ok {
						return
					}
					n++
					if s := o.Size(); s.Height < MinTarget || s.Width < MinTarget {
						t.Errorf("%s/%s: tappable %T is %vx%v, below %v", lang, sc.id, o, s.Width, s.Height, MinTarget)
					}
				})
				if n == 0 {
					t.Errorf("%s: no tappables found", sc.id)
				}
			}
		}
	}
	check([]screen{
		{ScreenHome, f.shell.GoHome},
		{ScreenDirectory, func() { f.shell.GoHome(); f.tapText(T("home.tile.directory")) }},
		{ScreenStaffSetup, func() { f.shell.GoHome(); f.tapText(T("home.tile.staff")) }},
	})
	f.shell.SwitchLanguage(Korean)
	f.shell.GoHome()
	f.claim("482915")
	check([]screen{
		{ScreenStaffHome, func() { f.shell.show(ScreenStaffHome) }},
		{ScreenStaffPIN2, func() { f.shell.show(ScreenStaffHome); f.tapText(T("staff.pin.change")) }},
	})
	f.tapText(T("nav.back"))
	f.tapText(T("staff.lock"))
	check([]screen{{ScreenStaffPIN, func() { f.shell.GoHome(); f.tapText(T("home.tile.staff")) }}})
}

func TestLanguageSwitchRedrawsAtOnce(t *testing.T) {
	f := newFixture(t, at(10, 0))
	if !f.hasText("영등포구 중소기업 창업지원센터") {
		t.Fatal("Korean title missing")
	}
	f.tapText("English")
	if f.shell.Language() != English || !f.hasText("Yeongdeungpo SME Startup Support Centre") || !f.hasText("Seminar room") {
		t.Fatalf("English not shown: %q", f.texts())
	}
	f.tapText(T("home.tile.directory"))
	if !f.hasText("Incubator office 1") {
		t.Fatal("directory not in English")
	}
	f.tapText("한국어")
	if !f.hasText("창업보육실 1호") || f.shell.Screen() != ScreenDirectory {
		t.Fatal("switch back to Korean lost the screen or the language")
	}
	if got := T("OK"); got != "확인" {
		t.Fatalf("Fyne's OK in Korean = %q", got)
	}
}

func TestStaffChangesPINOnThePad(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.claim("482915")
	f.tapText(T("staff.pin.change"))
	f.typePIN("111999") // wrong current PIN: asked again from the start
	f.typePIN("730514")
	f.typePIN("730514")
	if f.shell.Screen() != ScreenStaffPIN2 || !f.hasText(refusal(staff.ErrWrongPIN)) {
		t.Fatalf("wrong current PIN: %s %q", f.shell.Screen(), f.texts())
	}
	f.typePIN("482915")
	f.typePIN("730514")
	f.typePIN("730514")
	if f.shell.Screen() != ScreenStaffHome {
		t.Fatalf("after the change: %s %q", f.shell.Screen(), f.texts())
	}
	if _, err := f.c.Staff.Login(staff.ManagerID, "730514"); err != nil {
		t.Fatalf("new PIN refused: %v", err)
	}
}

// TestHomeKeepsItsWidgetsAcrossSwitches: switching language or text size
// back and forth shows the widgets built the first time (nothing is built
// again, so nothing piles up), yet the board says what the store says now.
func TestHomeKeepsItsWidgetsAcrossSwitches(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.shell.GoHome()
	korean := f.shell.Window().Content()
	f.shell.SwitchLanguage(English)
	english := f.shell.Window().Content()
	if english == korean {
		t.Fatal("English home is the Korean one")
	}
	f.shell.ToggleLargeText()
	large := f.shell.Window().Content()
	f.shell.ToggleLargeText()
	if f.shell.Window().Content() != english || large == english {
		t.Fatal("the English home was built again after a text-size switch")
	}
	f.book("seminar", at(10, 0), at(12, 0))
	f.shell.SwitchLanguage(Korean)
	if f.shell.Window().Content() != korean {
		t.Fatal("the Korean home was built again")
	}
	if row := f.roomRows()["세미나실"]; !strings.Contains(row, "사용 중") {
		t.Fatalf("the kept home shows an old status: %q", row)
	}
	f.tapText(T("home.tile.book"))
	f.shell.GoHome()
	if f.shell.Window().Content() != korean {
		t.Fatal("going home built the home again")
	}
}
