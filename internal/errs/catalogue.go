package errs

// text is one refusal's sentence in each language; both take the same
// arguments in the same order.
type text struct{ ko, en string }

// catalogue words every code. Arguments are never personal data.
var catalogue = map[Code]text{
	// tenants: staff read these on the kiosk's tenancy screens and from
	// kioskctl alike, so they name no command; kioskctl adds its own hints
	// (such as kioskctl units).
	"tenants.no_unit":          {"그런 입주 공간이 없습니다(%v).", "No such unit (%v)."},
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
	"tenants.term_too_long":    {"한 번의 계약은 %v개월까지입니다. 더 길게는 계약을 연장하세요.", "One contract lasts at most %v months; a longer stay is an extension."},
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

	// booking: the kiosk's visitors read these, so they are polite and plain;
	// kioskctl adds its own hints (such as kioskctl rooms).
	"booking.not_aligned":     {"예약은 30분 단위로만 할 수 있습니다.", "Bookings start and end on the half hour."},
	"booking.bad_length":      {"예약은 %v분 이상 %v분 이하로 할 수 있습니다.", "A booking lasts %v to %v minutes."},
	"booking.closed":          {"그 시간에는 시설을 운영하지 않습니다(휴관일 또는 운영 시간 외).", "The rooms are not open then (a closed day or outside opening hours)."},
	"booking.past":            {"이미 지난 시간은 예약할 수 없습니다.", "That time has already passed."},
	"booking.too_far":         {"예약은 오늘부터 %v일 뒤까지만 할 수 있습니다.", "Bookings open at most %v days ahead."},
	"booking.taken":           {"그 시간에는 이미 예약이 있습니다. 다른 시간을 고르세요.", "That time is already booked. Please choose another."},
	"booking.unreleased":      {"그 시간은 결제 기한이 지났거나 입실하지 않은 예약이 아직 잡고 있습니다. 키오스크가 그 예약을 정리해야 풀립니다(실행 중이면 30초마다 정리합니다).", "That time is still held by a booking that lapsed unpaid or was not checked in; it frees up once the kiosk releases it (it does every 30 seconds while running)."},
	"booking.not_found":       {"그런 예약번호가 없습니다.", "No booking with that code."},
	"booking.no_discount":     {"그런 감면 항목이 없습니다.", "No such discount."},
	"booking.pay_method":      {"결제 방법은 cash(현금), card(카드), transfer(계좌이체) 중 하나입니다.", "The payment method must be cash, card or transfer."},
	"booking.not_payable":     {"결제할 수 없는 예약입니다. 결제 대기 중인 예약만 결제할 수 있습니다.", "This booking cannot be paid: it is not awaiting payment."},
	"booking.lapsed":          {"결제 기한이 지나 예약이 취소되었습니다.", "The unpaid booking has lapsed."},
	"booking.not_cancellable": {"이 예약은 이제 취소할 수 없습니다.", "This booking can no longer be cancelled."},
	"booking.phone_mismatch":  {"예약번호 또는 전화번호 뒤 4자리가 맞지 않습니다.", "The booking code or the last 4 digits of the phone number do not match."},
	"booking.lookup_locked":   {"잘못 입력한 횟수가 많아 이 예약번호는 %v분 동안 조회할 수 없습니다. 안내 데스크에 문의하세요.", "Too many wrong attempts: this code cannot be looked up for %v minutes. Please ask at the front desk."},
	"booking.block":           {"사유(60자 이내)와 시간(30분 단위)을 확인하세요.", "Check the reason (at most 60 characters) and the time (on the half hour)."},
	"booking.no_room":         {"없는 시설입니다(%v).", "No such room (%v)."},
	"booking.bad_room":        {"시설 정보를 확인하세요(이름, 좌석, 요금, 정리 시간).", "Check the room details (name, seats, fee, buffer)."},
	"booking.bad_closure":     {"휴관 정보를 확인하세요(날짜, 60자 이내의 사유).", "Check the closure (a date, and a reason of at most 60 characters)."},
	"booking.bad_settings":    {"설정 값이 올바르지 않습니다.", "The setting is not valid."},
	"booking.name":            {"이름을 %v~%v자로 입력하세요.", "Enter a name of %v to %v characters."},
	"booking.phone":           {"휴대전화 번호를 확인하세요(예: 010-1234-5678).", "Check the mobile number (e.g. 010-1234-5678)."},
	"booking.org":             {"소속은 %v자까지 입력할 수 있습니다.", "The organisation is at most %v characters."},
	"booking.consent":         {"개인정보 수집·이용 동의가 필요합니다.", "Consent to the collection of personal data is needed."},
	"booking.pass_forged":     {"유효하지 않은 입장권입니다.", "This pass is not genuine."},
	"booking.pass_too_early":  {"아직 입실 시간이 아닙니다. 시작 %v분 전부터 입실할 수 있습니다.", "Too early: check-in opens %v minutes before the start."},
	"booking.pass_expired":    {"입실 가능 시간이 지났습니다(시작 %v분 후까지).", "The check-in time has passed (it closes %v minutes after the start)."},
	"booking.pass_wrong_room": {"다른 시설의 입장권입니다.", "This pass is for another room."},
	"booking.pass_cancelled":  {"취소되었거나 결제 기한이 지난 예약입니다.", "This booking was cancelled or has lapsed."},
	"booking.pass_used":       {"이미 입실 처리된 입장권입니다.", "This pass was already used."},
	"booking.pass_unpaid":     {"결제가 끝나지 않았습니다. 안내 데스크에서 결제해 주세요.", "This booking is not paid yet: please pay at the front desk."},
	"booking.no_passes":       {"입장권 발급이 설정되지 않았습니다. 안내 데스크에 문의하세요.", "Passes are not set up. Please ask at the front desk."},
	"booking.staff_only":      {"직원만 할 수 있는 일입니다.", "Only staff can do that."},
	"booking.no_pass":         {"이 예약에는 입장권이 없습니다. 취소되었거나 이용 시간이 지난 예약입니다.", "This booking has no pass: it was cancelled or its time has passed."},

	// staff: the PIN pad, the staff accounts and the audit screen.
	"staff.bad_pin":          {"PIN은 숫자 %v~%v자리입니다.", "A PIN is %v to %v digits."},
	"staff.weak_pin":         {"같은 숫자나 연속된 숫자는 PIN으로 쓸 수 없습니다.", "Repeated or consecutive digits cannot be a PIN."},
	"staff.wrong_pin":        {"PIN이 맞지 않습니다.", "Wrong PIN."},
	"staff.wrong_setup_code": {"설정 코드가 맞지 않습니다.", "Wrong setup code."},
	"staff.locked":           {"잘못 입력한 횟수가 많아 %v까지 잠겼습니다.", "Too many wrong attempts: locked until %v."},
	"staff.no_manager":       {"아직 관리자가 설정되지 않았습니다.", "No manager has been set up yet."},
	"staff.already_claimed":  {"관리자가 이미 설정되어 있습니다.", "A manager has already been set up."},
	"staff.unknown_staff":    {"직원 정보를 찾을 수 없습니다.", "This staff member no longer exists."},
	"staff.forbidden":        {"이 일은 관리자만 할 수 있습니다. 관리자에게 요청하세요.", "Only a manager can do this. Ask a manager."},
	"staff.name":             {"이름은 %v~%v자로 입력하세요.", "Enter a name of %v to %v characters."},
	"staff.name_taken":       {"같은 이름의 직원이 이미 있습니다. 다른 이름을 쓰세요.", "A staff member already has this name. Choose another."},
	"staff.role":             {"역할은 접수 또는 관리자 중 하나입니다.", "The role must be reception or manager."},
	"staff.last_manager":     {"관리자가 한 명은 있어야 합니다. 먼저 다른 직원을 관리자로 지정하세요.", "There must be a manager: make someone else a manager first."},
	"staff.remove_self":      {"자기 계정은 삭제할 수 없습니다. 다른 관리자에게 요청하세요.", "You cannot remove your own account. Ask another manager."},
	"staff.unlock_self":      {"자기 계정의 잠금은 풀 수 없습니다. 다른 관리자에게 요청하거나 잠금이 끝날 때까지 기다리세요.", "You cannot unlock your own account. Ask another manager, or wait until the lock ends."},
	"staff.audit_broken":     {"감사 기록이 손상되었습니다(정상 %v건 뒤).", "The audit log is broken after %v good entries."},

	// pass: tokens and key files; check-in shows booking.pass_forged for
	// any token Verify refuses, so these reach staff and the log.
	"pass.malformed":      {"입장권 코드를 읽을 수 없습니다.", "The pass code cannot be read."},
	"pass.version":        {"지원하지 않는 형식의 입장권입니다.", "This pass is of a format that is not supported."},
	"pass.unknown_key":    {"알 수 없는 키(%v번)로 서명된 입장권입니다.", "The pass is signed with an unknown key (key %v)."},
	"pass.forged":         {"입장권의 서명이 맞지 않습니다.", "The pass signature does not match."},
	"pass.invalid_claims": {"입장권에 담을 예약 정보가 올바르지 않습니다.", "The booking details for the pass are not valid."},
	"pass.key_file":       {"입장권 키 파일이 올바르지 않습니다.", "The pass key file is not valid."},

	// exports: the export folder of the report and arrears screens.
	"exports.no_folder":      {"내보낼 폴더가 정해지지 않았습니다. 관리자가 USB 메모리 등 저장할 폴더를 고르세요.", "No export folder is set. A manager must choose one (a USB stick, for instance)."},
	"exports.not_absolute":   {"폴더는 /로 시작하는 전체 경로로 주세요(%v).", "Give the folder as a full path starting with / (%v)."},
	"exports.folder_missing": {"폴더 %v이(가) 없습니다. USB 메모리가 꽂혀 있는지 확인하세요.", "The folder %v is not there. Check that the USB stick is plugged in."},
	"exports.not_folder":     {"%v은(는) 폴더가 아니라 파일입니다.", "%v is a file, not a folder."},
	"exports.not_writable":   {"폴더 %v에 쓸 수 없습니다(쓰기 금지된 저장 장치이거나 권한이 없습니다).", "The kiosk cannot write in %v (the device is read-only, or writing there is not allowed)."},
	"exports.disk_full":      {"%v의 저장 공간이 가득 찼습니다. 파일은 만들지 않았습니다.", "The disk of %v is full. No file was written."},
	"exports.format":         {"파일 형식은 CSV 또는 XLSX입니다(%v).", "The file format is CSV or XLSX (%v)."},

	// backup: the backup folder, the nightly backup and kioskctl
	// backup/restore.
	"backup.no_folder":      {"백업 폴더가 정해지지 않았습니다. 관리자가 백업 화면에서 폴더를 고르세요.", "No backup folder is set. A manager must choose one on the backup screen."},
	"backup.not_absolute":   {"폴더는 /로 시작하는 전체 경로로 주세요(%v).", "Give the folder as a full path starting with / (%v)."},
	"backup.folder_missing": {"백업 폴더 %v이(가) 없습니다(USB 메모리가 빠졌거나 연결되지 않았습니다). 백업하지 못했습니다.", "The backup folder %v is not there (the USB stick is out or not mounted). No backup was made."},
	"backup.not_folder":     {"%v은(는) 폴더가 아니라 파일입니다.", "%v is a file, not a folder."},
	"backup.not_writable":   {"백업 폴더 %v에 쓸 수 없습니다(쓰기 금지된 저장 장치이거나 권한이 없습니다).", "The kiosk cannot write in the backup folder %v (the device is read-only, or writing there is not allowed)."},
	"backup.disk_full":      {"백업 폴더 %v의 디스크가 가득 찼습니다. 백업 파일은 만들지 않았습니다.", "The disk of the backup folder %v is full. No backup file was written."},
	"backup.keep":           {"보관할 백업 수는 %v~%v개입니다.", "Keep between %v and %v backups."},
	"backup.no_file":        {"백업 파일 %v을(를) 찾을 수 없습니다.", "The backup file %v is not there."},
	"backup.not_backup":     {"%v은(는) 키오스크 백업 파일이 아닙니다.", "%v is not a kiosk backup file."},
	"backup.newer":          {"백업 파일 %v은(는) 더 새 버전의 키오스크가 만든 것입니다. 키오스크를 업데이트한 뒤 복원하세요.", "The backup file %v was written by a newer version of the kiosk. Update the kiosk, then restore."},
	"backup.damaged":        {"백업 파일 %v이(가) 잘렸거나 손상되었습니다.", "The backup file %v is truncated or damaged."},
	"backup.verify_failed":  {"백업 파일 %v을(를) 복원해 확인했지만 감사 기록이 맞지 않습니다. 이 파일은 믿을 수 없습니다.", "The backup file %v was restored for a check, but its audit log does not match. The file cannot be trusted."},
	"backup.not_empty":      {"복원할 폴더 %v이(가) 비어 있지 않습니다. 빈 폴더(또는 없는 폴더)를 주세요. 아무것도 바꾸지 않았습니다.", "The folder %v to restore into is not empty. Give an empty (or new) folder. Nothing was changed."},
	"backup.failed":         {"백업하지 못했습니다(예기치 못한 오류). 기록을 확인하세요.", "The backup failed (an unexpected error). See the log."},
}
