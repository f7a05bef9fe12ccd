package export

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// tempPrefix starts the name of every temporary file Write makes; tests look
// for leftovers by it.
const tempPrefix = ".kiosk-export-"

// WriteBytes writes data to path as the exports are written: through a
// temporary file renamed over path, so a symbolic link at path is
// replaced, never followed, and a failure leaves path as it was. The mode
// is an export's (0644 less the umask).
func WriteBytes(path string, data []byte) error {
	return writeAtomic(path, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// writeAtomic writes path through a temporary file in the same folder: fill
// writes the content, the file is synced and closed, then renamed over path.
// On any failure the temporary file is removed and path is left as it was.
func writeAtomic(path string, fill func(io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	if err := checkFolder(dir); err != nil {
		return err
	}
	// Renaming a file over a folder fails, but only after all the work;
	// say so now. A symbolic link (even to a folder) is fine: it is replaced.
	if fi, err := os.Lstat(path); err == nil && fi.IsDir() {
		return fmt.Errorf("export: %s is a folder, not a file", path)
	}

	tmp, err := CreateTemp(dir, tempPrefix, 0o644)
	if err != nil {
		return classify(err)
	}
	closed := false
	defer func() {
		if err != nil {
			if !closed {
				_ = tmp.Close()
			}
			_ = os.Remove(tmp.Name())
		}
	}()

	if err = fill(tmp); err != nil {
		return classify(err)
	}
	if err = tmp.Sync(); err != nil {
		return classify(err)
	}
	closed = true
	if err = tmp.Close(); err != nil {
		return classify(err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return classify(err)
	}
	SyncFolder(dir)
	return nil
}

// checkFolder reports ErrNoFolder unless dir is an existing folder.
func checkFolder(dir string) error {
	fi, err := os.Stat(dir)
	if err != nil {
		return classify(err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%w: %s is not a folder", ErrNoFolder, dir)
	}
	return nil
}

// CreateTemp makes a new file in dir, named prefix + random + ".tmp", that
// did not exist before (O_EXCL, so never a symbolic link planted there),
// with mode perm (less the umask): exports are 0644, opened by staff from
// USB sticks; backups 0600. It does not chmod, which FAT sticks may refuse.
func CreateTemp(dir, prefix string, perm fs.FileMode) (*os.File, error) {
	for range 10 {
		name := filepath.Join(dir, prefix+rand.Text()+".tmp")
		f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE|os.O_EXCL, perm)
		if errors.Is(err, fs.ErrExist) {
			continue
		}
		return f, err
	}
	return nil, fmt.Errorf("export: could not create a temporary file in %s", dir)
}

// SyncFolder makes a rename in dir durable where the file system allows
// it; some (and some platforms) refuse to sync a folder, which is not an
// error here.
func SyncFolder(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// classify wraps err in the sentinel error that says what went wrong, keeping
// err itself (and so its text and errors.Is on it) visible.
func classify(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return fmt.Errorf("%w: %w", ErrDiskFull, err)
	case errors.Is(err, syscall.EACCES), errors.Is(err, syscall.EPERM),
		errors.Is(err, syscall.EROFS), errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("%w: %w", ErrDenied, err)
	case errors.Is(err, syscall.ENOENT), errors.Is(err, syscall.ENOTDIR),
		errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("%w: %w", ErrNoFolder, err)
	}
	return fmt.Errorf("export: %w", err)
}
