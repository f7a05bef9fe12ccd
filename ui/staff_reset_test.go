package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/staff"
)

// requestReset leaves the administrator's reset request in the data
// directory.
func (f *fixture) requestReset() {
	f.t.Helper()
	if err := os.WriteFile(filepath.Join(f.dir, staff.ResetRequestFileName), nil, 0o644); err != nil {
		f.t.Fatal(err)
	}
}

// openReset signs the manager up with managerPIN, locks, asks for a reset,
// taps the staff tile and then the reset button, and returns the code.
func (f *fixture) openReset() string {
	f.t.Helper()
	f.claim(managerPIN)
	f.tapText(T("staff.lock"))
	f.requestReset()
	f.tapText(T("home.tile.staff"))
	code := f.codeFile()
	f.tapText(T("staff.reset.open"))
	return code
}

// codeFile is the one-time code in the data directory.
func (f *fixture) codeFile() string {
	f.t.Helper()
	raw, err := os.ReadFile(filepath.Join(f.dir, staff.SetupFileName))
	if err != nil {
		f.t.Fatal(err)
	}
	return strings.SplitN(string(raw), "\n", 2)[0]
}

// TestManagerPINResetWithTaps: the administrator asks for a reset while
// the kiosk runs; the next tap on the staff tile offers it beside the PIN
// pad, the code from the file and a new PIN typed twice sign the manager
// in, and only the new PIN works afterwards.
func TestManagerPINResetWithTaps(t *testing.T) {
	const newPIN = "730194"
	f := newFixture(t, at(10, 0))
	f.claim(managerPIN)
	f.tapText(T("staff.lock"))
	f.tapText(T("home.tile.staff"))
	if f.shell.Screen() != ScreenStaffPIN || len(f.buttons(T("staff.reset.open"))) != 0 {
		t.Fatalf("reset offered without a request: %s %q", f.shell.Screen(), f.texts())
	}
	f.shell.GoHome()

	f.requestReset()
	f.tapText(T("home.tile.staff"))
	if f.shell.Screen() != ScreenStaffPIN {
		t.Fatalf("staff tile with a reset pending: %s", f.shell.Screen())
	}
	code := f.codeFile()
	f.tapText(T("staff.reset.open"))
	if f.shell.Screen() != ScreenStaffSetup || !f.hasText(T("staff.reset.code")) || !f.hasText("11월 28일 (토) 10:00까지") {
		t.Fatalf("reset screen: %s %q", f.shell.Screen(), f.texts())
	}
	for _, s := range f.texts() {
		if strings.Contains(s, code) {
			t.Fatal("reset code shown on screen")
		}
	}
	f.shot("staff-reset")
	f.typePIN("0000000000") // the code is checked once the new PIN is in
	f.typePIN(newPIN)
	f.typePIN(newPIN)
	if !f.hasText(refusal(staff.ErrWrongSetupCode)) || !f.hasText(T("staff.reset.code")) {
		t.Fatalf("wrong code: %q", f.texts())
	}
	f.typePIN(code)
	f.typePIN(newPIN)
	f.typePIN(newPIN)
	if f.shell.Screen() != ScreenStaffHome || f.shell.member == nil || f.shell.member.ID != staff.ManagerID {
		t.Fatalf("reset ended on %s; texts %q", f.shell.Screen(), f.texts())
	}

	f.tapText(T("staff.lock"))
	f.tapText(T("home.tile.staff"))
	if len(f.buttons(T("staff.reset.open"))) != 0 {
		t.Fatal("reset still offered after it was used")
	}
	f.typePIN(managerPIN)
	if f.shell.Screen() != ScreenStaffPIN || !f.hasText(refusal(staff.ErrWrongPIN)) {
		t.Fatalf("old PIN after the reset: %s %q", f.shell.Screen(), f.texts())
	}
	f.typePIN(newPIN)
	if f.shell.Screen() != ScreenStaffHome {
		t.Fatalf("new PIN refused: %q", f.texts())
	}
}

// TestManagerPINResetFromMemberList: with several members the reset is
// offered under the list of names.
func TestManagerPINResetFromMemberList(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.claim(managerPIN)
	f.addReception()
	f.tapText(T("staff.lock"))
	f.requestReset()
	f.tapText(T("home.tile.staff"))
	if !f.hasText(T("staff.login.who")) {
		t.Fatalf("no member list: %q", f.texts())
	}
	f.shot("staff-reset-who")
	f.tapText(T("staff.reset.open"))
	if f.shell.Screen() != ScreenStaffSetup || !f.hasText(T("staff.reset.title")) {
		t.Fatalf("reset screen: %s %q", f.shell.Screen(), f.texts())
	}
}

// TestExpiredResetCodeOnScreen: a code that runs out while the reset screen
// is open is refused with the reason, and the PIN pad comes back.
func TestExpiredResetCodeOnScreen(t *testing.T) {
	f := newFixture(t, at(10, 0))
	code := f.openReset()
	f.clock.Advance(staff.ResetCodeLifetime)
	f.typePIN(code)
	f.typePIN("730194")
	f.typePIN("730194")
	if f.shell.Screen() != ScreenStaffPIN || !f.noticeSays(refusal(staff.ErrResetExpired)) {
		t.Fatalf("expired code: %s %q", f.shell.Screen(), f.noticeText())
	}
	if _, err := f.c.Staff.Login(staff.ManagerID, managerPIN); err != nil {
		t.Fatalf("the manager's PIN after an expired reset: %v", err)
	}
}

// TestStuckResetRequestStillLetsStaffIn: a request the kiosk cannot remove
// is explained, and signing in still works.
func TestStuckResetRequestStillLetsStaffIn(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.claim(managerPIN)
	f.tapText(T("staff.lock"))
	if err := os.MkdirAll(filepath.Join(f.dir, staff.ResetRequestFileName, "x"), 0o755); err != nil {
		t.Fatal(err)
	}
	f.tapText(T("home.tile.staff"))
	if f.shell.Screen() != ScreenStaffPIN || !f.noticeSays(refusal(staff.ErrResetRequest)) {
		t.Fatalf("stuck request: %s %q", f.shell.Screen(), f.noticeText())
	}
	f.dismissNotice()
	f.typePIN(managerPIN)
	if f.shell.Screen() != ScreenStaffHome {
		t.Fatalf("sign-in with a stuck request: %q", f.texts())
	}
}

// TestCancelledResetWithTheScreenOpen: the administrator deletes the code
// file while the reset screen is open; the code typed then is refused with
// the reason, the PIN pad comes back, and the old PIN still works.
func TestCancelledResetWithTheScreenOpen(t *testing.T) {
	f := newFixture(t, at(10, 0))
	code := f.openReset()
	if err := os.Remove(filepath.Join(f.dir, staff.SetupFileName)); err != nil {
		t.Fatal(err)
	}
	f.typePIN(code)
	f.typePIN("730194")
	f.typePIN("730194")
	if f.shell.Screen() != ScreenStaffPIN || !f.noticeSays(refusal(staff.ErrNoReset)) {
		t.Fatalf("cancelled code: %s %q", f.shell.Screen(), f.noticeText())
	}
	f.dismissNotice()
	f.typePIN(managerPIN)
	if f.shell.Screen() != ScreenStaffHome {
		t.Fatalf("the old PIN after a cancelled reset: %q", f.texts())
	}
}

// TestResetGoneBeforeItsScreen: a reset that expires between the PIN pad
// and the tap on its button leaves a screen that says so, with a way back
// to the PIN pad.
func TestResetGoneBeforeItsScreen(t *testing.T) {
	f := newFixture(t, at(10, 0))
	f.claim(managerPIN)
	f.tapText(T("staff.lock"))
	f.requestReset()
	f.tapText(T("home.tile.staff"))
	f.clock.Advance(staff.ResetCodeLifetime)
	f.tapText(T("staff.reset.open"))
	if f.shell.Screen() != ScreenStaffSetup || !f.says(T("staff.reset.none")) {
		t.Fatalf("reset gone: %s %q", f.shell.Screen(), f.texts())
	}
	f.shot("staff-reset-none")
	f.tapText(T("staff.login.title"))
	if f.shell.Screen() != ScreenStaffPIN || len(f.buttons(T("staff.reset.open"))) != 0 {
		t.Fatalf("back from a gone reset: %s %q", f.shell.Screen(), f.texts())
	}
}
