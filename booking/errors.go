package booking

import "github.com/yeongdeungpo/kiosk/internal/errs"

// Refusal codes of the booking rules; errs has each one's sentence in Korean
// and English. The Err variables are refusals with these codes (match them
// with errors.Is); a refusal returned with its values (the limits in force,
// the room id) still matches its variable.
const (
	CodeNotAligned    errs.Code = "booking.not_aligned"
	CodeBadLength     errs.Code = "booking.bad_length" // args: shortest, longest booking in minutes
	CodeClosed        errs.Code = "booking.closed"
	CodePast          errs.Code = "booking.past"
	CodeTooFar        errs.Code = "booking.too_far" // args: days ahead
	CodeTaken         errs.Code = "booking.taken"
	CodeUnreleased    errs.Code = "booking.unreleased"
	CodeNotFound      errs.Code = "booking.not_found"
	CodeNoDiscount    errs.Code = "booking.no_discount"
	CodePayMethod     errs.Code = "booking.pay_method"
	CodeNotPayable    errs.Code = "booking.not_payable"
	CodeLapsed        errs.Code = "booking.lapsed"
	CodeNotCancel     errs.Code = "booking.not_cancellable"
	CodePhoneMismatch errs.Code = "booking.phone_mismatch"
	CodeLookupLocked  errs.Code = "booking.lookup_locked" // args: minutes left
	CodeBlock         errs.Code = "booking.block"
	CodeNoRoom        errs.Code = "booking.no_room" // args: the room id asked for
	CodeBadRoom       errs.Code = "booking.bad_room"
	CodeBadClosure    errs.Code = "booking.bad_closure"
	CodeBadSettings   errs.Code = "booking.bad_settings"
	CodeName          errs.Code = "booking.name" // args: shortest, longest name
	CodePhone         errs.Code = "booking.phone"
	CodeOrg           errs.Code = "booking.org" // args: longest organisation name
	CodeConsent       errs.Code = "booking.consent"
	CodePassForged    errs.Code = "booking.pass_forged"
	CodePassTooEarly  errs.Code = "booking.pass_too_early" // args: minutes before the start the window opens
	CodePassExpired   errs.Code = "booking.pass_expired"   // args: minutes after the start the window closed
	CodePassWrongRoom errs.Code = "booking.pass_wrong_room"
	CodePassCancelled errs.Code = "booking.pass_cancelled"
	CodePassUsed      errs.Code = "booking.pass_used"
	CodePassUnpaid    errs.Code = "booking.pass_unpaid"
	CodeNoPasses      errs.Code = "booking.no_passes"
	CodeNoPass        errs.Code = "booking.no_pass"
	CodeStaffOnly     errs.Code = "booking.staff_only"
)

// Codes lists every refusal code of the package (a test checks that the
// catalogue words each one).
var Codes = []errs.Code{CodeNotAligned, CodeBadLength, CodeClosed, CodePast, CodeTooFar, CodeTaken, CodeUnreleased,
	CodeNotFound, CodeNoDiscount, CodePayMethod, CodeNotPayable, CodeLapsed, CodeNotCancel, CodePhoneMismatch,
	CodeLookupLocked, CodeBlock, CodeNoRoom, CodeBadRoom, CodeBadClosure, CodeBadSettings,
	CodeName, CodePhone, CodeOrg, CodeConsent,
	CodePassForged, CodePassTooEarly, CodePassExpired, CodePassWrongRoom, CodePassCancelled, CodePassUsed,
	CodePassUnpaid, CodeNoPasses, CodeNoPass, CodeStaffOnly}
