package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// makePrivate makes the data directory its owner's only, as it holds names
// and phone numbers: the directory 0700 and every file in it 0600, on every
// open (a directory copied or unpacked with looser modes is put right), and
// the process's file mode mask 077, so that what Badger and the kiosk
// create from now on (tables, logs, keys, exports) is private as well.
func makePrivate(dir string) error {
	privateUmask()
	if err := os.Chmod(dir, 0o700); err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue // Badger keeps no subdirectories; a symlink is left as it is
		}
		info, err := e.Info()
		if err != nil {
			return fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
		if info.Mode().Perm()&0o077 == 0 {
			continue
		}
		if err := os.Chmod(filepath.Join(dir, e.Name()), info.Mode().Perm()&0o700); err != nil {
			return fmt.Errorf("%w: %v", ErrUnreadable, err)
		}
	}
	return nil
}
