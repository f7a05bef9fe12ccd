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

// resetLive reports whether a reset code is pending and still valid.
func (sn snapshot) resetLive() bool {
	return sn.reset != nil && sn.now.Before(sn.reset.expires())
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
}

// Setup honours a reset request left in the data directory, tidies
// codes that no longer apply (EnsureSetupCode), and then says which code
// the staff screens may take.
func (s *Service) Setup() (SetupStatus, error) {
	path, err := s.EnsureSetupCode()
	if err != nil {
		return SetupStatus{}, err
	}
	snap, err := s.view()
	if err != nil {
		return SetupStatus{}, err
	}
	switch {
	case !snap.hasManager():
		return SetupStatus{Kind: SetupFirst, CodeFile: path}, nil
	case snap.resetLive() && path != "":
		return SetupStatus{Kind: SetupReset, CodeFile: path, Expires: snap.reset.expires()}, nil
	}
	return SetupStatus{}, nil
}

// resetRequestPath is where an administrator's reset request is looked for
// ("" without a data directory).
func (s *Service) resetRequestPath() string {
	if s.dataDir == "" {
		return ""
	}
	return filepath.Join(s.dataDir, ResetRequestFileName)
}

// takeResetRequest removes a reset request and reports whether there was
// one; fileMu held. A request that cannot be removed is an error: honouring
// it anyway would issue a new code at every look.
func (s *Service) takeResetRequest() (bool, error) {
	path := s.resetRequestPath()
	if path == "" {
		return false, nil
	}
	_, err := os.Lstat(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err == nil {
		err = os.Remove(path)
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, fmt.Errorf("%w (%v)", ErrResetRequest, err)
	}
	return true, nil
}

// ensureReset is EnsureSetupCode once a manager exists: a request issues a
// fresh reset code (replacing a pending one); a pending code that expired
// or whose file was deleted is withdrawn; otherwise a stray code file is
// removed. It returns the code file's path while a reset code is pending.
// fileMu held.
func (s *Service) ensureReset(snap snapshot) (string, error) {
	requested, err := s.takeResetRequest()
	if err != nil {
		return "", err
	}
	path := s.SetupFilePath()
	switch {
	case requested && path != "":
		return path, s.issueReset(snap, path)
	case snap.reset == nil:
		return "", s.removeSetupFile()
	case !snap.resetLive():
		return "", s.withdrawReset(snap, "staff.reset.expired")
	}
	if _, err := readSetupCode(path); err != nil {
		return "", s.withdrawReset(snap, "staff.reset.cancelled")
	}
	return path, os.Chmod(path, 0o600)
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
	rec := resetRecord{Code: h, Issued: snap.now}
	err = s.commit(snap, store.ActorSystem, "staff.reset.issued", func(tx *store.Txn) error {
		tx.Note("expires=%s", rec.expires().UTC().Format(auditTimestamp))
		return tx.Put(keyReset, rec)
	})
	if err != nil {
		return err
	}
	if err := writeSetupFile(path, code, resetExplanation); err != nil {
		return fmt.Errorf("staff: write reset code file: %w", err)
	}
	return nil
}

// withdrawReset deletes the pending reset code and its file, audited as
// action.
func (s *Service) withdrawReset(snap snapshot, action string) error {
	err := s.commit(snap, store.ActorSystem, action, func(tx *store.Txn) error {
		return tx.Delete(keyReset)
	})
	if err != nil {
		return err
	}
	return s.removeSetupFile()
}

// resetManager is claim once a manager exists: the reset code, while valid,
// gives the manager account (ManagerID) the new PIN and the manager role,
// and lifts its lock; a removed manager account is made again.
func (s *Service) resetManager(snap snapshot, code, pin string, v *verifier) (Staff, error) {
	if snap.reset == nil {
		return Staff{}, ErrAlreadyClaimed
	}
	if !snap.resetLive() {
		err := s.commit(snap, store.ActorSystem, "staff.reset.expired", func(tx *store.Txn) error {
			return tx.Delete(keyReset)
		})
		if err != nil {
			return Staff{}, err
		}
		return Staff{}, ErrResetExpired
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
		tx.Note("id=%s", m.ID)
		if err := tx.Put(keyMember(m.ID), m); err != nil {
			return err
		}
		if err := tx.Delete(keyReset); err != nil {
			return err
		}
		if err := clearLock(tx, snap.lockOf(m.ID)); err != nil {
			return err
		}
		return clearLock(tx, snap.claimLock)
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
