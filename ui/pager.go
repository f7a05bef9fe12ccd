package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Pages splits n items into pages of per items; it is the view-model of every
// paged list (dragging does not scroll under Fyne's desktop driver).
type Pages struct {
	N, Per, Page int // Page counts from 0
}

// Count is the number of pages, at least 1.
func (p Pages) Count() int {
	if p.Per <= 0 || p.N <= 0 {
		return 1
	}
	return (p.N + p.Per - 1) / p.Per
}

// Bounds is the item range [from, to) of the current page, with Page clamped.
func (p Pages) Bounds() (from, to int) {
	page := min(max(p.Page, 0), p.Count()-1)
	from = page * p.Per
	to = min(from+p.Per, p.N)
	if from > to {
		from = to
	}
	return from, to
}

// Label is "2 / 5".
func (p Pages) Label() string {
	return fmt.Sprintf("%d / %d", min(max(p.Page, 0), p.Count()-1)+1, p.Count())
}

// pagedGrid shows items cols wide and rows high with large previous/next
// buttons and a page indicator below.
func (s *Shell) pagedGrid(items []fyne.CanvasObject, cols, rows int, empty string) fyne.CanvasObject {
	return s.pagedGridAt(items, cols, rows, empty, nil)
}

// pagedGridAt is pagedGrid that opens on *page and keeps the page turned
// to there, so that a list drawn again (after an action on one of its
// rows, or a refresh) stays where the person was.
func (s *Shell) pagedGridAt(items []fyne.CanvasObject, cols, rows int, empty string, page *int) fyne.CanvasObject {
	if len(items) == 0 {
		return container.NewCenter(widget.NewLabel(empty))
	}
	state := &Pages{N: len(items), Per: cols * rows}
	if page != nil {
		state.Page = min(max(*page, 0), state.Count()-1)
		*page = state.Page
	}
	grid := container.NewGridWithColumns(cols)
	indicator := widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	var prev, next *TouchButton
	show := func() {
		from, to := state.Bounds()
		objs := make([]fyne.CanvasObject, 0, state.Per)
		objs = append(objs, items[from:to]...)
		for len(objs) < state.Per { // keep rows the same height on the last page
			objs = append(objs, layout.NewSpacer())
		}
		grid.Objects = objs
		grid.Refresh()
		indicator.SetText(T("pager.page", map[string]any{"Label": state.Label()}))
		setEnabled(prev, state.Page > 0)
		setEnabled(next, state.Page < state.Count()-1)
	}
	turn := func(by int) func() {
		return func() {
			state.Page += by
			if page != nil {
				*page = state.Page
			}
			show()
		}
	}
	prev = s.button(T("pager.prev"), theme.NavigateBackIcon(), turn(-1))
	next = s.button(T("pager.next"), theme.NavigateNextIcon(), turn(1))
	next.IconPlacement = widget.ButtonIconTrailingText
	show()
	controls := container.NewGridWithColumns(3, prev, container.NewCenter(indicator), next)
	if state.Count() == 1 {
		return grid
	}
	return container.NewBorder(nil, controls, nil, nil, grid)
}

func setEnabled(b *TouchButton, on bool) {
	if b == nil {
		return
	}
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}
