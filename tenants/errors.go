package tenants

import "github.com/yeongdeungpo/kiosk/internal/errs"

// Refusal codes of the tenancy rules; errs has each one's sentence in Korean
// and English. Match them with errors.Is(err, errs.New(Code...)).
const (
	CodeNoUnit          errs.Code = "tenants.no_unit"
	CodeNoLease         errs.Code = "tenants.no_lease"
	CodeOccupied        errs.Code = "tenants.occupied"
	CodeCompany         errs.Code = "tenants.company"
	CodeRepresentative  errs.Code = "tenants.representative"
	CodePhone           errs.Code = "tenants.phone"
	CodeBRN             errs.Code = "tenants.brn"
	CodeBRNRequired     errs.Code = "tenants.brn_required"
	CodeBirthRequired   errs.Code = "tenants.birth_required"
	CodeYouthAge        errs.Code = "tenants.youth_age"
	CodeDates           errs.Code = "tenants.dates"
	CodeTermTooLong     errs.Code = "tenants.term_too_long"
	CodeMoney           errs.Code = "tenants.money"
	CodeAgencyRent      errs.Code = "tenants.agency_rent"
	CodeKindMismatch    errs.Code = "tenants.kind_mismatch"
	CodeReentryBan      errs.Code = "tenants.reentry_ban"
	CodeMaxTenure       errs.Code = "tenants.max_tenure"
	CodeEnded           errs.Code = "tenants.ended"
	CodeMovedOut        errs.Code = "tenants.moved_out"
	CodeMoveOutDate     errs.Code = "tenants.moveout_date"
	CodeNoLeaseOnDate   errs.Code = "tenants.no_lease_on_date"
	CodeAmount          errs.Code = "tenants.amount"
	CodePayMethod       errs.Code = "tenants.pay_method"
	CodeFutureDate      errs.Code = "tenants.future_date"
	CodeSettings        errs.Code = "tenants.settings"
	CodeAlreadyImported errs.Code = "tenants.already_imported"
	CodeImportRow       errs.Code = "tenants.import_row"
)

// Codes lists every refusal code of the package (a test checks that the
// catalogue words each one).
var Codes = []errs.Code{CodeNoUnit, CodeNoLease, CodeOccupied, CodeCompany, CodeRepresentative, CodePhone,
	CodeBRN, CodeBRNRequired, CodeBirthRequired, CodeYouthAge, CodeDates, CodeTermTooLong, CodeMoney,
	CodeAgencyRent, CodeKindMismatch, CodeReentryBan, CodeMaxTenure, CodeEnded, CodeMovedOut, CodeMoveOutDate,
	CodeNoLeaseOnDate, CodeAmount, CodePayMethod, CodeFutureDate, CodeSettings, CodeAlreadyImported, CodeImportRow}
