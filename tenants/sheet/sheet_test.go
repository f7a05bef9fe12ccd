package sheet_test

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/tenants/sheet"
)

func day(y int, m time.Month, d int) time.Time { return seoul.Date(y, m, d, 0, 0) }

const bom = "\uFEFF"

// cp949 is "한강" as Excel saves it in a Korean Windows ("ANSI", CP949).
const cp949 = "\xC7\xD1\xB0\xAD"

func TestReadLeasesGood(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []sheet.LeaseRow
	}{{
		name: "shuffled columns, BOM, optional columns present, Korean kinds, money separators",
		in: bom + " Tenant ,UNIT,kind,start,end,Representative,birth_date,monthly_rent,management_fee,deposit,brn,phone,moved_out\r\n" +
			`"(주)한강   로보틱스",i01,창업보육실,2024-03-01,2026.2.28,김민준,1985-07-14,"350,000","50,000원","1,000,000 원",123-45-67890,010-1234-5678,` + "\r\n" +
			"\r\n" +
			",,,,,,,,,,,,\r\n" +
			"청년랩, y03 ,청년,2025/1/2,2025/12/31, 이서연 ,1999.12.31,0,0,0,,,2025-06-30\r\n" +
			"서울창업재단,A01,Agency,2024-01-01,2024-01-01,박지원,,0,0,0,1234567890, 02-123-4567 ,\r\n" +
			"옛보육기업,I02, 창업 보육실 ,2015-1-1,2016-12-31,최도윤,,100000,20000,0, ,,2016-12-31\r\n" +
			"작은기관,A02,지원기관,2020.01.01,2020.12.31,정하은,,0,0,0,,,\r\n" +
			"큰보육실,I03,보육실,2020-02-29,2024-02-29,한지호,,1000000000000,0,0,,,\r\n",
		want: []sheet.LeaseRow{
			{Line: 2, Unit: "I01", Kind: "incubator", Tenant: "(주)한강 로보틱스", Representative: "김민준",
				BirthDate: day(1985, 7, 14), Start: day(2024, 3, 1), End: day(2026, 2, 28),
				MonthlyRent: 350000, ManagementFee: 50000, Deposit: 1000000, BRN: "1234567890", Phone: "010-1234-5678"},
			{Line: 5, Unit: "Y03", Kind: "youth", Tenant: "청년랩", Representative: "이서연",
				BirthDate: day(1999, 12, 31), Start: day(2025, 1, 2), End: day(2025, 12, 31), MovedOut: day(2025, 6, 30)},
			{Line: 6, Unit: "A01", Kind: "agency", Tenant: "서울창업재단", Representative: "박지원",
				Start: day(2024, 1, 1), End: day(2024, 1, 1), BRN: "1234567890", Phone: "02-123-4567"},
			{Line: 7, Unit: "I02", Kind: "incubator", Tenant: "옛보육기업", Representative: "최도윤",
				Start: day(2015, 1, 1), End: day(2016, 12, 31), MonthlyRent: 100000, ManagementFee: 20000, MovedOut: day(2016, 12, 31)},
			{Line: 8, Unit: "A02", Kind: "agency", Tenant: "작은기관", Representative: "정하은",
				Start: day(2020, 1, 1), End: day(2020, 12, 31)},
			{Line: 9, Unit: "I03", Kind: "incubator", Tenant: "큰보육실", Representative: "한지호",
				Start: day(2020, 2, 29), End: day(2024, 2, 29), MonthlyRent: 1_000_000_000_000},
		},
	}, {
		name: "required columns only, no BOM, a blank header cell",
		in: "unit,kind,tenant,representative,birth_date,start,end,monthly_rent,management_fee,deposit,\n" +
			"Y01,YOUTH,혼자서도잘해,김청년,2001-2-3,2026-01-01,2026-12-31,\"0\",0,0,\n" +
			"I10,incubator,  띄어  쓴   회사 ,  홍 길동 ,,2026-01-01,2027-12-31,001000,0,500000원,\n",
		want: []sheet.LeaseRow{
			{Line: 2, Unit: "Y01", Kind: "youth", Tenant: "혼자서도잘해", Representative: "김청년",
				BirthDate: day(2001, 2, 3), Start: day(2026, 1, 1), End: day(2026, 12, 31)},
			{Line: 3, Unit: "I10", Kind: "incubator", Tenant: "띄어 쓴 회사", Representative: "홍 길동",
				Start: day(2026, 1, 1), End: day(2027, 12, 31), MonthlyRent: 1000, Deposit: 500000},
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := sheet.ReadLeases(strings.NewReader(c.in))
			if err != nil {
				t.Fatalf("ReadLeases: %v", err)
			}
			if len(got) != len(c.want) {
				t.Fatalf("%d rows, want %d: %+v", len(got), len(c.want), got)
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], c.want[i]) {
					t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], c.want[i])
				}
			}
		})
	}
}

func TestReadPaymentsGood(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want []sheet.PaymentRow
	}{{
		name: "method column, defaults and Korean names",
		in: bom + "date, Amount ,unit,METHOD\n" +
			"2025-03-05,\"1,000,000\",i01,\n" +
			"2025.3.6,500000원,I01,현금\n" +
			"2025/03/07,\"20,000 원\",y03,카드\n" +
			"2025-03-08,300,a01,계좌이체\n" +
			"2025-03-09,301,A01, 이체 \n" +
			"2025-03-10,302,A01,Card\n" +
			"2025-03-11,303,A01,TRANSFER\n" +
			"2025-03-12,1,A01,cash\n",
		want: []sheet.PaymentRow{
			{Line: 2, Unit: "I01", Date: day(2025, 3, 5), Amount: 1000000, Method: "cash"},
			{Line: 3, Unit: "I01", Date: day(2025, 3, 6), Amount: 500000, Method: "cash"},
			{Line: 4, Unit: "Y03", Date: day(2025, 3, 7), Amount: 20000, Method: "card"},
			{Line: 5, Unit: "A01", Date: day(2025, 3, 8), Amount: 300, Method: "transfer"},
			{Line: 6, Unit: "A01", Date: day(2025, 3, 9), Amount: 301, Method: "transfer"},
			{Line: 7, Unit: "A01", Date: day(2025, 3, 10), Amount: 302, Method: "card"},
			{Line: 8, Unit: "A01", Date: day(2025, 3, 11), Amount: 303, Method: "transfer"},
			{Line: 9, Unit: "A01", Date: day(2025, 3, 12), Amount: 1, Method: "cash"},
		},
	}, {
		name: "no method column",
		in:   "unit,date,amount\n\nY01,2024-12-31,\"123,456,789\"\nY02,2100-12-31,5\n",
		want: []sheet.PaymentRow{
			{Line: 3, Unit: "Y01", Date: day(2024, 12, 31), Amount: 123456789, Method: "cash"},
			{Line: 4, Unit: "Y02", Date: day(2100, 12, 31), Amount: 5, Method: "cash"},
		},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := sheet.ReadPayments(strings.NewReader(c.in))
			if err != nil {
				t.Fatalf("ReadPayments: %v", err)
			}
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("got\n%+v\nwant\n%+v", got, c.want)
			}
		})
	}
}

const (
	leaseHeader = "unit,kind,tenant,representative,birth_date,start,end,monthly_rent,management_fee,deposit"
	leaseGood   = "I01,incubator,한강로보틱스,김민준,,2024-03-01,2026-02-28,350000,50000,1000000"
)

// lease is a leases.csv with a good row on line 2 and then row on line 3,
// the good row with the given column (by header position) replaced.
func lease(col int, value string) string {
	f := strings.Split(leaseGood, ",")
	f[col] = value
	return leaseHeader + "\n" + leaseGood + "\n" + strings.Join(f, ",") + "\n"
}

// Positions in leaseHeader.
const (
	cKind = 1 + iota
	cTenant
	cRepresentative
	cBirthDate
	cStart
	cEnd
	cMonthlyRent
	cManagementFee
	cDeposit
)

func TestBadInputs(t *testing.T) {
	const leaseOptional = leaseHeader + ",brn,phone,moved_out\n" + leaseGood + ",,,\n"
	const payHeader = "unit,date,amount,method\n"
	type reader func(io.Reader) error
	leases := func(r io.Reader) error { _, err := sheet.ReadLeases(r); return err }
	payments := func(r io.Reader) error { _, err := sheet.ReadPayments(r); return err }
	cases := []struct {
		name   string
		read   reader
		in     string
		line   int
		column string
		enHas  string // a word of the English reason, to tell the problems apart
	}{
		{"bad date", leases, lease(cStart, "2024-03-01x"), 3, "start", "YYYY-MM-DD"},
		{"date with time", leases, lease(cStart, "2024-03-01 09:00"), 3, "start", "YYYY-MM-DD"},
		{"date mixed separators", leases, lease(cStart, "2024-03/01"), 3, "start", "YYYY-MM-DD"},
		{"excel serial date", leases, lease(cEnd, "45352"), 3, "end", "YYYY-MM-DD"},
		{"impossible date", leases, lease(cEnd, "2015-02-30"), 3, "end", "no such date"},
		{"month 13", leases, lease(cStart, "2024-13-01"), 3, "start", "no such date"},
		{"not a leap year", leases, lease(cEnd, "2100-02-29"), 3, "end", "no such date"},
		{"year before 1990", leases, lease(cStart, "1989-12-31"), 3, "start", "1990 and 2100"},
		{"year after 2100", leases, lease(cEnd, "2101-01-01"), 3, "end", "1990 and 2100"},
		{"birth year before 1900", leases, lease(cBirthDate, "1899-12-31"), 3, "birth_date", "1900 and 2100"},
		{"missing start", leases, lease(cStart, ""), 3, "start", "required"},
		{"negative money", leases, lease(cMonthlyRent, "-1000"), 3, "monthly_rent", "negative"},
		{"decimal money", leases, lease(cDeposit, "1000.5"), 3, "deposit", "decimals"},
		{"decimal zero money", leases, lease(cDeposit, "1000.0"), 3, "deposit", "decimals"},
		{"money badly grouped", leases, lease(cDeposit, `"1,00,000"`), 3, "deposit", "whole won"},
		{"money with letters", leases, lease(cManagementFee, "5만원"), 3, "management_fee", "whole won"},
		{"money with won sign", leases, lease(cManagementFee, "₩5000"), 3, "management_fee", "whole won"},
		{"money too large", leases, lease(cDeposit, `"1,000,000,000,001"`), 3, "deposit", "too large"},
		{"money empty", leases, lease(cMonthlyRent, ""), 3, "monthly_rent", "required"},
		{"missing required column", leases, strings.Replace(leaseHeader, ",deposit", "", 1) + "\n", 0, "deposit", "deposit"},
		{"duplicate column", leases, leaseHeader + ", Unit \n", 0, "unit", "twice"},
		{"unknown column", payments, "unit,date,ammount\nI01,2025-01-01,1000\n", 0, "ammount", "did you mean amount"},
		{"no header", payments, "I01,2025-01-01,1000\n", 0, "", "header"},
		{"wrong field count", leases, leaseHeader + "\n" + leaseGood + "\n" + leaseGood + ",extra\n", 3, "", "fields"},
		{"too few fields", payments, payHeader + "I01,2025-01-01,1000,cash\nI01,2025-01-01,1000\n", 3, "", "fields"},
		{"end before start", leases, lease(cEnd, "2024-02-29"), 3, "end", "before start"},
		{"moved_out before start", leases, leaseOptional + strings.Replace(leaseGood, "2024-03-01", "2024-03-02", 1) + ",,,2024-03-01\n", 3, "moved_out", "before start"},
		{"BRN with 9 digits", leases, leaseOptional + leaseGood + ",123-45-6789,,\n", 3, "brn", "10 digits"},
		{"BRN with letters", leases, leaseOptional + leaseGood + ",123-45-6789O,,\n", 3, "brn", "10 digits"},
		{"bad kind", leases, lease(cKind, "office"), 3, "kind", "incubator, youth or agency"},
		{"empty tenant", leases, lease(cTenant, "  "), 3, "tenant", "required"},
		{"tenant too long", leases, lease(cTenant, strings.Repeat("가", 61)), 3, "tenant", "1 to 60"},
		{"representative too long", leases, lease(cRepresentative, strings.Repeat("a", 31)), 3, "representative", "1 to 30"},
		{"empty unit", payments, payHeader + " ,2025-01-01,1000,cash\n", 2, "unit", "required"},
		{"bad method", payments, payHeader + "I01,2025-01-01,1000,bitcoin\n", 2, "method", "cash, card or transfer"},
		{"amount 0", payments, payHeader + "I01,2025-01-01,1000,cash\nI01,2025-01-02,0원,cash\n", 3, "amount", "more than 0"},
		{"payment bad date", payments, payHeader + "I01,2025-1-32,1000,cash\n", 2, "date", "no such date"},
		{"value under a blank header cell", payments, "unit,date,amount,,method\nI01,2025-01-01,1000,x,cash\n", 2, "", "no column name"},
		{"CP949 bytes", leases, lease(cTenant, cp949+"로보틱스"), 3, "", "UTF-8"},
		{"CP949 header", payments, "unit,date,amount,method," + cp949 + "\nI01,2025-01-01,1000,cash\n", 1, "", "UTF-8"},
		{"UTF-16 file", payments, "\xFF\xFEu\x00n\x00i\x00t\x00", 1, "", "UTF-8"},
		{"bare quote", payments, payHeader + "I01,2025-01-01,1000,cash\nI0\"1,2025-01-01,1000,cash\n", 3, "", "quote"},
		{"unclosed quote", payments, payHeader + "I01,2025-01-01,1000,cash\n\"I01,2025-01-01,1000,cash\nI02,2025-01-01,1000,cash\n", 3, "", "quote"},
		{"no rows", payments, payHeader + "\n,,,\n", 0, "", "no rows"},
		{"empty file", payments, "", 0, "", "empty"},
		{"only a BOM and blank lines", leases, bom + "\n\r\n\n", 0, "", "empty"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := c.read(strings.NewReader(c.in))
			var re *sheet.RowError
			if !errors.As(err, &re) {
				t.Fatalf("error %v (%T), want a *RowError", err, err)
			}
			if re.Line != c.line || re.Column != c.column {
				t.Errorf("line %d column %q, want line %d column %q (%v)", re.Line, re.Column, c.line, c.column, re)
			}
			if re.KO == "" || re.EN == "" || re.KO == re.EN {
				t.Errorf("KO %q, EN %q: want two different non-empty reasons", re.KO, re.EN)
			}
			if !strings.Contains(re.EN, c.enHas) {
				t.Errorf("EN %q does not say %q", re.EN, c.enHas)
			}
			for _, s := range []string{re.Error(), re.KOText()} {
				if strings.ContainsAny(s, "\r\n") {
					t.Errorf("message %q is not one line", s)
				}
			}
			if c.line > 0 && (!strings.HasPrefix(re.Error(), "line "+strconv.Itoa(c.line)) ||
				!strings.HasPrefix(re.KOText(), strconv.Itoa(c.line)+"행")) {
				t.Errorf("messages %q / %q do not start with the line", re.KOText(), re.Error())
			}
		})
	}
}

func TestRowErrorText(t *testing.T) {
	cases := []struct {
		e      sheet.RowError
		ko, en string
	}{
		{sheet.RowError{Line: 12, Column: "amount", KO: "금액", EN: "amount"}, "12행 amount 열: 금액", "line 12, column amount: amount"},
		{sheet.RowError{Line: 3, KO: "칸 수", EN: "fields"}, "3행: 칸 수", "line 3: fields"},
		{sheet.RowError{Column: "deposit", KO: "없음", EN: "missing"}, "deposit 열: 없음", "column deposit: missing"},
		{sheet.RowError{Column: "a\nb", KO: "모름", EN: "unknown"}, `"a\nb" 열: 모름`, `column "a\nb": unknown`},
		{sheet.RowError{KO: "비었음", EN: "empty"}, "비었음", "empty"},
	}
	for _, c := range cases {
		if got := c.e.KOText(); got != c.ko {
			t.Errorf("KOText = %q, want %q", got, c.ko)
		}
		if got := c.e.Error(); got != c.en {
			t.Errorf("Error = %q, want %q", got, c.en)
		}
	}
	// The package's own messages, whole.
	_, err := sheet.ReadPayments(strings.NewReader("unit,date,amount\nI01,2025-01-01,0\n"))
	var re *sheet.RowError
	if !errors.As(err, &re) {
		t.Fatalf("error %v", err)
	}
	if got, want := re.KOText()+" / "+re.Error(), "2행 amount 열: 납부 금액은 0원보다 커야 합니다 / line 2, column amount: the amount must be more than 0 won"; got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}

func TestQuotedNewlineKeepsLineNumbers(t *testing.T) {
	in := leaseHeader + "\n" +
		strings.Replace(leaseGood, "한강로보틱스", "\"한강\n로보틱스,\n\"\"본점\"\"\"", 1) + "\n" + // lines 2-4
		strings.Replace(leaseGood, "I01", "I02", 1) + "\n" + // line 5
		strings.Replace(leaseGood, "2024-03-01", "2024-03-32", 1) + "\n" // line 6
	_, err := sheet.ReadLeases(strings.NewReader(in))
	var re *sheet.RowError
	if !errors.As(err, &re) || re.Line != 6 || re.Column != "start" {
		t.Fatalf("error %v, want line 6, column start", err)
	}

	rows, err := sheet.ReadLeases(strings.NewReader(in[:strings.LastIndex(in[:len(in)-1], "\n")+1]))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0].Line != 2 || rows[1].Line != 5 || rows[0].Tenant != `한강 로보틱스, "본점"` {
		t.Fatalf("rows %+v", rows)
	}
}

// TestFirstErrorInFileOrder: of several problems, the one reported is the
// first in the file, reading rows top to bottom and fields left to right.
func TestFirstErrorInFileOrder(t *testing.T) {
	big := func(n int, bad map[int]string) string {
		var b strings.Builder
		b.WriteString("unit,date,amount,method\n")
		for i := 2; i <= n; i++ {
			if s, ok := bad[i]; ok {
				b.WriteString(s + "\n")
				continue
			}
			fmt.Fprintf(&b, "I%02d,2025-01-01,%d,cash\n", i%24+1, i)
		}
		return b.String()
	}
	cases := []struct {
		name   string
		read   func(io.Reader) error
		in     string
		line   int
		column string
	}{
		{"left field first", leasesErr,
			"deposit,unit,kind,tenant,representative,birth_date,start,end,monthly_rent,management_fee\n" +
				"-1,I01,incubator,회사,대표,,2024-99-01,2026-02-28,0,0\n", 2, "deposit"},
		{"end before start seen at the start column", leasesErr,
			"unit,kind,tenant,representative,birth_date,end,start,monthly_rent,management_fee,deposit\n" +
				"I01,incubator,회사,대표,,2024-01-01,2025-01-01,x,0,0\n", 2, "end"},
		{"bad row before bad bytes", paymentsErr, big(3000, map[int]string{1500: "I01,2025-01-01,-5,cash", 2900: "I01,2025-01-01,5," + cp949}), 1500, "amount"},
		{"bad bytes before bad row", paymentsErr, big(3000, map[int]string{1500: "I01,2025-01-01,5," + cp949, 2900: "I01,2025-01-01,-5,cash"}), 1500, ""},
		{"bad bytes far into the file", paymentsErr, big(40000, map[int]string{39999: "I01,2025-01-01,5,cash" + cp949}), 39999, ""},
		{"bad quote before bad bytes in the next line", paymentsErr, big(30, map[int]string{20: `I01,2025-01-01,5,"cash"x`, 21: cp949}), 20, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			for _, r := range []struct {
				name string
				r    io.Reader
			}{
				{"whole", strings.NewReader(c.in)},
				{"one byte at a time", iotest.OneByteReader(strings.NewReader(c.in))},
			} {
				err := c.read(r.r)
				var re *sheet.RowError
				if !errors.As(err, &re) || re.Line != c.line || re.Column != c.column {
					t.Errorf("%s: error %v, want line %d column %q", r.name, err, c.line, c.column)
				}
			}
		})
	}
}

func leasesErr(r io.Reader) error   { _, err := sheet.ReadLeases(r); return err }
func paymentsErr(r io.Reader) error { _, err := sheet.ReadPayments(r); return err }

// TestReadBoundaries: the same file read whole and in pieces of every size
// gives the same rows; a BOM and Korean text cut across reads are fine.
func TestReadBoundaries(t *testing.T) {
	in := bom + "unit,date,amount,method\nI01,2025-01-01,\"1,000원\",현금\nY02,2025-01-02,2000원,계좌이체\nA03,2025-01-03,3000,카드"
	want, err := sheet.ReadPayments(strings.NewReader(in))
	if err != nil || len(want) != 3 {
		t.Fatalf("rows %v, error %v", want, err)
	}
	readers := map[string]io.Reader{
		"one byte":   iotest.OneByteReader(strings.NewReader(in)),
		"half":       iotest.HalfReader(strings.NewReader(in)),
		"data + EOF": iotest.DataErrReader(strings.NewReader(in)),
	}
	for name, r := range readers {
		got, err := sheet.ReadPayments(r)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: rows %v, error %v; want %v", name, got, err, want)
		}
	}
	// A file cut inside a Korean character ends in bytes that are not UTF-8.
	_, err = sheet.ReadPayments(iotest.OneByteReader(strings.NewReader(in[:len(in)-2])))
	var re *sheet.RowError
	if !errors.As(err, &re) || re.Line != 4 || !strings.Contains(re.EN, "UTF-8") {
		t.Errorf("cut file: error %v, want not UTF-8 at line 4", err)
	}
}

type failingReader struct {
	data string
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	if f.data == "" {
		return 0, f.err
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestReadErrorPassesThrough(t *testing.T) {
	boom := errors.New("disk on fire")
	for _, data := range []string{"", "unit,date,amount\nI01,2025-01-01,5\nI0"} {
		_, err := sheet.ReadPayments(&failingReader{data: data, err: boom})
		if !errors.Is(err, boom) {
			t.Errorf("data %q: error %v, want %v", data, err, boom)
		}
		var re *sheet.RowError
		if errors.As(err, &re) {
			t.Errorf("data %q: an I/O error became a RowError: %v", data, re)
		}
	}
}

// fileMethods are the method cells of paymentsFile, and rowMethods what
// they read as.
var (
	fileMethods = []string{"", "cash", "card", "transfer", "현금", "계좌이체"}
	rowMethods  = []string{"cash", "cash", "card", "transfer", "cash", "transfer"}
)

// paymentsFile is a payments.csv of n rows, like the centre's ledger.
func paymentsFile(n int) []byte {
	var b bytes.Buffer
	b.WriteString(bom + "unit,date,amount,method\n")
	for i := range n {
		fmt.Fprintf(&b, "I%02d,%d-%02d-%02d,\"%s\",%s\n", i%24+1, 2015+i%11, i%12+1, i%28+1,
			strconv.FormatInt(int64(i%900+1)*1000, 10), fileMethods[i%len(fileMethods)])
	}
	return b.Bytes()
}

func TestReadPaymentsLarge(t *testing.T) {
	const n = 50000
	rows, err := sheet.ReadPayments(bytes.NewReader(paymentsFile(n)))
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n {
		t.Fatalf("%d rows, want %d", len(rows), n)
	}
	for i, got := range rows {
		want := sheet.PaymentRow{Line: i + 2, Unit: fmt.Sprintf("I%02d", i%24+1),
			Date: day(2015+i%11, time.Month(i%12+1), i%28+1), Amount: int64(i%900+1) * 1000, Method: rowMethods[i%len(rowMethods)]}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("row %d: %+v, want %+v", i, got, want)
		}
	}
}

func BenchmarkReadPayments50k(b *testing.B) {
	data := paymentsFile(50000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		rows, err := sheet.ReadPayments(bytes.NewReader(data))
		if err != nil || len(rows) != 50000 {
			b.Fatalf("%d rows, %v", len(rows), err)
		}
	}
}

func FuzzReadPayments(f *testing.F) {
	f.Add([]byte("unit,date,amount,method\nI01,2025-03-05,\"1,000,000\",\n"))
	f.Add([]byte(bom + "date,amount,unit\r\n2025.3.6,500000원,i01\r\n\r\n,,\r\n2025/1/2,1,Y01\r\n"))
	f.Add([]byte("unit,date,amount,method\n\"I\n01\",2025-03-05,5,현금\nI02,2025-03-05,5,카드\n"))
	f.Add([]byte("unit,date,amount,method\nI01,2025-03-05,5," + cp949 + "\n"))
	f.Add([]byte("unit,date,amount,,method\nI01,2025-02-29,0,,x\n"))
	f.Add([]byte("unit,date,ammount\n"))
	f.Add([]byte("\xEF\xBB"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := sheet.ReadPayments(bytes.NewReader(data))
		if err != nil {
			var re *sheet.RowError
			if !errors.As(err, &re) {
				t.Fatalf("error %v (%T) is not a *RowError", err, err)
			}
			if re.KO == "" || re.EN == "" || re.Line < 0 {
				t.Fatalf("bad RowError %#v", re)
			}
			if s := re.KOText() + " / " + re.Error(); strings.ContainsAny(s, "\r\n") {
				t.Fatalf("message %q is not one line", s)
			}
		}
		if err == nil && len(rows) == 0 {
			t.Fatal("no rows and no error")
		}
		prev := 1
		for _, p := range rows {
			if p.Amount <= 0 || p.Amount > 1_000_000_000_000 {
				t.Fatalf("row %+v: amount", p)
			}
			if p.Method != "cash" && p.Method != "card" && p.Method != "transfer" {
				t.Fatalf("row %+v: method", p)
			}
			if p.Line < 2 || p.Line <= prev {
				t.Fatalf("row %+v: line after %d", p, prev)
			}
			prev = p.Line
			if p.Unit == "" || p.Unit != strings.ToUpper(strings.TrimSpace(p.Unit)) {
				t.Fatalf("row %+v: unit", p)
			}
			if p.Date.IsZero() || p.Date.Location() != seoul.Location || !p.Date.Equal(seoul.Midnight(p.Date)) {
				t.Fatalf("row %+v: date", p)
			}
		}
		// Reading in one-byte pieces gives the same answer.
		rows2, err2 := sheet.ReadPayments(iotest.OneByteReader(bytes.NewReader(data)))
		if !reflect.DeepEqual(rows, rows2) || !reflect.DeepEqual(err, err2) {
			t.Fatalf("whole: %v, %v\none byte at a time: %v, %v", rows, err, rows2, err2)
		}
	})
}
