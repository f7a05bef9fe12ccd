// Package booking holds the centre's rentable rooms, their opening hours and
// the bookings made on them, with one store key per 30-minute slot so that two
// bookings can never hold the same slot.
package booking
