package staff

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/errs/errstest"
)

// TestSentinelCodes: each refusal variable carries its own code and matches
// no other variable; Codes is exactly the variables' codes.
func TestSentinelCodes(t *testing.T) {
	sentinels := []errstest.Sentinel{
		{Name: "ErrBadPIN", Err: ErrBadPIN, Code: CodeBadPIN},
		{Name: "ErrWeakPIN", Err: ErrWeakPIN, Code: CodeWeakPIN},
		{Name: "ErrWrongPIN", Err: ErrWrongPIN, Code: CodeWrongPIN},
		{Name: "ErrWrongSetupCode", Err: ErrWrongSetupCode, Code: CodeWrongSetupCode},
		{Name: "ErrLocked", Err: ErrLocked, Code: CodeLocked},
		{Name: "ErrNoManager", Err: ErrNoManager, Code: CodeNoManager},
		{Name: "ErrAlreadyClaimed", Err: ErrAlreadyClaimed, Code: CodeAlreadyClaimed},
		{Name: "ErrResetExpired", Err: ErrResetExpired, Code: CodeResetExpired},
		{Name: "ErrResetRequest", Err: ErrResetRequest, Code: CodeResetRequest},
		{Name: "ErrNoReset", Err: ErrNoReset, Code: CodeNoReset},
		{Name: "ErrUnknownStaff", Err: ErrUnknownStaff, Code: CodeUnknownStaff},
		{Name: "ErrForbidden", Err: ErrForbidden, Code: CodeForbidden},
		{Name: "ErrName", Err: ErrName, Code: CodeName},
		{Name: "ErrNameTaken", Err: ErrNameTaken, Code: CodeNameTaken},
		{Name: "ErrRole", Err: ErrRole, Code: CodeRole},
		{Name: "ErrLastManager", Err: ErrLastManager, Code: CodeLastManager},
		{Name: "ErrRemoveSelf", Err: ErrRemoveSelf, Code: CodeRemoveSelf},
		{Name: "ErrUnlockSelf", Err: ErrUnlockSelf, Code: CodeUnlockSelf},
		{Name: "ErrAuditBroken", Err: ErrAuditBroken, Code: CodeAuditBroken},
	}
	errstest.CheckCodes(t, sentinels, Codes)
}

// TestRefusalSentences: the PIN rule names its limits, and a lock names
// when it ends in Seoul time, whether it wraps the attempt that started it
// or not, and however it is wrapped; the lock's sentence is the one shown,
// and the lock still matches the attempt's refusal.
func TestRefusalSentences(t *testing.T) {
	until := time.Date(2026, 11, 27, 9, 5, 0, 0, time.UTC) // 18:05 in Seoul
	cases := []struct {
		name   string
		err    error
		code   errs.Code
		also   error // matched as well (nil: none)
		ko, en string
	}{
		{"PIN too short", ValidatePIN("12"), CodeBadPIN, nil,
			"PIN은 숫자 6~12자리입니다.", "A PIN is 6 to 12 digits."},
		{"PIN a run", ValidatePIN("123456"), CodeWeakPIN, nil,
			"같은 숫자나 연속된 숫자는 PIN으로 쓸 수 없습니다.", "Repeated or consecutive digits cannot be a PIN."},
		{"locked by this attempt", &LockedError{Until: until, Cause: ErrWrongPIN}, CodeLocked, ErrWrongPIN,
			"잘못 입력한 횟수가 많아 18:05까지 잠겼습니다.", "Too many wrong attempts: locked until 18:05."},
		{"locked by this setup code", &LockedError{Until: until, Cause: ErrWrongSetupCode}, CodeLocked, ErrWrongSetupCode,
			"잘못 입력한 횟수가 많아 18:05까지 잠겼습니다.", "Too many wrong attempts: locked until 18:05."},
		{"still locked", &LockedError{Until: until}, CodeLocked, nil,
			"잘못 입력한 횟수가 많아 18:05까지 잠겼습니다.", "Too many wrong attempts: locked until 18:05."},
		{"name too long", ErrName, CodeName, nil,
			"이름은 1~20자로 입력하세요.", "Enter a name of 1 to 20 characters."},
		{"reset code expired", ErrResetExpired, CodeResetExpired, nil,
			"관리자 PIN 재설정 코드의 유효 시간(24시간)이 지났습니다. 관리 담당자에게 새 코드를 요청하세요.",
			"The manager PIN reset code has expired (it lasts 24 hours). Ask the administrator for a new one."},
		{"reset request stuck", ErrResetRequest, CodeResetRequest, nil,
			"데이터 폴더의 관리자 PIN 재설정 요청(reset-manager-pin)을 지울 수 없어 처리하지 못했습니다. 폴더가 아닌 빈 파일로 다시 만드세요.",
			"The manager PIN reset request (reset-manager-pin) in the data directory cannot be removed, so it was not honoured. Make it again as an empty file, not a folder."},
	}
	others := []error{ErrWrongPIN, ErrWrongSetupCode, ErrBadPIN, ErrWeakPIN}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, err := range []error{c.err, fmt.Errorf("login: %w", c.err)} {
				if got := errs.CodeOf(err); got != c.code {
					t.Errorf("CodeOf = %q, want %q", got, c.code)
				}
				if !errors.Is(err, errs.New(c.code)) {
					t.Errorf("errors.Is(%v, errs.New(%q)) = false", err, c.code)
				}
				for _, o := range others {
					if want := errs.CodeOf(o) == c.code || o == c.also; errors.Is(err, o) != want {
						t.Errorf("errors.Is(%v, %v) = %v", err, o, !want)
					}
				}
				if ko, ok := errs.Korean(err); !ok || ko != c.ko {
					t.Errorf("Korean = %q, %v\nwant      %q", ko, ok, c.ko)
				}
				if en, ok := errs.English(err); !ok || en != c.en {
					t.Errorf("English = %q, %v\nwant       %q", en, ok, c.en)
				}
			}
		})
	}
}

// TestLockoutSentence: the service's own lock names the end of the lock.
func TestLockoutSentence(t *testing.T) {
	e := claimed(t) // the clock stands at 09:00 UTC, 18:00 in Seoul
	var err error
	for range MaxAttempts {
		_, err = e.svc.Login(ManagerID, "999990")
	}
	const want = "Too many wrong attempts: locked until 18:05."
	if en, _ := errs.English(err); en != want || !errors.Is(err, ErrLocked) || !errors.Is(err, ErrWrongPIN) {
		t.Fatalf("%v: English %q, want %q", err, en, want)
	}
	if _, err := e.svc.Login(ManagerID, managerPIN); errs.CodeOf(err) != CodeLocked {
		t.Fatalf("right PIN while locked: %v", err)
	}
}
