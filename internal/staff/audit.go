package staff

import (
	"errors"
	"fmt"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// MaxAuditPage is the most entries one AuditLog page holds.
const MaxAuditPage = 200

// AuditEntry is one entry of the audit log.
type AuditEntry = store.AuditEntry

// The actors of the audit log that are not members of staff.
const (
	ActorSystem  = store.ActorSystem  // the kiosk's own jobs (the sweep)
	ActorVisitor = store.ActorVisitor // a visitor at the kiosk
	ActorCLI     = store.ActorCLI     // kioskctl
)

// AuditFilter selects audit entries: Actor, when set, is the person (or
// program) exactly; Action, when set, starts the action: "booking." takes
// every booking action, "staff.login" the logins with their failures
// ("staff.login.failed"), "booking.pay" the payments only.
type AuditFilter struct {
	Actor  store.Actor
	Action string
}

// AuditLog is one page of the audit log for the audit screen: the entries
// with Seq below before (0: from the newest) that f selects, newest first,
// at most limit (1..MaxAuditPage; out of range, the nearest). more reports
// whether older selected entries exist: the next page is AuditLog with
// before set to the last entry's Seq. The log is read backwards and only
// as far as the page needs. Needs PermAudit.
func (s *Service) AuditLog(actor store.Actor, f AuditFilter, before uint64, limit int) (page []AuditEntry, more bool, err error) {
	if err := Allowed(s.db, actor, PermAudit); err != nil {
		return nil, false, err
	}
	limit = min(max(limit, 1), MaxAuditPage)
	return s.db.AuditPage(before, limit, store.AuditMatch{Actor: f.Actor, ActionPrefix: f.Action})
}

// VerifyAudit walks the whole audit chain and returns how many entries it
// holds. A broken chain is ErrAuditBroken, naming how many entries were
// intact before the break (and matching store.ErrAuditBroken). Needs
// PermAudit.
func (s *Service) VerifyAudit(actor store.Actor) (entries int, err error) {
	if err := Allowed(s.db, actor, PermAudit); err != nil {
		return 0, err
	}
	n, err := s.db.VerifyAudit()
	if errors.Is(err, store.ErrAuditBroken) {
		return n, fmt.Errorf("%w: %w", errs.New(CodeAuditBroken, n), err)
	}
	return n, err
}
