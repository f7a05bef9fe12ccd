package pass

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
)

// KeyFile is the keyring's file name inside the directory given to
// LoadOrCreateKeyring and Rotate.
const KeyFile = "pass-keys.json"

// KeySize is the length of every secret, in bytes.
const KeySize = 32

// ErrKeyFile: the key file exists but cannot be used as it is. It is left
// untouched (apart from its mode being tightened to 0600).
// The file and what is wrong with it follow it.
var ErrKeyFile = errs.New(CodeKeyFile)

// maxKeyFile bounds what is read: 256 keys take about 25 KiB.
const maxKeyFile = 1 << 20

// Keyring holds the current key id and every known key (id -> 32-byte
// secret). It is safe for concurrent use; Sign and Verify take no lock.
type Keyring struct {
	state    atomic.Pointer[ringState]
	rotateMu sync.Mutex // serialises Rotate
	dir      string     // where the key file is; "" for a memory keyring
}

// Dir is the directory of the key file the ring was loaded from ("" for a
// memory keyring): where Rotate writes it back.
func (k *Keyring) Dir() string { return k.dir }

// ringState is never changed once published.
type ringState struct {
	current uint8
	keys    map[uint8][]byte
	created map[uint8]time.Time // when each key was made; zero if unknown
}

// keyFile is the JSON form of <dir>/pass-keys.json.
type keyFile struct {
	Format  int          `json:"format"` // 1
	Current uint8        `json:"current"`
	Keys    []keyFileKey `json:"keys"`
}

type keyFileKey struct {
	ID      uint8     `json:"id"`
	Secret  string    `json:"secret"` // standard base64, 32 bytes
	Created time.Time `json:"created,omitzero"`
}

// NewMemoryKeyring returns a keyring that lives only in memory, for tests
// and for callers that keep the secrets elsewhere. Every key must be
// KeySize bytes and current must be one of them. The secrets are copied.
func NewMemoryKeyring(keys map[uint8][]byte, current uint8) (*Keyring, error) {
	if len(keys) == 0 {
		return nil, errors.New("pass: keyring needs at least one key")
	}
	st := &ringState{current: current, keys: make(map[uint8][]byte, len(keys)), created: map[uint8]time.Time{}}
	for id, s := range keys {
		if len(s) != KeySize {
			return nil, fmt.Errorf("pass: key %d is %d bytes, want %d", id, len(s), KeySize)
		}
		st.keys[id] = bytes.Clone(s)
	}
	if _, ok := st.keys[current]; !ok {
		return nil, fmt.Errorf("pass: current key %d is not in the keyring", current)
	}
	k := &Keyring{}
	k.state.Store(st)
	return k, nil
}

// LoadOrCreateKeyring reads <dir>/pass-keys.json, or creates it (and dir,
// mode 0700, when missing) holding one random key with id 1. The file is
// written with mode 0600 through a temporary file in dir that is synced and
// then linked into place, so a crash never leaves a half-written key file and
// two processes starting at once end up with the same key. An existing file
// whose mode lets group or others in is chmodded to 0600 before it is read. A
// file that cannot be parsed gives an error wrapping ErrKeyFile and is not
// rewritten: the keys in it may still be needed to verify passes already
// handed out, so a person has to look at it. A weak key (every byte the
// same, all zero included) or a key equal to another id's is refused so, by
// the file's name.
func LoadOrCreateKeyring(dir string) (*Keyring, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("pass: key directory: %w", err)
	}
	path := filepath.Join(dir, KeyFile)
	for range 2 { // a second round when another process created it first
		st, err := readKeyFile(path)
		if err == nil {
			k := &Keyring{dir: dir}
			k.state.Store(st)
			return k, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		secret := make([]byte, KeySize)
		if _, err := rand.Read(secret); err != nil {
			return nil, fmt.Errorf("pass: new key: %w", err)
		}
		st = &ringState{
			current: 1,
			keys:    map[uint8][]byte{1: secret},
			created: map[uint8]time.Time{1: time.Now().UTC().Truncate(time.Second)},
		}
		switch err := writeKeyFile(dir, st, false); {
		case err == nil:
			k := &Keyring{dir: dir}
			k.state.Store(st)
			return k, nil
		case errors.Is(err, fs.ErrExist):
			continue
		default:
			return nil, err
		}
	}
	return nil, fmt.Errorf("pass: %s keeps appearing and disappearing", path)
}

// Rotate adds a key with the next id (one more than the highest id held),
// makes it current and, when dir is not empty, writes the keyring to
// <dir>/pass-keys.json (temporary file, fsync, rename) before the new key is
// used. Tokens signed with the older keys still verify. It fails once id 255
// is taken. A memory keyring may be rotated with dir "" and stays in memory.
// Rotate does not re-read the file: one process owns a key directory.
func (k *Keyring) Rotate(dir string) (uint8, error) {
	k.rotateMu.Lock()
	defer k.rotateMu.Unlock()
	old := k.state.Load()
	var top uint8
	for id := range old.keys {
		top = max(top, id)
	}
	if top == 255 {
		return 0, errors.New("pass: no key id left after 255")
	}
	id := top + 1
	secret := make([]byte, KeySize)
	if _, err := rand.Read(secret); err != nil {
		return 0, fmt.Errorf("pass: new key: %w", err)
	}
	st := &ringState{
		current: id,
		keys:    make(map[uint8][]byte, len(old.keys)+1),
		created: make(map[uint8]time.Time, len(old.keys)+1),
	}
	for i, s := range old.keys {
		st.keys[i] = s
		st.created[i] = old.created[i]
	}
	st.keys[id] = secret
	st.created[id] = time.Now().UTC().Truncate(time.Second)
	if dir != "" {
		if err := writeKeyFile(dir, st, true); err != nil {
			return 0, err
		}
	}
	k.state.Store(st)
	return id, nil
}

// CurrentKeyID is the id Sign uses.
func (k *Keyring) CurrentKeyID() uint8 { return k.state.Load().current }

// KeyIDs lists the ids of every key held, ascending.
func (k *Keyring) KeyIDs() []uint8 {
	st := k.state.Load()
	ids := make([]uint8, 0, len(st.keys))
	for id := range st.keys {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	return ids
}

func (k *Keyring) current() (uint8, []byte) {
	st := k.state.Load()
	return st.current, st.keys[st.current]
}

func (k *Keyring) key(id uint8) ([]byte, bool) {
	s, ok := k.state.Load().keys[id]
	return s, ok
}

// readKeyFile tightens path's mode to 0600 if needed and parses it. A
// missing file gives an error wrapping fs.ErrNotExist.
func readKeyFile(path string) (*ringState, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("pass: key file: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("pass: key file: %w", err)
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%w: %s is not a regular file", ErrKeyFile, path)
	}
	if info.Mode().Perm()&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			return nil, fmt.Errorf("pass: tighten mode of %s: %w", path, err)
		}
	}
	data, err := io.ReadAll(io.LimitReader(f, maxKeyFile+1))
	if err != nil {
		return nil, fmt.Errorf("pass: key file: %w", err)
	}
	st, err := parseKeyFile(data)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v (left as it is; fix or move it away)", ErrKeyFile, path, err)
	}
	return st, nil
}

func parseKeyFile(data []byte) (*ringState, error) {
	if len(data) > maxKeyFile {
		return nil, fmt.Errorf("larger than %d bytes", maxKeyFile)
	}
	var kf keyFile
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&kf); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("data after the JSON object")
	}
	if kf.Format != 1 {
		return nil, fmt.Errorf("format %d, want 1", kf.Format)
	}
	if len(kf.Keys) == 0 {
		return nil, errors.New("no keys")
	}
	st := &ringState{current: kf.Current, keys: map[uint8][]byte{}, created: map[uint8]time.Time{}}
	for _, e := range kf.Keys {
		if _, dup := st.keys[e.ID]; dup {
			return nil, fmt.Errorf("key id %d twice", e.ID)
		}
		s, err := base64.StdEncoding.Strict().DecodeString(e.Secret)
		if err != nil {
			return nil, fmt.Errorf("key %d: %v", e.ID, err)
		}
		if len(s) != KeySize {
			return nil, fmt.Errorf("key %d is %d bytes, want %d", e.ID, len(s), KeySize)
		}
		if err := weak(s); err != nil {
			return nil, fmt.Errorf("key %d is weak: %v", e.ID, err)
		}
		for id, o := range st.keys {
			if bytes.Equal(o, s) {
				return nil, fmt.Errorf("key %d is the same as key %d", e.ID, id)
			}
		}
		st.keys[e.ID] = s
		st.created[e.ID] = e.Created
	}
	if _, ok := st.keys[kf.Current]; !ok {
		return nil, fmt.Errorf("current key %d is not in the file", kf.Current)
	}
	return st, nil
}

// weak refuses a secret no random draw would give: every byte the same
// (all zero included), as a key typed in or wiped by hand would be.
func weak(s []byte) error {
	if len(bytes.Trim(s, string(s[:1]))) == 0 {
		if s[0] == 0 {
			return errors.New("all zero")
		}
		return errors.New("every byte the same")
	}
	return nil
}

// Marshal is the keyring as its key file holds it (pass-keys.json), for a
// backup to carry the keys the running program signs with, whatever became
// of the file meanwhile.
func (k *Keyring) Marshal() ([]byte, error) { return marshalKeyFile(k.state.Load()) }

func marshalKeyFile(st *ringState) ([]byte, error) {
	kf := keyFile{Format: 1, Current: st.current}
	for id, s := range st.keys {
		kf.Keys = append(kf.Keys, keyFileKey{ID: id, Secret: base64.StdEncoding.EncodeToString(s), Created: st.created[id]})
	}
	sort.Slice(kf.Keys, func(i, j int) bool { return kf.Keys[i].ID < kf.Keys[j].ID })
	b, err := json.MarshalIndent(kf, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// writeKeyFile writes st to <dir>/pass-keys.json through a synced 0600
// temporary file. With replace it renames over any existing file; without,
// it links the file into place and fails with fs.ErrExist when one is there.
func writeKeyFile(dir string, st *ringState, replace bool) (err error) {
	data, err := marshalKeyFile(st)
	if err != nil {
		return fmt.Errorf("pass: encode keys: %w", err)
	}
	path := filepath.Join(dir, KeyFile)
	tmp, err := os.CreateTemp(dir, "."+KeyFile+".*.tmp") // created 0600
	if err != nil {
		return fmt.Errorf("pass: write key file: %w", err)
	}
	tmpName := tmp.Name()
	defer func() {
		if tmp != nil {
			tmp.Close()
		}
		os.Remove(tmpName) // after a rename it is gone already; after a link, the extra name goes
	}()
	if err := tmp.Chmod(0o600); err != nil {
		return fmt.Errorf("pass: write key file: %w", err)
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("pass: write key file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("pass: write key file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		tmp = nil
		return fmt.Errorf("pass: write key file: %w", err)
	}
	tmp = nil
	if replace {
		err = os.Rename(tmpName, path)
	} else if err = os.Link(tmpName, path); err != nil && !errors.Is(err, fs.ErrExist) {
		// No hard links on this file system: create the file exclusively.
		err = writeExclusive(path, data)
	}
	if err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		return fmt.Errorf("pass: write key file: %w", err)
	}
	syncDir(dir)
	return nil
}

func writeExclusive(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename or link in dir durable, where the system allows it
// (best effort: some systems cannot sync a directory).
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	d.Sync()
	d.Close()
}
