package export

import (
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"
	_ "time/tzdata" // a kiosk image may have no /usr/share/zoneinfo
)

// Kind is what a column holds, which decides the Go type of its values and
// how they are written.
type Kind int

const (
	// Text is a string.
	Text Kind = iota
	// Won is an amount of money in won, an int64 (an int is accepted too).
	// XLSX: a number formatted #,##0. CSV: plain digits, no separators.
	Won
	// Count is an int or int64, written as a plain number.
	Count
	// Date is a time.Time shown as its day in Seoul. XLSX: a real date cell
	// formatted yyyy-mm-dd. CSV: YYYY-MM-DD. The zero time is an empty cell.
	Date
	// DateTime is a time.Time shown to the minute in Seoul. XLSX: a real
	// date-time cell formatted yyyy-mm-dd hh:mm. CSV: "YYYY-MM-DD HH:MM".
	// The zero time is an empty cell.
	DateTime
)

// String names the kind, for error messages.
func (k Kind) String() string {
	switch k {
	case Text:
		return "Text"
	case Won:
		return "Won"
	case Count:
		return "Count"
	case Date:
		return "Date"
	case DateTime:
		return "DateTime"
	}
	return fmt.Sprintf("Kind(%d)", int(k))
}

// Column is one column of a Table: its header and its kind.
type Column struct {
	Name string
	Kind Kind
}

// Table is what Write writes.
type Table struct {
	// Sheet is the worksheet's name in XLSX; it is ignored for CSV. Empty
	// means "Sheet1". A name Excel would refuse (more than 31 characters, one
	// of []:*?/\, a leading or trailing apostrophe) is made acceptable: the
	// characters are replaced by '_' and the name is shortened.
	Sheet   string
	Columns []Column
	// Rows each have len(Columns) values of their column's Go type: string
	// for Text, int64 or int for Won and Count, time.Time for Date and
	// DateTime. nil is an empty cell in any column.
	Rows [][]any
}

// Errors returned by Write, to be matched with errors.Is. The error returned
// wraps the sentinel and, where there is one, the operating system's error,
// so its text says what failed and why.
var (
	// ErrFormat: the file name ends in neither .csv nor .xlsx.
	ErrFormat = errors.New("export: the file name must end in .csv or .xlsx")
	// ErrNoFolder: the folder the file should go in does not exist or is
	// not a folder.
	ErrNoFolder = errors.New("export: no such folder")
	// ErrDiskFull: the disk (or the user's quota) ran out of room.
	ErrDiskFull = errors.New("export: the disk is full")
	// ErrDenied: permission denied, or a read-only file system.
	ErrDenied = errors.New("export: not allowed to write there")
	// ErrBadTable: a row of the wrong length, a value of the wrong Go type
	// for its column, or a table the format cannot hold.
	ErrBadTable = errors.New("export: bad table")
)

type format int

const (
	formatCSV format = iota + 1
	formatXLSX
)

// Excel's limits on a worksheet.
const (
	maxXLSXRows    = 1 << 20 // including the header row
	maxXLSXColumns = 1 << 14
)

// Write writes t to path (".csv" or ".xlsx", case-insensitive) and returns
// the number of data rows written.
//
// The table is checked before any file is created. The export is written to
// a temporary file in path's folder, synced, and renamed over path, so path
// is either left as it was or holds the whole export; if path is a symbolic
// link, the link itself is replaced and its target is left alone.
func Write(path string, t Table) (int, error) {
	return write(path, t, nil)
}

// write is Write with a hook that wraps the temporary file's writer, which
// lets tests make the disk fail part way through.
func write(path string, t Table, wrap func(io.Writer) io.Writer) (int, error) {
	f, err := formatOf(path)
	if err != nil {
		return 0, err
	}
	if err := validate(t, f); err != nil {
		return 0, err
	}
	err = writeAtomic(path, func(w io.Writer) error {
		if wrap != nil {
			w = wrap(w)
		}
		if f == formatCSV {
			return writeCSV(w, t)
		}
		return writeXLSX(w, t)
	})
	if err != nil {
		return 0, err
	}
	return len(t.Rows), nil
}

func formatOf(path string) (format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return formatCSV, nil
	case ".xlsx":
		return formatXLSX, nil
	}
	return 0, fmt.Errorf("%w: %q", ErrFormat, path)
}

// validate checks that every value has its column's Go type and that the
// table fits the format.
func validate(t Table, f format) error {
	if len(t.Columns) == 0 {
		return fmt.Errorf("%w: no columns", ErrBadTable)
	}
	for j, c := range t.Columns {
		if c.Kind < Text || c.Kind > DateTime {
			return fmt.Errorf("%w: column %d %q has unknown kind %v", ErrBadTable, j, c.Name, c.Kind)
		}
	}
	if f == formatXLSX {
		if len(t.Columns) > maxXLSXColumns {
			return fmt.Errorf("%w: %d columns, an XLSX sheet holds at most %d", ErrBadTable, len(t.Columns), maxXLSXColumns)
		}
		if len(t.Rows) > maxXLSXRows-1 {
			return fmt.Errorf("%w: %d rows, an XLSX sheet holds at most %d below the header", ErrBadTable, len(t.Rows), maxXLSXRows-1)
		}
	}
	for i, row := range t.Rows {
		if len(row) != len(t.Columns) {
			return fmt.Errorf("%w: row %d has %d values, want %d (one per column)", ErrBadTable, i, len(row), len(t.Columns))
		}
		for j, v := range row {
			if v == nil {
				continue
			}
			c := t.Columns[j]
			var ok bool
			switch c.Kind {
			case Text:
				_, ok = v.(string)
			case Won, Count:
				switch v.(type) {
				case int, int64:
					ok = true
				}
			case Date, DateTime:
				_, ok = v.(time.Time)
			}
			if !ok {
				return fmt.Errorf("%w: row %d, column %d %q (%v): got %T, want %s",
					ErrBadTable, i, j, c.Name, c.Kind, v, goType(c.Kind))
			}
		}
	}
	return nil
}

func goType(k Kind) string {
	switch k {
	case Text:
		return "string"
	case Won, Count:
		return "int64 or int"
	default:
		return "time.Time"
	}
}

// asInt64 returns an integer cell's value; validate has checked its type.
func asInt64(v any) int64 {
	if n, ok := v.(int); ok {
		return int64(n)
	}
	return v.(int64)
}

// seoul is the centre's time zone; times are shown as the clock in Seoul
// reads them.
var seoul = loadSeoul()

func loadSeoul() *time.Location {
	loc, err := time.LoadLocation("Asia/Seoul")
	if err != nil {
		// Cannot happen with time/tzdata linked in; KST has had no DST since 1988.
		return time.FixedZone("KST", 9*60*60)
	}
	return loc
}

const (
	csvDate     = "2006-01-02"
	csvDateTime = "2006-01-02 15:04"
)
