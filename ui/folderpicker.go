package ui

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// folderPicker offers the mounted folders (choices) as cards, rows rows of
// two a page, chosen marked: the export and the backup folders are picked
// the same way. hint says what the folder is for; back and rescan are the
// bar's buttons; choose takes the tapped folder.
func (s *Shell) folderPicker(choices []string, chosen, hint string, rows int, pageNo *int,
	choose func(dir string), back, rescan func()) fyne.CanvasObject {
	cards := make([]fyne.CanvasObject, 0, len(choices))
	for _, dir := range choices {
		// The stick's name first (the end of a path would be cut off),
		// then the whole path.
		name := widget.NewLabelWithStyle(filepath.Base(dir), fyne.TextAlignCenter, fyne.TextStyle{})
		name.Truncation = fyne.TextTruncateEllipsis
		path := widget.NewLabelWithStyle(dir, fyne.TextAlignCenter, fyne.TextStyle{})
		path.Truncation = fyne.TextTruncateEllipsis
		path.Importance = widget.LowImportance
		box := container.New(layout.NewCustomPaddedVBoxLayout(-theme.InnerPadding()), name, path)
		c := newCardPadded(box, colSurface, fyne.NewSize(0, MinTarget), s.tap(func() { choose(dir) }), 4, 12)
		c.SetChosen(dir == chosen)
		cards = append(cards, c)
	}
	bar := container.NewBorder(nil, nil,
		s.button(T("nav.back"), theme.NavigateBackIcon(), back),
		s.button(T("export.folder.rescan"), theme.ViewRefreshIcon(), rescan),
		wrapLabel(hint))
	return container.NewBorder(bar, nil, nil, nil, s.pagedGridAt(cards, 2, rows, T("export.folder.nothing"), pageNo))
}
