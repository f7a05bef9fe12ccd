package staff

import (
	"bytes"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Role is what a staff member may do.
type Role string

// Roles.
const (
	RoleManager   Role = "manager"
	RoleReception Role = "reception"
)

// Lockout policy: MaxAttempts consecutive wrong PINs or setup codes lock
// staff entry for LockDuration.
const (
	MaxAttempts  = 5
	LockDuration = 5 * time.Minute
)

// The member created by ClaimManager.
const (
	ManagerID   = "manager"
	ManagerName = "관리자"
)

// Staff is a staff member as the rest of the kiosk sees it (no PIN hash).
type Staff struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	Role Role   `json:"role"`
}

// Actor is the audit actor for writes made by this member.
func (s Staff) Actor() store.Actor { return store.Actor(actorPrefix + s.ID) }

// Store layout: staff/lock (failure counter and lock), staff/setup (hash of
// the setup code), staff/member/<id> (members with their PIN hashes).
var (
	keyLock       = store.Key("staff", "lock")
	keySetup      = store.Key("staff", "setup")
	prefixMembers = store.Prefix("staff", "member")
)

func keyMember(id string) []byte { return store.Key("staff", "member", id) }

// errStale: the state changed between reading it and writing; redo.
var errStale = errors.New("staff: state changed during the attempt")

// maxStaleTries bounds the redos. Only counted failures and successes change
// the state, so concurrent attempts settle quickly.
const maxStaleTries = 8

const auditTimestamp = time.RFC3339

type memberRecord struct {
	Staff
	PIN    secretHash `json:"pin"`
	PINSet time.Time  `json:"pin_set"`
}

// lockRecord is the persisted failure counter and lock.
type lockRecord struct {
	Failures int       `json:"failures"`
	Until    time.Time `json:"until,omitzero"`
}

func (l lockRecord) lockedAt(now time.Time) bool { return now.Before(l.Until) }

// fail returns the record after one more wrong attempt at now.
func (l lockRecord) fail(now time.Time) lockRecord {
	if !l.Until.IsZero() && !l.lockedAt(now) {
		l = lockRecord{} // an expired lock starts a fresh count
	}
	l.Failures++
	if l.Failures >= MaxAttempts {
		return lockRecord{Until: now.Add(LockDuration)}
	}
	return l
}

// Service is the staff access layer. It is safe for concurrent use.
type Service struct {
	db      *store.DB
	dataDir string
	now     func() time.Time
	fileMu  sync.Mutex // serialises work on the setup code file
}

// New returns the service over db. dataDir is where the setup code file is
// written ("" writes none, so no manager can be claimed); clock nil means
// time.Now. New calls EnsureSetupCode.
func New(db *store.DB, dataDir string, clock func() time.Time) (*Service, error) {
	if db == nil {
		return nil, errors.New("staff: nil store")
	}
	if clock == nil {
		clock = time.Now
	}
	s := &Service{db: db, dataDir: dataDir, now: clock}
	if _, err := s.EnsureSetupCode(); err != nil {
		return nil, err
	}
	return s, nil
}

// snapshot is everything an attempt decides on, read in one transaction.
// Decisions (and the expensive hashing) are made outside the write
// transaction; the write then checks that nothing changed in between and
// otherwise the attempt is redone (errStale).
type snapshot struct {
	now        time.Time
	lockRaw    []byte
	lock       lockRecord
	setupRaw   []byte
	setup      *secretHash
	membersRaw [][]byte
	members    []memberRecord
}

func getOptional(tx *store.Txn, key []byte) ([]byte, error) {
	raw, err := tx.GetRaw(key)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return raw, err
}

func readSnapshot(tx *store.Txn, now time.Time) (snapshot, error) {
	sn := snapshot{now: now}
	var err error
	if sn.lockRaw, err = getOptional(tx, keyLock); err != nil {
		return sn, err
	}
	if sn.lockRaw != nil {
		if err := decode(sn.lockRaw, &sn.lock); err != nil {
			return sn, err
		}
	}
	if sn.setupRaw, err = getOptional(tx, keySetup); err != nil {
		return sn, err
	}
	if sn.setupRaw != nil {
		sn.setup = new(secretHash)
		if err := decode(sn.setupRaw, sn.setup); err != nil {
			return sn, err
		}
	}
	err = tx.Scan(prefixMembers, func(_, v []byte) error {
		raw := bytes.Clone(v)
		var m memberRecord
		if err := decode(raw, &m); err != nil {
			return err
		}
		sn.membersRaw = append(sn.membersRaw, raw)
		sn.members = append(sn.members, m)
		return nil
	})
	return sn, err
}

func (sn snapshot) same(o snapshot) bool {
	if !bytes.Equal(sn.lockRaw, o.lockRaw) || !bytes.Equal(sn.setupRaw, o.setupRaw) ||
		len(sn.membersRaw) != len(o.membersRaw) {
		return false
	}
	for i := range sn.membersRaw {
		if !bytes.Equal(sn.membersRaw[i], o.membersRaw[i]) {
			return false
		}
	}
	return true
}

func (sn snapshot) locked() bool { return sn.lock.lockedAt(sn.now) }

func (sn snapshot) hasManager() bool {
	for _, m := range sn.members {
		if m.Role == RoleManager {
			return true
		}
	}
	return false
}

func (sn snapshot) member(id string) int {
	for i, m := range sn.members {
		if m.ID == id {
			return i
		}
	}
	return -1
}

func (s *Service) view() (snapshot, error) {
	now := s.now()
	var sn snapshot
	err := s.db.View(func(tx *store.Txn) error {
		var err error
		sn, err = readSnapshot(tx, now)
		return err
	})
	return sn, err
}

// commit runs apply in one audited write, provided the state is still the
// one snap was read from; otherwise it writes nothing and returns errStale.
func (s *Service) commit(snap snapshot, actor store.Actor, action string, apply func(tx *store.Txn) error) error {
	return s.db.Update(actor, action, func(tx *store.Txn) error {
		cur, err := readSnapshot(tx, snap.now)
		if err != nil {
			return err
		}
		if !snap.same(cur) {
			return errStale
		}
		return apply(tx)
	})
}

// retry redoes an attempt whose state changed under it.
func retry[T any](fn func() (T, error)) (T, error) {
	var v T
	var err error
	for range maxStaleTries {
		v, err = fn()
		if !errors.Is(err, errStale) {
			return v, err
		}
	}
	return v, fmt.Errorf("staff: gave up: %w", err)
}

// failed records one wrong attempt and returns the caller's error: wrong, or
// a *LockedError wrapping wrong when this attempt starts the lock.
func (s *Service) failed(snap snapshot, actor store.Actor, op string, wrong error) error {
	next := snap.lock.fail(snap.now)
	lockedNow := next.lockedAt(snap.now)
	action := "staff." + op + ".failed"
	if lockedNow {
		action = "staff.lockout"
	}
	err := s.commit(snap, actor, action, func(tx *store.Txn) error {
		if lockedNow {
			tx.Note("op=%s", op)
			tx.Note("locked_until=%s", next.Until.UTC().Format(auditTimestamp))
		} else {
			tx.Note("failures=%d/%d", next.Failures, MaxAttempts)
		}
		return tx.Put(keyLock, next)
	})
	if err != nil {
		return err
	}
	if lockedNow {
		return &LockedError{Until: next.Until, Cause: wrong}
	}
	return wrong
}

// refuse audits an attempt made while locked and returns the lock error.
func (s *Service) refuse(snap snapshot, actor store.Actor, op string) error {
	err := s.commit(snap, actor, "staff."+op+".refused", func(tx *store.Txn) error {
		tx.Note("locked_until=%s", snap.lock.Until.UTC().Format(auditTimestamp))
		return nil
	})
	if err != nil {
		return err
	}
	return &LockedError{Until: snap.lock.Until}
}

// resetLock clears the failure counter inside a successful write.
func resetLock(tx *store.Txn, snap snapshot) error {
	if snap.lockRaw == nil {
		return nil
	}
	return tx.Delete(keyLock)
}

// verifier caches hash checks of one secret across retries of one call.
type verifier struct {
	secret string
	seen   map[string]bool
}

func newVerifier(secret string) *verifier {
	return &verifier{secret: secret, seen: map[string]bool{}}
}

func (v *verifier) matches(h secretHash) bool {
	k := string(h.Salt) + "\x00" + string(h.Hash)
	if r, ok := v.seen[k]; ok {
		return r
	}
	r := h.matches(v.secret)
	v.seen[k] = r
	return r
}

// Login finds the staff member whose PIN this is. The PIN is checked against
// every member (no short cut). A wrong PIN counts towards the lockout; after
// MaxAttempts in a row staff entry is refused (even with the right PIN) until
// LockDuration has passed: the error then matches ErrLocked and LockedError
// reads the time. A success resets the count. A PIN that is not 6–12 digits
// is ErrBadPIN and is not counted. ErrNoManager when nobody is set up yet.
func (s *Service) Login(pin string) (Staff, error) {
	v := newVerifier(pin)
	return retry(func() (Staff, error) { return s.login(pin, v) })
}

func (s *Service) login(pin string, v *verifier) (Staff, error) {
	snap, err := s.view()
	if err != nil {
		return Staff{}, err
	}
	if len(snap.members) == 0 {
		return Staff{}, ErrNoManager
	}
	if snap.locked() {
		return Staff{}, s.refuse(snap, store.ActorVisitor, "login")
	}
	if !wellFormed(pin) {
		return Staff{}, ErrBadPIN
	}
	match := -1
	for i, m := range snap.members {
		if v.matches(m.PIN) && match < 0 {
			match = i
		}
	}
	if match < 0 {
		return Staff{}, s.failed(snap, store.ActorVisitor, "login", ErrWrongPIN)
	}
	m := snap.members[match]
	var upgraded *secretHash
	if m.PIN.outdated() {
		h, err := newHash(pin)
		if err != nil {
			return Staff{}, err
		}
		upgraded = &h
	}
	err = s.commit(snap, m.Actor(), "staff.login", func(tx *store.Txn) error {
		if upgraded != nil {
			tx.Note("pin_hash=upgraded")
			m.PIN = *upgraded
			if err := tx.Put(keyMember(m.ID), m); err != nil {
				return err
			}
		}
		return resetLock(tx, snap)
	})
	if err != nil {
		return Staff{}, err
	}
	return m.Staff, nil
}

// ClaimManager sets the first manager PIN with the one-time setup code from
// the setup file, creating member {ManagerID, ManagerName, RoleManager}. The
// code is then invalid and the file removed. A wrong code counts towards the
// lockout like a wrong PIN. ErrAlreadyClaimed once a manager exists.
func (s *Service) ClaimManager(code, pin string) (Staff, error) {
	v := newVerifier(code)
	st, err := retry(func() (Staff, error) { return s.claim(code, pin, v) })
	if err == nil || errors.Is(err, ErrAlreadyClaimed) {
		s.fileMu.Lock()
		_ = s.removeSetupFile() // the code is dead either way
		s.fileMu.Unlock()
	}
	return st, err
}

func (s *Service) claim(code, pin string, v *verifier) (Staff, error) {
	snap, err := s.view()
	if err != nil {
		return Staff{}, err
	}
	if snap.hasManager() {
		return Staff{}, ErrAlreadyClaimed
	}
	if snap.locked() {
		return Staff{}, s.refuse(snap, store.ActorVisitor, "claim")
	}
	if err := ValidatePIN(pin); err != nil {
		return Staff{}, err
	}
	ok := snap.setup != nil && len(code) == setupCodeLen && allDigits(code) && v.matches(*snap.setup)
	if !ok {
		return Staff{}, s.failed(snap, store.ActorVisitor, "claim", ErrWrongSetupCode)
	}
	h, err := newHash(pin)
	if err != nil {
		return Staff{}, err
	}
	m := memberRecord{Staff: Staff{ID: ManagerID, Name: ManagerName, Role: RoleManager}, PIN: h, PINSet: snap.now}
	err = s.commit(snap, m.Actor(), "staff.claim", func(tx *store.Txn) error {
		tx.Note("id=%s", m.ID)
		if err := tx.Put(keyMember(m.ID), m); err != nil {
			return err
		}
		if err := tx.Delete(keySetup); err != nil {
			return err
		}
		return resetLock(tx, snap)
	})
	if err != nil {
		return Staff{}, err
	}
	return m.Staff, nil
}

// ChangePIN replaces actor's PIN after checking the old one. The new PIN
// must pass ValidatePIN and must not be another member's PIN
// (ErrPINUnavailable). A wrong old PIN, and a new PIN that is another
// member's, count towards the lockout; while locked the change is refused.
func (s *Service) ChangePIN(actor Staff, oldPIN, newPIN string) error {
	vOld, vNew := newVerifier(oldPIN), newVerifier(newPIN)
	_, err := retry(func() (struct{}, error) {
		return struct{}{}, s.changePIN(actor, oldPIN, newPIN, vOld, vNew)
	})
	return err
}

func (s *Service) changePIN(actor Staff, oldPIN, newPIN string, vOld, vNew *verifier) error {
	snap, err := s.view()
	if err != nil {
		return err
	}
	idx := snap.member(actor.ID)
	if idx < 0 {
		return ErrUnknownStaff
	}
	m := snap.members[idx]
	if snap.locked() {
		return s.refuse(snap, m.Actor(), "pin.change")
	}
	if err := ValidatePIN(newPIN); err != nil {
		return err
	}
	if !wellFormed(oldPIN) || !vOld.matches(m.PIN) {
		return s.failed(snap, m.Actor(), "pin.change", ErrWrongPIN)
	}
	taken := false
	for i, o := range snap.members {
		if i != idx && vNew.matches(o.PIN) {
			taken = true
		}
	}
	if taken {
		return s.failed(snap, m.Actor(), "pin.change", ErrPINUnavailable)
	}
	h, err := newHash(newPIN)
	if err != nil {
		return err
	}
	return s.commit(snap, m.Actor(), "staff.pin.change", func(tx *store.Txn) error {
		tx.Note("id=%s", m.ID)
		m.PIN, m.PINSet = h, snap.now
		if err := tx.Put(keyMember(m.ID), m); err != nil {
			return err
		}
		return resetLock(tx, snap)
	})
}

// HasManager reports whether a manager PIN has been set up.
func (s *Service) HasManager() (bool, error) {
	snap, err := s.view()
	return snap.hasManager(), err
}

// Members lists the staff members in ID order.
func (s *Service) Members() ([]Staff, error) {
	snap, err := s.view()
	if err != nil {
		return nil, err
	}
	out := make([]Staff, 0, len(snap.members))
	for _, m := range snap.members {
		out = append(out, m.Staff)
	}
	return out, nil
}

// LockStatus reports whether staff entry is locked now and until when, so the
// UI can show the lock before anyone types.
func (s *Service) LockStatus() (until time.Time, locked bool, err error) {
	snap, err := s.view()
	if err != nil || !snap.locked() {
		return time.Time{}, false, err
	}
	return snap.lock.Until, true, nil
}
