package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/export"
	"github.com/yeongdeungpo/kiosk/internal/report"
	"github.com/yeongdeungpo/kiosk/internal/store"
	"github.com/yeongdeungpo/kiosk/tenants/sheet"
)

// importCmd brings in the old spreadsheet's leases or payments, all or
// nothing.
type importCmd struct{ leases, payments string }

func (c *importCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.leases, "leases", "", "leases.csv")
	fs.StringVar(&c.payments, "payments", "", "payments.csv")
}

func (c *importCmd) check(set map[string]bool) error {
	if set["leases"] == set["payments"] {
		return usagef("-leases 또는 -payments 중 하나만 주세요", "give one of -leases or -payments")
	}
	return nil
}

func (c *importCmd) run(e *env) error {
	path := c.leases + c.payments
	raw, err := os.ReadFile(path)
	if err != nil {
		return refusedf("파일을 읽을 수 없습니다(%s): %v", "Cannot read the file (%s): %v", path, err)
	}
	sum := sha256.Sum256(raw)
	hash := hex.EncodeToString(sum[:])
	var n int
	if c.leases != "" {
		rows, err := sheet.ReadLeases(bytes.NewReader(raw))
		if err != nil {
			return err
		}
		n, err = e.c.Tenants.ImportLeases(store.ActorCLI, rows, hash)
		if err != nil {
			return err
		}
	} else {
		rows, err := sheet.ReadPayments(bytes.NewReader(raw))
		if err != nil {
			return err
		}
		n, err = e.c.Tenants.ImportPayments(store.ActorCLI, rows, hash)
		if err != nil {
			return err
		}
	}
	return e.emit(struct {
		Imported int `json:"imported"`
	}{n}, fmt.Sprintf("%d행을 가져왔습니다 / imported %d rows", n, n))
}

// reportCmd prints the district's report for a year.
type reportCmd struct {
	year, until string
	y           int
	cut         time.Time
}

func (*reportCmd) readsOnly() {}

func (c *reportCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.year, "year", "", "year, YYYY")
	fs.StringVar(&c.until, "until", "", "cut-off date YYYY-MM-DD (default: the year's end, or today)")
}

func (c *reportCmd) check(set map[string]bool) error {
	if !set["year"] {
		return missing("year")
	}
	var err error
	if c.y, err = parseYear(c.year); err != nil {
		return err
	}
	if set["until"] {
		if c.cut, err = parseDate("-until", c.until); err != nil {
			return err
		}
		if c.cut.Year() != c.y {
			return usagef("-until %s은(는) %d년 안의 날짜여야 합니다", "-until %s must be a date in %d", c.until, c.y)
		}
	}
	return nil
}

func parseYear(s string) (int, error) {
	y, err := strconv.Atoi(s)
	if err != nil || len(s) != 4 || y < 2000 || y > 2100 {
		return 0, usagef("-year %q: 연도는 YYYY(2000~2100)입니다", "-year %q: the year is YYYY (2000-2100)", s)
	}
	return y, nil
}

// reportJSON is the report with its period.
type reportJSON struct {
	report.Report
	Until string `json:"until"`
}

func (c *reportCmd) run(e *env) error {
	r, err := report.ForYear(e.c.Booking, e.c.Tenants, c.y, c.cut)
	if err != nil {
		return err
	}
	return e.emit(reportJSON{Report: r, Until: day(r.Until)}, strings.Join(r.Lines(), "\n"))
}

// exportCmd writes one of the exports to a CSV or XLSX file.
type exportCmd struct {
	what, year, out string
	y               int
}

func (*exportCmd) readsOnly() {}

func (c *exportCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.what, "what", "", "bookings, invoices, payments, arrears, ledger or report")
	fs.StringVar(&c.year, "year", "", "year, YYYY")
	fs.StringVar(&c.out, "o", "", "file to write, .csv or .xlsx")
}

func (c *exportCmd) check(set map[string]bool) error {
	for _, n := range []string{"what", "year", "o"} {
		if !set[n] {
			return missing(n)
		}
	}
	known := false
	for _, w := range report.Whats {
		known = known || string(w) == c.what
	}
	if !known {
		return usagef("-what %q: bookings, invoices, payments, arrears, ledger, report 중 하나입니다",
			"-what %q: one of bookings, invoices, payments, arrears, ledger, report", c.what)
	}
	lower := strings.ToLower(c.out)
	if !strings.HasSuffix(lower, ".csv") && !strings.HasSuffix(lower, ".xlsx") {
		return usagef("-o %q: 파일 이름은 .csv 또는 .xlsx로 끝나야 합니다", "-o %q: the file name must end in .csv or .xlsx", c.out)
	}
	var err error
	c.y, err = parseYear(c.year)
	return err
}

func (c *exportCmd) run(e *env) error {
	_, to, err := report.Period(c.y, time.Time{}, e.c.Tenants.Now())
	if err != nil {
		return err
	}
	t, err := report.Table(e.c.Booking, e.c.Tenants, report.What(c.what), c.y, to)
	if err != nil {
		return err
	}
	n, err := export.Write(c.out, t)
	if err != nil {
		return exportRefusal(c.out, err)
	}
	return e.emit(struct {
		File string `json:"file"`
		Rows int    `json:"rows"`
	}{c.out, n}, fmt.Sprintf("%s에 %d행을 썼습니다 / wrote %d rows to %s", c.out, n, n, c.out))
}

// exportRefusal words a failed export for the person.
func exportRefusal(path string, err error) error {
	switch {
	case errors.Is(err, export.ErrNoFolder):
		return refusedf("저장할 폴더가 없습니다(%s). USB 메모리가 꽂혀 있는지 확인하세요.", "The folder does not exist (%s); check that the USB stick is plugged in.", path)
	case errors.Is(err, export.ErrDiskFull):
		return refusedf("저장 공간이 가득 찼습니다(%s). 파일은 만들지 않았습니다.", "The disk is full (%s); no file was written.", path)
	case errors.Is(err, export.ErrDenied):
		return refusedf("그 위치에 쓸 권한이 없습니다(%s).", "Not allowed to write there (%s).", path)
	}
	return err
}
