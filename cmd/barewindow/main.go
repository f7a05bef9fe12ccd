// Command barewindow is the baseline for the startup and memory benchmarks
// (.ci/bench.sh): the smallest Fyne program that opens a window like the
// kiosk does, so the kiosk's own cost can be measured against it.
//
// It quits cleanly, with exit status 0, on SIGTERM or SIGINT.
package main

import (
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/widget"
)

func main() {
	a := app.NewWithID("kr.ydp.startup.barewindow")
	w := a.NewWindow("barewindow")
	w.SetContent(widget.NewLabel("barewindow"))
	w.Resize(fyne.NewSize(1280, 800))

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGTERM, syscall.SIGINT)
	go func() {
		<-sigs
		fyne.Do(a.Quit)
	}()

	w.ShowAndRun()
}
