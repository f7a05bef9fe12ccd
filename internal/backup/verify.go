package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/export"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// scratchPrefix starts the name of the folder a backup is verified in.
const scratchPrefix = ".kiosk-verify-"

// scratchLock is the file in a scratch folder whose lock its backup holds.
const scratchLock = ".backup-lock"

// Verify checks the backup file at path: its checksum and structure, then
// restores it into a scratch store in a temporary folder inside scratch (""
// for the system's temporary folder), walks the audit chain there and
// checks that it ends at the head the file recorded. The scratch store is
// removed. Only a file that passes all of it is good. Refusals: ErrNoFile,
// ErrNotBackup, ErrNewer, ErrDamaged, ErrVerifyFailed.
func Verify(path, scratch string) (Info, error) {
	return verify(context.Background(), path, path, scratch, -1)
}

// verify is Verify of the file at path, which refusals call name, read at
// rate bytes a second (see pacer).
func verify(ctx context.Context, path, name, scratch string, rate int64) (Info, error) {
	o, err := open(path, name)
	if err != nil {
		return Info{}, err
	}
	defer o.f.Close()
	root := scratch
	if root == "" {
		root = os.TempDir()
	}
	removeAbandoned(root, scratchPrefix)
	tmp, err := os.MkdirTemp(scratch, scratchPrefix)
	if err != nil {
		return Info{}, fmt.Errorf("backup: a scratch folder to verify in: %w", err)
	}
	defer os.RemoveAll(tmp)
	// The lock is a file inside: Badger locks the folder itself.
	release, err := holdLock(filepath.Join(tmp, scratchLock))
	if err != nil {
		return Info{}, fmt.Errorf("backup: a scratch folder to verify in: %w", err)
	}
	defer release()
	// The scratch store is thrown away: its writes need not wait for the
	// disk, which would only slow the kiosk's own synced commits meanwhile.
	db, err := load(newPacer(ctx, rate), o, tmp, name, store.OpenUnsynced)
	if err != nil {
		return Info{}, err
	}
	if err := db.Close(); err != nil {
		return Info{}, err
	}
	return o.info(name), nil
}

// load restores the checked file o into a new store in dir, opened with
// open, and verifies it there; the store is returned open.
func load(pace *pacer, o *opened, dir, name string, open func(string) (*store.DB, error)) (*store.DB, error) {
	db, err := open(dir)
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*store.DB, error) {
		_ = db.Close()
		return nil, err
	}
	if n := db.AuditLen(); n != 0 {
		return fail(fmt.Errorf("backup: the store to load into holds %d audit entries", n))
	}
	if err := db.Load(&ctxReader{pace: pace, r: o.stream()}); err != nil {
		if err := pace.ctx.Err(); err != nil {
			return fail(err)
		}
		// The checksum matched, so the stream is as it was written: one
		// Badger will not load was written wrong.
		return fail(fmt.Errorf("%w: loading: %v", errs.New(CodeVerifyFailed, name), err))
	}
	n, err := db.VerifyAudit()
	if err != nil {
		return fail(fmt.Errorf("%w: %v", errs.New(CodeVerifyFailed, name), err))
	}
	head := ""
	if n > 0 {
		last, err := db.AuditLog(uint64(n-1), 1)
		if err != nil || len(last) != 1 {
			return fail(fmt.Errorf("%w: reading the last audit entry: %v", errs.New(CodeVerifyFailed, name), err))
		}
		head = last[0].Hash
	}
	if uint64(n) != o.t.AuditSeq || head != o.t.AuditHash {
		return fail(fmt.Errorf("%w: the restored chain ends at %d %.12s, the backup recorded %d %.12s",
			errs.New(CodeVerifyFailed, name), n, head, o.t.AuditSeq, o.t.AuditHash))
	}
	if v, err := db.SchemaVersion(); err != nil || (o.t.Schema != 0 && v != o.t.Schema) {
		return fail(fmt.Errorf("%w: schema %d (%v), the backup recorded %d", errs.New(CodeVerifyFailed, name), v, err, o.t.Schema))
	}
	return db, nil
}

// ctxReader reads from r at the pace's rate until its context is done.
type ctxReader struct {
	pace *pacer
	r    io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if perr := c.pace.add(n); perr != nil {
		return 0, perr
	}
	return n, err
}

// Restore makes dir the data directory the backup file at path holds: its
// store and its pass keys, so that passes issued before the backup still
// check in. dir must be an empty folder or not exist yet (ErrNotEmpty
// otherwise, and dir is left alone). The file is restored into a hidden
// folder beside dir and verified there as Verify does, the restore is
// recorded in its audit log by actor (the file's name, no personal data),
// the keys written (0600), and only then is the folder renamed to dir: a
// refused or failed restore leaves nothing.
func Restore(path, dir string, actor store.Actor) (info Info, entries int, err error) {
	dir = filepath.Clean(dir)
	if err := emptyOrNew(dir); err != nil {
		return Info{}, 0, err
	}
	o, err := open(path, path)
	if err != nil {
		return Info{}, 0, err
	}
	defer o.f.Close()
	parent := filepath.Dir(dir)
	if err := os.MkdirAll(parent, 0o700); err != nil {
		return Info{}, 0, err
	}
	tmp, err := os.MkdirTemp(parent, ".kiosk-restore-")
	if err != nil {
		return Info{}, 0, err
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(tmp)
		}
	}()
	db, err := load(newPacer(context.Background(), -1), o, tmp, path, func(dir string) (*store.DB, error) { return store.Open(dir) })
	if err != nil {
		return Info{}, 0, err
	}
	info = o.info(path)
	err = db.Update(actor, "backup.restore", func(tx *store.Txn) error {
		tx.Note("restored from %s, made %s", filepath.Base(path), info.Created.Format("2006-01-02T15:04:05Z"))
		tx.Note("audit entries %d, head %.16s", info.AuditSeq, info.AuditHash)
		return nil
	})
	entries = db.AuditLen()
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return Info{}, 0, err
	}
	if o.h.Keys != nil {
		// Always the name the kiosk reads its keys from: a name carried in
		// the file could be a store file's (MANIFEST, audit-head).
		if err := writeKeys(filepath.Join(tmp, pass.KeyFile), o.h.Keys); err != nil {
			return Info{}, 0, err
		}
	}
	export.SyncFolder(tmp)
	// rename replaces an empty folder; one filled meanwhile is refused.
	if err := os.Rename(tmp, dir); err != nil {
		if errors.Is(err, fs.ErrExist) || errors.Is(err, errNotEmptySys) {
			return Info{}, 0, fmt.Errorf("%w: %w", errs.New(CodeNotEmpty, dir), err)
		}
		return Info{}, 0, err
	}
	export.SyncFolder(parent)
	return info, entries, nil
}

func writeKeys(path string, keys []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(keys); err != nil {
		_ = f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// emptyOrNew refuses a dir that exists and is anything but an empty folder
// (a file, a symbolic link, a folder with anything in it).
func emptyOrNew(dir string) error {
	fi, err := os.Lstat(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !fi.IsDir() {
		return errs.New(CodeNotEmpty, dir)
	}
	es, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(es) > 0 {
		return errs.New(CodeNotEmpty, dir)
	}
	return nil
}
