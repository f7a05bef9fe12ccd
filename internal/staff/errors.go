package staff

import (
	"errors"
	"fmt"
	"time"
)

// Errors the service reports; match them with errors.Is. MessageKey maps them
// to translation keys for the UI.
var (
	// ErrBadPIN: the PIN is not MinPINLength..MaxPINLength ASCII digits.
	ErrBadPIN = errors.New("staff: PIN must be 6 to 12 digits")
	// ErrWeakPIN: the PIN is one repeated digit or a straight sequence.
	ErrWeakPIN = errors.New("staff: PIN is too easy to guess")
	// ErrWrongPIN: no staff member has this PIN (or the old PIN is wrong).
	ErrWrongPIN = errors.New("staff: wrong PIN")
	// ErrWrongSetupCode: the one-time setup code does not match.
	ErrWrongSetupCode = errors.New("staff: wrong setup code")
	// ErrLocked: too many wrong attempts; staff entry is locked for a while.
	// The concrete error is a *LockedError; use LockedUntil to read the time.
	ErrLocked = errors.New("staff: staff entry locked after too many wrong attempts")
	// ErrNoManager: no manager PIN has been set up yet.
	ErrNoManager = errors.New("staff: no manager has been set up")
	// ErrAlreadyClaimed: a manager exists; the setup code is no longer valid.
	ErrAlreadyClaimed = errors.New("staff: manager already set up")
	// ErrPINUnavailable: the new PIN cannot be used (it belongs to another
	// member). Counts as a failed attempt, because it would otherwise be a
	// free way to test PINs.
	ErrPINUnavailable = errors.New("staff: PIN cannot be used")
	// ErrUnknownStaff: the acting staff member no longer exists.
	ErrUnknownStaff = errors.New("staff: unknown staff member")
)

// LockedError is the concrete error behind ErrLocked. When the attempt that
// was just made started the lock, Cause is that attempt's error (ErrWrongPIN,
// ErrWrongSetupCode or ErrPINUnavailable), so errors.Is matches it as well.
type LockedError struct {
	Until time.Time
	Cause error
}

func (e *LockedError) Error() string {
	if e.Cause != nil {
		return fmt.Sprintf("%v; %v until %s", e.Cause, ErrLocked, e.Until.Format(time.RFC3339))
	}
	return fmt.Sprintf("%v until %s", ErrLocked, e.Until.Format(time.RFC3339))
}

// Is makes errors.Is(err, ErrLocked) true.
func (e *LockedError) Is(target error) bool { return target == ErrLocked }

// Unwrap returns Cause.
func (e *LockedError) Unwrap() error { return e.Cause }

// LockedUntil reports when a lock reported by err ends.
func LockedUntil(err error) (time.Time, bool) {
	var le *LockedError
	if errors.As(err, &le) {
		return le.Until, true
	}
	return time.Time{}, false
}

// Translation keys returned by MessageKey.
const (
	KeyBadPIN         = "staff.err.bad_pin"
	KeyWeakPIN        = "staff.err.weak_pin"
	KeyWrongPIN       = "staff.err.wrong_pin"
	KeyWrongCode      = "staff.err.wrong_code"
	KeyLocked         = "staff.err.locked"
	KeyNoManager      = "staff.err.no_manager"
	KeyClaimed        = "staff.err.claimed"
	KeyPINUnavailable = "staff.err.pin_unavailable"
	KeyUnknownStaff   = "staff.err.unknown_staff"
	KeyInternal       = "staff.err.internal"
)

// MessageKey returns the UI translation key for err ("" for nil). Errors that
// are not the package's own (store failures and the like) map to KeyInternal.
func MessageKey(err error) string {
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrLocked):
		return KeyLocked
	case errors.Is(err, ErrBadPIN):
		return KeyBadPIN
	case errors.Is(err, ErrWeakPIN):
		return KeyWeakPIN
	case errors.Is(err, ErrWrongPIN):
		return KeyWrongPIN
	case errors.Is(err, ErrWrongSetupCode):
		return KeyWrongCode
	case errors.Is(err, ErrNoManager):
		return KeyNoManager
	case errors.Is(err, ErrAlreadyClaimed):
		return KeyClaimed
	case errors.Is(err, ErrPINUnavailable):
		return KeyPINUnavailable
	case errors.Is(err, ErrUnknownStaff):
		return KeyUnknownStaff
	default:
		return KeyInternal
	}
}
