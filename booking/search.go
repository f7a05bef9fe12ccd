package booking

import (
	"errors"
	"sort"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/yeongdeungpo/kiosk/internal/personal"
	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/staff"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// Search bounds.
const (
	// FindLimit is the most results Find returns, whatever limit asks for.
	FindLimit = 200
	// findPastDays: Find looks this many days before today (and up to the
	// last bookable day ahead).
	findPastDays = 30
	// findMaxQuery bounds the query in characters; a longer one finds
	// nothing.
	findMaxQuery = 64
	// findMinName is the shortest name fragment searched: one syllable
	// would list half the visitors.
	findMinName = 2
	// findMinDigits is the fewest phone digits searched (the last four).
	findMinDigits = 4
	// findMaxDigits is the longest Korean mobile number.
	findMaxDigits = 11
)

// Find looks a booking up for staff at the desk, by what the visitor says:
//
//   - a booking code: 8 characters of the code alphabet, in any case, with
//     spaces or a hyphen ("k7q3 mxa2") — the booking itself is read,
//     whatever its date, block or not;
//   - phone digits, 4 to 11 of them, hyphens and spaces allowed: the
//     bookings whose phone ends in (or is) those digits;
//   - otherwise a fragment of the visitor's name, Hangul or Latin, of 2 to
//     30 characters: matched case-insensitively after NFC normalisation.
//
// A query that could be a code but names no booking (an 8-letter name such
// as "Matthews", or 8 phone digits) is then searched as a name or a phone.
// Phone and name matches skip blocks (they have no visitor) and bookings
// whose personal data was purged. Results are newest start first, at most
// limit of them (limit ≤ 0 or above FindLimit means FindLimit). The phone
// in each result is masked (010-****-5678): the full number is only given
// by RevealPhone, which is audited.
//
// Cost: phone and name matches read only the day index from 30 days
// before today to the last bookable day (Settings.AdvanceDays ahead) and
// the bookings listed there (most of each is decoded only in part): its
// cost follows the bookings in that window of about three months, not the
// bookings stored, 2,000 or a million. A booking outside the window is
// found by its code only. An empty, too short, too long query or one with control
// characters finds nothing (no error).
func (s *Service) Find(query string, limit int) ([]Booking, error) {
	if limit <= 0 || limit > FindLimit {
		limit = FindLimit
	}
	q, ok := cleanQuery(query)
	if !ok {
		return nil, nil
	}
	if id, ok := codeQuery(q); ok {
		b, err := s.Get(id)
		switch {
		case err == nil:
			return []Booking{masked(b)}, nil
		case !errors.Is(err, ErrNotFound):
			return nil, err
		}
	}
	var match func(name, phone string) bool
	if d, ok := phoneQuery(q); ok {
		if len(d) < findMinDigits || len(d) > findMaxDigits {
			return nil, nil
		}
		match = func(_, phone string) bool { return phoneEndsIn(phone, d) }
	} else {
		frag, ok := nameQuery(q)
		if !ok {
			return nil, nil
		}
		match = func(name, _ string) bool { return strings.Contains(foldName(name), frag) }
	}
	return s.findInWindow(match, limit)
}

// searchView is the part of a stored booking a window search decodes for
// each booking it passes; only the results are read whole.
type searchView struct {
	ID       string    `json:"id"`
	Room     string    `json:"room"`
	From     time.Time `json:"from"`
	Name     string    `json:"name"`
	Phone    string    `json:"phone"`
	Block    bool      `json:"block"`
	PurgedAt time.Time `json:"purged_at"`
}

// findInWindow reads the day index from findPastDays before today to the
// last bookable day and returns the newest limit visitors' bookings (not
// blocks, not purged) that match, phones masked.
func (s *Service) findInWindow(match func(name, phone string) bool, limit int) ([]Booking, error) {
	now := s.Now()
	var out []Booking
	err := s.db.View(func(tx *store.Txn) error {
		st, err := loadSettings(tx)
		if err != nil {
			return err
		}
		from := seoul.Midnight(now).AddDate(0, 0, -findPastDays)
		to := seoul.Midnight(now).AddDate(0, 0, st.AdvanceDays+1) // exclusive
		p := store.Prefix("day")
		off := len(store.Prefix("day", from))
		var hits []searchView
		err = tx.Range(p, store.Key("day", from), store.Key("day", to), func(k, v []byte) error {
			if len(v) == 1 && dayFlags(v[0])&dayBlock != 0 {
				return nil // a block has no visitor: not worth reading
			}
			var b searchView
			if err := tx.Get(bookingKey(string(k[off:])), &b); err != nil {
				if errors.Is(err, store.ErrNotFound) {
					return ErrNotFound
				}
				return err
			}
			if b.Block || !b.PurgedAt.IsZero() || !match(b.Name, b.Phone) {
				return nil
			}
			hits = append(hits, b)
			return nil
		})
		if err != nil {
			return err
		}
		sort.Slice(hits, func(i, j int) bool {
			if !hits[i].From.Equal(hits[j].From) {
				return hits[i].From.After(hits[j].From)
			}
			if hits[i].Room != hits[j].Room {
				return hits[i].Room < hits[j].Room
			}
			return hits[i].ID < hits[j].ID
		})
		if len(hits) > limit {
			hits = hits[:limit]
		}
		out = make([]Booking, 0, len(hits))
		for _, h := range hits {
			b, err := s.load(tx, h.ID)
			if err != nil {
				return err
			}
			out = append(out, masked(b))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// cleanQuery NFC-normalises a query, trims it and collapses its spaces; ok
// is false for an empty or over-long query or one with control or
// invisible format characters.
func cleanQuery(query string) (string, bool) {
	if len(query) > 4*findMaxQuery { // before normalising a huge string
		return "", false
	}
	return personal.CleanText(norm.NFC.String(query), 1, findMaxQuery)
}

// codeQuery is q as a booking code, when it has the code's shape: 8
// characters of the code alphabet once spaces and hyphens are dropped and
// letters upper-cased.
func codeQuery(q string) (string, bool) {
	var id []byte
	for _, r := range q {
		switch {
		case r == ' ' || r == '-':
			continue
		case r < 0x80 && strings.IndexByte(codeAlphabet, byte(unicode.ToUpper(r))) >= 0:
			id = append(id, byte(unicode.ToUpper(r)))
		default:
			return "", false
		}
		if len(id) > 8 {
			return "", false
		}
	}
	return string(id), len(id) == 8
}

// phoneQuery is q's digits when q is only digits, hyphens and spaces with
// at least one digit.
func phoneQuery(q string) ([]byte, bool) {
	d, ok := personal.PhoneDigits(q)
	return d, ok && len(d) > 0
}

// phoneEndsIn reports whether phone's digits end in (or are) digits.
func phoneEndsIn(phone string, digits []byte) bool {
	if phone == "" {
		return false
	}
	d, ok := personal.PhoneDigits(phone)
	return ok && len(d) >= len(digits) && string(d[len(d)-len(digits):]) == string(digits)
}

// nameQuery is q folded for matching names: 2 to 30 characters with a
// letter in them.
func nameQuery(q string) (string, bool) {
	n, letter := 0, false
	for _, r := range q {
		n++
		letter = letter || unicode.IsLetter(r)
	}
	if n < findMinName || n > 30 || !letter {
		return "", false
	}
	return foldName(q), true
}

// foldName is a name as Find compares it: NFC, lower case, spaces
// collapsed.
func foldName(n string) string {
	return strings.ToLower(strings.Join(strings.Fields(norm.NFC.String(n)), " "))
}

// masked is b as Find lists it: the phone masked.
func masked(b Booking) Booking {
	if b.Phone != "" {
		b.Phone = MaskPhone(b.Phone)
	}
	return b
}

// RevealPhone gives staff the full phone number of booking id (to call the
// visitor) and records that actor saw it: an audit entry
// "booking.reveal_phone" naming the booking, never the number. A booking
// without a phone (a block, or purged after the retention period) gives ""
// and is audited all the same. An unknown id is ErrNotFound, not audited.
// It needs staff.PermReveal.
func (s *Service) RevealPhone(actor store.Actor, id string) (string, error) {
	if code, ok := codeQuery(strings.TrimSpace(id)); ok {
		id = code
	}
	var phone string
	err := s.db.Update(actor, "booking.reveal_phone", func(tx *store.Txn) error {
		if err := staff.Require(tx, actor, staff.PermReveal); err != nil {
			return err
		}
		b, err := s.load(tx, id)
		if err != nil {
			return err
		}
		phone = b.Phone
		if phone == "" {
			tx.Note("booking %s: no phone to reveal", b.ID)
		} else {
			tx.Note("booking %s phone revealed", b.ID)
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return phone, nil
}
