package supervise

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// envChild marks the child, so that it runs the program instead of
// supervising it again.
const envChild = "KIOSK_SUPERVISED_CHILD"

// Crash is what the child printed from the moment it crashed.
type Crash struct {
	// First is the crash's first line ("panic: ...", "fatal error: ...",
	// "unexpected fault address ...").
	First string
	// DiskFull reports a crash that tells of a full disk: ENOSPC in the
	// text, or a bus error, which is how a write into a memory-mapped file
	// on a full disk ends.
	DiskFull bool
	// Text is the whole crash report (stack traces included).
	Text string
	// Saved is where the report was kept for the developers ("" if not).
	Saved string
}

// Child reports whether this process is the supervised child.
func Child() bool { return os.Getenv(envChild) != "" }

// Run supervises the program: unless this process already is the child, it
// runs os.Args again as the child with the same standard input and output,
// forwards SIGINT and SIGTERM to it, passes its standard error through line
// by line until a crash begins, and returns the exit status to end with and
// true. A crash is reported by message (one line) and status 1; its report
// goes to report, when not nil, which returns where it kept it. In the
// child Run returns 0, false at once and the program goes on as usual.
func Run(message func(Crash) string, report func(Crash) string) (int, bool) {
	if Child() {
		return 0, false
	}
	exe, err := os.Executable()
	if err != nil {
		exe = os.Args[0]
	}
	cmd := exec.Command(exe, os.Args[1:]...)
	cmd.Env = append(os.Environ(), envChild+"=1")
	cmd.Stdin, cmd.Stdout = os.Stdin, os.Stdout
	cmd.SysProcAttr = childAttr()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return 0, false // run unsupervised rather than not at all
	}
	sig := make(chan os.Signal, 4)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sig)
	if err := cmd.Start(); err != nil {
		return 0, false
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case s := <-sig:
				_ = cmd.Process.Signal(s)
			case <-done:
				return
			}
		}
	}()
	crash := Filter(stderr, os.Stderr)
	err = cmd.Wait()
	close(done)
	return Outcome(err, crash, message, report, os.Stderr), true
}

// Filter copies the child's standard error to w line by line until a
// crash report begins, and returns the report (nil when there was none).
func Filter(r io.Reader, w io.Writer) *Crash {
	br := bufio.NewReader(r)
	var crash *Crash
	var text bytes.Buffer
	for {
		line, err := br.ReadString('\n')
		if line != "" {
			if crash == nil && crashStarts(line) {
				crash = &Crash{First: strings.TrimSpace(line)}
			}
			if crash != nil {
				text.WriteString(line)
			} else {
				_, _ = io.WriteString(w, line)
			}
		}
		if err != nil {
			break
		}
	}
	if crash != nil {
		crash.Text = text.String()
		crash.DiskFull = strings.Contains(crash.Text, "no space left on device") ||
			strings.Contains(crash.Text, "SIGBUS")
	}
	return crash
}

// crashStarts reports whether line opens the Go runtime's crash report.
func crashStarts(line string) bool {
	for _, p := range []string{"panic: ", "fatal error: ", "unexpected fault address ", "SIGBUS: ", "SIGSEGV: "} {
		if strings.HasPrefix(line, p) {
			return true
		}
	}
	return false
}

// Outcome is the exit status for the child's end: its own status, 1 with
// message's line for a crash, 128+signal when it was killed from outside.
func Outcome(waitErr error, crash *Crash, message func(Crash) string, report func(Crash) string, w io.Writer) int {
	var ee *exec.ExitError
	status := 0
	switch {
	case waitErr == nil:
	case errors.As(waitErr, &ee):
		status = ee.ExitCode()
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			status = 128 + int(ws.Signal())
		}
	default:
		status = 1
	}
	if crash == nil {
		return status
	}
	if report != nil {
		crash.Saved = report(*crash)
	}
	fmt.Fprintln(w, strings.Join(strings.Fields(message(*crash)), " "))
	return 1
}

// SaveIn returns a report function that keeps each crash report in dir as
// crash-YYYYMMDD-HHMMSS-N.txt, readable by its owner only. The report holds
// the runtime's stack traces, which name functions, not the data they
// handled; it stays out of the journal all the same.
func SaveIn(dir string) func(Crash) string {
	return func(c Crash) string {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return ""
		}
		// A new file each time (O_EXCL): never one planted there as a
		// link, never the report of another crash in the same second.
		f, err := os.CreateTemp(dir, "crash-"+time.Now().Format("20060102-150405")+"-*.txt")
		if err != nil {
			return ""
		}
		_, err = f.WriteString(c.Text)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return ""
		}
		return f.Name()
	}
}

// ReportDir is where the kiosk's programs keep crash reports: the user's
// cache directory, else the temporary one.
func ReportDir() string {
	if d, err := os.UserCacheDir(); err == nil {
		return filepath.Join(d, "startup-kiosk")
	}
	return filepath.Join(os.TempDir(), "startup-kiosk")
}
