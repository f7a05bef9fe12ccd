package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// A tenancy from move-in to move-out through kioskctl, with the amounts
// worked out by hand in the comments.
func TestTenancyThroughTheCommandLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := object(t, ok(t, dir, "2027-01-04T10:00", "movein", "-unit", "I03", "-company", "새싹랩", "-rep", "홍길동",
		"-phone", "010-1234-5678", "-start", "2027-01-04", "-rent", "310000", "-fee", "31000", "-deposit", "1000000",
		"-brn", "123-45-67891"), "lease", "unit", "start", "end")
	lease := in["lease"].(string)
	if lease != "I03-20270104" || in["end"] != "2028-01-03" {
		t.Fatalf("move-in %v", in)
	}
	// January: 28 of 31 days: 310,000×28/31 = 280,000 and 28,000, due 10 Jan.
	// 308,000 paid on 20 Jan: 10 days late on 308,000: 308,000×5%×10/365 =
	// 421.9 -> 421 interest first, then 280,000 rent, 27,579 of the fee.
	pay := object(t, ok(t, dir, "2027-01-20T10:00", "payment", "-unit", "I03", "-amount", "308000", "-date", "2027-01-20", "-method", "card"),
		"id", "applied", "credit")
	applied := pay["applied"].([]any)
	if len(applied) != 1 || applied[0].(map[string]any)["invoice"] != "I03-20270104-202701" ||
		applied[0].(map[string]any)["amount"].(float64) != 308000 || pay["credit"].(float64) != 0 {
		t.Fatalf("payment %v", pay)
	}
	invs := ok(t, dir, "2027-03-15T10:00", "invoices", "-unit", "I03", "-open").([]any)
	// Open on 15 March: January's 421 of fee (+ its interest), February's
	// 341,000 and March's 341,000.
	if len(invs) != 3 {
		t.Fatalf("open invoices %v", invs)
	}
	jan := object(t, invs[0], "id", "unit", "lease", "month", "rent", "management_fee", "late_interest", "due", "paid", "open")
	if jan["month"] != "2027-01" || jan["rent"].(float64) != 280000 || jan["paid"].(float64) != 308000 {
		t.Errorf("January %v", jan)
	}
	arrears := ok(t, dir, "2027-03-15T10:00", "arrears").([]any)
	if len(arrears) != 1 {
		t.Fatalf("arrears %v", arrears)
	}
	a := object(t, arrears[0], "unit", "lease", "company", "open_krw", "oldest_due", "days", "bucket", "late_interest_krw")
	if a["oldest_due"] != "2027-01-10" || a["days"].(float64) != 64 || a["bucket"].(float64) != 60 {
		t.Errorf("arrear %v", a)
	}
	tenants := ok(t, dir, "2027-03-15T10:00", "tenants").([]any)
	ten := object(t, tenants[0], "id", "company", "brn", "representative", "unit", "lease", "start", "end", "status", "open_krw", "deposit")
	if ten["status"] != "arrears" || ten["representative"] != "홍**" || ten["brn"] != "123-45-67891" {
		t.Errorf("tenant %v", ten)
	}
	// Out on 1 April: the deposit pays what is open (three invoices and
	// their interest) and the 200,000 restoration; the rest comes back.
	out := object(t, ok(t, dir, "2027-04-01T10:00", "moveout", "-lease", lease, "-date", "2027-04-01", "-restoration", "200000"),
		"lease", "deposit", "arrears", "late_interest", "restoration", "refund", "credit", "applied", "shortfall")
	open, interest := out["arrears"].(float64), out["late_interest"].(float64)
	if open != 421+341000+341000 || interest <= 0 || out["refund"].(float64) != 1000000-open-interest-200000 || out["shortfall"].(float64) != 0 {
		t.Errorf("settlement %v", out)
	}
	if r := kc(t, dir, "2027-04-02T10:00", "moveout", "-lease", lease, "-date", "2027-04-01"); !strings.Contains(r.stderr, "already moved out") {
		t.Errorf("second move-out: %+v", r)
	}
	units := ok(t, dir, "2027-04-02T10:00", "units").([]any)
	if occ := units[2].(map[string]any)["occupant"]; occ != "" {
		t.Errorf("I03 after the move-out: occupant %q", occ)
	}
}

func writeFile(t *testing.T, dir, name, body string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportAllOrNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := t.TempDir()
	leases := writeFile(t, files, "leases.csv", "\ufeffunit,kind,tenant,representative,birth_date,start,end,monthly_rent,management_fee,deposit,brn\n"+
		"I01,incubator,가나다,홍길동,,2025-03-01,2027-02-28,\"300,000\",50000,1000000,123-45-67891\n"+
		"Y01,youth,청년랩,김청년,1990-05-05,2026-04-01,2027-03-31,47000,0,0,\n")
	now := "2027-01-05T10:00"
	r := object(t, ok(t, dir, now, "import", "-leases", leases), "imported")
	if r["imported"].(float64) != 2 {
		t.Fatalf("imported %v", r)
	}
	// The two-year row is a move-in and its extension.
	ts := ok(t, dir, now, "tenants").([]any)
	if len(ts) != 2 || ts[0].(map[string]any)["end"] != "2027-02-28" {
		t.Fatalf("tenants %v", ts)
	}
	audits := auditEntries(t, dir, now)
	if r := kc(t, dir, now, "import", "-leases", leases); !strings.Contains(r.stderr, "already imported") {
		t.Fatalf("the same file twice: %+v", r)
	} else {
		checkRefusal(t, r)
	}
	// A bad row anywhere refuses the whole file, naming its line.
	bad := writeFile(t, files, "payments.csv", "unit,date,amount\nI01,2026-01-05,350000\nY01,2026-05-01,47000\nI02,2026-01-05,100\n")
	r2 := kc(t, dir, now, "import", "-payments", bad)
	checkRefusal(t, r2)
	if !strings.Contains(r2.stderr, "line 4") || !strings.Contains(r2.stderr, "4행") {
		t.Fatalf("refusal does not name line 4: %q", r2.stderr)
	}
	syntax := writeFile(t, files, "payments2.csv", "unit,date,amount\nI01,2026-01-05,350000\nI01,2026-13-05,1\n")
	r3 := kc(t, dir, now, "import", "-payments", syntax)
	checkRefusal(t, r3)
	if !strings.Contains(r3.stderr, "line 3") {
		t.Fatalf("refusal does not name line 3: %q", r3.stderr)
	}
	if got := auditEntries(t, dir, now); got != audits {
		t.Fatalf("refused imports wrote %d audit entries", got-audits)
	}
	if invs := ok(t, dir, now, "invoices", "-unit", "I01", "-open").([]any); len(invs) == 0 ||
		invs[0].(map[string]any)["paid"].(float64) != 0 {
		t.Fatalf("a refused import paid something: %v", invs)
	}
	good := writeFile(t, files, "payments3.csv", "unit,date,amount,method\nI01,2025-03-05,350000,계좌이체\nY01,2026-04-01,47000,현금\n")
	if r := object(t, ok(t, dir, now, "import", "-payments", good), "imported"); r["imported"].(float64) != 2 {
		t.Fatalf("imported %v", r)
	}
	invs := ok(t, dir, now, "invoices", "-unit", "I01").([]any)
	if first := invs[0].(map[string]any); first["month"] != "2025-03" || first["open"].(float64) != 0 {
		t.Fatalf("March 2025 after the import: %v", first)
	}
}

func TestReportAndExport(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	now := "2027-03-08T10:00"
	ok(t, dir, now, "movein", "-unit", "I01", "-company", "가나다", "-rep", "홍길동", "-phone", "010-1234-5678",
		"-start", "2027-01-01", "-rent", "300000", "-fee", "50000", "-deposit", "0", "-brn", "123-45-67891")
	ok(t, dir, now, "payment", "-unit", "I01", "-amount", "350000", "-date", "2027-01-05")
	r := kc(t, dir, now, "report", "-year", "2027")
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	want := []string{
		"○ 시설운영 : 0개 지원기관, 1개 기업 입주",
		"○ 입주관리 : 1개 기업(신규입주 1, 입주연장 0)",
		"○ 임대수입 : 임대료 300천원/ 이자수입 0천원",
		"○ 시설대관 : 0회/ 0천원",
		"○ 입주대상 : 40세 이하 청년창업가 0명",
		"○ 임대수입 : 임대료 0천원",
	}
	if r.code != exitOK || strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Fatalf("report (exit %d):\n%s\nwant\n%s", r.code, r.stdout, strings.Join(want, "\n"))
	}
	js := ok(t, dir, now, "report", "-year", "2027", "-until", "2027-01-31").(map[string]any)
	for _, k := range []string{"year", "until", "rentals_count", "rentals_krw", "rent_billed_krw", "rent_collected_krw",
		"interest_krw", "youth_rent_billed_krw", "move_ins", "extensions"} {
		if _, has := js[k]; !has {
			t.Errorf("report -json lacks %q", k)
		}
	}
	if js["until"] != "2027-01-31" || js["rent_billed_krw"].(float64) != 300000 {
		t.Errorf("report -json %v", js)
	}
	out := t.TempDir()
	for _, name := range []string{"ledger.csv", "invoices.xlsx"} {
		what := strings.TrimSuffix(strings.TrimSuffix(name, ".csv"), ".xlsx")
		path := filepath.Join(out, name)
		e := object(t, ok(t, dir, now, "export", "-what", what, "-year", "2027", "-o", path), "file", "rows")
		if e["file"] != path {
			t.Errorf("export %v", e)
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(name, ".csv") {
			if !bytes.HasPrefix(raw, []byte("\ufeff")) {
				t.Fatal("CSV without a BOM")
			}
			recs, err := csv.NewReader(bytes.NewReader(raw[3:])).ReadAll()
			if err != nil || len(recs) != int(e["rows"].(float64))+1 {
				t.Fatalf("CSV %d records (%v), %v rows said", len(recs), err, e["rows"])
			}
			// Rent 300,000 and the fee 50,000 paid on 5 Jan; deposit interest none.
			var rent string
			for _, rec := range recs[1:] {
				if rec[1] == "rent" {
					rent = rec[2]
				}
			}
			if rent != "300000" {
				t.Errorf("ledger rent %q", rent)
			}
			continue
		}
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := f.GetRows(f.GetSheetList()[0])
		_ = f.Close()
		// January to March issued by 8 March.
		if err != nil || len(rows) != 4 || rows[1][0] != "I01-20270101-202701" {
			t.Fatalf("XLSX rows %v, %v", rows, err)
		}
	}
}
