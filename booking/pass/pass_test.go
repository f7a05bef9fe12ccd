package pass

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/png"
	"strings"
	"sync"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Seoul on any host

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"
	qrcode "github.com/skip2/go-qrcode"
)

// seoul is Asia/Seoul: UTC+9 all year, no DST since 1988.
var seoul = func() *time.Location {
	l, err := time.LoadLocation("Asia/Seoul")
	if err != nil {
		panic(err)
	}
	return l
}()

// testKey returns a fixed secret whose bytes start at seed.
func testKey(seed byte) []byte {
	k := make([]byte, KeySize)
	for i := range k {
		k[i] = seed + byte(i)
	}
	return k
}

func memRing(t testing.TB, keys map[uint8][]byte, current uint8) *Keyring {
	t.Helper()
	k, err := NewMemoryKeyring(keys, current)
	if err != nil {
		t.Fatal(err)
	}
	return k
}

// ring1 holds key id 1 = testKey(0).
func ring1(t testing.TB) *Keyring { return memRing(t, map[uint8][]byte{1: testKey(0)}, 1) }

func kst(y int, mo time.Month, d, h, mi int) time.Time {
	return time.Date(y, mo, d, h, mi, 0, 0, seoul)
}

// sample is a typical pass: a two-hour seminar-room booking, check-in open
// from 15 minutes before.
func sample() Claims {
	from := kst(2025, 11, 3, 13, 45)
	return Claims{BookingID: "7KQ2M9XA", Room: "seminar", ValidFrom: from, ValidTo: from.Add(2*time.Hour + 15*time.Minute)}
}

func mustSign(t testing.TB, k *Keyring, c Claims) string {
	t.Helper()
	tok, err := k.Sign(c)
	if err != nil {
		t.Fatalf("Sign(%+v): %v", c, err)
	}
	return tok
}

func sameClaims(a, b Claims) bool {
	return a.KeyID == b.KeyID && a.BookingID == b.BookingID && a.Room == b.Room &&
		a.ValidFrom.Equal(b.ValidFrom) && a.ValidTo.Equal(b.ValidTo)
}

// qrAlnum is the QR alphanumeric character set.
const qrAlnum = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:"

func TestRoundTrip(t *testing.T) {
	epoch := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	// maxFrom minutes (~2041 years) overflow a time.Duration: count in seconds.
	lastFrom := time.Unix(epochUnix+int64(maxFrom)*60, 0)
	cases := []struct {
		name     string
		room     string
		id       string
		from, to time.Time
	}{
		{"seminar KST afternoon", "seminar", "7KQ2M9XA", kst(2025, 11, 3, 13, 45), kst(2025, 11, 3, 16, 0)},
		{"one-char room", "a", "22222222", kst(2026, 1, 1, 9, 0), kst(2026, 1, 1, 9, 30)},
		{"16-char room", "abcdefghij-12345", "ZZZZZZZZ", kst(2026, 3, 29, 1, 59), kst(2026, 3, 29, 3, 1)},
		{"13-char room", "multipurpose2", "HJKMNPQR", kst(2025, 7, 1, 23, 30), kst(2025, 7, 2, 0, 30)},
		{"digits and hyphens", "3-0-1", "STUVWXYZ", kst(2025, 10, 26, 2, 30), kst(2025, 10, 26, 3, 0)}, // a European DST night: nothing special in Seoul
		{"hyphen only", "-", "ABCDEFGH", kst(2025, 3, 9, 2, 0), kst(2025, 3, 9, 3, 0)},
		{"crosses midnight KST", "meeting", "23456789", kst(2025, 12, 31, 23, 45), kst(2026, 1, 1, 0, 15)},
		{"crosses midnight UTC", "consulting", "98765432", kst(2025, 6, 15, 8, 50), kst(2025, 6, 15, 9, 10)},
		{"epoch start, 1 minute", "investment", "AAAAAAAA", epoch, epoch.Add(time.Minute)},
		{"epoch in KST", "seminar", "BBBBBBBB", kst(2020, 1, 1, 9, 0), kst(2020, 1, 1, 9, 1)},
		{"longest window", "seminar", "CCCCCCCC", kst(2025, 2, 1, 0, 0), kst(2025, 2, 1, 0, 0).Add(time.Duration(maxDur) * time.Minute)},
		{"last valid-from", "z", "DDDDDDDD", lastFrom, lastFrom.Add(time.Duration(maxDur) * time.Minute)},
		{"given in UTC", "seminar", "EEEEEEEE", time.Date(2025, 11, 3, 4, 45, 0, 0, time.UTC), time.Date(2025, 11, 3, 7, 0, 0, 0, time.UTC)},
	}
	k := ring1(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := Claims{KeyID: 77, BookingID: tc.id, Room: tc.room, ValidFrom: tc.from, ValidTo: tc.to}
			tok := mustSign(t, k, in)
			if want := 48 + len(tc.room); len(tok) != want {
				t.Errorf("len(%q) = %d, want %d", tok, len(tok), want)
			}
			if !strings.HasPrefix(tok, "KP101"+tc.id+strings.ToUpper(tc.room)) {
				t.Errorf("token %q does not start with header, key, booking, room", tok)
			}
			for i := 0; i < len(tok); i++ {
				if !strings.ContainsRune(qrAlnum, rune(tok[i])) {
					t.Fatalf("token %q has %q outside the QR alphanumeric set", tok, tok[i])
				}
			}
			got, err := k.Verify(tok)
			if err != nil {
				t.Fatalf("Verify(%q): %v", tok, err)
			}
			want := in
			want.KeyID = 1 // Sign ignores the KeyID it is given
			if !sameClaims(got, want) {
				t.Fatalf("Verify(Sign(c)) = %+v, want %+v", got, want)
			}
			if got.ValidFrom.Location() != time.UTC || got.ValidTo.Location() != time.UTC {
				t.Errorf("times not in UTC: %v %v", got.ValidFrom, got.ValidTo)
			}
			// The same instant in another zone gives the same token.
			in2 := in
			in2.ValidFrom, in2.ValidTo = in.ValidFrom.UTC(), in.ValidTo.In(seoul)
			if tok2 := mustSign(t, k, in2); tok2 != tok {
				t.Errorf("same instants in other zones: %q, want %q", tok2, tok)
			}
		})
	}
}

func TestSignRejectsBadClaims(t *testing.T) {
	good := sample()
	cases := []struct {
		name string
		edit func(*Claims)
	}{
		{"short booking id", func(c *Claims) { c.BookingID = "7KQ2M9X" }},
		{"long booking id", func(c *Claims) { c.BookingID = "7KQ2M9XAB" }},
		{"booking id with 0", func(c *Claims) { c.BookingID = "7KQ2M9X0" }},
		{"booking id with I", func(c *Claims) { c.BookingID = "7KQ2M9XI" }},
		{"lowercase booking id", func(c *Claims) { c.BookingID = "7kq2m9xa" }},
		{"empty room", func(c *Claims) { c.Room = "" }},
		{"17-char room", func(c *Claims) { c.Room = "abcdefghijklmnopq" }},
		{"uppercase room", func(c *Claims) { c.Room = "Seminar" }},
		{"room with underscore", func(c *Claims) { c.Room = "room_1" }},
		{"room with dot", func(c *Claims) { c.Room = "room.1" }},
		{"room non-ASCII", func(c *Claims) { c.Room = "세미나실" }},
		{"seconds in from", func(c *Claims) { c.ValidFrom = c.ValidFrom.Add(time.Second) }},
		{"nanoseconds in to", func(c *Claims) { c.ValidTo = c.ValidTo.Add(time.Nanosecond) }},
		{"zero times", func(c *Claims) { c.ValidFrom, c.ValidTo = time.Time{}, time.Time{} }},
		{"before 2020", func(c *Claims) {
			c.ValidFrom = time.Date(2019, 12, 31, 23, 59, 0, 0, time.UTC)
			c.ValidTo = c.ValidFrom.Add(time.Hour)
		}},
		{"past last valid-from", func(c *Claims) {
			c.ValidFrom = time.Unix(epochUnix+int64(maxFrom+1)*60, 0)
			c.ValidTo = c.ValidFrom.Add(time.Hour)
		}},
		{"empty window", func(c *Claims) { c.ValidTo = c.ValidFrom }},
		{"reversed window", func(c *Claims) { c.ValidTo = c.ValidFrom.Add(-time.Minute) }},
		{"window too long", func(c *Claims) { c.ValidTo = c.ValidFrom.Add(time.Duration(maxDur+1) * time.Minute) }},
	}
	k := ring1(t)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := good
			tc.edit(&c)
			tok, err := k.Sign(c)
			if !errors.Is(err, ErrInvalidClaims) {
				t.Fatalf("Sign = %q, %v; want ErrInvalidClaims", tok, err)
			}
		})
	}
}

func TestQRVersion(t *testing.T) {
	k := ring1(t)
	cases := []struct {
		room    string
		version int
	}{
		{"seminar", 3},
		{"multipurpose", 3},     // the centre's longest room id
		{"abcdefghijklm", 3},    // 13: the longest that fits version 3-M (61 chars)
		{"abcdefghijklmn", 4},   // 14
		{"abcdefghij-12345", 4}, // 16: the longest token, 64 characters
	}
	for _, tc := range cases {
		c := sample()
		c.Room = tc.room
		tok := mustSign(t, k, c)
		q, err := qrcode.New(tok, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		v, err := qrVersion(tok)
		if err != nil || v != q.VersionNumber {
			t.Fatalf("QRVersion = %d, %v; qrcode says %d", v, err, q.VersionNumber)
		}
		t.Logf("room %-16q token %q: %d chars, QR version %d-M (%d modules)", tc.room, tok, len(tok), v, 17+4*v)
		if v != tc.version || v > 4 {
			t.Errorf("room %q: QR version %d, want %d (and at most 4)", tc.room, v, tc.version)
		}
		if len(tok) > 72 {
			t.Errorf("token %d characters, want at most 72", len(tok))
		}
	}
}

// decodeQR reads the first QR code in a PNG with gozxing.
func decodeQR(t *testing.T, pngData []byte) (*gozxing.Result, image.Image) {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		t.Fatalf("png.Decode: %v", err)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gzqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("gozxing decode: %v", err)
	}
	return res, img
}

func TestPNGDecodes(t *testing.T) {
	k := ring1(t)
	for _, room := range []string{"seminar", "abcdefghij-12345"} {
		c := sample()
		c.Room = room
		tok := mustSign(t, k, c)
		q, err := qrcode.New(tok, qrcode.Medium)
		if err != nil {
			t.Fatal(err)
		}
		modules := 17 + 4*q.VersionNumber
		bitmap := q.Bitmap() // quiet zone included
		for _, px := range []int{4, 8} {
			t.Run(fmt.Sprintf("%s/%dpx", room, px), func(t *testing.T) {
				data, err := PNG(tok, px)
				if err != nil {
					t.Fatal(err)
				}
				res, img := decodeQR(t, data)
				if res.GetText() != tok {
					t.Fatalf("decoded %q, want %q", res.GetText(), tok)
				}
				if _, err := k.Verify(res.GetText()); err != nil {
					t.Fatalf("Verify(decoded): %v", err)
				}
				md := res.GetResultMetadata()
				if ec := md[gozxing.ResultMetadataType_ERROR_CORRECTION_LEVEL]; ec != "M" {
					t.Errorf("error correction %v, want M", ec)
				}
				if _, ok := md[gozxing.ResultMetadataType_BYTE_SEGMENTS]; ok {
					t.Errorf("QR code uses byte mode, want alphanumeric only")
				}
				b := img.Bounds()
				if want := (modules + 8) * px; b.Dx() != want || b.Dy() != want {
					t.Fatalf("image %dx%d, want %dx%d", b.Dx(), b.Dy(), want, want)
				}
				// Crisp: every module is a px×px block of one colour, the
				// colour of the code's bitmap, quiet zone white.
				for my := range bitmap {
					for mx := range bitmap[my] {
						for y := my * px; y < (my+1)*px; y++ {
							for x := mx * px; x < (mx+1)*px; x++ {
								r, _, _, _ := img.At(x, y).RGBA()
								if dark := r < 0x8000; dark != bitmap[my][mx] {
									t.Fatalf("pixel (%d,%d) dark=%v, module (%d,%d) dark=%v", x, y, dark, mx, my, bitmap[my][mx])
								}
							}
						}
					}
				}
				for i := 0; i < 4; i++ { // quiet zone
					if bitmap[i][len(bitmap)/2] || bitmap[len(bitmap)/2][i] {
						t.Fatalf("quiet zone not white at module %d", i)
					}
				}
			})
		}
	}
}

func TestPNGRejects(t *testing.T) {
	tok := mustSign(t, ring1(t), sample())
	for _, px := range []int{0, -1, -8, MaxPixelsPerModule + 1} {
		if _, err := PNG(tok, px); err == nil {
			t.Errorf("PNG(tok, %d) gave no error", px)
		}
	}
	if _, err := PNG("", 4); err == nil {
		t.Error("PNG of empty token gave no error")
	}
	if _, err := PNG(tok, MaxPixelsPerModule); err != nil {
		t.Errorf("PNG at %d px: %v", MaxPixelsPerModule, err)
	}
}

// TestTamperEveryCharacter changes each character of a valid token, one at a
// time, to every other character of the QR alphanumeric set.
func TestTamperEveryCharacter(t *testing.T) {
	k := ring1(t)
	for _, room := range []string{"seminar", "a", "abcdefghij-12345"} {
		c := sample()
		c.Room = room
		tok := mustSign(t, k, c)
		tried := 0
		for i := 0; i < len(tok); i++ {
			for _, r := range qrAlnum {
				if byte(r) == tok[i] {
					continue
				}
				bad := tok[:i] + string(r) + tok[i+1:]
				_, err := k.Verify(bad)
				tried++
				var ok bool
				switch {
				case i < 2: // magic
					ok = errors.Is(err, ErrMalformed)
				case i == 2: // version
					ok = errors.Is(err, ErrVersion) || errors.Is(err, ErrMalformed)
				case i < 5: // key id
					ok = errors.Is(err, ErrUnknownKey) || errors.Is(err, ErrMalformed)
				default:
					ok = errors.Is(err, ErrForged) || errors.Is(err, ErrMalformed)
				}
				if !ok {
					t.Fatalf("token %q with [%d] %q->%q: Verify error %v", tok, i, tok[i], r, err)
				}
			}
		}
		t.Logf("room %q: %d tampered tokens rejected", room, tried)
	}
}

// TestMACPaddingBits: the MAC's last digit carries 3 bits; the 4 digits that
// share those bits must not all be accepted.
func TestMACPaddingBits(t *testing.T) {
	k := ring1(t)
	tok := mustSign(t, k, sample())
	last := crockVal[tok[len(tok)-1]]
	if last&3 != 0 {
		t.Fatalf("last MAC digit %q has padding bits set", tok[len(tok)-1])
	}
	for p := int8(1); p < 4; p++ {
		bad := tok[:len(tok)-1] + string(crockford[last|p])
		if _, err := k.Verify(bad); !errors.Is(err, ErrMalformed) {
			t.Errorf("padding bits %d: Verify error %v, want ErrMalformed", p, err)
		}
	}
	m := mac(testKey(0), "x")
	if got, ok := decodeMAC(encodeMAC(m)); !ok || !bytes.Equal(got, m) {
		t.Fatalf("decodeMAC(encodeMAC(m)) = %x, %v; want %x", got, ok, m)
	}
}

func TestKeyIDs(t *testing.T) {
	c := sample()
	k12 := memRing(t, map[uint8][]byte{1: testKey(0), 2: testKey(100)}, 2)
	tok2 := mustSign(t, k12, c)
	if tok2[3:5] != "02" {
		t.Fatalf("token %q: key id field %q, want 02", tok2, tok2[3:5])
	}
	k1 := ring1(t)
	tok1 := mustSign(t, k1, c)

	// Key 2 is unknown to a ring with key 1 only.
	if _, err := k1.Verify(tok2); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("Verify(key 2 token) on ring {1}: %v, want ErrUnknownKey", err)
	}
	// The ring holding both verifies both, each with its own key.
	for _, tok := range []string{tok1, tok2} {
		got, err := k12.Verify(tok)
		if err != nil {
			t.Fatalf("ring {1,2} Verify(%q): %v", tok, err)
		}
		if want := tok[3:5]; fmt.Sprintf("%02X", got.KeyID) != want {
			t.Errorf("KeyID %d, token says %s", got.KeyID, want)
		}
	}
	// Key id 0 and 255 are legal ids.
	for _, id := range []uint8{0, 255} {
		r := memRing(t, map[uint8][]byte{id: testKey(id)}, id)
		tok := mustSign(t, r, c)
		if got, err := r.Verify(tok); err != nil || got.KeyID != id {
			t.Errorf("key id %d: %+v, %v", id, got, err)
		}
		if _, err := k1.Verify(tok); !errors.Is(err, ErrUnknownKey) {
			t.Errorf("key id %d on ring {1}: %v, want ErrUnknownKey", id, err)
		}
	}
	// Same key id, different secret: forged.
	other := memRing(t, map[uint8][]byte{1: testKey(200)}, 1)
	forged := mustSign(t, other, c)
	if _, err := k1.Verify(forged); !errors.Is(err, ErrForged) {
		t.Errorf("token of another ring with the same key id: %v, want ErrForged", err)
	}
	// Relabelled: key 1's token claiming key 2 does not verify with key 2.
	relabel := tok1[:3] + "02" + tok1[5:]
	if _, err := k12.Verify(relabel); !errors.Is(err, ErrForged) {
		t.Errorf("relabelled token: %v, want ErrForged", err)
	}
}

func TestVerifyInputs(t *testing.T) {
	k := ring1(t)
	tok := mustSign(t, k, sample())
	want, err := k.Verify(tok)
	if err != nil {
		t.Fatal(err)
	}
	mixed := []byte(tok)
	for i := range mixed {
		if i%2 == 0 && mixed[i] >= 'A' && mixed[i] <= 'Z' {
			mixed[i] += 'a' - 'A'
		}
	}
	long := strings.Repeat("A", 1<<20)
	cases := []struct {
		name string
		in   string
		err  error // nil: accepted with the sample's claims
	}{
		{"as signed", tok, nil},
		// Decision: lowercase is accepted (a keyboard-wedge scanner with Caps
		// Lock on types it); the MAC is over the uppercase text.
		{"lowercase", strings.ToLower(tok), nil},
		{"mixed case", string(mixed), nil},
		{"trailing CR LF", tok + "\r\n", nil},
		{"trailing CR", tok + "\r", nil},
		{"trailing LF", tok + "\n", nil},
		{"spaces and tab around", "  \t" + tok + " \r\n", nil},
		{"empty", "", ErrMalformed},
		{"whitespace only", " \r\n\t", ErrMalformed},
		{"inner space", tok[:20] + " " + tok[20:], ErrMalformed},
		{"inner CR LF", tok[:20] + "\r\n" + tok[20:], ErrMalformed},
		{"extended by a digit", tok + "0", ErrForged},
		{"extended by a letter", tok + "G", ErrForged},           // G = 10000b: canonical last MAC digit
		{"extended, non-canonical MAC", tok + "A", ErrMalformed}, // A = 01010b: padding bits set
		{"doubled", tok + tok, ErrMalformed},
		{"prefix magic only", "KP1", ErrMalformed},
		{"other version", "KP2" + tok[3:], ErrVersion},
		{"other version lowercase", "kp9" + strings.ToLower(tok[3:]), ErrVersion},
		{"short other version", "KP2", ErrVersion},
		{"no magic", "XX" + tok[2:], ErrMalformed},
		{"QR punctuation", tok[:len(tok)-1] + ".", ErrMalformed},
		{"NUL byte", tok[:10] + "\x00" + tok[11:], ErrMalformed},
		{"non-ASCII fullwidth K", "Ｋ" + tok[1:], ErrMalformed},
		{"dotless i (uppercases to I)", tok[:13] + "ı" + tok[14:], ErrMalformed},
		{"long s (uppercases to S)", tok[:13] + "ſ" + tok[14:], ErrMalformed},
		{"Kelvin sign", "\u212a" + tok[1:], ErrMalformed},
		{"invalid UTF-8", tok[:13] + "\xff" + tok[14:], ErrMalformed},
		{"Hangul", "세미나실", ErrMalformed},
		{"one megabyte", long, ErrMalformed},
		{"URL", "https://example.com/" + tok, ErrMalformed},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := k.Verify(tc.in)
			if tc.err == nil {
				if err != nil {
					t.Fatalf("Verify: %v", err)
				}
				if !sameClaims(got, want) {
					t.Fatalf("claims %+v, want %+v", got, want)
				}
				n, err := normalize(tc.in)
				if err != nil || n != tok {
					t.Fatalf("Normalize = %q, %v; want %q", n, err, tok)
				}
				return
			}
			if !errors.Is(err, tc.err) {
				t.Fatalf("Verify error %v, want %v", err, tc.err)
			}
			if got != (Claims{}) {
				t.Fatalf("rejected token gave claims %+v", got)
			}
		})
	}
}

// TestTruncated: every proper prefix and every proper suffix is rejected.
func TestTruncated(t *testing.T) {
	k := ring1(t)
	tok := mustSign(t, k, sample())
	for n := 0; n < len(tok); n++ {
		for _, bad := range []string{tok[:n], tok[len(tok)-n:]} {
			_, err := k.Verify(bad)
			if !errors.Is(err, ErrMalformed) && !errors.Is(err, ErrForged) {
				t.Fatalf("Verify(%q): %v, want ErrMalformed or ErrForged", bad, err)
			}
		}
	}
	// Dropping one room character keeps a well-formed token; the MAC catches it.
	short := tok[:13] + tok[14:]
	if _, err := k.Verify(short); !errors.Is(err, ErrForged) {
		t.Errorf("room shortened: %v, want ErrForged", err)
	}
}

func TestNewMemoryKeyringRejects(t *testing.T) {
	cases := []struct {
		name    string
		keys    map[uint8][]byte
		current uint8
	}{
		{"no keys", nil, 1},
		{"short key", map[uint8][]byte{1: make([]byte, 31)}, 1},
		{"long key", map[uint8][]byte{1: make([]byte, 33)}, 1},
		{"current missing", map[uint8][]byte{1: testKey(0)}, 2},
	}
	for _, tc := range cases {
		if _, err := NewMemoryKeyring(tc.keys, tc.current); err == nil {
			t.Errorf("%s: no error", tc.name)
		}
	}
	// The secrets are copied: changing the caller's slice changes nothing.
	key := testKey(0)
	k := memRing(t, map[uint8][]byte{1: key}, 1)
	tok := mustSign(t, k, sample())
	key[0] ^= 0xFF
	if _, err := k.Verify(tok); err != nil {
		t.Fatalf("after caller changed its key slice: %v", err)
	}
}

func TestConcurrentSignVerify(t *testing.T) {
	k := ring1(t)
	rooms := []string{"seminar", "multipurpose", "meeting", "investment", "consulting"}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for g := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				c := sample()
				c.Room = rooms[(g+i)%len(rooms)]
				c.BookingID = string([]byte{BookingAlphabet[g], BookingAlphabet[i%31], 'A', 'B', 'C', 'D', 'E', 'F'})
				c.ValidFrom = c.ValidFrom.Add(time.Duration(i) * time.Minute)
				c.ValidTo = c.ValidTo.Add(time.Duration(i) * time.Minute)
				tok, err := k.Sign(c)
				if err != nil {
					errs <- err
					return
				}
				got, err := k.Verify(tok)
				if err != nil {
					errs <- err
					return
				}
				c.KeyID = k.CurrentKeyID()
				if got.KeyID == 0 || got.Room != c.Room || got.BookingID != c.BookingID || !got.ValidFrom.Equal(c.ValidFrom) {
					errs <- fmt.Errorf("goroutine %d: got %+v for %+v", g, got, c)
					return
				}
			}
		}()
	}
	// Rotations while signing and verifying: every token still verifies.
	wg.Add(1)
	go func() {
		defer wg.Done()
		for range 20 {
			if _, err := k.Rotate(""); err != nil {
				errs <- err
				return
			}
		}
	}()
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if got := k.CurrentKeyID(); got != 21 {
		t.Errorf("current key %d after 20 rotations, want 21", got)
	}
}

func BenchmarkSignVerify(b *testing.B) {
	k := ring1(b)
	c := sample()
	for b.Loop() {
		tok, err := k.Sign(c)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := k.Verify(tok); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	k := ring1(b)
	tok := mustSign(b, k, sample())
	for b.Loop() {
		if _, err := k.Verify(tok); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPNG(b *testing.B) {
	tok := mustSign(b, ring1(b), sample())
	var size int
	for b.Loop() {
		data, err := PNG(tok, 8)
		if err != nil {
			b.Fatal(err)
		}
		size = len(data)
	}
	b.ReportMetric(float64(size), "PNG-bytes")
}

// qrVersion is the QR version (1 to 40) that PNG uses for token.
func qrVersion(token string) (int, error) {
	q, err := qrcode.New(token, qrcode.Medium)
	if err != nil {
		return 0, fmt.Errorf("pass: QR code: %w", err)
	}
	return q.VersionNumber, nil
}
