package main

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/yeongdeungpo/kiosk/internal/centre"
)

// handler is one command's flags and work.
type handler interface {
	// flags registers the command's flags.
	flags(fs *flag.FlagSet)
	// check validates the parsed flags (set holds the names given) before
	// anything is opened: a *usageError for a missing flag or a bad format,
	// another error for input the rules refuse.
	check(set map[string]bool) error
	// run does the work on the open centre.
	run(e *env) error
}

// command is an entry of the command table.
type command struct {
	name     string
	synopsis string   // flags, as CLI.md writes them
	summary  string   // one line, Korean / English
	details  []string // more lines for the command's own usage
	later    bool     // belongs to a later version
	handler  func() handler
}

// commands in the order CLI.md lists them.
var commands = []command{
	{name: "rooms", summary: "대관 시설 목록 / rooms for hire", handler: func() handler { return &roomsCmd{} }},
	{name: "units", summary: "입주 공간과 오늘의 입주기업 / units and today's occupant", handler: func() handler { return &unitsCmd{} }},
	{name: "book", synopsis: "-room ID -from T -to T -name NAME -phone PHONE [-org ORG]",
		summary: "예약(결제 전 임시 예약) / book a room (held until paid)",
		details: []string{
			"개인정보 동의: 방문자에게 개인정보 수집·이용 동의를 받은 뒤에만 입력하세요.",
			"이 명령으로 예약하면 입력한 직원이 동의를 확인한 것으로 처리됩니다.",
			"Consent: enter a visitor's details only after they agreed to their collection;",
			"booking with kioskctl records that the staff member confirmed that consent.",
		},
		handler: func() handler { return &bookCmd{} }},
	{name: "pay", synopsis: "-booking ID [-method cash|card|transfer]",
		summary: "결제 확인(기본 현금) / record payment (default cash)", handler: func() handler { return &payCmd{} }},
	{name: "pass", synopsis: "-booking ID [-png FILE]",
		summary: "출입 QR 발급 / issue the QR pass (PNG with -png)", handler: func() handler { return &passCmd{} }},
	{name: "checkin", synopsis: "-token TOKEN [-room ID]",
		summary: "출입 QR로 입실 확인 / check in with a pass", handler: func() handler { return &checkinCmd{} }},
	{name: "cancel", synopsis: "-booking ID",
		summary: "예약 취소와 환불액 / cancel, with the refund due", handler: func() handler { return &cancelCmd{} }},
	{name: "tenants", summary: "입주 계약과 상태 / leases and their status", handler: func() handler { return &tenantsCmd{} }},
	{name: "movein", synopsis: "-unit ID -company NAME -rep NAME -phone PHONE -start DATE [-end DATE] -rent N -fee N -deposit N [-brn 123-45-67890] [-birth DATE]",
		summary: "입주 등록(청년 창업지원실은 -birth 필요) / record a move-in (-birth for a youth desk)",
		details: []string{
			"개인정보 동의: 대표자 이름·전화·생년월일은 동의를 받은 뒤에만 입력하세요.",
			"Consent: enter the representative's name, phone and birth date only with their consent.",
		},
		handler: func() handler { return &moveinCmd{} }},
	{name: "extend", synopsis: "-lease ID", summary: "1년 연장(최대 입주 기간 안에서) / extend by one term, within the maximum tenure", handler: func() handler { return &extendCmd{} }},
	{name: "moveout", synopsis: "-lease ID -date DATE [-restoration N]",
		summary: "퇴거와 보증금 정산 / move out and settle the deposit",
		details: []string{"DATE는 공간을 돌려받은 날입니다(그 전날까지 임대료 부과). / DATE is the day the unit is handed back (billed to the day before)."},
		handler: func() handler { return &moveoutCmd{} }},
	{name: "payment", synopsis: "-unit ID -amount N [-date DATE] [-method cash|card|transfer]",
		summary: "임대료 수납(오래된 청구서부터) / take a payment (oldest invoice first)", handler: func() handler { return &paymentCmd{} }},
	{name: "invoices", synopsis: "[-unit ID] [-open]", summary: "청구서(월 임대료·관리비) / invoices", handler: func() handler { return &invoicesCmd{} }},
	{name: "arrears", summary: "연체 목록(오래된 순) / arrears, oldest first", handler: func() handler { return &arrearsCmd{} }},
	{name: "import", synopsis: "-leases FILE.csv | -payments FILE.csv", summary: "예전 장부 가져오기(전부 또는 없음) / import the old spreadsheet, all or nothing", handler: func() handler { return &importCmd{} }},
	{name: "report", synopsis: "-year YYYY [-until YYYY-MM-DD]", summary: "구청 보고 수치 / the district's report", handler: func() handler { return &reportCmd{} }},
	{name: "export", synopsis: "-what bookings|invoices|payments|arrears|ledger|report -year YYYY -o FILE",
		summary: "CSV(UTF-8 BOM) 또는 XLSX로 내보내기 / export as CSV (UTF-8, BOM) or XLSX", handler: func() handler { return &exportCmd{} }},
	{name: "backup", synopsis: "-o FILE", summary: "백업(쓴 뒤 복원해 확인) / back up, verified by restoring it", handler: func() handler { return &backupCmd{} }},
	{name: "restore", synopsis: "-i FILE", summary: "빈 폴더로 복원 / restore into an empty -data", handler: func() handler { return &restoreCmd{} }},
	{name: "audit", synopsis: "-verify", summary: "감사 기록 검증 / verify the audit chain", handler: func() handler { return &auditCmd{} }},
}

func lookup(name string) (command, bool) {
	for _, c := range commands {
		if c.name == name {
			return c, true
		}
	}
	return command{}, false
}

func printUsage(w io.Writer) {
	var b strings.Builder
	b.WriteString("kioskctl — 창업지원센터 키오스크 관리 도구 / admin command line of the centre's kiosk\n\n")
	b.WriteString("사용법 / usage: kioskctl [-data DIR] [-now YYYY-MM-DDTHH:MM] [-json] COMMAND [flags]\n\n")
	b.WriteString("전역 옵션(명령 앞에) / global flags (before the command):\n")
	fmt.Fprintf(&b, "  -data DIR   데이터 폴더, 처음 쓰면 만들어짐 / data directory, set up on first use\n              (default %s)\n", centre.DefaultDataDir())
	b.WriteString("  -now T      시계 지정(서울 시각) / clock override, Asia/Seoul (2027-03-08T10:00)\n")
	b.WriteString("              조회는 어디서나, 변경은 -now로 만든 연습 폴더에서만 / reads anywhere; writes only in a\n")
	b.WriteString("              rehearsal directory (first created with -now)\n")
	b.WriteString("  -json       JSON 출력 / machine output: one JSON object or array\n\n")
	b.WriteString("명령 / commands:\n")
	for _, c := range commands {
		b.WriteString(strings.TrimRight(fmt.Sprintf("  %-8s %s", c.name, c.synopsis), " ") + "\n")
		later := ""
		if c.later {
			later = " — 아직 지원하지 않음 / not available yet"
		}
		fmt.Fprintf(&b, "           %s%s\n", c.summary, later)
	}
	b.WriteString("\n시각 T는 YYYY-MM-DDTHH:MM(서울) / times T are YYYY-MM-DDTHH:MM, Asia/Seoul\n")
	b.WriteString("종료 코드 / exit status: 0 완료 done, 1 거절 refused, 2 사용법 오류 usage error\n")
	_, _ = io.WriteString(w, b.String())
}

// printShortUsage is the usage text that follows a usage error.
func printShortUsage(w io.Writer) {
	names := make([]string, 0, len(commands))
	for _, c := range commands {
		names = append(names, c.name)
	}
	fmt.Fprintln(w, "사용법 / usage: kioskctl [-data DIR] [-now YYYY-MM-DDTHH:MM] [-json] COMMAND [flags]")
	fmt.Fprintln(w, "명령 / commands: "+strings.Join(names, " "))
	fmt.Fprintln(w, "도움말 / help: kioskctl -h, kioskctl COMMAND -h")
}

func printCommandUsage(w io.Writer, c command) {
	fmt.Fprintln(w, strings.TrimRight("사용법 / usage: kioskctl [global flags] "+c.name+" "+c.synopsis, " "))
	fmt.Fprintf(w, "  %s\n", c.summary)
	for _, d := range c.details {
		fmt.Fprintf(w, "  %s\n", d)
	}
}
