package pass

import (
	"errors"
	"fmt"

	qrcode "github.com/skip2/go-qrcode"
)

// MaxPixelsPerModule bounds PNG's scale: 32 px a module is already a
// 1 056-pixel-wide version 4 code (33 modules plus the quiet zone).
const MaxPixelsPerModule = 32

// PNG draws token as a QR code at error-correction level M (15 %), with the
// standard 4-module quiet zone on every side and each module exactly
// pixelsPerModule pixels square (no resampling, so the edges stay crisp).
// The image is (modules + 8) * pixelsPerModule pixels wide: 37 * px for a
// version 3 code, 41 * px for version 4. The token is drawn as given; a
// token from Sign is uppercase alphanumeric and so uses QR alphanumeric mode.
func PNG(token string, pixelsPerModule int) ([]byte, error) {
	if token == "" {
		return nil, errors.New("pass: PNG of an empty token")
	}
	if pixelsPerModule < 1 || pixelsPerModule > MaxPixelsPerModule {
		return nil, fmt.Errorf("pass: %d pixels per module, want 1 to %d", pixelsPerModule, MaxPixelsPerModule)
	}
	q, err := qrcode.New(token, qrcode.Medium)
	if err != nil {
		return nil, fmt.Errorf("pass: QR code: %w", err)
	}
	// A negative size is a scale: pixels per module, quiet zone included.
	b, err := q.PNG(-pixelsPerModule)
	if err != nil {
		return nil, fmt.Errorf("pass: QR code: %w", err)
	}
	return b, nil
}
