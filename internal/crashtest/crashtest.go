// Package crashtest runs the test binary again as a child process and kills
// it with SIGKILL at a chosen moment, for the crash tests of the packages
// that write to the store. The child prints lines the parent waits for; a
// line starting with "ERROR" fails the test.
package crashtest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Child is a running child process and what it has printed.
type Child struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	lines  chan string
	// Lines is every line read from the child so far.
	Lines []string
}

// Start runs the test binary again with only the test function test (the
// child's side, which skips itself unless its environment is set) and env
// added to the environment.
func Start(t testing.TB, test string, env ...string) *Child {
	t.Helper()
	c := &Child{lines: make(chan string, 1024)}
	c.cmd = exec.Command(os.Args[0], "-test.run=^"+test+"$", "-test.count=1")
	c.cmd.Env = append(os.Environ(), env...)
	c.cmd.Stderr = &c.stderr
	out, err := c.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := c.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		close(c.lines)
	}()
	return c
}

// ErrEnded: the child ended (or reported an ERROR) before the line waited
// for.
var ErrEnded = errors.New("crashtest: the child ended first")

// WaitFor reads the child's lines until done accepts one. It returns
// ErrEnded, with the line or the child's stderr, if the child printed an
// ERROR line or ended first; the child is then killed.
func (c *Child) WaitFor(done func(line string) bool) error {
	for l := range c.lines {
		c.Lines = append(c.Lines, l)
		if strings.HasPrefix(l, "ERROR") {
			c.stop()
			return fmt.Errorf("%w: %s\n%s", ErrEnded, l, c.stderr.String())
		}
		if done(l) {
			return nil
		}
	}
	_ = c.cmd.Wait()
	return fmt.Errorf("%w after %q\n%s", ErrEnded, c.Lines, c.stderr.String())
}

// WaitForLine is WaitFor for one exact line.
func (c *Child) WaitForLine(want string) error {
	return c.WaitFor(func(l string) bool { return l == want })
}

func (c *Child) stop() {
	_ = c.cmd.Process.Kill()
	for range c.lines {
	}
	_ = c.cmd.Wait()
}

// Kill sends SIGKILL, reads what the child printed before it died and
// reports whether it was still running (false: it had ended by itself, with
// success). An ERROR line, or an end by any other cause, fails the test.
func (c *Child) Kill(t testing.TB) (killed bool) {
	t.Helper()
	if err := c.cmd.Process.Kill(); err != nil && !errors.Is(err, os.ErrProcessDone) {
		t.Fatal(err)
	}
	for l := range c.lines {
		c.Lines = append(c.Lines, l)
	}
	err := c.cmd.Wait()
	for _, l := range c.Lines {
		if strings.HasPrefix(l, "ERROR") {
			t.Fatalf("child: %s\n%s", l, c.stderr.String())
		}
	}
	var ee *exec.ExitError
	switch {
	case err == nil:
		return false
	case !errors.As(err, &ee) || ee.ExitCode() != -1:
		t.Fatalf("child did not die of the kill: %v\n%s", err, c.stderr.String())
	}
	return true
}
