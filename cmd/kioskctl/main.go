// Command kioskctl is the admin command line of the centre's kiosk: staff
// and scripts list rooms and units, book, take payment, issue QR passes,
// check visitors in and cancel with the refund rules; move companies in and
// out, extend their leases, take rent, list invoices and arrears, import the
// old spreadsheet, print the district's report and export it; and verify
// the audit log, over the same domain packages (and the same data
// directory) as the kiosk.
//
//	kioskctl [-data DIR] [-now YYYY-MM-DDTHH:MM] [-json] COMMAND [flags]
//
// Exit status: 0 done; 1 refused (bad input, a rule broken, pass rejected,
// data directory in use or damaged), with exactly one line on stderr in
// Korean and English and nothing changed; 2 usage error. A command that
// wrote (its change is committed) exits 0 even when its output cannot be
// written to stdout, with a note on stderr saying so; a read-only command
// whose output cannot be written exits 1. Badger's own log lines are not
// printed (set KIOSKCTL_DEBUG=1 to see them after the line).
//
// The clock: -now overrides it. A data directory first created by a
// command given -now is a rehearsal directory, for training and tests; any
// other is live. On a live directory -now is accepted by the read-only
// commands (rooms, units, tenants, invoices, arrears, report, export,
// audit) and refused, exit 1 with nothing written, by every command that
// writes, backup included (restore fills an empty directory only, which
// is neither, and keeps the mark the backup carries). Every audit entry
// records whether the clock was overridden. kioskctl judges holds, windows and arrears
// against its clock but never stores the clock's effects on other records:
// a slot held by a lapsed hold or a no-show stays taken until the kiosk
// releases it. The interface is described in CLI.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/supervise"
)

// Exit statuses.
const (
	exitOK      = 0
	exitRefused = 1
	exitUsage   = 2
)

func main() {
	// A crash in any goroutine (Badger's own included) is one line and
	// exit 1, like every other refusal, not a stack trace.
	if code, done := supervise.Run(crashMessage, supervise.SaveIn(supervise.ReportDir())); done {
		os.Exit(code)
	}
	// A closed pipe on stdout (kioskctl book … | head -c0) is an error
	// for outWriter to report, not a SIGPIPE that kills the program after
	// a committed write with status 141.
	signal.Ignore(syscall.SIGPIPE)
	// Badger reports through slog. A refusal is one line, so its log lines
	// are not printed, unless KIOSKCTL_DEBUG asks for them.
	var log io.Writer = io.Discard
	if os.Getenv("KIOSKCTL_DEBUG") != "" {
		log = os.Stderr
	}
	slog.SetDefault(slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelWarn})))
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// globals are the flags given before the command.
type globals struct {
	data string
	now  time.Time // zero: the real clock
	json bool
}

// run is kioskctl with its arguments (without the program name); it returns
// the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	g, rest, err := parseGlobals(args)
	if errors.Is(err, flag.ErrHelp) {
		printUsage(stdout)
		return exitOK
	}
	if err != nil {
		return usageFailure(stderr, err, printShortUsage)
	}
	if len(rest) == 0 {
		return usageFailure(stderr, usagef("명령이 없습니다", "no command given"), printShortUsage)
	}
	cmd, ok := lookup(rest[0])
	if !ok {
		return usageFailure(stderr, usagef("알 수 없는 명령 %q", "unknown command %q", rest[0]), printShortUsage)
	}
	if cmd.later {
		fmt.Fprintf(stderr, "%q 명령은 아직 지원하지 않습니다(다음 버전에서 제공). / %q is not available yet (it comes in a later version).\n", cmd.name, cmd.name)
		return exitUsage
	}
	return runCommand(cmd, g, rest[1:], stdout, stderr)
}

// runCommand parses the command's flags, checks them, opens the data
// directory, sweeps and runs the command.
func runCommand(cmd command, g globals, args []string, stdout, stderr io.Writer) int {
	h := cmd.handler()
	set, err := parseCommandFlags(cmd, h, args)
	cmdUsage := func(w io.Writer) { printCommandUsage(w, cmd) }
	if errors.Is(err, flag.ErrHelp) {
		cmdUsage(stdout)
		return exitOK
	}
	if err == nil {
		err = h.check(set)
	}
	var ue *usageError
	if errors.As(err, &ue) {
		return usageFailure(stderr, err, cmdUsage)
	}
	if err != nil {
		return refuse(stderr, err)
	}
	out := &outWriter{w: stdout}
	if d, ok := h.(directRunner); ok {
		return finish(h, d.runDirect(g, out), out, stderr)
	}
	e, code := open(g, readsOnly(h), out, stderr)
	if e == nil {
		return code
	}
	defer e.close()
	return finish(h, h.run(e), out, stderr)
}

// finish is the exit status of a command that ran with err, its output
// written through out.
func finish(h handler, err error, out *outWriter, stderr io.Writer) int {
	if out.err != nil && (err == nil || errors.Is(err, out.err)) {
		if readsOnly(h) {
			return refuse(stderr, refusedf("출력하지 못했습니다: %v", "the output could not be written: %v", out.err))
		}
		// The write is committed: it is reported as done.
		fmt.Fprintln(stderr, oneLine(fmt.Sprintf("저장되었지만 출력하지 못했습니다: %v / saved, but the output could not be written: %v", out.err, out.err)))
		return exitOK
	}
	if err != nil {
		return refuse(stderr, err)
	}
	return exitOK
}

// reader is implemented by the handlers of the commands that only read
// the store (CLI.md: rooms, units, tenants, invoices, arrears, report,
// export, audit): on a live directory they accept -now. Every other
// command counts as writing.
type reader interface{ readsOnly() }

func readsOnly(h handler) bool {
	_, ok := h.(reader)
	return ok
}

// outWriter is stdout, remembering the first error writing to it.
type outWriter struct {
	w   io.Writer
	err error
}

func (o *outWriter) Write(p []byte) (int, error) {
	if o.err != nil {
		return 0, o.err
	}
	n, err := o.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	o.err = err
	return n, err
}

func parseGlobals(args []string) (globals, []string, error) {
	fs := flag.NewFlagSet("kioskctl", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var g globals
	var now string
	fs.StringVar(&g.data, "data", centre.DefaultDataDir(), "")
	fs.StringVar(&now, "now", "", "")
	fs.BoolVar(&g.json, "json", false, "")
	onceEach(fs)
	if err := fs.Parse(args); err != nil {
		return g, nil, flagError(err)
	}
	if now != "" {
		t, err := parseTime("-now", now)
		if err != nil {
			return g, nil, err
		}
		g.now = t
	}
	return g, fs.Args(), nil
}

// onceValue is a flag that refuses to be given twice: the flag package
// would silently keep the last value, and `-amount 10 -amount 100000` is
// a typo to ask about, not to guess.
type onceValue struct {
	flag.Value
	given bool
}

var errGivenTwice = errors.New("given twice")

func (o *onceValue) Set(s string) error {
	if o.given {
		return errGivenTwice
	}
	o.given = true
	return o.Value.Set(s)
}

// IsBoolFlag keeps -json a flag that needs no value.
func (o *onceValue) IsBoolFlag() bool {
	b, ok := o.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// onceEach makes every flag of fs refuse a second value.
func onceEach(fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) { f.Value = &onceValue{Value: f.Value} })
}

// parseCommandFlags parses a command's flags and returns the names given.
func parseCommandFlags(cmd command, h handler, args []string) (map[string]bool, error) {
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	h.flags(fs)
	onceEach(fs)
	if err := fs.Parse(args); err != nil {
		return nil, commandFlagError(err)
	}
	if fs.NArg() > 0 {
		return nil, usagef("필요 없는 인자 %q", "unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return set, nil
}

// open opens the data directory on the clock the globals ask for, for a
// command that only reads or one that writes. A nil env comes with the
// exit status to return.
func open(g globals, reads bool, stdout, stderr io.Writer) (*env, int) {
	o := centre.Options{Overridden: !g.now.IsZero(), ReadOnly: reads}
	if o.Overridden {
		at := g.now
		o.Clock = func() time.Time { return at }
	}
	c, err := centre.OpenWith(g.data, o)
	if err != nil {
		fmt.Fprintln(stderr, oneLine(centre.OpenMessage(g.data, err)))
		return nil, exitRefused
	}
	// No sweep here, and the booking service never releases another
	// booking (o.Kiosk is not set): only the kiosk stores the clock's
	// effects. The booking rules judge holds and windows against the clock
	// on every call anyway.
	e := &env{c: c, out: stdout, json: g.json}
	if e.settings, err = c.Booking.Settings(); err != nil {
		code := refuse(stderr, err)
		e.close()
		return nil, code
	}
	return e, exitOK
}

// crashMessage is the line for a kioskctl that crashed. Each write is one
// synced transaction, so what kioskctl printed as done is stored and what
// it did not finish is not.
func crashMessage(c supervise.Crash) string {
	saved := ""
	if c.Saved != "" {
		saved = " (" + c.Saved + ")"
	}
	if c.DiskFull {
		return "디스크가 가득 차서 kioskctl이 멈췄습니다. 공간을 비운 뒤 다시 실행하세요. 완료라고 출력된 작업은 저장되어 있습니다." + saved +
			" / kioskctl stopped because the disk is full: free some space and run it again; what it reported as done is saved."
	}
	return "kioskctl이 예기치 않은 오류로 멈췄습니다. 완료라고 출력된 작업은 저장되어 있고, 데이터 폴더는 다음에 열 때 검사됩니다." + saved +
		" / kioskctl stopped on an unexpected error; what it reported as done is saved, and the data directory is checked the next time it is opened."
}
