package staff

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Name length limits, in characters, after trimming.
const (
	MinNameLength = 1
	MaxNameLength = 20
)

// Account is a member as the manager's staff screen shows them.
type Account struct {
	Staff
	// LockedUntil is when the lock on the account ends; zero when it is
	// not locked now.
	LockedUntil time.Time
	// PINSet is when the member's PIN was last set (zero for a member
	// written before it was recorded).
	PINSet time.Time
}

// cleanName is name trimmed, with runs of spaces made one; ErrName unless
// it is MinNameLength..MaxNameLength characters without control
// characters.
func cleanName(name string) (string, error) {
	name = strings.Join(strings.Fields(name), " ")
	n := utf8.RuneCountInString(name)
	if !utf8.ValidString(name) || n < MinNameLength || n > MaxNameLength ||
		strings.ContainsFunc(name, unicode.IsControl) {
		return "", ErrName
	}
	return name, nil
}

// nameTaken reports whether a member other than except has name, letter
// case aside.
func (sn snapshot) nameTaken(name, except string) bool {
	for _, m := range sn.members {
		if m.ID != except && strings.EqualFold(m.Name, name) {
			return true
		}
	}
	return false
}

// checkName is name cleaned (cleanName) when it is not the name of a
// member other than except ("" for a new member): ErrName or ErrNameTaken
// otherwise. AddMember, Rename and CheckName apply it.
func (sn snapshot) checkName(name, except string) (string, error) {
	clean, err := cleanName(name)
	if err != nil {
		return "", err
	}
	if sn.nameTaken(clean, except) {
		return "", ErrNameTaken
	}
	return clean, nil
}

// CheckName tells a screen, before it asks for anything else, whether name
// would be refused by AddMember (except "") or by Rename of member except:
// ErrName or ErrNameTaken, nil when it is fine. It needs no permission: the
// names are on the PIN pad anyway. The write checks again.
func (s *Service) CheckName(name, except string) error {
	snap, err := s.view()
	if err != nil {
		return err
	}
	_, err = snap.checkName(name, except)
	return err
}

func validRole(r Role) error {
	if !slices.Contains(Roles, r) {
		return ErrRole
	}
	return nil
}

// manage runs one change of staff made by actor. decide sees the state
// after the permission check (so an actor without PermStaff learns nothing
// from the refusals that follow) and returns the write or a refusal; the
// write requires PermStaff again in its own transaction.
func (s *Service) manage(actor store.Actor, action string, decide func(snap snapshot) (func(tx *store.Txn) error, error)) error {
	_, err := retry(func() (struct{}, error) {
		snap, err := s.view()
		if err != nil {
			return struct{}{}, err
		}
		if err := snap.may(actor, PermStaff); err != nil {
			return struct{}{}, err
		}
		apply, err := decide(snap)
		if err != nil {
			return struct{}{}, err
		}
		return struct{}{}, s.commit(snap, actor, action, func(tx *store.Txn) error {
			if err := Require(tx, actor, PermStaff); err != nil {
				return err
			}
			return apply(tx)
		})
	})
	return err
}

// target is member id of the snapshot, or ErrUnknownStaff.
func (sn snapshot) target(id string) (memberRecord, error) {
	i := sn.member(id)
	if i < 0 {
		return memberRecord{}, ErrUnknownStaff
	}
	return sn.members[i], nil
}

// lazyHash hashes a PIN once, whatever the number of retries.
type lazyHash struct {
	pin string
	h   *secretHash
}

func (z *lazyHash) get() (secretHash, error) {
	if z.h == nil {
		h, err := newHash(z.pin)
		if err != nil {
			return secretHash{}, err
		}
		z.h = &h
	}
	return *z.h, nil
}

// AddMember adds a member of staff with a name (trimmed, 1–20 characters,
// no other member's, letter case aside), a role and a PIN (ValidatePIN; it
// may be another member's too: Login names the account). The member gets a
// new ID ("s2", "s3", ...) that is never given out again. Needs PermStaff;
// audited under actor with the new ID and role.
func (s *Service) AddMember(actor store.Actor, name string, role Role, pin string) (Staff, error) {
	z := &lazyHash{pin: pin}
	var added Staff
	err := s.manage(actor, "staff.add", func(snap snapshot) (func(tx *store.Txn) error, error) {
		clean, err := snap.checkName(name, "")
		if err != nil {
			return nil, err
		}
		if err := validRole(role); err != nil {
			return nil, err
		}
		if err := ValidatePIN(pin); err != nil {
			return nil, err
		}
		h, err := z.get()
		if err != nil {
			return nil, err
		}
		seq := max(snap.seq, 1) + 1 // 1 is the claimed manager's
		m := memberRecord{Staff: Staff{ID: fmt.Sprintf("s%d", seq), Name: clean, Role: role}, PIN: h, PINSet: snap.now}
		return func(tx *store.Txn) error {
			tx.Note("id=%s role=%s", m.ID, m.Role)
			if err := tx.Put(keySeq, seq); err != nil {
				return err
			}
			added = m.Staff
			return tx.Put(keyMember(m.ID), m)
		}, nil
	})
	if err != nil {
		return Staff{}, err
	}
	return added, nil
}

// Rename gives member id another name, by AddMember's rules. Needs
// PermStaff; audited.
func (s *Service) Rename(actor store.Actor, id, name string) error {
	return s.manage(actor, "staff.rename", func(snap snapshot) (func(tx *store.Txn) error, error) {
		m, err := snap.target(id)
		if err != nil {
			return nil, err
		}
		clean, err := snap.checkName(name, id)
		if err != nil {
			return nil, err
		}
		return func(tx *store.Txn) error {
			tx.Note("id=%s", id)
			m.Name = clean
			return tx.Put(keyMember(id), m)
		}, nil
	})
}

// SetRole gives member id another role; demoting the last manager is
// ErrLastManager. Needs PermStaff; audited.
func (s *Service) SetRole(actor store.Actor, id string, role Role) error {
	return s.manage(actor, "staff.role", func(snap snapshot) (func(tx *store.Txn) error, error) {
		m, err := snap.target(id)
		if err != nil {
			return nil, err
		}
		if err := validRole(role); err != nil {
			return nil, err
		}
		if m.Role == RoleManager && role != RoleManager && snap.managers() == 1 {
			return nil, ErrLastManager
		}
		return func(tx *store.Txn) error {
			tx.Note("id=%s role=%s", id, role)
			m.Role = role
			return tx.Put(keyMember(id), m)
		}, nil
	})
}

// Remove deletes member id and their lock; their ID is not given out again.
// A manager cannot remove themselves (ErrRemoveSelf), nor anyone the last
// manager (ErrLastManager). Needs PermStaff; audited.
func (s *Service) Remove(actor store.Actor, id string) error {
	return s.manage(actor, "staff.remove", func(snap snapshot) (func(tx *store.Txn) error, error) {
		m, err := snap.target(id)
		if err != nil {
			return nil, err
		}
		if self, ok := memberID(actor); ok && self == id {
			return nil, ErrRemoveSelf
		}
		if m.Role == RoleManager && snap.managers() == 1 {
			return nil, ErrLastManager
		}
		return func(tx *store.Txn) error {
			tx.Note("id=%s", id)
			if err := clearLock(tx, snap.lockOf(id)); err != nil {
				return err
			}
			return tx.Delete(keyMember(id))
		}, nil
	})
}

// ResetPIN sets member id's PIN for them (a forgotten PIN), by AddMember's
// rules, and clears their lock. Needs PermStaff; audited, never the PIN.
func (s *Service) ResetPIN(actor store.Actor, id, pin string) error {
	z := &lazyHash{pin: pin}
	return s.manage(actor, "staff.pin.reset", func(snap snapshot) (func(tx *store.Txn) error, error) {
		m, err := snap.target(id)
		if err != nil {
			return nil, err
		}
		if err := ValidatePIN(pin); err != nil {
			return nil, err
		}
		h, err := z.get()
		if err != nil {
			return nil, err
		}
		return func(tx *store.Txn) error {
			tx.Note("id=%s", id)
			m.PIN, m.PINSet = h, snap.now
			if err := clearLock(tx, snap.lockOf(id)); err != nil {
				return err
			}
			return tx.Put(keyMember(id), m)
		}, nil
	})
}

// Unlock lifts the lock on member id's account and clears their count of
// wrong PINs. A manager cannot unlock themselves (ErrUnlockSelf): another
// manager or kioskctl does, or the lock runs out. Needs PermStaff; audited.
func (s *Service) Unlock(actor store.Actor, id string) error {
	return s.manage(actor, "staff.unlock", func(snap snapshot) (func(tx *store.Txn) error, error) {
		if _, err := snap.target(id); err != nil {
			return nil, err
		}
		if self, ok := memberID(actor); ok && self == id {
			return nil, ErrUnlockSelf
		}
		l := snap.lockOf(id)
		return func(tx *store.Txn) error {
			tx.Note("id=%s", id)
			if snap.locked(l) {
				tx.Note("locked_until=%s", l.rec.Until.UTC().Format(auditTimestamp))
			}
			return clearLock(tx, l)
		}, nil
	})
}

// Accounts lists the members with their locks, as Members orders them, for
// the manager's staff screen. Needs PermStaff.
func (s *Service) Accounts(actor store.Actor) ([]Account, error) {
	snap, err := s.view()
	if err != nil {
		return nil, err
	}
	if err := snap.may(actor, PermStaff); err != nil {
		return nil, err
	}
	out := make([]Account, 0, len(snap.members))
	for _, m := range snap.sorted() {
		a := Account{Staff: m.Staff, PINSet: m.PINSet}
		if l := snap.lockOf(m.ID); snap.locked(l) {
			a.LockedUntil = l.rec.Until
		}
		out = append(out, a)
	}
	return out, nil
}
