package staff

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// ResetRequestFileName is the file an administrator creates in the data
// directory (any content) to ask for a one-time code that sets a new PIN
// for the manager account: at the next open, or the next tap on the staff
// tile, the kiosk removes it and writes the code to SetupFileName.
const ResetRequestFileName = "reset-manager-pin"

// ResetCodeLifetime is how long a reset code stays valid after it is
// issued.
const ResetCodeLifetime = 24 * time.Hour

const resetExplanation = "위 숫자는 관리자 PIN을 다시 설정하는 일회용 코드입니다. 직원 화면에서 '관리자 PIN 재설정'을 누르고 입력하세요. 24시간 동안 유효하며, 이 파일을 지우면 취소됩니다. 다른 사람에게 보여 주지 마세요. / " +
	"The number above is a one-time code for setting a new manager PIN: tap 'Reset the manager PIN' on the staff screen and enter it. It is valid for 24 hours; deleting this file cancels it. Do not share it."

// keyReset holds the pending reset code's hash and when it was issued.
var keyReset = store.Key("staff", "reset")

type resetRecord struct {
	Code   secretHash `json:"code"`
	Issued time.Time  `json:"issued"`
}

func (r resetRecord) expires() time.Time { return r.Issued.Add(ResetCodeLifetime) }

// resetClockSkew is how far in the future a reset code's issue time may
// be and still count: a clock set back (a wrong real-time clock, then NTP)
// must not stretch a code's life.
const resetClockSkew = 5 * time.Minute

// resetLive reports whether a reset code is pending and still valid.
func (sn snapshot) resetLive() bool {
	r := sn.reset
	return r != nil && sn.now.Before(r.expires()) && !r.Issued.After(sn.now.Add(resetClockSkew))
}

// SetupKind says which one-time code, if any, the staff screens may take.
type SetupKind int

// Setup kinds.
const (
	// SetupNone: a manager exists and no reset is pending; the PIN pad is
	// the only way in.
	SetupNone SetupKind = iota
	// SetupFirst: nobody is set up yet; the setup code claims the manager
	// account.
	SetupFirst
	// SetupReset: an administrator asked for a reset; its code sets a new
	// PIN for the manager account.
	SetupReset
)

// SetupStatus is what Setup reports.
type SetupStatus struct {
	Kind SetupKind
	// CodeFile is where the code is written ("" for SetupNone or without
	// a data directory).
	CodeFile string
	// Expires is when a reset code stops working (zero otherwise).
	Expires time.Time
	// Problem is a reset request that could not be honoured
	// (ErrResetRequest, or the failure to store or write its code): the
	// staff screens say so, and signing in goes on.
	Problem error
}

// Setup honours a reset request left in the data directory, tidies
// codes that no longer apply (ensure), and then says which code
// the staff screens may take. Its error is a failure to read or write the
// store; a request it could not honour is the status's Problem.
func (s *Service) Setup() (SetupStatus, error) { return s.ensure() }

// resetRequestPath is where an administrator's reset request is looked for
// ("" without a data directory).
func (s *Service) resetRequestPath() string {
	if s.dataDir == "" {
		return ""
	}
	return filepath.Join(s.dataDir, ResetRequestFileName)
}

// resetRequested reports whether a reset request is there to honour: a
// file. Anything else under its name (a folder) cannot be removed once
// honoured, so it would issue a new code at every look: it is not
// honoured, and is reported as ErrResetRequest.
func (s *Service) resetRequested() (bool, error) {
	path := s.resetRequestPath()
	if path == "" {
		return false, nil
	}
	fi, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, fmt.Errorf("%w (%v)", ErrResetRequest, err)
	case !fi.Mode().IsRegular():
		return false, fmt.Errorf("%w (%s is not a file)", ErrResetRequest, path)
	}
	return true, nil
}

// ensureReset is ensureOnce once a manager exists: a request issues a fresh
// reset code (replacing a pending one); a pending code that expired or
// whose file was deleted is withdrawn; otherwise a stray code file is
// removed. A request whose code cannot be stored or written is the
// status's Problem, and the rest is done as without it. fileMu held.
func (s *Service) ensureReset(snap snapshot, requested bool) (SetupStatus, error) {
	path := s.SetupFilePath()
	var problem error
	if requested && path != "" {
		err := s.issueReset(snap, path)
		switch {
		case err == nil:
			return SetupStatus{Kind: SetupReset, CodeFile: path, Expires: snap.now.Add(ResetCodeLifetime)}, nil
		case errors.Is(err, errStale):
			return SetupStatus{}, err
		}
		problem = err
		if snap, err = s.view(); err != nil {
			return SetupStatus{}, err
		}
	}
	none := SetupStatus{Problem: problem}
	switch {
	case snap.reset == nil:
		return s.dropCodeFile(none)
	case !snap.resetLive():
		if err := s.commitWithdrawal(snap, "staff.reset.expired"); err != nil {
			return SetupStatus{}, err
		}
		return s.dropCodeFile(none)
	}
	if _, err := readSetupCode(path); err != nil {
		if err := s.commitWithdrawal(snap, "staff.reset.cancelled"); err != nil {
			return SetupStatus{}, err
		}
		return s.dropCodeFile(none)
	}
	if err := os.Chmod(path, 0o600); err != nil {
		return SetupStatus{}, err
	}
	return SetupStatus{Kind: SetupReset, CodeFile: path, Expires: snap.reset.expires(), Problem: problem}, nil
}

// issueReset stores a new reset code's hash and writes the code to path.
func (s *Service) issueReset(snap snapshot, path string) error {
	code, err := newSetupCode()
	if err != nil {
		return err
	}
	h, err := newHash(code)
	if err != nil {
		return err
	}
	// The file first: a code stored but never written would cancel itself
	// at the next look (its file unreadable); a file written and then not
	// stored is replaced, as the request is still there.
	if err := writeSetupFile(path, code, resetExplanation); err != nil {
		return fmt.Errorf("staff: write reset code file: %w", err)
	}
	rec := resetRecord{Code: h, Issued: snap.now}
	return s.commit(snap, store.ActorSystem, "staff.reset.issued", func(tx *store.Txn) error {
		tx.Note("expires=%s", rec.expires().UTC().Format(auditTimestamp))
		return tx.Put(keyReset, rec)
	})
}

// dropCodeFile removes a code file that no longer holds a valid code; one
// that cannot be removed is st's Problem, not a failure of the look.
func (s *Service) dropCodeFile(st SetupStatus) (SetupStatus, error) {
	if err := s.removeSetupFile(); err != nil && st.Problem == nil {
		st.Problem = err
	}
	return st, nil
}

// commitWithdrawal deletes the pending reset code, audited as action.
func (s *Service) commitWithdrawal(snap snapshot, action string) error {
	return s.commit(snap, store.ActorSystem, action, func(tx *store.Txn) error {
		return tx.Delete(keyReset)
	})
}

// ResetManagerPIN sets a new PIN for the manager account (ManagerID) with
// the reset code an administrator asked for (see Setup). While the code is
// valid and its file is there (deleting it cancels the reset, even with the
// reset screen open), the account gets the new PIN and the manager role, and
// its lock is lifted; a removed manager account is made again. The code is
// then invalid and its file removed. A wrong code counts towards the same
// lockout as the setup code's. ErrResetExpired when the code has expired,
// ErrNoReset when none is waiting, ErrNoManager before the first setup.
func (s *Service) ResetManagerPIN(code, pin string) (Staff, error) {
	return s.useCode(code, pin, s.resetManager)
}

func (s *Service) resetManager(code, pin string, v *verifier) (Staff, error) {
	snap, err := s.view()
	if err != nil {
		return Staff{}, err
	}
	if !snap.hasManager() {
		return Staff{}, ErrNoManager
	}
	if snap.reset == nil {
		return Staff{}, ErrNoReset
	}
	if !snap.resetLive() {
		if err := s.commitWithdrawal(snap, "staff.reset.expired"); err != nil {
			return Staff{}, err
		}
		return Staff{}, ErrResetExpired
	}
	if _, err := readSetupCode(s.SetupFilePath()); err != nil {
		if err := s.commitWithdrawal(snap, "staff.reset.cancelled"); err != nil {
			return Staff{}, err
		}
		return Staff{}, ErrNoReset
	}
	if snap.locked(snap.claimLock) {
		return Staff{}, s.refuse(snap, snap.claimLock, "", store.ActorVisitor, "reset")
	}
	if err := ValidatePIN(pin); err != nil {
		return Staff{}, err
	}
	if len(code) != setupCodeLen || !allDigits(code) || !v.matches(snap.reset.Code) {
		return Staff{}, s.failed(snap, snap.claimLock, "", store.ActorVisitor, "reset", ErrWrongSetupCode)
	}
	h, err := newHash(pin)
	if err != nil {
		return Staff{}, err
	}
	var m memberRecord
	if i := snap.member(ManagerID); i >= 0 {
		m = snap.members[i]
	} else {
		m = memberRecord{Staff: Staff{ID: ManagerID, Name: snap.freeName(ManagerName)}}
	}
	m.Role, m.PIN, m.PINSet = RoleManager, h, snap.now
	err = s.commit(snap, m.Actor(), "staff.reset", func(tx *store.Txn) error {
		return seatManager(tx, snap, m)
	})
	if err != nil {
		return Staff{}, err
	}
	return m.Staff, nil
}

// freeName is name, or name with the first number from 2 that no other
// member's name has.
func (sn snapshot) freeName(name string) string {
	free := name
	for n := 2; sn.nameTaken(free, ""); n++ {
		free = name + " " + strconv.Itoa(n)
	}
	return free
}
