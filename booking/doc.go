// Package booking rents the centre's rooms by the hour: rooms and their
// rules, the calendar, bookings on 30-minute slot keys, fees, holds,
// refunds, QR check-in and the live status of each room.
//
// The rules, each a field of Settings that staff can change (defaults in
// brackets):
//
//   - Opening hours per weekday [09:00-22:00 Monday to Friday, 09:00-18:00
//     Saturday, closed Sunday]; public holidays (booking/holiday: solar and
//     lunar holidays with substitute days) and staff-entered temporary
//     holidays use HolidayHours [closed]; staff closures shut one room or all.
//   - Bookings start and end on the 30-minute grid and last MinMinutes to
//     MaxMinutes [1 to 8 hours]; they can be made from now (a start whose
//     check-in window has closed is past) up to AdvanceDays ahead [60].
//   - A room's BufferMinutes of cleaning after each booking are kept free:
//     the booking holds those slots too.
//   - Fee = hourly fee × hours (half hours pro rata) + SurchargePercent on
//     Saturdays and holidays [30%], less a statutory discount chosen by
//     reason, whose name and rate are recorded on the booking.
//   - A new booking is an unpaid hold that lapses HoldHours after it was
//     made [24], or at its start if that is sooner; staff mark it paid (cash,
//     card, transfer).
//   - Cancelling refunds by calendar days before the booking's day [7+ days
//     100%, 3-6 days 90%, 1-2 days 70%, the same day nothing]; an unpaid hold
//     refunds nothing.
//   - Check-in is open from CheckInBefore minutes before the start to
//     CheckInAfter minutes after it [10 and 15]; a booking not checked in by
//     then is released as a no-show and its slots free up.
//
// Statuses: held, paid, checked_in, completed, cancelled, lapsed, no_show,
// and blocked (staff took the room out for maintenance).
//
// Double bookings cannot happen: every 30-minute slot is a store key
// (slot/<room>/<start>) that the booking transaction reads and writes, so of
// two overlapping bookings the second sees the slot taken. The store runs
// writes one at a time; were two to overlap anyway, Badger's conflict
// detection on those keys would fail the later one, and the store retries
// it from the start. Sweep moves
// bookings on with the clock (lapses, no-shows, completion); Book also
// releases a lapsed or no-show holder of a slot it needs.
package booking
