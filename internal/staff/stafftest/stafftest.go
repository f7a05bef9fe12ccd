// Package stafftest makes real staff members for other packages' tests:
// a test acts as a member enrolled in its store, so the domain's role checks
// run as they do at the desk. Only tests import it.
//
// Its members' PINs are hashed cheaply: the first call makes every new
// argon2id hash in the test binary cheap (see
// internal/staff/internal/hashcost), which keeps suites that enrol many
// members fast under the race detector. It refuses to run outside a test
// binary, so the kiosk's own hashing never changes.
package stafftest

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/staff/internal/hashcost"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// ManagerPIN is the PIN Claim gives the claimed manager.
const ManagerPIN = "402918"

// CheapHashes makes every staff hash made from now on in this test binary
// cheap; a package's TestMain may call it before anything hashes (a setup
// code, say). Enroll, Member and Claim call it themselves.
func CheapHashes() {
	if !testing.Testing() {
		panic("stafftest: used outside a test binary")
	}
	hashcost.Lower()
}

// PIN is the PIN Member gives the member called name: eight digits drawn
// from the name, valid and, for different names, different in all
// likelihood.
func PIN(name string) string {
	sum := sha256.Sum256([]byte("stafftest/" + name))
	for i := 0; ; i++ {
		n := binary.BigEndian.Uint64(sum[:8]) + uint64(i)
		pin := fmt.Sprintf("%08d", n%100_000_000)
		if staff.ValidatePIN(pin) == nil && pin != ManagerPIN {
			return pin
		}
	}
}

// Member makes sure db has a member called name with role, and returns it:
// a member of that name already there is returned as it is (the test fails
// if its role differs); otherwise one is added through staff's AddMember,
// as kioskctl would, with PIN(name).
func Member(tb testing.TB, db *store.DB, name string, role staff.Role) staff.Staff {
	tb.Helper()
	CheapHashes()
	svc, err := staff.New(db, "", nil)
	if err != nil {
		tb.Fatalf("stafftest: %v", err)
	}
	ms, err := svc.Members()
	if err != nil {
		tb.Fatalf("stafftest: %v", err)
	}
	for _, m := range ms {
		if strings.EqualFold(m.Name, name) {
			if m.Role != role {
				tb.Fatalf("stafftest: %s is a %s, not a %s", name, m.Role, role)
			}
			return m
		}
	}
	m, err := svc.AddMember(store.ActorCLI, name, role, PIN(name))
	if err != nil {
		tb.Fatalf("stafftest: enrol %s: %v", name, err)
	}
	return m
}

// Enroll is Member's audit actor: what a test hands the domain to act as
// that member.
func Enroll(tb testing.TB, db *store.DB, name string, role staff.Role) store.Actor {
	tb.Helper()
	return Member(tb, db, name, role).Actor()
}

// Claim makes sure svc's store has the claimed manager (ID staff.ManagerID)
// and returns it: if not, it claims the account with the setup code from
// svc's data directory and ManagerPIN, as a person at the kiosk would.
func Claim(tb testing.TB, svc *staff.Service) staff.Staff {
	tb.Helper()
	CheapHashes()
	ms, err := svc.Members()
	if err != nil {
		tb.Fatalf("stafftest: %v", err)
	}
	for _, m := range ms {
		if m.ID == staff.ManagerID {
			return m
		}
	}
	path := svc.SetupFilePath()
	if path == "" {
		tb.Fatal("stafftest: Claim needs a service with a data directory")
	}
	raw, err := os.ReadFile(filepath.Clean(path))
	if err != nil {
		tb.Fatalf("stafftest: %v", err)
	}
	code, _, _ := strings.Cut(string(raw), "\n")
	m, err := svc.ClaimManager(code, ManagerPIN)
	if err != nil {
		tb.Fatalf("stafftest: claim: %v", err)
	}
	return m
}
