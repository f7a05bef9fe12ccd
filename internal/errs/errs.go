// Package errs gives domain refusals a code, and turns a code into one
// Korean and one English sentence from a single catalogue that the kiosk's
// screens and kioskctl share.
package errs

import (
	"errors"
	"fmt"
)

// Code names one kind of refusal, e.g. "tenants.youth_age".
type Code string

// Error is a refusal: its code and the values its sentence mentions (no
// personal data: errors may be logged).
type Error struct {
	Code Code
	Args []any
}

// New returns a refusal with code and the values its sentence needs.
func New(code Code, args ...any) *Error { return &Error{Code: code, Args: args} }

// Error is the English sentence.
func (e *Error) Error() string { return e.text(false) }

// Is matches another *Error of the same code, so a bare New(code) works as a
// sentinel for errors.Is.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t != nil && t.Code == e.Code
}

func (e *Error) text(korean bool) string {
	m, ok := catalogue[e.Code]
	if !ok {
		return string(e.Code)
	}
	f := m.en
	if korean {
		f = m.ko
	}
	if len(e.Args) == 0 {
		return f
	}
	args := make([]any, len(e.Args))
	for i, a := range e.Args {
		// A refusal inside a refusal (a file's bad line) speaks the same
		// language as the outer one.
		if inner, ok := a.(*Error); ok {
			a = inner.text(korean)
		}
		args[i] = a
	}
	return fmt.Sprintf(f, args...)
}

// CodeOf is the code of the refusal in err's chain, or "".
func CodeOf(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

// Korean and English are err's sentences when it carries a code; ok is false
// for any other error (an unexpected failure, not a refusal).
func Korean(err error) (string, bool) { return say(err, true) }

// English: see Korean.
func English(err error) (string, bool) { return say(err, false) }

func say(err error, korean bool) (string, bool) {
	var e *Error
	if !errors.As(err, &e) {
		return "", false
	}
	return e.text(korean), true
}

// Bilingual is "Korean / English" for a refusal.
func Bilingual(err error) (string, bool) {
	ko, ok := Korean(err)
	if !ok {
		return "", false
	}
	en, _ := English(err)
	return ko + " / " + en, true
}

// Known reports whether the catalogue has a sentence for code.
func Known(code Code) bool { _, ok := catalogue[code]; return ok }
