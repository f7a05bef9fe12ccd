package staff

import (
	"crypto/rand"
	"crypto/subtle"
	"errors"

	"golang.org/x/crypto/argon2"

	"github.com/yeongdeungpo/kiosk/internal/staff/internal/hashcost"
)

// productionHashParams are the argon2id parameters of the kiosk: OWASP's
// minimum for argon2id (19 MiB, 2 passes, 1 lane). The parameters are stored
// with every hash, so changing them only affects new hashes (and old PIN
// hashes are upgraded at the next successful login).
var productionHashParams = argonParams{Time: 2, Memory: 19 * 1024, Threads: 1, KeyLen: 32}

// hashParams are the parameters for new hashes: the production ones; the
// package's own tests lower them to keep the race-enabled suite fast.
var hashParams = productionHashParams

// loweredHashParams are what new hashes use in a test binary that asked
// stafftest for cheap hashes (see internal/staff/internal/hashcost).
var loweredHashParams = argonParams{Time: 1, Memory: 64, Threads: 1, KeyLen: 32}

// newHashParams are the parameters for a new hash.
func newHashParams() argonParams {
	if hashcost.Lowered() {
		return loweredHashParams
	}
	return hashParams
}

const saltLen = 16

type argonParams struct {
	Time    uint32 `json:"t"`
	Memory  uint32 `json:"m"` // KiB
	Threads uint8  `json:"p"`
	KeyLen  uint32 `json:"l"`
}

// secretHash is an argon2id hash of a PIN or setup code, with its parameters.
type secretHash struct {
	Alg string `json:"alg"`
	argonParams
	Salt []byte `json:"salt"`
	Hash []byte `json:"hash"`
}

const algArgon2id = "argon2id"

func newHash(secret string) (secretHash, error) {
	p := newHashParams()
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return secretHash{}, err
	}
	return secretHash{
		Alg:         algArgon2id,
		argonParams: p,
		Salt:        salt,
		Hash:        argon2.IDKey([]byte(secret), salt, p.Time, p.Memory, p.Threads, p.KeyLen),
	}, nil
}

var errBadHash = errors.New("staff: stored hash unusable")

// sane rejects records that would be insecure or absurdly expensive to check.
func (h secretHash) sane() error {
	p := h.argonParams
	if h.Alg != algArgon2id || p.Time < 1 || p.Time > 16 || p.Memory < 8 || p.Memory > 1<<20 ||
		p.Threads < 1 || p.Threads > 16 || p.KeyLen < 16 || p.KeyLen > 64 ||
		len(h.Salt) < 8 || uint32(len(h.Hash)) != p.KeyLen {
		return errBadHash
	}
	return nil
}

// matches reports whether secret hashes to h, in constant time.
func (h secretHash) matches(secret string) bool {
	if h.sane() != nil {
		return false
	}
	p := h.argonParams
	got := argon2.IDKey([]byte(secret), h.Salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return subtle.ConstantTimeCompare(got, h.Hash) == 1
}

// outdated reports whether h was made with other parameters than a new
// hash would be.
func (h secretHash) outdated() bool { return h.argonParams != newHashParams() }
