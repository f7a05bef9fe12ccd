package booking

import (
	"errors"
	"testing"
	"time"
)

// CancelQuote, CanCancel and CanPay give the answer Cancel,
// CancelByCentre and Pay then act on: one rule, asked before and applied.
func TestQuotesMatchTheActions(t *testing.T) {
	type state int
	const (
		held state = iota
		paid
		checkedIn
	)
	cases := []struct {
		name     string
		state    state
		now      time.Time // when asked and acted
		byCentre bool
		refund   int64
		err      error
	}{
		// A 20,000-won meeting room booking on Friday 10:00-12:00 (2 h × 10,000).
		{"visitor, paid, the day before: 70%", paid, at(thursdayMorning, 10, 0), false, 14000, nil},
		{"centre, paid, the day before: all", paid, at(thursdayMorning, 10, 0), true, 20000, nil},
		{"visitor, held: nothing back", held, at(thursdayMorning, 10, 0), false, 0, nil},
		{"centre, held: nothing was paid", held, at(thursdayMorning, 10, 0), true, 0, nil},
		{"visitor, checked in: too late", checkedIn, at(friday, 10, 30), false, 0, ErrNotCancel},
		{"centre, checked in: the whole fee", checkedIn, at(friday, 10, 30), true, 20000, nil},
		{"centre, after the end", checkedIn, at(friday, 12, 0), true, 0, ErrNotCancel},
		{"visitor, held hold lapsed", held, at(friday, 10, 16), false, 0, ErrLapsed},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			now := thursdayMorning
			svc, _ := newTestService(t, now)
			svc.now = func() time.Time { return now }
			b := mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 12, 0))
			if c.state >= paid {
				if err := svc.CanPay(b); err != nil {
					t.Fatalf("CanPay of a fresh hold: %v", err)
				}
				if _, err := svc.Pay(manager(t, svc.db), b.ID, PayCash); err != nil {
					t.Fatal(err)
				}
			}
			if c.state == checkedIn {
				tok, err := svc.PassToken(b.ID)
				if err != nil {
					t.Fatal(err)
				}
				now = at(friday, 10, 0)
				if _, err := svc.CheckIn("visitor", tok, ""); err != nil {
					t.Fatal(err)
				}
			}
			now = c.now
			b, _ = svc.Get(b.ID)
			q, qerr := svc.CancelQuote(b.ID, c.byCentre)
			if !errors.Is(qerr, c.err) || (qerr == nil && q.Refund != c.refund) {
				t.Fatalf("quote %+v, %v; want refund %d, %v", q, qerr, c.refund, c.err)
			}
			if can := svc.CanCancel(b, c.byCentre); !errors.Is(can, c.err) {
				t.Fatalf("CanCancel = %v, want %v", can, c.err)
			}
			cancel := svc.Cancel
			if c.byCentre {
				cancel = svc.CancelByCentre
			}
			got, err := cancel(manager(t, svc.db), b.ID)
			if !errors.Is(err, c.err) || (err == nil && got.Refund != q.Refund) {
				t.Fatalf("cancel gave %d, %v; the quote said %d, %v", got.Refund, err, q.Refund, qerr)
			}
		})
	}
	t.Run("CanPay refuses what Pay refuses", func(t *testing.T) {
		now := thursdayMorning
		svc, _ := newTestService(t, now)
		svc.now = func() time.Time { return now }
		b := mustBook(t, svc, "meeting", at(friday, 10, 0), at(friday, 12, 0))
		now = b.HoldUntil
		if err := svc.CanPay(b); !errors.Is(err, ErrLapsed) {
			t.Fatalf("CanPay after the hold: %v", err)
		}
		if _, err := svc.Pay(manager(t, svc.db), b.ID, PayCash); !errors.Is(err, ErrLapsed) {
			t.Fatalf("Pay after the hold: %v", err)
		}
	})
}
