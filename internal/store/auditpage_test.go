package store

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

// fillAudit appends n audit entries (actor i%3, action i%4) straight into
// the chain, many to a transaction, as Update would one by one.
func fillAudit(tb testing.TB, db *DB, n int) {
	tb.Helper()
	const batch = 2000
	db.mu.Lock()
	defer db.mu.Unlock()
	for done := 0; done < n; {
		err := db.bdb.Update(func(btx *badger.Txn) error {
			tx := &Txn{btx: btx}
			for i := 0; i < batch && done < n; i++ {
				head, err := db.appendAudit(tx, Actor(fmt.Sprintf("staff:m%d", done%3)),
					fmt.Sprintf("act%d.x", done%4), []string{fmt.Sprintf("n=%d", done)})
				if err != nil {
					return err
				}
				db.head = head
				done++
			}
			return nil
		})
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// seqs is the sequence numbers of page.
func seqs(page []AuditEntry) []uint64 {
	out := make([]uint64, len(page))
	for i, e := range page {
		out[i] = e.Seq
	}
	return out
}

// TestAuditPage: pages read backwards match the log read forwards and
// filtered by hand, at every boundary of before and limit; more is true
// exactly when an older matching entry exists.
func TestAuditPage(t *testing.T) {
	db := openTemp(t)
	if page, more, err := db.AuditPage(0, 5, AuditMatch{}); err != nil || len(page) != 0 || more {
		t.Fatalf("empty log: %v, %v, %v", seqs(page), more, err)
	}
	const n = 23
	fillAudit(t, db, n)
	all, err := db.AuditLog(0, 0)
	if err != nil || len(all) != n {
		t.Fatalf("AuditLog: %d entries, %v", len(all), err)
	}
	filters := map[string]AuditMatch{
		"all":     {},
		"m1":      {Actor: "staff:m1"},
		"act2":    {ActionPrefix: "act2."},
		"act2.x":  {ActionPrefix: "act2.x"},
		"act":     {ActionPrefix: "act"},
		"m1act2":  {Actor: "staff:m1", ActionPrefix: "act2"},
		"m1 only": {Actor: "staff:m"},
		"nobody":  {Actor: "staff:m9"},
		"no act":  {ActionPrefix: "ct2"},
	}
	for name, m := range filters {
		for _, before := range []uint64{0, 1, 2, 3, 12, n, n + 1, n + 40} {
			for _, limit := range []int{-1, 0, 1, 2, 5, n, n + 5} {
				// The model: matching entries below before, newest first.
				var want []uint64
				for i := len(all) - 1; i >= 0; i-- {
					e := all[i]
					if (before == 0 || e.Seq < before) && (m.Actor == "" || e.Actor == m.Actor) && strings.HasPrefix(e.Action, m.ActionPrefix) {
						want = append(want, e.Seq)
					}
				}
				wantMore := len(want) > max(limit, 1)
				want = want[:min(len(want), max(limit, 1))]
				page, more, err := db.AuditPage(before, limit, m)
				if err != nil {
					t.Fatal(err)
				}
				if got := seqs(page); !slices.Equal(got, want) || more != wantMore {
					t.Errorf("%s before=%d limit=%d: %v more=%v, want %v more=%v", name, before, limit, got, more, want, wantMore)
				}
				for _, e := range page {
					if e.Hash != all[e.Seq-1].Hash || e.Actor != all[e.Seq-1].Actor {
						t.Errorf("entry %d differs from AuditLog's", e.Seq)
					}
				}
			}
		}
	}
	// Walking the pages with the last seq seen covers the filtered log once.
	var walked []uint64
	before := uint64(0)
	for {
		page, more, err := db.AuditPage(before, 4, filters["m1"])
		if err != nil {
			t.Fatal(err)
		}
		walked = append(walked, seqs(page)...)
		if !more {
			break
		}
		before = page[len(page)-1].Seq
	}
	if want := []uint64{23, 20, 17, 14, 11, 8, 5, 2}; !slices.Equal(walked, want) {
		t.Fatalf("walked %v, want %v", walked, want)
	}
}

// BenchmarkAuditPage: one page of 50 from a log of 100,000 entries, newest
// first, unfiltered, filtered by a person (a third of the log), by a person
// and an action (one in twelve), and for a filter that matches nothing (the
// whole log is read, one entry at a time). The log is built once, unsynced.
func BenchmarkAuditPage(b *testing.B) {
	dir := b.TempDir()
	db, err := OpenUnsynced(dir)
	if err != nil {
		b.Fatal(err)
	}
	const n = 100_000
	fillAudit(b, db, n)
	if err := db.Close(); err != nil {
		b.Fatal(err)
	}
	if db, err = Open(dir); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _ = db.Close() })
	for _, c := range []struct {
		name   string
		before uint64
		m      AuditMatch
	}{
		{"newest", 0, AuditMatch{}},
		{"middle", n / 2, AuditMatch{}},
		{"person", 0, AuditMatch{Actor: "staff:m1"}},
		{"person+action", 0, AuditMatch{Actor: "staff:m1", ActionPrefix: "act2."}},
		{"no-match", 0, AuditMatch{Actor: "staff:gone"}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				page, _, err := db.AuditPage(c.before, 50, c.m)
				if err != nil || (c.name != "no-match" && len(page) != 50) {
					b.Fatalf("%d entries, %v", len(page), err)
				}
			}
		})
	}
}
