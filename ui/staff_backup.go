package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/backup"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// staffBackupScreen is the manager's backup screen: the backup folder (a
// mounted folder to tap), how many backups it keeps, "back up now" and the
// last results.
type staffBackupScreen struct {
	staffPage
	folder  string
	keep    int
	history []backup.Result
	picking bool
	choices []string
	pageNo  int
}

func newStaffBackupScreen(s *Shell) screen { return &staffBackupScreen{staffPage: staffPage{s: s}} }

// shownResults is how many of the last results the screen lists.
const shownResults = 5

func (b *staffBackupScreen) enter() { b.picking, b.pageNo = false, 0 }

func (b *staffBackupScreen) build() fyne.CanvasObject {
	frame := b.frame(T("staff.backup"))
	b.load()
	return frame
}

// load reads the folder, the number kept, the results (and, while
// choosing, the candidates) off the UI thread, then draws.
func (b *staffBackupScreen) load() {
	s := b.s
	bk := s.svc.Backups
	picking := b.picking
	var folder string
	var keep int
	var history []backup.Result
	var choices []string
	var err error
	s.background(func() {
		if folder, err = bk.Folder(); err != nil {
			return
		}
		if keep, err = bk.Keep(); err != nil {
			return
		}
		history, err = bk.History()
		if picking {
			choices = bk.Candidates()
		}
	}, func() {
		if err != nil {
			b.setBody(s.loadFailed("backups", err))
			return
		}
		b.folder, b.keep, b.history, b.choices = folder, keep, history, choices
		b.draw()
	})
}

func (b *staffBackupScreen) draw() {
	if b.picking {
		b.drawPicker()
		return
	}
	s := b.s
	where := T("backup.folder.none")
	if b.folder != "" {
		where = T("backup.folder", map[string]any{"Folder": b.folder})
	}
	line := widget.NewLabel(where)
	line.Truncation = fyne.TextTruncateEllipsis
	change := s.button(T("export.folder.change"), theme.FolderOpenIcon(), func() { b.picking, b.pageNo = true, 0; b.load() })
	keepLabel := widget.NewLabelWithStyle(T("backup.keep", map[string]any{"N": b.keep}), fyne.TextAlignCenter, fyne.TextStyle{})
	less := s.button("-", nil, func() { b.setKeep(b.keep - 1) })
	more := s.button("+", nil, func() { b.setKeep(b.keep + 1) })
	keep := container.NewBorder(nil, nil, less, more, keepLabel)
	now := s.button(T("backup.now"), theme.UploadIcon(), b.run)
	now.Importance = widget.HighImportance
	if b.folder == "" {
		now.Disable()
	}
	note := wrapLabel(T("backup.note", map[string]any{"Hour": backup.NightlyHour}))
	note.Importance = widget.LowImportance

	rows := container.NewVBox(widget.NewLabelWithStyle(T("backup.results"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if len(b.history) == 0 {
		rows.Add(widget.NewLabel(T("backup.home.never")))
	}
	for _, r := range b.history[:min(len(b.history), shownResults)] {
		rows.Add(b.resultRow(r))
	}
	top := container.NewVBox(container.NewBorder(nil, nil, nil, change, line),
		container.NewGridWithColumns(3, widget.NewLabel(T("backup.keep.title")), keep, now), note, widget.NewSeparator())
	b.setBody(container.NewBorder(top, nil, nil, nil, rows))
}

// resultRow is one result: when, by whom (the schedule or a person), the
// file and its size, or why it failed.
func (b *staffBackupScreen) resultRow(r backup.Result) fyne.CanvasObject {
	when := formatDateTime(r.At)
	if r.Nightly {
		when = T("backup.nightly", map[string]any{"When": when})
	}
	var what *widget.Label
	if r.OK() {
		what = widget.NewLabel(T("backup.result.ok", map[string]any{"File": r.File, "Size": formatBytes(r.Bytes)}))
	} else {
		what = widget.NewLabel(b.s.errorText(r.Err()))
		what.Importance = widget.DangerImportance
	}
	what.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, widget.NewLabel(when), nil, what)
}

// drawPicker offers the mounted folders as cards, a page at a time.
func (b *staffBackupScreen) drawPicker() {
	b.setBody(b.s.folderPicker(b.choices, b.folder, T("backup.folder.pick"), 4, &b.pageNo,
		b.choose, func() { b.picking = false; b.draw() }, b.load))
}

// choose makes dir the backup folder.
func (b *staffBackupScreen) choose(dir string) {
	s := b.s
	actor := s.member.Actor()
	var err error
	s.background(func() { err = s.svc.Backups.SetFolder(actor, dir) }, func() {
		b.sayErr(err, T("backup.folder.set", map[string]any{"Folder": dir}))
		if err == nil {
			b.picking = false
		}
		b.load()
	})
}

// setKeep stores how many backups the folder keeps.
func (b *staffBackupScreen) setKeep(n int) {
	s := b.s
	actor := s.member.Actor()
	n = max(backup.MinKeep, min(backup.MaxKeep, n))
	var err error
	s.background(func() { err = s.svc.Backups.SetKeep(actor, n) }, func() {
		if err != nil {
			b.say(false, s.errorText(err))
		}
		b.load()
	})
}

// run backs up now and says what was written, verified, or why not.
func (b *staffBackupScreen) run() {
	s := b.s
	actor := s.member.Actor()
	var res backup.Result
	var err error
	s.background(func() { res, err = s.svc.Backups.Run(s.ctx, actor) }, func() {
		b.sayErr(err, T("backup.done", map[string]any{"File": res.File, "Size": formatBytes(res.Bytes)}))
		b.load()
	})
}

// formatBytes is a file's size for people: 812 KB, 12.3 MB.
func formatBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KB", (n+512)>>10)
	}
	return fmt.Sprintf("%d B", n)
}

// loadBackup reads the backup status off the UI thread and shows the last
// result in one line: good with its time, or why it failed.
func (h *staffHomeScreen) loadBackup() {
	s := h.s
	if s.svc.Backups == nil || h.backup == nil {
		return
	}
	var st backup.Status
	var err error
	s.background(func() { st, err = s.svc.Backups.Status() }, func() {
		text, ok := backupLine(s, st, err)
		l := widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{})
		l.Truncation = fyne.TextTruncateEllipsis
		if !ok {
			l.Importance = widget.DangerImportance
		}
		h.backup.Objects = []fyne.CanvasObject{l}
		h.backup.Refresh()
	})
}

// backupWhen is a backup's time, short: the staff home's line is one line.
func backupWhen(t time.Time) string {
	t = t.In(seoul.Location)
	return T("backup.when", map[string]any{"Month": int(t.Month()), "MonthName": t.Month().String()[:3], "Day": t.Day(),
		"Time": t.Format("15:04")})
}

// backupLine is the staff home's backup line and whether all is well.
func backupLine(s *Shell, st backup.Status, err error) (string, bool) {
	switch {
	case err != nil:
		return T("backup.home.unknown"), false
	case st.Last != nil && st.Last.OK():
		return T("backup.home.ok", map[string]any{"When": backupWhen(st.Last.At), "Size": formatBytes(st.Last.Bytes)}), true
	case st.Last != nil:
		good := T("backup.home.no_good")
		if st.LastGood != nil {
			good = T("backup.home.last_good", map[string]any{"When": backupWhen(st.LastGood.At)})
		}
		return T("backup.home.failed", map[string]any{"When": backupWhen(st.Last.At), "Why": backupWhy(st.Last.Code), "Good": good}), false
	case st.Folder == "":
		return T("backup.home.no_folder"), false
	default:
		return T("backup.home.never"), false
	}
}

// backupWhy says in a few words why a backup failed.
func backupWhy(code errs.Code) string {
	switch code {
	case backup.CodeFolderMissing, backup.CodeNotFolder:
		return T("backup.why.missing")
	case backup.CodeDiskFull:
		return T("backup.why.full")
	case backup.CodeNotWritable:
		return T("backup.why.denied")
	case backup.CodeVerifyFailed, backup.CodeDamaged, backup.CodeNotBackup, backup.CodeNewer:
		return T("backup.why.verify")
	case backup.CodeNoKeys:
		return T("backup.why.keys")
	}
	return T("backup.why.other")
}
