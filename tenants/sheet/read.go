package sheet

import (
	"io"
	"strings"
	"time"
)

// Column ids of leases.csv, in the order of leaseColumns.names.
const (
	lUnit = iota
	lKind
	lTenant
	lRepresentative
	lBirthDate
	lStart
	lEnd
	lMonthlyRent
	lManagementFee
	lDeposit
	lBRN
	lPhone
	lMovedOut
)

var leaseColumns = columns{
	names: []string{"unit", "kind", "tenant", "representative", "birth_date", "start", "end",
		"monthly_rent", "management_fee", "deposit", "brn", "phone", "moved_out"},
	required: 10,
}

// Column ids of payments.csv.
const (
	pUnit = iota
	pDate
	pAmount
	pMethod
)

var paymentColumns = columns{names: []string{"unit", "date", "amount", "method"}, required: 3}

func noRows() *RowError {
	return &RowError{KO: "머리글만 있고 자료 행이 없습니다", EN: "the file has a header but no rows"}
}

// ReadLeases reads leases.csv. Any problem with the content is a *RowError
// for the first bad row in file order; an error from r is returned as it is.
func ReadLeases(r io.Reader) ([]LeaseRow, error) {
	t, err := open(r, &leaseColumns)
	if err != nil {
		return nil, err
	}
	rows := make([]LeaseRow, 0, rowsHint(r, 120))
	for {
		ok, err := t.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		row, err := t.lease()
		if err != nil {
			return nil, err
		}
		rows = append(rows, row)
	}
	if len(rows) == 0 {
		return nil, noRows()
	}
	return rows, nil
}

// lease parses the current row of leases.csv, its fields in file order. The
// checks between dates run as soon as both dates are read, so the error
// reported is still the first one from the left.
func (t *table) lease() (LeaseRow, error) {
	l := LeaseRow{Line: t.line}
	var haveStart, haveEnd, haveMovedOut bool
	for i, raw := range t.rec {
		id := t.pos[i]
		v := strings.TrimSpace(raw)
		var why *reason
		switch id {
		case nameless:
			if v != "" {
				return l, t.namelessValue(i, v)
			}
		case lUnit:
			if v == "" {
				why = required
			}
			l.Unit = strings.ToUpper(v)
		case lKind:
			l.Kind, why = parseKind(v)
		case lTenant:
			l.Tenant, why = text(v, 60, tenantLength)
		case lRepresentative:
			l.Representative, why = text(v, 30, representativeLength)
		case lBirthDate:
			if v != "" {
				l.BirthDate, why = parseDate(v, minBirthYear)
			}
		case lStart:
			l.Start, why = parseDate(v, minYear)
			haveStart = why == nil
		case lEnd:
			l.End, why = parseDate(v, minYear)
			haveEnd = why == nil
		case lMonthlyRent:
			l.MonthlyRent, why = parseMoney(v)
		case lManagementFee:
			l.ManagementFee, why = parseMoney(v)
		case lDeposit:
			l.Deposit, why = parseMoney(v)
		case lBRN:
			if v != "" {
				l.BRN, why = parseBRN(v)
			}
		case lPhone:
			l.Phone = v
		case lMovedOut:
			if v != "" {
				l.MovedOut, why = parseDate(v, minYear)
			}
			haveMovedOut = why == nil
		}
		if why != nil {
			return l, t.fieldError(id, why)
		}
		if (id == lStart || id == lEnd) && haveStart && haveEnd && l.End.Before(l.Start) {
			return l, t.fieldError(lEnd, because("종료일(%s)이 시작일(%s)보다 앞섭니다",
				"end (%s) is before start (%s)", day(l.End), day(l.Start)))
		}
		if (id == lStart || id == lMovedOut) && haveStart && haveMovedOut && !l.MovedOut.IsZero() && l.MovedOut.Before(l.Start) {
			return l, t.fieldError(lMovedOut, because("퇴거일(%s)이 시작일(%s)보다 앞섭니다",
				"moved_out (%s) is before start (%s)", day(l.MovedOut), day(l.Start)))
		}
	}
	return l, nil
}

func day(t time.Time) string { return t.Format(time.DateOnly) }

// ReadPayments reads payments.csv. Any problem with the content is a
// *RowError for the first bad row in file order; an error from r is returned
// as it is.
func ReadPayments(r io.Reader) ([]PaymentRow, error) {
	t, err := open(r, &paymentColumns)
	if err != nil {
		return nil, err
	}
	rows := make([]PaymentRow, 0, rowsHint(r, 28))
	units := make(map[string]string) // one string per unit, not per row
	for {
		ok, err := t.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			break
		}
		p := PaymentRow{Line: t.line, Method: "cash"}
		for i, raw := range t.rec {
			id := t.pos[i]
			v := strings.TrimSpace(raw)
			var why *reason
			switch id {
			case nameless:
				if v != "" {
					return nil, t.namelessValue(i, v)
				}
			case pUnit:
				u, ok := units[v]
				if !ok {
					u = strings.Clone(strings.ToUpper(v))
					units[u] = u
					units[strings.Clone(v)] = u
				}
				p.Unit = u
				if v == "" {
					why = required
				}
			case pDate:
				p.Date, why = parseDate(v, minYear)
			case pAmount:
				p.Amount, why = parseMoney(v)
				if why == nil && p.Amount == 0 {
					why = &reason{ko: "납부 금액은 0원보다 커야 합니다", en: "the amount must be more than 0 won"}
				}
			case pMethod:
				p.Method, why = parseMethod(v)
			}
			if why != nil {
				return nil, t.fieldError(id, why)
			}
		}
		rows = append(rows, p)
	}
	if len(rows) == 0 {
		return nil, noRows()
	}
	return rows, nil
}
