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
// data directory in use), with one line on stderr in Korean and English and
// nothing changed; 2 usage error. The interface is described in CLI.md.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Exit statuses.
const (
	exitOK      = 0
	exitRefused = 1
	exitUsage   = 2
)

func main() {
	// Badger reports through slog; only errors may add to the one line a
	// refusal prints.
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelError})))
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
	if d, ok := h.(directRunner); ok {
		if err := d.runDirect(g, stdout); err != nil {
			return refuse(stderr, err)
		}
		return exitOK
	}
	e, code := open(g, stdout, stderr)
	if e == nil {
		return code
	}
	defer e.close()
	if err := h.run(e); err != nil {
		return refuse(stderr, err)
	}
	return exitOK
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

// open opens the data directory on the clock the globals ask for. A nil env
// comes with the exit status to return.
func open(g globals, stdout, stderr io.Writer) (*env, int) {
	var clock seoul.Clock
	if !g.now.IsZero() {
		at := g.now
		clock = func() time.Time { return at }
	}
	c, err := centre.Open(g.data, clock)
	if err != nil {
		fmt.Fprintln(stderr, oneLine(store.OpenMessage(g.data, err)))
		return nil, exitRefused
	}
	// No sweep here: with -now a rehearsal would lapse real holds and mark
	// real no-shows for good. The booking rules judge holds and windows
	// against the clock on every call anyway; the kiosk stores the changes.
	e := &env{c: c, out: stdout, json: g.json}
	if e.settings, err = c.Booking.Settings(); err != nil {
		code := refuse(stderr, err)
		e.close()
		return nil, code
	}
	return e, exitOK
}
