package booking

// What the external tests (bench_test.go) compare internal/benchdata with:
// the keys a booking is stored under and the alphabet of its id.
var (
	BookingKey  = bookingKey
	DayIndexKey = dayIndexKey
	SlotKey     = slotKey
)

const CodeAlphabet = codeAlphabet

// FindPastDays is how far back Find looks.
const FindPastDays = findPastDays
