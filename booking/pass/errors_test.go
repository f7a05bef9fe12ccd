package pass

import (
	"errors"
	"fmt"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/errs/errstest"
)

// TestSentinelCodes: each refusal variable carries its own code and matches
// no other variable; Codes is exactly the variables' codes.
func TestSentinelCodes(t *testing.T) {
	sentinels := []errstest.Sentinel{
		{Name: "ErrMalformed", Err: ErrMalformed, Code: CodeMalformed},
		{Name: "ErrVersion", Err: ErrVersion, Code: CodeVersion},
		{Name: "ErrUnknownKey", Err: ErrUnknownKey, Code: CodeUnknownKey},
		{Name: "ErrForged", Err: ErrForged, Code: CodeForged},
		{Name: "ErrInvalidClaims", Err: ErrInvalidClaims, Code: CodeInvalidClaims},
		{Name: "ErrKeyFile", Err: ErrKeyFile, Code: CodeKeyFile},
	}
	errstest.CheckCodes(t, sentinels, Codes)
}

// TestVerifyRefusals: what Verify refuses matches its variable, wrapped or
// not, and says so in English; an unknown key is named by its id.
func TestVerifyRefusals(t *testing.T) {
	c := sample()
	k1 := ring1(t)
	tok1 := mustSign(t, k1, c)
	tok2 := mustSign(t, memRing(t, map[uint8][]byte{2: testKey(100)}, 2), c)
	forged := mustSign(t, memRing(t, map[uint8][]byte{1: testKey(200)}, 1), c)
	cases := []struct {
		name  string
		token string
		is    error
		en    string
	}{
		{"key 2 on a ring of key 1", tok2, ErrUnknownKey, "The pass is signed with an unknown key (key 2)."},
		{"same key id, another secret", forged, ErrForged, "The pass signature does not match."},
		{"empty", "  ", ErrMalformed, "The pass code cannot be read."},
		{"cut short", tok1[:len(tok1)-1], ErrMalformed, "The pass code cannot be read."},
		{"another version", "KP2" + tok1[3:], ErrVersion, "This pass is of a format that is not supported."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := k1.Verify(tc.token)
			for _, e := range []error{err, fmt.Errorf("check-in: %w", err)} {
				if !errors.Is(e, tc.is) {
					t.Fatalf("errors.Is(%v, %v) = false", e, tc.is)
				}
				if en, ok := errs.English(e); !ok || en != tc.en {
					t.Errorf("English = %q, %v\nwant      %q", en, ok, tc.en)
				}
			}
		})
	}
}
