package pass

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

func fileMode(t *testing.T, path string) os.FileMode {
	t.Helper()
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return info.Mode().Perm()
}

// onlyKeyFile fails when dir holds anything but the key file (a temporary
// file left behind, say).
func onlyKeyFile(t *testing.T, dir string) {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		if e.Name() != KeyFile {
			t.Errorf("stray file %s in key directory", e.Name())
		}
	}
}

func TestKeyringFileCreated(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "keys") // created on demand
	k, err := LoadOrCreateKeyring(dir)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, KeyFile)
	if m := fileMode(t, path); m != 0o600 {
		t.Errorf("key file mode %v, want 0600", m)
	}
	if m := fileMode(t, dir); m&0o077 != 0 {
		t.Errorf("key directory mode %v lets others in", m)
	}
	onlyKeyFile(t, dir)

	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var kf keyFile
	if err := json.Unmarshal(raw, &kf); err != nil {
		t.Fatalf("key file is not JSON: %v\n%s", err, raw)
	}
	if kf.Format != 1 || kf.Current != 1 || len(kf.Keys) != 1 || kf.Keys[0].ID != 1 || kf.Keys[0].Created.IsZero() {
		t.Fatalf("key file %s", raw)
	}
	secret, err := base64.StdEncoding.DecodeString(kf.Keys[0].Secret)
	if err != nil || len(secret) != 32 {
		t.Fatalf("secret: %d bytes, %v", len(secret), err)
	}
	if k.CurrentKeyID() != 1 {
		t.Errorf("current key %d, want 1", k.CurrentKeyID())
	}

	// Reloading gives the same key: identical signatures, both ways verified.
	tok := mustSign(t, k, sample())
	k2, err := LoadOrCreateKeyring(dir)
	if err != nil {
		t.Fatal(err)
	}
	if tok2 := mustSign(t, k2, sample()); tok2 != tok {
		t.Fatalf("reloaded ring signs %q, want %q", tok2, tok)
	}
	if _, err := k2.Verify(tok); err != nil {
		t.Fatal(err)
	}
	raw2, _ := os.ReadFile(path)
	if string(raw2) != string(raw) {
		t.Error("loading rewrote the key file")
	}

	// Another directory, another key.
	k3, err := LoadOrCreateKeyring(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := k3.Verify(tok); !errors.Is(err, ErrForged) {
		t.Errorf("fresh keyring verified another's token: %v", err)
	}
}

func TestKeyringLooseModeTightened(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadOrCreateKeyring(dir); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, KeyFile)
	for _, loose := range []os.FileMode{0o644, 0o640, 0o666, 0o604} {
		if err := os.Chmod(path, loose); err != nil {
			t.Fatal(err)
		}
		if _, err := LoadOrCreateKeyring(dir); err != nil {
			t.Fatal(err)
		}
		if m := fileMode(t, path); m != 0o600 {
			t.Errorf("mode %v after loading a %v file, want 0600", m, loose)
		}
	}
	// A stricter mode is left as it is.
	if err := os.Chmod(path, 0o400); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKeyring(dir); err != nil {
		t.Fatal(err)
	}
	if m := fileMode(t, path); m != 0o400 {
		t.Errorf("mode %v after loading a 0400 file, want 0400", m)
	}
}

func TestKeyringMalformedFileUntouched(t *testing.T) {
	s32 := base64.StdEncoding.EncodeToString(testKey(0))
	s31 := base64.StdEncoding.EncodeToString(testKey(0)[:31])
	b64 := base64.StdEncoding.EncodeToString
	zero := b64(make([]byte, KeySize))
	same := b64(bytes.Repeat([]byte{0xa5}, KeySize))
	s32b := b64(testKey(100))
	cases := []struct{ name, body string }{
		{"empty", ""},
		{"not JSON", "hello"},
		{"truncated", `{"format":1,"current":1,"keys":[{"id":1,"secret":"` + s32[:10]},
		{"array", `[]`},
		{"no keys", `{"format":1,"current":1,"keys":[]}`},
		{"wrong format", `{"format":2,"current":1,"keys":[{"id":1,"secret":"` + s32 + `"}]}`},
		{"no format", `{"current":1,"keys":[{"id":1,"secret":"` + s32 + `"}]}`},
		{"31-byte key", `{"format":1,"current":1,"keys":[{"id":1,"secret":"` + s31 + `"}]}`},
		{"bad base64", `{"format":1,"current":1,"keys":[{"id":1,"secret":"!!!"}]}`},
		{"current not held", `{"format":1,"current":2,"keys":[{"id":1,"secret":"` + s32 + `"}]}`},
		{"duplicate id", `{"format":1,"current":1,"keys":[{"id":1,"secret":"` + s32 + `"},{"id":1,"secret":"` + s32 + `"}]}`},
		{"id out of range", `{"format":1,"current":1,"keys":[{"id":256,"secret":"` + s32 + `"}]}`},
		{"unknown field", `{"format":1,"current":1,"keys":[{"id":1,"secret":"` + s32 + `"}],"extra":true}`},
		{"all-zero key", `{"format":1,"current":1,"keys":[{"id":1,"secret":"` + zero + `"}]}`},
		{"one byte repeated", `{"format":1,"current":2,"keys":[{"id":1,"secret":"` + s32 + `"},{"id":2,"secret":"` + same + `"}]}`},
		{"same key under two ids", `{"format":1,"current":2,"keys":[{"id":1,"secret":"` + s32 + `"},{"id":2,"secret":"` + s32b + `"},{"id":3,"secret":"` + s32 + `"}]}`},
		{"trailing data", `{"format":1,"current":1,"keys":[{"id":1,"secret":"` + s32 + `"}]} {}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, KeyFile)
			if err := os.WriteFile(path, []byte(tc.body), 0o600); err != nil {
				t.Fatal(err)
			}
			before, _ := os.Stat(path)
			k, err := LoadOrCreateKeyring(dir)
			if !errors.Is(err, ErrKeyFile) || k != nil {
				t.Fatalf("LoadOrCreateKeyring = %v, %v; want ErrKeyFile", k, err)
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file %s", err, path)
			}
			got, err := os.ReadFile(path)
			if err != nil || string(got) != tc.body {
				t.Fatalf("key file changed to %q (%v)", got, err)
			}
			after, _ := os.Stat(path)
			if !after.ModTime().Equal(before.ModTime()) || after.Mode() != before.Mode() {
				t.Errorf("key file touched: %v %v -> %v %v", before.ModTime(), before.Mode(), after.ModTime(), after.Mode())
			}
			onlyKeyFile(t, dir)
		})
	}
	// The good form of the same file loads.
	dir := t.TempDir()
	good := `{"format":1,"current":1,"keys":[{"id":1,"secret":"` + s32 + `"}]}`
	if err := os.WriteFile(filepath.Join(dir, KeyFile), []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	k, err := LoadOrCreateKeyring(dir)
	if err != nil {
		t.Fatal(err)
	}
	if tok := mustSign(t, k, sample()); tok != mustSign(t, ring1(t), sample()) {
		t.Error("file key 1 signs differently from the same key in memory")
	}
}

func TestKeyringNotAFile(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, KeyFile), 0o700); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadOrCreateKeyring(dir); err == nil {
		t.Fatal("a directory named pass-keys.json was accepted")
	}
}

func TestRotate(t *testing.T) {
	dir := t.TempDir()
	k, err := LoadOrCreateKeyring(dir)
	if err != nil {
		t.Fatal(err)
	}
	c := sample()
	old := mustSign(t, k, c)

	id, err := k.Rotate(dir)
	if err != nil {
		t.Fatal(err)
	}
	if id != 2 || k.CurrentKeyID() != 2 {
		t.Fatalf("Rotate gave %d, current %d; want 2", id, k.CurrentKeyID())
	}
	if m := fileMode(t, filepath.Join(dir, KeyFile)); m != 0o600 {
		t.Errorf("mode %v after Rotate, want 0600", m)
	}
	onlyKeyFile(t, dir)
	newTok := mustSign(t, k, c)
	if newTok[3:5] != "02" || newTok == old {
		t.Fatalf("token after Rotate %q, before %q", newTok, old)
	}
	for _, tok := range []string{old, newTok} {
		if _, err := k.Verify(tok); err != nil {
			t.Errorf("after Rotate, Verify(%q): %v", tok, err)
		}
	}

	// The file holds both keys: a reload verifies both and signs with key 2.
	k2, err := LoadOrCreateKeyring(dir)
	if err != nil {
		t.Fatal(err)
	}
	if got := k2.KeyIDs(); len(got) != 2 || got[0] != 1 || got[1] != 2 {
		t.Fatalf("reloaded key ids %v, want [1 2]", got)
	}
	if tok := mustSign(t, k2, c); tok != newTok {
		t.Errorf("reloaded ring signs %q, want %q", tok, newTok)
	}
	if got, err := k2.Verify(old); err != nil || got.KeyID != 1 {
		t.Errorf("reloaded Verify(old) = %+v, %v", got, err)
	}

	// Once more: id 3, all three verify.
	if id, err := k2.Rotate(dir); err != nil || id != 3 {
		t.Fatalf("second Rotate = %d, %v", id, err)
	}
	k3, err := LoadOrCreateKeyring(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{old, newTok, mustSign(t, k3, c)} {
		if _, err := k3.Verify(tok); err != nil {
			t.Errorf("after two rotations, Verify(%q): %v", tok, err)
		}
	}
}

func TestRotateMemoryAndLimit(t *testing.T) {
	k := memRing(t, map[uint8][]byte{254: testKey(0)}, 254)
	old := mustSign(t, k, sample())
	if id, err := k.Rotate(""); err != nil || id != 255 {
		t.Fatalf("Rotate = %d, %v; want 255", id, err)
	}
	if _, err := k.Verify(old); err != nil {
		t.Fatal(err)
	}
	if id, err := k.Rotate(""); err == nil {
		t.Fatalf("Rotate past 255 gave id %d", id)
	}
	if k.CurrentKeyID() != 255 {
		t.Errorf("failed Rotate changed current key to %d", k.CurrentKeyID())
	}
	// Rotating into a directory that cannot be written leaves the ring as it was.
	k = ring1(t)
	if _, err := k.Rotate(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("Rotate into a missing directory gave no error")
	}
	if k.CurrentKeyID() != 1 {
		t.Errorf("failed Rotate changed current key to %d", k.CurrentKeyID())
	}
}

// TestConcurrentCreate: processes starting at once on an empty directory end
// up sharing one key (the file is linked into place, not renamed over).
func TestConcurrentCreate(t *testing.T) {
	for round := range 5 {
		dir := t.TempDir()
		const n = 8
		toks := make([]string, n)
		errs := make([]error, n)
		var wg sync.WaitGroup
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				k, err := LoadOrCreateKeyring(dir)
				if err != nil {
					errs[i] = err
					return
				}
				toks[i], errs[i] = k.Sign(sample())
			}()
		}
		wg.Wait()
		for i := range n {
			if errs[i] != nil {
				t.Fatalf("round %d, loader %d: %v", round, i, errs[i])
			}
			if toks[i] != toks[0] {
				t.Fatalf("round %d: loaders got different keys", round)
			}
		}
		onlyKeyFile(t, dir)
	}
}
