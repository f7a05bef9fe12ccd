// Package sheet reads the centre's old tenancy spreadsheet, saved as CSV UTF-8, into typed lease and payment rows, checking syntax only and reporting a bad file's first problem by line number in Korean and English.
package sheet

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The files' formats are a public interface:
//
//	leases.csv    required columns: unit,kind,tenant,representative,birth_date,start,end,monthly_rent,management_fee,deposit
//	              optional columns: brn, phone, moved_out
//	payments.csv  required columns: unit,date,amount            optional column: method
//
// Each file is UTF-8 (a leading BOM is tolerated) and starts with a header row
// naming its columns in any order; names are matched after trimming spaces and
// lower-casing. Empty lines, and rows whose cells are all blank (Excel writes
// them as ",,,"), are skipped. A header cell left blank names no column: it is
// ignored as long as no row puts a value under it. Quoted fields may hold
// commas and newlines; line numbers are the file's lines all the same.
//
// Dates are calendar days, midnight in Asia/Seoul, written YYYY-MM-DD,
// YYYY.MM.DD or YYYY/MM/DD, leading zeros optional, years 1990 to 2100 (birth
// dates from 1900). Money is whole won up to 10^12, with optional thousands
// separators and an optional trailing "원".
//
// A bad row refuses the whole file: the error is a *RowError for the first
// problem in file order. Whether a unit exists, a founder is eligible or a
// BRN's check digit matches is for the caller; this package only parses.

// LeaseRow is one row of leases.csv.
type LeaseRow struct {
	Line           int       // the row's line number in the file (header is line 1)
	Unit           string    // e.g. "I01", trimmed, upper-cased
	Kind           string    // "incubator", "youth" or "agency"
	Tenant         string    // company name, trimmed, inner whitespace collapsed; 1..60 characters
	Representative string    // trimmed, inner whitespace collapsed; 1..30 characters
	BirthDate      time.Time // zero when the cell is empty or the column absent
	Start, End     time.Time // End is never before Start
	MonthlyRent    int64     // whole won, >= 0
	ManagementFee  int64     // whole won, >= 0
	Deposit        int64     // whole won, >= 0
	BRN            string    // 10 digits, or "" when empty (the check digit is not validated here)
	Phone          string    // as given, trimmed; "" when empty
	MovedOut       time.Time // zero when empty; otherwise never before Start
}

// PaymentRow is one row of payments.csv.
type PaymentRow struct {
	Line   int       // the row's line number in the file (header is line 1)
	Unit   string    // trimmed, upper-cased
	Date   time.Time // midnight in Seoul
	Amount int64     // > 0
	Method string    // "cash", "card" or "transfer"; "cash" when the cell is empty or the column absent
}

// RowError is why a file was refused. Line is the file line of the bad row
// (of the first bad byte for an encoding problem), 0 for a problem with the
// header or the file as a whole; Column is the column's name, "" when the
// problem is not one column's. KO and EN are the reason alone, each a single
// line, so a caller can show both on one line:
//
//	fmt.Printf("%s / %s\n", e.KOText(), e.Error())
type RowError struct {
	Line   int
	Column string
	KO, EN string
}

// Error is the English message, e.g. `line 12, column amount: ...`.
func (e *RowError) Error() string {
	var b strings.Builder
	if e.Line > 0 {
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(e.Line))
	}
	if e.Column != "" {
		if b.Len() > 0 {
			b.WriteString(", ")
		}
		b.WriteString("column ")
		b.WriteString(columnLabel(e.Column))
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.EN)
	return b.String()
}

// KOText is the Korean message, e.g. `12행 amount 열: ...`.
func (e *RowError) KOText() string {
	var b strings.Builder
	if e.Line > 0 {
		b.WriteString(strconv.Itoa(e.Line))
		b.WriteString("행")
	}
	if e.Column != "" {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(columnLabel(e.Column))
		b.WriteString(" 열")
	}
	if b.Len() > 0 {
		b.WriteString(": ")
	}
	b.WriteString(e.KO)
	return b.String()
}

// columnLabel is a column name fit for a one-line message: a name from a
// header may hold anything, quotes and newlines included.
func columnLabel(c string) string {
	for _, r := range c {
		if !strconv.IsPrint(r) || r == ' ' || r == '"' || r == ',' || r == ':' {
			return quote(c)
		}
	}
	return c
}

// reason is a problem's text in both languages, before it is placed.
type reason struct{ ko, en string }

func because(ko, en string, args ...any) *reason {
	return &reason{ko: fmt.Sprintf(ko, args...), en: fmt.Sprintf(en, args...)}
}

// quote shows a cell's value in a message: quoted, escaped so the message
// stays on one line, and cut short when long.
func quote(s string) string {
	const max = 40
	n := 0
	for i := range s {
		if n == max {
			return strconv.Quote(s[:i]) + "…"
		}
		n++
	}
	return strconv.Quote(s)
}
