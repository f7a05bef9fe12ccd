package booking

import (
	"time"

	"github.com/yeongdeungpo/kiosk/internal/ledger"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// postPayment records a booking's fee in the income ledger when it is paid.
func postPayment(tx *store.Txn, b Booking) error {
	if ok, err := ledger.Posted(tx, ledger.BookingRef(b.ID), "fee"); err != nil || ok {
		return err
	}
	return ledger.Post(tx, ledger.Entry{Ref: ledger.BookingRef(b.ID), ID: "fee", At: b.PaidAt, Kind: ledger.RoomFee,
		Amount: b.Fee, Room: b.Room, Method: string(b.PayMethod)})
}

// postRefund records the money a cancellation gives back.
func postRefund(tx *store.Txn, b Booking) error {
	if b.Refund == 0 {
		return nil
	}
	if ok, err := ledger.Posted(tx, ledger.BookingRef(b.ID), "refund"); err != nil || ok {
		return err
	}
	return ledger.Post(tx, ledger.Entry{Ref: ledger.BookingRef(b.ID), ID: "refund", At: b.CancelledAt, Kind: ledger.RoomRefund,
		Amount: -b.Refund, Room: b.Room, Method: string(b.PayMethod)})
}

// MigrateLedger posts the fees and refunds of the bookings stored before the
// ledger existed (schema 2); bookings already posted are skipped, so it can
// run again safely.
func MigrateLedger(tx *store.Txn) error {
	var all []Booking
	err := tx.Scan(store.Prefix("booking"), func(_, v []byte) error {
		var b Booking
		if err := decode(v, &b); err != nil {
			return err
		}
		all = append(all, b)
		return nil
	})
	if err != nil {
		return err
	}
	posted := 0
	for _, b := range all {
		if b.PaidAt.IsZero() || b.Block {
			continue
		}
		if err := postPayment(tx, b); err != nil {
			return err
		}
		if err := postRefund(tx, b); err != nil {
			return err
		}
		posted++
	}
	tx.Note("ledger: %d paid bookings posted", posted)
	return nil
}

// Rentals are a period's room rentals for the report.
type Rentals struct {
	// Count is the paid bookings (not blocks, not cancelled) whose time was
	// inside the period; a paid no-show counts, its room was kept for it.
	Count int
	// Fees received minus refunds paid inside the period, from the ledger.
	Received, Refunded int64
	// ByMonth is Received - Refunded by month of the period's year.
	ByMonth [12]int64
}

// Net is the rental income: fees received less refunds.
func (r Rentals) Net() int64 { return r.Received - r.Refunded }

// RentalsBetween counts the rentals used from..to (dates, inclusive) and
// totals their money; it reads that period's day index and ledger only.
func (s *Service) RentalsBetween(from, to time.Time) (Rentals, error) {
	from, to = seoul.Midnight(from), seoul.Midnight(to).AddDate(0, 0, 1)
	var r Rentals
	err := s.db.View(func(tx *store.Txn) error {
		p := store.Prefix("day")
		off := len(store.Prefix("day", from))
		err := tx.Range(p, store.Key("day", from), store.Key("day", to), func(k, v []byte) error {
			f := dayFlags(0)
			if len(v) == 1 {
				f = dayFlags(v[0])
			} else { // written before the flags were kept
				b, err := s.load(tx, string(k[off:]))
				if err != nil {
					return err
				}
				f = flagsOf(b)
			}
			if f.rental() {
				r.Count++
			}
			return nil
		})
		if err != nil {
			return err
		}
		return ledger.RangeOf(tx, from, to, ledger.BookingRefs, func(e ledger.Entry) error {
			m := int(e.At.In(seoul.Location).Month()) - 1
			switch e.Kind {
			case ledger.RoomFee:
				r.Received += e.Amount
			case ledger.RoomRefund:
				r.Refunded -= e.Amount
			default:
				return nil
			}
			r.ByMonth[m] += e.Amount
			return nil
		})
	})
	return r, err
}

// Between lists the bookings made for the days from..to (inclusive), by
// start.
func (s *Service) Between(from, to time.Time) ([]Booking, error) {
	from, to = seoul.Midnight(from), seoul.Midnight(to).AddDate(0, 0, 1)
	var out []Booking
	err := s.db.View(func(tx *store.Txn) error {
		off := len(store.Prefix("day", from))
		return tx.Range(store.Prefix("day"), store.Key("day", from), store.Key("day", to), func(k, _ []byte) error {
			b, err := s.load(tx, string(k[off:]))
			if err != nil {
				return err
			}
			out = append(out, b)
			return nil
		})
	})
	sortByStart(out)
	return out, err
}

// dayFlags is what the day index keeps of a booking: enough to count a
// period's rentals without reading the bookings.
type dayFlags byte

const (
	dayBlock dayFlags = 1 << iota
	dayPaid
	dayCancelled
	dayKnown // set on every value written, so that 0 never means "unknown"
)

func flagsOf(b Booking) dayFlags {
	f := dayKnown
	if b.Block {
		f |= dayBlock
	}
	if !b.PaidAt.IsZero() {
		f |= dayPaid
	}
	if b.Status == StatusCancelled {
		f |= dayCancelled
	}
	return f
}

// rental reports whether the booking counts as a rental used: paid, not a
// block, not cancelled.
func (f dayFlags) rental() bool { return f&dayPaid != 0 && f&(dayBlock|dayCancelled) == 0 }

// putDayFlags writes b's entry in the day index.
func putDayFlags(tx *store.Txn, b Booking) error {
	return tx.PutRaw(dayIndexKey(b.From, b.ID), []byte{byte(flagsOf(b))})
}
