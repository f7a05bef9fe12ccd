package store

import (
	"fmt"
	"log/slog"
	"os"
)

// OpenUnsynced is Open with the kiosk's options but SyncWrites off: a commit
// returns before its write reaches the disk, so a crash or power cut can
// lose the last writes (or the audit chain's tail). It is for building large
// fixtures in benchmarks and tests, and for the scratch store a backup is
// verified in and then thrown away; never for data that matters. Close
// the store and reopen it with Open before timing or checking what the
// kiosk itself would do.
func OpenUnsynced(dir string) (*DB, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w: %s is not a directory", ErrUnreadable, dir)
	}
	db, err := open(Options(dir, slog.Default()).WithSyncWrites(false), dir)
	if err != nil {
		return nil, err
	}
	db.closeAnchor = true // see anchor.go: only a clean Close puts it level
	return db, nil
}
