package main

import (
	"flag"
	"fmt"
	"time"

	"github.com/yeongdeungpo/kiosk/booking"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// bookingJSON is what book prints under -json (no personal data).
type bookingJSON struct {
	ID     string `json:"id"`
	Room   string `json:"room"`
	From   string `json:"from"`
	To     string `json:"to"`
	Fee    int64  `json:"fee"`
	Status string `json:"status"`
}

// bookCmd books a room for a visitor. The staff member entering it
// confirms that the visitor consented to the collection of their details.
type bookCmd struct {
	room, from, to, name, phone, org string
	fromT, toT                       time.Time
}

func (c *bookCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.room, "room", "", "room id (kioskctl rooms)")
	fs.StringVar(&c.from, "from", "", "start, YYYY-MM-DDTHH:MM")
	fs.StringVar(&c.to, "to", "", "end, YYYY-MM-DDTHH:MM")
	fs.StringVar(&c.name, "name", "", "visitor's name (given with consent)")
	fs.StringVar(&c.phone, "phone", "", "visitor's mobile number (given with consent)")
	fs.StringVar(&c.org, "org", "", "organisation (optional)")
}

func (c *bookCmd) check(set map[string]bool) error {
	for _, name := range []string{"room", "from", "to", "name", "phone"} {
		if !set[name] {
			return missing(name)
		}
	}
	var err error
	if c.fromT, err = parseTime("-from", c.from); err != nil {
		return err
	}
	c.toT, err = parseTime("-to", c.to)
	return err
}

func (c *bookCmd) run(e *env) error {
	b, err := e.c.Booking.Book(store.ActorCLI, booking.Request{
		Room: c.room, From: c.fromT, To: c.toT,
		Name: c.name, Phone: c.phone, Org: c.org,
		// Whoever books by kioskctl confirms the visitor consented (see
		// the command's usage).
		Consent: true,
	})
	if err != nil {
		return err
	}
	ko, en := e.roomNames(b.Room)
	when := span(b.From, b.To)
	human := fmt.Sprintf("예약 %s %s %s %s (%s) / booking %s %s %s %s (%s)\n",
		b.ID, ko, when, won(b.Fee), statusKO(b.Status), b.ID, en, when, krw(b.Fee), b.Status)
	human += fmt.Sprintf("예약자 %s, 결제 기한 %s / visitor %s, pay by %s",
		visitor(b), stamp(b.HoldUntil), visitor(b), stamp(b.HoldUntil))
	return e.emit(bookingJSON{ID: b.ID, Room: b.Room, From: stamp(b.From), To: stamp(b.To), Fee: b.Fee, Status: string(b.Status)}, human)
}

// statusJSON is what pay prints under -json.
type statusJSON struct {
	ID     string `json:"id"`
	Status string `json:"status"`
}

// payCmd records a payment taken at the front desk.
type payCmd struct {
	id, method string
	pm         booking.PayMethod
}

func (c *payCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.id, "booking", "", "booking code")
	fs.StringVar(&c.method, "method", string(booking.PayCash), "cash, card or transfer")
}

func (c *payCmd) check(set map[string]bool) error {
	if !set["booking"] {
		return missing("booking")
	}
	var err error
	c.pm, err = booking.ParsePayMethod(c.method)
	return err
}

func (c *payCmd) run(e *env) error {
	b, err := e.c.Booking.Pay(store.ActorCLI, c.id, c.pm)
	if err != nil {
		return err
	}
	human := fmt.Sprintf("결제 완료 %s %s %s / paid %s %s %s",
		b.ID, won(b.Fee), methodKO(b.PayMethod), b.ID, krw(b.Fee), b.PayMethod)
	return e.emit(statusJSON{ID: b.ID, Status: string(b.Status)}, human)
}

func methodKO(m booking.PayMethod) string {
	switch m {
	case booking.PayCash:
		return "현금"
	case booking.PayCard:
		return "카드"
	case booking.PayTransfer:
		return "계좌이체"
	}
	return string(m)
}

// cancelJSON is what cancel prints under -json.
type cancelJSON struct {
	ID     string `json:"id"`
	Status string `json:"status"`
	Refund int64  `json:"refund"`
}

// cancelCmd cancels a booking with the refund the rules give.
type cancelCmd struct{ id string }

func (c *cancelCmd) flags(fs *flag.FlagSet) {
	fs.StringVar(&c.id, "booking", "", "booking code")
}

func (c *cancelCmd) check(set map[string]bool) error {
	if !set["booking"] {
		return missing("booking")
	}
	return nil
}

func (c *cancelCmd) run(e *env) error {
	b, err := e.c.Booking.Cancel(store.ActorCLI, c.id)
	if err != nil {
		return err
	}
	human := fmt.Sprintf("취소 완료 %s, 환불 %s (결제액 %s) / cancelled %s, refund %s of %s paid",
		b.ID, won(b.Refund), won(b.Fee), b.ID, krw(b.Refund), krw(b.Fee))
	if b.PaidAt.IsZero() {
		human = fmt.Sprintf("취소 완료 %s, 결제 전이라 환불 없음 / cancelled %s, unpaid so no refund", b.ID, b.ID)
	}
	return e.emit(cancelJSON{ID: b.ID, Status: string(b.Status), Refund: b.Refund}, human)
}
