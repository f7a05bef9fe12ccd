package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestCommittedWriteToAClosedPipe is TestCommittedWriteSurvivesAFailedOutput
// with a real closed pipe on the real program (`kioskctl book ... | head
// -c0`, a monitoring script that stopped reading). Go kills a program that
// writes to a broken pipe on descriptor 1 with SIGPIPE unless it asks for
// the signal: the booking would be committed and the program end with
// status 141 and no line on stderr, none of CLI.md's 0/1/2. kioskctl
// ignores SIGPIPE, so it exits 0 with the "saved, but" note.
func TestCommittedWriteToAClosedPipe(t *testing.T) {
	dir := t.TempDir()
	ok(t, dir, monday, "rooms")
	bin, err := program()
	if err != nil {
		t.Fatal(err)
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	_ = r.Close() // nobody reads
	cmd := exec.Command(bin, "-data", dir, "-now", monday, "-json", "book", "-room", "seminar",
		"-from", "2027-03-10T10:00", "-to", "2027-03-10T11:00", "-name", "홍길동", "-phone", "010-1234-5678")
	var errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = w, &errOut
	err = cmd.Run()
	_ = w.Close()
	code := 0
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}

	held := len(heldOn(t, dir, "2027-03-10T10:00"))
	if held != 1 {
		t.Fatalf("%d bookings held; want the one just made", held)
	}
	if code != exitOK || !strings.Contains(errOut.String(), "saved, but the output could not be written") {
		t.Fatalf("a committed booking with stdout a closed pipe: exit %d (%v), stderr %q; want 0 with the note", code, err, errOut.String())
	}
}
