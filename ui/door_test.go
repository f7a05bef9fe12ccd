package ui

import (
	"testing"

	"github.com/yeongdeungpo/kiosk/booking"
)

// TestDoorSaysInUseDuringTheCleaningTime: after a booking the room is still
// in use for its cleaning time; the door says so as the home board does,
// not "free".
func TestDoorSaysInUseDuringTheCleaningTime(t *testing.T) {
	f := newFixture(t, at(8, 0))
	room, err := f.c.Booking.Room("meeting")
	if err != nil {
		t.Fatal(err)
	}
	room.BufferMinutes = 30
	if err := f.c.Booking.UpdateRoom(f.manager().Actor(), room); err != nil {
		t.Fatal(err)
	}
	f.book("meeting", at(10, 0), at(11, 0))
	f.clock.t = at(11, 10)
	f.shell.opts.DoorRoom = "meeting"
	f.shell.GoHome()
	want := T("door.busy.until", map[string]any{"Until": "11:30"})
	if !f.hasText(want) || f.hasText(T("door.free")) {
		t.Fatalf("door at 11:10 lacks %q: %q", want, f.texts())
	}
	if rs, _ := f.c.Booking.Status("meeting", at(11, 10)); rs.State != booking.StateBusy {
		t.Fatalf("the rules say %v at 11:10", rs.State)
	}
}
