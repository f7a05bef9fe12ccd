package export

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// lateUTC is 20:30 UTC on 15 January 2026, which is already 05:30 on the
// 16th in Seoul.
var lateUTC = time.Date(2026, 1, 15, 20, 30, 0, 0, time.UTC)

// sample is a small table of every kind, with Korean text, empty cells and a
// time late in the evening UTC.
func sample() Table {
	return Table{
		Sheet: "입주사 매출",
		Columns: []Column{
			{"입주사", Text},
			{"금액(원)", Won},
			{"방문 수", Count},
			{"날짜", Date},
			{"일시", DateTime},
		},
		Rows: [][]any{
			{"주식회사 영등포랩", int64(1500000), 12, lateUTC, lateUTC},
			{"카페 ☕ 한강", int64(-25000), int64(0), time.Date(2026, 3, 1, 9, 5, 0, 0, seoul), time.Date(2026, 3, 1, 9, 5, 59, 0, seoul)},
			{nil, nil, nil, nil, nil},
			{"", 7, int64(3), time.Time{}, time.Time{}},
		},
	}
}

// wantCSV is sample as its CSV records, header first.
var wantCSV = [][]string{
	{"입주사", "금액(원)", "방문 수", "날짜", "일시"},
	{"주식회사 영등포랩", "1500000", "12", "2026-01-16", "2026-01-16 05:30"},
	{"카페 ☕ 한강", "-25000", "0", "2026-03-01", "2026-03-01 09:05"},
	{"", "", "", "", ""},
	{"", "7", "3", "", ""},
}

// readCSV checks the BOM and returns the records after it.
func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}) {
		t.Fatalf("%s does not start with the UTF-8 BOM: % x", path, raw[:min(len(raw), 8)])
	}
	recs, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
	if err != nil {
		t.Fatalf("reading back %s: %v", path, err)
	}
	return recs
}

// entries lists a folder's names.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, de := range des {
		names = append(names, de.Name())
	}
	return names
}

// noTemp fails if a temporary file of ours is left in dir.
func noTemp(t *testing.T, dir string) {
	t.Helper()
	for _, name := range entries(t, dir) {
		if strings.HasPrefix(name, tempPrefix) || strings.HasSuffix(name, ".tmp") {
			t.Errorf("temporary file %s left in %s", name, dir)
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	for _, name := range []string{"figures.csv", "FIGURES.CSV", "월간 보고.Csv"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, name)
			n, err := Write(path, sample())
			if err != nil {
				t.Fatal(err)
			}
			if n != 4 {
				t.Errorf("Write returned %d rows, want 4", n)
			}
			if got := readCSV(t, path); !slices.EqualFunc(got, wantCSV, slices.Equal) {
				t.Errorf("read back\n%q\nwant\n%q", got, wantCSV)
			}
			raw, _ := os.ReadFile(path)
			if !bytes.Contains(raw, []byte("\r\n")) {
				t.Error("lines do not end in CRLF")
			}
			if got := entries(t, dir); !slices.Equal(got, []string{name}) {
				t.Errorf("folder holds %q, want just %q", got, name)
			}
		})
	}
}

func TestCSVCells(t *testing.T) {
	cases := []struct {
		name string
		kind Kind
		v    any
		want string
	}{
		{"korean", Text, "영등포 창업센터", "영등포 창업센터"},
		{"comma and quote", Text, `a, "b"`, `a, "b"`},
		{"newline", Text, "첫 줄\n둘째 줄", "첫 줄\n둘째 줄"},
		{"formula defused", Text, "=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"},
		{"plus defused", Text, "+82 10", "'+82 10"},
		{"at defused", Text, "@SUM(A1)", "'@SUM(A1)"},
		{"won big", Won, int64(1234567890123), "1234567890123"},
		{"won int", Won, 5000, "5000"},
		{"won negative", Won, int64(-1000), "-1000"},
		{"count", Count, 42, "42"},
		{"nil", Count, nil, ""},
		{"date late UTC is next day in Seoul", Date, lateUTC, "2026-01-16"},
		{"date just before Seoul midnight", Date, time.Date(2026, 12, 31, 14, 59, 0, 0, time.UTC), "2026-12-31"},
		{"date at Seoul midnight", Date, time.Date(2026, 12, 31, 15, 0, 0, 0, time.UTC), "2027-01-01"},
		{"date zero", Date, time.Time{}, ""},
		{"datetime", DateTime, lateUTC, "2026-01-16 05:30"},
		{"datetime drops seconds", DateTime, time.Date(2026, 5, 5, 10, 7, 59, 0, seoul), "2026-05-05 10:07"},
		{"datetime zero", DateTime, time.Time{}, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cell.csv")
			tbl := Table{Columns: []Column{{"값", c.kind}}, Rows: [][]any{{c.v}}}
			if _, err := Write(path, tbl); err != nil {
				t.Fatal(err)
			}
			got := readCSV(t, path)
			if len(got) != 2 || got[0][0] != "값" || got[1][0] != c.want {
				t.Errorf("read back %q, want [[값] [%q]]", got, c.want)
			}
		})
	}
}

// sheetXML is the part of a worksheet's XML the tests look at.
type sheetXML struct {
	Views []struct {
		Pane struct {
			YSplit      string `xml:"ySplit,attr"`
			TopLeftCell string `xml:"topLeftCell,attr"`
			State       string `xml:"state,attr"`
		} `xml:"pane"`
	} `xml:"sheetViews>sheetView"`
	Cols []struct {
		Min   int     `xml:"min,attr"`
		Max   int     `xml:"max,attr"`
		Width float64 `xml:"width,attr"`
	} `xml:"cols>col"`
	Rows []struct {
		R     int `xml:"r,attr"`
		Cells []struct {
			R string `xml:"r,attr"`
			T string `xml:"t,attr"`
			V string `xml:"v"`
		} `xml:"c"`
	} `xml:"sheetData>row"`
	AutoFilter *struct {
		Ref string `xml:"ref,attr"`
	} `xml:"autoFilter"`
}

// readSheetXML parses the first worksheet's XML straight from the zip.
func readSheetXML(t *testing.T, path string) sheetXML {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name != "xl/worksheets/sheet1.xml" {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		var s sheetXML
		if err := xml.NewDecoder(rc).Decode(&s); err != nil {
			t.Fatal(err)
		}
		return s
	}
	t.Fatalf("%s has no xl/worksheets/sheet1.xml", path)
	return sheetXML{}
}

func TestXLSX(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "figures.XLSX")
	n, err := Write(path, sample())
	if err != nil {
		t.Fatal(err)
	}
	if n != 4 {
		t.Errorf("Write returned %d rows, want 4", n)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "입주사 매출"
	if got := f.GetSheetList(); !slices.Equal(got, []string{sheet}) {
		t.Fatalf("sheets %q, want [%q]", got, sheet)
	}

	style := func(cell string) *excelize.Style {
		t.Helper()
		id, err := f.GetCellStyle(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		s, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	value := func(cell string, raw bool) string {
		t.Helper()
		v, err := f.GetCellValue(sheet, cell, excelize.Options{RawCellValue: raw})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}

	t.Run("header", func(t *testing.T) {
		for j, want := range wantCSV[0] {
			cell, _ := excelize.CoordinatesToCellName(j+1, 1)
			if got := value(cell, false); got != want {
				t.Errorf("%s = %q, want %q", cell, got, want)
			}
			if s := style(cell); s.Font == nil || !s.Font.Bold {
				t.Errorf("%s is not bold: font %+v", cell, s.Font)
			}
		}
	})

	t.Run("frozen pane", func(t *testing.T) {
		p, err := f.GetPanes(sheet)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Freeze || p.YSplit != 1 || p.XSplit != 0 || p.TopLeftCell != "A2" {
			t.Errorf("panes %+v, want frozen below row 1 at A2", p)
		}
	})

	t.Run("autofilter", func(t *testing.T) {
		s := readSheetXML(t, path)
		if s.AutoFilter == nil {
			t.Fatal("no <autoFilter> in the sheet")
		}
		if got := strings.ReplaceAll(s.AutoFilter.Ref, "$", ""); got != "A1:E5" {
			t.Errorf("autofilter over %q, want A1:E5", s.AutoFilter.Ref)
		}
		var found bool
		for _, dn := range f.GetDefinedName() {
			if dn.Name == "_xlnm._FilterDatabase" {
				found = true
				if !strings.HasSuffix(strings.ReplaceAll(dn.RefersTo, "$", ""), "!A1:E5") {
					t.Errorf("filter database refers to %q", dn.RefersTo)
				}
			}
		}
		if !found {
			t.Error("no _xlnm._FilterDatabase defined name")
		}
	})

	t.Run("korean text", func(t *testing.T) {
		for cell, want := range map[string]string{"A2": "주식회사 영등포랩", "A3": "카페 ☕ 한강"} {
			if got := value(cell, false); got != want {
				t.Errorf("%s = %q, want %q", cell, got, want)
			}
		}
	})

	// The cell's type in the file: with no t attribute a cell is a number
	// (ECMA-376 ST_CellType defaults to "n"); excelize reports that as
	// CellTypeUnset, and an explicit t="n" as CellTypeNumber.
	cellType := func(t *testing.T, ref string) string {
		for _, row := range readSheetXML(t, path).Rows {
			for _, c := range row.Cells {
				if c.R == ref {
					return c.T
				}
			}
		}
		t.Fatalf("no cell %s in the sheet", ref)
		return ""
	}
	numeric := func(t *testing.T, cell string) {
		t.Helper()
		if ct := cellType(t, cell); ct != "" && ct != "n" {
			t.Errorf("%s has type %q, want a number", cell, ct)
		}
		if ct, err := f.GetCellType(sheet, cell); err != nil || (ct != excelize.CellTypeNumber && ct != excelize.CellTypeUnset) {
			t.Errorf("excelize says %s has type %v (%v), want a number", cell, ct, err)
		}
	}

	t.Run("won", func(t *testing.T) {
		cases := []struct{ cell, raw, shown string }{
			{"B2", "1500000", "1,500,000"},
			{"B3", "-25000", "-25,000"},
			{"B5", "7", "7"},
		}
		for _, c := range cases {
			numeric(t, c.cell)
			if got := value(c.cell, true); got != c.raw {
				t.Errorf("%s raw = %q, want %q", c.cell, got, c.raw)
			}
			if got := value(c.cell, false); got != c.shown {
				t.Errorf("%s shown = %q, want %q", c.cell, got, c.shown)
			}
			if s := style(c.cell); s.NumFmt != 3 && (s.CustomNumFmt == nil || *s.CustomNumFmt != "#,##0") {
				t.Errorf("%s number format %d %v, want #,##0", c.cell, s.NumFmt, s.CustomNumFmt)
			}
		}
	})

	t.Run("count", func(t *testing.T) {
		numeric(t, "C2")
		if got := value("C2", true); got != "12" {
			t.Errorf("C2 = %q, want 12", got)
		}
	})

	t.Run("dates", func(t *testing.T) {
		cases := []struct {
			cell   string
			format string
			want   time.Time // Seoul wall clock, as Excel sees it
			shown  string
		}{
			{"D2", "yyyy-mm-dd", time.Date(2026, 1, 16, 0, 0, 0, 0, time.UTC), "2026-01-16"},
			{"D3", "yyyy-mm-dd", time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC), "2026-03-01"},
			{"E2", "yyyy-mm-dd hh:mm", time.Date(2026, 1, 16, 5, 30, 0, 0, time.UTC), "2026-01-16 05:30"},
			{"E3", "yyyy-mm-dd hh:mm", time.Date(2026, 3, 1, 9, 5, 59, 0, time.UTC), "2026-03-01 09:05"},
		}
		for _, c := range cases {
			numeric(t, c.cell)
			raw := value(c.cell, true)
			serial, err := strconv.ParseFloat(raw, 64)
			if err != nil {
				t.Fatalf("%s raw value %q is not a serial date: %v", c.cell, raw, err)
			}
			got, err := excelize.ExcelDateToTime(serial, false)
			if err != nil {
				t.Fatal(err)
			}
			if d := got.Sub(c.want); d < -time.Millisecond || d > time.Millisecond {
				t.Errorf("%s holds %v (serial %s), want %v", c.cell, got, raw, c.want)
			}
			if s := style(c.cell); s.CustomNumFmt == nil || *s.CustomNumFmt != c.format {
				t.Errorf("%s number format %v, want %q", c.cell, s.CustomNumFmt, c.format)
			}
			if got := value(c.cell, false); got != c.shown {
				t.Errorf("%s shown = %q, want %q", c.cell, got, c.shown)
			}
		}
		// 2026-01-16 is Excel's day 46038.
		if got := value("D2", true); got != "46038" {
			t.Errorf("D2 serial = %s, want 46038", got)
		}
	})

	t.Run("empty cells", func(t *testing.T) {
		for _, cell := range []string{"A4", "B4", "C4", "D4", "E4", "A5", "D5", "E5"} {
			if got := value(cell, true); got != "" {
				t.Errorf("%s = %q, want empty", cell, got)
			}
		}
	})

	t.Run("column widths", func(t *testing.T) {
		s := readSheetXML(t, path)
		if len(s.Cols) != 5 {
			t.Fatalf("%d <col> elements, want 5", len(s.Cols))
		}
		for j, c := range s.Cols {
			if c.Min != j+1 || c.Max != j+1 {
				t.Errorf("<col> %d covers %d..%d, want columns in order", j, c.Min, c.Max)
			}
			if c.Width < minWidth || c.Width > maxWidth {
				t.Errorf("column %d width %v outside [%d, %d]", j+1, c.Width, minWidth, maxWidth)
			}
		}
		// "주식회사 영등포랩" is 8 Hangul and a space: 17 columns wide.
		if s.Cols[0].Width < 17 {
			t.Errorf("column A width %v, too narrow for its Korean text", s.Cols[0].Width)
		}
		if s.Cols[4].Width < float64(len("2026-01-16 05:30")) {
			t.Errorf("column E width %v, too narrow for a date and time", s.Cols[4].Width)
		}
	})

	if got := entries(t, dir); !slices.Equal(got, []string{"figures.XLSX"}) {
		t.Errorf("folder holds %q, want just figures.XLSX", got)
	}
}

func TestXLSXEmptyTable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "empty.xlsx")
	n, err := Write(path, Table{Columns: []Column{{"이름", Text}, {"금액", Won}}})
	if err != nil || n != 0 {
		t.Fatalf("Write = %d, %v; want 0, nil", n, err)
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{"Sheet1"}) {
		t.Errorf("sheets %q, want [Sheet1]", got)
	}
	rows, err := f.GetRows("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1 || !slices.Equal(rows[0], []string{"이름", "금액"}) {
		t.Errorf("rows %q, want just the header", rows)
	}
	if s := readSheetXML(t, path); s.AutoFilter == nil || strings.ReplaceAll(s.AutoFilter.Ref, "$", "") != "A1:B1" {
		t.Errorf("autofilter %+v, want over A1:B1", s.AutoFilter)
	}
}

func TestSheetName(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", "Sheet1"},
		{"   ", "Sheet1"},
		{"매출", "매출"},
		{"2026/01 매출 [확정]", "2026_01 매출 _확정_"},
		{`a:b*c?d\e`, "a_b_c_d_e"},
		{"'quoted'", "quoted"},
		{"'", "Sheet1"},
		{"history", "history_"},
		{strings.Repeat("가", 40), strings.Repeat("가", 31)},
		{strings.Repeat("a", 30) + "😀", strings.Repeat("a", 30)}, // the emoji is two UTF-16 units
		{strings.Repeat("a", 29) + "😀", strings.Repeat("a", 29) + "😀"},
	}
	for _, c := range cases {
		t.Run(c.in, func(t *testing.T) {
			if got := sheetName(c.in); got != c.want {
				t.Errorf("sheetName(%q) = %q, want %q", c.in, got, c.want)
			}
		})
	}
	// Every one of them is a name excelize (and so Excel) accepts.
	for _, c := range cases {
		path := filepath.Join(t.TempDir(), "s.xlsx")
		if _, err := Write(path, Table{Sheet: c.in, Columns: []Column{{"x", Text}}}); err != nil {
			t.Errorf("sheet %q: %v", c.in, err)
		}
	}
}

func TestBadTable(t *testing.T) {
	cols := []Column{{"이름", Text}, {"금액", Won}, {"날짜", Date}}
	good := []any{"a", int64(1), lateUTC}
	cases := []struct {
		name    string
		t       Table
		mention []string // in the error's text
	}{
		{"short row", Table{Columns: cols, Rows: [][]any{good, {"a", int64(1)}}}, []string{"row 1", "2 values", "want 3"}},
		{"long row", Table{Columns: cols, Rows: [][]any{{"a", int64(1), lateUTC, "x"}}}, []string{"row 0", "4 values"}},
		{"nil row", Table{Columns: cols, Rows: [][]any{good, good, nil}}, []string{"row 2", "0 values"}},
		{"string in Won", Table{Columns: cols, Rows: [][]any{good, {"a", "1,000", lateUTC}}}, []string{"row 1", "column 1", `"금액"`, "string"}},
		{"float in Won", Table{Columns: cols, Rows: [][]any{{"a", 1.5, lateUTC}}}, []string{"row 0", "column 1", "float64"}},
		{"int in Date", Table{Columns: cols, Rows: [][]any{{"a", int64(1), 20260116}}}, []string{"row 0", "column 2", `"날짜"`, "int", "time.Time"}},
		{"pointer to time in Date", Table{Columns: cols, Rows: [][]any{{"a", int64(1), &lateUTC}}}, []string{"*time.Time"}},
		{"int in Text", Table{Columns: cols, Rows: [][]any{{7, int64(1), lateUTC}}}, []string{"column 0", `"이름"`}},
		{"int32 in Count", Table{Columns: []Column{{"n", Count}}, Rows: [][]any{{int32(1)}}}, []string{"int32"}},
		{"unknown kind", Table{Columns: []Column{{"x", Kind(9)}}}, []string{"Kind(9)"}},
		{"no columns", Table{}, []string{"no columns"}},
	}
	for _, c := range cases {
		for _, ext := range []string{".csv", ".xlsx"} {
			t.Run(c.name+ext, func(t *testing.T) {
				dir := t.TempDir()
				n, err := Write(filepath.Join(dir, "bad"+ext), c.t)
				if !errors.Is(err, ErrBadTable) {
					t.Fatalf("Write = %d, %v; want ErrBadTable", n, err)
				}
				for _, m := range c.mention {
					if !strings.Contains(err.Error(), m) {
						t.Errorf("error %q does not mention %q", err, m)
					}
				}
				if got := entries(t, dir); len(got) != 0 {
					t.Errorf("files left behind: %q", got)
				}
			})
		}
	}
}

func TestFormat(t *testing.T) {
	for _, name := range []string{"figures.txt", "figures.xls", "figures", "figures.csv.bak", ".csv.gz"} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			_, err := Write(filepath.Join(dir, name), sample())
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("err = %v, want ErrFormat", err)
			}
			if got := entries(t, dir); len(got) != 0 {
				t.Errorf("files left behind: %q", got)
			}
		})
	}
	// The format is checked first: a bad table to a bad name is ErrFormat.
	if _, err := Write(filepath.Join(t.TempDir(), "x.ods"), Table{}); !errors.Is(err, ErrFormat) {
		t.Errorf("err = %v, want ErrFormat", err)
	}
}

func TestNoFolder(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "plain")
	if err := os.WriteFile(file, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	for name, path := range map[string]string{
		"missing":        filepath.Join(dir, "usb", "figures.csv"),
		"missing deeper": filepath.Join(dir, "a", "b", "figures.xlsx"),
		"parent is file": filepath.Join(file, "figures.csv"),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := Write(path, sample())
			if !errors.Is(err, ErrNoFolder) {
				t.Fatalf("err = %v, want ErrNoFolder", err)
			}
		})
	}
	if got := entries(t, dir); !slices.Equal(got, []string{"plain"}) {
		t.Errorf("folder holds %q, want just plain", got)
	}
}

func TestPathIsFolder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "figures.csv")
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(path, sample()); err == nil {
		t.Fatal("Write over a folder succeeded")
	}
	if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
		t.Errorf("the folder is gone: %v", err)
	}
	noTemp(t, dir)
}

// checkExport checks that path holds sample in the format of its name.
func checkExport(t *testing.T, path string) {
	t.Helper()
	if strings.HasSuffix(path, ".csv") {
		if got := readCSV(t, path); !slices.EqualFunc(got, wantCSV, slices.Equal) {
			t.Errorf("%s holds %q", path, got)
		}
		return
	}
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[1][0] != "주식회사 영등포랩" {
		t.Errorf("%s holds %q", path, rows)
	}
}

func TestSymlink(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			dir := t.TempDir()
			other := filepath.Join(t.TempDir(), "precious.txt")
			const keep = "do not overwrite me"
			if err := os.WriteFile(other, []byte(keep), 0o600); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, "figures"+ext)
			if err := os.Symlink(other, path); err != nil {
				t.Fatal(err)
			}
			if _, err := Write(path, sample()); err != nil {
				t.Fatal(err)
			}
			if got, _ := os.ReadFile(other); string(got) != keep {
				t.Errorf("the link's target now holds %q", got)
			}
			fi, err := os.Lstat(path)
			if err != nil {
				t.Fatal(err)
			}
			if !fi.Mode().IsRegular() {
				t.Errorf("%s is %v, want a regular file", path, fi.Mode())
			}
			checkExport(t, path)
			noTemp(t, dir)
		})
	}
	// A dangling link is replaced too, and nothing is created where it pointed.
	t.Run("dangling", func(t *testing.T) {
		dir := t.TempDir()
		target := filepath.Join(dir, "elsewhere.csv")
		path := filepath.Join(dir, "figures.csv")
		if err := os.Symlink(target, path); err != nil {
			t.Fatal(err)
		}
		if _, err := Write(path, sample()); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Lstat(target); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the link's target was created: %v", err)
		}
		checkExport(t, path)
	})
}

func TestReplaceExisting(t *testing.T) {
	for _, ext := range []string{".csv", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "figures"+ext)
			if err := os.WriteFile(path, []byte(strings.Repeat("old export\n", 100000)), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := Write(path, sample()); err != nil {
				t.Fatal(err)
			}
			checkExport(t, path)
			fi, err := os.Stat(path)
			if err != nil {
				t.Fatal(err)
			}
			// Exports are 0644 less the umask, like any file made with 0644.
			ref := filepath.Join(t.TempDir(), "ref")
			rf, err := os.OpenFile(ref, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
			if err != nil {
				t.Fatal(err)
			}
			rfi, _ := rf.Stat()
			rf.Close()
			if fi.Mode().Perm() != rfi.Mode().Perm() {
				t.Errorf("mode %v, want %v (0644 less the umask)", fi.Mode().Perm(), rfi.Mode().Perm())
			}
			if got := entries(t, dir); !slices.Equal(got, []string{"figures" + ext}) {
				t.Errorf("folder holds %q", got)
			}
		})
	}
}

// failingWriter passes on limit bytes, then fails every write with err.
type failingWriter struct {
	w     io.Writer
	limit int
	err   error
}

func (f *failingWriter) Write(p []byte) (int, error) {
	if len(p) > f.limit {
		n, _ := f.w.Write(p[:f.limit])
		f.limit = 0
		return n, f.err
	}
	f.limit -= len(p)
	return f.w.Write(p)
}

func TestFailureMidWrite(t *testing.T) {
	cases := []struct {
		name  string
		errno syscall.Errno
		want  error
	}{
		{"disk full", syscall.ENOSPC, ErrDiskFull},
		{"over quota", syscall.EDQUOT, ErrDiskFull},
		{"read-only", syscall.EROFS, ErrDenied},
		{"I/O error", syscall.EIO, nil},
	}
	big := sample()
	for i := range 5000 {
		big.Rows = append(big.Rows, []any{fmt.Sprint("입주사 ", i), int64(i), i, lateUTC, lateUTC})
	}
	for _, c := range cases {
		for _, ext := range []string{".csv", ".xlsx"} {
			t.Run(c.name+ext, func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "figures"+ext)
				const before = "yesterday's export"
				if err := os.WriteFile(path, []byte(before), 0o644); err != nil {
					t.Fatal(err)
				}
				var tmp string
				n, err := write(path, big, func(w io.Writer) io.Writer {
					tmp = w.(*os.File).Name()
					return &failingWriter{w: w, limit: 1000, err: &os.PathError{Op: "write", Path: tmp, Err: c.errno}}
				})
				if err == nil || n != 0 {
					t.Fatalf("write = %d, %v; want a failure", n, err)
				}
				if c.want != nil && !errors.Is(err, c.want) {
					t.Errorf("err = %v, want %v", err, c.want)
				}
				for _, s := range []error{ErrDiskFull, ErrDenied, ErrNoFolder, ErrBadTable, ErrFormat} {
					if s != c.want && errors.Is(err, s) {
						t.Errorf("err = %v, also matches %v", err, s)
					}
				}
				if !errors.Is(err, c.errno) || !strings.Contains(err.Error(), c.errno.Error()) {
					t.Errorf("err = %v, does not show the cause %v", err, c.errno)
				}
				if got, _ := os.ReadFile(path); string(got) != before {
					t.Errorf("the existing file now holds %d bytes, want it untouched", len(got))
				}
				if filepath.Dir(tmp) != dir {
					t.Errorf("temporary file %s is not in %s", tmp, dir)
				}
				if _, err := os.Lstat(tmp); !errors.Is(err, fs.ErrNotExist) {
					t.Errorf("temporary file %s still there: %v", tmp, err)
				}
				noTemp(t, dir)
			})
		}
	}
}

func TestClassify(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want error // nil: none of the sentinels
	}{
		{"ENOSPC in PathError", &os.PathError{Op: "write", Path: "/mnt/usb/x", Err: syscall.ENOSPC}, ErrDiskFull},
		{"ENOSPC in LinkError", &os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.ENOSPC}, ErrDiskFull},
		{"EDQUOT in PathError", &os.PathError{Op: "close", Path: "x", Err: syscall.EDQUOT}, ErrDiskFull},
		{"ENOSPC wrapped twice", fmt.Errorf("zip: %w", &os.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}), ErrDiskFull},
		{"EACCES in PathError", &os.PathError{Op: "open", Path: "x", Err: syscall.EACCES}, ErrDenied},
		{"EPERM in LinkError", &os.LinkError{Op: "rename", Old: "a", New: "b", Err: syscall.EPERM}, ErrDenied},
		{"EROFS in PathError", &os.PathError{Op: "open", Path: "x", Err: syscall.EROFS}, ErrDenied},
		{"fs.ErrPermission", fs.ErrPermission, ErrDenied},
		{"ENOENT", &os.PathError{Op: "stat", Path: "x", Err: syscall.ENOENT}, ErrNoFolder},
		{"ENOTDIR", &os.PathError{Op: "open", Path: "x", Err: syscall.ENOTDIR}, ErrNoFolder},
		{"EIO", &os.PathError{Op: "write", Path: "x", Err: syscall.EIO}, nil},
		{"plain", errors.New("something else"), nil},
	}
	sentinels := []error{ErrDiskFull, ErrDenied, ErrNoFolder}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := classify(c.err)
			for _, s := range sentinels {
				if errors.Is(got, s) != (s == c.want) {
					t.Errorf("classify(%v) = %v; errors.Is(_, %v) = %v", c.err, got, s, !(s == c.want))
				}
			}
			if !errors.Is(got, c.err) {
				t.Errorf("classify(%v) = %v, which does not wrap the cause", c.err, got)
			}
			if !strings.Contains(got.Error(), c.err.Error()) {
				t.Errorf("classify(%v) = %q, which does not show the cause", c.err, got)
			}
		})
	}
	if classify(nil) != nil {
		t.Error("classify(nil) != nil")
	}
}

func TestDeniedFolder(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may write anywhere; TestClassify and TestFailureMidWrite cover EACCES and EROFS")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o500); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(dir, 0o700) })
	_, err := Write(filepath.Join(dir, "figures.csv"), sample())
	if !errors.Is(err, ErrDenied) {
		t.Fatalf("err = %v, want ErrDenied", err)
	}
}

// benchTable is 50,000 rows of 8 columns of every kind.
func benchTable() Table {
	t := Table{
		Sheet: "방문 기록",
		Columns: []Column{
			{"번호", Count}, {"입주사", Text}, {"담당자", Text}, {"금액(원)", Won},
			{"부가세(원)", Won}, {"방문일", Date}, {"입실", DateTime}, {"인원", Count},
		},
	}
	start := time.Date(2026, 1, 1, 9, 0, 0, 0, seoul)
	for i := range 50000 {
		at := start.Add(time.Duration(i) * 17 * time.Minute)
		t.Rows = append(t.Rows, []any{
			i + 1, fmt.Sprintf("영등포 스타트업 %d호", i%300), "김담당",
			int64(i) * 1100, int64(i) * 110, at, at, int64(i % 9),
		})
	}
	return t
}

func benchmarkWrite(b *testing.B, name string) {
	tbl := benchTable()
	path := filepath.Join(b.TempDir(), name)
	for b.Loop() {
		if _, err := Write(path, tbl); err != nil {
			b.Fatal(err)
		}
	}
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/1e6, "MB")
	}
}

func BenchmarkWriteXLSX50k(b *testing.B) { benchmarkWrite(b, "bench.xlsx") }
func BenchmarkWriteCSV50k(b *testing.B)  { benchmarkWrite(b, "bench.csv") }
