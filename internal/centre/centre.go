// Package centre opens the kiosk's data directory and seeds it with the
// centre's layout, for both the kiosk and kioskctl.
package centre

import (
	"crypto/rand"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// Centre is an open data directory with its services.
type Centre struct {
	DB      *store.DB
	Booking *booking.Service
	Tenants *tenants.Service
	Staff   *staff.Service
	// Rehearsal: the directory was first created on an overridden clock
	// (kioskctl -now), for training and tests; otherwise it is live.
	Rehearsal bool
	// Keys are the QR pass keys the services sign and check with; a
	// backup carries them as they are in memory.
	Keys *pass.Keyring
}

// DefaultDataDir is where the kiosk keeps its data when -data is not given:
// $XDG_DATA_HOME/startup-kiosk, or ~/.local/share/startup-kiosk.
func DefaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "startup-kiosk")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "startup-kiosk")
	}
	return "startup-kiosk-data"
}

// Options say how OpenWith opens a data directory.
type Options struct {
	// Clock is the services' clock; nil: the real clock.
	Clock seoul.Clock
	// Overridden: Clock is one a person set (kioskctl -now), not the time.
	// A new directory opened so becomes a rehearsal directory. A live
	// directory refuses it with ErrLiveClock unless ReadOnly, before
	// anything is written. Every audit entry the opened centre writes
	// records the overridden clock (store.DB.Overridden).
	Overridden bool
	// ReadOnly: the caller only reads (kioskctl rooms, report, audit ...).
	ReadOnly bool
	// Kiosk: the caller is the kiosk itself, whose booking service
	// releases the slots of lapsed holds and no-shows a new booking needs.
	// Any other caller's never stores the clock's effects on other
	// bookings (booking.NoRelease): only the kiosk releases them.
	Kiosk bool
}

// Errors of OpenWith besides the store's; OpenMessage words them.
var (
	// ErrLiveClock: an overridden clock on a live directory, for a caller
	// that writes.
	ErrLiveClock = errors.New("centre: overridden clock on a live data directory")
	// ErrPassKeysMissing: the pass key file is gone while the store holds
	// bookings whose passes it signed.
	ErrPassKeysMissing = errors.New("centre: pass key file missing while bookings exist")
)

// Open opens dir (created if new) for the kiosk on clock (nil: the real
// clock): OpenWith with Kiosk set.
func Open(dir string, clock seoul.Clock) (*Centre, error) {
	return OpenWith(dir, Options{Clock: clock, Kiosk: true})
}

// OpenWith opens dir (created if new), seeds the layout on first use and
// wires the services as o says. Before it writes anything it refuses an
// overridden clock on a live directory (unless o.ReadOnly) and a missing
// pass key file while bookings exist, and loads the pass keys (a weak or
// damaged key file is refused too).
func OpenWith(dir string, o Options) (*Centre, error) {
	db, err := store.Open(dir, store.KnownSchema(len(Migrations)))
	if err != nil {
		return nil, err
	}
	c, err := wire(db, dir, o)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return c, nil
}

// OpenInMemory is Open on an in-memory store, for tests.
func OpenInMemory(clock seoul.Clock) (*Centre, error) {
	db, err := store.OpenInMemory()
	if err != nil {
		return nil, err
	}
	c, err := wire(db, "", Options{Clock: clock, Kiosk: true})
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return c, nil
}

// Migrations bring a store written by an earlier version up to this one,
// in order; a store from a newer version is refused (store.ErrNewerSchema).
//
//	1  the layout, bookings and the first leases (before versions were kept)
//	2  the income ledger (paid bookings posted) and the tenancy engine's leases
var Migrations = []store.Migration{
	{Version: 1, Name: "layout and bookings", Apply: func(*store.Txn) error { return nil }},
	{Version: 2, Name: "income ledger and leases", Apply: func(tx *store.Txn) error {
		if err := booking.MigrateLedger(tx); err != nil {
			return err
		}
		return tenants.MigrateLeases(tx)
	}},
}

func wire(db *store.DB, dir string, o Options) (*Centre, error) {
	clock := o.Clock
	if clock == nil {
		clock = seoul.Now
	}
	// Nothing is written before these checks.
	kind, err := directoryKind(db)
	if err != nil {
		return nil, err
	}
	if o.Overridden && kind == kindLive && !o.ReadOnly {
		return nil, ErrLiveClock
	}
	keys, err := passKeys(db, dir)
	if err != nil {
		return nil, err
	}
	// The upkeep of an open does not depend on the clock: it is recorded
	// without the override, but for the write that makes a rehearsal
	// directory.
	// An import cut short by a crash is finished or dropped before anything
	// reads the store.
	if _, _, err := db.RecoverBulk(); err != nil {
		return nil, err
	}
	if err := db.Migrate(Migrations); err != nil {
		return nil, err
	}
	var mark *directory
	if kind == kindNew {
		mark = &directory{Rehearsal: o.Overridden}
		if o.Overridden {
			db.Overridden = clock
		}
	}
	if err := seed(db, mark); err != nil {
		return nil, fmt.Errorf("seeding the centre's layout: %w", err)
	}
	if o.Overridden {
		db.Overridden = clock
	}
	st, err := staff.New(db, dir, clock)
	if err != nil {
		return nil, err
	}
	var opts []booking.Option
	if !o.Kiosk {
		opts = append(opts, booking.NoRelease())
	}
	return &Centre{
		DB:        db,
		Booking:   booking.NewService(db, clock, keys, opts...),
		Tenants:   tenants.NewService(db, clock),
		Staff:     st,
		Rehearsal: kind == kindRehearsal || (kind == kindNew && o.Overridden),
		Keys:      keys,
	}, nil
}

// directory is the mark a data directory gets in the write that first
// seeds it: whether it is a rehearsal directory. It lives in the store, so
// it travels with backups.
type directory struct {
	Rehearsal bool `json:"rehearsal"`
}

var directoryKey = store.Key("centre", "directory")

type dirKind int

const (
	kindNew       dirKind = iota // never seeded
	kindLive                     // marked live, or seeded before marks were kept
	kindRehearsal                // first created on an overridden clock
)

// directoryKind reads the directory's mark; a directory without one is new
// when its layout was never seeded, else live (from before the marks).
func directoryKind(db *store.DB) (dirKind, error) {
	kind := kindLive
	err := db.View(func(tx *store.Txn) error {
		var d directory
		err := tx.Get(directoryKey, &d)
		switch {
		case err == nil:
			if d.Rehearsal {
				kind = kindRehearsal
			}
			return nil
		case !errors.Is(err, store.ErrNotFound):
			return err
		}
		seeded, err := booking.AnyRoom(tx)
		if !seeded {
			kind = kindNew
		}
		return err
	})
	return kind, err
}

// passKeys loads the installation's QR pass keys from dir (created on first
// use, mode 0600); an in-memory store gets a random key of its own. A
// missing key file is made afresh only while the store holds no booking:
// once a pass may have been issued, a new key would make every pass read
// as not genuine, so the open is refused (ErrPassKeysMissing).
func passKeys(db *store.DB, dir string) (*pass.Keyring, error) {
	if dir == "" {
		key := make([]byte, 32)
		_, _ = rand.Read(key)
		return pass.NewMemoryKeyring(map[uint8][]byte{1: key}, 1)
	}
	if _, err := os.Lstat(filepath.Join(dir, pass.KeyFile)); errors.Is(err, fs.ErrNotExist) {
		var held bool
		if err := db.View(func(tx *store.Txn) error {
			var err error
			held, err = booking.AnyBooking(tx)
			return err
		}); err != nil {
			return nil, err
		}
		if held {
			return nil, ErrPassKeysMissing
		}
	}
	return pass.LoadOrCreateKeyring(dir)
}

var errNothingToSeed = errors.New("nothing to seed")

// Seed stores whatever part of the centre's layout (rooms, units) is
// missing, in one audited write; with everything in place it writes nothing.
func Seed(db *store.DB) error { return seed(db, nil) }

// seed is Seed, marking a new directory live or rehearsal (mark) in the
// same write.
func seed(db *store.DB, mark *directory) error {
	err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		rooms, err := booking.SeedRooms(tx)
		if err != nil {
			return err
		}
		units, err := tenants.SeedUnits(tx)
		if err != nil {
			return err
		}
		if mark != nil {
			kind := "live"
			if mark.Rehearsal {
				kind = "rehearsal"
			}
			tx.Note("directory %s", kind)
			return tx.Put(directoryKey, *mark)
		}
		if rooms+units == 0 {
			return errNothingToSeed
		}
		return nil
	})
	if errors.Is(err, errNothingToSeed) {
		return nil
	}
	return err
}

// Close closes the store.
func (c *Centre) Close() error { return c.DB.Close() }
