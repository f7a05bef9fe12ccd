package errs

// text is one refusal's sentence in each language; both take the same
// arguments in the same order.
type text struct{ ko, en string }

// catalogue words every code. Arguments are never personal data.
var catalogue = map[Code]text{
	"tenants.no_unit":          {"그런 입주 공간이 없습니다(%v). kioskctl units로 확인하세요.", "No such unit (%v); see kioskctl units."},
	"tenants.no_lease":         {"그런 입주 계약이 없습니다(%v).", "No such lease (%v)."},
	"tenants.occupied":         {"%v은(는) 그 기간에 이미 다른 계약이 있습니다.", "Unit %v is already leased for some of those dates."},
	"tenants.company":          {"회사 이름을 1~60자로 입력하세요.", "Enter a company name of 1 to 60 characters."},
	"tenants.representative":   {"대표자 이름을 1~30자로 입력하세요.", "Enter the representative's name, 1 to 30 characters."},
	"tenants.phone":            {"전화번호를 확인하세요(예: 010-1234-5678, 02-123-4567).", "Check the phone number (e.g. 010-1234-5678, 02-123-4567)."},
	"tenants.brn":              {"사업자등록번호가 올바르지 않습니다(10자리, 검증 숫자 불일치).", "The business registration number is not valid (10 digits with a matching check digit)."},
	"tenants.brn_required":     {"창업보육실 입주에는 사업자등록번호가 필요합니다.", "An incubator office needs the company's business registration number."},
	"tenants.birth_required":   {"청년 1인 창업지원실은 창업자의 생년월일이 필요합니다(만 %v세 이하 확인).", "A youth desk needs the founder's birth date (to check the age limit of %v)."},
	"tenants.youth_age":        {"입주 시작일(%v)에 창업자가 만 %v세로, 청년 1인 창업지원실 기준(만 %v세 이하)을 넘습니다.", "On the start date (%v) the founder is %v, over the youth desk limit of %v."},
	"tenants.dates":            {"계약 기간을 확인하세요: 종료일이 시작일보다 빠릅니다.", "Check the dates: the end is before the start."},
	"tenants.term_too_long":    {"한 번의 계약은 %v개월까지입니다(연장은 kioskctl extend).", "One contract lasts at most %v months (extend it with kioskctl extend)."},
	"tenants.money":            {"임대료·관리비·보증금은 0원 이상의 정수로 입력하세요.", "Rent, management fee and deposit are whole won, 0 or more."},
	"tenants.agency_rent":      {"지원기관 공간은 임대료와 관리비가 없습니다(0원).", "Support agency rooms pay no rent or management fee (0 won)."},
	"tenants.kind_mismatch":    {"%v은(는) %v 공간입니다(파일에는 %v).", "Unit %v is a(n) %v unit (the file says %v)."},
	"tenants.reentry_ban":      {"퇴거·졸업한 기업(또는 창업자)은 %v까지 다시 입주할 수 없습니다(재입주 제한 %v일).", "A company (or founder) that graduated or left early cannot move in again until %v (re-entry ban of %v days)."},
	"tenants.max_tenure":       {"최대 입주 기간(%v개월)을 넘습니다: 첫 입주일 %v, 최대 %v까지. 연장할 수 없습니다.", "That would pass the maximum tenure of %v months: moved in %v, the latest end is %v. It cannot be extended."},
	"tenants.ended":            {"계약이 이미 끝났습니다(%v). 다시 입주하려면 새로 입주 등록하세요.", "The lease already ended (%v); record a new move-in instead."},
	"tenants.moved_out":        {"이미 퇴거한 계약입니다(%v).", "The tenant already moved out (%v)."},
	"tenants.moveout_date":     {"퇴거일은 입주 다음 날부터 계약 종료 다음 날(%v)까지, 오늘 이전이어야 합니다.", "The move-out date must be after the move-in, no later than the day after the end (%v), and not in the future."},
	"tenants.no_lease_on_date": {"%[2]v에 %[1]v을(를) 임차한 계약이 없습니다.", "No lease held unit %v on %v."},
	"tenants.amount":           {"금액은 1원 이상의 정수로 입력하세요.", "The amount is whole won, at least 1."},
	"tenants.pay_method":       {"결제 방법은 cash(현금), card(카드), transfer(계좌이체) 중 하나입니다.", "The payment method must be cash, card or transfer."},
	"tenants.future_date":      {"미래 날짜(%v)로는 기록할 수 없습니다.", "A date in the future (%v) cannot be recorded."},
	"tenants.settings":         {"입주 규정 값이 올바르지 않습니다: %v.", "Invalid tenancy settings: %v."},
	"tenants.already_imported": {"이 파일은 이미 가져왔습니다(%v). 같은 자료를 두 번 넣지 않았습니다.", "This file was already imported (%v); nothing was imported twice."},
	"tenants.import_row":       {"%v행: %v", "line %v: %v"},
}
