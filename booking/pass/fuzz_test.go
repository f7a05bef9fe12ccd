package pass

import (
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// FuzzVerify: Verify never panics, fails only with one of its four errors,
// and whatever it accepts is exactly what Sign makes of the claims it
// returns (the token encoding is canonical). The seed corpus is in
// testdata/fuzz/FuzzVerify; its valid tokens are signed with ring1's key.
func FuzzVerify(f *testing.F) {
	k := ring1(f)
	tok := mustSign(f, k, sample())
	f.Add(tok)
	f.Add(tok[:13] + "A" + tok[13:])
	f.Add("kp1" + tok[3:] + "\r\n")
	f.Fuzz(func(t *testing.T, token string) {
		c, err := k.Verify(token)
		if err != nil {
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrVersion) &&
				!errors.Is(err, ErrUnknownKey) && !errors.Is(err, ErrForged) {
				t.Fatalf("Verify(%q): unexpected error %v", token, err)
			}
			if c != (Claims{}) {
				t.Fatalf("Verify(%q) failed but returned claims %+v", token, c)
			}
			return
		}
		n, err := normalize(token)
		if err != nil {
			t.Fatalf("Verify accepted %q that Normalize rejects: %v", token, err)
		}
		again, err := k.Sign(c)
		if err != nil {
			t.Fatalf("Sign(Verify(%q) = %+v): %v", token, c, err)
		}
		if again != n {
			t.Fatalf("Sign(Verify(%q)) = %q, want the normalised token %q", token, again, n)
		}
		if c.KeyID != 1 {
			t.Fatalf("accepted key id %d", c.KeyID)
		}
	})
}

// TestFuzzCorpus: the seed files say what their names say, so the corpus
// keeps exercising the accepting path too.
func TestFuzzCorpus(t *testing.T) {
	want := map[string]error{
		"valid":         nil,
		"lowercase":     nil,
		"crlf":          nil,
		"spaces_tab":    nil,
		"tampered":      ErrForged,
		"empty":         ErrMalformed,
		"garbage":       ErrMalformed,
		"other_version": ErrVersion,
		"unknown_key":   ErrUnknownKey,
	}
	k := ring1(t)
	for name, wantErr := range want {
		raw, err := os.ReadFile(filepath.Join("testdata", "fuzz", "FuzzVerify", name))
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.SplitN(string(raw), "\n", 3)
		if len(lines) < 2 || lines[0] != "go test fuzz v1" ||
			!strings.HasPrefix(lines[1], "string(") || !strings.HasSuffix(lines[1], ")") {
			t.Fatalf("%s: not a fuzz corpus file: %q", name, raw)
		}
		token, err := strconv.Unquote(strings.TrimSuffix(strings.TrimPrefix(lines[1], "string("), ")"))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		_, err = k.Verify(token)
		if wantErr == nil && err != nil || wantErr != nil && !errors.Is(err, wantErr) {
			t.Errorf("%s: Verify(%q) error %v, want %v", name, token, err, wantErr)
		}
	}
}
