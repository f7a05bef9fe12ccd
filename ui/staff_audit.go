package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
)

// auditActions are the action filters the audit screen offers: a
// translation key and the prefix of the actions it keeps.
var auditActions = []struct{ key, prefix string }{
	{"audit.action.all", ""},
	{"audit.action.booking", "booking."},
	{"audit.action.pass", "pass."},
	{"audit.action.lease", "lease."},
	{"audit.action.tenants", "tenants."},
	{"audit.action.staff", "staff."},
	{"audit.action.room", "room."},
	{"audit.action.import", "import."},
	{"audit.action.export", "export"}, // export.write and exports.folder
}

// staffAuditScreen is the manager's view of the audit log: newest first,
// a page at a time, filtered by person and kind of action, under the
// result of checking the whole chain.
type staffAuditScreen struct {
	staffPage
	filter     staff.AuditFilter
	members    []staff.Staff
	cursors    []uint64 // the before of each page shown so far; the last is on show
	more       bool
	nextBefore uint64 // the before of the page after the one on show
	verify     *fyne.Container
	list       *fyne.Container
	who        *TouchButton
	what       *TouchButton
	prev       *TouchButton
	next       *TouchButton
	perPage    int
}

func newStaffAuditScreen(s *Shell) screen { return &staffAuditScreen{staffPage: staffPage{s: s}} }

func (a *staffAuditScreen) build() fyne.CanvasObject {
	s := a.s
	frame := a.frame(T("staff.audit"))
	a.verify = container.NewStack()
	a.list = container.NewVBox()
	a.who = s.button("", theme.AccountIcon(), a.chooseWho)
	a.what = s.button("", theme.ListIcon(), a.chooseWhat)
	a.prev = s.button(T("audit.newer"), theme.NavigateBackIcon(), a.newer)
	a.next = s.button(T("audit.older"), theme.NavigateNextIcon(), a.older)
	a.next.IconPlacement = widget.ButtonIconTrailingText
	a.perPage = max(3, s.rowsThatFit(rowHeight(), 330))
	a.cursors = []uint64{0}
	// The members first, so that each line names its person.
	var err error
	s.background(func() { a.members, err = s.svc.Staff.Members() }, func() {
		if err != nil {
			a.sayErr(err, "")
		}
		a.showLog()
		a.check()
	})
	return frame
}

// rowHeight is one log line's height.
func rowHeight() float32 { return widget.NewLabel("가").MinSize().Height }

// check verifies the whole chain, off the UI thread.
func (a *staffAuditScreen) check() {
	s := a.s
	actor := s.member.Actor()
	var n int
	var err error
	s.background(func() { n, err = s.svc.Staff.VerifyAudit(actor) }, func() {
		msg := T("audit.verified", map[string]any{"N": groupThousands(int64(n))})
		if err != nil {
			msg = s.errorText(err) // a broken chain names where it breaks
		}
		a.verify.Objects = []fyne.CanvasObject{messagePanel(msg, err == nil)}
		a.verify.Refresh()
	})
}

// showLog lays the page out: chain check, filters, lines, paging.
func (a *staffAuditScreen) showLog() {
	a.labelFilters()
	filters := container.NewGridWithColumns(2, a.who, a.what)
	paging := container.NewGridWithColumns(2, a.prev, a.next)
	a.setBody(container.NewBorder(container.NewVBox(a.verify, filters), paging, nil, nil, a.list))
	a.load()
}

func (a *staffAuditScreen) labelFilters() {
	who := T("audit.who.all")
	if a.filter.Actor != "" {
		who = a.actorName(a.filter.Actor)
	}
	a.who.SetText(T("audit.who", map[string]any{"Who": who}))
	what := T("audit.action.all")
	for _, x := range auditActions {
		if x.prefix == a.filter.Action {
			what = T(x.key)
		}
	}
	a.what.SetText(T("audit.what", map[string]any{"What": what}))
}

// load reads the page that starts before the last cursor.
func (a *staffAuditScreen) load() {
	s := a.s
	actor := s.member.Actor()
	f, before, per := a.filter, a.cursors[len(a.cursors)-1], a.perPage
	var page []staff.AuditEntry
	var more bool
	var err error
	s.background(func() { page, more, err = s.svc.Staff.AuditLog(actor, f, before, per) }, func() {
		a.list.Objects = nil
		if err != nil {
			a.sayErr(err, "")
			a.list.Add(s.loadFailed("audit log", err))
		}
		if err == nil && len(page) == 0 {
			a.list.Add(widget.NewLabel(T("audit.none")))
		}
		for _, e := range page {
			a.list.Add(a.line(e))
		}
		a.list.Refresh()
		a.more = more
		if more && len(page) > 0 {
			a.nextBefore = page[len(page)-1].Seq
		}
		setEnabled(a.prev, len(a.cursors) > 1)
		setEnabled(a.next, more)
	})
}

// line is one entry: when, who, what, and its notes.
func (a *staffAuditScreen) line(e staff.AuditEntry) fyne.CanvasObject {
	at := e.At.In(seoul.Location).Format("01-02 15:04:05")
	text := fmt.Sprintf("%s  ·  %s  ·  %s", at, a.actorName(e.Actor), e.Action)
	if len(e.Notes) > 0 {
		text += "  ·  " + strings.Join(e.Notes, ", ")
	}
	l := widget.NewLabel(text)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// actorName is a member's name for their actor, or what the actor is.
func (a *staffAuditScreen) actorName(actor booking.Actor) string {
	for _, m := range a.members {
		if m.Actor() == actor {
			return m.Name
		}
	}
	switch actor {
	case staff.ActorSystem:
		return T("audit.actor.system")
	case staff.ActorVisitor:
		return T("audit.actor.visitor")
	case staff.ActorCLI:
		return T("audit.actor.cli")
	}
	return string(actor) // a member since removed
}

func (a *staffAuditScreen) older() {
	if !a.more {
		return
	}
	a.cursors = append(a.cursors, a.nextBefore)
	a.load()
}

func (a *staffAuditScreen) newer() {
	if len(a.cursors) > 1 {
		a.cursors = a.cursors[:len(a.cursors)-1]
		a.load()
	}
}

// refilter starts the log again from the newest entry that matches.
func (a *staffAuditScreen) refilter() {
	a.cursors = []uint64{0}
	a.showLog()
}

// chooseWho offers every member and the kiosk's other actors.
func (a *staffAuditScreen) chooseWho() {
	s := a.s
	type option struct {
		label string
		actor booking.Actor
	}
	opts := []option{{T("audit.who.all"), ""}}
	for _, m := range a.members {
		opts = append(opts, option{m.Name, m.Actor()})
	}
	for _, x := range []booking.Actor{staff.ActorSystem, staff.ActorVisitor, staff.ActorCLI} {
		opts = append(opts, option{a.actorName(x), x})
	}
	cards := make([]fyne.CanvasObject, 0, len(opts))
	for _, o := range opts {
		c := s.choiceCard(o.label)
		c.SetChosen(o.actor == a.filter.Actor)
		c.OnTapped = s.tap(func() { a.filter.Actor = o.actor; a.refilter() })
		cards = append(cards, c)
	}
	a.choose(T("audit.who.title"), cards)
}

// chooseWhat offers the kinds of action.
func (a *staffAuditScreen) chooseWhat() {
	s := a.s
	cards := make([]fyne.CanvasObject, 0, len(auditActions))
	for _, x := range auditActions {
		c := s.choiceCard(T(x.key))
		c.SetChosen(x.prefix == a.filter.Action)
		c.OnTapped = s.tap(func() { a.filter.Action = x.prefix; a.refilter() })
		cards = append(cards, c)
	}
	a.choose(T("audit.what.title"), cards)
}

func (a *staffAuditScreen) choose(title string, cards []fyne.CanvasObject) {
	s := a.s
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	back := s.button(T("nav.back"), theme.NavigateBackIcon(), a.showLog)
	rows := max(1, s.rowsThatFit(cards[0].MinSize().Height+theme.Padding(), 240))
	a.setBody(container.NewBorder(container.NewBorder(nil, nil, nil, back, heading), nil, nil, nil,
		s.pagedGrid(cards, 4, rows, "")))
}
