package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/yeongdeungpo/kiosk/internal/staff"
)

const managerPIN, receptionPIN = "482915", "583920"

// addReception adds 김접수 as reception from the manager's accounts screen,
// with taps only: the name on the Hangul keyboard, the role card, the PIN
// twice on the pad.
func (f *fixture) addReception() {
	f.t.Helper()
	f.tapText(T("staff.accounts"))
	f.tapText(T("staff.accounts.add"))
	f.typeKeys("ㄱㅣㅁㅈㅓㅂㅅㅜ")
	f.tapText(T("nav.next"))
	f.tapText(T("staff.role.reception"))
	f.typePIN(receptionPIN)
	f.typePIN(receptionPIN)
	if !f.hasText(T("staff.accounts.add.done", map[string]any{"Name": "김접수"})) {
		f.t.Fatalf("adding ended without its answer: %q", f.texts())
	}
}

// member returns the stored member called name.
func (f *fixture) member(name string) staff.Staff {
	f.t.Helper()
	ms, err := f.c.Staff.Members()
	if err != nil {
		f.t.Fatal(err)
	}
	for _, m := range ms {
		if m.Name == name {
			return m
		}
	}
	f.t.Fatalf("no member %q in %v", name, ms)
	return staff.Staff{}
}

// signInAs goes from home through "whose PIN" to the staff home.
func (f *fixture) signInAs(name, pin string) {
	f.t.Helper()
	f.shell.GoHome()
	f.tapText(T("home.tile.staff"))
	f.tapText(name)
	f.typePIN(pin)
}

// TestStaffAccountsWithTaps: a manager adds a reception member; the PIN pad
// then asks whose PIN it is; five wrong PINs lock only that member; the
// manager unlocks them; reception sees the booking actions only.
func TestStaffAccountsWithTaps(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.claim(managerPIN)
	f.addReception()
	kim := f.member("김접수")
	if kim.Role != staff.RoleReception {
		t.Fatalf("stored role %q, want reception", kim.Role)
	}

	f.shell.GoHome()
	f.tapText(T("home.tile.staff"))
	if !f.hasText(T("staff.login.who")) || !f.hasText("관리자") || !f.hasText("김접수") {
		t.Fatalf("the pad does not ask whose PIN: %q", f.texts())
	}
	f.tapText("김접수")
	if !f.hasText(T("staff.login.prompt.who", map[string]any{"Name": "김접수"})) {
		t.Fatalf("pad not for 김접수: %q", f.texts())
	}
	for range staff.MaxAttempts {
		f.typePIN("111222")
	}
	if f.shell.Screen() != ScreenStaffPIN || !f.hasText("까지 잠겼습니다") {
		t.Fatalf("five wrong PINs did not lock: %s %q", f.shell.Screen(), f.texts())
	}
	f.typePIN(receptionPIN)
	if f.shell.Screen() == ScreenStaffHome {
		t.Fatal("a locked member got in with the right PIN")
	}
	// The manager is not locked out by someone else's mistakes.
	f.tapText(T("staff.login.other"))
	f.tapText("관리자")
	f.typePIN(managerPIN)
	if f.shell.Screen() != ScreenStaffHome {
		t.Fatalf("manager locked out by another member's PINs: %q", f.texts())
	}
	f.tapText(T("staff.accounts"))
	if !f.hasText(T("staff.accounts.locked", map[string]any{"Until": "10:05"})) {
		t.Fatalf("the lock is not shown: %q", f.texts())
	}
	f.tapText(T("staff.accounts.unlock"))
	if _, locked, err := f.c.Staff.LockStatus(kim.ID); err != nil || locked {
		t.Fatalf("after unlock: locked=%v err=%v", locked, err)
	}

	f.signInAs("김접수", receptionPIN)
	if f.shell.Screen() != ScreenStaffHome || f.shell.member.ID != kim.ID {
		t.Fatalf("reception not signed in: %s %q", f.shell.Screen(), f.texts())
	}
	for _, hidden := range []string{"staff.accounts", "staff.audit", "staff.rooms", "staff.calendar", "staff.keys"} {
		if f.hasText(T(hidden)) {
			t.Errorf("reception is offered %q", T(hidden))
		}
	}
	for _, shown := range []string{"staff.bookings", "staff.block", "staff.pin.change"} {
		if !f.hasText(T(shown)) {
			t.Errorf("reception is not offered %q", T(shown))
		}
	}
}

// TestStaffAccountChanges: rename on the keyboard, change the role, set a
// PIN, remove; the rules the store keeps (the last manager) are refused
// with their sentence and change nothing.
func TestStaffAccountChanges(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.claim(managerPIN)
	f.addReception()
	kim := f.member("김접수")

	// The manager tries to make themself reception: the last manager stays.
	f.tapText(T("staff.accounts.role.reception"))
	if !f.hasText("관리자") || f.member("관리자").Role != staff.RoleManager {
		t.Fatal("the last manager was demoted")
	}
	if f.hasText(T("staff.accounts.role.done", map[string]any{"Name": "관리자", "Role": roleName(staff.RoleReception)})) {
		t.Fatalf("a refused change reported as done: %q", f.texts())
	}

	// Rename 김접수 (the second rename button) to 김안내.
	renames := f.buttons(T("staff.accounts.rename"))
	if len(renames) != 2 {
		t.Fatalf("%d rename buttons, want 2", len(renames))
	}
	test.Tap(renames[1])
	f.shell.settle()
	for range len([]rune("김접수")) * 3 {
		f.tapKey(T("kb.backspace"))
	}
	f.typeKeys("ㄱㅣㅁㅇㅏㄴㄴㅐ")
	f.tapText(T("nav.next"))
	if got := f.member("김안내"); got.ID != kim.ID {
		t.Fatalf("renamed member has id %q, want %q", got.ID, kim.ID)
	}

	// Make 김안내 a manager, then the first manager may step down.
	f.tapText(T("staff.accounts.role.manager"))
	if f.member("김안내").Role != staff.RoleManager {
		t.Fatalf("role not changed: %q", f.texts())
	}

	// A new PIN for 김안내, typed twice; the old one stops working.
	pins := f.buttons(T("staff.accounts.pin"))
	test.Tap(pins[1])
	f.shell.settle()
	f.typePIN("731946")
	f.typePIN("731946")
	if _, err := f.c.Staff.Login(kim.ID, receptionPIN); err == nil {
		t.Fatal("the old PIN still works")
	}
	if _, err := f.c.Staff.Login(kim.ID, "731946"); err != nil {
		t.Fatalf("the new PIN: %v", err)
	}

	// A name already in use is refused on the name step, before any PIN.
	f.tapText(T("staff.accounts.add"))
	f.typeKeys("ㄱㅣㅁㅇㅏㄴㄴㅐ")
	f.tapText(T("nav.next"))
	if f.hasText(T("staff.accounts.add.role", map[string]any{"Name": "김안내"})) || !f.hasText("이미") {
		t.Fatalf("a taken name went on to the role: %q", f.texts())
	}
	f.tapText(T("nav.back"))

	// Now that 김안내 is a manager too, 관리자 may step down: the session
	// steps down with them and leaves the accounts screen.
	f.tapText(T("staff.accounts.role.reception"))
	if f.member("관리자").Role != staff.RoleReception || f.shell.member.Role != staff.RoleReception {
		t.Fatalf("stepped down: stored %q, session %q", f.member("관리자").Role, f.shell.member.Role)
	}
	if f.shell.Screen() != ScreenStaffHome || f.hasText(T("staff.accounts")) {
		t.Fatalf("after stepping down: %s %q", f.shell.Screen(), f.texts())
	}
	f.signInAs("김안내", "731946")
	f.tapText(T("staff.accounts"))

	// Remove asks first; then the member is gone.
	f.tapText(T("staff.accounts.remove"))
	f.tapText(T("staff.accounts.remove.confirm"))
	ms, _ := f.c.Staff.Members()
	if len(ms) != 1 || ms[0].Name != "김안내" {
		t.Fatalf("after remove: %v", ms)
	}
}

// buttons lists the enabled buttons labelled label, in screen order.
func (f *fixture) buttons(label string) []*TouchButton {
	var out []*TouchButton
	f.shell.settle()
	for _, tp := range f.tappables() {
		if b, ok := tp.(*TouchButton); ok && b.Text == label {
			out = append(out, b)
		}
	}
	return out
}

// TestReceptionCannotReachManagerScreens walks breadth-first through every
// screen a reception member reaches from the staff home by tapping
// everything; none may need a permission reception lacks. Asking the shell
// directly for a manager screen lands on the staff home.
func TestReceptionCannotReachManagerScreens(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.claim(managerPIN)
	f.addReception()
	kim := f.member("김접수")
	f.book("seminar", at(14, 0), at(15, 0))

	type state struct{ path []int }
	start := func() {
		f.shell.GoHome()
		f.shell.signIn(kim)
	}
	replay := func(path []int) bool {
		start()
		for _, i := range path {
			ts := f.tappables()
			if i >= len(ts) {
				return false
			}
			test.Tap(ts[i])
			f.shell.settle()
			if f.shell.member == nil {
				return false // locked: the walk of this branch ends
			}
		}
		return true
	}
	seen := map[ScreenID]bool{ScreenStaffHome: true}
	queue := []state{{}}
	taps := 0
	for len(queue) > 0 && taps < 400 {
		st := queue[0]
		queue = queue[1:]
		if !replay(st.path) {
			continue
		}
		n := len(f.tappables())
		for i := range n {
			path := append(append([]int(nil), st.path...), i)
			if !replay(path) {
				continue
			}
			taps++
			got := f.shell.Screen()
			if need := screenSpecs[got].need; need != "" && !kim.Can(need) {
				t.Fatalf("taps %v reached %s, which needs %s", path, got, need)
			}
			if !seen[got] && len(path) < 3 {
				seen[got] = true
				queue = append(queue, state{path})
			}
		}
	}
	if !seen[ScreenStaffDay] || !seen[ScreenStaffBlock] || !seen[ScreenStaffPIN2] || taps < 30 {
		t.Fatalf("walk too small: %d taps, saw %v", taps, seen)
	}
	for id, sp := range screenSpecs {
		if sp.need == "" || kim.Can(sp.need) {
			continue
		}
		start()
		f.shell.show(id)
		if f.shell.Screen() != ScreenStaffHome {
			t.Errorf("show(%s) as reception landed on %s", id, f.shell.Screen())
		}
	}
}
