package store

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"

	"github.com/yeongdeungpo/kiosk/internal/store/storetest"
)

// TestOlderMemtableEmptied: a kill while a full memtable waits to be
// flushed leaves two memtable logs holding acknowledged writes; the older
// one is then emptied (a partial copy, a sync tool) or damaged. Open must
// not take the empty log for Badger's #2207 leftover (only the newest log
// can be one), nor accept the writes Badger replays only up to the damage
// (the audit entries then have a gap, wherever the anchor is): refused
// with the directory unchanged, or opened with everything acknowledged.
func TestOlderMemtableEmptied(t *testing.T) {
	build := filepath.Join(t.TempDir(), "build")
	if err := os.MkdirAll(build, 0o700); err != nil {
		t.Fatal(err)
	}
	// Small memtables, and no compaction, so that L0 fills and the
	// memtables after it wait, unflushed, in their logs (as a flush
	// stalled by a busy compactor leaves them).
	o := Options(build, slog.New(slog.DiscardHandler)).
		WithMemTableSize(1 << 20).WithNumMemtables(5).
		WithNumCompactors(0).WithNumLevelZeroTables(1).WithNumLevelZeroTablesStall(2).
		WithCompactL0OnClose(false)
	db, err := open(o, build)
	if err != nil {
		t.Fatal(err)
	}
	acked := map[string][]byte{}
	withData := func() []string {
		var out []string
		for _, p := range filesLike(t, build, ".mem") {
			if st, err := os.Stat(p); err == nil && written(t, p) > 0 && st.Size() > 0 {
				out = append(out, filepath.Base(p))
			}
		}
		return out
	}
	for i := 0; i < 5000 && (i%50 != 0 || len(withData()) < 3); i++ {
		k := Key("bk", i)
		v := []byte(fmt.Sprintf(`{"booking":%d,"name":"홍길동","pad":"%0900d"}`, i, i))
		if err := db.Update(ActorSystem, "test.put", func(tx *Txn) error { return tx.PutRaw(k, v) }); err != nil {
			t.Fatal(err)
		}
		acked[string(k)] = v
	}
	mems := withData()
	if len(mems) < 3 {
		t.Fatalf("memtable logs with data: %v", mems)
	}
	// The kill: the directory as it is now.
	dir := filepath.Join(t.TempDir(), "data")
	storetest.CopyDir(t, build, dir)
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	// The second-newest log, whose writes are nowhere else, is emptied,
	// or damaged in its middle (Badger replays a log up to its first bad
	// entry).
	victim := mems[len(mems)-2]
	for _, c := range []struct {
		name   string
		damage func(path string)
	}{
		{"emptied", func(path string) {
			if err := os.Truncate(path, 0); err != nil {
				t.Fatal(err)
			}
		}},
		{"bytes flipped in its middle", func(path string) {
			fh, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer fh.Close()
			if _, err := fh.WriteAt([]byte{0xde, 0xad, 0xbe, 0xef, 0xde, 0xad, 0xbe, 0xef}, written(t, path)/2); err != nil {
				t.Fatal(err)
			}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			damaged := filepath.Join(t.TempDir(), "data")
			storetest.CopyDir(t, dir, damaged)
			c.damage(filepath.Join(damaged, victim))
			openWhole(t, damaged, acked)
		})
	}
}

// openWhole opens dir, which must end refused with the directory unchanged
// or opened with every acknowledged write.
func openWhole(t *testing.T, dir string, acked map[string][]byte) {
	t.Helper()
	before := storetest.Take(t, dir)
	got, err := Open(dir)
	if err != nil {
		if diff := before.Diff(storetest.Take(t, dir)); diff != "" {
			t.Fatalf("refused (%v) but the directory changed: %s", err, diff)
		}
		t.Logf("refused: %v", err)
		return
	}
	defer got.Close()
	missing := 0
	_ = got.View(func(tx *Txn) error {
		for k, v := range acked {
			if raw, err := tx.GetRaw([]byte(k)); err != nil || string(raw) != string(v) {
				missing++
			}
		}
		return nil
	})
	if missing > 0 {
		_, verr := got.VerifyAudit()
		t.Fatalf("opened with %d of %d acknowledged writes gone; audit -verify says %v", missing, len(acked), verr)
	}
}
