package booking

import (
	"errors"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// purgeBatch bounds one purge transaction (Badger caps a transaction's size).
const purgeBatch = 500

var purgeMarkKey = store.Key("purge", "booking")

// Purge destroys the personal data (name, phone, organisation) of bookings
// whose day is more than Settings.RetentionDays in the past, as the consent
// screen promises. Each run records what it destroyed in the audit log —
// counts and the cut-off date, never the data — which is the destruction
// log. It returns how many bookings it cleared. It needs
// staff.PermSettings (the kiosk's own job, store.ActorSystem, has it).
func (s *Service) Purge(actor store.Actor) (int, error) {
	// Asked before looking, so the refusal does not depend on whether
	// anything was due; each write asks again.
	if err := staff.Allowed(s.db, actor, staff.PermSettings); err != nil {
		return 0, err
	}
	now := s.Now()
	total := 0
	for {
		n, more, err := s.purgeOnce(actor, now)
		total += n
		if err != nil || !more {
			return total, err
		}
	}
}

func (s *Service) purgeOnce(actor store.Actor, now time.Time) (n int, more bool, err error) {
	var st Settings
	var ids []string
	var from, cutoff, upTo time.Time
	err = s.db.View(func(tx *store.Txn) error {
		if st, err = loadSettings(tx); err != nil {
			return err
		}
		cutoff = seoul.Midnight(now).AddDate(0, 0, -st.RetentionDays)
		var mark time.Time
		if err := tx.Get(purgeMarkKey, &mark); err != nil && !errors.Is(err, store.ErrNotFound) {
			return err
		}
		from = mark
		upTo = cutoff
		prefix := store.Prefix("day")
		return tx.Range(prefix, store.Key("day", from), store.Key("day", cutoff), func(k, _ []byte) error {
			day := store.TimeAt(k, len(prefix))
			if len(ids) >= purgeBatch && !day.Equal(upTo) {
				upTo = day // stop before a new day so the mark stays exact
				more = true
				return store.ErrStop
			}
			ids = append(ids, string(k[len(prefix)+9:]))
			upTo = day
			return nil
		})
	})
	if err != nil || !cutoff.After(from) {
		return 0, false, err
	}
	if !more {
		upTo = cutoff
	}
	err = s.db.Update(actor, "booking.purge", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermSettings); err != nil {
			return err
		}
		n = 0
		for _, id := range ids {
			b, err := s.load(tx, id)
			if err != nil {
				return err
			}
			if b.Name == "" && b.Phone == "" && b.Org == "" {
				continue
			}
			b.Name, b.Phone, b.Org, b.PurgedAt = "", "", "", now
			if err := tx.Put(bookingKey(b.ID), b); err != nil {
				return err
			}
			n++
		}
		tx.Note("personal data of %d bookings before %s destroyed (retention %d days)", n, upTo.Format("2006-01-02"), st.RetentionDays)
		return tx.Put(purgeMarkKey, upTo)
	})
	if err != nil {
		return 0, false, err
	}
	return n, more, nil
}
