package store

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
)

// ErrDiskFull: the disk holding the data directory has no room left for the
// store to work in. Nothing stored is lost; free some space and try again.
// Open and every write (Update, Bulk, Load) report it, matchable with
// errors.Is, whether Badger met ENOSPC or the store saw the room run out
// before letting Badger try (see reserveBytes).
var ErrDiskFull = errors.New("store: disk full")

// Cause names, in a short phrase, why a data directory was refused as
// damaged; OpenMessage words it for the person.
type Cause int

// The causes Open tells apart.
const (
	CauseUnknown         Cause = iota
	CauseManifestMissing       // tables or logs but no MANIFEST
	CauseManifestDamaged       // the MANIFEST cannot be read
	CauseTableMissing          // the MANIFEST lists a table that is not there
	CauseTableDamaged          // a table failed its checksum or cannot be read
	CauseTablesUnlisted        // tables hold data the MANIFEST does not list (a MANIFEST cut short)
	CauseLogDamaged            // a memtable log (.mem) or value log (.vlog) cannot be replayed
	CauseValueDamaged          // a stored value failed its checksum
	CauseAuditBroken           // an audit entry was altered or removed
	CauseAuditTail             // the audit log lost its latest entries (behind its anchor)
	CauseFilesMissing          // the anchor says there was data, but the store's files are gone
	CauseEngineFailed          // Badger panicked on the files
)

var causeText = map[Cause]struct{ ko, en string }{
	CauseUnknown:         {"", ""},
	CauseManifestMissing: {"MANIFEST 파일이 없음", "the MANIFEST file is missing"},
	CauseManifestDamaged: {"MANIFEST 파일이 손상됨", "the MANIFEST file is damaged"},
	CauseTableMissing:    {"데이터 파일(.sst)이 없음", "a table file (.sst) is missing"},
	CauseTableDamaged:    {"데이터 파일(.sst)의 검사합이 맞지 않음", "a table (.sst) failed its checksum"},
	CauseTablesUnlisted:  {"MANIFEST에 없는 데이터 파일에만 있는 기록이 있음", "tables the MANIFEST does not list hold data found nowhere else"},
	CauseLogDamaged:      {"쓰기 기록(.mem/.vlog)이 손상됨", "a write log (.mem/.vlog) is damaged"},
	CauseValueDamaged:    {"저장된 값의 검사합이 맞지 않음", "a stored value failed its checksum"},
	CauseAuditBroken:     {"감사 기록이 바뀌었거나 빠짐", "the audit log was altered or has a gap"},
	CauseAuditTail:       {"감사 기록의 최근 항목이 사라짐", "the audit log lost its latest entries"},
	CauseFilesMissing:    {"데이터 파일이 모두 사라짐", "the data files are gone"},
	CauseEngineFailed:    {"데이터베이스 엔진이 파일을 읽다 멈춤", "the database engine failed on the files"},
}

// openError is a classified refusal: kind is one of the Err values above,
// cause says why in a phrase (damage only), err is the detail.
type openError struct {
	kind  error
	cause Cause
	err   error
}

func (e *openError) Error() string {
	var b strings.Builder
	b.WriteString(e.kind.Error())
	if t := causeText[e.cause].en; t != "" {
		b.WriteString(": " + t)
	}
	if e.err != nil {
		b.WriteString(": " + e.err.Error())
	}
	return b.String()
}

// Unwrap lets errors.Is match the kind and anything in the detail (such as
// ErrAuditBroken).
func (e *openError) Unwrap() []error {
	if e.err == nil {
		return []error{e.kind}
	}
	return []error{e.kind, e.err}
}

func corrupt(c Cause, err error) error { return &openError{kind: ErrCorrupt, cause: c, err: err} }

func corruptf(c Cause, format string, a ...any) error {
	return corrupt(c, fmt.Errorf(format, a...))
}

// CauseOf is the cause of a damaged-directory error (CauseUnknown if err
// gives none).
func CauseOf(err error) Cause {
	var oe *openError
	if errors.As(err, &oe) {
		return oe.cause
	}
	return CauseUnknown
}

// isNoSpace reports whether err is a full disk. Badger formats most of the
// errors it passes on (%+v), losing the chain, so the text is read too.
func isNoSpace(err error) bool {
	if err == nil {
		return false
	}
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) || errors.Is(err, ErrDiskFull) {
		return true
	}
	msg := err.Error()
	return strings.Contains(msg, "no space left on device") || strings.Contains(msg, "disk quota exceeded")
}

// diskFull wraps err (already a full disk) as ErrDiskFull, once.
func diskFull(err error) error {
	if errors.Is(err, ErrDiskFull) {
		return err
	}
	return &openError{kind: ErrDiskFull, err: err}
}

// writeError classifies an error from a write: a full disk becomes
// ErrDiskFull; anything else is returned as it is.
func writeError(err error) error {
	if isNoSpace(err) {
		return diskFull(err)
	}
	return err
}
