package ui

import (
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/tenants"
)

// directoryScreen is the floor directory: every unit and the company in it.
func (s *Shell) directoryScreen() fyne.CanvasObject {
	head := s.header(T("directory.title"), s.GoHome, true)
	entries, err := s.svc.Tenants.Directory(s.svc.Now())
	if err != nil {
		slog.Error("directory", "err", err)
		return container.NewBorder(head, nil, nil, nil, container.NewCenter(wrapLabel(T("error.load"))))
	}
	cards := make([]fyne.CanvasObject, 0, len(entries))
	for _, e := range entries {
		cards = append(cards, s.directoryCard(e))
	}
	body := s.pagedGrid(cards, 2, 5, T("directory.empty"))
	return container.NewBorder(head, nil, nil, nil, container.New(layout.NewCustomPaddedLayout(12, 16, 20, 20), body))
}

func (s *Shell) directoryCard(e tenants.Occupancy) fyne.CanvasObject {
	v := describeUnit(e, s.opts.Language)
	tenant := widget.NewLabelWithStyle(v.Tenant, fyne.TextAlignLeading, fyne.TextStyle{Bold: !v.Vacant})
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
