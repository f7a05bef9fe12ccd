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
func (s *Shell) directoryScreen() fyne.CanvasObject {
	head := s.header(T("directory.title"), s.GoHome, true)
	entries, err := s.svc.Tenants.Directory(s.svc.Now())
	if err != nil {
		slog.Error("directory", "err", err)
		return container.NewBorder(head, nil, nil, nil, container.NewCenter(wrapLabel(T("error.load"))))
	}

	kb := s.keyboard()
	search := s.entry(searchField, FieldText, T("directory.search.placeholder"), kb)
	results := container.NewStack()
	count := widget.NewLabel("")
	count.Importance = widget.LowImportance
	// As many rows of cards as fit between the search bar and the pager or
	// keyboard.
	sample := s.directoryCard(tenants.Occupancy{Unit: tenants.Unit{Name: "가", NameEN: "A", Floor: 4}, Tenant: "가"})
	reserved := head.MinSize().Height + search.MinSize().Height + 2*(MinTarget+8)*s.th.scale + 48
	if s.keyboardOpen {
		reserved += kb.Object.MinSize().Height
	}
	rows := min(5, s.rowsThatFit(sample.MinSize().Height, reserved))
	refresh := func(q string) {
		found := filterDirectory(entries, q, s.opts.Language)
		cards := make([]fyne.CanvasObject, 0, len(found))
		for _, e := range found {
			cards = append(cards, s.directoryCard(e))
		}
		if q == "" {
			count.SetText("")
		} else {
			count.SetText(T("directory.search.count", map[string]any{"Count": len(found)}))
		}
		grid := s.pagedGrid(cards, 2, rows, T("directory.search.none"))
		if q != "" {
			grid = container.NewBorder(count, nil, nil, nil, grid)
		}
		results.Objects = []fyne.CanvasObject{grid}
		results.Refresh()
	}
	search.OnEdited = refresh
	refresh(search.Text)

	clearBtn := s.button(T("directory.search.clear"), theme.ContentClearIcon(), func() {
		kb.comp.Reset()
		search.setComposed("")
	})
	var kbToggle *TouchButton
	if s.keyboardOpen {
		kbToggle = s.button(T("kb.hide"), theme.MenuDropDownIcon(), func() { s.keyboardOpen = false; s.rebuild() })
	} else {
		kbToggle = s.button(T("kb.show"), theme.MenuDropUpIcon(), func() { s.openKeyboard(search) })
	}
	search.onTapped = func() {
		if !s.keyboardOpen {
			s.openKeyboard(search)
		}
	}
	kb.OnDone = func() { s.keyboardOpen = false; s.rebuild() }
	bar := container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), container.NewHBox(clearBtn, kbToggle), search)
	body := container.NewBorder(bar, nil, nil, nil, results)
	var bottom fyne.CanvasObject
	if s.keyboardOpen {
		bottom = kb.Object
		kb.Attach(search)
		s.focus(search)
	}
	return container.NewBorder(head, bottom, nil, nil, container.New(layout.NewCustomPaddedLayout(12, 12, 20, 20), body))
}

// openKeyboard redraws the screen with the keyboard on the given field.
func (s *Shell) openKeyboard(*KioskEntry) {
	s.keyboardOpen = true
	s.rebuild()
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
