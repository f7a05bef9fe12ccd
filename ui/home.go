package ui

import (
	"image/color"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// homeRefresh is how often the home and door screens read their live
// status again.
const homeRefresh = 30 * time.Second

// homeScreen is the visitor home: large tiles and the rooms' live status.
// Its widgets are built once for each look (language and text size) and
// kept, so that switching back and forth builds nothing; the status is
// written into them.
type homeScreen struct {
	s         *Shell
	views     map[look]*homeView
	*homeView // the view of the look in use
	lastRead  time.Time
	reading   bool
}

// homeView is the home screen's widgets in one look.
type homeView struct {
	obj   fyne.CanvasObject
	clock *widget.Label
	board *fyne.Container // the room rows
	rows  []*roomRow
}

func (h *homeScreen) build() fyne.CanvasObject {
	l := h.s.look()
	if h.views == nil {
		h.views = map[look]*homeView{}
	}
	if h.views[l] == nil {
		h.views[l] = h.newView()
	}
	h.homeView = h.views[l]
	h.refresh()
	return h.obj
}

func (h *homeScreen) newView() *homeView {
	s := h.s
	v := &homeView{}
	top := container.NewBorder(nil, nil, nil, s.visitorControls(), titleBlock(T("home.title"), T("home.subtitle")))
	tiles := container.NewGridWithRows(5,
		s.tile(theme.DocumentCreateIcon(), T("home.tile.book"), T("home.tile.book.sub"), func() { s.show(ScreenBook) }),
		s.tile(theme.MediaPhotoIcon(), T("home.tile.checkin"), T("home.tile.checkin.sub"), func() { s.show(ScreenCheckIn) }),
		s.tile(theme.FileIcon(), T("home.tile.my"), T("home.tile.my.sub"), func() { s.show(ScreenMyBooking) }),
		s.tile(theme.SearchIcon(), T("home.tile.directory"), T("home.tile.directory.sub"), func() { s.show(ScreenDirectory) }),
		s.tile(theme.AccountIcon(), T("home.tile.staff"), T("home.tile.staff.sub"), s.openStaff),
	)
	title := widget.NewLabelWithStyle(T("home.rooms.title"), fyne.TextAlignLeading, fyne.TextStyle{})
	title.SizeName = theme.SizeNameSubHeadingText
	v.clock = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{})
	v.board = container.NewGridWithRows(1)
	heading := container.NewBorder(nil, nil, nil, v.clock, title)
	if s.largeText { // the clock goes under the title, so the board stays narrow enough
		v.clock.Alignment = fyne.TextAlignLeading
		heading = container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), title, v.clock)
	}
	board := container.NewBorder(heading, nil, nil, nil, v.board)
	body := container.New(&splitLayout{ratio: 0.42, gap: 20}, tiles, board)
	v.obj = container.NewBorder(
		container.NewVBox(container.New(layout.NewCustomPaddedLayout(12, 8, 20, 20), top), widget.NewSeparator()),
		nil, nil, nil,
		container.New(layout.NewCustomPaddedLayout(12, 12, 20, 20), body))
	return v
}

// refresh reads the rooms' status again, off the UI thread.
func (h *homeScreen) refresh() {
	if h.reading {
		return
	}
	h.reading = true
	now := h.s.svc.Now()
	h.lastRead = now
	var statuses []booking.RoomStatus
	var err error
	h.s.fetch(func() { statuses, err = h.s.svc.Booking.TodayStatus(now) }, func() {
		h.reading = false
		h.show(now, statuses, err)
	})
}

// tick reads the status again every homeRefresh.
func (h *homeScreen) tick(now time.Time) {
	if now.Sub(h.lastRead) >= homeRefresh {
		h.refresh()
	}
}

// show writes the status into the board's rows, making rows only when the
// number of rooms changed.
func (h *homeScreen) show(now time.Time, statuses []booking.RoomStatus, err error) {
	h.clock.SetText(formatDateTime(now.In(seoul.Location)))
	if err != nil {
		slog.Error("room status", "err", err)
		h.board.Objects = []fyne.CanvasObject{wrapLabel(T("error.load"))}
		h.rows = nil
		h.board.Refresh()
		return
	}
	if len(h.rows) != len(statuses) {
		h.rows = make([]*roomRow, len(statuses))
		objs := make([]fyne.CanvasObject, len(statuses))
		for i := range statuses {
			h.rows[i] = newRoomRow(h.s.largeText)
			objs[i] = h.rows[i].obj
		}
		h.board.Layout = layout.NewGridLayoutWithRows(max(len(objs), 1))
		h.board.Objects = objs
		h.board.Refresh()
	}
	for i, st := range statuses {
		h.rows[i].set(describeRoom(st, h.s.opts.Language))
	}
}

// splitLayout gives the first object ratio of the width and the second the
// rest, gap apart.
type splitLayout struct {
	ratio, gap float32
}

func (l *splitLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	if len(objs) != 2 {
		return
	}
	left := (size.Width - l.gap) * l.ratio
	objs[0].Move(fyne.NewPos(0, 0))
	objs[0].Resize(fyne.NewSize(left, size.Height))
	objs[1].Move(fyne.NewPos(left+l.gap, 0))
	objs[1].Resize(fyne.NewSize(size.Width-left-l.gap, size.Height))
}

func (l *splitLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	if len(objs) != 2 {
		return fyne.Size{}
	}
	a, b := objs[0].MinSize(), objs[1].MinSize()
	w := max(a.Width/l.ratio, b.Width/(1-l.ratio)) + l.gap
	return fyne.NewSize(w, max(a.Height, b.Height))
}

func titleBlock(title, sub string) fyne.CanvasObject {
	// The title is big already; in large-text mode it stays as it is so the
	// controls beside it keep their room.
	t := text(title, min(theme.Size(theme.SizeNameHeadingText), 34), colText)
	st := text(sub, theme.CaptionTextSize(), colMuted)
	return container.New(layout.NewCustomPaddedVBoxLayout(theme.Padding()), t, st)
}

// tile is a big home-screen card: an icon, and beside it a title with a
// line below that wraps between words when the tile is narrow.
func (s *Shell) tile(icon fyne.Resource, title, sub string, fn func()) fyne.CanvasObject {
	// The title is plain text (a label's inner padding would cost the five
	// tiles their room in large text); the line below wraps.
	t := text(title, theme.Size(theme.SizeNameSubHeadingText), colText)
	st := widget.NewLabelWithStyle(sub, fyne.TextAlignLeading, fyne.TextStyle{})
	st.Wrapping = fyne.TextWrapWord
	st.Importance = widget.LowImportance
	ic := widget.NewIcon(icon)
	iconBox := container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(48), ic))
	// The title lines up with the label's text below it.
	inset := theme.InnerPadding()
	words := container.New(layout.NewCustomPaddedVBoxLayout(0), container.New(layout.NewCustomPaddedLayout(2, 0, inset, inset), t), st)
	return newCardPadded(container.NewBorder(nil, nil, iconBox, nil, container.NewVBox(layout.NewSpacer(), words, layout.NewSpacer())),
		colSurface, fyne.NewSize(0, MinTarget), s.tap(fn), 6, 16)
}

// roomRow is one room on the home board; set writes a status into it.
type roomRow struct {
	obj                        fyne.CanvasObject
	bg                         *canvas.Rectangle
	name, facts, state, detail *canvas.Text
	icon                       *widget.Icon
}

func newRoomRow(large bool) *roomRow {
	body := theme.TextSize()
	r := &roomRow{
		name:   text("", body*1.1, colText),
		facts:  text("", theme.CaptionTextSize(), colMuted),
		state:  text("", body*1.1, colText),
		detail: text("", theme.CaptionTextSize(), colText),
		icon:   widget.NewIcon(theme.ConfirmIcon()),
	}
	r.state.Alignment = fyne.TextAlignTrailing
	r.detail.Alignment = fyne.TextAlignTrailing
	gap := theme.Padding()
	iconBox := container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(36), r.icon))
	var content fyne.CanvasObject
	if large { // the room's facts give way so that the status fits
		r.detail.Alignment = fyne.TextAlignLeading
		first := container.NewBorder(nil, nil, nil, container.NewHBox(r.state, iconBox), r.name)
		content = container.New(layout.NewCustomPaddedVBoxLayout(gap), first, r.detail)
	} else {
		left := container.New(layout.NewCustomPaddedVBoxLayout(gap), r.name, r.facts)
		right := container.NewHBox(container.NewCenter(container.New(layout.NewCustomPaddedVBoxLayout(gap), r.state, r.detail)), iconBox)
		content = container.NewBorder(nil, nil, container.NewCenter(left), right)
	}
	r.obj, r.bg = panelWithBackground(content, colSurface)
	return r
}

func (r *roomRow) set(v roomView) {
	for _, p := range []struct {
		t *canvas.Text
		s string
	}{{r.name, v.Name}, {r.facts, v.Facts}, {r.state, v.State}, {r.detail, v.Detail}} {
		if p.t.Text != p.s {
			p.t.Text = p.s
			p.t.Refresh()
		}
	}
	if r.state.Color != v.Accent {
		r.state.Color = v.Accent
		r.state.Refresh()
	}
	r.icon.SetResource(v.Icon)
	if r.bg.FillColor != v.Fill {
		r.bg.FillColor = v.Fill
		r.bg.Refresh()
	}
}

// roomView is what a room row says: text carries the state, colour and icon
// only repeat it.
type roomView struct {
	Name, Facts, State, Detail string
	Accent                     color.Color
	Icon                       fyne.Resource
	Fill                       color.Color
}

func describeRoom(st booking.RoomStatus, l Language) roomView {
	v := roomView{Name: roomNameIn(st.Room, l)}
	v.Facts = T("room.facts", map[string]any{"Floor": st.Room.Floor, "Seats": st.Room.Capacity, "Fee": formatWon(st.Room.HourlyFee)})
	switch st.State {
	case booking.StateFree:
		v.State, v.Accent, v.Icon, v.Fill = T("room.free"), colFree, theme.ConfirmIcon(), colFreeBg
		v.Detail = T("room.free.until", map[string]any{"Until": clockTime(st.FreeUntil)})
	case booking.StateBusy:
		v.State, v.Accent, v.Icon, v.Fill = T("room.busy"), colBusy, theme.CancelIcon(), colBusyBg
		switch {
		case st.NextFree.IsZero():
			v.Detail = T("room.busy.until.full", map[string]any{"Until": clockTime(st.BusyUntil)})
		case st.NextFree.Equal(st.BusyUntil):
			v.Detail = T("room.busy.until.then.free", map[string]any{"Until": clockTime(st.BusyUntil)})
		default:
			v.Detail = T("room.busy.until", map[string]any{"Until": clockTime(st.BusyUntil), "Next": clockTime(st.NextFree)})
		}
	case booking.StateNotYetOpen:
		v.State, v.Accent, v.Icon, v.Fill = T("room.notyet"), colMuted, theme.HistoryIcon(), colClosedBg
		v.Detail = T("room.notyet.opens", map[string]any{"Opens": clockTime(st.Opens)})
	default:
		v.State, v.Accent, v.Icon, v.Fill = T("room.closed"), colMuted, theme.HistoryIcon(), colClosedBg
		v.Detail = T("room.closed.detail")
	}
	return v
}
