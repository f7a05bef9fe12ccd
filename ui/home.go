package ui

import (
	"image/color"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
)

// homeScreen is the visitor home: large tiles and the rooms' live status.
func (s *Shell) homeScreen() fyne.CanvasObject {
	now := s.svc.Now().In(seoul.Location)
	top := container.NewBorder(nil, nil, nil, s.visitorControls(), titleBlock(T("home.title"), T("home.subtitle")))

	tiles := container.NewGridWithColumns(2,
		s.tile(theme.DocumentCreateIcon(), T("home.tile.book"), T("home.tile.book.sub"), s.openBooking),
		s.tile(theme.MediaPhotoIcon(), T("home.tile.checkin"), T("home.tile.checkin.sub"), s.openCheckIn),
		s.tile(theme.FileIcon(), T("home.tile.my"), T("home.tile.my.sub"), s.openMyBooking),
		s.tile(theme.SearchIcon(), T("home.tile.directory"), T("home.tile.directory.sub"), s.openDirectory),
		s.tile(theme.AccountIcon(), T("home.tile.staff"), T("home.tile.staff.sub"), s.openStaff),
	)
	left := container.NewGridWrap(fyne.NewSize(500, 600), tiles)

	body := container.NewBorder(nil, nil, left, nil, s.roomBoard(now))
	return container.NewBorder(
		container.NewVBox(container.New(layout.NewCustomPaddedLayout(12, 8, 20, 20), top), widget.NewSeparator()),
		nil, nil, nil,
		container.New(layout.NewCustomPaddedLayout(16, 16, 20, 20), body))
}

func titleBlock(title, sub string) fyne.CanvasObject {
	// The title is big already; in large-text mode it stays as it is so the
	// controls beside it keep their room.
	t := text(title, min(theme.Size(theme.SizeNameHeadingText), 34), colText)
	st := text(sub, theme.CaptionTextSize(), colMuted)
	return container.New(layout.NewCustomPaddedVBoxLayout(theme.Padding()), t, st)
}

// tile is a big home-screen card with an icon, a title and a line below.
func (s *Shell) tile(icon fyne.Resource, title, sub string, fn func()) fyne.CanvasObject {
	t := widget.NewLabelWithStyle(title, fyne.TextAlignCenter, fyne.TextStyle{})
	t.SizeName = theme.SizeNameSubHeadingText
	st := widget.NewLabelWithStyle(sub, fyne.TextAlignCenter, fyne.TextStyle{})
	st.Wrapping = fyne.TextWrapWord
	ic := widget.NewIcon(icon)
	iconBox := container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(48), ic))
	return NewCard(container.NewVBox(layout.NewSpacer(), iconBox, t, st, layout.NewSpacer()),
		colSurface, fyne.NewSize(230, 150), s.tap(fn))
}

// roomBoard lists every room with its live status.
func (s *Shell) roomBoard(now time.Time) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(T("home.rooms.title"), fyne.TextAlignLeading, fyne.TextStyle{})
	title.SizeName = theme.SizeNameSubHeadingText
	clock := widget.NewLabelWithStyle(formatDateTime(now), fyne.TextAlignTrailing, fyne.TextStyle{})
	heading := container.NewBorder(nil, nil, nil, clock, title)
	statuses, err := s.svc.Booking.TodayStatus(now)
	if err != nil {
		slog.Error("room status", "err", err)
		return container.NewVBox(heading, wrapLabel(T("error.load")))
	}
	rows := make([]fyne.CanvasObject, 0, len(statuses))
	for _, st := range statuses {
		rows = append(rows, s.roomRow(st))
	}
	return container.NewBorder(heading, nil, nil, nil, container.NewGridWithRows(max(len(rows), 1), rows...))
}

func (s *Shell) roomRow(st booking.RoomStatus) fyne.CanvasObject {
	v := describeRoom(st, s.opts.Language)
	body := theme.TextSize()
	name := text(v.Name, body*1.1, colText)
	facts := text(v.Facts, theme.CaptionTextSize(), colMuted)
	state := text(v.State, body*1.1, v.Accent)
	state.Alignment = fyne.TextAlignTrailing
	detail := text(v.Detail, theme.CaptionTextSize(), colText)
	detail.Alignment = fyne.TextAlignTrailing
	icon := widget.NewIcon(v.Icon)
	gap := theme.Padding()
	iconBox := container.NewCenter(container.NewGridWrap(fyne.NewSquareSize(36), icon))
	if s.largeText { // the room's facts give way so that the status fits
		detail.Alignment = fyne.TextAlignLeading
		first := container.NewBorder(nil, nil, nil, container.NewHBox(state, iconBox), name)
		return NewPanel(container.New(layout.NewCustomPaddedVBoxLayout(gap), first, detail), v.Fill)
	}
	left := container.New(layout.NewCustomPaddedVBoxLayout(gap), name, facts)
	right := container.NewHBox(container.NewCenter(container.New(layout.NewCustomPaddedVBoxLayout(gap), state, detail)), iconBox)
	return NewPanel(container.NewBorder(nil, nil, container.NewCenter(left), right), v.Fill)
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

func (s *Shell) openDirectory() { s.show(ScreenDirectory, s.directoryScreen) }
