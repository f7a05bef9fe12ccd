package ui

import (
	"image/color"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/tenants"
)

// boardColumns is how many units the board shows side by side: the 37
// units fit one page of 7 × 6 at 1280×800.
const boardColumns = 7

// staffUnitsScreen is the units board: every office, desk and agency room
// as a tile that says its state in words and with an icon (vacant,
// occupied, ending soon, in arrears), a filter by state, and a tap on a
// tile opens its tenant.
type staffUnitsScreen struct {
	staffPage
	filter  tenants.BoardFilter
	page    int
	states  []tenants.UnitState
	loaded  bool // the read has come back
	loadErr error
	filters *fyne.Container
	grid    *fyne.Container
}

func newStaffUnitsScreen(s *Shell) screen {
	return &staffUnitsScreen{staffPage: staffPage{s: s}, filter: tenants.BoardAll}
}

// boardFilterLooks are each filter's words and icon.
var boardFilterLooks = map[tenants.BoardFilter]struct {
	key  string
	icon func() fyne.Resource
}{
	tenants.BoardAll:      {"units.filter.all", theme.GridIcon},
	tenants.BoardVacant:   {"units.filter.vacant", theme.ContentAddIcon},
	tenants.BoardOccupied: {"units.filter.occupied", theme.AccountIcon},
	tenants.BoardExpiring: {"units.filter.expiring", theme.HistoryIcon},
	tenants.BoardArrears:  {"units.filter.arrears", theme.WarningIcon},
}

// enter reads the board afresh each time it is shown.
func (b *staffUnitsScreen) enter() { b.load() }

func (b *staffUnitsScreen) build() fyne.CanvasObject {
	frame := b.frame(T("staff.units"))
	b.filters = container.NewGridWithColumns(len(tenants.BoardFilters))
	b.grid = container.NewStack()
	b.setBody(container.NewBorder(b.filters, nil, nil, nil, b.grid))
	b.draw()
	return frame
}

// load reads every unit's state today, off the UI thread.
func (b *staffUnitsScreen) load() {
	s := b.s
	actor, day := s.member.Actor(), seoul.Midnight(s.svc.Now())
	var states []tenants.UnitState
	var err error
	s.background(func() { states, err = s.svc.Tenants.Board(actor, day) }, func() {
		b.states, b.loadErr, b.loaded = states, err, true
		if b.grid != nil {
			b.draw()
		}
	})
}

// draw shows the filters with their counts and the tiles that match.
func (b *staffUnitsScreen) draw() {
	s := b.s
	if !b.loaded {
		return
	}
	if b.loadErr != nil {
		b.grid.Objects = []fyne.CanvasObject{s.loadFailed("units board", b.loadErr)}
		b.grid.Refresh()
		return
	}
	b.filters.Objects = nil
	for _, f := range tenants.BoardFilters {
		n := 0
		for _, st := range b.states {
			if st.Matches(f) {
				n++
			}
		}
		look := boardFilterLooks[f]
		btn := s.button(T(look.key, map[string]any{"N": n}), look.icon(), func() {
			b.filter, b.page = f, 0
			b.draw()
		})
		if f == b.filter {
			btn.Importance = widget.HighImportance
		}
		b.filters.Add(btn)
	}
	b.filters.Refresh()
	var tiles []fyne.CanvasObject
	for _, st := range b.states {
		if st.Matches(b.filter) {
			tiles = append(tiles, b.tile(st))
		}
	}
	rows := 6
	if len(tiles) > 0 {
		h := tiles[0].MinSize().Height
		// The filters, and the padding under them and under the message line.
		avail := b.bodyHeight(b.filters.MinSize().Height + 2*theme.Padding())
		fit := func(room float32) int { return max(1, int((room+theme.Padding())/(h+theme.Padding()))) }
		rows = fit(avail)
		if (len(tiles)+boardColumns-1)/boardColumns > rows { // more than a page: the pager takes room
			rows = fit(avail - (MinTarget+8)*s.th.scale - theme.Padding())
		}
	}
	b.grid.Objects = []fyne.CanvasObject{s.pagedGridAt(tiles, boardColumns, rows, T("units.none"), &b.page)}
	b.grid.Refresh()
}

// tile is one unit: its name, its company, and its state in words beside
// an icon for each; tapping it opens the tenant.
func (b *staffUnitsScreen) tile(st tenants.UnitState) fyne.CanvasObject {
	s := b.s
	var company, lease string
	if st.Tenancy != nil {
		company, lease = st.Tenancy.Lease.Tenant, st.Tenancy.Lease.ID
	}
	name := newFitText(s.unitShortName(st.Unit), theme.CaptionTextSize(), colMuted)
	companyText := newFitText(orDash(company), theme.TextSize(), colText)
	var icons []fyne.CanvasObject
	var words []string
	fill := colSurface
	add := func(icon fyne.Resource, word string) {
		icons = append(icons, container.NewGridWrap(fyne.NewSquareSize(theme.CaptionTextSize()+4), widget.NewIcon(icon)))
		words = append(words, word)
	}
	switch {
	case st.Vacant:
		add(theme.ContentAddIcon(), T("unit.state.vacant"))
		fill = colClosedBg
	default:
		if st.Arrears {
			add(theme.WarningIcon(), T("unit.state.arrears", map[string]any{"Open": formatWon(st.Overdue)}))
			fill = colBusyBg
		}
		if st.Expiring {
			add(theme.HistoryIcon(), T("unit.state.expiring", dayParts(st.LastDay)))
			if !st.Arrears {
				fill = colPrimaryDim
			}
		}
		if !st.Arrears && !st.Expiring {
			add(theme.AccountIcon(), T("unit.state.occupied"))
		}
	}
	// The icons beside the unit's name, so that the words (an amount owed)
	// have the tile's whole width.
	state := newFitText(strings.Join(words, " · "), theme.CaptionTextSize(), colText)
	top := container.NewBorder(nil, nil, nil, container.New(layout.NewCustomPaddedHBoxLayout(2), icons...), name)
	body := container.New(layout.NewCustomPaddedVBoxLayout(2), top, companyText, state)
	unit := st.Unit.ID
	return newCardPadded(body, fill, fyne.NewSize(0, MinTarget), s.tap(func() { s.openTenant(unit, lease, "") }), 8, 8)
}

// dayParts are a day's fields for a short date in words: 12.20, 20 Dec.
func dayParts(t time.Time) map[string]any {
	t = t.In(seoul.Location)
	return map[string]any{"Month": int(t.Month()), "Day": t.Day(), "MonthName": t.Month().String()[:3]}
}

// unitName is a unit's name in the language in use.
func (s *Shell) unitName(u tenants.Unit) string {
	if s.opts.Language == English && u.NameEN != "" {
		return u.NameEN
	}
	return u.Name
}

// unitShortName is the name a board tile has room for: its kind and
// number (보육실 12, Youth desk 3), or its name.
func (s *Shell) unitShortName(u tenants.Unit) string {
	n, err := strconv.Atoi(strings.TrimLeft(u.ID, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
	if err != nil {
		return s.unitName(u)
	}
	return T("unit.short."+string(u.Kind), map[string]any{"N": n})
}

// pickUnitFirst is what a tenancy screen shows when it was opened without
// a unit: the way to the board.
func (s *Shell) pickUnitFirst() fyne.CanvasObject {
	return container.NewCenter(container.NewVBox(widget.NewLabel(T("unit.pick")),
		s.button(T("unit.board"), theme.GridIcon(), func() { s.show(ScreenStaffUnits) })))
}

// fitText is a line of text cut with an ellipsis to the width it is
// given, keeping at least its first fitRunes characters (a company's
// name on a tile). It has no padding of its own, unlike a label.
type fitText struct {
	widget.BaseWidget
	full string
	size float32
	col  color.Color
}

// fitRunes is how many characters a fitText keeps at the least.
const fitRunes = 4

func newFitText(s string, size float32, col color.Color) *fitText {
	t := &fitText{full: s, size: size, col: col}
	t.ExtendBaseWidget(t)
	return t
}

// Text is the whole text, however much of it shows.
func (t *fitText) Text() string { return t.full }

func (t *fitText) measure(s string) fyne.Size {
	return fyne.MeasureText(s, t.size, fyne.TextStyle{})
}

// MinSize is the height of a line and the width of its first characters.
func (t *fitText) MinSize() fyne.Size {
	r := []rune(t.full)
	if len(r) <= fitRunes {
		return t.measure(t.full)
	}
	return t.measure(string(r[:fitRunes]) + "…")
}

func (t *fitText) CreateRenderer() fyne.WidgetRenderer {
	c := canvas.NewText(t.full, t.col)
	c.TextSize = t.size
	return &fitTextRenderer{t: t, text: c}
}

type fitTextRenderer struct {
	t    *fitText
	text *canvas.Text
}

// Layout cuts the text to the width.
func (r *fitTextRenderer) Layout(size fyne.Size) {
	s := r.t.full
	if r.t.measure(s).Width > size.Width {
		runes := []rune(s)
		n := len(runes)
		for n > fitRunes && r.t.measure(string(runes[:n])+"…").Width > size.Width {
			n--
		}
		s = string(runes[:n]) + "…"
	}
	r.text.Text = s
	r.text.Resize(r.text.MinSize())
	r.text.Move(fyne.NewPos(0, (size.Height-r.text.MinSize().Height)/2))
}

func (r *fitTextRenderer) MinSize() fyne.Size           { return r.t.MinSize() }
func (r *fitTextRenderer) Refresh()                     { r.Layout(r.t.Size()); r.text.Refresh() }
func (r *fitTextRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.text} }
func (r *fitTextRenderer) Destroy()                     {}
