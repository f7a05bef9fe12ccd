package export

import (
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

const (
	defaultSheet = "Sheet1"
	maxSheetName = 31 // UTF-16 code units, as Excel counts them

	wonFormat      = 3 // Excel's built-in number format #,##0
	dateFormat     = "yyyy-mm-dd"
	dateTimeFormat = "yyyy-mm-dd hh:mm"

	// Column widths, in Excel's units of about one digit of the default font.
	minWidth = 8
	maxWidth = 50
)

// writeXLSX writes t as a one-sheet workbook through excelize's stream
// writer, which keeps memory flat for large tables.
func writeXLSX(w io.Writer, t Table) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}()
	// NewFile's template names its author "xuri".
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "kiosk",
		Created: time.Now().UTC().Format(time.RFC3339),
	}); err != nil {
		return err
	}

	sheet := sheetName(t.Sheet)
	if err := f.SetSheetName(defaultSheet, sheet); err != nil {
		return err
	}

	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	won, err := f.NewStyle(&excelize.Style{NumFmt: wonFormat})
	if err != nil {
		return err
	}
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(dateFormat)})
	if err != nil {
		return err
	}
	dateTime, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr(dateTimeFormat)})
	if err != nil {
		return err
	}

	last, err := excelize.CoordinatesToCellName(len(t.Columns), len(t.Rows)+1)
	if err != nil {
		return err
	}
	// The stream writer copies what is already set on the worksheet (sheet
	// properties and the autofilter among it) into the sheet it writes, so
	// the filter goes on first.
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}

	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze:      true,
		YSplit:      1,
		TopLeftCell: "A2",
		ActivePane:  "bottomLeft",
		Selection:   []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return err
	}
	// The stream writer puts each new <col> before the earlier ones, and
	// Excel wants them in ascending order: so, last column first.
	widths := columnWidths(t)
	for j := len(widths) - 1; j >= 0; j-- {
		if err := sw.SetColWidth(j+1, j+1, widths[j]); err != nil {
			return err
		}
	}

	cells := make([]any, len(t.Columns))
	for j, c := range t.Columns {
		cells[j] = excelize.Cell{StyleID: bold, Value: c.Name}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		return err
	}
	for i, row := range t.Rows {
		for j, v := range row {
			cells[j] = xlsxValue(t.Columns[j].Kind, v, won, date, dateTime)
		}
		ref, err := excelize.CoordinatesToCellName(1, i+2)
		if err != nil {
			return err
		}
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(w)
}

// xlsxValue is what the stream writer gets for one cell; nil leaves the cell
// out.
func xlsxValue(k Kind, v any, won, date, dateTime int) any {
	if v == nil {
		return nil
	}
	switch k {
	case Text:
		if s := v.(string); s != "" {
			return s
		}
		return nil
	case Won:
		return excelize.Cell{StyleID: won, Value: asInt64(v)}
	case Count:
		return asInt64(v)
	case Date:
		return timeCell(v.(time.Time), true, date)
	default: // DateTime
		return timeCell(v.(time.Time), false, dateTime)
	}
}

// Excel's serial dates count days from 1899-12-30 (with its make-believe
// 1900-02-29, serials are right from 1900-03-01 on) up to 9999-12-31.
var (
	excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	excelFirst = time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC)
	excelAfter = time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
)

// timeCell is a date cell holding t's date (dayOnly) or date and time in
// Seoul, as an Excel serial number with the given date style. A time Excel
// cannot hold as a date is written as text in the CSV layout.
func timeCell(t time.Time, dayOnly bool, style int) any {
	if t.IsZero() {
		return nil
	}
	s := t.In(seoul)
	// The clock in Seoul, as if it were UTC, so that date arithmetic sees
	// Seoul's wall time.
	wall := time.Date(s.Year(), s.Month(), s.Day(), s.Hour(), s.Minute(), s.Second(), 0, time.UTC)
	if dayOnly {
		wall = time.Date(s.Year(), s.Month(), s.Day(), 0, 0, 0, 0, time.UTC)
	}
	if wall.Before(excelFirst) || !wall.Before(excelAfter) {
		if dayOnly {
			return s.Format(csvDate)
		}
		return s.Format(csvDateTime)
	}
	secs := wall.Unix() - excelEpoch.Unix()
	if secs%86400 == 0 {
		return excelize.Cell{StyleID: style, Value: secs / 86400}
	}
	return excelize.Cell{StyleID: style, Value: float64(secs) / 86400}
}

// sheetName makes name acceptable to Excel: not empty, at most 31 UTF-16
// units, none of []:*?/\, no apostrophe at either end, and not the reserved
// "History".
func sheetName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch r {
		case '[', ']', ':', '*', '?', '/', '\\':
			return '_'
		}
		if unicode.IsControl(r) {
			return '_'
		}
		return r
	}, name)
	if units := utf16.Encode([]rune(name)); len(units) > maxSheetName {
		units = units[:maxSheetName]
		if utf16.IsSurrogate(rune(units[len(units)-1])) {
			units = units[:len(units)-1] // do not split a surrogate pair
		}
		name = string(utf16.Decode(units))
	}
	name = strings.Trim(name, "'")
	if strings.TrimSpace(name) == "" {
		return defaultSheet
	}
	if strings.EqualFold(name, "History") {
		return name + "_"
	}
	return name
}

// columnWidths gives each column room for its longest header or value, in
// Excel's width units, between minWidth and maxWidth.
func columnWidths(t Table) []float64 {
	widths := make([]float64, len(t.Columns))
	for j, c := range t.Columns {
		// The header is bold and carries the filter's drop-down button.
		w := displayWidth(c.Name) + 3
		switch c.Kind {
		case Date:
			w = max(w, len(dateFormat))
		case DateTime:
			w = max(w, len(dateTimeFormat))
		}
		for _, row := range t.Rows {
			switch v := row[j].(type) {
			case string:
				w = max(w, displayWidth(v))
			case int, int64:
				if c.Kind == Won {
					w = max(w, len(wonText(asInt64(v))))
				} else {
					w = max(w, len(strconv.FormatInt(asInt64(v), 10)))
				}
			}
			if w >= maxWidth {
				break
			}
		}
		widths[j] = float64(min(max(w+2, minWidth), maxWidth))
	}
	return widths
}

// wonText is n as Excel shows it with #,##0.
func wonText(n int64) string {
	digits := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(digits, "-")
	digits = strings.TrimPrefix(digits, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	return b.String()
}

// displayWidth counts Hangul, CJK and full-width characters as two columns,
// others as one; for a multi-line value, the longest line counts.
func displayWidth(s string) int {
	longest, w := 0, 0
	for _, r := range s {
		switch {
		case r == '\n':
			longest, w = max(longest, w), 0
		case wide(r):
			w += 2
		default:
			w++
		}
	}
	return max(longest, w)
}

func wide(r rune) bool {
	if r < 0x1100 {
		return false
	}
	return unicode.In(r, unicode.Hangul, unicode.Han, unicode.Hiragana, unicode.Katakana) ||
		(r >= 0xFF00 && r <= 0xFF60) || (r >= 0xFFE0 && r <= 0xFFE6) ||
		(r >= 0x3000 && r <= 0x303F)
}

func ptr[T any](v T) *T { return &v }
