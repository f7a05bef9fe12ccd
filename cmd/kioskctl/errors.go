package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
	"github.com/yeongdeungpo/kiosk/tenants/sheet"
)

// usageError is a command line kioskctl cannot make sense of (exit 2).
type usageError struct{ ko, en string }

func (u *usageError) Error() string { return u.ko + " / " + u.en }

// refusedError is a refusal with its own words (exit 1).
type refusedError struct{ ko, en string }

func (r *refusedError) Error() string { return r.ko + " / " + r.en }

// refusedf builds a refusedError; args fill both formats.
func refusedf(ko, en string, args ...any) error {
	return &refusedError{ko: fmt.Sprintf(ko, args...), en: fmt.Sprintf(en, args...)}
}

// usagef builds a usageError; args fill both the Korean and English format.
func usagef(ko, en string, args ...any) error {
	return &usageError{ko: fmt.Sprintf(ko, args...), en: fmt.Sprintf(en, args...)}
}

// missing is the usage error of a required flag that was not given.
func missing(name string) error {
	return usagef("-%s 옵션이 필요합니다", "flag -%s is required", name)
}

// flagError turns the flag package's error into a bilingual usage error.
// givenTwice matches the flag package's report of a onceValue refusing.
// ("invalid value "x" for flag -room: ...", "invalid boolean flag json: ...").
var givenTwice = regexp.MustCompile(`(?:for (?:flag )?-|boolean flag )(\S+): ` + errGivenTwice.Error() + `$`)

func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return usagef("알 수 없는 옵션 %s", "unknown flag %s", name)
	}
	if m := givenTwice.FindStringSubmatch(msg); m != nil {
		return usagef("-%s 옵션을 두 번 주었습니다", "flag -%s given twice", m[1])
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return usagef("%s 옵션에 값이 없습니다", "flag %s needs a value", name)
	}
	return usagef("옵션 오류: %s", "bad flag: %s", msg)
}

// commandFlagError is flagError with a hint when a global flag was put
// after the command.
func commandFlagError(err error) error {
	err = flagError(err)
	var ue *usageError
	if errors.As(err, &ue) {
		for _, g := range []string{"-data", "-now", "-json"} {
			if ue.en == "unknown flag "+g {
				ue.ko += " (전역 옵션은 명령 앞에 씁니다: kioskctl " + g + " ...)"
				ue.en += " (global flags go before the command: kioskctl " + g + " ...)"
			}
		}
	}
	return err
}

// usageFailure prints a usage error and the usage text, and returns 2.
func usageFailure(w io.Writer, err error, usage func(io.Writer)) int {
	fmt.Fprintf(w, "kioskctl: %s\n", oneLine(err.Error()))
	usage(w)
	return exitUsage
}

// refuse prints why a command was refused, on one line, and returns 1.
func refuse(w io.Writer, err error) int {
	fmt.Fprintln(w, oneLine(refusal(err)))
	return exitRefused
}

// oneLine keeps a message to one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// refusal is the Korean / English line for err. A refusal with a code
// (booking, staff, pass, tenants) is worded by the errs catalogue; kioskctl
// only adds its own hints.
func refusal(err error) string {
	var r *refusedError
	if errors.As(err, &r) {
		return r.ko + " / " + r.en
	}
	if ko, ok := errs.Korean(err); ok {
		en, _ := errs.English(err)
		if h, ok := hints[errs.CodeOf(err)]; ok {
			ko, en = ko+" "+h.ko, en+" "+h.en
		}
		return ko + " / " + en
	}
	var row *sheet.RowError
	if errors.As(err, &row) {
		return row.KOText() + " / " + row.Error()
	}
	for _, m := range messages {
		if errors.Is(err, m.err) {
			return m.text
		}
	}
	if errors.Is(err, store.ErrInUse) || errors.Is(err, store.ErrUnreadable) || errors.Is(err, store.ErrCorrupt) || errors.Is(err, store.ErrDiskFull) {
		return store.OpenMessage("", err)
	}
	return fmt.Sprintf("처리하지 못했습니다: %v / Could not complete: %v", err, err)
}

// hints follow a refusal's sentence with what a kioskctl user can do about
// it (the catalogue's sentences are the kiosk's, for visitors).
var hints = map[errs.Code]struct{ ko, en string }{
	booking.CodeNoRoom:      {"kioskctl rooms로 확인하세요.", "See kioskctl rooms."},
	tenants.CodeNoUnit:      {"kioskctl units로 확인하세요.", "See kioskctl units."},
	tenants.CodeTermTooLong: {"연장은 kioskctl extend로 합니다.", "Extend with kioskctl extend."},
}

// messages words the store's errors kioskctl can meet.
var messages = []struct {
	err  error
	text string
}{
	{store.ErrNewerSchema, store.OpenMessage("", store.ErrNewerSchema)},
	{store.ErrAuditBroken, "감사 기록이 손상되었습니다. / The audit log is broken."},
}
