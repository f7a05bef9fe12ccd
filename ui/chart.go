package ui

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/yeongdeungpo/kiosk/internal/report"
)

// The chart of the report screen: the twelve months' income by kind, as
// grouped bars drawn with canvas objects. Each kind has a colour AND a
// look of its own (solid, horizontal stripes, vertical stripes, hollow)
// AND a letter under its bar, with a legend, so that no kind is told by
// colour alone. The geometry (axis, ticks, bar rectangles) is in plain
// functions, tested without a window.

// The kinds of income, in the order of the bars in a month.
const (
	kindRent = iota
	kindFee
	kindInterest
	kindRentals
	chartKinds
)

// chartKindKeys are the kinds' translation keys: key+".short" is the
// letter under the bar, key the name in the legend.
var chartKindKeys = [chartKinds]string{"chart.rent", "chart.fee", "chart.interest", "chart.rentals"}

// Colours of the kinds, from the Okabe-Ito set that readers with a colour
// vision deficiency tell apart; the looks tell them apart without colour.
var chartColours = [chartKinds]color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	{0xD5, 0x5E, 0x00, 0xFF}, // vermilion
}

var colGrid = color.NRGBA{0xDD, 0xE2, 0xE8, 0xFF}

// chartValues are the months' values by kind, in won.
type chartValues [12][chartKinds]int64

// monthValues takes the report's months (month 1..12, any order; a month
// missing is zero). Rent is all rent collected: the offices' and the youth
// desks'.
func monthValues(ms []report.Month) chartValues {
	var v chartValues
	for _, m := range ms {
		if m.Month < 1 || m.Month > 12 {
			continue
		}
		v[m.Month-1] = [chartKinds]int64{m.Rent + m.YouthRent, m.ManagementFee, m.Interest, m.Rentals}
	}
	return v
}

// chartAxis is the value axis: lo to hi in won, a tick every step. It
// always holds zero; a month whose refunds exceeded its fees (a negative
// value) takes the axis below zero, and its bar hangs from the zero line.
type chartAxis struct{ lo, hi, step int64 }

// chartStepMin is the smallest tick step: 1천원, the report's unit.
const chartStepMin = 1000

// newChartAxis fits an axis of round steps (1, 2 or 5 × 10ⁿ won, at least
// 1천원) to the values, about five steps over their range.
func newChartAxis(v chartValues) chartAxis {
	var lo, hi int64
	for _, m := range v {
		for _, x := range m {
			lo, hi = min(lo, x), max(hi, x)
		}
	}
	step := niceStep((hi - lo + 4) / 5)
	a := chartAxis{step: step, lo: floorTo(lo, step), hi: ceilTo(hi, step)}
	if a.hi == a.lo {
		a.hi = a.lo + step
	}
	return a
}

// niceStep is the smallest of 1, 2, 5 × 10ⁿ won, at least chartStepMin,
// that is at least raw.
func niceStep(raw int64) int64 {
	for p := int64(chartStepMin); ; p *= 10 {
		for _, m := range []int64{1, 2, 5} {
			if m*p >= raw {
				return m * p
			}
		}
	}
}

func ceilTo(x, step int64) int64 {
	if x <= 0 {
		return -floorTo(-x, step)
	}
	return (x + step - 1) / step * step
}

func floorTo(x, step int64) int64 {
	if x >= 0 {
		return x / step * step
	}
	return -ceilTo(-x, step)
}

// ticks are the values that get a line and a label, from lo to hi.
func (a chartAxis) ticks() []int64 {
	var out []int64
	for v := a.lo; v <= a.hi; v += a.step {
		out = append(out, v)
	}
	return out
}

// y is where value v lies on a plot from top, height high.
func (a chartAxis) y(v int64, top, height float32) float32 {
	return top + height*float32(a.hi-v)/float32(a.hi-a.lo)
}

// tickLabel is a tick in 천원, grouped: 20,000 for 20,000,000 won.
func tickLabel(v int64) string { return groupThousands(v / 1000) }

// chartBar is one bar: its month (0-11), kind, value and rectangle. A zero
// value has no height: nothing is drawn, but its letter still is.
type chartBar struct {
	month, kind int
	value       int64
	pos         fyne.Position
	size        fyne.Size
}

// chartGroupGap is the share of a month's width left between months.
const chartGroupGap = 0.2

// chartBars lays the bars out on the plot rectangle: twelve groups of
// four, each bar from the zero line up (or down, for a negative value) to
// its value.
func chartBars(v chartValues, a chartAxis, plot fyne.Position, size fyne.Size) []chartBar {
	groupW := size.Width / 12
	barW := groupW * (1 - chartGroupGap) / chartKinds
	zero := a.y(0, plot.Y, size.Height)
	out := make([]chartBar, 0, 12*chartKinds)
	for m := range 12 {
		for k := range chartKinds {
			x := plot.X + float32(m)*groupW + groupW*chartGroupGap/2 + float32(k)*barW
			y := a.y(v[m][k], plot.Y, size.Height)
			top, h := y, zero-y
			if h < 0 {
				top, h = zero, -h
			}
			out = append(out, chartBar{month: m, kind: k, value: v[m][k], pos: fyne.NewPos(x, top), size: fyne.NewSize(barW, h)})
		}
	}
	return out
}

// chartStripe is one thin rectangle of a bar's pattern, relative to the
// bar.
type chartStripe struct {
	pos  fyne.Position
	size fyne.Size
}

// Pattern measures: a stripe every chartStripeEvery units, chartStripeW
// wide, inside a border of chartBorder.
const (
	chartStripeEvery = 6
	chartStripeW     = 2
	chartBorder      = 2
)

// barPattern is the look of a kind inside a bar of size: rent solid (no
// stripes), management fee horizontal stripes, interest vertical stripes,
// rentals hollow (no stripes, its border only).
func barPattern(kind int, size fyne.Size) []chartStripe {
	var out []chartStripe
	switch kind {
	case kindFee:
		for y := float32(chartStripeEvery - chartStripeW); y+chartStripeW <= size.Height-chartBorder; y += chartStripeEvery {
			out = append(out, chartStripe{fyne.NewPos(0, y), fyne.NewSize(size.Width, chartStripeW)})
		}
	case kindInterest:
		for x := float32(chartStripeEvery-chartStripeW) / 2; x+chartStripeW <= size.Width; x += chartStripeEvery {
			out = append(out, chartStripe{fyne.NewPos(x, 0), fyne.NewSize(chartStripeW, size.Height)})
		}
	}
	return out
}

// incomeChart is the chart widget; SetValues changes what it shows.
type incomeChart struct {
	widget.BaseWidget
	values chartValues
}

func newIncomeChart() *incomeChart {
	c := &incomeChart{}
	c.ExtendBaseWidget(c)
	return c
}

// SetValues shows other months.
func (c *incomeChart) SetValues(v chartValues) {
	c.values = v
	c.Refresh()
}

// CreateRenderer draws the chart.
func (c *incomeChart) CreateRenderer() fyne.WidgetRenderer {
	r := &chartRenderer{c: c, bg: canvas.NewRectangle(colSurface)}
	r.bg.StrokeColor, r.bg.StrokeWidth, r.bg.CornerRadius = colBorder, 1, 12
	return r
}

// chartRenderer keeps pools of canvas objects, reused each layout.
type chartRenderer struct {
	c       *incomeChart
	bg      *canvas.Rectangle
	rects   []*canvas.Rectangle
	texts   []*canvas.Text
	nr, nt  int
	objects []fyne.CanvasObject
}

func (r *chartRenderer) rect(fill, stroke color.Color, strokeW float32, pos fyne.Position, size fyne.Size) {
	if r.nr == len(r.rects) {
		r.rects = append(r.rects, canvas.NewRectangle(nil))
	}
	o := r.rects[r.nr]
	r.nr++
	o.FillColor, o.StrokeColor, o.StrokeWidth = fill, stroke, strokeW
	o.Move(pos)
	o.Resize(size)
}

// text places s with its box's left edge at x (align leading), its centre
// at x (center) or its right edge at x (trailing), its top at y.
func (r *chartRenderer) text(s string, size float32, col color.Color, x, y float32, align fyne.TextAlign) fyne.Size {
	if r.nt == len(r.texts) {
		r.texts = append(r.texts, canvas.NewText("", nil))
	}
	o := r.texts[r.nt]
	r.nt++
	o.Text, o.TextSize, o.Color = s, size, col
	m := o.MinSize()
	switch align {
	case fyne.TextAlignCenter:
		x -= m.Width / 2
	case fyne.TextAlignTrailing:
		x -= m.Width
	}
	o.Move(fyne.NewPos(x, y))
	o.Resize(m)
	return m
}

func textSize(s string, size float32) fyne.Size {
	return fyne.MeasureText(s, size, fyne.TextStyle{})
}

// bar draws a bar of kind with its pattern: a fill, stripes, a border.
func (r *chartRenderer) bar(kind int, pos fyne.Position, size fyne.Size) {
	if size.Height <= 0 || size.Width <= 0 {
		return
	}
	col := chartColours[kind]
	light := color.NRGBA{col.R, col.G, col.B, 0x40}
	switch kind {
	case kindRent:
		r.rect(col, col, 0, pos, size)
	case kindRentals:
		r.rect(colSurface, col, chartBorder, pos, size)
	default:
		r.rect(light, col, chartBorder, pos, size)
	}
	for _, s := range barPattern(kind, size) {
		r.rect(col, nil, 0, pos.Add(s.pos), s.size)
	}
}

// Layout draws the chart at size: the legend and the unit on top, the
// tick labels on the left, the bars with their letters, the months below.
func (r *chartRenderer) Layout(size fyne.Size) {
	r.nr, r.nt = 0, 0
	r.bg.Resize(size)
	th := fyne.CurrentApp().Settings().Theme()
	small := th.Size(theme.SizeNameCaptionText)
	pad := th.Size(theme.SizeNamePadding) * 2
	lineH := textSize("0", small).Height
	a := newChartAxis(r.c.values)

	// Legend, from the right: a swatch in each kind's look and its name.
	x := size.Width - pad
	swatch := fyne.NewSize(lineH*1.2, lineH)
	for k := chartKinds - 1; k >= 0; k-- {
		name := T(chartKindKeys[k])
		w := textSize(name, small).Width
		r.text(name, small, colText, x, pad, fyne.TextAlignTrailing)
		x -= w + pad/2 + swatch.Width
		r.bar(k, fyne.NewPos(x, pad), swatch)
		x -= pad * 1.5
	}
	// The unit above the tick labels.
	r.text(T("chart.unit"), small, colMuted, pad, pad, fyne.TextAlignLeading)

	// The plot: right of the widest tick label, under the legend, above
	// the letters and the months.
	ticks := a.ticks()
	labelW := float32(0)
	for _, t := range ticks {
		labelW = max(labelW, textSize(tickLabel(t), small).Width)
	}
	plot := fyne.NewPos(pad+labelW+pad, pad+lineH+pad+lineH/2)
	plotSize := fyne.NewSize(size.Width-plot.X-pad, size.Height-plot.Y-2*lineH-2*pad)
	if plotSize.Width <= 0 || plotSize.Height <= 0 {
		r.collect()
		return
	}
	for _, t := range ticks {
		y := a.y(t, plot.Y, plotSize.Height)
		col, w := colGrid, float32(1)
		if t == 0 {
			col, w = colMuted, 2
		}
		r.rect(col, nil, 0, fyne.NewPos(plot.X, y-w/2), fyne.NewSize(plotSize.Width, w))
		r.text(tickLabel(t), small, colMuted, plot.X-pad, y-lineH/2, fyne.TextAlignTrailing)
	}
	bars := chartBars(r.c.values, a, plot, plotSize)
	// A letter under each bar, when the bars are wide enough for them.
	letters := len(bars) > 0
	for k := range chartKinds {
		letters = letters && textSize(T(chartKindKeys[k]+".short"), small).Width <= bars[0].size.Width+pad/2
	}
	letterY := plot.Y + plotSize.Height + pad/2
	for _, b := range bars {
		r.bar(b.kind, b.pos, b.size)
		if letters {
			r.text(T(chartKindKeys[b.kind]+".short"), small, colText, b.pos.X+b.size.Width/2, letterY, fyne.TextAlignCenter)
		}
	}
	groupW := plotSize.Width / 12
	for m := range 12 {
		r.text(monthName(m+1), small, colText, plot.X+groupW*(float32(m)+0.5), letterY+lineH+pad/2, fyne.TextAlignCenter)
	}
	r.collect()
}

// monthName is a month's short name: 3월, Mar.
func monthName(m int) string {
	return T("chart.month", map[string]any{"Month": m, "MonthName": time.Month(m).String()[:3]})
}

// collect lists what is drawn: the background, the grid and the bars,
// the texts on top.
func (r *chartRenderer) collect() {
	r.objects = r.objects[:0]
	r.objects = append(r.objects, r.bg)
	for _, o := range r.rects[:r.nr] {
		r.objects = append(r.objects, o)
	}
	for _, o := range r.texts[:r.nt] {
		r.objects = append(r.objects, o)
	}
}

// MinSize is what the legend, the axis and twelve months of bars need to
// be read; the letters under the bars come when there is room for them.
func (r *chartRenderer) MinSize() fyne.Size {
	th := fyne.CurrentApp().Settings().Theme()
	small := th.Size(theme.SizeNameCaptionText)
	lineH := textSize("0", small).Height
	return fyne.NewSize(12*chartKinds*chartStripeEvery*2, 8*lineH)
}

func (r *chartRenderer) Objects() []fyne.CanvasObject { return r.objects }

// Refresh lays the chart out again with its values and redraws it.
func (r *chartRenderer) Refresh() {
	r.Layout(r.c.Size())
	for _, o := range r.objects {
		o.Refresh()
	}
}

func (r *chartRenderer) Destroy() {}
