package staff

import (
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// Refusal codes of staff entry; errs has each one's sentence in Korean and
// English.
const (
	CodeBadPIN         errs.Code = "staff.bad_pin" // args: shortest, longest PIN
	CodeWeakPIN        errs.Code = "staff.weak_pin"
	CodeWrongPIN       errs.Code = "staff.wrong_pin"
	CodeWrongSetupCode errs.Code = "staff.wrong_setup_code"
	CodeLocked         errs.Code = "staff.locked" // args: the time the lock ends, 15:04 in Seoul
	CodeNoManager      errs.Code = "staff.no_manager"
	CodeAlreadyClaimed errs.Code = "staff.already_claimed"
	CodeResetExpired   errs.Code = "staff.reset_expired" // args: hours a reset code lasts
	CodeResetRequest   errs.Code = "staff.reset_request" // args: the request file's name
	CodeNoReset        errs.Code = "staff.no_reset"
	CodeUnknownStaff   errs.Code = "staff.unknown_staff"
	CodeForbidden      errs.Code = "staff.forbidden"
	CodeName           errs.Code = "staff.name" // args: shortest, longest name
	CodeNameTaken      errs.Code = "staff.name_taken"
	CodeRole           errs.Code = "staff.role"
	CodeLastManager    errs.Code = "staff.last_manager"
	CodeRemoveSelf     errs.Code = "staff.remove_self"
	CodeUnlockSelf     errs.Code = "staff.unlock_self"
	CodeAuditBroken    errs.Code = "staff.audit_broken" // args: entries intact before the break
)

// Codes lists every refusal code of the package (a test checks that the
// catalogue words each one).
var Codes = []errs.Code{CodeBadPIN, CodeWeakPIN, CodeWrongPIN, CodeWrongSetupCode, CodeLocked,
	CodeNoManager, CodeAlreadyClaimed, CodeResetExpired, CodeResetRequest, CodeNoReset, CodeUnknownStaff, CodeForbidden,
	CodeName, CodeNameTaken, CodeRole, CodeLastManager, CodeRemoveSelf, CodeUnlockSelf, CodeAuditBroken}

// Refusals the service reports, with the codes above; match them with
// errors.Is. MessageKey maps them to translation keys for the UI.
var (
	// ErrBadPIN: the PIN is not MinPINLength..MaxPINLength ASCII digits.
	ErrBadPIN = errs.New(CodeBadPIN, MinPINLength, MaxPINLength)
	// ErrWeakPIN: the PIN is one repeated digit or a straight sequence.
	ErrWeakPIN = errs.New(CodeWeakPIN)
	// ErrWrongPIN: no staff member has this PIN (or the old PIN is wrong).
	ErrWrongPIN = errs.New(CodeWrongPIN)
	// ErrWrongSetupCode: the one-time setup code does not match.
	ErrWrongSetupCode = errs.New(CodeWrongSetupCode)
	// ErrLocked: too many wrong attempts; staff entry is locked for a while.
	// The concrete error is a *LockedError, whose refusal names the time
	// the lock ends; use LockedUntil to read the time.
	ErrLocked = errs.New(CodeLocked)
	// ErrNoManager: no manager PIN has been set up yet.
	ErrNoManager = errs.New(CodeNoManager)
	// ErrAlreadyClaimed: a manager exists; the setup code is no longer valid.
	ErrAlreadyClaimed = errs.New(CodeAlreadyClaimed)
	// ErrResetExpired: the manager PIN reset code is past
	// ResetCodeLifetime; the administrator asks for a new one.
	ErrResetExpired = errs.New(CodeResetExpired, int(ResetCodeLifetime/time.Hour))
	// ErrResetRequest: a reset request is in the data directory but is not
	// a file (a folder, say) or cannot be removed, so it is not honoured:
	// honouring it would issue a new code at every look.
	ErrResetRequest = errs.New(CodeResetRequest, ResetRequestFileName)
	// ErrNoReset: a manager exists and no reset code is waiting: it was
	// used, replaced by a newer one, or cancelled by deleting its file.
	ErrNoReset = errs.New(CodeNoReset)
	// ErrUnknownStaff: no staff member has this ID (any more): the acting
	// member was removed, or the member acted on or signing in does not
	// exist.
	ErrUnknownStaff = errs.New(CodeUnknownStaff)
	// ErrForbidden: the acting person's role does not allow the action.
	ErrForbidden = errs.New(CodeForbidden)
	// ErrName: a member's name is not MinNameLength..MaxNameLength
	// characters once trimmed, or holds control characters.
	ErrName = errs.New(CodeName, MinNameLength, MaxNameLength)
	// ErrNameTaken: another member has this name (letter case aside).
	ErrNameTaken = errs.New(CodeNameTaken)
	// ErrRole: not one of Roles.
	ErrRole = errs.New(CodeRole)
	// ErrLastManager: the change would leave no manager.
	ErrLastManager = errs.New(CodeLastManager)
	// ErrRemoveSelf: a manager cannot remove their own account.
	ErrRemoveSelf = errs.New(CodeRemoveSelf)
	// ErrUnlockSelf: a manager cannot lift the lock on their own account;
	// another manager (or kioskctl) does, or the lock runs out.
	ErrUnlockSelf = errs.New(CodeUnlockSelf)
	// ErrAuditBroken: the audit chain has a gap or an altered entry. The
	// concrete refusal names how many entries were intact before it, and
	// wraps store.ErrAuditBroken.
	ErrAuditBroken = errs.New(CodeAuditBroken)
)

// LockedError is the concrete error behind ErrLocked. When the attempt that
// was just made started the lock, Cause is that attempt's error (ErrWrongPIN
// or ErrWrongSetupCode), so errors.Is matches it as well. Its sentence
// (errs.Korean, errs.English) is the lock's, naming when it ends.
type LockedError struct {
	Until time.Time
	Cause error
}

// refusal is the lock as a coded refusal, with its end.
func (e *LockedError) refusal() *errs.Error {
	return errs.New(CodeLocked, e.Until.In(seoul.Location).Format("15:04"))
}

func (e *LockedError) Error() string {
	if e.Cause != nil {
		return e.Cause.Error() + " " + e.refusal().Error()
	}
	return e.refusal().Error()
}

// Unwrap returns the lock's refusal (so that errors.Is(err, ErrLocked)
// holds and the lock's sentence is the one shown), then Cause.
func (e *LockedError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.refusal()}
	}
	return []error{e.refusal(), e.Cause}
}
