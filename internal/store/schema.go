package store

import (
	"errors"
	"fmt"
	"io"
)

// Migration brings the store from Version-1 to Version. Steps run in order,
// each in one audited transaction that also records the new version, so a
// crash between steps leaves a store at a known version.
type Migration struct {
	Version int
	Name    string
	Apply   func(tx *Txn) error
}

// ErrNewerSchema: the store was written by a newer version of the kiosk.
var ErrNewerSchema = errors.New("store: data written by a newer version")

var schemaKey = Key("meta", "schema")

// SchemaVersion is the store's version: the one recorded, else 1 for a store
// that holds data from before versions were recorded, else 0 (empty).
func (db *DB) SchemaVersion() (int, error) {
	v := 0
	err := db.View(func(tx *Txn) error {
		err := tx.Get(schemaKey, &v)
		if errors.Is(err, ErrNotFound) {
			if db.AuditLen() > 0 {
				v = 1
			}
			return nil
		}
		return err
	})
	return v, err
}

// OpenOption tunes Open.
type OpenOption func(*openConfig)

type openConfig struct{ knownSchema int }

// KnownSchema tells Open that the program knows schema versions up to n
// (its number of migration steps): a store at a higher version is refused
// with ErrNewerSchema while it is checked, before Badger's open writes to
// the directory, so a downgrade leaves every file as it was.
func KnownSchema(n int) OpenOption {
	return func(c *openConfig) { c.knownSchema = n }
}

// checkSchema refuses a store whose recorded version is above known (0:
// any version is let through, to Migrate).
func checkSchema(tx *Txn, known int) error {
	if known <= 0 {
		return nil
	}
	v := 0
	if err := tx.Get(schemaKey, &v); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	if v > known {
		return newerSchema(v, known)
	}
	return nil
}

func newerSchema(v, known int) error {
	return fmt.Errorf("%w: version %d, this program knows up to %d", ErrNewerSchema, v, known)
}

// Migrate runs the steps above the store's version, in order. A store whose
// version is above the last step is refused with ErrNewerSchema and left
// untouched.
func (db *DB) Migrate(steps []Migration) error {
	for i, s := range steps {
		if s.Version != i+1 || s.Apply == nil {
			return fmt.Errorf("store: migration %d out of order", i+1)
		}
	}
	v, err := db.SchemaVersion()
	if err != nil {
		return err
	}
	if v > len(steps) {
		return newerSchema(v, len(steps))
	}
	for _, s := range steps[v:] {
		err := db.Update(ActorSystem, "schema.migrate", func(tx *Txn) error {
			tx.Note("schema %d -> %d: %s", s.Version-1, s.Version, s.Name)
			if err := s.Apply(tx); err != nil {
				return err
			}
			return tx.Put(schemaKey, s.Version)
		})
		if err != nil {
			return fmt.Errorf("store: migration to version %d (%s): %w", s.Version, s.Name, err)
		}
	}
	return nil
}

// Backup writes every key of the store to w in Badger's backup format.
func (db *DB) Backup(w io.Writer) error {
	// One goroutine reads the tables: the other core stays with the
	// kiosk, whose commits go on meanwhile (the backup is online).
	stream := db.bdb.NewStream()
	stream.LogPrefix = "store.Backup"
	stream.NumGo = 1
	_, err := stream.Backup(w, 0)
	return err
}

// Load reads a backup written by Backup into this store, which should be
// empty, reloads the audit head and anchors it (see anchor.go).
func (db *DB) Load(r io.Reader) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if err := db.checkRoom(); err != nil {
		return err
	}
	// Few writes in flight: a backup is verified by loading it while the
	// kiosk goes on committing, and the load must not crowd it out.
	if err := db.bdb.Load(r, 2); err != nil {
		return writeError(err)
	}
	if err := db.loadHead(); err != nil {
		return err
	}
	db.anchorHead()
	return nil
}
