//go:build unix

package backup

import (
	"os"
	"syscall"
)

// errNotEmptySys is what renaming over a folder that is not empty gives.
var errNotEmptySys error = syscall.ENOTEMPTY

// holdLock takes an exclusive lock (flock) on the file or folder at path,
// held until release, creating the file if need be: it tells a backup's
// temporary file or scratch store in use from one a killed backup left,
// whose lock died with it.
func holdLock(path string) (release func(), err error) {
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		_ = f.Close()
		return nil, err
	}
	return func() { _ = f.Close() }, nil
}

// abandoned reports whether nobody holds the lock on path: the backup that
// made it is gone.
func abandoned(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	return syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB) == nil
}
