package staff

import (
	"bufio"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math/big"
	"os"
	"path/filepath"
	"strings"

	"github.com/yeongdeungpo/kiosk/internal/store"
)

// SetupFileName is the file in the data directory that holds the one-time
// setup code while no manager exists.
const SetupFileName = "staff-setup-code.txt"

const setupCodeLen = 10

const setupExplanation = "위 숫자는 키오스크의 첫 관리자 PIN을 설정하는 일회용 코드입니다. 설정이 끝나면 이 파일은 자동으로 지워집니다. 다른 사람에게 보여 주지 마세요. / " +
	"The number above is a one-time code for setting the kiosk's first manager PIN; this file is deleted once that is done. Do not share it."

func decode(raw []byte, v any) error {
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("staff: decode record: %w", err)
	}
	return nil
}

// SetupFilePath is where the setup code file lives ("" without a data
// directory).
func (s *Service) SetupFilePath() string {
	if s.dataDir == "" {
		return ""
	}
	return filepath.Join(s.dataDir, SetupFileName)
}

// ensure makes sure a claimable setup code exists while no manager does:
// it writes a fresh random code to SetupFilePath (mode 0600, with a short
// explanation) and stores only its argon2id hash, unless an issued code's
// file is already there. Once a manager exists it honours a reset request
// (ResetRequestFileName) with a reset code in the same file, and otherwise
// removes a stale file. Without a data directory it writes nothing. New and
// Setup run it.
//
// A reset request is looked at once, and removed only once its code is
// stored and written: a retry, a failure or a crash before then leaves it
// to be honoured at the next look.
func (s *Service) ensure() (SetupStatus, error) {
	s.fileMu.Lock()
	defer s.fileMu.Unlock()
	requested, problem := s.resetRequested()
	st, err := retry(func() (SetupStatus, error) { return s.ensureOnce(requested) })
	if err != nil {
		return SetupStatus{}, err
	}
	if requested && st.Problem == nil {
		if err := os.Remove(s.resetRequestPath()); err != nil && !errors.Is(err, fs.ErrNotExist) && st.Kind != SetupFirst {
			// The code stands, but the next look will issue another.
			st.Problem = fmt.Errorf("%w (%v)", ErrResetRequest, err)
		}
	}
	if st.Problem == nil && st.Kind != SetupFirst {
		st.Problem = problem
	}
	return st, nil
}

// ensureOnce is one attempt of ensure; errStale asks for another.
func (s *Service) ensureOnce(requested bool) (SetupStatus, error) {
	snap, err := s.view()
	if err != nil {
		return SetupStatus{}, err
	}
	if snap.hasManager() {
		if snap.setupRaw != nil {
			err := s.commit(snap, store.ActorSystem, "staff.setup.cleared", func(tx *store.Txn) error {
				return tx.Delete(keySetup)
			})
			if err != nil {
				return SetupStatus{}, err
			}
			if snap, err = s.view(); err != nil {
				return SetupStatus{}, err
			}
		}
		return s.ensureReset(snap, requested)
	}
	// Without a manager the setup code is the way in: a reset request
	// means nothing (ensure removes it, so that it does not fire after the
	// claim), and a reset record, from a restored store say, is void.
	if snap.resetRaw != nil {
		if err := s.commitWithdrawal(snap, "staff.reset.cancelled"); err != nil {
			return SetupStatus{}, err
		}
		if snap, err = s.view(); err != nil {
			return SetupStatus{}, err
		}
	}
	path, err := s.ensureFirstCode(snap)
	return SetupStatus{Kind: SetupFirst, CodeFile: path}, err
}

// ensureFirstCode is ensureOnce while no manager exists.
func (s *Service) ensureFirstCode(snap snapshot) (string, error) {
	path := s.SetupFilePath()
	if path == "" {
		return "", nil
	}
	if snap.setup != nil {
		// A well-formed file is kept without hashing it: argon2id would add
		// ~75 ms to every start until the manager is claimed. A file that no
		// longer holds the issued code fails at ClaimManager; deleting it
		// and restarting issues a new one.
		if _, err := readSetupCode(path); err == nil {
			return path, os.Chmod(path, 0o600)
		}
	}
	code, err := newSetupCode()
	if err != nil {
		return "", err
	}
	h, err := newHash(code)
	if err != nil {
		return "", err
	}
	err = s.commit(snap, store.ActorSystem, "staff.setup.issued", func(tx *store.Txn) error {
		return tx.Put(keySetup, h)
	})
	if err != nil {
		return "", err
	}
	if err := writeSetupFile(path, code, setupExplanation); err != nil {
		return "", fmt.Errorf("staff: write setup code file: %w", err)
	}
	return path, nil
}

func newSetupCode() (string, error) {
	limit := new(big.Int).Exp(big.NewInt(10), big.NewInt(setupCodeLen), nil)
	n, err := rand.Int(rand.Reader, limit)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%0*d", setupCodeLen, n), nil
}

// writeSetupFile writes the code through a private temporary file renamed
// into place, so the file is never readable by others, not even briefly, and
// a planted symlink at path is replaced rather than followed.
func writeSetupFile(path, code, explanation string) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), ".staff-setup-*.tmp") // mode 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(tmp)
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	if _, err = io.WriteString(f, code+"\n"+explanation+"\n"); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	if err = os.Rename(tmp, path); err != nil {
		return err
	}
	return os.Chmod(path, 0o600)
}

// readSetupCode returns the code on the first line of the setup file.
func readSetupCode(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	line, err := bufio.NewReader(io.LimitReader(f, 256)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	code := strings.TrimSpace(line)
	if len(code) != setupCodeLen || !allDigits(code) {
		return "", errors.New("staff: setup file holds no code")
	}
	return code, nil
}

// removeSetupFile deletes the setup file if there is one; fileMu held.
func (s *Service) removeSetupFile() error {
	path := s.SetupFilePath()
	if path == "" {
		return nil
	}
	if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}
