package ui

import (
	"bytes"
	"testing"

	"github.com/go-text/typesetting/font"

	"github.com/yeongdeungpo/kiosk/assets"
)

// BenchmarkParseKioskFont is what Fyne pays per text style at start-up for
// the bundled NanumSquareR (it parses the font once per style it meets).
func BenchmarkParseKioskFont(b *testing.B) {
	data := assets.Font.Content()
	b.SetBytes(int64(len(data)))
	for range b.N {
		if _, err := font.ParseTTF(bytes.NewReader(data)); err != nil {
			b.Fatal(err)
		}
	}
}
