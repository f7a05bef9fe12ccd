package ui

import (
	"errors"

	"github.com/yeongdeungpo/kiosk/booking"
)

// bookingErrors maps each booking refusal to its message key, most specific
// first.
var bookingErrors = []struct {
	err error
	key string
}{
	{booking.ErrNotAligned, "berr.grid"},
	{booking.ErrBadLength, "berr.length"},
	{booking.ErrClosed, "berr.closed"},
	{booking.ErrPast, "berr.past"},
	{booking.ErrTooFar, "berr.toofar"},
	{booking.ErrTaken, "berr.taken"},
	{booking.ErrNoRoom, "berr.noroom"},
	{booking.ErrName, "book.err.name"},
	{booking.ErrPhone, "book.err.phone"},
	{booking.ErrOrg, "book.err.org"},
	{booking.ErrConsent, "book.consent.refused"},
	{booking.ErrNoDiscount, "berr.discount"},
	{booking.ErrNotFound, "berr.notfound"},
	{booking.ErrPhoneMismatch, "berr.notfound"},
	{booking.ErrLookupLocked, "berr.lookuplocked"},
	{booking.ErrNotPayable, "berr.notpayable"},
	{booking.ErrLapsed, "berr.lapsed"},
	{booking.ErrNotCancel, "berr.notcancel"},
	{booking.ErrPassForged, "pass.err.forged"},
	{booking.ErrPassTooEarly, "pass.err.early"},
	{booking.ErrPassExpired, "pass.err.expired"},
	{booking.ErrPassWrongRoom, "pass.err.room"},
	{booking.ErrPassCancelled, "pass.err.cancelled"},
	{booking.ErrPassUsed, "pass.err.used"},
	{booking.ErrPassUnpaid, "pass.err.unpaid"},
	{booking.ErrBlock, "berr.block"},
	{booking.ErrBadRoom, "berr.room"},
	{booking.ErrBadSettings, "berr.settings"},
	{booking.ErrBadClosure, "berr.closure"},
}

// bookingMessage is the sentence for a booking error; unknown errors get a
// general one (and are logged by the caller).
func bookingMessage(err error) string {
	for _, e := range bookingErrors {
		if errors.Is(err, e.err) {
			return T(e.key)
		}
	}
	return T("error.general")
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
