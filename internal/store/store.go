package store

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// Errors that Open reports; match them with errors.Is.
var (
	// ErrInUse: another process holds the data directory.
	ErrInUse = errors.New("store: data directory in use by another process")
	// ErrUnreadable: the directory cannot be created, read or written.
	ErrUnreadable = errors.New("store: data directory unreadable")
	// ErrCorrupt: the directory holds files Badger cannot make sense of.
	ErrCorrupt = errors.New("store: data directory corrupt")
	// ErrNotFound: a key looked up does not exist.
	ErrNotFound = errors.New("store: not found")
	// ErrReadOnly: a write was attempted inside View.
	ErrReadOnly = errors.New("store: write in a read-only transaction")
)

// maxRetries bounds how often Update re-runs a closure that lost a conflict.
const maxRetries = 16

// Actor is the person (or program) on whose behalf a write is made.
type Actor string

// Well-known actors.
const (
	ActorSystem  Actor = "system"
	ActorVisitor Actor = "visitor"
	ActorCLI     Actor = "kioskctl"
)

// DB is an open store. Writes are serialised through Update, which keeps the
// audit chain gap-free; reads run concurrently through View.
type DB struct {
	bdb *badger.DB
	dir string

	// Now is the clock used for audit timestamps; tests may replace it
	// before the first write.
	Now func() time.Time
	// Overridden, when set, is the overridden clock the writes are judged
	// on (kioskctl -now in a rehearsal directory): every audit entry then
	// records it beside the real time in At. Set it before the first write.
	Overridden func() time.Time

	mu   sync.Mutex // serialises Update and guards head
	head auditHead
	// closeAnchor: the anchor is written at Close only (OpenUnsynced,
	// whose writes a crash can lose: an anchor written after each would
	// then be ahead of the store).
	closeAnchor bool
}

// Options returns the kiosk's small-footprint Badger options for dir ("" for
// an in-memory store).
func Options(dir string, log *slog.Logger) badger.Options {
	o := badger.DefaultOptions(dir).
		WithMemTableSize(8 << 20).
		WithNumMemtables(2).
		WithNumLevelZeroTables(2).
		WithNumLevelZeroTablesStall(4).
		WithBlockCacheSize(8 << 20).
		WithIndexCacheSize(4 << 20).
		WithValueLogFileSize(16 << 20).
		WithValueThreshold(64 << 10).
		WithBaseTableSize(2 << 20).
		WithNumCompactors(2).
		WithNumGoroutines(2).
		WithMetricsEnabled(false).
		WithSyncWrites(true).
		WithCompactL0OnClose(true).
		// Every table's blocks are verified when it is opened and each
		// block again when it is read; values in the value log too.
		WithChecksumVerificationMode(options.OnTableAndBlockRead).
		WithVerifyValueChecksum(true).
		// WithLoggingLevel installs Badger's own stderr logger, so it must
		// come before WithLogger; slogLogger drops info and debug itself.
		WithLoggingLevel(badger.WARNING).
		WithLogger(slogLogger{log})
	if dir == "" {
		o = o.WithInMemory(true)
	}
	return o
}

// Open opens (creating if needed) the store in dir. The directory and its
// files are made their owner's only, and so is every file the process
// creates from then on (see makePrivate).
//
// Nothing is written to an existing directory until a copy of it has been
// opened and verified (see safeopen.go): every table and value against its
// checksum, the audit chain against its anchor. A directory that fails is
// refused with ErrCorrupt (CauseOf says why) and left as it was; a full
// disk is ErrDiskFull; the leftovers of a crash Badger recovers from are
// recovered. With KnownSchema, a store from a newer program is refused
// with ErrNewerSchema, also before anything is written.
func Open(dir string, opts ...OpenOption) (*DB, error) {
	var c openConfig
	for _, o := range opts {
		o(&c)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnreadable, err)
	}
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("%w: %s is not a directory", ErrUnreadable, dir)
	}
	if err := makePrivate(dir); err != nil {
		return nil, err
	}
	return safeOpen(dir, c.knownSchema)
}

// OpenInMemory opens an empty store that lives in memory, for tests.
func OpenInMemory() (*DB, error) {
	return open(Options("", slog.Default()), "")
}

func open(o badger.Options, dir string) (db *DB, err error) {
	defer func() {
		if r := recover(); r != nil {
			db, err = nil, panicError(dir, r)
		}
	}()
	// A fault on a mapped file in this goroutine is a panic, recovered
	// above, rather than the end of the process.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	bdb, err := badger.Open(o)
	if err != nil {
		return nil, classify(err)
	}
	db = &DB{bdb: bdb, dir: dir, Now: time.Now}
	if err := db.loadHead(); err != nil {
		_ = bdb.Close()
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return db, nil
}

func classify(err error) error {
	msg := err.Error()
	switch {
	case isNoSpace(err):
		return diskFull(err)
	case strings.Contains(msg, "Another process is using this Badger database"):
		return fmt.Errorf("%w: %v", ErrInUse, err)
	case errors.Is(err, os.ErrPermission), strings.Contains(msg, "permission denied"),
		strings.Contains(msg, "read-only file system"), strings.Contains(msg, "not a directory"):
		return fmt.Errorf("%w: %v", ErrUnreadable, err)
	default:
		return fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
}

// Dir is the data directory ("" in memory).
func (db *DB) Dir() string { return db.dir }

// Close flushes and closes the store.
func (db *DB) Close() error {
	err := db.bdb.Close()
	if err == nil && db.closeAnchor {
		db.mu.Lock()
		db.anchorHead()
		db.mu.Unlock()
	}
	return err
}

// View runs fn in a read-only transaction.
func (db *DB) View(fn func(tx *Txn) error) error {
	return db.bdb.View(func(btx *badger.Txn) error {
		return fn(&Txn{btx: btx, readOnly: true})
	})
}

// Update runs fn in a read-write transaction on behalf of actor and records an
// audit entry (who, when, action and the notes fn added) in the same
// transaction. On a conflict the whole closure is run again, a bounded number
// of times; fn must therefore not have side effects outside tx.
func (db *DB) Update(actor Actor, action string, fn func(tx *Txn) error) error {
	if actor == "" || action == "" {
		return errors.New("store: Update needs an actor and an action")
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.updateLocked(actor, action, fn)
}

// updateLocked is Update with db.mu held. A full disk, met by Badger or
// foreseen (see reserveBytes), is ErrDiskFull, and nothing is written.
func (db *DB) updateLocked(actor Actor, action string, fn func(tx *Txn) error) error {
	if err := db.checkRoom(); err != nil {
		return err
	}
	var err error
	for attempt := 0; attempt < maxRetries; attempt++ {
		var next auditHead
		err = db.bdb.Update(func(btx *badger.Txn) error {
			tx := &Txn{btx: btx}
			if err := fn(tx); err != nil {
				return err
			}
			var aerr error
			next, aerr = db.appendAudit(tx, actor, action, tx.notes)
			return aerr
		})
		if errors.Is(err, badger.ErrConflict) {
			continue
		}
		if err == nil {
			db.head = next
			if !db.closeAnchor {
				db.anchorHead()
			}
		}
		return writeError(err)
	}
	return fmt.Errorf("store: %s: gave up after %d conflicts: %w", action, maxRetries, err)
}

// checkRoom refuses a write that would leave Badger less free space than it
// may need (reserveBytes).
func (db *DB) checkRoom() error {
	if db.dir == "" {
		return nil
	}
	free, ok := freeBytes(db.dir)
	if need := reserveBytes(db.bdb.Opts()); ok && free < need {
		return diskFull(fmt.Errorf("%d bytes free in %s, the store keeps %d", free, db.dir, need))
	}
	return nil
}

// Rehearse runs fn as Update would run it, in a read-write transaction
// that sees its own writes, and then throws the transaction away: nothing
// is stored and no audit entry is made. A preview runs its write's own
// closure through Rehearse, so the two cannot drift apart; the closure must
// then have no side effects outside tx, as Update asks already.
func (db *DB) Rehearse(fn func(tx *Txn) error) error {
	btx := db.bdb.NewTransaction(true)
	defer btx.Discard()
	return fn(&Txn{btx: btx})
}

type slogLogger struct{ l *slog.Logger }

func (s slogLogger) Errorf(f string, a ...any) {
	s.l.Error(strings.TrimSpace(fmt.Sprintf(f, a...)), "component", "badger")
}
func (s slogLogger) Warningf(f string, a ...any) {
	s.l.Warn(strings.TrimSpace(fmt.Sprintf(f, a...)), "component", "badger")
}
func (s slogLogger) Infof(string, ...any)  {}
func (s slogLogger) Debugf(string, ...any) {}
