package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/export"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// pixelsPerModule is the scale of the pass PNG: 8 px a QR module.
const pixelsPerModule = 8

// passJSON is what pass prints under -json.
type passJSON struct {
	ID    string `json:"id"`
	Token string `json:"token"`
}

// passCmd issues a booking's QR pass, and writes it as a PNG with -png.
type passCmd struct{ id, png string }

func (c *passCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.id, "booking", "", "booking code")
	fs.StringVar(&c.png, "png", "", "write the QR code to this PNG file")
}

func (c *passCmd) check(set map[string]bool) error {
	if !set["booking"] {
		return missing("booking")
	}
	if set["png"] && c.png == "" {
		return usagef("-png 파일 이름이 비었습니다", "-png needs a file name")
	}
	return nil
}

func (c *passCmd) run(e *env) error {
	token, err := e.c.Booking.PassToken(c.id)
	if err != nil {
		return err
	}
	b, err := e.c.Booking.Get(c.id)
	if err != nil {
		return err
	}
	if c.png != "" {
		if err := writePNG(c.png, token); err != nil {
			return err
		}
	}
	ko, en := e.roomNames(b.Room)
	from, to := booking.CheckInWindow(b, e.settings)
	when := span(from, to)
	human := fmt.Sprintf("출입 QR %s %s, 입실 가능 %s / pass %s %s, check-in %s\n%s",
		b.ID, ko, when, b.ID, en, when, token)
	if c.png != "" {
		human += fmt.Sprintf("\nQR 이미지 저장 / QR image written: %s", c.png)
	}
	return e.emit(passJSON{ID: b.ID, Token: token}, human)
}

// writePNG draws token as a QR code into path, mode 0600 (a pass is a
// bearer credential), through a temporary file renamed over path: a
// symbolic link there is replaced, not followed to overwrite its target.
func writePNG(path, token string) error {
	img, err := pass.PNG(token, pixelsPerModule)
	if err == nil {
		err = export.WriteBytes(path, img)
	}
	if err == nil {
		err = os.Chmod(path, 0o600) // path is now the file just written
	}
	if err != nil {
		return refusedf("QR 이미지를 저장하지 못했습니다(%s): %v", "could not write the QR image (%s): %v", path, err)
	}
	return nil
}

// checkinJSON is what checkin prints under -json.
type checkinJSON struct {
	Booking     string `json:"booking"`
	Room        string `json:"room"`
	CheckedInAt string `json:"checked_in_at"`
}

// checkinCmd accepts a scanned pass, at the front desk (any room) or for
// the room given with -room.
type checkinCmd struct{ token, room string }

func (c *checkinCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.token, "token", "", "the pass token (what the QR code holds)")
	fs.StringVar(&c.room, "room", "", "the room the visitor is at (default: any, the front desk)")
}

func (c *checkinCmd) check(set map[string]bool) error {
	if !set["token"] {
		return missing("token")
	}
	return nil
}

func (c *checkinCmd) run(e *env) error {
	if c.room != "" {
		if _, err := e.c.Booking.Room(c.room); err != nil {
			return err
		}
	}
	b, err := e.c.Booking.CheckIn(store.ActorCLI, c.token, c.room)
	if err != nil {
		return err
	}
	ko, en := e.roomNames(b.Room)
	at := b.CheckedInAt.In(seoul.Location).Format(dateLayout + " " + clockOnly)
	human := fmt.Sprintf("입실 확인 %s %s %s / checked in %s %s at %s", b.ID, ko, at, b.ID, en, at)
	return e.emit(checkinJSON{Booking: b.ID, Room: b.Room, CheckedInAt: stamp(b.CheckedInAt)}, human)
}
