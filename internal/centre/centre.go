// Package centre opens the kiosk's data directory and seeds it with the
// centre's layout, for both the kiosk and kioskctl.
package centre

import (
	"crypto/rand"
	"errors"
	"fmt"
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

// Open opens dir (created if new), seeds the layout on first use and wires
// the services on clock (nil: the real clock).
func Open(dir string, clock seoul.Clock) (*Centre, error) {
	if clock == nil {
		clock = seoul.Now
	}
	db, err := store.Open(dir)
	if err != nil {
		return nil, err
	}
	c, err := wire(db, dir, clock)
	if err != nil {
		_ = db.Close()
		return nil, err
	}
	return c, nil
}

// OpenInMemory is Open on an in-memory store, for tests.
func OpenInMemory(clock seoul.Clock) (*Centre, error) {
	if clock == nil {
		clock = seoul.Now
	}
	db, err := store.OpenInMemory()
	if err != nil {
		return nil, err
	}
	c, err := wire(db, "", clock)
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

func wire(db *store.DB, dir string, clock seoul.Clock) (*Centre, error) {
	// An import cut short by a crash is finished or dropped before anything
	// reads the store.
	if _, _, err := db.RecoverBulk(); err != nil {
		return nil, err
	}
	if err := db.Migrate(Migrations); err != nil {
		return nil, err
	}
	if err := Seed(db); err != nil {
		return nil, fmt.Errorf("seeding the centre's layout: %w", err)
	}
	st, err := staff.New(db, dir, clock)
	if err != nil {
		return nil, err
	}
	keys, err := passKeys(dir)
	if err != nil {
		return nil, err
	}
	return &Centre{
		DB:      db,
		Booking: booking.NewService(db, clock, keys),
		Tenants: tenants.NewService(db, clock),
		Staff:   st,
	}, nil
}

// passKeys loads the installation's QR pass keys from dir (created on first
// use, mode 0600); an in-memory store gets a random key of its own.
func passKeys(dir string) (*pass.Keyring, error) {
	if dir != "" {
		return pass.LoadOrCreateKeyring(dir)
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	return pass.NewMemoryKeyring(map[uint8][]byte{1: key}, 1)
}

var errNothingToSeed = errors.New("nothing to seed")

// Seed stores whatever part of the centre's layout (rooms, units) is
// missing, in one audited write; with everything in place it writes nothing.
func Seed(db *store.DB) error {
	err := db.Update(store.ActorSystem, "layout.seed", func(tx *store.Txn) error {
		rooms, err := booking.SeedRooms(tx)
		if err != nil {
			return err
		}
		units, err := tenants.SeedUnits(tx)
		if err != nil {
			return err
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
