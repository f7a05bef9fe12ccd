package pass

import "github.com/yeongdeungpo/kiosk/internal/errs"

// Refusal codes of pass tokens and key files; errs has each one's sentence
// in Korean and English. Check-in reports a token Verify refuses as
// booking's ErrPassForged, with these as detail.
const (
	CodeMalformed     errs.Code = "pass.malformed"
	CodeVersion       errs.Code = "pass.version"
	CodeUnknownKey    errs.Code = "pass.unknown_key" // args: the key id the token names
	CodeForged        errs.Code = "pass.forged"
	CodeInvalidClaims errs.Code = "pass.invalid_claims"
	CodeKeyFile       errs.Code = "pass.key_file"
)

// Codes lists every refusal code of the package (a test checks that the
// catalogue words each one).
var Codes = []errs.Code{CodeMalformed, CodeVersion, CodeUnknownKey, CodeForged, CodeInvalidClaims, CodeKeyFile}
