package ledger

import (
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/seoul"
	"github.com/yeongdeungpo/kiosk/internal/store"
)

// newDB is an empty in-memory store, closed when the test ends.
func newDB(tb testing.TB) *store.DB {
	tb.Helper()
	db, err := store.OpenInMemory()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		if err := db.Close(); err != nil {
			tb.Error(err)
		}
	})
	return db
}

// kst is a Seoul wall-clock time to the second.
func kst(y int, m time.Month, d, hh, mm, ss int) time.Time {
	return time.Date(y, m, d, hh, mm, ss, 0, seoul.Location)
}

// post posts es in one Update.
func post(db *store.DB, es ...Entry) error {
	return db.Update(store.ActorSystem, "test.post", func(tx *store.Txn) error {
		for _, e := range es {
			if err := Post(tx, e); err != nil {
				return err
			}
		}
		return nil
	})
}

func mustPost(tb testing.TB, db *store.DB, es ...Entry) {
	tb.Helper()
	if err := post(db, es...); err != nil {
		tb.Fatal(err)
	}
}

func reverse(db *store.DB, ref, id string, at time.Time) error {
	return db.Update(store.ActorSystem, "test.reverse", func(tx *store.Txn) error {
		return Reverse(tx, ref, id, at)
	})
}

// ledgerKeys counts the keys of both of the ledger's key spaces.
func ledgerKeys(tb testing.TB, db *store.DB) (entries, refs int) {
	tb.Helper()
	entries, err := db.CountKeys(store.Prefix("ledger"))
	if err != nil {
		tb.Fatal(err)
	}
	refs, err = db.CountKeys(store.Prefix("ledgerref"))
	if err != nil {
		tb.Fatal(err)
	}
	return entries, refs
}

func rangeOf(tb testing.TB, db *store.DB, from, to time.Time) []Entry {
	tb.Helper()
	var got []Entry
	err := db.View(func(tx *store.Txn) error {
		return Range(tx, from, to, func(e Entry) error { got = append(got, e); return nil })
	})
	if err != nil {
		tb.Fatal(err)
	}
	return got
}

func ofRef(tb testing.TB, db *store.DB, ref string) []Entry {
	tb.Helper()
	var got []Entry
	err := db.View(func(tx *store.Txn) error {
		return OfRef(tx, ref, func(e Entry) error { got = append(got, e); return nil })
	})
	if err != nil {
		tb.Fatal(err)
	}
	return got
}

func sum(tb testing.TB, db *store.DB, from, to time.Time) Totals {
	tb.Helper()
	var t Totals
	err := db.View(func(tx *store.Txn) (err error) { t, err = Sum(tx, from, to); return err })
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func sumRef(tb testing.TB, db *store.DB, ref string) Totals {
	tb.Helper()
	var t Totals
	err := db.View(func(tx *store.Txn) (err error) { t, err = SumRef(tx, ref); return err })
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func posted(tb testing.TB, db *store.DB, ref, id string) bool {
	tb.Helper()
	var ok bool
	err := db.View(func(tx *store.Txn) (err error) { ok, err = Posted(tx, ref, id); return err })
	if err != nil {
		tb.Fatal(err)
	}
	return ok
}

// nonZero drops the kinds whose total is 0, so that "posted and reversed"
// and "never posted" compare equal.
func nonZero(t Totals) Totals {
	out := Totals{}
	for k, v := range t {
		if v != 0 {
			out[k] = v
		}
	}
	return out
}

// ids is "ref|id" of each entry, in order.
func ids(es []Entry) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.Ref + "|" + e.ID
	}
	return out
}

func TestPostRefusesBadEntries(t *testing.T) {
	at := kst(2026, 3, 2, 10, 0, 0)
	good := Entry{Ref: LeaseRef("L1"), ID: "p1", At: at, Kind: Rent, Amount: 300000}
	with := func(f func(*Entry)) Entry { e := good; f(&e); return e }
	cases := []struct {
		name string
		e    Entry
	}{
		{"empty ref", with(func(e *Entry) { e.Ref = "" })},
		{"empty id", with(func(e *Entry) { e.ID = "" })},
		{"zero time", with(func(e *Entry) { e.At = time.Time{} })},
		{"empty kind", with(func(e *Entry) { e.Kind = "" })},
		{"unknown kind", with(func(e *Entry) { e.Kind = "deposit" })},
		{"kind in another case", with(func(e *Entry) { e.Kind = "Rent" })},
		{"slash in ref", with(func(e *Entry) { e.Ref = "lease:L/1" })},
		{"slash in id", with(func(e *Entry) { e.ID = "p/1" })},
		{"bar in ref", with(func(e *Entry) { e.Ref = "lease:L|1" })},
		{"bar in id", with(func(e *Entry) { e.ID = "p|1" })},
		{"bar alone as id", with(func(e *Entry) { e.ID = "|" })},
		// Refused before the amount is looked at.
		{"bad and zero amount", with(func(e *Entry) { e.ID = ""; e.Amount = 0 })},
	}
	db := newDB(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			err := post(db, c.e)
			if !errors.Is(err, ErrBadEntry) {
				t.Fatalf("Post(%+v) = %v, want ErrBadEntry", c.e, err)
			}
			if errors.Is(err, ErrDuplicate) {
				t.Errorf("also ErrDuplicate: %v", err)
			}
			if n, r := ledgerKeys(t, db); n != 0 || r != 0 {
				t.Errorf("%d entry keys and %d ref keys written, want none", n, r)
			}
			if c.e.Ref != "" && c.e.ID != "" && posted(t, db, c.e.Ref, c.e.ID) {
				t.Errorf("Posted reports the refused entry")
			}
		})
	}
	// The template itself is fine (so each case fails for its own reason).
	mustPost(t, db, good)
	if !posted(t, db, good.Ref, good.ID) {
		t.Fatal("the valid entry was not posted")
	}
}

func TestPostZeroAmountPostsNothing(t *testing.T) {
	db := newDB(t)
	e := Entry{Ref: BookingRef("B1"), ID: "fee", At: kst(2026, 3, 2, 10, 0, 0), Kind: RoomFee}
	if err := post(db, e); err != nil {
		t.Fatalf("zero amount: %v, want nil", err)
	}
	if n, r := ledgerKeys(t, db); n != 0 || r != 0 {
		t.Fatalf("%d entry keys and %d ref keys written, want none", n, r)
	}
	if posted(t, db, e.Ref, e.ID) {
		t.Fatal("Posted reports a zero-amount entry")
	}
	// Nothing was reserved: the same ID can take a real amount later.
	e.Amount = 50000
	mustPost(t, db, e)
	if got := ofRef(t, db, e.Ref); len(got) != 1 || got[0].Amount != 50000 {
		t.Fatalf("OfRef = %+v, want the one 50000 entry", got)
	}
}

func TestPostDuplicate(t *testing.T) {
	first := Entry{Ref: LeaseRef("L1"), ID: "pay-1", At: kst(2026, 3, 2, 10, 0, 0), Kind: Rent, Amount: 300000}
	with := func(f func(*Entry)) Entry { e := first; f(&e); return e }
	cases := []struct {
		name  string
		again Entry
	}{
		{"same entry", first},
		{"another date", with(func(e *Entry) { e.At = kst(2027, 1, 1, 0, 0, 0) })},
		{"earlier date", with(func(e *Entry) { e.At = kst(2020, 1, 1, 0, 0, 0) })},
		{"same instant in UTC", with(func(e *Entry) { e.At = e.At.UTC() })},
		{"another kind and amount", with(func(e *Entry) { e.Kind = ManagementFee; e.Amount = -1 })},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := newDB(t)
			mustPost(t, db, first)
			if !posted(t, db, first.Ref, first.ID) {
				t.Fatal("Posted = false after posting")
			}
			err := post(db, c.again)
			if !errors.Is(err, ErrDuplicate) {
				t.Fatalf("second Post = %v, want ErrDuplicate", err)
			}
			if n, r := ledgerKeys(t, db); n != 1 || r != 1 {
				t.Errorf("%d entry keys and %d ref keys, want 1 and 1", n, r)
			}
			got := ofRef(t, db, first.Ref)
			if len(got) != 1 || got[0].Amount != first.Amount || got[0].Kind != first.Kind || !got[0].At.Equal(first.At) {
				t.Errorf("OfRef = %+v, want only the first entry", got)
			}
			all := rangeOf(t, db, kst(2000, 1, 1, 0, 0, 0), kst(2100, 1, 1, 0, 0, 0))
			if len(all) != 1 {
				t.Errorf("Range over everything = %d entries, want 1", len(all))
			}
		})
	}
	t.Run("twice in one transaction", func(t *testing.T) {
		db := newDB(t)
		if err := post(db, first, with(func(e *Entry) { e.At = kst(2026, 4, 1, 0, 0, 0) })); !errors.Is(err, ErrDuplicate) {
			t.Fatalf("Post, Post in one tx = %v, want ErrDuplicate", err)
		}
		if n, r := ledgerKeys(t, db); n != 0 || r != 0 {
			t.Errorf("failed Update left %d entry keys and %d ref keys", n, r)
		}
	})
	t.Run("same id under another ref", func(t *testing.T) {
		db := newDB(t)
		mustPost(t, db, first, with(func(e *Entry) { e.Ref = LeaseRef("L2") }), with(func(e *Entry) { e.Ref = BookingRef("L1") }))
		if n, r := ledgerKeys(t, db); n != 3 || r != 3 {
			t.Errorf("%d entry keys and %d ref keys, want 3 and 3", n, r)
		}
	})
}

func TestPosted(t *testing.T) {
	db := newDB(t)
	mustPost(t, db, Entry{Ref: LeaseRef("A"), ID: "x", At: kst(2026, 1, 5, 9, 0, 0), Kind: Rent, Amount: 1})
	cases := []struct {
		ref, id string
		want    bool
	}{
		{LeaseRef("A"), "x", true},
		{LeaseRef("A"), "y", false},
		{LeaseRef("AB"), "x", false},
		{LeaseRef(""), "x", false},
		{BookingRef("A"), "x", false},
		{LeaseRef("A"), "", false},
		{"", "", false},
	}
	for _, c := range cases {
		if got := posted(t, db, c.ref, c.id); got != c.want {
			t.Errorf("Posted(%q, %q) = %v, want %v", c.ref, c.id, got, c.want)
		}
	}
}

func TestRange(t *testing.T) {
	from, to := kst(2026, 3, 1, 0, 0, 0), kst(2026, 4, 1, 0, 0, 0)
	es := []Entry{
		// Posted out of time order on purpose.
		{Ref: LeaseRef("A"), ID: "mid", At: kst(2026, 3, 15, 12, 0, 0), Kind: Rent, Amount: 300},
		{Ref: LeaseRef("A"), ID: "at-to", At: to, Kind: Rent, Amount: 1},
		{Ref: LeaseRef("A"), ID: "before-from", At: from.Add(-time.Second), Kind: Rent, Amount: 2},
		{Ref: LeaseRef("A"), ID: "at-from", At: from, Kind: ManagementFee, Amount: 50},
		{Ref: LeaseRef("A"), ID: "last-second", At: to.Add(-time.Second), Kind: LateInterest, Amount: 7},
		{Ref: LeaseRef("B"), ID: "half-second-before-to", At: to.Add(-time.Second / 2), Kind: Rent, Amount: 11},
		{Ref: LeaseRef("B"), ID: "half-second-before-from", At: from.Add(-time.Second / 2), Kind: Rent, Amount: 13},
		// 2026-02-28 15:00 UTC is 2026-03-01 00:00 in Seoul: in.
		{Ref: BookingRef("U"), ID: "utc-from", At: time.Date(2026, 2, 28, 15, 0, 0, 0, time.UTC), Kind: RoomFee, Amount: 20000},
		// 2026-03-31 15:00 UTC is 2026-04-01 00:00 in Seoul: out.
		{Ref: BookingRef("U"), ID: "utc-to", At: time.Date(2026, 3, 31, 15, 0, 0, 0, time.UTC), Kind: RoomFee, Amount: 40000},
		// 2026-03-20 02:30 UTC, 11:30 in Seoul.
		{Ref: BookingRef("U"), ID: "utc-mid", At: time.Date(2026, 3, 20, 2, 30, 0, 0, time.UTC), Kind: RoomRefund, Amount: -5000},
		{Ref: LeaseRef("C"), ID: "next-year", At: kst(2027, 3, 15, 0, 0, 0), Kind: Rent, Amount: 3},
		{Ref: LeaseRef("C"), ID: "last-year", At: kst(2025, 3, 15, 0, 0, 0), Kind: Rent, Amount: 5},
	}
	db := newDB(t)
	mustPost(t, db, es...)
	byID := map[string]Entry{}
	for _, e := range es {
		byID[e.Ref+"|"+e.ID] = e
	}

	got := rangeOf(t, db, from, to)
	want := []string{
		"booking:U|utc-from", "lease:A|at-from", // the same instant: key order
		"lease:A|mid",
		"booking:U|utc-mid",
		"lease:A|last-second", "lease:B|half-second-before-to",
	}
	if !slices.Equal(ids(got), want) {
		t.Fatalf("Range = %q\nwant    %q", ids(got), want)
	}
	for i, e := range got {
		if i > 0 && e.At.Before(got[i-1].At) {
			t.Errorf("Range not in time order: %v after %v", e.At, got[i-1].At)
		}
		orig := byID[e.Ref+"|"+e.ID]
		if !e.At.Equal(orig.At) {
			t.Errorf("%s: At %v, posted %v (instant changed)", e.ID, e.At, orig.At)
		}
		if _, off := e.At.Zone(); off != 9*3600 {
			t.Errorf("%s: read back at offset %ds, want Seoul (+9h)", e.ID, off)
		}
		if e.Kind != orig.Kind || e.Amount != orig.Amount {
			t.Errorf("%s: read back %v %d, posted %v %d", e.ID, e.Kind, e.Amount, orig.Kind, orig.Amount)
		}
	}
	// The UTC entries read back with Seoul wall-clock times.
	wall := map[string]string{}
	for _, e := range got {
		wall[e.ID] = e.At.Format("2006-01-02 15:04:05 -0700")
	}
	if w := wall["utc-from"]; w != "2026-03-01 00:00:00 +0900" {
		t.Errorf("utc-from reads back as %s", w)
	}
	if w := wall["utc-mid"]; w != "2026-03-20 11:30:00 +0900" {
		t.Errorf("utc-mid reads back as %s", w)
	}

	// The same entries through OfRef: also Seoul, same instant.
	for _, e := range ofRef(t, db, BookingRef("U")) {
		if _, off := e.At.Zone(); off != 9*3600 || !e.At.Equal(byID[e.Ref+"|"+e.ID].At) {
			t.Errorf("OfRef %s: At %v", e.ID, e.At)
		}
	}

	bounds := []struct {
		name     string
		from, to time.Time
		want     []string
	}{
		{"empty period", from, from, nil},
		{"reversed period", to, from, nil},
		{"one second at from", from, from.Add(time.Second), []string{"booking:U|utc-from", "lease:A|at-from"}},
		{"the second before from", from.Add(-time.Second), from, []string{"lease:A|before-from", "lease:B|half-second-before-from"}},
		{"from to in UTC", from.UTC(), to.UTC(), want},
		{"to alone", to, to.Add(time.Second), []string{"booking:U|utc-to", "lease:A|at-to"}},
		{"a whole year", kst(2026, 1, 1, 0, 0, 0), kst(2027, 1, 1, 0, 0, 0),
			[]string{"lease:A|before-from", "lease:B|half-second-before-from", "booking:U|utc-from", "lease:A|at-from", "lease:A|mid",
				"booking:U|utc-mid", "lease:A|last-second", "lease:B|half-second-before-to", "booking:U|utc-to", "lease:A|at-to"}},
	}
	for _, c := range bounds {
		if got := ids(rangeOf(t, db, c.from, c.to)); !slices.Equal(got, c.want) {
			t.Errorf("%s: Range = %q\nwant %q", c.name, got, c.want)
		}
	}

	// Sum over the period, by kind.
	wantSum := Totals{RoomFee: 20000, ManagementFee: 50, Rent: 300 + 11, RoomRefund: -5000, LateInterest: 7}
	if got := sum(t, db, from, to); !reflect.DeepEqual(got, wantSum) {
		t.Errorf("Sum = %v, want %v", got, wantSum)
	}
}

// TestRangeSubSecondBounds: keys hold whole seconds, yet a bound inside a
// second is honoured to the instant.
func TestRangeSubSecondBounds(t *testing.T) {
	db := newDB(t)
	base := kst(2026, 3, 10, 12, 0, 0)
	mustPost(t, db,
		Entry{Ref: LeaseRef("A"), ID: "early", At: base.Add(200 * time.Millisecond), Kind: Rent, Amount: 1},
		Entry{Ref: LeaseRef("A"), ID: "late", At: base.Add(800 * time.Millisecond), Kind: Rent, Amount: 2},
	)
	half := base.Add(500 * time.Millisecond)
	if got := ids(rangeOf(t, db, half, base.Add(time.Hour))); !slices.Equal(got, []string{"lease:A|late"}) {
		t.Errorf("Range from %v = %q, want only late (early is before from)", half, got)
	}
	if got := ids(rangeOf(t, db, base.Add(-time.Hour), half)); !slices.Equal(got, []string{"lease:A|early"}) {
		t.Errorf("Range to %v = %q, want only early (it is before to)", half, got)
	}
}

func TestSumRefAndOfRef(t *testing.T) {
	db := newDB(t)
	a, ab, a2 := LeaseRef("A"), LeaseRef("AB"), LeaseRef("A2")
	mustPost(t, db,
		Entry{Ref: a, ID: "p2", At: kst(2026, 2, 1, 9, 0, 0), Kind: Rent, Amount: 300000},
		Entry{Ref: a, ID: "p1", At: kst(2026, 1, 1, 9, 0, 0), Kind: Rent, Amount: 300000},
		Entry{Ref: a, ID: "p1m", At: kst(2026, 1, 1, 9, 0, 0), Kind: ManagementFee, Amount: 50000},
		Entry{Ref: a, ID: "late", At: kst(2026, 2, 10, 9, 0, 0), Kind: LateInterest, Amount: 1234},
		// Refs that start with "lease:A", and one that "lease:A" starts with.
		Entry{Ref: ab, ID: "p1", At: kst(2026, 1, 1, 9, 0, 0), Kind: Rent, Amount: 7},
		Entry{Ref: ab, ID: "x", At: kst(2026, 1, 2, 9, 0, 0), Kind: Credit, Amount: 8},
		Entry{Ref: a2, ID: "p1", At: kst(2026, 1, 3, 9, 0, 0), Kind: Rent, Amount: 9},
		Entry{Ref: "lease:", ID: "p1", At: kst(2026, 1, 3, 9, 0, 0), Kind: Rent, Amount: 10},
		Entry{Ref: "lease:A:x", ID: "p1", At: kst(2026, 1, 3, 9, 0, 0), Kind: Rent, Amount: 11},
		Entry{Ref: BookingRef("A"), ID: "fee", At: kst(2026, 1, 4, 9, 0, 0), Kind: RoomFee, Amount: 20000},
	)
	cases := []struct {
		ref     string
		wantIDs []string // in ID order
		want    Totals
	}{
		{a, []string{"late", "p1", "p1m", "p2"}, Totals{Rent: 600000, ManagementFee: 50000, LateInterest: 1234}},
		{ab, []string{"p1", "x"}, Totals{Rent: 7, Credit: 8}},
		{a2, []string{"p1"}, Totals{Rent: 9}},
		{"lease:", []string{"p1"}, Totals{Rent: 10}},
		{"lease:A:x", []string{"p1"}, Totals{Rent: 11}},
		{BookingRef("A"), []string{"fee"}, Totals{RoomFee: 20000}},
		{LeaseRef("B"), nil, Totals{}},
		{"lease", nil, Totals{}},
		{"lease:A|p1", nil, Totals{}},
	}
	for _, c := range cases {
		t.Run(c.ref, func(t *testing.T) {
			es := ofRef(t, db, c.ref)
			var gotIDs []string
			for _, e := range es {
				if e.Ref != c.ref {
					t.Errorf("OfRef(%q) gave an entry of %q (%s)", c.ref, e.Ref, e.ID)
				}
				gotIDs = append(gotIDs, e.ID)
			}
			if !slices.Equal(gotIDs, c.wantIDs) {
				t.Errorf("OfRef(%q) IDs = %q, want %q", c.ref, gotIDs, c.wantIDs)
			}
			if got := sumRef(t, db, c.ref); !reflect.DeepEqual(got, c.want) {
				t.Errorf("SumRef(%q) = %v, want %v", c.ref, got, c.want)
			}
		})
	}
	// Sum by kind over everything.
	want := Totals{Rent: 600000 + 7 + 9 + 10 + 11, ManagementFee: 50000, LateInterest: 1234, Credit: 8, RoomFee: 20000}
	if got := sum(t, db, kst(2026, 1, 1, 0, 0, 0), kst(2027, 1, 1, 0, 0, 0)); !reflect.DeepEqual(got, want) {
		t.Errorf("Sum = %v, want %v", got, want)
	}
	if got := sum(t, db, kst(2025, 1, 1, 0, 0, 0), kst(2026, 1, 1, 0, 0, 0)); len(got) != 0 {
		t.Errorf("Sum of an empty year = %v, want empty", got)
	}
}

func TestReverse(t *testing.T) {
	ref := LeaseRef("A")
	orig := Entry{Ref: ref, ID: "pay-1", At: kst(2026, 3, 2, 10, 0, 0), Kind: ManagementFee, Amount: 50000,
		Unit: "I01", Room: "R1", Method: "card"}
	revAt := kst(2026, 4, 3, 15, 30, 0)

	db := newDB(t)
	mustPost(t, db, orig, Entry{Ref: ref, ID: "pay-2", At: orig.At, Kind: Rent, Amount: 300000})
	if err := reverse(db, ref, orig.ID, revAt.UTC()); err != nil {
		t.Fatalf("Reverse: %v", err)
	}

	es := ofRef(t, db, ref)
	var rev *Entry
	for i := range es {
		if es[i].Reverses != "" {
			if rev != nil {
				t.Fatalf("two reversing entries: %+v", es)
			}
			rev = &es[i]
		}
	}
	if rev == nil {
		t.Fatalf("no reversing entry in %+v", es)
	}
	if rev.Reverses != orig.ID || rev.Ref != ref || rev.Kind != orig.Kind || rev.Amount != -orig.Amount ||
		rev.Unit != orig.Unit || rev.Room != orig.Room || rev.Method != orig.Method {
		t.Errorf("reversing entry %+v does not mirror %+v", *rev, orig)
	}
	if rev.ID == orig.ID || rev.ID == "" {
		t.Errorf("reversing entry has ID %q", rev.ID)
	}
	if !rev.At.Equal(revAt) {
		t.Errorf("reversing entry at %v, want %v", rev.At, revAt)
	}
	if !posted(t, db, ref, rev.ID) {
		t.Errorf("Posted(%q) = false", rev.ID)
	}
	if got, want := nonZero(sumRef(t, db, ref)), (Totals{Rent: 300000}); !reflect.DeepEqual(got, want) {
		t.Errorf("SumRef after reversal = %v, want %v (the fee nets to zero)", got, want)
	}
	// Each period sees the entry on its own date.
	if got := sum(t, db, kst(2026, 3, 1, 0, 0, 0), kst(2026, 4, 1, 0, 0, 0)); got[ManagementFee] != 50000 {
		t.Errorf("March fee %d, want 50000", got[ManagementFee])
	}
	if got := sum(t, db, kst(2026, 4, 1, 0, 0, 0), kst(2026, 5, 1, 0, 0, 0)); got[ManagementFee] != -50000 {
		t.Errorf("April fee %d, want -50000", got[ManagementFee])
	}
	if got := sum(t, db, kst(2026, 1, 1, 0, 0, 0), kst(2027, 1, 1, 0, 0, 0)); got[ManagementFee] != 0 || got[Rent] != 300000 {
		t.Errorf("year totals %v", got)
	}

	n, r := ledgerKeys(t, db)
	refused := []struct {
		name    string
		ref, id string
		at      time.Time
		want    error // nil: any error
	}{
		{"reversing twice", ref, orig.ID, revAt.AddDate(0, 0, 1), ErrDuplicate},
		{"reversing twice on the same date", ref, orig.ID, revAt, ErrDuplicate},
		{"unknown id", ref, "pay-9", revAt, nil},
		{"id of another ref", LeaseRef("AB"), orig.ID, revAt, nil},
		{"empty id", ref, "", revAt, nil},
		{"zero time", ref, "pay-2", time.Time{}, ErrBadEntry},
	}
	for _, c := range refused {
		err := reverse(db, c.ref, c.id, c.at)
		if err == nil || (c.want != nil && !errors.Is(err, c.want)) {
			t.Errorf("%s: Reverse = %v, want %v", c.name, err, c.want)
		}
		if c.want == nil && !errors.Is(err, store.ErrNotFound) {
			t.Logf("%s: Reverse = %v (not store.ErrNotFound)", c.name, err)
		}
	}
	if n2, r2 := ledgerKeys(t, db); n2 != n || r2 != r {
		t.Errorf("refused reversals changed the key counts: %d/%d -> %d/%d", n, r, n2, r2)
	}

	// A reversal can itself be reversed (a correction of a correction).
	if err := reverse(db, ref, rev.ID, revAt.AddDate(0, 0, 2)); err != nil {
		t.Fatalf("reversing the reversal: %v", err)
	}
	if got, want := nonZero(sumRef(t, db, ref)), (Totals{Rent: 300000, ManagementFee: 50000}); !reflect.DeepEqual(got, want) {
		t.Errorf("SumRef after reversing the reversal = %v, want %v", got, want)
	}
}

func TestKinds(t *testing.T) {
	all := []Kind{Rent, ManagementFee, LateInterest, DepositInterest, Restoration, RoomFee, RoomRefund, Credit}
	seen := map[Kind]int{}
	for _, k := range Kinds {
		seen[k]++
	}
	for _, k := range all {
		if seen[k] != 1 {
			t.Errorf("Kinds lists %q %d times, want once", k, seen[k])
		}
	}
	if len(Kinds) != len(all) {
		t.Errorf("Kinds has %d entries, want %d: %q", len(Kinds), len(all), Kinds)
	}
	for _, k := range Kinds {
		if want := k != Credit; k.Income() != want {
			t.Errorf("%q.Income() = %v, want %v", k, k.Income(), want)
		}
		if !known(k) {
			t.Errorf("known(%q) = false", k)
		}
	}
	if !Rent.Income() || Credit.Income() {
		t.Error("Rent must be income and Credit not")
	}
	for _, k := range []Kind{"", "deposit", "RENT"} {
		if known(k) {
			t.Errorf("known(%q) = true", k)
		}
	}
}

// model is what the property test has posted, kept in memory.
type model struct{ es []Entry }

func (m *model) sum(from, to time.Time) Totals {
	t := Totals{}
	for _, e := range m.es {
		if !e.At.Before(from) && e.At.Before(to) {
			t[e.Kind] += e.Amount
		}
	}
	return nonZero(t)
}

func (m *model) sumRef(ref string) Totals {
	t := Totals{}
	for _, e := range m.es {
		if e.Ref == ref {
			t[e.Kind] += e.Amount
		}
	}
	return nonZero(t)
}

func (m *model) find(ref, id string) (Entry, bool) {
	for _, e := range m.es {
		if e.Ref == ref && e.ID == id {
			return e, true
		}
	}
	return Entry{}, false
}

func TestPropertySumMatchesModel(t *testing.T) {
	rng := rand.New(rand.NewPCG(20260301, 7))
	refs := []string{LeaseRef("A"), LeaseRef("AB"), LeaseRef("B"), BookingRef("A"), BookingRef("17")}
	year := kst(2026, 1, 1, 0, 0, 0)
	// Dates from mid-2025 to mid-2027, to the second, so that entries fall
	// both in and around the year.
	span := int64(kst(2027, 7, 1, 0, 0, 0).Sub(kst(2025, 7, 1, 0, 0, 0)) / time.Second)
	randTime := func() time.Time {
		at := kst(2025, 7, 1, 0, 0, 0).Add(time.Duration(rng.Int64N(span)) * time.Second)
		switch rng.IntN(4) {
		case 0: // exactly on a Seoul midnight (a period boundary)
			at = seoul.Midnight(at)
		case 1:
			at = at.UTC()
		}
		return at
	}

	db := newDB(t)
	m := &model{}
	nextID := 0
	reversed := map[string]bool{}
	for step := 0; step < 600; step++ {
		switch op := rng.IntN(10); {
		case op < 7: // post
			nextID++
			e := Entry{Ref: refs[rng.IntN(len(refs))], ID: "e" + strconv.Itoa(nextID), At: randTime(),
				Kind: Kinds[rng.IntN(len(Kinds))], Amount: rng.Int64N(400001) - 100000}
			if rng.IntN(20) == 0 {
				e.Amount = 0
			}
			if err := post(db, e); err != nil {
				t.Fatalf("step %d: Post(%+v): %v", step, e, err)
			}
			if e.Amount != 0 {
				m.es = append(m.es, e)
			}
		case op < 9: // reverse
			if len(m.es) == 0 {
				continue
			}
			orig := m.es[rng.IntN(len(m.es))]
			key := orig.Ref + "|" + orig.ID
			at := randTime()
			err := reverse(db, orig.Ref, orig.ID, at)
			if reversed[key] {
				if !errors.Is(err, ErrDuplicate) {
					t.Fatalf("step %d: second Reverse(%s) = %v, want ErrDuplicate", step, key, err)
				}
				continue
			}
			if err != nil {
				t.Fatalf("step %d: Reverse(%s): %v", step, key, err)
			}
			reversed[key] = true
			var rev Entry
			if err := db.View(func(tx *store.Txn) error {
				return OfRef(tx, orig.Ref, func(e Entry) error {
					if e.Reverses == orig.ID {
						rev = e
					}
					return nil
				})
			}); err != nil {
				t.Fatal(err)
			}
			if rev.Amount != -orig.Amount || rev.Kind != orig.Kind || !rev.At.Equal(at) {
				t.Fatalf("step %d: reversal of %+v is %+v", step, orig, rev)
			}
			m.es = append(m.es, rev)
		default: // post an existing ID again, at another time
			if len(m.es) == 0 {
				continue
			}
			e := m.es[rng.IntN(len(m.es))]
			e.At, e.Amount = randTime(), 1+rng.Int64N(1000)
			if err := post(db, e); !errors.Is(err, ErrDuplicate) {
				t.Fatalf("step %d: reposting %s|%s = %v, want ErrDuplicate", step, e.Ref, e.ID, err)
			}
		}
	}
	if n, r := ledgerKeys(t, db); n != len(m.es) || r != len(m.es) {
		t.Fatalf("%d entry keys, %d ref keys; the model has %d entries", n, r, len(m.es))
	}
	t.Logf("%d entries, %d reversed", len(m.es), len(reversed))

	// Random periods: whole Seoul days, and arbitrary seconds.
	for i := 0; i < 300; i++ {
		a, b := randTime(), randTime()
		if i%2 == 0 {
			a, b = seoul.Midnight(a), seoul.Midnight(b)
		}
		if b.Before(a) {
			a, b = b, a
		}
		if got, want := nonZero(sum(t, db, a, b)), m.sum(a, b); !maps.Equal(got, want) {
			t.Fatalf("Sum(%v, %v) = %v, model %v", a, b, got, want)
		}
		// Range gives exactly the model's entries of the period, in time order.
		got := rangeOf(t, db, a, b)
		n := 0
		for _, e := range m.es {
			if !e.At.Before(a) && e.At.Before(b) {
				n++
			}
		}
		if len(got) != n {
			t.Fatalf("Range(%v, %v): %d entries, model %d", a, b, len(got), n)
		}
		for j := 1; j < len(got); j++ {
			if got[j].At.Before(got[j-1].At) {
				t.Fatalf("Range(%v, %v) out of order at %d", a, b, j)
			}
		}
	}

	for _, ref := range refs {
		if got, want := nonZero(sumRef(t, db, ref)), m.sumRef(ref); !maps.Equal(got, want) {
			t.Errorf("SumRef(%q) = %v, model %v", ref, got, want)
		}
		for _, e := range ofRef(t, db, ref) {
			if _, ok := m.find(e.Ref, e.ID); !ok || e.Ref != ref {
				t.Errorf("OfRef(%q) gave %s|%s, not in the model", ref, e.Ref, e.ID)
			}
		}
	}

	// Partitions of the year: by month, by day, and at random cut points.
	yearEnd := year.AddDate(1, 0, 0)
	yearSum := nonZero(sum(t, db, year, yearEnd))
	if want := m.sum(year, yearEnd); !maps.Equal(yearSum, want) {
		t.Fatalf("year Sum = %v, model %v", yearSum, want)
	}
	if len(yearSum) == 0 {
		t.Fatal("the year is empty: the test posted nothing in it")
	}
	partitions := map[string][]time.Time{}
	var months, days []time.Time
	for d := year; !d.After(yearEnd); d = d.AddDate(0, 1, 0) {
		months = append(months, d)
	}
	for d := year; !d.After(yearEnd); d = d.AddDate(0, 0, 1) {
		days = append(days, d)
	}
	partitions["months"], partitions["days"] = months, days
	for p := 0; p < 5; p++ {
		cuts := []time.Time{year, yearEnd}
		for range 1 + rng.IntN(20) {
			cuts = append(cuts, year.Add(time.Duration(rng.Int64N(int64(yearEnd.Sub(year)/time.Second)))*time.Second))
		}
		slices.SortFunc(cuts, func(a, b time.Time) int { return a.Compare(b) })
		partitions[fmt.Sprintf("random %d", p)] = cuts
	}
	for name, cuts := range partitions {
		total := Totals{}
		for i := 1; i < len(cuts); i++ {
			for k, v := range sum(t, db, cuts[i-1], cuts[i]) {
				total[k] += v
			}
		}
		if got := nonZero(total); !maps.Equal(got, yearSum) {
			t.Errorf("partition %s (%d periods): total %v, year %v", name, len(cuts)-1, got, yearSum)
		}
	}
}

// fillYears posts perYear entries a year for years years ending with 2035,
// spread evenly over each year, in batches.
func fillYears(b *testing.B, db *store.DB, years, perYear int) {
	b.Helper()
	const batch = 1000
	kinds := []Kind{Rent, ManagementFee, LateInterest, Restoration, RoomFee}
	var es []Entry
	flush := func() {
		if len(es) > 0 {
			mustPost(b, db, es...)
			es = es[:0]
		}
	}
	for y := 2036 - years; y < 2036; y++ {
		start := kst(y, 1, 1, 0, 0, 0)
		step := start.AddDate(1, 0, 0).Sub(start) / time.Duration(perYear)
		for i := range perYear {
			es = append(es, Entry{Ref: LeaseRef(fmt.Sprintf("L%03d", i%300)), ID: fmt.Sprintf("%d-%05d", y, i),
				At: start.Add(time.Duration(i) * step).Truncate(time.Second), Kind: kinds[i%len(kinds)],
				Amount: int64(10000 + i), Unit: "I01", Method: "card"})
			if len(es) == batch {
				flush()
			}
		}
	}
	flush()
}

// BenchmarkRangeOneYear reads the last year of a ledger holding one year of
// history and of one holding ten: the read must cost the same.
func BenchmarkRangeOneYear(b *testing.B) {
	const perYear = 5000
	from, to := kst(2035, 1, 1, 0, 0, 0), kst(2036, 1, 1, 0, 0, 0)
	for _, years := range []int{1, 10} {
		b.Run(fmt.Sprintf("history=%dy", years), func(b *testing.B) {
			db := newDB(b)
			fillYears(b, db, years, perYear)
			if n, _ := ledgerKeys(b, db); n != years*perYear {
				b.Fatalf("%d entries, want %d", n, years*perYear)
			}
			b.ReportAllocs()
			var n int
			for b.Loop() {
				n = 0
				err := db.View(func(tx *store.Txn) error {
					return Range(tx, from, to, func(Entry) error { n++; return nil })
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			if n != perYear {
				b.Fatalf("Range read %d entries, want %d", n, perYear)
			}
			b.ReportMetric(float64(n), "entries/op")
		})
	}
}

func TestRangeOfKeepsOneKindOfRef(t *testing.T) {
	db := newDB(t)
	day := kst(2026, 3, 10, 12, 0, 0)
	mustPost(t, db,
		Entry{Ref: BookingRef("B1"), ID: "fee", At: day, Kind: RoomFee, Amount: 40000},
		Entry{Ref: LeaseRef("L1"), ID: "p1-rent", At: day, Kind: Rent, Amount: 300000},
		Entry{Ref: BookingRef("B2"), ID: "refund", At: day.Add(time.Hour), Kind: RoomRefund, Amount: -10000},
		Entry{Ref: LeaseRef("booking:x"), ID: "p2-rent", At: day, Kind: Rent, Amount: 1},
	)
	for _, c := range []struct {
		prefix string
		want   []string
	}{
		{BookingRefs, []string{"booking:B1|fee", "booking:B2|refund"}},
		{LeaseRefs, []string{"lease:L1|p1-rent", "lease:booking:x|p2-rent"}},
		{"", []string{"booking:B1|fee", "lease:L1|p1-rent", "lease:booking:x|p2-rent", "booking:B2|refund"}},
	} {
		var got []Entry
		if err := db.View(func(tx *store.Txn) error {
			return RangeOf(tx, day.Add(-time.Hour), day.Add(2*time.Hour), c.prefix, func(e Entry) error { got = append(got, e); return nil })
		}); err != nil {
			t.Fatal(err)
		}
		if g := ids(got); !slices.Equal(g, c.want) {
			t.Errorf("RangeOf %q = %q, want %q", c.prefix, g, c.want)
		}
	}
}
