package ui

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/yeongdeungpo/kiosk/internal/report"
)

// only is a year whose one value is v, in month m (1-12), of kind k.
func only(m, k int, v int64) chartValues {
	var c chartValues
	c[m-1][k] = v
	return c
}

// TestChartAxis: the axis holds zero and every value, in round steps of at
// least 1천원, about five of them.
func TestChartAxis(t *testing.T) {
	cases := []struct {
		name  string
		v     chartValues
		ticks []int64
	}{
		{"nothing", chartValues{}, []int64{0, 1000}},
		{"one won", only(3, kindRent, 1), []int64{0, 1000}},
		{"the district's rent as one month", only(12, kindRent, 49_449_000),
			[]int64{0, 10_000_000, 20_000_000, 30_000_000, 40_000_000, 50_000_000}},
		{"a step of 2", only(1, kindFee, 7_000_000), []int64{0, 2_000_000, 4_000_000, 6_000_000, 8_000_000}},
		{"exactly on a step", only(1, kindInterest, 50_000), []int64{0, 10_000, 20_000, 30_000, 40_000, 50_000}},
		// Refunds paid in a month beyond its fees: the axis goes below zero.
		{"refunds over fees", func() chartValues {
			v := only(5, kindRentals, -46_000)
			v[5][kindRent] = 300_000
			return v
		}(), []int64{-100_000, 0, 100_000, 200_000, 300_000}},
		{"all negative", only(2, kindRentals, -30_000), []int64{-30_000, -20_000, -10_000, 0}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := newChartAxis(c.v)
			if got := a.ticks(); !slices.Equal(got, c.ticks) {
				t.Fatalf("ticks %v, want %v", got, c.ticks)
			}
			if a.y(a.hi, 10, 200) != 10 || a.y(a.lo, 10, 200) != 210 {
				t.Fatalf("the axis does not span the plot: hi at %v, lo at %v", a.y(a.hi, 10, 200), a.y(a.lo, 10, 200))
			}
		})
	}
	labels := []string{tickLabel(0), tickLabel(1000), tickLabel(50_000_000), tickLabel(-100_000)}
	if want := []string{"0", "1", "50,000", "-100"}; !slices.Equal(labels, want) {
		t.Fatalf("tick labels %q, want %q (천원)", labels, want)
	}
}

// TestChartBars: bars stand on the zero line in proportion to their
// values, in their month's slot in the order of the kinds, without
// overlapping; a zero is no bar at all; a negative value hangs below zero.
func TestChartBars(t *testing.T) {
	var v chartValues
	for m := range 12 {
		v[m] = [chartKinds]int64{int64(m+1) * 1_000_000, int64(m+1) * 500_000, 0, 250_000}
	}
	v[6][kindRentals] = -250_000 // July: more refunds than fees
	a := newChartAxis(v)
	plot, size := fyne.NewPos(80, 40), fyne.NewSize(1140, 300)
	bars := chartBars(v, a, plot, size)
	if len(bars) != 12*chartKinds {
		t.Fatalf("%d bars", len(bars))
	}
	zero := a.y(0, plot.Y, size.Height)
	perWon := float64(size.Height) / float64(a.hi-a.lo)
	var prevRight float32
	for i, b := range bars {
		if b.month != i/chartKinds || b.kind != i%chartKinds || b.value != v[b.month][b.kind] {
			t.Fatalf("bar %d is %+v", i, b)
		}
		// Left to right, month by month, inside the month's twelfth.
		slot := plot.X + float32(b.month)*size.Width/12
		if b.pos.X < prevRight-0.01 || b.pos.X < slot || b.pos.X+b.size.Width > slot+size.Width/12+0.01 {
			t.Fatalf("bar %d at x %v..%v, slot from %v, previous bar ends at %v", i, b.pos.X, b.pos.X+b.size.Width, slot, prevRight)
		}
		prevRight = b.pos.X + b.size.Width
		wantH := math.Abs(float64(b.value)) * perWon
		if math.Abs(float64(b.size.Height)-wantH) > 0.01 {
			t.Fatalf("bar %d (%d won) is %v high, want %v", i, b.value, b.size.Height, wantH)
		}
		switch {
		case b.value > 0 && math.Abs(float64(b.pos.Y+b.size.Height-zero)) > 0.01:
			t.Fatalf("bar %d stands at %v, the zero line is at %v", i, b.pos.Y+b.size.Height, zero)
		case b.value < 0 && b.pos.Y != zero:
			t.Fatalf("negative bar %d hangs from %v, the zero line is at %v", i, b.pos.Y, zero)
		case b.value == 0 && b.size.Height != 0:
			t.Fatalf("a zero is drawn %v high", b.size.Height)
		}
		if b.pos.Y < plot.Y-0.01 || b.pos.Y+b.size.Height > plot.Y+size.Height+0.01 {
			t.Fatalf("bar %d leaves the plot: %v..%v", i, b.pos.Y, b.pos.Y+b.size.Height)
		}
	}
	// December's rent is twice June's, and as high as its value says.
	if jun, dec := bars[5*chartKinds].size.Height, bars[11*chartKinds].size.Height; math.Abs(float64(dec)-2*float64(jun)) > 0.01 {
		t.Fatalf("December %v, June %v: not proportional", dec, jun)
	}
}

// TestBarPatterns: each kind has a look of its own apart from its colour:
// rent solid and rentals hollow (no stripes; told apart by their fill),
// management fee horizontal stripes, interest vertical stripes, all inside
// the bar.
func TestBarPatterns(t *testing.T) {
	size := fyne.NewSize(19, 120)
	for k := range chartKinds {
		p := barPattern(k, size)
		for _, s := range p {
			if s.pos.X < 0 || s.pos.Y < 0 || s.pos.X+s.size.Width > size.Width || s.pos.Y+s.size.Height > size.Height {
				t.Fatalf("kind %d: stripe %+v outside the bar %v", k, s, size)
			}
		}
		horizontal := len(p) > 1 && p[0].size.Width == size.Width && p[1].pos.Y > p[0].pos.Y
		vertical := len(p) > 1 && p[0].size.Height == size.Height && p[1].pos.X > p[0].pos.X
		switch k {
		case kindFee:
			if !horizontal {
				t.Fatalf("management fee: %+v", p)
			}
		case kindInterest:
			if !vertical {
				t.Fatalf("interest: %+v", p)
			}
		default:
			if len(p) != 0 {
				t.Fatalf("kind %d has stripes: %+v", k, p)
			}
		}
	}
}

// chartTexts are the texts the chart draws, in order.
func chartTexts(c *incomeChart) []string {
	var out []string
	for _, o := range test.WidgetRenderer(c).Objects() {
		if t, ok := o.(*canvas.Text); ok {
			out = append(out, t.Text)
		}
	}
	return out
}

// TestChartDrawn: at the report screen's size, in both languages and in
// large text, the chart fits (no text cut or outside it), names the four
// kinds, labels all twelve months, and puts a letter under every bar,
// zeros included.
func TestChartDrawn(t *testing.T) {
	months := []report.Month{{Month: 3, Rent: 4_120_000, ManagementFee: 720_000, Interest: 61_000, Rentals: 460_000},
		{Month: 7, Rentals: -46_000}}
	for _, large := range []bool{false, true} {
		for _, lang := range []Language{Korean, English} {
			t.Run(fmt.Sprintf("%s large=%v", lang, large), func(t *testing.T) {
				test.NewTempApp(t)
				th := newTheme()
				if large {
					th.scale = LargeTextScale
				}
				fyne.CurrentApp().Settings().SetTheme(th)
				SetLanguage(lang)
				t.Cleanup(func() { SetLanguage(Korean) })
				c := newIncomeChart()
				c.SetValues(monthValues(months))
				cv := fitCanvas(t, c, fyne.NewSize(1240, 330))
				if m := misfits(cv); len(m) > 0 {
					t.Fatalf("misfits:\n%v", m)
				}
				texts := chartTexts(c)
				for k := range chartKinds {
					if !slices.Contains(texts, T(chartKindKeys[k])) {
						t.Errorf("legend lacks %q: %q", T(chartKindKeys[k]), texts)
					}
					n := 0
					for _, s := range texts {
						if s == T(chartKindKeys[k]+".short") {
							n++
						}
					}
					if n != 12 {
						t.Errorf("%d letters %q under the bars, want 12", n, T(chartKindKeys[k]+".short"))
					}
				}
				for m := 1; m <= 12; m++ {
					if !slices.Contains(texts, monthName(m)) {
						t.Errorf("no label for month %d (%q): %q", m, monthName(m), texts)
					}
				}
				if !slices.Contains(texts, T("chart.unit")) || !slices.Contains(texts, "-1,000") || !slices.Contains(texts, "5,000") {
					t.Errorf("axis labels: %q", texts)
				}
			})
		}
	}
}

// TestMonthValues: the report's months land in their own slots; the rent
// bar is the offices' and the youth desks' rent together.
func TestMonthValues(t *testing.T) {
	v := monthValues([]report.Month{{Month: 12, Rent: 1, YouthRent: 10, ManagementFee: 2, Interest: 3, Rentals: 4}, {Month: 1, Rentals: -5}, {Month: 13, Rent: 9}})
	var want chartValues
	want[11] = [chartKinds]int64{11, 2, 3, 4}
	want[0][kindRentals] = -5
	if v != want {
		t.Fatalf("%v", v)
	}
}
