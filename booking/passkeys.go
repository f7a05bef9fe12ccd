package booking

import (
	"errors"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// RotatePassKey makes a new key sign the passes from now on, on purpose
// (a key that may have leaked, or a yearly change). Passes signed with the
// older keys keep verifying, so nobody's pass stops working. The key file is
// written before the new key is used, and the audit log records who rotated
// and the new key's id (never a key). A visitor cannot rotate.
func (s *Service) RotatePassKey(actor Actor) (uint8, error) {
	if actor == ActorVisitor || actor == "" {
		return 0, errors.New("booking: only staff rotate the pass keys")
	}
	if s.keys == nil {
		return 0, ErrNoPasses
	}
	var id uint8
	err := s.db.Update(actor, "pass.rotate_key", func(tx *store.Txn) error {
		var err error
		if id, err = s.keys.Rotate(s.keys.Dir()); err != nil {
			return err
		}
		tx.Note("pass key %d now signs new passes", id)
		return nil
	})
	return id, err
}
