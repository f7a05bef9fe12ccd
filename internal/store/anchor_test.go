package store

import (
	"errors"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/yeongdeungpo/kiosk/internal/store/storetest"
)

// A crash between a commit and its anchor leaves the anchor behind the
// log: the entries after it open when they follow on from it, and are
// refused when one of them does not.
func TestAnchorBehindTheLog(t *testing.T) {
	for _, c := range []struct {
		name   string
		tamper func(t *testing.T, btx *badger.Txn, last uint64)
		cause  Cause // CauseUnknown: opens
	}{
		{name: "entries after the anchor intact"},
		{name: "an entry after the anchor rewritten with its own valid hash", cause: CauseAuditBroken,
			tamper: func(t *testing.T, btx *badger.Txn, last uint64) {
				e := readEntry(t, btx, last)
				e.Prev = e.Hash // no longer the entry before it
				e.Hash = e.digest()
				if err := btx.Set(auditKey(e.Seq), mustJSON(t, e)); err != nil {
					t.Fatal(err)
				}
			}},
		{name: "the entry before the last removed", cause: CauseAuditBroken,
			tamper: func(t *testing.T, btx *badger.Txn, last uint64) {
				if err := btx.Delete(auditKey(last - 1)); err != nil {
					t.Fatal(err)
				}
			}},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			db, err := Open(dir)
			if err != nil {
				t.Fatal(err)
			}
			var kept anchor
			for i := range 6 {
				if err := db.Update(ActorSystem, "test.write", func(tx *Txn) error { return tx.Put(Key("n", i), i) }); err != nil {
					t.Fatal(err)
				}
				if i == 2 {
					kept = anchor{Seq: db.head.seq, Hash: db.head.hash}
				}
			}
			last := db.head.seq
			if err := db.Close(); err != nil {
				t.Fatal(err)
			}
			if c.tamper != nil {
				storetest.RawUpdate(t, dir, func(btx *badger.Txn) error { c.tamper(t, btx, last); return nil })
			}
			if err := writeAnchor(dir, kept); err != nil {
				t.Fatal(err)
			}
			db, err = Open(dir)
			if c.cause == CauseUnknown {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				defer db.Close()
				if n, err := db.VerifyAudit(); err != nil || uint64(n) != last {
					t.Fatalf("VerifyAudit = %d, %v; want %d", n, err, last)
				}
				if a, ok, err := readAnchor(dir); err != nil || !ok || a.Seq != last {
					t.Fatalf("anchor after open = %+v %v %v, want it moved up to %d", a, ok, err, last)
				}
				return
			}
			if err == nil {
				db.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, ErrCorrupt) || CauseOf(err) != c.cause {
				t.Fatalf("refused with %v (cause %d), want cause %d", err, CauseOf(err), c.cause)
			}
		})
	}
}
