package ui

import (
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/exports"
	"github.com/yeongdeungpo/kiosk/internal/report"
	"github.com/yeongdeungpo/kiosk/internal/staff"
)

// exportPanel is the part of a money screen that writes its tables to the
// export folder: the folder, a CSV and an XLSX button for each table, and,
// for a member who may change settings, the mounted folders to choose
// from. The answers go to the page's message line.
type exportPanel struct {
	page   *staffPage
	whats  []report.What
	period func() (year int, until time.Time) // the period on show

	box      *fyne.Container
	folder   string
	picking  bool
	choices  []string
	pageNo   int
	rowsHigh int // rows of folder cards that fit
	// drawn, if set, runs after the panel is drawn again (its height may
	// have changed).
	drawn func()
}

func newExportPanel(p *staffPage, whats []report.What, period func() (int, time.Time)) *exportPanel {
	return &exportPanel{page: p, whats: whats, period: period, box: container.NewStack(), rowsHigh: 2}
}

// object is the panel, drawn once the folder is read.
func (e *exportPanel) object() fyne.CanvasObject {
	e.load()
	return e.box
}

// load reads the folder (and, while choosing, the candidates) off the UI
// thread.
func (e *exportPanel) load() {
	s := e.page.s
	ex := s.svc.Exports
	picking := e.picking
	var dir string
	var choices []string
	var err error
	s.background(func() {
		dir, err = ex.Folder()
		if picking {
			choices = ex.Candidates()
		}
	}, func() {
		if err != nil {
			e.box.Objects = []fyne.CanvasObject{s.loadFailed("export folder", err)}
			e.box.Refresh()
			return
		}
		e.folder, e.choices = dir, choices
		e.draw()
	})
}

func (e *exportPanel) draw() {
	if e.drawn != nil {
		defer e.drawn()
	}
	if e.picking {
		e.drawPicker()
		return
	}
	s := e.page.s
	where := T("export.folder.none")
	if e.folder != "" {
		where = T("export.folder", map[string]any{"Folder": e.folder})
	}
	line := widget.NewLabel(where)
	line.Truncation = fyne.TextTruncateEllipsis
	var change fyne.CanvasObject
	if s.member.Can(staff.PermSettings) {
		change = s.button(T("export.folder.change"), theme.FolderOpenIcon(), func() { e.picking, e.pageNo = true, 0; e.load() })
	}
	var buttons []fyne.CanvasObject
	if s.member.Can(staff.PermExport) {
		for _, ext := range []string{"csv", "xlsx"} {
			for _, w := range e.whats {
				buttons = append(buttons, s.button(T("export.button", map[string]any{"What": T("export.what." + string(w)), "Format": T("export.format." + ext)}),
					theme.DownloadIcon(), func() { e.write(w, ext) }))
			}
		}
	}
	// One table: its two buttons on the folder's line. Several: a row of
	// CSV buttons and a row of XLSX buttons under it.
	if len(e.whats) == 1 {
		right := container.NewHBox(buttons...)
		if change != nil {
			right.Add(change)
		}
		e.box.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, nil, right, line)}
	} else {
		if change == nil {
			change = layout.NewSpacer()
		}
		e.box.Objects = []fyne.CanvasObject{container.NewVBox(container.NewBorder(nil, nil, nil, change, line),
			container.NewGridWithColumns(max(len(e.whats), 1), buttons...))}
	}
	e.box.Refresh()
}

// drawPicker offers the mounted folders as cards, a page at a time.
func (e *exportPanel) drawPicker() {
	e.box.Objects = []fyne.CanvasObject{e.page.s.folderPicker(e.choices, e.folder, T("export.folder.pick"), e.rowsHigh, &e.pageNo,
		e.choose, func() { e.picking = false; e.draw() }, e.load)}
	e.box.Refresh()
}

// choose makes dir the export folder.
func (e *exportPanel) choose(dir string) {
	s := e.page.s
	actor := s.member.Actor()
	var err error
	s.background(func() { err = s.svc.Exports.SetFolder(actor, dir) }, func() {
		e.page.sayErr(err, T("export.folder.set", map[string]any{"Folder": dir}))
		if err == nil {
			e.picking = false
		}
		e.load()
	})
}

// write exports one table of the period on show.
func (e *exportPanel) write(what report.What, ext string) {
	s := e.page.s
	actor := s.member.Actor()
	year, until := e.period()
	var f exports.File
	var err error
	s.background(func() { f, err = s.svc.Exports.Write(actor, what, year, until, ext) }, func() {
		e.page.sayErr(err, T("export.saved", map[string]any{"Name": f.Name, "Folder": filepath.Dir(f.Path), "Rows": f.Rows}))
	})
}
