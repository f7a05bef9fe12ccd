package booking

import (
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/yeongdeungpo/kiosk/booking/pass"
	"github.com/yeongdeungpo/kiosk/internal/errs"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Status is where a booking is in its life.
type Status string

// Booking statuses.
const (
	StatusHeld      Status = "held" // unpaid hold; lapses after Settings.HoldHours
	StatusPaid      Status = "paid"
	StatusCheckedIn Status = "checked_in"
	StatusCompleted Status = "completed"
	StatusCancelled Status = "cancelled"
	StatusLapsed    Status = "lapsed"
	StatusNoShow    Status = "no_show"
	StatusBlocked   Status = "blocked" // staff took the room out (maintenance)
)

// HoldsSlots reports whether a booking in this status keeps its slots taken.
func (s Status) HoldsSlots() bool {
	switch s {
	case StatusHeld, StatusPaid, StatusCheckedIn, StatusCompleted, StatusBlocked:
		return true
	}
	return false
}

// Active reports whether the booking can still be paid, used or cancelled.
func (s Status) Active() bool {
	return s == StatusHeld || s == StatusPaid || s == StatusBlocked
}

// PayMethod is how a booking was paid at the front desk.
type PayMethod string

// Payment methods.
const (
	PayCash     PayMethod = "cash"
	PayCard     PayMethod = "card"
	PayTransfer PayMethod = "transfer"
)

// ParsePayMethod checks a method name.
func ParsePayMethod(s string) (PayMethod, error) {
	switch m := PayMethod(strings.ToLower(strings.TrimSpace(s))); m {
	case PayCash, PayCard, PayTransfer:
		return m, nil
	}
	return "", ErrPayMethod
}

// Booking is one rental of a room (or a staff block of it).
type Booking struct {
	ID     string    `json:"id"`
	Room   string    `json:"room"`
	From   time.Time `json:"from"`
	To     time.Time `json:"to"`
	Status Status    `json:"status"`
	// Fee is what the visitor pays: BaseFee + Surcharge - DiscountAmount.
	Fee            int64  `json:"fee"`
	BaseFee        int64  `json:"base_fee"`
	Surcharge      int64  `json:"surcharge"`
	DiscountID     string `json:"discount_id,omitempty"`
	DiscountName   string `json:"discount_name,omitempty"`
	DiscountPct    int    `json:"discount_pct,omitempty"`
	DiscountAmount int64  `json:"discount_amount,omitempty"`
	// Personal data, collected with consent; shown masked.
	Name  string `json:"name,omitempty"`
	Phone string `json:"phone,omitempty"`
	Org   string `json:"org,omitempty"`
	// Block: staff took the room out; Reason says why.
	Block  bool   `json:"block,omitempty"`
	Reason string `json:"reason,omitempty"`

	CreatedAt   time.Time `json:"created_at"`
	HoldUntil   time.Time `json:"hold_until,omitzero"`
	PaidAt      time.Time `json:"paid_at,omitzero"`
	PayMethod   PayMethod `json:"pay_method,omitempty"`
	CheckedInAt time.Time `json:"checked_in_at,omitzero"`
	CancelledAt time.Time `json:"cancelled_at,omitzero"`
	Refund      int64     `json:"refund,omitempty"`
	// ByCentre: the centre cancelled (full refund), not the visitor.
	ByCentre bool `json:"by_centre,omitempty"`
	// PurgedAt: when the personal data was destroyed after the retention
	// period.
	PurgedAt time.Time `json:"purged_at,omitzero"`
	// SlotsUntil is the end of the slots the booking holds (To plus the
	// room's cleaning buffer at booking time).
	SlotsUntil time.Time `json:"slots_until"`
}

// Request asks for a room from From to To for a visitor.
type Request struct {
	Room     string
	From, To time.Time
	Name     string
	Phone    string
	Org      string
	// DiscountID names one of Settings.Discounts, or "".
	DiscountID string
	// Consent: the visitor agreed to the collection of their details.
	Consent bool
}

// Refusals of the booking calls (codes in errors.go, sentences in the errs
// catalogue). Those whose sentence names a limit are returned with the value
// in force, and still match these with errors.Is.
var (
	ErrNotAligned = errs.New(CodeNotAligned)
	ErrBadLength  = errs.New(CodeBadLength)
	ErrClosed     = errs.New(CodeClosed)
	ErrPast       = errs.New(CodePast)
	ErrTooFar     = errs.New(CodeTooFar)
	ErrTaken      = errs.New(CodeTaken)
	// ErrUnreleased: a NoRelease service met a slot still held by a
	// lapsed hold or a no-show, which only the kiosk releases.
	ErrUnreleased    = errs.New(CodeUnreleased)
	ErrNotFound      = errs.New(CodeNotFound)
	ErrNoDiscount    = errs.New(CodeNoDiscount)
	ErrPayMethod     = errs.New(CodePayMethod)
	ErrNotPayable    = errs.New(CodeNotPayable)
	ErrLapsed        = errs.New(CodeLapsed)
	ErrNotCancel     = errs.New(CodeNotCancel)
	ErrPhoneMismatch = errs.New(CodePhoneMismatch)
	errIDExhausted   = errors.New("booking: could not pick a free booking code")
)

// SlotLength is the booking grid: bookings start and end on these steps.
const SlotLength = 30 * time.Minute

// Service reads and writes bookings in the store.
type Service struct {
	db   *store.DB
	now  seoul.Clock
	keys *pass.Keyring
	// keep: a slot held by a lapsed hold or a no-show stays taken
	// (ErrUnreleased) rather than being released (NoRelease).
	keep bool

	mu    sync.Mutex
	fails map[string]lookupFails // wrong "my booking" digits by code
}

// NewService returns a booking service over db using clock for "now" and
// keys to sign and check QR passes (nil: passes are not available). It is
// the kiosk's service unless NoRelease is given: a new booking releases the
// slots of a lapsed hold or a no-show in its way.
func NewService(db *store.DB, clock seoul.Clock, keys *pass.Keyring, opts ...Option) *Service {
	if clock == nil {
		clock = seoul.Now
	}
	s := &Service{db: db, now: clock, keys: keys, fails: map[string]lookupFails{}}
	for _, o := range opts {
		o(s)
	}
	return s
}

// Option changes how a Service works.
type Option func(*Service)

// NoRelease makes a service that never stores the clock's effects on other
// visitors' bookings (kioskctl's, whose clock may be overridden): a slot held
// by a hold that has lapsed or a booking that became a no-show stays taken,
// refused with ErrUnreleased, until the kiosk itself releases it (its sweep,
// or a booking made at the kiosk). The service still judges every booking it
// is asked about against its clock.
func NoRelease() Option { return func(s *Service) { s.keep = true } }

// Now is the service's clock.
func (s *Service) Now() time.Time { return s.now().In(seoul.Location) }

func bookingKey(id string) []byte { return store.Key("booking", id) }

func slotKey(room string, start time.Time) []byte { return store.Key("slot", room, start) }

func slotPrefix(room string) []byte { return store.Prefix("slot", room) }

// slotTimeOffset is where the time sits in a slot key of room.
func slotTimeOffset(room string) int { return len("slot/") + len(room) + 1 }

// dayIndexKey lists every booking made for a day, whatever became of it.
// Its value is dayFlags, so that a period's rentals are counted from the
// index alone (an empty value, written before the flags were kept, means
// the booking must be read).
func dayIndexKey(day time.Time, id string) []byte {
	return store.Key("day", seoul.Midnight(day), id)
}

// payGrace is the least time a visitor gets to pay and check in when booking
// a slot that is already under way.
const payGrace = 5 * time.Minute

// startPast reports whether a booking can no longer start at from: its slot
// is over, or its check-in window closes within payGrace (it would be a
// no-show before the visitor could pay and come in).
func startPast(from, now time.Time, st Settings) bool {
	return from.Before(now.Truncate(SlotLength)) ||
		!now.Before(from.Add(time.Duration(st.CheckInAfter)*time.Minute-payGrace))
}

// ceilSlot rounds t up to the slot grid.
func ceilSlot(t time.Time) time.Time {
	if r := t.Truncate(SlotLength); r.Before(t) {
		return r.Add(SlotLength)
	}
	return t
}

// Quote is the fee of a request, worked out the same way as Book does.
type Quote struct {
	Hours          float64
	BaseFee        int64
	Surcharge      int64
	SurchargePct   int
	Discount       Discount
	DiscountAmount int64
	Fee            int64
}

func quote(room Room, st Settings, day Day, from, to time.Time, d Discount) Quote {
	minutes := int64(to.Sub(from) / time.Minute)
	q := Quote{Hours: float64(minutes) / 60, BaseFee: room.HourlyFee * minutes / 60, Discount: d}
	if day.Surcharged() {
		q.SurchargePct = st.SurchargePercent
		q.Surcharge = q.BaseFee * int64(st.SurchargePercent) / 100
	}
	q.DiscountAmount = (q.BaseFee + q.Surcharge) * int64(d.Percent) / 100
	q.Fee = q.BaseFee + q.Surcharge - q.DiscountAmount
	return q
}

// checkRange applies the calendar rules to a range on day (the day of
// from): grid, length, past, how far ahead, opening hours of that day.
func checkRange(st Settings, day Day, from, to, now time.Time) error {
	if from.Truncate(SlotLength) != from || to.Truncate(SlotLength) != to || from.Nanosecond() != 0 || to.Nanosecond() != 0 {
		return ErrNotAligned
	}
	if d := to.Sub(from); d < time.Duration(st.MinMinutes)*time.Minute || d > time.Duration(st.MaxMinutes)*time.Minute {
		return errs.New(CodeBadLength, st.MinMinutes, st.MaxMinutes)
	}
	// A start is past once its slot is over, or once its check-in window has
	// closed: such a booking would lapse the moment it was made.
	if startPast(from, now, st) {
		return ErrPast
	}
	if seoul.Midnight(from).After(seoul.Midnight(now).AddDate(0, 0, st.AdvanceDays)) {
		return errs.New(CodeTooFar, st.AdvanceDays)
	}
	if !day.IsOpen || from.Before(day.Open) || to.After(day.Close) {
		return ErrClosed
	}
	return nil
}

// priced is a request checked against the rules and priced.
type priced struct {
	st       Settings
	room     Room
	from, to time.Time
	discount Discount
	quote    Quote
}

// price applies the calendar rules and the fee rules to req at now; Quote
// and Book both go through it so that the fee shown is the fee booked.
func price(tx *store.Txn, req Request, now time.Time) (priced, error) {
	var (
		st   Settings
		room Room
		err  error
	)
	if st, err = loadSettings(tx); err != nil {
		return priced{st: st}, err
	}
	if err := getRoom(tx, req.Room, &room); err != nil {
		return priced{st: st, room: room}, err
	}
	day, err := dayInfo(tx, st, req.From.In(seoul.Location), room.ID)
	if err != nil {
		return priced{st: st, room: room}, err
	}
	return priceRange(st, room, day, req.From, req.To, req.DiscountID, now)
}

// priceRange is price once the rules, the room and the day of from are
// read (Ends prices many ranges of one day with them).
func priceRange(st Settings, room Room, day Day, from, to time.Time, discountID string, now time.Time) (priced, error) {
	p := priced{st: st, room: room, from: from.In(seoul.Location), to: to.In(seoul.Location)}
	if err := checkRange(st, day, p.from, p.to, now); err != nil {
		return p, err
	}
	if discountID != "" {
		var ok bool
		if p.discount, ok = st.Discount(discountID); !ok {
			return p, ErrNoDiscount
		}
	}
	p.quote = quote(p.room, p.st, day, p.from, p.to, p.discount)
	return p, nil
}

// Quote prices a request without booking it (for the summary screen).
func (s *Service) Quote(req Request) (Quote, error) {
	var q Quote
	err := s.db.View(func(tx *store.Txn) error {
		p, err := price(tx, req, s.Now())
		q = p.quote
		return err
	})
	return q, err
}

// Book stores a new held booking, taking every slot it covers (plus the
// room's cleaning buffer). Two concurrent calls for overlapping times read
// and write the same slot keys, so one of them fails with ErrTaken; a slot
// still held by a lapsed hold or a no-show is released on the way by the
// kiosk's service, and refused with ErrUnreleased by a NoRelease one.
func (s *Service) Book(actor store.Actor, req Request) (Booking, error) {
	name, err := CleanName(req.Name)
	if err != nil {
		return Booking{}, err
	}
	phone, err := NormalizePhone(req.Phone)
	if err != nil {
		return Booking{}, err
	}
	org, err := CleanOrg(req.Org)
	if err != nil {
		return Booking{}, err
	}
	if !req.Consent {
		return Booking{}, ErrConsent
	}
	now := s.Now()
	var b Booking
	err = s.db.Update(actor, "booking.create", func(tx *store.Txn) error {
		p, err := price(tx, req, now)
		if err != nil {
			return err
		}
		st, room, from, to, d, q := p.st, p.room, p.from, p.to, p.discount, p.quote
		id, err := newID(tx)
		if err != nil {
			return err
		}
		b = Booking{
			ID: id, Room: room.ID, From: from, To: to, Status: StatusHeld,
			Fee: q.Fee, BaseFee: q.BaseFee, Surcharge: q.Surcharge,
			DiscountID: d.ID, DiscountName: d.Name, DiscountPct: d.Percent, DiscountAmount: q.DiscountAmount,
			Name: name, Phone: phone, Org: org,
			CreatedAt: now, HoldUntil: now.Add(time.Duration(st.HoldHours) * time.Hour),
			SlotsUntil: slotsUntil(room, to),
		}
		// A booking for soon must be paid by the end of its check-in window,
		// the same moment it would become a no-show.
		if end := from.Add(time.Duration(st.CheckInAfter) * time.Minute); b.HoldUntil.After(end) {
			b.HoldUntil = end
		}
		if err := insert(tx, st, b, now, s.keep); err != nil {
			return err
		}
		tx.Note("booking %s room=%s %s-%s fee=%d", id, room.ID, from.Format("2006-01-02T15:04"), to.Format("15:04"), b.Fee)
		return nil
	})
	if err != nil {
		return Booking{}, err
	}
	return b, nil
}

// insert stores a new booking: its slots, its day's index entry, itself.
// With keep, slots of bookings the clock has moved on stay taken.
func insert(tx *store.Txn, st Settings, b Booking, now time.Time, keep bool) error {
	if err := takeSlots(tx, st, b, now, keep); err != nil {
		return err
	}
	if err := putDayFlags(tx, b); err != nil {
		return err
	}
	return tx.Put(bookingKey(b.ID), b)
}

// slotsUntil is the end of the slots a booking of room ending at to holds:
// to plus the room's cleaning buffer, on the grid.
func slotsUntil(room Room, to time.Time) time.Time {
	return ceilSlot(to.Add(time.Duration(room.BufferMinutes) * time.Minute))
}

// takeSlots claims b's slots, releasing any still held by a booking that
// has lapsed or become a no-show by now; with keep such a slot is refused
// with ErrUnreleased instead, and no other booking is written.
func takeSlots(tx *store.Txn, st Settings, b Booking, now time.Time, keep bool) error {
	moved, err := newSlotCheck(tx, st, b.Room, now).free(b.From, b.SlotsUntil)
	if err != nil {
		return err
	}
	if keep && len(moved) > 0 {
		return ErrUnreleased
	}
	for _, next := range moved {
		if err := releaseSlots(tx, next); err != nil {
			return err
		}
		tx.Note("booking %s %s", next.ID, next.Status)
		if err := tx.Put(bookingKey(next.ID), next); err != nil {
			return err
		}
	}
	for t := b.From; t.Before(b.SlotsUntil); t = t.Add(SlotLength) {
		if err := tx.PutRaw(slotKey(b.Room, t), []byte(b.ID)); err != nil {
			return err
		}
	}
	return nil
}

// slotCheck is the slot-taken rule of one room at now, read in one
// transaction: a slot can be taken when no booking holds it, or when its
// holder has lapsed or become a no-show by now (the new booking takes it
// over). Book asks it once; Starts and Ends ask it about many overlapping
// ranges, so each slot key and each holder is read at most once.
type slotCheck struct {
	tx      *store.Txn
	st      Settings
	room    string
	now     time.Time
	holder  map[int64]slotHolder // by slot start (Unix), as read
	expired map[string]*Booking  // holder id -> the holder moved on by now, nil when it keeps its slots
}

type slotHolder struct {
	id   string
	held bool
}

func newSlotCheck(tx *store.Txn, st Settings, room string, now time.Time) *slotCheck {
	return &slotCheck{tx: tx, st: st, room: room, now: now,
		holder: map[int64]slotHolder{}, expired: map[string]*Booking{}}
}

// free returns ErrTaken unless every slot from..until can be taken; when
// they can, it lists the holders that have moved on (once each), for the
// caller to release.
func (c *slotCheck) free(from, until time.Time) ([]Booking, error) {
	var moved []Booking
	seen := map[string]bool{}
	for t := from; t.Before(until); t = t.Add(SlotLength) {
		h, err := c.holderOf(t)
		if err != nil {
			return nil, err
		}
		id := h.id
		if !h.held || seen[id] {
			continue
		}
		next, ok := c.expired[id]
		if !ok {
			var other Booking
			if err := c.tx.Get(bookingKey(id), &other); err != nil {
				return nil, err
			}
			if n, gone := expire(other, c.st, c.now); gone {
				next = &n
			}
			c.expired[id] = next
		}
		if next == nil {
			return nil, ErrTaken
		}
		seen[id] = true
		moved = append(moved, *next)
	}
	return moved, nil
}

// read reads the slots from..until with one range scan instead of a
// lookup each (for Starts and Ends, which ask about most of them).
func (c *slotCheck) read(from, until time.Time) error {
	for t := from; t.Before(until); t = t.Add(SlotLength) {
		c.holder[t.Unix()] = slotHolder{}
	}
	off := slotTimeOffset(c.room)
	return c.tx.Range(slotPrefix(c.room), slotKey(c.room, from), slotKey(c.room, until), func(k, v []byte) error {
		c.holder[store.Int64At(k, off)] = slotHolder{id: string(v), held: true}
		return nil
	})
}

func (c *slotCheck) holderOf(t time.Time) (slotHolder, error) {
	if h, ok := c.holder[t.Unix()]; ok {
		return h, nil
	}
	raw, err := c.tx.GetRaw(slotKey(c.room, t))
	var h slotHolder
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return h, err
	default:
		h = slotHolder{id: string(raw), held: true}
	}
	c.holder[t.Unix()] = h
	return h, nil
}

// releaseSlots frees the slots b holds (only those still pointing at b).
func releaseSlots(tx *store.Txn, b Booking) error {
	for t := b.From; t.Before(b.SlotsUntil); t = t.Add(SlotLength) {
		holder, err := tx.GetRaw(slotKey(b.Room, t))
		if errors.Is(err, store.ErrNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if string(holder) == b.ID {
			if err := tx.Delete(slotKey(b.Room, t)); err != nil {
				return err
			}
		}
	}
	return nil
}

// expire returns b moved on by the clock, if it should be: an unpaid hold
// past its time lapses, a paid booking not checked in by the end of the
// check-in window is a no-show, a checked-in one past its end is completed.
// ok is false when nothing changes or the slots stay taken.
func expire(b Booking, st Settings, now time.Time) (next Booking, freed bool) {
	switch {
	case b.Status == StatusHeld && !now.Before(b.HoldUntil):
		b.Status = StatusLapsed
	case (b.Status == StatusHeld || b.Status == StatusPaid) && now.After(b.From.Add(time.Duration(st.CheckInAfter)*time.Minute)):
		b.Status = StatusNoShow
	default:
		return b, false
	}
	return b, true
}

func (s *Service) load(tx *store.Txn, id string) (Booking, error) {
	var b Booking
	err := tx.Get(bookingKey(strings.ToUpper(strings.TrimSpace(id))), &b)
	if errors.Is(err, store.ErrNotFound) {
		return b, ErrNotFound
	}
	return b, err
}

// Get returns one booking.
func (s *Service) Get(id string) (Booking, error) {
	var b Booking
	err := s.db.View(func(tx *store.Txn) error {
		var err error
		b, err = s.load(tx, id)
		return err
	})
	return b, err
}

// Lookup attempts: after lookupTries wrong phone digits for one booking code
// the code is refused for lookupLock, so the 10,000 possible digits cannot
// be tried at the screen.
const (
	lookupTries = 5
	lookupLock  = 15 * time.Minute
)

// ErrLookupLocked: too many wrong digits were tried for this booking code.
// Returned with the minutes the lock has left.
var ErrLookupLocked = errs.New(CodeLookupLocked)

type lookupFails struct {
	n     int
	until time.Time
}

// Lookup finds a visitor's booking by its code and the last four digits of
// the phone it was made with (the "my booking" screen).
func (s *Service) Lookup(id, phoneLast4 string) (Booking, error) {
	id = strings.ToUpper(strings.TrimSpace(id))
	now := s.Now()
	s.mu.Lock()
	f := s.fails[id]
	s.mu.Unlock()
	if now.Before(f.until) {
		left := (f.until.Sub(now) + time.Minute - 1) / time.Minute
		return Booking{}, errs.New(CodeLookupLocked, int(left))
	}
	b, err := s.Get(id)
	if err != nil {
		return Booking{}, err
	}
	if len(phoneLast4) != 4 || !strings.HasSuffix(b.Phone, phoneLast4) || b.Block {
		s.mu.Lock()
		f := s.fails[id]
		f.n++
		if f.n >= lookupTries {
			f = lookupFails{until: now.Add(lookupLock)}
		}
		s.fails[id] = f
		s.mu.Unlock()
		return Booking{}, ErrPhoneMismatch
	}
	s.mu.Lock()
	delete(s.fails, id)
	s.mu.Unlock()
	return b, nil
}

// Pay marks a held booking paid at the front desk; it needs
// staff.PermBookings.
func (s *Service) Pay(actor store.Actor, id string, method PayMethod) (Booking, error) {
	method, err := ParsePayMethod(string(method))
	if err != nil {
		return Booking{}, err
	}
	now := s.Now()
	var b Booking
	err = s.db.Update(actor, "booking.pay", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermBookings); err != nil {
			return err
		}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		if b, err = s.load(tx, id); err != nil {
			return err
		}
		if err := payable(b, st, now); err != nil {
			return err
		}
		b.Status, b.PaidAt, b.PayMethod = StatusPaid, now, method
		tx.Note("booking %s paid %d %s", b.ID, b.Fee, method)
		if err := postPayment(tx, b); err != nil {
			return err
		}
		if err := putDayFlags(tx, b); err != nil {
			return err
		}
		return tx.Put(bookingKey(b.ID), b)
	})
	if err != nil {
		return Booking{}, err
	}
	return b, nil
}

// payable is the payment rule: only a held booking can be paid, while its
// hold lasts and before its check-in window has closed.
func payable(b Booking, st Settings, now time.Time) error {
	if lapsed(b, now) {
		return ErrLapsed
	}
	if b.Status != StatusHeld {
		return ErrNotPayable
	}
	if _, gone := expire(b, st, now); gone {
		return ErrNotPayable
	}
	return nil
}

// CanPay is nil when b can be paid now, else the refusal Pay would give.
func (s *Service) CanPay(b Booking) error {
	st, err := s.Settings()
	if err != nil {
		return err
	}
	return payable(b, st, s.Now())
}

// CanCancel is nil when b can be cancelled now, by the visitor or by the
// centre, else the refusal Cancel or CancelByCentre would give.
func (s *Service) CanCancel(b Booking, byCentre bool) error {
	st, err := s.Settings()
	if err != nil {
		return err
	}
	_, _, err = cancelOutcome(b, st, s.Now(), byCentre)
	return err
}

// RefundFor is what cancelling b at now gives back: nothing for an unpaid
// hold, otherwise the refund table's share of the fee.
func RefundFor(b Booking, st Settings, now time.Time) (pct int, amount int64) {
	if b.Status != StatusPaid {
		return 0, 0
	}
	days := int(seoul.Midnight(b.From).Sub(seoul.Midnight(now)).Hours()+12) / 24
	for _, t := range st.Refunds {
		if days >= t.DaysBefore {
			return t.Percent, b.Fee * int64(t.Percent) / 100
		}
	}
	return 0, 0
}

// CancelQuoteResult is what a cancellation would do now: the refund, and its
// share of the fee.
type CancelQuoteResult struct {
	Booking Booking
	Percent int
	Refund  int64
}

// CancelQuote is what cancelling id now would refund, by the visitor or by
// the centre (byCentre), worked out by the same rules Cancel and
// CancelByCentre apply; the error is the refusal they would give.
func (s *Service) CancelQuote(id string, byCentre bool) (CancelQuoteResult, error) {
	var q CancelQuoteResult
	now := s.Now()
	err := s.db.View(func(tx *store.Txn) error {
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		if q.Booking, err = s.load(tx, id); err != nil {
			return err
		}
		q.Percent, q.Refund, err = cancelOutcome(q.Booking, st, now, byCentre)
		return err
	})
	return q, err
}

// cancelOutcome is the cancellation rule: whether b can be cancelled at
// now, and what it refunds. The visitor may cancel a held or paid booking
// (or staff lift a block) before it starts, refunded by the refund table;
// the centre may cancel until the booking ends, a checked-in one too, and
// gives the whole fee back of what was paid.
func cancelOutcome(b Booking, st Settings, now time.Time, byCentre bool) (pct int, refund int64, err error) {
	if lapsed(b, now) {
		return 0, 0, ErrLapsed
	}
	if !byCentre {
		if err := cancellable(b, now); err != nil {
			return 0, 0, err
		}
		pct, refund = RefundFor(b, st, now)
		return pct, refund, nil
	}
	if !(b.Status.Active() || b.Status == StatusCheckedIn) || !now.Before(b.To) {
		return 0, 0, ErrNotCancel
	}
	if b.Status == StatusPaid || b.Status == StatusCheckedIn {
		return 100, b.Fee, nil
	}
	return 0, 0, nil
}

// lapsed reports whether b is an unpaid hold past its time, whether or not
// a sweep (or a booking taking its slots) has marked it yet.
func lapsed(b Booking, now time.Time) bool {
	return b.Status == StatusLapsed || (b.Status == StatusHeld && !now.Before(b.HoldUntil))
}

func cancellable(b Booking, now time.Time) error {
	if lapsed(b, now) {
		return ErrLapsed
	}
	if !b.Status.Active() || (!b.Block && !now.Before(b.From)) {
		return ErrNotCancel
	}
	return nil
}

// Cancel cancels a held or paid booking before it starts (or lifts a
// block), frees its slots and records the refund, for the desk: it needs
// staff.PermBookings. A visitor cancels with CancelOwn.
func (s *Service) Cancel(actor store.Actor, id string) (Booking, error) {
	return s.cancel(actor, id, false, "")
}

// CancelOwn is a visitor cancelling their own booking, proved as Lookup
// proves it: the booking's code and the last four digits of the phone it
// was made with (wrong digits count towards Lookup's lock). A block is
// never a visitor's (ErrNotCancel).
func (s *Service) CancelOwn(id, phoneLast4 string) (Booking, error) {
	b, err := s.Lookup(id, phoneLast4)
	if err != nil {
		return Booking{}, err
	}
	return s.cancel(ActorVisitor, b.ID, false, phoneLast4)
}

// CancelByCentre cancels a booking the centre cannot honour (a closure,
// a broken room): a paid booking gets its whole fee back whatever the
// date, and it may be cancelled until its end, not only before its start.
// It needs staff.PermBookings.
func (s *Service) CancelByCentre(actor store.Actor, id string) (Booking, error) {
	return s.cancel(actor, id, true, "")
}

// cancel cancels id for actor; a visitor proves the booking theirs with
// the phone's last four digits (checked again in the transaction).
func (s *Service) cancel(actor store.Actor, id string, byCentre bool, phoneLast4 string) (Booking, error) {
	now := s.Now()
	action := "booking.cancel"
	if byCentre {
		action = "booking.cancel.centre"
	}
	var b Booking
	err := s.db.Update(actor, action, func(tx *store.Txn) error {
		if byCentre || actor != ActorVisitor || phoneLast4 == "" {
			if err := staff.Require(tx, actor, staff.PermBookings); err != nil {
				return err
			}
		}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		if b, err = s.load(tx, id); err != nil {
			return err
		}
		if actor == ActorVisitor {
			if b.Block {
				return ErrNotCancel // only staff lift a block
			}
			if len(phoneLast4) != 4 || !strings.HasSuffix(b.Phone, phoneLast4) {
				return ErrPhoneMismatch
			}
		}
		if _, b.Refund, err = cancelOutcome(b, st, now, byCentre); err != nil {
			return err
		}
		b.ByCentre = byCentre
		b.Status, b.CancelledAt = StatusCancelled, now
		if err := releaseSlots(tx, b); err != nil {
			return err
		}
		tx.Note("booking %s cancelled refund=%d by_centre=%v", b.ID, b.Refund, byCentre)
		if err := postRefund(tx, b); err != nil {
			return err
		}
		if err := putDayFlags(tx, b); err != nil {
			return err
		}
		return tx.Put(bookingKey(b.ID), b)
	})
	if err != nil {
		return Booking{}, err
	}
	return b, nil
}

// ErrBlock: a block needs a reason and valid times.
var ErrBlock = errs.New(CodeBlock)

// Block takes a room out for maintenance from..to: its slots are held by a
// staff booking with no fee and no pass. Lift it with Cancel. It needs
// staff.PermBookings.
func (s *Service) Block(actor store.Actor, room string, from, to time.Time, reason string) (Booking, error) {
	reason = strings.TrimSpace(reason)
	from, to = from.In(seoul.Location), to.In(seoul.Location)
	if reason == "" || len([]rune(reason)) > 60 || !from.Before(to) || from.Truncate(SlotLength) != from || to.Truncate(SlotLength) != to {
		return Booking{}, ErrBlock
	}
	now := s.Now()
	var b Booking
	err := s.db.Update(actor, "booking.block", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermBookings); err != nil {
			return err
		}
		return withRoom(tx, room, func(st Settings, r Room) error {
			if !to.After(now) {
				return ErrPast
			}
			id, err := newID(tx)
			if err != nil {
				return err
			}
			b = Booking{ID: id, Room: r.ID, From: from, To: to, SlotsUntil: to, Status: StatusBlocked,
				Block: true, Reason: reason, CreatedAt: now}
			if err := insert(tx, st, b, now, s.keep); err != nil {
				return err
			}
			tx.Note("block %s room=%s %s-%s", id, r.ID, from.Format("2006-01-02T15:04"), to.Format("2006-01-02T15:04"))
			return nil
		})
	})
	if err != nil {
		return Booking{}, err
	}
	return b, nil
}

// OnDay lists every booking made for date (cancelled ones too), by start.
func (s *Service) OnDay(date time.Time) ([]Booking, error) { return s.Between(date, date) }

func sortByStart(bs []Booking) {
	sort.SliceStable(bs, func(i, j int) bool {
		if !bs[i].From.Equal(bs[j].From) {
			return bs[i].From.Before(bs[j].From)
		}
		return bs[i].Room < bs[j].Room
	})
}

// SweepResult counts what a sweep changed.
type SweepResult struct {
	Lapsed, NoShows, Completed int
}

// Sweep moves bookings on with the clock: unpaid holds past their time
// lapse, bookings not checked in by the end of the window are released as
// no-shows (their slots free up), checked-in ones past their end complete.
// It looks at the days from yesterday minus the hold time to today.
func (s *Service) Sweep(actor store.Actor) (SweepResult, error) {
	now := s.Now()
	var res SweepResult
	var due []string
	err := s.db.View(func(tx *store.Txn) error {
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		first := seoul.Midnight(now).AddDate(0, 0, -1-st.HoldHours/24)
		last := seoul.Midnight(now).AddDate(0, 0, st.AdvanceDays+1)
		return tx.Range(store.Prefix("day"), store.Key("day", first), store.Key("day", last), func(k, _ []byte) error {
			id := string(k[len(store.Prefix("day", first)):])
			b, err := s.load(tx, id)
			if err != nil {
				return err
			}
			if _, ok := expire(b, st, now); ok || (b.Status == StatusCheckedIn && !now.Before(b.To)) {
				due = append(due, id)
			}
			return nil
		})
	})
	if err != nil || len(due) == 0 {
		return res, err
	}
	err = s.db.Update(actor, "booking.sweep", func(tx *store.Txn) error {
		res = SweepResult{}
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		for _, id := range due {
			b, err := s.load(tx, id)
			if err != nil {
				return err
			}
			if b.Status == StatusCheckedIn && !now.Before(b.To) {
				b.Status = StatusCompleted
				res.Completed++
			} else if next, ok := expire(b, st, now); ok {
				if err := releaseSlots(tx, next); err != nil {
					return err
				}
				b = next
				if b.Status == StatusLapsed {
					res.Lapsed++
				} else {
					res.NoShows++
				}
			} else {
				continue
			}
			tx.Note("booking %s %s", b.ID, b.Status)
			if err := tx.Put(bookingKey(b.ID), b); err != nil {
				return err
			}
		}
		return nil
	})
	return res, err
}

// codeAlphabet leaves out 0/O and 1/I/L so a code read aloud or typed is not
// mistaken.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

func newID(tx *store.Txn) (string, error) {
	for range 8 {
		id := randomCode(8)
		exists, err := tx.Has(bookingKey(id))
		if err != nil {
			return "", err
		}
		if !exists {
			return id, nil
		}
	}
	return "", errIDExhausted
}

// randomCode draws n characters from codeAlphabet without modulo bias.
func randomCode(n int) string {
	const limit = 256 - 256%len(codeAlphabet)
	out := make([]byte, 0, n)
	buf := make([]byte, 2*n)
	for len(out) < n {
		_, _ = rand.Read(buf) // crypto/rand.Read never fails on Linux (Go 1.24+)
		for _, c := range buf {
			if int(c) < limit && len(out) < n {
				out = append(out, codeAlphabet[int(c)%len(codeAlphabet)])
			}
		}
	}
	return string(out)
}

func decode(v []byte, dst any) error {
	if err := json.Unmarshal(v, dst); err != nil {
		return fmt.Errorf("booking: decode: %w", err)
	}
	return nil
}
