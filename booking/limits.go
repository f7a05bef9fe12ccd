package booking

// Limit is the range of one number in the settings or a room, and the step
// the staff screens change it by: Validate and UpdateRoom refuse values
// outside the range.
type Limit struct {
	Min, Max, Step int
}

// Clamp is n brought within the limit.
func (l Limit) Clamp(n int) int { return min(max(n, l.Min), l.Max) }

// Allows reports whether n is within the limit.
func (l Limit) Allows(n int) bool { return n >= l.Min && n <= l.Max }

// The limits of the settings and of a room.
var (
	LimitMinMinutes    = Limit{Min: 30, Max: 24 * 60, Step: 30}
	LimitMaxMinutes    = Limit{Min: 30, Max: 24 * 60, Step: 30}
	LimitAdvanceDays   = Limit{Min: 0, Max: 366, Step: 1}
	LimitSurcharge     = Limit{Min: 0, Max: 300, Step: 5}
	LimitHoldHours     = Limit{Min: 1, Max: 24 * 14, Step: 1}
	LimitRetentionDays = Limit{Min: 30, Max: 3650, Step: 30}
	// LimitCheckIn is each side of the check-in window (the window as a
	// whole cannot be empty: Validate refuses 0 and 0).
	LimitCheckIn = Limit{Min: 0, Max: 120, Step: 5}
	LimitPercent = Limit{Min: 0, Max: 100, Step: 5}
	// LimitDayMinute is an opening or closing time, in minutes after
	// midnight on the half-hour grid.
	LimitDayMinute = Limit{Min: 0, Max: 24 * 60, Step: 30}

	LimitHourlyFee = Limit{Min: 0, Max: 10_000_000, Step: 1000}
	LimitCapacity  = Limit{Min: 1, Max: 500, Step: 1}
	LimitBuffer    = Limit{Min: 0, Max: 120, Step: 30}
)

// DefaultDayHours are the hours a closed day opens with when staff reopen
// it: 09:00 to 18:00.
var DefaultDayHours = DayHours{Open: 9 * 60, Close: 18 * 60}
