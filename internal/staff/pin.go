package staff

// PIN length limits.
const (
	MinPINLength = 6
	MaxPINLength = 12
)

// ValidatePIN checks a new PIN: ErrBadPIN unless it is MinPINLength to
// MaxPINLength ASCII digits, ErrWeakPIN when it is one repeated digit or a
// straight ascending or descending run (wrapping 9→0 and 0→9 counts as a step,
// so 567890 and 109876 are runs too).
func ValidatePIN(pin string) error {
	if !wellFormed(pin) {
		return ErrBadPIN
	}
	same, up, down := true, true, true
	for i := 1; i < len(pin); i++ {
		d := (int(pin[i]) - int(pin[i-1]) + 10) % 10
		same = same && d == 0
		up = up && d == 1
		down = down && d == 9
	}
	if same || up || down {
		return ErrWeakPIN
	}
	return nil
}

func wellFormed(pin string) bool {
	if len(pin) < MinPINLength || len(pin) > MaxPINLength {
		return false
	}
	return allDigits(pin)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
