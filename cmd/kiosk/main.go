// Command kiosk is the front-desk touchscreen of the Yeongdeungpo SME Startup
// Support Centre. It only wires things: flags, the data directory, the UI.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/yeongdeungpo/kiosk/internal/backup"
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/display"
	"github.com/yeongdeungpo/kiosk/internal/exports"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/internal/supervise"
	"github.com/yeongdeungpo/kiosk/ui"
)

// appID matches FyneApp.toml.
const appID = "kr.go.ydp.startupcentre.kiosk"

func main() {
	// A crash in any goroutine (Badger's own included) ends in one line on
	// the journal and exit 1, not a stack trace; the report is kept apart.
	if code, done := supervise.Run(crashMessage, supervise.SaveIn(supervise.ReportDir())); done {
		os.Exit(code)
	}
	os.Exit(run())
}

func run() int {
	dataDir := flag.String("data", centre.DefaultDataDir(), "data directory (created and seeded on first use)")
	windowed := flag.Bool("windowed", false, "run in a normal window instead of fullscreen (development)")
	english := flag.Bool("english", false, "start in English instead of Korean")
	room := flag.String("room", "", "door-display mode for this room id (e.g. seminar): its schedule and a scanner for its passes")
	flag.Parse()

	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))

	// Without a display GLFW panics; say so before touching the data.
	if err := display.Check(); err != nil {
		fmt.Fprintln(os.Stderr, display.Message(err))
		return 1
	}
	// Asked to stop (SIGTERM from systemd or an update, SIGINT, SIGHUP from
	// xinit ending the session): from here on, the store is closed first.
	// A signal during the open is taken once it is done.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT, syscall.SIGHUP)
	c, err := centre.Open(*dataDir, nil)
	select {
	case <-sig:
		if c != nil {
			_ = c.Close()
		}
		fmt.Fprintln(os.Stderr, stoppedMessage)
		return 0
	default:
	}
	// A second kiosk on the same directory must not cover the first one's
	// screen: it only says why it stops.
	if errors.Is(err, store.ErrInUse) {
		fmt.Fprintln(os.Stderr, centre.OpenMessage(*dataDir, err))
		return 1
	}
	if c != nil && *room != "" {
		if _, err := c.Booking.Room(*room); err != nil {
			fmt.Fprintf(os.Stderr, "시설 %q을(를) 찾을 수 없습니다. / No room %q (see kioskctl rooms).\n", *room, *room)
			_ = c.Close()
			return 2
		}
	}

	a := app.NewWithID(appID)
	lang := ui.Korean
	if *english {
		lang = ui.English
	}
	var shell *ui.Shell
	start := func() {
		ex := exports.New(c.DB, c.Booking, c.Tenants)
		// Nightly and on request, into the folder the manager sets;
		// verified in a scratch store beside the data directory.
		bk := backup.New(c.DB, nil)
		bk.Keys = c.Keys.Marshal
		shell = ui.New(a, ui.Services{Booking: c.Booking, Tenants: c.Tenants, Staff: c.Staff, Exports: ex, Backups: bk},
			ui.Options{Kiosk: !*windowed, Language: lang, DoorRoom: *room})
		w := shell.Window()
		w.Show()
		if !*windowed {
			w.SetFullScreen(true)
		}
		shell.Start()
	}
	if err != nil {
		// Damaged, a full disk, a missing key file...: the reason stays on
		// the screen, with a button to try again once it is dealt with.
		msg := centre.OpenMessage(*dataDir, err)
		fmt.Fprintln(os.Stderr, msg)
		w := ui.OpenFailure(a, msg, !*windowed, func() string {
			c, err = centre.Open(*dataDir, nil)
			if err != nil {
				msg := centre.OpenMessage(*dataDir, err)
				fmt.Fprintln(os.Stderr, msg)
				return msg
			}
			if *room != "" {
				if _, err := c.Booking.Room(*room); err != nil {
					_ = c.Close()
					c = nil
					return fmt.Sprintf("시설 %q을(를) 찾을 수 없습니다. / No room %q (see kioskctl rooms).", *room, *room)
				}
			}
			return ""
		}, start)
		w.Show()
		if !*windowed {
			w.SetFullScreen(true)
		}
	} else {
		start()
	}

	var stopped atomic.Bool
	go func() {
		<-sig
		stopped.Store(true)
		fyne.Do(a.Quit)
	}()
	a.Run()
	if shell == nil { // it never got past the reason on screen
		if c != nil {
			_ = c.Close()
		}
		// Stopped as asked (systemctl stop, an update): a clean stop, not
		// a failure of the unit. Closed otherwise: it never started.
		if stopped.Load() {
			fmt.Fprintln(os.Stderr, stoppedMessage)
			return 0
		}
		return 1
	}
	shell.Stop()
	if err := c.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "키오스크를 멈췄지만 데이터를 닫지 못했습니다: %v / The kiosk stopped, but closing its data failed: %v\n", err, err)
		return 1
	}
	fmt.Fprintln(os.Stderr, stoppedMessage)
	return 0
}

// stoppedMessage is the journal's line for a kiosk stopped as asked, its
// store closed: told apart from a crash or a kill, which print otherwise or
// nothing.
const stoppedMessage = "키오스크를 멈췄습니다(데이터를 닫았습니다). / The kiosk stopped; its data is closed."

// crashMessage is the journal's line for a kiosk that crashed. Each write
// is one synced transaction, so what a visitor or the staff were shown as
// done is stored; the data directory is checked at the next start.
func crashMessage(cr supervise.Crash) string {
	saved := ""
	if cr.Saved != "" {
		saved = " (" + cr.Saved + ")"
	}
	if cr.DiskFull {
		return "디스크가 가득 차서 키오스크가 멈췄습니다. 공간을 비운 뒤 다시 시작하세요. 완료로 안내된 기록은 저장되어 있습니다." + saved +
			" / The kiosk stopped because the disk is full: free some space and start it again; what it confirmed is saved."
	}
	return "키오스크가 예기치 않은 오류로 멈췄습니다. 완료로 안내된 기록은 저장되어 있고, 다시 시작할 때 데이터 폴더를 검사합니다." + saved +
		" / The kiosk stopped on an unexpected error; what it confirmed is saved, and the data directory is checked when it starts again."
}
