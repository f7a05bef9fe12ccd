package staff

import (
	"bytes"
	"errors"
	"fmt"
	"sort"
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

// Lockout policy: MaxAttempts consecutive wrong PINs lock that member's
// account (or wrong setup codes lock the claim) for LockDuration.
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

// Store layout: staff/member/<id> (members with their PIN hashes),
// staff/lock/<id> (a member's failure counter and lock), staff/seq (the
// last member number given out), staff/setup (hash of the setup code) and
// staff/lock (the setup-code claim's failure counter and lock; before
// accounts had locks of their own it was the whole desk's).
var (
	keyClaimLock  = store.Key("staff", "lock")
	keySetup      = store.Key("staff", "setup")
	keySeq        = store.Key("staff", "seq")
	prefixMembers = store.Prefix("staff", "member")
	prefixLocks   = store.Prefix("staff", "lock")
)

func keyMember(id string) []byte { return store.Key("staff", "member", id) }
func keyLock(id string) []byte   { return store.Key("staff", "lock", id) }

// errStale: the state changed between reading it and writing; redo.
var errStale = errors.New("staff: state changed during the attempt")

// maxStaleTries bounds the redos. Only counted failures and changes of
// staff change the state, so concurrent attempts settle quickly.
const maxStaleTries = 8

const auditTimestamp = time.RFC3339

type memberRecord struct {
	Staff
	PIN    secretHash `json:"pin"`
	PINSet time.Time  `json:"pin_set"`
}

// lockRecord is a persisted failure counter and lock.
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
// time.Now. New issues the setup code, or honours a reset request (see
// Setup).
func New(db *store.DB, dataDir string, clock func() time.Time) (*Service, error) {
	if db == nil {
		return nil, errors.New("staff: nil store")
	}
	if clock == nil {
		clock = time.Now
	}
	s := &Service{db: db, dataDir: dataDir, now: clock}
	// A reset request that cannot be honoured (st.Problem) does not keep
	// the kiosk from opening: Setup reports it on the staff screen.
	if _, err := s.ensure(); err != nil {
		return nil, err
	}
	return s, nil
}

// lockState is one lock as read: its key, stored bytes (nil: none) and
// record.
type lockState struct {
	key []byte
	raw []byte
	rec lockRecord
}

// snapshot is everything an attempt decides on, read in one transaction.
// Decisions (and the expensive hashing) are made outside the write
// transaction; the write then checks that nothing changed in between and
// otherwise the attempt is redone (errStale).
type snapshot struct {
	now        time.Time
	claimLock  lockState
	setupRaw   []byte
	setup      *secretHash
	resetRaw   []byte
	reset      *resetRecord
	seqRaw     []byte
	seq        uint64
	membersRaw [][]byte
	members    []memberRecord
	locks      map[string]lockState // by member ID
	lockKeys   []string             // the IDs of locks, in key order
}

func getOptional(tx *store.Txn, key []byte) ([]byte, error) {
	raw, err := tx.GetRaw(key)
	if errors.Is(err, store.ErrNotFound) {
		return nil, nil
	}
	return raw, err
}

func readSnapshot(tx *store.Txn, now time.Time) (snapshot, error) {
	sn := snapshot{now: now, claimLock: lockState{key: keyClaimLock}, locks: map[string]lockState{}}
	var err error
	if sn.claimLock.raw, err = getOptional(tx, keyClaimLock); err != nil {
		return sn, err
	}
	if sn.claimLock.raw != nil {
		if err := decode(sn.claimLock.raw, &sn.claimLock.rec); err != nil {
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
	if sn.resetRaw, err = getOptional(tx, keyReset); err != nil {
		return sn, err
	}
	if sn.resetRaw != nil {
		sn.reset = new(resetRecord)
		if err := decode(sn.resetRaw, sn.reset); err != nil {
			return sn, err
		}
	}
	if sn.seqRaw, err = getOptional(tx, keySeq); err != nil {
		return sn, err
	}
	if sn.seqRaw != nil {
		if err := decode(sn.seqRaw, &sn.seq); err != nil {
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
	if err != nil {
		return sn, err
	}
	err = tx.Scan(prefixLocks, func(k, v []byte) error {
		id := string(k[len(prefixLocks):])
		l := lockState{key: bytes.Clone(k), raw: bytes.Clone(v)}
		if err := decode(l.raw, &l.rec); err != nil {
			return err
		}
		sn.locks[id] = l
		sn.lockKeys = append(sn.lockKeys, id)
		return nil
	})
	return sn, err
}

func (sn snapshot) same(o snapshot) bool {
	if !bytes.Equal(sn.claimLock.raw, o.claimLock.raw) || !bytes.Equal(sn.setupRaw, o.setupRaw) ||
		!bytes.Equal(sn.resetRaw, o.resetRaw) ||
		!bytes.Equal(sn.seqRaw, o.seqRaw) || len(sn.membersRaw) != len(o.membersRaw) || len(sn.lockKeys) != len(o.lockKeys) {
		return false
	}
	for i := range sn.membersRaw {
		if !bytes.Equal(sn.membersRaw[i], o.membersRaw[i]) {
			return false
		}
	}
	for i, id := range sn.lockKeys {
		if o.lockKeys[i] != id || !bytes.Equal(sn.locks[id].raw, o.locks[id].raw) {
			return false
		}
	}
	return true
}

func (sn snapshot) hasManager() bool { return sn.managers() > 0 }

func (sn snapshot) managers() int {
	n := 0
	for _, m := range sn.members {
		if m.Role == RoleManager {
			n++
		}
	}
	return n
}

func (sn snapshot) member(id string) int {
	for i, m := range sn.members {
		if m.ID == id {
			return i
		}
	}
	return -1
}

// lockOf is member id's lock (a zero record under its key when none is
// stored).
func (sn snapshot) lockOf(id string) lockState {
	if l, ok := sn.locks[id]; ok {
		return l
	}
	return lockState{key: keyLock(id)}
}

func (sn snapshot) locked(l lockState) bool { return l.rec.lockedAt(sn.now) }

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

// failed records one wrong attempt on lock l and returns the caller's
// error: wrong, or a *LockedError wrapping wrong when this attempt starts
// the lock. id is the member whose account l is ("" for the claim).
func (s *Service) failed(snap snapshot, l lockState, id string, actor store.Actor, op string, wrong error) error {
	next := l.rec.fail(snap.now)
	lockedNow := next.lockedAt(snap.now)
	action := "staff." + op + ".failed"
	if lockedNow {
		action = "staff.lockout"
	}
	err := s.commit(snap, actor, action, func(tx *store.Txn) error {
		noteAccount(tx, id)
		if lockedNow {
			tx.Note("op=%s", op)
			tx.Note("locked_until=%s", next.Until.UTC().Format(auditTimestamp))
		} else {
			tx.Note("failures=%d/%d", next.Failures, MaxAttempts)
		}
		return tx.Put(l.key, next)
	})
	if err != nil {
		return err
	}
	if lockedNow {
		return &LockedError{Until: next.Until, Cause: wrong}
	}
	return wrong
}

// refuse audits an attempt made while lock l holds and returns the lock
// error.
func (s *Service) refuse(snap snapshot, l lockState, id string, actor store.Actor, op string) error {
	err := s.commit(snap, actor, "staff."+op+".refused", func(tx *store.Txn) error {
		noteAccount(tx, id)
		tx.Note("locked_until=%s", l.rec.Until.UTC().Format(auditTimestamp))
		return nil
	})
	if err != nil {
		return err
	}
	return &LockedError{Until: l.rec.Until}
}

// noteAccount names in the audit entry the account a lock belongs to.
func noteAccount(tx *store.Txn, id string) {
	if id != "" {
		tx.Note("id=%s", id)
	}
}

// clearLock deletes lock l inside a write, if it is stored.
func clearLock(tx *store.Txn, l lockState) error {
	if l.raw == nil {
		return nil
	}
	return tx.Delete(l.key)
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

// Login signs member id in with their PIN. Only that member's PIN is
// checked. A wrong PIN counts towards that member's lockout; after
// MaxAttempts in a row their account is refused (even with the right PIN)
// until LockDuration has passed, while other members can still sign in: the
// error then matches ErrLocked and is a *LockedError naming the end. A
// success resets the member's count. A PIN that is not 6–12 digits is
// ErrBadPIN and is not counted. ErrUnknownStaff (not counted: the PIN pad
// lists the members anyway) when nobody has this ID, ErrNoManager when
// nobody is set up yet. Failed and refused attempts are audited as the
// visitor's, naming the account.
func (s *Service) Login(id, pin string) (Staff, error) {
	v := newVerifier(pin)
	return retry(func() (Staff, error) { return s.login(id, pin, v) })
}

func (s *Service) login(id, pin string, v *verifier) (Staff, error) {
	snap, err := s.view()
	if err != nil {
		return Staff{}, err
	}
	if len(snap.members) == 0 {
		return Staff{}, ErrNoManager
	}
	idx := snap.member(id)
	if idx < 0 {
		return Staff{}, ErrUnknownStaff
	}
	m, l := snap.members[idx], snap.lockOf(id)
	if snap.locked(l) {
		return Staff{}, s.refuse(snap, l, id, store.ActorVisitor, "login")
	}
	if !wellFormed(pin) {
		return Staff{}, ErrBadPIN
	}
	if !v.matches(m.PIN) {
		return Staff{}, s.failed(snap, l, id, store.ActorVisitor, "login", ErrWrongPIN)
	}
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
		return clearLock(tx, l)
	})
	if err != nil {
		return Staff{}, err
	}
	return m.Staff, nil
}

// ClaimManager sets the first manager PIN with the one-time setup code from
// the setup file, creating member {ManagerID, ManagerName, RoleManager}. The
// code is then invalid and the file removed. A wrong code counts towards the
// claim's own lockout, as a wrong PIN does towards a member's.
// ErrAlreadyClaimed once a manager exists (a forgotten PIN is reset with
// ResetManagerPIN).
func (s *Service) ClaimManager(code, pin string) (Staff, error) {
	return s.useCode(code, pin, s.claim)
}

// useCode runs attempt, ClaimManager's or ResetManagerPIN's, holding the
// code file: it is part of the decision (a reset is cancelled by deleting
// it), and is removed after, with no code issued in between.
func (s *Service) useCode(code, pin string, attempt func(code, pin string, v *verifier) (Staff, error)) (Staff, error) {
	s.fileMu.Lock()
	defer s.fileMu.Unlock()
	v := newVerifier(code)
	st, err := retry(func() (Staff, error) { return attempt(code, pin, v) })
	if err == nil || errors.Is(err, ErrResetExpired) || errors.Is(err, ErrNoReset) {
		_ = s.removeSetupFile() // the code is dead either way
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
	if snap.locked(snap.claimLock) {
		return Staff{}, s.refuse(snap, snap.claimLock, "", store.ActorVisitor, "claim")
	}
	if err := ValidatePIN(pin); err != nil {
		return Staff{}, err
	}
	ok := snap.setup != nil && len(code) == setupCodeLen && allDigits(code) && v.matches(*snap.setup)
	if !ok {
		return Staff{}, s.failed(snap, snap.claimLock, "", store.ActorVisitor, "claim", ErrWrongSetupCode)
	}
	h, err := newHash(pin)
	if err != nil {
		return Staff{}, err
	}
	m := memberRecord{Staff: Staff{ID: ManagerID, Name: ManagerName, Role: RoleManager}, PIN: h, PINSet: snap.now}
	err = s.commit(snap, m.Actor(), "staff.claim", func(tx *store.Txn) error {
		return seatManager(tx, snap, m)
	})
	if err != nil {
		return Staff{}, err
	}
	return m.Staff, nil
}

// seatManager writes m, the manager account with the PIN a one-time code
// just set, in that code's write: it deletes the codes (the setup code, a
// reset code: either is spent, or void, once a manager has a PIN this way)
// and lifts the account's lock and the codes'.
func seatManager(tx *store.Txn, snap snapshot, m memberRecord) error {
	tx.Note("id=%s", m.ID)
	if err := tx.Put(keyMember(m.ID), m); err != nil {
		return err
	}
	for _, code := range []struct {
		key []byte
		raw []byte
	}{{keySetup, snap.setupRaw}, {keyReset, snap.resetRaw}} {
		if code.raw != nil {
			if err := tx.Delete(code.key); err != nil {
				return err
			}
		}
	}
	if err := clearLock(tx, snap.lockOf(m.ID)); err != nil {
		return err
	}
	return clearLock(tx, snap.claimLock)
}

// ChangePIN replaces actor's PIN after checking the old one. The new PIN
// must pass ValidatePIN; it may be the same as another member's (login
// names the account, so PINs need not be unique, and refusing a colleague's
// PIN would tell the caller that PIN). A wrong old PIN counts towards the
// lockout of actor's own account; while it is locked the change is refused.
func (s *Service) ChangePIN(actor Staff, oldPIN, newPIN string) error {
	vOld := newVerifier(oldPIN)
	_, err := retry(func() (struct{}, error) {
		return struct{}{}, s.changePIN(actor, oldPIN, newPIN, vOld)
	})
	return err
}

func (s *Service) changePIN(actor Staff, oldPIN, newPIN string, vOld *verifier) error {
	snap, err := s.view()
	if err != nil {
		return err
	}
	idx := snap.member(actor.ID)
	if idx < 0 {
		return ErrUnknownStaff
	}
	m, l := snap.members[idx], snap.lockOf(actor.ID)
	if snap.locked(l) {
		return s.refuse(snap, l, m.ID, m.Actor(), "pin.change")
	}
	if err := ValidatePIN(newPIN); err != nil {
		return err
	}
	if !wellFormed(oldPIN) || !vOld.matches(m.PIN) {
		return s.failed(snap, l, m.ID, m.Actor(), "pin.change", ErrWrongPIN)
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
		return clearLock(tx, l)
	})
}

// Members lists the staff members by name (then ID), for the PIN pad's
// "whose PIN is it" question.
func (s *Service) Members() ([]Staff, error) {
	snap, err := s.view()
	if err != nil {
		return nil, err
	}
	out := make([]Staff, 0, len(snap.members))
	for _, m := range snap.sorted() {
		out = append(out, m.Staff)
	}
	return out, nil
}

// sorted is the members by name, then ID.
func (sn snapshot) sorted() []memberRecord {
	ms := append([]memberRecord(nil), sn.members...)
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].Name != ms[j].Name {
			return ms[i].Name < ms[j].Name
		}
		return ms[i].ID < ms[j].ID
	})
	return ms
}

// LockStatus reports whether member id's account is locked now and until
// when, so the PIN pad can show the lock before anyone types;
// ErrUnknownStaff when nobody has this ID.
func (s *Service) LockStatus(id string) (until time.Time, locked bool, err error) {
	snap, err := s.view()
	if err != nil {
		return time.Time{}, false, err
	}
	if snap.member(id) < 0 {
		return time.Time{}, false, ErrUnknownStaff
	}
	if l := snap.lockOf(id); snap.locked(l) {
		return l.rec.Until, true, nil
	}
	return time.Time{}, false, nil
}

// ClaimLockStatus is LockStatus for the setup-code claim.
func (s *Service) ClaimLockStatus() (until time.Time, locked bool, err error) {
	snap, err := s.view()
	if err != nil || !snap.locked(snap.claimLock) {
		return time.Time{}, false, err
	}
	return snap.claimLock.rec.Until, true, nil
}
