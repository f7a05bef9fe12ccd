// Command kiosk is the front-desk touchscreen of the Yeongdeungpo SME Startup
// Support Centre. It only wires things: flags, the data directory, the UI.
package main

import (
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"github.com/yeongdeungpo/kiosk/internal/backup"
	"github.com/yeongdeungpo/kiosk/internal/centre"
	"github.com/yeongdeungpo/kiosk/internal/display"
	"github.com/yeongdeungpo/kiosk/internal/exports"
	"github.com/yeongdeungpo/kiosk/ui"
)

// appID matches FyneApp.toml.
const appID = "kr.go.ydp.startupcentre.kiosk"

func main() { os.Exit(run()) }

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
	c, err := centre.Open(*dataDir, nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, centre.OpenMessage(*dataDir, err))
		return 1
	}
	defer c.Close()
	if *room != "" {
		if _, err := c.Booking.Room(*room); err != nil {
			fmt.Fprintf(os.Stderr, "시설 %q을(를) 찾을 수 없습니다. / No room %q (see kioskctl rooms).\n", *room, *room)
			return 2
		}
	}

	a := app.NewWithID(appID)
	lang := ui.Korean
	if *english {
		lang = ui.English
	}
	ex := exports.New(c.DB, c.Booking, c.Tenants)
	// Nightly and on request, into the folder the manager sets; verified
	// in a scratch store beside the data directory.
	bk := backup.New(c.DB, nil)
	shell := ui.New(a, ui.Services{Booking: c.Booking, Tenants: c.Tenants, Staff: c.Staff, Exports: ex, Backups: bk},
		ui.Options{Kiosk: !*windowed, Language: lang, DoorRoom: *room})
	w := shell.Window()

	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sig
		fyne.Do(a.Quit)
	}()

	w.Show()
	if !*windowed {
		w.SetFullScreen(true)
	}
	shell.Start()
	a.Run()
	shell.Stop()
	return 0
}
