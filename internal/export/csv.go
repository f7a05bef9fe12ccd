package export

import (
	"bufio"
	"encoding/csv"
	"io"
	"strconv"
	"time"
)

// bom is UTF-8's byte order mark, which tells Excel the file is UTF-8 (without
// it Excel reads Korean text as the legacy code page and shows mojibake).
const bom = "\xEF\xBB\xBF"

func writeCSV(w io.Writer, t Table) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := bw.WriteString(bom); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true

	rec := make([]string, len(t.Columns))
	for j, c := range t.Columns {
		rec[j] = csvText(c.Name)
	}
	if err := writeRecord(cw, bw, rec); err != nil {
		return err
	}
	for _, row := range t.Rows {
		for j, v := range row {
			rec[j] = csvValue(t.Columns[j].Kind, v)
		}
		if err := writeRecord(cw, bw, rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// writeRecord writes rec with cw, except that a record of one empty field is
// written as "" rather than as a blank line, which CSV readers skip: a
// one-column table would lose its empty rows.
func writeRecord(cw *csv.Writer, bw *bufio.Writer, rec []string) error {
	if len(rec) != 1 || rec[0] != "" {
		return cw.Write(rec)
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	_, err := bw.WriteString("\"\"\r\n")
	return err
}

func csvValue(k Kind, v any) string {
	if v == nil {
		return ""
	}
	switch k {
	case Text:
		return csvText(v.(string))
	case Won, Count:
		return strconv.FormatInt(asInt64(v), 10)
	case Date:
		return formatTime(v.(time.Time), csvDate)
	default: // DateTime
		return formatTime(v.(time.Time), csvDateTime)
	}
}

func formatTime(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(seoul).Format(layout)
}

// csvText defuses text that Excel would take for a formula when it opens the
// CSV ("=HYPERLINK(...)" typed as a visitor's name, say): such text gets a
// leading apostrophe, as OWASP advises against CSV injection. Only Text
// cells and headers go through here; numbers and dates are ours.
func csvText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
