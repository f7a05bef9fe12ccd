package booking

import (
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// mockClock is a clock tests move by hand; safe for concurrent use.
type mockClock struct{ ns atomic.Int64 }

func newMockClock(t time.Time) *mockClock {
	c := &mockClock{}
	c.Set(t)
	return c
}

func (c *mockClock) Now() time.Time          { return time.Unix(0, c.ns.Load()).In(seoul.Location) }
func (c *mockClock) Set(t time.Time)         { c.ns.Store(t.UnixNano()) }
func (c *mockClock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

// newClockedService is newTestService with a clock the test can move.
func newClockedService(t *testing.T, now time.Time) (*Service, *store.DB, *mockClock) {
	t.Helper()
	svc, db := newTestService(t, now)
	clk := newMockClock(now)
	svc.now = clk.Now
	return svc, db, clk
}

// visitorReq is a valid request for room from..to.
func visitorReq(room string, from, to time.Time) Request {
	return Request{Room: room, From: from, To: to, Name: "홍길동", Phone: "010-1234-5678", Consent: true}
}

func mustBook(t *testing.T, svc *Service, room string, from, to time.Time) Booking {
	t.Helper()
	b, err := svc.Book(store.ActorVisitor, visitorReq(room, from, to))
	if err != nil {
		t.Fatalf("Book %s %v-%v: %v", room, from.Format("01-02 15:04"), to.Format("15:04"), err)
	}
	return b
}

func mustPay(t *testing.T, svc *Service, id string) Booking {
	t.Helper()
	b, err := svc.Pay(manager(t, svc.db), id, PayCard)
	if err != nil {
		t.Fatalf("Pay %s: %v", id, err)
	}
	return b
}

func mustGet(t *testing.T, svc *Service, id string) Booking {
	t.Helper()
	b, err := svc.Get(id)
	if err != nil {
		t.Fatalf("Get %s: %v", id, err)
	}
	return b
}

// checkSlots fails unless room's slots from..until all point at id.
func checkSlots(t *testing.T, db *store.DB, room string, from, until time.Time, id string) {
	t.Helper()
	slots := map[int64]string{} // by Unix time: a decoded booking's times are not in seoul.Location
	for s, v := range slotsOf(t, db, room) {
		slots[s.Unix()] = v
	}
	for s := from; s.Before(until); s = s.Add(SlotLength) {
		if slots[s.Unix()] != id {
			t.Errorf("%s slot %s -> %q, want %q", room, s.In(seoul.Location).Format("01-02 15:04"), slots[s.Unix()], id)
		}
	}
}

// slotsHeldBy counts the slot keys (of every room) that point at id.
func slotsHeldBy(t *testing.T, db *store.DB, id string) int {
	t.Helper()
	n := 0
	if err := db.View(func(tx *store.Txn) error {
		return tx.Scan(store.Prefix("slot"), func(_, v []byte) error {
			if string(v) == id {
				n++
			}
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

// Thursday 26 November 2026, 08:00: the day before friday.
var thursdayMorning = seoul.Date(2026, 11, 26, 8, 0)

func TestFees(t *testing.T) {
	cases := []struct {
		name                 string
		room                 string
		from, to             time.Time
		discount             string
		base, surcharge, fee int64
		discAmount           int64
		discName             string
		discPct              int
	}{
		{"one hour", "meeting", at(friday, 10, 0), at(friday, 11, 0), "", 10000, 0, 10000, 0, "", 0},
		{"90 minutes pro rata", "multipurpose", at(friday, 10, 0), at(friday, 11, 30), "", 22500, 0, 22500, 0, "", 0},
		{"8 hours", "seminar", at(friday, 9, 0), at(friday, 17, 0), "", 160000, 0, 160000, 0, "", 0},
		{"saturday +30%", "seminar", at(saturday, 10, 0), at(saturday, 12, 30), "", 50000, 15000, 65000, 0, "", 0},
		{"saturday 90 minutes", "multipurpose", at(saturday, 9, 0), at(saturday, 10, 30), "", 22500, 6750, 29250, 0, "", 0},
		{"tenant 50%", "meeting", at(friday, 14, 0), at(friday, 16, 0), "tenant", 20000, 0, 10000, 10000, "입주기업", 50},
		{"disability on saturday", "seminar", at(saturday, 9, 0), at(saturday, 11, 0), "disabled", 40000, 12000, 26000, 26000, "장애인", 50},
		{"national merit, odd won", "multipurpose", at(saturday, 9, 0), at(saturday, 10, 30), "merit", 22500, 6750, 14625, 14625, "국가유공자", 50},
		{"consulting 90 minutes merit", "consulting", at(friday, 9, 0), at(friday, 10, 30), "merit", 7500, 0, 3750, 3750, "국가유공자", 50},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, _ := newTestService(t, thursdayMorning)
			req := visitorReq(c.room, c.from, c.to)
			req.DiscountID = c.discount
			q, err := svc.Quote(req)
			if err != nil {
				t.Fatal(err)
			}
			b, err := svc.Book(store.ActorVisitor, req)
			if err != nil {
				t.Fatal(err)
			}
			if b.BaseFee != c.base || b.Surcharge != c.surcharge || b.Fee != c.fee || b.DiscountAmount != c.discAmount {
				t.Errorf("booking base %d surcharge %d discount %d fee %d; want %d %d %d %d",
					b.BaseFee, b.Surcharge, b.DiscountAmount, b.Fee, c.base, c.surcharge, c.discAmount, c.fee)
			}
			if b.Fee != b.BaseFee+b.Surcharge-b.DiscountAmount {
				t.Errorf("fee %d != base + surcharge - discount", b.Fee)
			}
			if b.DiscountID != c.discount || b.DiscountName != c.discName || b.DiscountPct != c.discPct {
				t.Errorf("discount recorded as %q %q %d%%, want %q %q %d%%", b.DiscountID, b.DiscountName, b.DiscountPct, c.discount, c.discName, c.discPct)
			}
			if q.Fee != b.Fee || q.BaseFee != b.BaseFee || q.Surcharge != b.Surcharge || q.DiscountAmount != b.DiscountAmount || q.Discount.ID != b.DiscountID {
				t.Errorf("Quote %+v disagrees with Book %+v", q, b)
			}
			if want := c.to.Sub(c.from).Hours(); q.Hours != want {
				t.Errorf("Quote hours %v, want %v", q.Hours, want)
			}
			if wantPct := map[bool]int{true: 30, false: 0}[c.surcharge != 0]; q.SurchargePct != wantPct {
				t.Errorf("Quote surcharge %d%%, want %d%%", q.SurchargePct, wantPct)
			}
			if got := mustGet(t, svc, b.ID); got.Fee != c.fee || got.DiscountName != c.discName || got.DiscountPct != c.discPct || got.DiscountAmount != c.discAmount {
				t.Errorf("stored booking %+v", got)
			}
		})
	}

	t.Run("unknown discount", func(t *testing.T) {
		svc, db := newTestService(t, thursdayMorning)
		audits := auditCount(t, db)
		req := visitorReq("meeting", at(friday, 10, 0), at(friday, 11, 0))
		req.DiscountID = "student"
		if _, err := svc.Quote(req); !errors.Is(err, ErrNoDiscount) {
			t.Errorf("Quote err = %v, want ErrNoDiscount", err)
		}
		if _, err := svc.Book(store.ActorVisitor, req); !errors.Is(err, ErrNoDiscount) {
			t.Errorf("Book err = %v, want ErrNoDiscount", err)
		}
		if n := countKeys(t, db, "booking") + countKeys(t, db, "slot") + countKeys(t, db, "day"); n != 0 {
			t.Errorf("%d keys written", n)
		}
		if n := auditCount(t, db); n != audits {
			t.Errorf("audit entries %d -> %d", audits, n)
		}
	})
	t.Run("fee set by staff, old bookings keep theirs", func(t *testing.T) {
		svc, _ := newTestService(t, thursdayMorning)
		old := mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 11, 0))
		r, err := svc.Room("meeting")
		if err != nil {
			t.Fatal(err)
		}
		r.HourlyFee = 12000
		if err := svc.UpdateRoom(manager(t, svc.db), r); err != nil {
			t.Fatal(err)
		}
		nb := mustBook(t, svc, "meeting", at(friday, 13, 0), at(friday, 14, 30))
		if nb.Fee != 18000 {
			t.Errorf("new fee %d, want 18000", nb.Fee)
		}
		if got := mustGet(t, svc, old.ID); got.Fee != 10000 {
			t.Errorf("old booking's fee changed to %d", got.Fee)
		}
	})
}

func TestCleanName(t *testing.T) {
	cases := []struct {
		in, want string
		ok       bool
	}{
		{"홍길동", "홍길동", true},
		{"  홍길동  ", "홍길동", true},
		{"Kim   Min  Su", "Kim Min Su", true},
		{"김\t민수", "김 민수", true},
		{"\u3000이순신\u3000", "이순신", true}, // ideographic spaces
		{"李", "李", true},
		{"가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나", "가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나", true}, // 30
		{"가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다", "", false},                             // 31
		{"", "", false},
		{"   ", "", false},
		{"홍\x00길동", "", false},
		{"홍길동\x07", "", false},
		{"\x1b[31m홍", "", false},
		{"홍\u007f", "", false},
		{"홍\u200b길동", "", false}, // zero-width space
		{"\u200b", "", false},
		{"홍\u202e동길", "", false}, // right-to-left override
		{"홍\xff길동", "", false},   // invalid UTF-8
	}
	for _, c := range cases {
		got, err := CleanName(c.in)
		if c.ok {
			if err != nil || got != c.want {
				t.Errorf("CleanName(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
		} else if !errors.Is(err, ErrName) || got != "" {
			t.Errorf("CleanName(%q) = %q, %v; want ErrName", c.in, got, err)
		}
	}
	if got, err := CleanOrg(""); err != nil || got != "" {
		t.Errorf("CleanOrg(\"\") = %q, %v", got, err)
	}
	if got, err := CleanOrg(" (주)  영등포 스타트업 "); err != nil || got != "(주) 영등포 스타트업" {
		t.Errorf("CleanOrg = %q, %v", got, err)
	}
	long := ""
	for range 41 {
		long += "가"
	}
	if _, err := CleanOrg(long); !errors.Is(err, ErrOrg) {
		t.Errorf("41-character organisation: %v, want ErrOrg", err)
	}
}

func TestNormalizePhone(t *testing.T) {
	cases := []struct {
		in, want string // want "" means refused
	}{
		{"010-1234-5678", "010-1234-5678"},
		{"01012345678", "010-1234-5678"},
		{"010 1234 5678", "010-1234-5678"},
		{" 010-1234-5678 ", "010-1234-5678"},
		{"010 - 1234 - 5678", "010-1234-5678"},
		{"011-123-4567", "011-123-4567"},
		{"0111234567", "011-123-4567"},
		{"011-1234-5678", "011-1234-5678"},
		{"016-123-4567", "016-123-4567"},
		{"017-1234-5678", "017-1234-5678"},
		{"018-123-4567", "018-123-4567"},
		{"019-9876-5432", "019-9876-5432"},
		{"02-123-4567", ""},    // Seoul landline
		{"02-1234-5678", ""},   // 10 digits, but a landline
		{"031-123-4567", ""},   // Gyeonggi landline
		{"0101234567", ""},     // 010 needs 11 digits
		{"010-123-4567", ""},   // same with hyphens
		{"012-1234-5678", ""},  // no such carrier prefix
		{"015-1234-5678", ""},  // nor this one
		{"010-1234-567a", ""},  // letters
		{"010-CALL-KIOSK", ""}, // letters
		{"010-1234-56789", ""}, // 12 digits
		{"010123456789012", ""},
		{"+82 10-1234-5678", ""}, // international form: refused (see report)
		{"+821012345678", ""},
		{"82-10-1234-5678", ""},
		{"010.1234.5678", ""},
		{"０１０-1234-5678", ""}, // full-width digits
		{"010\t1234\t5678", ""},
		{"", ""},
		{"-", ""},
		{"010", ""},
	}
	for _, c := range cases {
		got, err := NormalizePhone(c.in)
		if c.want != "" {
			if err != nil || got != c.want {
				t.Errorf("NormalizePhone(%q) = %q, %v; want %q", c.in, got, err, c.want)
			}
		} else if !errors.Is(err, ErrPhone) || got != "" {
			t.Errorf("NormalizePhone(%q) = %q, %v; want ErrPhone", c.in, got, err)
		}
	}
}

func TestMasks(t *testing.T) {
	phones := map[string]string{
		"010-1234-5678": "010-****-5678",
		"011-123-4567":  "011-***-4567",
		"01012345678":   "*******5678",
		"5678":          "****",
		"":              "",
	}
	for in, want := range phones {
		if got := MaskPhone(in); got != want {
			t.Errorf("MaskPhone(%q) = %q, want %q", in, got, want)
		}
	}
	names := map[string]string{
		"홍길동":        "홍**",
		"남궁민수":       "남***",
		"Kim Min Su": "K*********",
		"李":          "*",
		"":           "",
	}
	for in, want := range names {
		if got := MaskName(in); got != want {
			t.Errorf("MaskName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBookBadContactWritesNothing(t *testing.T) {
	cases := []struct {
		name string
		edit func(*Request)
		want error
	}{
		{"empty name", func(r *Request) { r.Name = "  " }, ErrName},
		{"long name", func(r *Request) {
			r.Name = "가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다"
		}, ErrName},
		{"control in name", func(r *Request) { r.Name = "홍\x00길동" }, ErrName},
		{"landline", func(r *Request) { r.Phone = "02-123-4567" }, ErrPhone},
		{"short 010", func(r *Request) { r.Phone = "0101234567" }, ErrPhone},
		{"no phone", func(r *Request) { r.Phone = "" }, ErrPhone},
		{"long organisation", func(r *Request) {
			r.Org = "가나다라마바사아자차카타파하가나다라마바사아자차카타파하가나다라마바사아자차카타파"
		}, ErrOrg},
		{"no consent", func(r *Request) { r.Consent = false }, ErrConsent},
	}
	svc, db := newTestService(t, thursdayMorning)
	audits := auditCount(t, db)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			req := visitorReq("meeting", at(friday, 10, 0), at(friday, 11, 0))
			c.edit(&req)
			b, err := svc.Book(store.ActorVisitor, req)
			if !errors.Is(err, c.want) {
				t.Fatalf("Book err = %v, want %v", err, c.want)
			}
			if b != (Booking{}) {
				t.Errorf("refused Book returned %+v", b)
			}
			if n := countKeys(t, db, "booking") + countKeys(t, db, "slot") + countKeys(t, db, "day"); n != 0 {
				t.Errorf("%d keys written", n)
			}
			if n := auditCount(t, db); n != audits {
				t.Errorf("audit entries %d -> %d", audits, n)
			}
		})
	}
	// The details are stored cleaned.
	req := visitorReq("meeting", at(friday, 10, 0), at(friday, 11, 0))
	req.Name, req.Phone, req.Org = "  김  민수 ", "01098765432", " 영등포  랩 "
	b, err := svc.Book(store.ActorVisitor, req)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustGet(t, svc, b.ID); got.Name != "김 민수" || got.Phone != "010-9876-5432" || got.Org != "영등포 랩" {
		t.Errorf("stored details %q %q %q", got.Name, got.Phone, got.Org)
	}
	// Personal data stays out of the audit log.
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range log {
		for _, n := range e.Notes {
			for _, pd := range []string{"김", "9876-5432", "01098765432", "영등포"} {
				if strings.Contains(n, pd) {
					t.Errorf("audit note %q holds personal data %q", n, pd)
				}
			}
		}
	}
}

func TestPay(t *testing.T) {
	for _, m := range []struct {
		in   PayMethod
		want PayMethod
	}{{PayCash, PayCash}, {PayCard, PayCard}, {PayTransfer, PayTransfer}, {" Card ", PayCard}, {"TRANSFER", PayTransfer}} {
		t.Run(string(m.in), func(t *testing.T) {
			svc, db, clk := newClockedService(t, thursdayMorning)
			b := mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 11, 0))
			clk.Advance(3 * time.Hour)
			audits := auditCount(t, db)
			p, err := svc.Pay(manager(t, svc.db), b.ID, m.in)
			if err != nil {
				t.Fatal(err)
			}
			got := mustGet(t, svc, b.ID)
			for _, x := range []Booking{p, got} {
				if x.Status != StatusPaid || x.PayMethod != m.want || !x.PaidAt.Equal(clk.Now()) {
					t.Errorf("paid booking %s %q at %v", x.Status, x.PayMethod, x.PaidAt)
				}
			}
			if n := auditCount(t, db); n != audits+1 {
				t.Errorf("audit entries %d -> %d", audits, n)
			}
			checkSlots(t, db, "meeting", b.From, b.To, b.ID)
			// Paying twice.
			if _, err := svc.Pay(manager(t, svc.db), b.ID, m.in); !errors.Is(err, ErrNotPayable) {
				t.Errorf("second Pay err = %v, want ErrNotPayable", err)
			}
			if n := auditCount(t, db); n != audits+1 {
				t.Errorf("refused Pay wrote an audit entry")
			}
		})
	}

	refusals := []struct {
		name    string
		method  PayMethod
		prepare func(t *testing.T, svc *Service, clk *mockClock, id string)
		want    error
	}{
		{"bad method", "bitcoin", nil, ErrPayMethod},
		{"empty method", "", nil, ErrPayMethod},
		{"at HoldUntil", PayCash, func(t *testing.T, svc *Service, clk *mockClock, id string) {
			clk.Set(mustGet(t, svc, id).HoldUntil)
		}, ErrLapsed},
		{"after HoldUntil", PayCash, func(t *testing.T, svc *Service, clk *mockClock, id string) {
			clk.Advance(30 * time.Hour)
		}, ErrLapsed},
		{"lapsed and swept", PayCash, func(t *testing.T, svc *Service, clk *mockClock, id string) {
			clk.Advance(25 * time.Hour)
			if r, err := svc.Sweep(store.ActorSystem); err != nil || r.Lapsed != 1 {
				t.Fatalf("Sweep = %+v, %v", r, err)
			}
		}, ErrLapsed},
		{"cancelled", PayCash, func(t *testing.T, svc *Service, clk *mockClock, id string) {
			if _, err := svc.CancelOwn(id, "5678"); err != nil {
				t.Fatal(err)
			}
		}, ErrNotPayable},
		{"held past its start and its hold", PayCash, func(t *testing.T, svc *Service, clk *mockClock, id string) {
			clk.Set(at(friday, 10, 16))
		}, ErrLapsed},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			svc, db, clk := newClockedService(t, thursdayMorning)
			b := mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 11, 0))
			if c.prepare != nil {
				c.prepare(t, svc, clk, b.ID)
			}
			before := mustGet(t, svc, b.ID)
			audits := auditCount(t, db)
			if p, err := svc.Pay(manager(t, svc.db), b.ID, c.method); !errors.Is(err, c.want) || p != (Booking{}) {
				t.Fatalf("Pay = %+v, %v; want %v", p, err, c.want)
			}
			if after := mustGet(t, svc, b.ID); after.Status != before.Status || !after.PaidAt.IsZero() {
				t.Errorf("refused Pay changed the booking: %s -> %s", before.Status, after.Status)
			}
			if n := auditCount(t, db); n != audits {
				t.Errorf("refused Pay wrote an audit entry")
			}
		})
	}

	t.Run("a booking for soon is held until its check-in window closes", func(t *testing.T) {
		// Booked Friday 09:00 for 10:00: the hold ends at 10:15, not 24 h on.
		svc, _, clk := newClockedService(t, at(friday, 9, 0))
		b := mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 11, 0))
		if !b.HoldUntil.Equal(at(friday, 10, 15)) {
			t.Fatalf("HoldUntil %v, want 10:15", b.HoldUntil)
		}
		clk.Set(at(friday, 10, 14))
		if _, err := svc.Pay(manager(t, svc.db), b.ID, PayCash); err != nil {
			t.Fatalf("Pay inside the check-in window: %v", err)
		}
		b2 := mustBook(t, svc, "meeting", at(friday, 12, 0), at(friday, 13, 0))
		clk.Set(at(friday, 12, 15))
		if _, err := svc.Pay(manager(t, svc.db), b2.ID, PayCash); !errors.Is(err, ErrLapsed) {
			t.Fatalf("Pay when the check-in window closes: %v, want ErrLapsed", err)
		}
		// A walk-in booking the slot under way can pay until its check-in
		// window closes (the hold would otherwise lapse as it is made).
		clk.Set(at(friday, 14, 5))
		w := mustBook(t, svc, "meeting", at(friday, 14, 0), at(friday, 15, 0))
		if !w.HoldUntil.Equal(at(friday, 14, 15)) {
			t.Fatalf("walk-in HoldUntil %v, want 14:15", w.HoldUntil)
		}
		clk.Set(at(friday, 14, 14))
		if _, err := svc.Pay(manager(t, svc.db), w.ID, PayCash); err != nil {
			t.Fatalf("walk-in Pay: %v", err)
		}
	})
	t.Run("unknown booking", func(t *testing.T) {
		svc, _ := newTestService(t, thursdayMorning)
		if _, err := svc.Pay(manager(t, svc.db), "ZZZZZZZZ", PayCash); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Pay unknown: %v, want ErrNotFound", err)
		}
	})
	t.Run("lower-case code", func(t *testing.T) {
		svc, _ := newTestService(t, thursdayMorning)
		b := mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 11, 0))
		if _, err := svc.Pay(manager(t, svc.db), " "+toLower(b.ID)+" ", PayCash); err != nil {
			t.Fatalf("Pay with a typed lower-case code: %v", err)
		}
	})
	for _, s := range []string{"cash", " CASH", "Card", "transfer"} {
		if _, err := ParsePayMethod(s); err != nil {
			t.Errorf("ParsePayMethod(%q): %v", s, err)
		}
	}
	for _, s := range []string{"", "coupon", "cash card"} {
		if _, err := ParsePayMethod(s); !errors.Is(err, ErrPayMethod) {
			t.Errorf("ParsePayMethod(%q) err = %v", s, err)
		}
	}
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

func TestLapsedHoldTakenOver(t *testing.T) {
	svc, db, clk := newClockedService(t, thursdayMorning)
	setRoom(t, db, "seminar", func(r *Room) { r.BufferMinutes = 30 })
	old := mustBook(t, svc, "seminar", at(friday, 14, 0), at(friday, 16, 0)) // slots 14:00-16:30
	if !old.HoldUntil.Equal(thursdayMorning.Add(24 * time.Hour)) {
		t.Fatalf("HoldUntil %v", old.HoldUntil)
	}
	// While the hold runs, the time is taken.
	clk.Set(old.HoldUntil.Add(-time.Minute))
	if _, err := svc.Book(store.ActorVisitor, visitorReq("seminar", at(friday, 15, 0), at(friday, 16, 0))); !errors.Is(err, ErrTaken) {
		t.Fatalf("Book over a live hold: %v, want ErrTaken", err)
	}
	// At HoldUntil the hold lapses; a new booking overlapping part of it
	// takes its slots and releases the rest.
	clk.Set(old.HoldUntil)
	nb := mustBook(t, svc, "seminar", at(friday, 15, 0), at(friday, 16, 0))
	if got := mustGet(t, svc, old.ID); got.Status != StatusLapsed {
		t.Errorf("old hold is %s, want lapsed", got.Status)
	}
	slots := slotsOf(t, db, "seminar")
	if len(slots) != 3 {
		t.Errorf("seminar slots %v, want the new booking's 3", slots)
	}
	checkSlots(t, db, "seminar", at(friday, 15, 0), at(friday, 16, 30), nb.ID)
	if n := slotsHeldBy(t, db, old.ID); n != 0 {
		t.Errorf("lapsed hold still holds %d slots", n)
	}
	log, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	last := log[len(log)-1]
	if len(last.Notes) != 2 || !strings.Contains(last.Notes[0], old.ID+" lapsed") {
		t.Errorf("audit entry of the take-over: %+v", last)
	}
	// A paid booking is not taken over before its check-in window ends,
	// but is once it is a no-show.
	clk.Set(thursdayMorning)
	paid := mustPay(t, svc, mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 12, 0)).ID)
	clk.Set(at(friday, 10, 15))
	if _, err := svc.Book(store.ActorVisitor, visitorReq("meeting", at(friday, 10, 30), at(friday, 11, 30))); !errors.Is(err, ErrTaken) {
		t.Fatalf("Book over a paid booking in its check-in window: %v, want ErrTaken", err)
	}
	clk.Set(at(friday, 10, 16))
	walkIn := mustBook(t, svc, "meeting", at(friday, 10, 30), at(friday, 11, 30))
	if got := mustGet(t, svc, paid.ID); got.Status != StatusNoShow {
		t.Errorf("paid booking is %s, want no_show", got.Status)
	}
	if n := slotsHeldBy(t, db, paid.ID); n != 0 {
		t.Errorf("no-show still holds %d slots", n)
	}
	checkSlots(t, db, "meeting", walkIn.From, walkIn.To, walkIn.ID)
}

func TestLateStartRefused(t *testing.T) {
	// A booking whose check-in window has closed by the time it is made
	// would be a no-show at once; Book, Quote and Availability refuse it.
	cases := []struct {
		now  time.Time
		from time.Time
		want error
	}{
		{at(friday, 10, 0), at(friday, 10, 0), nil},
		{at(friday, 10, 9), at(friday, 10, 0), nil},
		{at(friday, 10, 10), at(friday, 10, 0), ErrPast}, // under 5 minutes left to pay and come in
		{at(friday, 10, 14), at(friday, 10, 0), ErrPast},
		{at(friday, 10, 15), at(friday, 10, 0), ErrPast},
		{at(friday, 10, 16), at(friday, 10, 0), ErrPast},
		{at(friday, 10, 29), at(friday, 10, 0), ErrPast},
		{at(friday, 10, 29), at(friday, 10, 30), nil},
		{at(friday, 10, 30), at(friday, 10, 0), ErrPast},
	}
	for _, c := range cases {
		t.Run(c.now.Format("15:04")+"-for-"+c.from.Format("15:04"), func(t *testing.T) {
			svc, _ := newTestService(t, c.now)
			req := visitorReq("meeting", c.from, c.from.Add(time.Hour))
			if _, err := svc.Quote(req); !errors.Is(err, c.want) {
				t.Errorf("Quote err = %v, want %v", err, c.want)
			}
			b, err := svc.Book(store.ActorVisitor, req)
			if !errors.Is(err, c.want) {
				t.Fatalf("Book err = %v, want %v", err, c.want)
			}
			rd, err := svc.RoomAvailability("meeting", friday)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range rd.Slots {
				if s.Start.Equal(c.from) {
					wantState := SlotFree
					if c.want != nil {
						wantState = SlotPast
					} else if b.ID != "" {
						wantState = SlotTaken
					}
					if s.State != wantState {
						t.Errorf("slot %s state %d, want %d", s.Start.Format("15:04"), s.State, wantState)
					}
				}
			}
			if c.want == nil {
				if _, err := svc.Pay(manager(t, svc.db), b.ID, PayCash); err != nil {
					t.Errorf("Pay right after booking: %v", err)
				}
			}
		})
	}
}

func TestSweep(t *testing.T) {
	svc, db, clk := newClockedService(t, thursdayMorning)
	nextWeek := seoul.Date(2026, 12, 4, 0, 0) // a Friday
	hold := mustBook(t, svc, "seminar", at(nextWeek, 10, 0), at(nextWeek, 12, 0))
	noShow := mustPay(t, svc, mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 11, 0)).ID)
	used := mustPay(t, svc, mustBook(t, svc, "seminar", at(friday, 10, 0), at(friday, 11, 0)).ID)
	future := mustPay(t, svc, mustBook(t, svc, "consulting", at(nextWeek, 10, 0), at(nextWeek, 11, 0)).ID)
	cancelled := mustBook(t, svc, "investment", at(friday, 10, 0), at(friday, 11, 0))
	if _, err := svc.CancelOwn(cancelled.ID, "5678"); err != nil {
		t.Fatal(err)
	}
	token, err := svc.PassToken(used.ID)
	if err != nil {
		t.Fatal(err)
	}

	sweep := func(want SweepResult) {
		t.Helper()
		audits := auditCount(t, db)
		got, err := svc.Sweep(store.ActorSystem)
		if err != nil {
			t.Fatalf("Sweep at %v: %v", clk.Now(), err)
		}
		if got != want {
			t.Fatalf("Sweep at %v = %+v, want %+v", clk.Now().Format("01-02 15:04"), got, want)
		}
		wantAudits := audits
		if want != (SweepResult{}) {
			wantAudits++
		}
		if n := auditCount(t, db); n != wantAudits {
			t.Errorf("Sweep wrote %d audit entries", n-audits)
		}
		// Idempotent: a second sweep at the same moment does nothing.
		if again, err := svc.Sweep(store.ActorSystem); err != nil || again != (SweepResult{}) {
			t.Fatalf("second Sweep = %+v, %v", again, err)
		}
		if n := auditCount(t, db); n != wantAudits {
			t.Errorf("idempotent Sweep wrote an audit entry")
		}
	}
	status := func(id string, want Status) {
		t.Helper()
		if got := mustGet(t, svc, id).Status; got != want {
			t.Errorf("booking %s is %s, want %s", id, got, want)
		}
	}

	clk.Set(thursdayMorning.Add(time.Hour))
	sweep(SweepResult{})
	clk.Set(hold.HoldUntil.Add(-time.Second))
	sweep(SweepResult{})
	status(hold.ID, StatusHeld)

	clk.Set(hold.HoldUntil) // Friday 08:00
	sweep(SweepResult{Lapsed: 1})
	status(hold.ID, StatusLapsed)
	if n := slotsHeldBy(t, db, hold.ID); n != 0 {
		t.Errorf("lapsed hold keeps %d slots", n)
	}
	rebooked := mustBook(t, svc, "seminar", at(nextWeek, 10, 0), at(nextWeek, 12, 0)) // free again

	clk.Set(at(friday, 9, 55))
	if _, err := svc.CheckIn(manager(t, svc.db), token, "seminar"); err != nil {
		t.Fatal(err)
	}
	clk.Set(at(friday, 10, 15)) // the last minute of the check-in window
	sweep(SweepResult{})
	status(noShow.ID, StatusPaid)

	clk.Set(at(friday, 10, 16))
	sweep(SweepResult{NoShows: 1})
	status(noShow.ID, StatusNoShow)
	if n := slotsHeldBy(t, db, noShow.ID); n != 0 {
		t.Errorf("no-show keeps %d slots", n)
	}
	walkIn := mustBook(t, svc, "meeting", at(friday, 10, 30), at(friday, 11, 30))
	checkSlots(t, db, "meeting", walkIn.From, walkIn.To, walkIn.ID)
	mustPay(t, svc, walkIn.ID)

	// The walk-in was paid but never came: released 15 minutes after 10:30.
	clk.Set(at(friday, 10, 45))
	sweep(SweepResult{})
	clk.Set(at(friday, 10, 46))
	sweep(SweepResult{NoShows: 1})
	status(walkIn.ID, StatusNoShow)

	clk.Set(at(friday, 10, 59))
	sweep(SweepResult{})
	status(used.ID, StatusCheckedIn)

	clk.Set(at(friday, 11, 0))
	sweep(SweepResult{Completed: 1})
	status(used.ID, StatusCompleted)
	checkSlots(t, db, "seminar", used.From, used.To, used.ID) // a completed booking keeps its record of the room

	// A week on, the hold made on Friday morning has lapsed too; the paid
	// and the cancelled bookings stay as they are.
	clk.Set(at(nextWeek, 9, 0))
	sweep(SweepResult{Lapsed: 1})
	status(rebooked.ID, StatusLapsed)
	status(future.ID, StatusPaid)
	status(cancelled.ID, StatusCancelled)

	if _, err := db.VerifyAudit(); err != nil {
		t.Fatal(err)
	}
}

func TestCancelRefunds(t *testing.T) {
	day := seoul.Date(2026, 12, 11, 0, 0) // a Friday
	from, to := at(day, 14, 0), at(day, 16, 0)
	cases := []struct {
		name   string
		cancel time.Time
		pct    int
		refund int64
	}{
		{"10 days before", at(day.AddDate(0, 0, -10), 12, 0), 100, 20000},
		{"7 days before, late evening", at(day.AddDate(0, 0, -7), 23, 59), 100, 20000},
		{"6 days before, early morning", at(day.AddDate(0, 0, -6), 0, 1), 90, 18000},
		{"3 days before", at(day.AddDate(0, 0, -3), 12, 0), 90, 18000},
		{"2 days before", at(day.AddDate(0, 0, -2), 9, 0), 70, 14000},
		{"the day before, 23:59", at(day.AddDate(0, 0, -1), 23, 59), 70, 14000},
		{"same day, midnight", at(day, 0, 0), 0, 0},
		{"same day, a minute before", at(day, 13, 59), 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc, db, clk := newClockedService(t, at(day.AddDate(0, 0, -14), 9, 0))
			b := mustPay(t, svc, mustBook(t, svc, "meeting", from, to).ID)
			clk.Set(c.cancel)
			qb, pct, amount, err := refundQuote(svc, b.ID)
			if err != nil || pct != c.pct || amount != c.refund || qb.ID != b.ID {
				t.Fatalf("RefundQuote = %d%% %d, %v; want %d%% %d", pct, amount, err, c.pct, c.refund)
			}
			got, err := svc.CancelOwn(b.ID, "5678")
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != StatusCancelled || got.Refund != c.refund || !got.CancelledAt.Equal(c.cancel) {
				t.Errorf("cancelled booking %s refund %d at %v", got.Status, got.Refund, got.CancelledAt)
			}
			if pct, want := int(got.Refund*100/b.Fee), c.pct; pct != want {
				t.Errorf("refund %d%% of %d, want %d%%", pct, b.Fee, want)
			}
			if stored := mustGet(t, svc, b.ID); stored.Status != StatusCancelled || stored.Refund != c.refund {
				t.Errorf("stored %s refund %d", stored.Status, stored.Refund)
			}
			if n := countKeys(t, db, "slot"); n != 0 {
				t.Errorf("%d slot keys left after cancelling", n)
			}
			mustBook(t, svc, "meeting", from, to) // the time is free again
		})
	}

	refusals := []struct {
		name    string
		paid    bool
		prepare func(t *testing.T, svc *Service, clk *mockClock, id string)
		want    error
	}{
		{"paid, at the start", true, func(t *testing.T, svc *Service, clk *mockClock, id string) { clk.Set(from) }, ErrNotCancel},
		{"paid, during", true, func(t *testing.T, svc *Service, clk *mockClock, id string) { clk.Set(from.Add(time.Hour)) }, ErrNotCancel},
		{"cancelled twice", true, func(t *testing.T, svc *Service, clk *mockClock, id string) {
			if _, err := svc.CancelOwn(id, "5678"); err != nil {
				t.Fatal(err)
			}
		}, ErrNotCancel},
		{"lapsed hold", false, func(t *testing.T, svc *Service, clk *mockClock, id string) { clk.Advance(24 * time.Hour) }, ErrLapsed},
		{"lapsed and swept", false, func(t *testing.T, svc *Service, clk *mockClock, id string) {
			clk.Advance(25 * time.Hour)
			if _, err := svc.Sweep(store.ActorSystem); err != nil {
				t.Fatal(err)
			}
		}, ErrLapsed},
		{"checked in", true, func(t *testing.T, svc *Service, clk *mockClock, id string) {
			tok, err := svc.PassToken(id)
			if err != nil {
				t.Fatal(err)
			}
			clk.Set(from.Add(-5 * time.Minute))
			if _, err := svc.CheckIn(manager(t, svc.db), tok, ""); err != nil {
				t.Fatal(err)
			}
		}, ErrNotCancel},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			svc, db, clk := newClockedService(t, at(day.AddDate(0, 0, -14), 9, 0))
			b := mustBook(t, svc, "meeting", from, to)
			if c.paid {
				mustPay(t, svc, b.ID)
			}
			c.prepare(t, svc, clk, b.ID)
			before := mustGet(t, svc, b.ID)
			slots := countKeys(t, db, "slot")
			audits := auditCount(t, db)
			if _, _, _, err := refundQuote(svc, b.ID); !errors.Is(err, c.want) {
				t.Errorf("RefundQuote err = %v, want %v", err, c.want)
			}
			if got, err := svc.CancelOwn(b.ID, "5678"); !errors.Is(err, c.want) || got != (Booking{}) {
				t.Fatalf("Cancel = %+v, %v; want %v", got, err, c.want)
			}
			if after := mustGet(t, svc, b.ID); after.Status != before.Status || after.Refund != before.Refund {
				t.Errorf("refused Cancel changed the booking")
			}
			if n := countKeys(t, db, "slot"); n != slots {
				t.Errorf("slot keys %d -> %d", slots, n)
			}
			if n := auditCount(t, db); n != audits {
				t.Errorf("refused Cancel wrote an audit entry")
			}
		})
	}

	t.Run("unpaid hold refunds nothing", func(t *testing.T) {
		svc, db, _ := newClockedService(t, at(day.AddDate(0, 0, -14), 9, 0))
		b := mustBook(t, svc, "meeting", from, to)
		if _, pct, amount, err := refundQuote(svc, b.ID); err != nil || pct != 0 || amount != 0 {
			t.Fatalf("RefundQuote = %d%% %d, %v", pct, amount, err)
		}
		got, err := svc.CancelOwn(b.ID, "5678")
		if err != nil || got.Status != StatusCancelled || got.Refund != 0 {
			t.Fatalf("Cancel = %+v, %v", got, err)
		}
		if n := countKeys(t, db, "slot"); n != 0 {
			t.Errorf("%d slot keys left", n)
		}
	})
	t.Run("unknown booking", func(t *testing.T) {
		svc, _ := newTestService(t, thursdayMorning)
		if _, err := svc.CancelOwn("ZZZZZZZZ", "5678"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("Cancel unknown: %v", err)
		}
		if _, _, _, err := refundQuote(svc, "ZZZZZZZZ"); !errors.Is(err, ErrNotFound) {
			t.Fatalf("RefundQuote unknown: %v", err)
		}
	})
	t.Run("changed refund table", func(t *testing.T) {
		svc, _, clk := newClockedService(t, at(day.AddDate(0, 0, -14), 9, 0))
		if err := svc.UpdateSettings(manager(t, svc.db), func(s *Settings) { s.Refunds = []RefundTier{{DaysBefore: 2, Percent: 50}} }); err != nil {
			t.Fatal(err)
		}
		b := mustPay(t, svc, mustBook(t, svc, "meeting", from, to).ID)
		clk.Set(at(day.AddDate(0, 0, -5), 12, 0))
		if got, err := svc.CancelOwn(b.ID, "5678"); err != nil || got.Refund != 10000 {
			t.Fatalf("Cancel = refund %d, %v; want 10000", got.Refund, err)
		}
	})
}

func TestBlock(t *testing.T) {
	day := seoul.Date(2026, 12, 2, 0, 0) // a Wednesday
	svc, db, clk := newClockedService(t, thursdayMorning)
	audits := auditCount(t, db)
	refused := []struct {
		name     string
		room     string
		from, to time.Time
		reason   string
		want     error
	}{
		{"no reason", "seminar", at(day, 13, 0), at(day, 15, 0), "  ", ErrBlock},
		{"long reason", "seminar", at(day, 13, 0), at(day, 15, 0), strings.Repeat("가", 61), ErrBlock},
		{"off the grid", "seminar", at(day, 13, 10), at(day, 15, 0), "보수", ErrBlock},
		{"backwards", "seminar", at(day, 15, 0), at(day, 13, 0), "보수", ErrBlock},
		{"empty range", "seminar", at(day, 15, 0), at(day, 15, 0), "보수", ErrBlock},
		{"past", "seminar", at(thursdayMorning, 6, 0), at(thursdayMorning, 8, 0), "보수", ErrPast},
		{"unknown room", "ballroom", at(day, 13, 0), at(day, 15, 0), "보수", ErrNoRoom},
	}
	for _, c := range refused {
		if b, err := svc.Block(manager(t, svc.db), c.room, c.from, c.to, c.reason); !errors.Is(err, c.want) || b != (Booking{}) {
			t.Errorf("%s: Block = %+v, %v; want %v", c.name, b, err, c.want)
		}
	}
	if n := auditCount(t, db); n != audits {
		t.Errorf("refused blocks wrote %d audit entries", n-audits)
	}

	blk, err := svc.Block(manager(t, svc.db), "seminar", at(day, 13, 0), at(day, 15, 0), " 빔프로젝터 수리 ")
	if err != nil {
		t.Fatal(err)
	}
	if blk.Status != StatusBlocked || !blk.Block || blk.Reason != "빔프로젝터 수리" || blk.Fee != 0 || blk.Name != "" {
		t.Errorf("block %+v", blk)
	}
	checkSlots(t, db, "seminar", at(day, 13, 0), at(day, 15, 0), blk.ID)
	if n := slotsHeldBy(t, db, blk.ID); n != 4 {
		t.Errorf("block holds %d slots, want 4", n)
	}
	for _, r := range [][2]time.Time{{at(day, 12, 0), at(day, 13, 30)}, {at(day, 14, 30), at(day, 16, 0)}, {at(day, 13, 0), at(day, 15, 0)}} {
		if _, err := svc.Book(store.ActorVisitor, visitorReq("seminar", r[0], r[1])); !errors.Is(err, ErrTaken) {
			t.Errorf("Book %v-%v over a block: %v, want ErrTaken", r[0].Format("15:04"), r[1].Format("15:04"), err)
		}
	}
	mustBook(t, svc, "seminar", at(day, 15, 0), at(day, 16, 0))
	mustBook(t, svc, "meeting", at(day, 13, 0), at(day, 15, 0))
	if _, err := svc.Block(manager(t, svc.db), "seminar", at(day, 14, 0), at(day, 16, 0), "겹침"); !errors.Is(err, ErrTaken) {
		t.Errorf("Block over a booking: %v, want ErrTaken", err)
	}
	if _, err := svc.PassToken(blk.ID); !errors.Is(err, ErrNoPass) {
		t.Errorf("PassToken of a block: %v, want ErrNoPass", err)
	}
	if _, err := svc.Lookup(blk.ID, "5678"); !errors.Is(err, ErrPhoneMismatch) {
		t.Errorf("Lookup of a block: %v, want ErrPhoneMismatch", err)
	}
	if _, err := svc.Pay(manager(t, svc.db), blk.ID, PayCash); !errors.Is(err, ErrNotPayable) {
		t.Errorf("Pay of a block: %v, want ErrNotPayable", err)
	}
	// Sweep leaves blocks alone, even once they have begun.
	clk.Set(at(day, 14, 0))
	if _, err := svc.Sweep(store.ActorSystem); err != nil || mustGet(t, svc, blk.ID).Status != StatusBlocked {
		t.Errorf("Sweep touched the block: %v", err)
	}
	checkSlots(t, db, "seminar", at(day, 13, 0), at(day, 15, 0), blk.ID)
	// A block can be lifted even after it started.
	lifted, err := svc.Cancel(manager(t, svc.db), blk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if lifted.Status != StatusCancelled || lifted.Refund != 0 {
		t.Errorf("lifted block %+v", lifted)
	}
	if n := slotsHeldBy(t, db, blk.ID); n != 0 {
		t.Errorf("lifted block holds %d slots", n)
	}
	mustBook(t, svc, "seminar", at(day, 14, 0), at(day, 15, 0))
	if _, err := svc.Cancel(manager(t, svc.db), blk.ID); !errors.Is(err, ErrNotCancel) {
		t.Errorf("lifting twice: %v, want ErrNotCancel", err)
	}
}

func TestOnDay(t *testing.T) {
	svc, _ := newTestService(t, thursdayMorning)
	b1 := mustBook(t, svc, "seminar", at(friday, 15, 0), at(friday, 16, 0))
	b2 := mustBook(t, svc, "meeting", at(friday, 9, 0), at(friday, 10, 0))
	b3 := mustBook(t, svc, "consulting", at(friday, 15, 0), at(friday, 17, 0))
	b4 := mustBook(t, svc, "meeting", at(friday, 12, 0), at(friday, 13, 0))
	mustBook(t, svc, "meeting", at(saturday, 12, 0), at(saturday, 13, 0))
	if _, err := svc.CancelOwn(b4.ID, "5678"); err != nil {
		t.Fatal(err)
	}
	b5 := mustBook(t, svc, "meeting", at(friday, 12, 0), at(friday, 13, 0)) // rebooked after the cancellation
	blk, err := svc.Block(manager(t, svc.db), "multipurpose", at(friday, 9, 0), at(friday, 22, 0), "대관 준비")
	if err != nil {
		t.Fatal(err)
	}
	got, err := svc.OnDay(at(friday, 18, 0))
	if err != nil {
		t.Fatal(err)
	}
	wantIDs := []string{b2.ID, blk.ID, b4.ID, b5.ID, b3.ID, b1.ID}
	if b4.ID > b5.ID { // same room and start: either order is by start
		wantIDs[2], wantIDs[3] = b5.ID, b4.ID
	}
	if len(got) != len(wantIDs) {
		t.Fatalf("OnDay returned %d bookings, want %d", len(got), len(wantIDs))
	}
	for i := range got {
		if i > 0 && got[i].From.Before(got[i-1].From) {
			t.Errorf("OnDay not sorted by start at %d", i)
		}
		if !(got[i].ID == wantIDs[i] || (i == 2 || i == 3) && (got[i].ID == b4.ID || got[i].ID == b5.ID)) {
			t.Errorf("OnDay[%d] = %s %s %s, want %s", i, got[i].ID, got[i].Room, got[i].From.Format("15:04"), wantIDs[i])
		}
	}
	statuses := map[Status]int{}
	for _, b := range got {
		statuses[b.Status]++
	}
	if statuses[StatusCancelled] != 1 || statuses[StatusHeld] != 4 || statuses[StatusBlocked] != 1 {
		t.Errorf("statuses %v", statuses)
	}
	if sat, err := svc.OnDay(saturday); err != nil || len(sat) != 1 {
		t.Errorf("OnDay(saturday) = %d bookings, %v", len(sat), err)
	}
	if sun, err := svc.OnDay(sunday); err != nil || len(sun) != 0 {
		t.Errorf("OnDay(sunday) = %d bookings, %v", len(sun), err)
	}
}

func TestAvailability(t *testing.T) {
	svc, db, clk := newClockedService(t, thursdayMorning)
	setRoom(t, db, "seminar", func(r *Room) { r.BufferMinutes = 30 })
	mustBook(t, svc, "meeting", at(friday, 9, 0), at(friday, 10, 0))
	mustBook(t, svc, "meeting", at(friday, 12, 0), at(friday, 13, 0))
	mustBook(t, svc, "seminar", at(friday, 14, 0), at(friday, 15, 0))
	cancelled := mustBook(t, svc, "consulting", at(friday, 16, 0), at(friday, 17, 0))
	if _, err := svc.CancelOwn(cancelled.ID, "5678"); err != nil {
		t.Fatal(err)
	}

	clk.Set(at(friday, 10, 39))
	days, err := svc.Availability(friday)
	if err != nil {
		t.Fatal(err)
	}
	if len(days) != 5 {
		t.Fatalf("%d rooms", len(days))
	}
	taken := map[string][]time.Time{
		"meeting": {at(friday, 12, 0), at(friday, 12, 30)},
		"seminar": {at(friday, 14, 0), at(friday, 14, 30), at(friday, 15, 0)}, // with its cleaning buffer
	}
	for i, rd := range days {
		if rd.Room.ID != DefaultRooms()[i].ID {
			t.Errorf("room %d is %s", i, rd.Room.ID)
		}
		if !rd.Day.IsOpen || len(rd.Slots) != 26 {
			t.Fatalf("%s: open %v with %d slots, want 26", rd.Room.ID, rd.Day.IsOpen, len(rd.Slots))
		}
		for j, s := range rd.Slots {
			if want := at(friday, 9, 0).Add(time.Duration(j) * SlotLength); !s.Start.Equal(want) {
				t.Fatalf("%s slot %d starts %v, want %v", rd.Room.ID, j, s.Start, want)
			}
			want := SlotFree
			switch {
			case s.Start.Before(at(friday, 10, 30)):
				want = SlotPast // including meeting's 09:00 booking
			case contains(taken[rd.Room.ID], s.Start):
				want = SlotTaken
			}
			if s.State != want {
				t.Errorf("%s %s state %d, want %d", rd.Room.ID, s.Start.Format("15:04"), s.State, want)
			}
		}
	}
	// RoomAvailability agrees, and the 10:30 slot turns past once its
	// check-in window has closed.
	clk.Set(at(friday, 10, 45))
	rd, err := svc.RoomAvailability("meeting", at(friday, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if rd.Slots[3].State != SlotPast || rd.Slots[4].State != SlotFree || rd.Slots[6].State != SlotTaken {
		t.Errorf("meeting at 10:46: %v %v %v", rd.Slots[3], rd.Slots[4], rd.Slots[6])
	}
	if _, err := svc.RoomAvailability("ballroom", friday); !errors.Is(err, ErrNoRoom) {
		t.Errorf("RoomAvailability unknown room: %v", err)
	}
	// Saturday: 18 slots, none past; Sunday: closed, no slots.
	sat, err := svc.Availability(saturday)
	if err != nil {
		t.Fatal(err)
	}
	for _, rd := range sat {
		if len(rd.Slots) != 18 || !rd.Day.Saturday || rd.Slots[0].State != SlotFree {
			t.Errorf("saturday %s: %d slots", rd.Room.ID, len(rd.Slots))
		}
	}
	sun, err := svc.Availability(sunday)
	if err != nil {
		t.Fatal(err)
	}
	for _, rd := range sun {
		if rd.Day.IsOpen || len(rd.Slots) != 0 {
			t.Errorf("sunday %s: open %v, %d slots", rd.Room.ID, rd.Day.IsOpen, len(rd.Slots))
		}
	}
	// A whole day in the past.
	clk.Set(at(saturday, 8, 0))
	fri, err := svc.RoomAvailability("seminar", friday)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range fri.Slots {
		if s.State != SlotPast {
			t.Errorf("yesterday's slot %s state %d", s.Start.Format("15:04"), s.State)
		}
	}
}

func contains(ts []time.Time, t time.Time) bool {
	for _, x := range ts {
		if x.Equal(t) {
			return true
		}
	}
	return false
}

func TestCancelByCentreRefundsInFull(t *testing.T) {
	svc, _, clk := newClockedService(t, at(friday, 8, 0))
	paid := mustBook(t, svc, "seminar", at(friday, 10, 0), at(friday, 12, 0))
	if _, err := svc.Pay(manager(t, svc.db), paid.ID, PayCard); err != nil {
		t.Fatal(err)
	}
	held := mustBook(t, svc, "meeting", at(friday, 13, 0), at(friday, 14, 0))
	// The same day a visitor's own cancellation refunds nothing.
	if _, _, refund, err := refundQuote(svc, paid.ID); err != nil || refund != 0 {
		t.Fatalf("visitor refund %d, %v", refund, err)
	}
	clk.Set(at(friday, 10, 30)) // under way: a visitor can no longer cancel
	if _, err := svc.Cancel(manager(t, svc.db), paid.ID); !errors.Is(err, ErrNotCancel) {
		t.Fatalf("visitor cancel under way: %v", err)
	}
	b, err := svc.CancelByCentre(manager(t, svc.db), paid.ID)
	if err != nil || b.Refund != paid.Fee || !b.ByCentre || b.Status != StatusCancelled {
		t.Fatalf("centre cancel: %+v, %v", b, err)
	}
	h, err := svc.CancelByCentre(manager(t, svc.db), held.ID)
	if err != nil || h.Refund != 0 {
		t.Fatalf("centre cancel of an unpaid hold: refund %d, %v", h.Refund, err)
	}
	if _, err := svc.CancelByCentre(manager(t, svc.db), paid.ID); !errors.Is(err, ErrNotCancel) {
		t.Fatalf("cancelling twice: %v", err)
	}
	// The room is free again for the rest of the morning.
	if _, err := svc.Book(store.ActorVisitor, visitorReq("seminar", at(friday, 11, 0), at(friday, 12, 0))); err != nil {
		t.Fatalf("rebooking the freed slots: %v", err)
	}
}

func TestLookupLocksAfterWrongDigits(t *testing.T) {
	svc, _, clk := newClockedService(t, at(friday, 8, 0))
	b := mustBook(t, svc, "seminar", at(friday, 10, 0), at(friday, 12, 0))
	for i := range lookupTries {
		if _, err := svc.Lookup(b.ID, fmt.Sprintf("%04d", i)); !errors.Is(err, ErrPhoneMismatch) {
			t.Fatalf("attempt %d: %v", i, err)
		}
	}
	if _, err := svc.Lookup(b.ID, "5678"); !errors.Is(err, ErrLookupLocked) {
		t.Fatalf("right digits while locked: %v", err)
	}
	clk.Set(at(friday, 8, 0).Add(lookupLock + time.Second))
	got, err := svc.Lookup(strings.ToLower(b.ID), "5678")
	if err != nil || got.ID != b.ID {
		t.Fatalf("after the lock: %v", err)
	}
}

// refundQuote is what the visitor cancelling id now would get back, as the
// "my booking" screen asks it.
func refundQuote(svc *Service, id string) (Booking, int, int64, error) {
	q, err := svc.CancelQuote(id, false)
	return q.Booking, q.Percent, q.Refund, err
}

// TestNoReleaseKeepsOthersBookings: a NoRelease service (kioskctl's) judges
// a lapsed hold and a no-show against its clock but never writes them: the
// slot stays taken with ErrUnreleased, the other booking's record and its
// slots are as they were, and no audit entry is made. Today's kiosk service
// on the same store at the same moment still takes the slot over.
func TestNoReleaseKeepsOthersBookings(t *testing.T) {
	kiosk, db, clk := newClockedService(t, thursdayMorning)
	cli := NewService(db, clk.Now, kiosk.keys, NoRelease())
	hold := mustBook(t, kiosk, "seminar", at(friday, 14, 0), at(friday, 16, 0))
	paid := mustPay(t, kiosk, mustBook(t, kiosk, "meeting", at(friday, 10, 0), at(friday, 12, 0)).ID)
	cases := []struct {
		name  string
		now   time.Time
		other Booking
		req   Request
	}{
		{"lapsed hold", hold.HoldUntil, hold, visitorReq("seminar", at(friday, 15, 0), at(friday, 16, 0))},
		{"no-show", at(friday, 10, 16), paid, visitorReq("meeting", at(friday, 10, 30), at(friday, 11, 30))},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			clk.Set(c.now)
			before := db.AuditLen()
			held := slotsHeldBy(t, db, c.other.ID)
			if _, err := cli.Book(store.ActorCLI, c.req); !errors.Is(err, ErrUnreleased) {
				t.Fatalf("kioskctl Book over a %s: %v, want ErrUnreleased", c.name, err)
			}
			if got := mustGet(t, cli, c.other.ID); got.Status != c.other.Status {
				t.Errorf("the other booking is %s, want it left %s", got.Status, c.other.Status)
			}
			if n := slotsHeldBy(t, db, c.other.ID); n != held {
				t.Errorf("the other booking holds %d slots, want %d", n, held)
			}
			if n := db.AuditLen(); n != before {
				t.Errorf("%d audit entries written", n-before)
			}
			// The kiosk releases it (a take-over at the kiosk).
			if _, err := kiosk.Book(store.ActorVisitor, c.req); err != nil {
				t.Fatalf("kiosk Book over a %s: %v", c.name, err)
			}
			if got := mustGet(t, kiosk, c.other.ID); got.Status == c.other.Status {
				t.Errorf("the kiosk left the %s %s", c.name, got.Status)
			}
		})
	}
	// A slot that is simply taken is still ErrTaken.
	clk.Set(thursdayMorning)
	mustBook(t, kiosk, "consulting", at(friday, 10, 0), at(friday, 11, 0))
	if _, err := cli.Book(store.ActorCLI, visitorReq("consulting", at(friday, 10, 0), at(friday, 11, 0))); !errors.Is(err, ErrTaken) {
		t.Errorf("kioskctl Book over a live hold: %v, want ErrTaken", err)
	}
}
