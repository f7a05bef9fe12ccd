// Package pass makes and verifies the signed QR check-in passes of the
// booking kiosk: a short text token, printed or shown as a QR code, that says
// which booking, room and check-in window it is for, and that nobody without
// the centre's key can forge or alter.
//
// # Token layout (version 1)
//
// A token is uppercase ASCII drawn from the QR alphanumeric character set, so
// that a QR code of it uses alphanumeric mode (5.5 bits a character). Fields
// are fixed width except the room, which is found by counting from both ends;
// there are no separators:
//
//	offset  length  field
//	0       3       "KP1": magic "KP" and format version "1"
//	3       2       key id, 2 uppercase hex digits ("01".."FF", "00" allowed)
//	5       8       booking id, 8 of "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
//	13      n       room id uppercased, n = 1..16 of [A-Z0-9-]
//	13+n    6       valid-from: minutes since 2020-01-01T00:00Z, Crockford
//	                base32 ("0123456789ABCDEFGHJKMNPQRSTVWXYZ"), most
//	                significant digit first, fixed 6 digits (30 bits, until
//	                about the year 4061)
//	19+n    3       window length in minutes, same base32, 3 digits,
//	                1..32767 (up to about 22.7 days)
//	22+n    26      MAC: the first 16 bytes (128 bits) of
//	                HMAC-SHA256(key, token[:22+n]), in the same base32
//	                alphabet, unpadded; the last digit carries 3 bits and
//	                its 2 low bits are zero
//
// A token is therefore 48+n characters: 49 to 64, 55 for the room "seminar".
// QR version 3 at level M holds 61 alphanumeric characters, so rooms of up to
// 13 characters (all of the centre's rooms) give a version 3 code, and longer
// ones a version 4 code (up to 90 characters).
//
// Example: booking "7KQ2M9XA" in room "seminar", check-in from 13:45 to
// 16:00 KST on 3 November 2025 (04:45Z, 135 minutes), signed with key 1 (here
// the test key 00 01 02 ... 1F):
//
//	KP1 01 7KQ2M9XA SEMINAR 02XQSX 047 6MS27VW1E1P6PVMHWJPBWMQHB8
//	KP1017KQ2M9XASEMINAR02XQSX0476MS27VW1E1P6PVMHWJPBWMQHB8
//
// The encoding is canonical: each set of claims has exactly one token and
// each token at most one set of claims, so Sign(Verify(t)) == t for every
// accepted (normalised) t.
//
// # What Verify accepts
//
// Verify first normalises what a scanner sends: ASCII spaces, tabs, CR and LF
// around the token are trimmed (USB scanners end with CR or CR LF), and
// lowercase ASCII letters are uppercased (a keyboard-wedge scanner types
// lowercase when Caps Lock is on). Any other byte outside [0-9A-Z-] or any
// non-ASCII character is ErrMalformed, before any uppercasing, so no Unicode
// case folding can turn a foreign letter into a token letter.
//
// Verify checks the format (ErrMalformed), the version (ErrVersion), that the
// key id is known (ErrUnknownKey) and the MAC with hmac.Equal (ErrForged).
// It does not check the validity window: the caller compares
// Claims.ValidFrom/ValidTo with its own clock.
//
// # Keys
//
// A Keyring holds every key id it knows and which one is current. Sign always
// uses the current key; Verify uses the key named in the token, so tokens
// signed before a Rotate keep verifying. LoadOrCreateKeyring keeps the ring in
// <dir>/pass-keys.json, mode 0600.
package pass

import (
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/errs"
)

// Errors returned by Verify (codes in errors.go; what was wrong follows
// them, for the log). ErrUnknownKey is returned with the key id the token
// names. Sign reports bad claims with ErrInvalidClaims.
var (
	ErrMalformed     = errs.New(CodeMalformed)
	ErrVersion       = errs.New(CodeVersion)
	ErrUnknownKey    = errs.New(CodeUnknownKey)
	ErrForged        = errs.New(CodeForged)
	ErrInvalidClaims = errs.New(CodeInvalidClaims)
)

// Claims is what a pass says.
type Claims struct {
	KeyID     uint8     // which key signed it (set by Verify; Sign uses the current key)
	BookingID string    // 8 characters from the alphabet "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	Room      string    // room id, [a-z0-9-]{1,16}
	ValidFrom time.Time // check-in window start (minute precision, UTC internally)
	ValidTo   time.Time // check-in window end
}

const (
	prefix    = "KP" // magic
	version   = '1'  // format version
	header    = "KP1"
	keyLen    = 2
	idLen     = 8
	roomMax   = 16
	fromLen   = 6
	durLen    = 3
	macBytes  = 16                           // 128 bits of HMAC-SHA256
	macLen    = 26                           // ceil(128/5)
	fixedHead = len(header) + keyLen + idLen // 13: where the room starts
	fixedTail = fromLen + durLen + macLen    // 35: after the room

	// MinLen and MaxLen bound a version 1 token's length.
	MinLen = fixedHead + 1 + fixedTail       // 49
	MaxLen = fixedHead + roomMax + fixedTail // 64

	// BookingAlphabet is the alphabet of booking ids.
	BookingAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

	crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	hexDigits = "0123456789ABCDEF"

	maxFrom = 1<<(5*fromLen) - 1 // minutes
	maxDur  = 1<<(5*durLen) - 1  // minutes
)

// epochUnix is 2020-01-01T00:00:00Z, the origin of valid-from.
var epochUnix = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Unix()

// crockVal maps a byte to its base32 value, or -1.
var crockVal = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i := 0; i < len(crockford); i++ {
		t[crockford[i]] = int8(i)
	}
	return t
}()

// Sign returns the token for c, signed with the current key. c.KeyID is
// ignored. The booking id must be 8 characters of BookingAlphabet, the room
// [a-z0-9-]{1,16}, and both times whole minutes (any location), with ValidTo
// 1 to 32767 minutes after ValidFrom and ValidFrom from 2020-01-01 UTC on.
func (k *Keyring) Sign(c Claims) (string, error) {
	if !validBookingID(c.BookingID) {
		return "", fmt.Errorf("%w: booking id %q is not 8 characters of %s", ErrInvalidClaims, c.BookingID, BookingAlphabet)
	}
	if !validRoom(c.Room) {
		return "", fmt.Errorf("%w: room id %q is not 1 to %d of [a-z0-9-]", ErrInvalidClaims, c.Room, roomMax)
	}
	from, ok := wholeMinute(c.ValidFrom)
	if !ok {
		return "", fmt.Errorf("%w: valid-from %v is not a whole minute", ErrInvalidClaims, c.ValidFrom)
	}
	to, ok := wholeMinute(c.ValidTo)
	if !ok {
		return "", fmt.Errorf("%w: valid-to %v is not a whole minute", ErrInvalidClaims, c.ValidTo)
	}
	fromMin := (from - epochUnix) / 60
	if from < epochUnix || fromMin > maxFrom {
		return "", fmt.Errorf("%w: valid-from %v outside 2020-01-01 UTC plus %d minutes", ErrInvalidClaims, c.ValidFrom, maxFrom)
	}
	if to <= from || (to-from)/60 > maxDur {
		return "", fmt.Errorf("%w: window %v to %v must last 1 to %d minutes", ErrInvalidClaims, c.ValidFrom, c.ValidTo, maxDur)
	}
	durMin := (to - from) / 60

	id, key := k.current()
	var b strings.Builder
	b.Grow(fixedHead + len(c.Room) + fixedTail)
	b.WriteString(header)
	b.WriteByte(hexDigits[id>>4])
	b.WriteByte(hexDigits[id&0xF])
	b.WriteString(c.BookingID)
	b.WriteString(strings.ToUpper(c.Room)) // ASCII only, checked above
	writeBase32(&b, uint64(fromMin), fromLen)
	writeBase32(&b, uint64(durMin), durLen)
	body := b.String()
	b.WriteString(encodeMAC(mac(key, body)))
	return b.String(), nil
}

// Verify checks token and returns its claims, with times in UTC and the room
// in lowercase. See the package comment for what is normalised and what each
// error means. It does not check the validity window against any clock.
func (k *Keyring) Verify(token string) (Claims, error) {
	t, err := normalize(token)
	if err != nil {
		return Claims{}, err
	}
	c, body, macText, err := parse(t)
	if err != nil {
		return Claims{}, err
	}
	key, ok := k.key(c.KeyID)
	if !ok {
		return Claims{}, errs.New(CodeUnknownKey, c.KeyID)
	}
	want := encodeMAC(mac(key, body))
	if !hmac.Equal([]byte(want), []byte(macText)) {
		return Claims{}, ErrForged
	}
	return c, nil
}

// normalize returns token as Verify reads it: trimmed of ASCII spaces, tabs,
// CR and LF and uppercased, or ErrMalformed when it holds a byte that no
// token has (non-ASCII included) or has the wrong length. A token that
// Verify accepts is, after normalize, exactly what Sign produced.
func normalize(token string) (string, error) {
	t := strings.Trim(token, " \t\r\n")
	if t == "" {
		return "", fmt.Errorf("%w: empty", ErrMalformed)
	}
	if len(t) > MaxLen*2 { // no need to look at huge inputs byte by byte
		return "", fmt.Errorf("%w: %d bytes long", ErrMalformed, len(t))
	}
	buf := []byte(t)
	for i, c := range buf {
		switch {
		case c >= 'a' && c <= 'z':
			buf[i] = c - 'a' + 'A'
		case c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-':
		default:
			return "", fmt.Errorf("%w: byte %#02x at %d", ErrMalformed, c, i)
		}
	}
	t = string(buf)
	// The version is looked at before the length, so that a token of a
	// later version with another layout is reported as such.
	if len(t) >= len(header) && t[:len(prefix)] == prefix && t[len(prefix)] != version {
		return "", fmt.Errorf("%w: %q", ErrVersion, t[:len(header)])
	}
	if len(t) < MinLen || len(t) > MaxLen {
		return "", fmt.Errorf("%w: %d characters, want %d to %d", ErrMalformed, len(t), MinLen, MaxLen)
	}
	if t[:len(header)] != header {
		return "", fmt.Errorf("%w: does not start with %s", ErrMalformed, header)
	}
	return t, nil
}

// parse splits a normalised token of valid length and header into its claims,
// the signed body and the MAC text. It checks every field's syntax.
func parse(t string) (c Claims, body, macText string, err error) {
	bad := func(what string) (Claims, string, string, error) {
		return Claims{}, "", "", fmt.Errorf("%w: bad %s", ErrMalformed, what)
	}
	roomEnd := len(t) - fixedTail
	i := len(header)

	hi, lo := strings.IndexByte(hexDigits, t[i]), strings.IndexByte(hexDigits, t[i+1])
	if hi < 0 || lo < 0 {
		return bad("key id")
	}
	c.KeyID = uint8(hi<<4 | lo)
	i += keyLen

	c.BookingID = t[i : i+idLen]
	if !validBookingID(c.BookingID) {
		return bad("booking id")
	}
	i += idLen

	room := strings.ToLower(t[i:roomEnd])
	if !validRoom(room) {
		return bad("room id")
	}
	c.Room = room
	i = roomEnd

	fromMin, ok := readBase32(t[i : i+fromLen])
	if !ok {
		return bad("valid-from")
	}
	i += fromLen
	durMin, ok := readBase32(t[i : i+durLen])
	if !ok || durMin == 0 {
		return bad("window length")
	}
	i += durLen

	macText = t[i:]
	if _, ok := decodeMAC(macText); !ok {
		return bad("MAC")
	}
	from := epochUnix + int64(fromMin)*60
	c.ValidFrom = time.Unix(from, 0).UTC()
	c.ValidTo = time.Unix(from+int64(durMin)*60, 0).UTC()
	return c, t[:i], macText, nil
}

func validBookingID(s string) bool {
	if len(s) != idLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		if strings.IndexByte(BookingAlphabet, s[i]) < 0 {
			return false
		}
	}
	return true
}

func validRoom(s string) bool {
	if len(s) < 1 || len(s) > roomMax {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// wholeMinute returns t's Unix seconds when t has no seconds or fraction.
func wholeMinute(t time.Time) (int64, bool) {
	s := t.Unix()
	return s, t.Nanosecond() == 0 && s%60 == 0
}

func writeBase32(b *strings.Builder, v uint64, n int) {
	for i := n - 1; i >= 0; i-- {
		b.WriteByte(crockford[(v>>(5*uint(i)))&31])
	}
}

func readBase32(s string) (uint64, bool) {
	var v uint64
	for i := 0; i < len(s); i++ {
		d := crockVal[s[i]]
		if d < 0 {
			return 0, false
		}
		v = v<<5 | uint64(d)
	}
	return v, true
}

func mac(key []byte, body string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(body))
	return h.Sum(nil)[:macBytes]
}

// encodeMAC writes 16 bytes as 26 base32 digits, most significant bits
// first, the last digit padded with two zero bits.
func encodeMAC(m []byte) string {
	var out [macLen]byte
	var acc uint32
	bits, o := 0, 0
	for _, x := range m {
		acc = acc<<8 | uint32(x)
		bits += 8
		for bits >= 5 {
			bits -= 5
			out[o] = crockford[(acc>>uint(bits))&31]
			o++
		}
	}
	out[o] = crockford[(acc<<uint(5-bits))&31] // bits == 3 here
	return string(out[:])
}

// decodeMAC is encodeMAC's inverse; it refuses non-canonical text (non-zero
// padding bits), so each MAC has a single spelling.
func decodeMAC(s string) ([]byte, bool) {
	if len(s) != macLen {
		return nil, false
	}
	m := make([]byte, 0, macBytes)
	var acc uint32
	bits := 0
	for i := 0; i < len(s); i++ {
		d := crockVal[s[i]]
		if d < 0 {
			return nil, false
		}
		acc = acc<<5 | uint32(d)
		bits += 5
		if bits >= 8 {
			bits -= 8
			m = append(m, byte(acc>>uint(bits)))
		}
	}
	if bits != 2 || acc&3 != 0 {
		return nil, false
	}
	return m, true
}
