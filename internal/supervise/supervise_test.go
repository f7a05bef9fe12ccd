package supervise

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// envMode tells TestSupervisedProgram, run again as a separate program by
// the tests below, what to do as the supervised child.
const envMode = "SUPERVISE_TEST_MODE"

func message(c Crash) string {
	if c.DiskFull {
		return "디스크가 가득 찼습니다. / The disk is full."
	}
	return "예기치 않은 오류로 멈췄습니다. / Stopped on an unexpected error."
}

// TestSupervisedProgram is the program under supervision: its parent is
// supervise.Run, its child does what envMode says.
func TestSupervisedProgram(t *testing.T) {
	mode := os.Getenv(envMode)
	if mode == "" {
		t.Skip("run by the other tests as a program")
	}
	if code, done := Run(message, SaveIn(os.Getenv("SUPERVISE_TEST_REPORTS"))); done {
		os.Exit(code)
	}
	fmt.Println("child started")
	fmt.Fprintln(os.Stderr, "a warning before anything went wrong")
	switch mode {
	case "exit0":
		os.Exit(0)
	case "exit3":
		os.Exit(3)
	case "goroutine-panic":
		go func() { panic("index out of range in a background goroutine") }()
		time.Sleep(time.Minute)
	case "enospc-panic":
		go func() { panic(fmt.Errorf("write 000001.vlog: %w", syscall.ENOSPC)) }()
		time.Sleep(time.Minute)
	case "bus-error":
		busError()
	case "wait-for-term":
		fmt.Println("waiting")
		time.Sleep(time.Minute)
		os.Exit(4)
	}
	os.Exit(5)
}

// busError touches a page of a memory-mapped file past the file's end: the
// kernel answers with SIGBUS, as it does for a write into a mapped file on
// a full disk.
func busError() {
	f, err := os.CreateTemp("", "bus")
	if err != nil {
		panic(err)
	}
	defer os.Remove(f.Name())
	_ = f.Truncate(8192)
	mem, err := syscall.Mmap(int(f.Fd()), 0, 8192, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		panic(err)
	}
	_ = f.Truncate(0)
	mem[4096] = 1
}

type result struct {
	status         int
	stdout, stderr string
	reports        []string // crash reports kept
}

func supervised(t *testing.T, mode string, during func(*exec.Cmd)) result {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestSupervisedProgram$", "-test.count=1")
	reports := t.TempDir()
	cmd.Env = append(os.Environ(), envMode+"="+mode, "SUPERVISE_TEST_REPORTS="+reports)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	if during != nil {
		during(cmd)
	}
	err := cmd.Wait()
	r := result{stdout: out.String(), stderr: errb.String()}
	saved, _ := filepath.Glob(filepath.Join(reports, "crash-*.txt"))
	for _, p := range saved {
		raw, _ := os.ReadFile(p)
		r.reports = append(r.reports, string(raw))
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		r.status = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestRunTurnsCrashesIntoOneLine(t *testing.T) {
	const warning = "a warning before anything went wrong\n"
	for _, c := range []struct {
		mode, stderr string
		status       int
	}{
		{"exit0", warning, 0},
		{"exit3", warning, 3},
		{"goroutine-panic", warning + "예기치 않은 오류로 멈췄습니다. / Stopped on an unexpected error.\n", 1},
		{"enospc-panic", warning + "디스크가 가득 찼습니다. / The disk is full.\n", 1},
		{"bus-error", warning + "디스크가 가득 찼습니다. / The disk is full.\n", 1},
	} {
		t.Run(c.mode, func(t *testing.T) {
			r := supervised(t, c.mode, nil)
			if r.status != c.status || r.stderr != c.stderr {
				t.Errorf("status %d, stderr %q; want %d, %q", r.status, r.stderr, c.status, c.stderr)
			}
			crashed := c.status == 1
			if crashed && (len(r.reports) != 1 || !strings.Contains(r.reports[0], "goroutine ")) ||
				!crashed && len(r.reports) != 0 {
				t.Errorf("crash reports kept: %q", r.reports)
			}
			if !strings.HasPrefix(r.stdout, "child started\n") {
				t.Errorf("the child's output did not come through: %q", r.stdout)
			}
		})
	}
}

func TestRunForwardsTermination(t *testing.T) {
	cmd := exec.Command(os.Args[0], "-test.run=^TestSupervisedProgram$", "-test.count=1")
	cmd.Env = append(os.Environ(), envMode+"=wait-for-term")
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Once the child says it waits, stop the supervisor as systemd or
	// Ctrl+C would.
	sc := bufio.NewScanner(out)
	for sc.Scan() && sc.Text() != "waiting" {
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	for sc.Scan() {
	}
	err = cmd.Wait()
	var ee *exec.ExitError
	// The child died of the forwarded SIGTERM (128+15), not of the minute's
	// sleep ending (4), and the supervisor reported it.
	if !errors.As(err, &ee) || ee.ExitCode() != 128+int(syscall.SIGTERM) {
		t.Fatalf("supervisor ended with %v, want status %d", err, 128+int(syscall.SIGTERM))
	}
}

func TestFilterKeepsTheCrashReport(t *testing.T) {
	in := "warn: slow disk\npanic: boom\n\ngoroutine 7 [running]:\nmain.f()\n"
	var w bytes.Buffer
	c := Filter(strings.NewReader(in), &w)
	if w.String() != "warn: slow disk\n" {
		t.Errorf("passed through %q", w.String())
	}
	if c == nil || c.First != "panic: boom" || !strings.HasSuffix(c.Text, "main.f()\n") || c.DiskFull {
		t.Errorf("crash = %+v", c)
	}
	if c := Filter(strings.NewReader("only a warning\n"), &bytes.Buffer{}); c != nil {
		t.Errorf("a warning read as a crash: %+v", c)
	}
}
