//go:build kiosk_next_schema

package centre

import (
	"bytes"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// The kiosk_next_schema build is this kiosk "one version on", for the
// update rehearsal (internal/install's TestUpdateRehearsal), never shipped:
// one more schema step, which rewrites every booking record as a real
// migration touching all data would.
func init() {
	Migrations = append(Migrations, store.Migration{Version: len(Migrations) + 1, Name: "rehearsal: every booking rewritten",
		Apply: func(tx *store.Txn) error {
			var keys, vals [][]byte
			if err := tx.Scan(store.Prefix("booking"), func(k, v []byte) error {
				keys, vals = append(keys, bytes.Clone(k)), append(vals, bytes.Clone(v))
				return nil
			}); err != nil {
				return err
			}
			for i, k := range keys {
				if err := tx.PutRaw(k, vals[i]); err != nil {
					return err
				}
			}
			return nil
		}})
}
