package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/store"
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
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return err
	}
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		return usagef("알 수 없는 옵션 %s", "unknown flag %s", name)
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
func refuse(w io.Writer, err error, e *env) int {
	var st *booking.Settings
	if e != nil {
		st = &e.settings
	}
	fmt.Fprintln(w, oneLine(refusal(err, st)))
	return exitRefused
}

// oneLine keeps a message to one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// refusal is the Korean / English line for err; st (nil when unknown) fills
// in the limits that staff can change.
func refusal(err error, st *booking.Settings) string {
	var r *refusedError
	if errors.As(err, &r) {
		return r.ko + " / " + r.en
	}
	if msg, ok := errs.Bilingual(err); ok {
		return msg
	}
	var row *sheet.RowError
	if errors.As(err, &row) {
		return row.KOText() + " / " + row.Error()
	}
	if msg, ok := ruleMessage(err, st); ok {
		return msg
	}
	for _, m := range messages {
		if errors.Is(err, m.err) {
			return m.text
		}
	}
	if errors.Is(err, store.ErrInUse) || errors.Is(err, store.ErrUnreadable) || errors.Is(err, store.ErrCorrupt) {
		return store.OpenMessage("", err)
	}
	return fmt.Sprintf("처리하지 못했습니다: %v / Could not complete: %v", err, err)
}

// ruleMessage words the refusals whose limits come from the settings.
func ruleMessage(err error, st *booking.Settings) (string, bool) {
	if st == nil {
		return "", false
	}
	switch {
	case errors.Is(err, booking.ErrBadLength):
		return fmt.Sprintf("예약은 %d분 이상 %d분 이하로 할 수 있습니다. / A booking lasts %d to %d minutes.",
			st.MinMinutes, st.MaxMinutes, st.MinMinutes, st.MaxMinutes), true
	case errors.Is(err, booking.ErrTooFar):
		return fmt.Sprintf("예약은 오늘부터 %d일 뒤까지만 할 수 있습니다. / Bookings open at most %d days ahead.",
			st.AdvanceDays, st.AdvanceDays), true
	case errors.Is(err, booking.ErrPassTooEarly):
		return fmt.Sprintf("아직 입실 시간이 아닙니다(시작 %d분 전부터). / Too early to check in: the pass opens %d minutes before the start.",
			st.CheckInBefore, st.CheckInBefore), true
	case errors.Is(err, booking.ErrPassExpired):
		return fmt.Sprintf("입실 가능 시간이 지났습니다(시작 %d분 후까지). / The check-in time has passed (it closes %d minutes after the start).",
			st.CheckInAfter, st.CheckInAfter), true
	}
	return "", false
}

// messages gives each error kioskctl can meet its own line.
var messages = []struct {
	err  error
	text string
}{
	{booking.ErrNotAligned, "시각은 30분 단위(정각 또는 30분)로 입력하세요. / Times must be on the half hour (10:00, 10:30)."},
	{booking.ErrBadLength, "예약 시간이 너무 짧거나 깁니다. / The booking is too short or too long."},
	{booking.ErrClosed, "그 시간에는 시설을 운영하지 않습니다(휴관일 또는 운영 시간 외). / The rooms are not open then (a closed day or outside opening hours)."},
	{booking.ErrPast, "이미 지난 시간입니다. / That time has already passed."},
	{booking.ErrTooFar, "너무 먼 날짜입니다. / That date is too far ahead."},
	{booking.ErrTaken, "그 시간에는 이미 예약이 있습니다. / That time is already booked."},
	{booking.ErrNoRoom, "그런 시설이 없습니다(kioskctl rooms로 확인). / No such room (see kioskctl rooms)."},
	{booking.ErrName, "이름을 1~30자로 입력하세요. / Enter a name of 1 to 30 characters."},
	{booking.ErrPhone, "휴대전화 번호를 확인하세요(예: 010-1234-5678). / Check the mobile number (e.g. 010-1234-5678)."},
	{booking.ErrOrg, "단체명은 40자 이내로 입력하세요. / The organisation name is at most 40 characters."},
	{booking.ErrConsent, "개인정보 수집·이용 동의가 필요합니다. / Consent to the collection of personal data is needed."},
	{booking.ErrNoDiscount, "그런 감면 항목이 없습니다. / No such discount."},
	{booking.ErrNotFound, "그런 예약 번호가 없습니다. / No booking with that code."},
	{booking.ErrPayMethod, "결제 방법은 cash(현금), card(카드), transfer(계좌이체) 중 하나입니다. / The payment method must be cash, card or transfer."},
	{booking.ErrNotPayable, "결제할 수 없는 예약입니다(이미 결제·취소되었거나 시간이 지남). / This booking cannot be paid (already paid, cancelled or past)."},
	{booking.ErrLapsed, "결제 기한이 지나 예약이 효력을 잃었습니다. / The unpaid hold has lapsed."},
	{booking.ErrNotCancel, "이 예약은 더 이상 취소할 수 없습니다(이미 시작했거나 이용·취소됨). / This booking can no longer be cancelled (started, used or cancelled)."},
	{booking.ErrPhoneMismatch, "전화번호가 예약과 맞지 않습니다. / The phone number does not match the booking."},
	{booking.ErrLookupLocked, "이 예약번호는 잠시 조회할 수 없습니다(잘못된 입력이 많음). / Too many wrong attempts for this booking code; try later."},
	{booking.ErrPassForged, "정상적인 출입 QR이 아닙니다. / This pass is not genuine."},
	{booking.ErrPassTooEarly, "아직 입실 시간이 아닙니다. / Too early to check in."},
	{booking.ErrPassExpired, "입실 가능 시간이 지났습니다. / The check-in time has passed."},
	{booking.ErrPassWrongRoom, "다른 시설의 출입 QR입니다. / This pass is for another room."},
	{booking.ErrPassCancelled, "취소되었거나 효력을 잃은 예약입니다. / The booking was cancelled or has lapsed."},
	{booking.ErrPassUsed, "이미 입실 확인한 출입 QR입니다. / This pass was already used."},
	{booking.ErrPassUnpaid, "결제하지 않은 예약입니다. 먼저 결제하세요. / The booking is not paid yet; take payment first."},
	{booking.ErrNoPasses, "출입 QR 키가 설정되지 않았습니다. / Passes are not set up (no pass keys)."},
	{booking.ErrNoPass, "이 예약에는 출입 QR이 없습니다(취소·만료된 예약). / This booking has no pass (cancelled or lapsed)."},
	{store.ErrNewerSchema, store.OpenMessage("", store.ErrNewerSchema)},
	{store.ErrAuditBroken, "감사 기록이 손상되었습니다. / The audit log is broken."},
}
