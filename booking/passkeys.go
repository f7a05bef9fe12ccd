package booking

import (
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// ErrStaffOnly: a visitor (or nobody) asked for what only staff may do.
var ErrStaffOnly = errs.New(CodeStaffOnly)

// RotatePassKey makes a new key sign the passes from now on, on purpose
// (a key that may have leaked, or a yearly change). Passes signed with the
// older keys keep verifying, so nobody's pass stops working. The key file is
// written before the new key is used; then the audit log records who
// rotated and the new key's id (never a key). The rotation happens once,
// outside the audited transaction, which a conflict may run again. A
// visitor cannot rotate, nor the kiosk's own jobs; staff need
// staff.PermSettings, asked before the key file is touched and again in
// the audited write.
func (s *Service) RotatePassKey(actor Actor) (uint8, error) {
	if actor == ActorVisitor || actor == ActorSystem || actor == "" {
		return 0, ErrStaffOnly
	}
	if err := staff.Allowed(s.db, actor, staff.PermSettings); err != nil {
		return 0, err
	}
	if s.keys == nil {
		return 0, ErrNoPasses
	}
	id, err := s.keys.Rotate(s.keys.Dir())
	if err != nil {
		return 0, err
	}
	err = s.db.Update(actor, "pass.rotate_key", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermSettings); err != nil {
			return err
		}
		tx.Note("pass key %d now signs new passes", id)
		return nil
	})
	return id, err
}
