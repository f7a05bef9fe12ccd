// Package ledger is the centre's one income ledger: every won that comes in
// or goes back (rent, management fees, late and deposit interest,
// restoration costs, room-rental fees and refunds, and tenants' credit),
// append-only, keyed by date so that a period is read without scanning
// history.
//
// Entries are never edited or deleted: a correction is a new entry with the
// opposite amount that names the entry it reverses. Each entry belongs to
// one reference (a booking or a lease) and has an ID unique within it, so
// posting the same thing twice is refused instead of counted twice.
//
// Deposits are held money, not income, and are not in the ledger. Deposit
// interest is earned day by day on the deposits held, a function of the
// leases and the date; tenants derives its lines for any period (see
// tenants.DepositInterest) rather than storing them, so that nothing has to
// run at month end for the figure to be right.
package ledger

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Kind is what an entry's money is.
type Kind string

// Entry kinds.
const (
	Rent            Kind = "rent"             // 임대료
	ManagementFee   Kind = "management_fee"   // 관리비
	LateInterest    Kind = "late_interest"    // 연체이자
	DepositInterest Kind = "deposit_interest" // 보증금 이자 (derived, see the package comment)
	Restoration     Kind = "restoration"      // 원상복구비
	RoomFee         Kind = "room_fee"         // 대관료
	RoomRefund      Kind = "room_refund"      // 대관료 환불 (negative)
	// Credit is a tenant's money received but not yet owed (an
	// over-payment): held, like a deposit, until it pays an invoice or is
	// refunded. It is not income.
	Credit Kind = "credit"
)

// Kinds lists every kind in report order.
var Kinds = []Kind{Rent, ManagementFee, LateInterest, DepositInterest, Restoration, RoomFee, RoomRefund, Credit}

// Income reports whether money of this kind is the centre's income.
func (k Kind) Income() bool { return k != Credit }

// Entry is one movement of money.
type Entry struct {
	// Ref is what the money belongs to: "booking:<id>" or "lease:<id>".
	Ref string `json:"ref"`
	// ID is unique within Ref.
	ID     string    `json:"id"`
	At     time.Time `json:"at"` // when the money moved
	Kind   Kind      `json:"kind"`
	Amount int64     `json:"amount"` // won; negative when money goes back
	Unit   string    `json:"unit,omitempty"`
	Room   string    `json:"room,omitempty"`
	Method string    `json:"method,omitempty"`
	// Reverses is the ID (within Ref) of the entry this one cancels out.
	Reverses string `json:"reverses,omitempty"`
}

// BookingRef and LeaseRef name an entry's owner.
func BookingRef(id string) string { return "booking:" + id }

// LeaseRef: see BookingRef.
func LeaseRef(id string) string { return "lease:" + id }

// Errors of posting.
var (
	ErrDuplicate = errors.New("ledger: entry already posted")
	ErrBadEntry  = errors.New("ledger: invalid entry")
)

func entryKey(at time.Time, ref, id string) []byte {
	return store.Key("ledger", at, ref+"|"+id)
}

func refKey(ref, id string) []byte { return store.Key("ledgerref", ref, id) }

// Post appends e in tx. A zero amount posts nothing.
func Post(tx *store.Txn, e Entry) error {
	if e.Ref == "" || e.ID == "" || e.At.IsZero() || strings.ContainsAny(e.Ref+e.ID, "/|") || !known(e.Kind) {
		return fmt.Errorf("%w: %+v", ErrBadEntry, e)
	}
	if e.Amount == 0 {
		return nil
	}
	e.At = e.At.In(seoul.Location)
	if ok, err := tx.Has(refKey(e.Ref, e.ID)); err != nil {
		return err
	} else if ok {
		return fmt.Errorf("%w: %s %s", ErrDuplicate, e.Ref, e.ID)
	}
	k := entryKey(e.At, e.Ref, e.ID)
	if err := tx.PutRaw(refKey(e.Ref, e.ID), k); err != nil {
		return err
	}
	return tx.Put(k, e)
}

// Posted reports whether an entry of ref with id exists.
func Posted(tx *store.Txn, ref, id string) (bool, error) { return tx.Has(refKey(ref, id)) }

func known(k Kind) bool {
	for _, x := range Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// Range calls fn for the entries with from <= At < to, in time order (to
// the second; entries of the same second in the order of their refs).
func Range(tx *store.Txn, from, to time.Time, fn func(Entry) error) error {
	return RangeOf(tx, from, to, "", fn)
}

// BookingRefs and LeaseRefs are the ref prefixes of RangeOf.
const (
	BookingRefs = "booking:"
	LeaseRefs   = "lease:"
)

// RangeOf is Range over the entries whose ref starts with refPrefix; the
// others are skipped by their key, without being decoded.
func RangeOf(tx *store.Txn, from, to time.Time, refPrefix string, fn func(Entry) error) error {
	p := store.Prefix("ledger")
	refAt := len(p) + 9 // the time (8 bytes) and its separator
	// Keys hold whole seconds: read the seconds the bounds fall in, and
	// leave out what lies outside them within those seconds.
	end := to.Truncate(time.Second)
	if end.Before(to) {
		end = end.Add(time.Second)
	}
	return tx.Range(p, store.Key("ledger", from.Truncate(time.Second)), store.Key("ledger", end), func(k, v []byte) error {
		if !bytes.HasPrefix(k[refAt:], []byte(refPrefix)) {
			return nil
		}
		var e Entry
		if err := decode(v, &e); err != nil {
			return err
		}
		if e.At.Before(from) || !e.At.Before(to) {
			return nil
		}
		e.At = e.At.In(seoul.Location)
		return fn(e)
	})
}

// OfRef calls fn for every entry of ref, in the order of their IDs.
func OfRef(tx *store.Txn, ref string, fn func(Entry) error) error {
	return tx.Scan(store.Prefix("ledgerref", ref), func(_, k []byte) error {
		var e Entry
		if err := tx.Get(k, &e); err != nil {
			return err
		}
		return fn(e)
	})
}

// Totals are amounts by kind.
type Totals map[Kind]int64

// Sum totals the entries with from <= At < to.
func Sum(tx *store.Txn, from, to time.Time) (Totals, error) {
	t := Totals{}
	err := Range(tx, from, to, func(e Entry) error { t[e.Kind] += e.Amount; return nil })
	return t, err
}

// SumRef totals the entries of ref.
func SumRef(tx *store.Txn, ref string) (Totals, error) {
	t := Totals{}
	err := OfRef(tx, ref, func(e Entry) error { t[e.Kind] += e.Amount; return nil })
	return t, err
}

// Reverse posts the entry that cancels out the entry id of ref, at at.
func Reverse(tx *store.Txn, ref, id string, at time.Time) error {
	raw, err := tx.GetRaw(refKey(ref, id))
	if err != nil {
		return err
	}
	var e Entry
	if err := tx.Get(raw, &e); err != nil {
		return err
	}
	return Post(tx, Entry{Ref: ref, ID: "rev-" + id, At: at, Kind: e.Kind, Amount: -e.Amount,
		Unit: e.Unit, Room: e.Room, Method: e.Method, Reverses: id})
}

func decode(v []byte, e *Entry) error {
	if err := json.Unmarshal(v, e); err != nil {
		return fmt.Errorf("ledger: decode: %w", err)
	}
	return nil
}
