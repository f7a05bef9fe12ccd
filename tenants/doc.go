// Package tenants runs the 4th floor's tenancies: the units (24 incubator
// offices, 10 youth desks, the support agencies' rooms), the leases of the
// companies in them, their invoices, payments, late and deposit interest,
// and the settlement of the deposit at move-out.
//
// The rules, each a setting a manager can change (defaults in brackets):
//
//   - A contract is one term [12 months]; an extension adds one term, up to
//     the maximum tenure from the first move-in [incubator 36 months, youth
//     desk 24]. A tenant who stays to the maximum graduates. Support
//     agencies pay no rent and their agreements are not bound to one term.
//   - An incubator office needs the company's 사업자등록번호, checked by its
//     check digit; a youth founder not yet registered may have none.
//   - A youth founder is at most [40] in international age (만 나이) on the
//     start date: 40 until the day before the 41st birthday; a 29 February
//     birthday counts on 1 March in common years.
//   - A graduate, or a company that left before the end of its term, cannot
//     move in again for [365] days after its last day: the company by its
//     BRN, a youth founder also in person (by name and birth date, kept as a
//     one-way key). A term that ran out without an extension is no bar: the
//     rule is about tenure, not about a company that chose not to renew.
//   - Rent and management fee are invoiced monthly, one invoice per lease
//     and month, for the days the lease holds the unit, floored to the won
//     (rent × days / days in the month); an extension may carry a new rent,
//     and a month spanning two terms is billed part at each. An invoice is
//     issued on the 1st (or the move-in day) and due on the [10th] (or the
//     move-in day if later); the due day is a term of the contract, fixed at
//     the move-in, so a later change of the setting applies to new leases. A move-out on day D bills to D-1: D is the day
//     the unit is handed back.
//   - A payment goes to the lease holding the unit on its date (or, once a
//     lease has ended owing, to that lease). It pays the invoices issued by
//     then, oldest first, each its late interest, then rent, then
//     management fee (then restoration); what is left pays the lease's later
//     invoices in advance, in order; what is left after that is credit,
//     refunded at move-out. The split of a payment is therefore fixed when it
//     is made; a payment entered late, dated before others, re-splits them,
//     and the ledger records the difference on the day it was entered.
//   - Late interest is simple, by day, on an invoice's unpaid charge for
//     each day after its due date up to and including the day it is paid, at
//     the rate of each day [5% a year], over 365 days in every year; it is
//     accumulated exactly and floored once per invoice. A payment made on the
//     due date is on time.
//   - Deposit interest is simple, by day, on the deposit for each day the
//     tenant holds the unit, at [2% a year], earned by the centre, one line
//     per lease and month floored to the won. It is not a movement of money
//     at the desk, so the ledger derives it (see Service.Ledger) instead of
//     storing it: nothing has to run at month end.
//   - A rate change applies from the day it is made on, or a later day;
//     a change for days past is refused: interest already earned keeps its
//     rate (it is in the ledger and in reports already given).
//   - At move-out the deposit pays, like a payment on the move-out day, the
//     open invoices with their late interest and the restoration cost (an
//     invoice due that day); what is left of it and any credit (payments
//     already recorded for days after the move-out included) is refunded; a
//     shortfall stays as arrears, still earning late interest.
//   - Arrears are invoices past their due date with something unpaid, aged
//     by the oldest: up to 30 days, over 30, over 60, over 90.
//   - Personal data (the representative's name and phone, a founder's birth
//     date) is shown masked and destroyed [5] years after the last day.
//
// Every write needs the actor's role to allow it, checked in the write's
// own transaction (staff.Require): staff.PermTenancy, or PermSettings for
// the rules; kioskctl and the kiosk's own jobs may do everything. The
// screens ask before they save: CheckMoveIn, QuoteExtend, QuoteMoveOut and
// QuotePay run the body of MoveIn, Extend, MoveOut and Pay itself in a
// transaction that is thrown away (store.DB.Rehearse), so a preview gives
// exactly the write's result or refusal and stores nothing. What the
// screens read (Board, TenantFile) needs staff.PermTenancy too and has
// personal data masked; a manager sees it through RevealRepresentative,
// which is audited.
//
// Invoices, allocations, interest and arrears are functions of the leases,
// the payments and the date; nothing is stored for them, so nothing can
// drift and no figure depends on a job having run. What moves money is
// posted into the one income ledger (internal/ledger) in the same
// transaction as the payment or move-out that moved it, and the ledger of a
// lease always equals what its account says it paid.
package tenants
