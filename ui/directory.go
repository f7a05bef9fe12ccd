package ui

import (
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/tenants"
	"github.com/yeongdeungpo/kiosk/ui/hangul"
)

const searchField = "directory.search"

// directoryScreen is the floor directory: every unit and the company in it,
// with a search box that filters as the visitor types.
type directoryScreen struct {
	s            *Shell
	entries      []tenants.Occupancy
	loaded       bool // the read has come back
	loadErr      error
	keyboardOpen bool

	kb       *Keyboard
	search   *KioskEntry
	results  *fyne.Container
	count    *widget.Label
	bottom   *fyne.Container
	root     *fyne.Container
	kbToggle *TouchButton
	reserved float32 // height taken by everything but the result rows
	rowH     float32
}

// enter starts with the keyboard closed and reads the directory, off the
// UI thread.
func (d *directoryScreen) enter() {
	d.keyboardOpen = false
	d.entries, d.loadErr, d.loaded = nil, nil, false
	now := d.s.svc.Now()
	var entries []tenants.Occupancy
	var err error
	d.s.background(func() { entries, err = d.s.svc.Tenants.Directory(now) }, func() {
		d.entries, d.loadErr, d.loaded = entries, err, true
		if err != nil {
			slog.Error("directory", "err", err)
		}
		if d.results != nil {
			d.filter(d.search.Text)
		}
	})
}

func (d *directoryScreen) build() fyne.CanvasObject {
	s := d.s
	head := s.header(T("directory.title"), s.GoHome, true)
	d.kb = s.keyboard()
	d.search = s.entry(searchField, FieldText, T("directory.search.placeholder"), d.kb)
	d.results = container.NewStack()
	d.count = widget.NewLabel("")
	d.count.Importance = widget.LowImportance
	// As many rows of cards as fit between the search bar and the pager or
	// keyboard.
	sample := s.directoryCard(tenants.Occupancy{Unit: tenants.Unit{Name: "가", NameEN: "A", Floor: 4}, Tenant: "가"})
	d.rowH = sample.MinSize().Height
	d.reserved = head.MinSize().Height + d.search.MinSize().Height + 2*(MinTarget+8)*s.th.scale + 48
	d.search.OnEdited = d.filter

	clearBtn := s.button(T("directory.search.clear"), theme.ContentClearIcon(), func() {
		d.kb.comp.Reset()
		d.search.setComposed("")
	})
	d.kbToggle = s.button("", nil, func() { d.setKeyboard(!d.keyboardOpen) })
	d.search.onTapped = func() { d.setKeyboard(true) }
	d.kb.OnDone = func() { d.setKeyboard(false) }
	bar := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), container.NewHBox(clearBtn, d.kbToggle), d.search)
	body := container.NewBorder(bar, nil, nil, nil, d.results)
	d.bottom = container.NewStack(d.kb.Object)
	d.root = container.NewBorder(head, d.bottom, nil, nil, container.New(layout.NewCustomPaddedLayout(12, 12, 20, 20), body))
	d.setKeyboard(d.keyboardOpen)
	return d.root
}

// setKeyboard opens or closes the keyboard under the results.
func (d *directoryScreen) setKeyboard(open bool) {
	d.keyboardOpen = open
	if open {
		d.kbToggle.SetText(T("kb.hide"))
		d.kbToggle.SetIcon(theme.MenuDropDownIcon())
		d.kb.Attach(d.search)
		d.bottom.Show()
		d.s.focus(d.search)
	} else {
		d.kbToggle.SetText(T("kb.show"))
		d.kbToggle.SetIcon(theme.MenuDropUpIcon())
		d.bottom.Hide()
	}
	d.root.Refresh() // the results give the keyboard its room, or take it back
	d.filter(d.search.Text)
}

// filter shows the units matching q, as many rows as fit.
func (d *directoryScreen) filter(q string) {
	s := d.s
	if !d.loaded { // still reading: no "nothing found" before anything was read
		d.results.Objects = nil
		d.results.Refresh()
		return
	}
	if d.loadErr != nil {
		d.results.Objects = []fyne.CanvasObject{centredText(T("error.load"))}
		d.results.Refresh()
		return
	}
	reserved := d.reserved
	if d.keyboardOpen {
		reserved += d.kb.Object.MinSize().Height
	}
	rows := min(5, s.rowsThatFit(d.rowH, reserved))
	found := filterDirectory(d.entries, q, s.opts.Language)
	cards := make([]fyne.CanvasObject, 0, len(found))
	for _, e := range found {
		cards = append(cards, s.directoryCard(e))
	}
	if q == "" {
		d.count.SetText("")
	} else {
		d.count.SetText(T("directory.search.count", map[string]any{"Count": len(found)}))
	}
	grid := s.pagedGrid(cards, 2, rows, T("directory.search.none"))
	if q != "" {
		grid = container.NewBorder(d.count, nil, nil, nil, grid)
	}
	d.results.Objects = []fyne.CanvasObject{grid}
	d.results.Refresh()
}

// filterDirectory keeps the units whose company (or, in English, unit name)
// matches q; vacant units are left out of a search.
func filterDirectory(entries []tenants.Occupancy, q string, l Language) []tenants.Occupancy {
	if q == "" {
		return entries
	}
	var out []tenants.Occupancy
	for _, e := range entries {
		if e.Tenant == "" {
			continue
		}
		if hangul.Contains(e.Tenant, q) || hangul.Contains(e.Unit.Name, q) || hangul.Contains(e.Unit.NameEN, q) {
			out = append(out, e)
		}
	}
	return out
}

func (s *Shell) directoryCard(e tenants.Occupancy) fyne.CanvasObject {
	v := describeUnit(e, s.opts.Language)
	tenant := widget.NewLabelWithStyle(v.Tenant, fyne.TextAlignLeading, fyne.TextStyle{})
	tenant.Truncation = fyne.TextTruncateEllipsis
	if v.Vacant {
		tenant.Importance = widget.LowImportance
	}
	where := widget.NewLabel(v.Where)
	where.SizeName = theme.SizeNameCaptionText
	where.Importance = widget.LowImportance
	where.Truncation = fyne.TextTruncateEllipsis
	return NewPanel(container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), tenant, where), colSurface)
}

// unitView is what a directory card says.
type unitView struct {
	Tenant, Where string
	Vacant        bool
}

func describeUnit(e tenants.Occupancy, l Language) unitView {
	name := e.Unit.Name
	if l == English {
		name = e.Unit.NameEN
	}
	v := unitView{Tenant: e.Tenant, Where: T("directory.where", map[string]any{"Floor": e.Unit.Floor, "Unit": name})}
	if e.Tenant == "" {
		v.Vacant = true
		v.Tenant = T("directory.vacant")
	}
	return v
}
