package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash/crc32"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/yeongdeungpo/kiosk/internal/store/storetest"
	"google.golang.org/protobuf/proto"
)

// A corruption case: mutate damages a copy of a fixture; want says which
// outcome is the only right one ("" when either is: refused unchanged, or
// opened with everything).
type damage struct {
	kind   string
	name   string
	mutate func(t *testing.T, dir string)
	want   string // "refused", "opened" or ""
	cause  Cause  // when refused and known
}

const (
	outRefused = "refused"
	outOpened  = "opened"
	// outFlagged: opened with everything acknowledged, and VerifyAudit
	// (kioskctl audit -verify, the staff audit screen) reports the edit;
	// Open checks only the chain's end against its anchor.
	outFlagged = "opened, audit -verify fails"
)

// fixture is a data directory and what was acknowledged in it.
type fixture struct {
	dir   string
	acked map[string][]byte // key -> value
	// last is the key the last write made, with its audit entry's seq.
	lastKey []byte
	lastSeq uint64
}

// storeFixture builds (once per test binary) a store with several tables,
// values in the value log and an audit chain: written through OpenUnsynced
// in bulk, closed, then a run of acknowledged writes through Open. open
// says whether the copy is taken while the store is still open (as a
// SIGKILL leaves it: memtable logs and a live value log) or after Close.
func storeFixture(t *testing.T, whileOpen bool) *fixture {
	t.Helper()
	base := t.TempDir()
	f := &fixture{dir: filepath.Join(base, "data"), acked: map[string][]byte{}}
	build := filepath.Join(base, "build")
	db, err := OpenUnsynced(build)
	if err != nil {
		t.Fatal(err)
	}
	put := func(db *DB, key []byte, val []byte) {
		t.Helper()
		if err := db.Update(ActorSystem, "test.put", func(tx *Txn) error { return tx.PutRaw(key, val) }); err != nil {
			t.Fatal(err)
		}
		f.acked[string(key)] = val
		f.lastKey, f.lastSeq = key, uint64(db.AuditLen())
	}
	// About 5 MiB that does not compress: several 2 MiB tables.
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range 120 {
		err := db.Update(ActorSystem, "test.fill", func(tx *Txn) error {
			for j := range 20 {
				k := Key("fill", i*20+j)
				v := make([]byte, 2000)
				for b := range v {
					v[b] = byte(rnd.Uint32())
				}
				f.acked[string(k)] = v
				if err := tx.PutRaw(k, v); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	// Values above the value threshold go to the value log.
	for i := range 3 {
		put(db, Key("big", i), bytes.Repeat([]byte{byte('A' + i)}, 70<<10))
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = Open(build)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		put(db, Key("bk", i), []byte(fmt.Sprintf(`{"booking":%d,"name":"홍길동","fee":20000}`, i)))
	}
	put(db, Key("big", 9), bytes.Repeat([]byte{'Z'}, 70<<10))
	if whileOpen {
		storetest.CopyDir(t, build, f.dir)
		_ = db.Close()
	} else {
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}
		storetest.CopyDir(t, build, f.dir)
	}
	return f
}

// filesLike lists dir's files whose names end with ext, sorted.
func filesLike(t *testing.T, dir, ext string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, "*"+ext))
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(m)
	return m
}

// written is the length of f up to its last non-zero byte (Badger's logs are
// sparse files mapped at their full size).
func written(t *testing.T, p string) int64 {
	t.Helper()
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	n := len(raw)
	for n > 0 && raw[n-1] == 0 {
		n--
	}
	return int64(n)
}

func flipAt(t *testing.T, p string, off int64, n int) {
	t.Helper()
	raw, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	for i := off; i < off+int64(n) && i < int64(len(raw)); i++ {
		raw[i] ^= 0xff
	}
	if err := os.WriteFile(p, raw, 0o600); err != nil {
		t.Fatal(err)
	}
}

func truncateTo(t *testing.T, p string, size int64) {
	t.Helper()
	if err := os.Truncate(p, size); err != nil {
		t.Fatal(err)
	}
}

// sweep is n offsets spread over [0, size), the first and last bytes
// included.
func sweep(size int64, n int) []int64 {
	if size <= 0 {
		return nil
	}
	seen := map[int64]bool{}
	var out []int64
	for i := range n {
		off := size * int64(i) / int64(n-1)
		if off >= size {
			off = size - 1
		}
		if !seen[off] {
			seen[off] = true
			out = append(out, off)
		}
	}
	return out
}

// storeDamages is the corruption table over a fixture (by file, so that it
// follows whatever files the fixture has).
func storeDamages(t *testing.T, f *fixture, hasMem bool) []damage {
	var ds []damage
	ds = append(ds, damage{kind: "none", name: "untouched", mutate: func(*testing.T, string) {}, want: outOpened})
	ds = append(ds, damage{kind: "manifest removed", name: "manifest removed", want: outRefused, cause: CauseManifestMissing,
		mutate: func(t *testing.T, dir string) { _ = os.Remove(filepath.Join(dir, "MANIFEST")) }})
	mst, err := os.Stat(filepath.Join(f.dir, "MANIFEST"))
	if err != nil {
		t.Fatal(err)
	}
	for _, off := range append([]int64{0, 4, 8, 9}, sweep(mst.Size(), 10)...) {
		ds = append(ds, damage{kind: "manifest truncated", name: fmt.Sprintf("manifest truncated at %d", off),
			mutate: func(t *testing.T, dir string) { truncateTo(t, filepath.Join(dir, "MANIFEST"), off) }})
	}
	for _, off := range sweep(mst.Size(), 8) {
		ds = append(ds, damage{kind: "manifest flipped", name: fmt.Sprintf("manifest byte %d flipped", off),
			mutate: func(t *testing.T, dir string) { flipAt(t, filepath.Join(dir, "MANIFEST"), off, 1) }})
	}
	for _, p := range filesLike(t, f.dir, ".sst") {
		name := filepath.Base(p)
		st, _ := os.Stat(p)
		for _, off := range sweep(st.Size(), 8) {
			ds = append(ds, damage{kind: "sst flipped", name: fmt.Sprintf("%s byte %d flipped", name, off),
				mutate: func(t *testing.T, dir string) { flipAt(t, filepath.Join(dir, name), off, 1) }})
		}
		ds = append(ds, damage{kind: "sst flipped", name: name + " first 8 bytes overwritten",
			mutate: func(t *testing.T, dir string) { flipAt(t, filepath.Join(dir, name), 0, 8) }})
		for _, size := range []int64{0, st.Size() / 2, st.Size() - 1} {
			ds = append(ds, damage{kind: "sst truncated", name: fmt.Sprintf("%s truncated to %d", name, size),
				mutate: func(t *testing.T, dir string) { truncateTo(t, filepath.Join(dir, name), size) }})
		}
		ds = append(ds, damage{kind: "sst removed", name: name + " removed", want: outRefused, cause: CauseTableMissing,
			mutate: func(t *testing.T, dir string) { _ = os.Remove(filepath.Join(dir, name)) }})
	}
	for _, p := range filesLike(t, f.dir, ".vlog") {
		name := filepath.Base(p)
		n := written(t, p)
		for _, off := range sweep(max(n, 20), 10) {
			ds = append(ds, damage{kind: "vlog flipped", name: fmt.Sprintf("%s byte %d flipped", name, off),
				mutate: func(t *testing.T, dir string) { flipAt(t, filepath.Join(dir, name), off, 1) }})
		}
		for _, size := range []int64{0, n / 2} {
			ds = append(ds, damage{kind: "vlog truncated", name: fmt.Sprintf("%s truncated to %d", name, size),
				mutate: func(t *testing.T, dir string) { truncateTo(t, filepath.Join(dir, name), size) }})
		}
	}
	if hasMem {
		for _, p := range filesLike(t, f.dir, ".mem") {
			name := filepath.Base(p)
			n := written(t, p)
			for _, off := range sweep(max(n, 20), 12) {
				ds = append(ds, damage{kind: "mem flipped", name: fmt.Sprintf("%s byte %d flipped", name, off),
					mutate: func(t *testing.T, dir string) { flipAt(t, filepath.Join(dir, name), off, 1) }})
			}
			for _, size := range []int64{0, n / 2, n - 1} {
				ds = append(ds, damage{kind: "mem truncated", name: fmt.Sprintf("%s truncated to %d", name, size),
					mutate: func(t *testing.T, dir string) { truncateTo(t, filepath.Join(dir, name), size) }})
			}
		}
	}
	// A 0-byte memtable beside a good store (dgraph-io/badger#2207): what
	// a kill between creating and sizing one leaves. Nothing is lost.
	ds = append(ds, damage{kind: "empty memtable (#2207)", name: "0-byte memtable added", want: outOpened,
		mutate: func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "99999.mem"), nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}})
	ds = append(ds, damage{kind: "empty memtable (#2207)", name: "0-byte value log added", want: outOpened,
		mutate: func(t *testing.T, dir string) {
			if err := os.WriteFile(filepath.Join(dir, "09999.vlog"), nil, 0o600); err != nil {
				t.Fatal(err)
			}
		}})
	ds = append(ds, damage{kind: "audit tail removed", name: "last entry and its write removed", want: outRefused, cause: CauseAuditTail,
		mutate: func(t *testing.T, dir string) {
			storetest.RawUpdate(t, dir, func(btx *badger.Txn) error {
				if err := btx.Delete(auditKey(f.lastSeq)); err != nil {
					return err
				}
				return btx.Delete(f.lastKey)
			})
		}})
	ds = append(ds, damage{kind: "audit tail removed", name: "last three entries removed", want: outRefused, cause: CauseAuditTail,
		mutate: func(t *testing.T, dir string) {
			storetest.RawUpdate(t, dir, func(btx *badger.Txn) error {
				for s := f.lastSeq - 2; s <= f.lastSeq; s++ {
					if err := btx.Delete(auditKey(s)); err != nil {
						return err
					}
				}
				return nil
			})
		}})
	ds = append(ds, damage{kind: "audit tail removed", name: "last entry rewritten with a valid hash", want: outRefused, cause: CauseAuditBroken,
		mutate: func(t *testing.T, dir string) {
			storetest.RawUpdate(t, dir, func(btx *badger.Txn) error {
				e := readEntry(t, btx, f.lastSeq)
				e.Action = "test.nothing"
				e.Hash = e.digest()
				return btx.Set(auditKey(e.Seq), mustJSON(t, e))
			})
		}})
	ds = append(ds, damage{kind: "audit entry edited", name: "a middle entry edited", want: outFlagged,
		mutate: func(t *testing.T, dir string) {
			storetest.RawUpdate(t, dir, func(btx *badger.Txn) error {
				e := readEntry(t, btx, f.lastSeq/2)
				e.Actor = "someone"
				return btx.Set(auditKey(e.Seq), mustJSON(t, e))
			})
		}})
	ds = append(ds, damage{kind: "anchor removed", name: "anchor removed", want: outOpened,
		mutate: func(t *testing.T, dir string) { _ = os.Remove(filepath.Join(dir, anchorFile)) }})
	ds = append(ds, damage{kind: "store files removed", name: "everything but the anchor removed", want: outRefused, cause: CauseFilesMissing,
		mutate: func(t *testing.T, dir string) {
			entries, _ := os.ReadDir(dir)
			for _, e := range entries {
				if e.Name() != anchorFile {
					_ = os.Remove(filepath.Join(dir, e.Name()))
				}
			}
		}})
	return ds
}

func readEntry(t *testing.T, btx *badger.Txn, seq uint64) AuditEntry {
	t.Helper()
	item, err := btx.Get(auditKey(seq))
	if err != nil {
		t.Fatal(err)
	}
	raw, err := item.ValueCopy(nil)
	if err != nil {
		t.Fatal(err)
	}
	var e AuditEntry
	if err := json.Unmarshal(raw, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// outcomes counts, per case kind, how each case ended.
type outcomes struct {
	mu sync.Mutex
	m  map[string]map[string]int
}

func (o *outcomes) add(kind, out string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.m == nil {
		o.m = map[string]map[string]int{}
	}
	if o.m[kind] == nil {
		o.m[kind] = map[string]int{}
	}
	o.m[kind][out]++
}

func (o *outcomes) report(t *testing.T, title string) {
	var kinds []string
	for k := range o.m {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	var b strings.Builder
	fmt.Fprintf(&b, "%s:\n", title)
	for _, k := range kinds {
		fmt.Fprintf(&b, "  %-26s refused %3d  opened %3d  opened, audit -verify fails %3d\n",
			k, o.m[k][outRefused], o.m[k][outOpened], o.m[k][outFlagged])
	}
	t.Log(b.String())
	if p := os.Getenv("CORRUPTION_REPORT"); p != "" {
		fh, err := os.OpenFile(p, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		if err == nil {
			_, _ = fh.WriteString(b.String())
			_ = fh.Close()
		}
	}
}

// TestCorruptionTable damages copies of a store every way the table knows
// and opens them: each must be refused as damaged with the directory left
// byte for byte as it was, or open with every acknowledged write and a
// whole audit chain. A panic anywhere fails the test (in Badger's own
// goroutines it ends the test binary).
func TestCorruptionTable(t *testing.T) {
	for _, whileOpen := range []bool{false, true} {
		name := "closed"
		if whileOpen {
			name = "copied while open"
		}
		t.Run(name, func(t *testing.T) {
			f := storeFixture(t, whileOpen)
			var out outcomes
			for _, d := range storeDamages(t, f, whileOpen) {
				t.Run(d.name, func(t *testing.T) {
					dir := filepath.Join(t.TempDir(), "data")
					storetest.CopyDir(t, f.dir, dir)
					d.mutate(t, dir)
					got := openDamaged(t, dir, d.want, d.cause, func(db *DB) {
						checkAcked(t, db, f.acked)
					})
					out.add(d.kind, got)
				})
			}
			out.report(t, "store, "+name)
		})
	}
}

// openDamaged opens dir and checks the outcome is one of the two allowed
// (and want's, if set); check is run on an opened store.
func openDamaged(t *testing.T, dir, want string, cause Cause, check func(db *DB)) string {
	t.Helper()
	before := storetest.Take(t, dir)
	db, err := Open(dir)
	if err != nil {
		if !errors.Is(err, ErrCorrupt) {
			t.Fatalf("refused with %v, want ErrCorrupt", err)
		}
		if diff := before.Diff(storetest.Take(t, dir)); diff != "" {
			t.Fatalf("refused (%v) but the directory changed: %s", err, diff)
		}
		if want == outOpened || want == outFlagged {
			t.Fatalf("refused: %v; want it opened", err)
		}
		if cause != CauseUnknown && CauseOf(err) != cause {
			t.Fatalf("refused with cause %d (%v), want cause %d", CauseOf(err), err, cause)
		}
		if msg := OpenMessage(dir, err); !strings.Contains(msg, "restore it from a backup") || strings.Contains(msg, "\n") {
			t.Fatalf("message %q", msg)
		}
		t.Logf("refused: %v", err)
		return outRefused
	}
	defer db.Close()
	if want == outRefused {
		t.Fatalf("opened; want it refused (cause %d)", cause)
	}
	check(db)
	_, err = db.VerifyAudit()
	if want == outFlagged {
		if !errors.Is(err, ErrAuditBroken) {
			t.Fatalf("opened, and VerifyAudit = %v; want the edit found (ErrAuditBroken)", err)
		}
		return outFlagged
	}
	if err != nil {
		t.Fatalf("opened, but VerifyAudit: %v", err)
	}
	return outOpened
}

func checkAcked(t *testing.T, db *DB, acked map[string][]byte) {
	t.Helper()
	missing := 0
	err := db.View(func(tx *Txn) error {
		for k, v := range acked {
			got, err := tx.GetRaw([]byte(k))
			if err != nil || !bytes.Equal(got, v) {
				missing++
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if missing > 0 {
		t.Fatalf("opened with %d of %d acknowledged writes missing or changed", missing, len(acked))
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// writeManifest replaces dir's MANIFEST with one that lists the tables of
// m except drop, as a MANIFEST that lost the change adding drop would.
func writeManifest(t *testing.T, dir string, m badger.Manifest, drop uint64) {
	t.Helper()
	var set pb.ManifestChangeSet
	for id, tm := range m.Tables {
		if id == drop {
			continue
		}
		set.Changes = append(set.Changes, &pb.ManifestChange{Id: id, Op: pb.ManifestChange_CREATE,
			Level: uint32(tm.Level), KeyId: tm.KeyID, Compression: uint32(tm.Compression)})
	}
	body, err := proto.Marshal(&set)
	if err != nil {
		t.Fatal(err)
	}
	buf := []byte{'B', 'd', 'g', 'r', 0, 0, 0, 8}
	buf = binary.BigEndian.AppendUint32(buf, uint32(len(body)))
	buf = binary.BigEndian.AppendUint32(buf, crc32.Checksum(body, crc32.MakeTable(crc32.Castagnoli)))
	buf = append(buf, body...)
	if err := os.WriteFile(filepath.Join(dir, "MANIFEST"), buf, 0o600); err != nil {
		t.Fatal(err)
	}
}

// TestTablesTheManifestDoesNotList checks the rule for tables on disk that
// the MANIFEST does not list (Badger deletes them): a crash's leftovers,
// whose data is elsewhere, are let go; a table whose data is nowhere else
// (a MANIFEST that lost the change adding it) is refused, anchor or not.
func TestTablesTheManifestDoesNotList(t *testing.T) {
	f := storeFixture(t, false)
	mf, err := os.Open(filepath.Join(f.dir, "MANIFEST"))
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := badger.ReplayManifestFile(mf, 0, badger.DefaultOptions("").WithLogger(nil))
	_ = mf.Close()
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint64
	for id := range m.Tables {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return ids[i] < ids[j] })
	first := ids[0]
	cases := []struct {
		name   string
		mutate func(t *testing.T, dir string)
		want   string
		cause  Cause
	}{
		{"a copy of a listed table (a compaction's output before its change)", func(t *testing.T, dir string) {
			if err := copyFile(filepath.Join(dir, fmt.Sprintf("%06d.sst", first)), filepath.Join(dir, "000090.sst")); err != nil {
				t.Fatal(err)
			}
		}, outOpened, CauseUnknown},
		{"a torn table (a flush cut short)", func(t *testing.T, dir string) {
			if err := copyFile(filepath.Join(dir, fmt.Sprintf("%06d.sst", first)), filepath.Join(dir, "000091.sst")); err != nil {
				t.Fatal(err)
			}
			raw, _ := os.ReadFile(filepath.Join(dir, "000091.sst"))
			clear(raw[len(raw)/2:])
			if err := os.WriteFile(filepath.Join(dir, "000091.sst"), raw, 0o600); err != nil {
				t.Fatal(err)
			}
		}, outOpened, CauseUnknown},
		{"a table whose change the MANIFEST lost", func(t *testing.T, dir string) {
			writeManifest(t, dir, m, first)
		}, outRefused, CauseTablesUnlisted},
		{"the same, and no anchor", func(t *testing.T, dir string) {
			writeManifest(t, dir, m, first)
			_ = os.Remove(filepath.Join(dir, anchorFile))
		}, outRefused, CauseTablesUnlisted},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "data")
			storetest.CopyDir(t, f.dir, dir)
			c.mutate(t, dir)
			openDamaged(t, dir, c.want, c.cause, func(db *DB) { checkAcked(t, db, f.acked) })
		})
	}
}

// TestEmptyMemtableAfterKill is dgraph-io/badger#2207: a kill between
// creating a memtable file and sizing it leaves 0 bytes, on which Badger's
// open fails ("Create a new file"), sizing the file as it does so that a
// second open succeeds. Open recovers it on the first try, with everything.
func TestEmptyMemtableAfterKill(t *testing.T) {
	f := storeFixture(t, false)
	for _, name := range []string{"00007.mem", "000009.vlog"} {
		t.Run(name, func(t *testing.T) {
			raw := filepath.Join(t.TempDir(), "raw")
			storetest.CopyDir(t, f.dir, raw)
			if err := os.WriteFile(filepath.Join(raw, name), nil, 0o600); err != nil {
				t.Fatal(err)
			}
			bdb, err := badger.Open(Options(raw, slog.New(slog.DiscardHandler)))
			if err == nil {
				_ = bdb.Close()
				t.Fatal("Badger opened a directory with a 0-byte log: the workaround is no longer needed")
			}
			if !strings.Contains(err.Error(), "Create a new file") {
				t.Fatalf("Badger: %v", err)
			}
			st, _ := os.Stat(filepath.Join(raw, name))
			t.Logf("Badger alone: %v; the file is now %d bytes", err, st.Size())
			// The failed open sized the file: a second one succeeds.
			bdb, err = badger.Open(Options(raw, slog.New(slog.DiscardHandler)))
			if err != nil {
				t.Fatalf("Badger's second open: %v", err)
			}
			_ = bdb.Close()

			dir := filepath.Join(t.TempDir(), "data")
			storetest.CopyDir(t, f.dir, dir)
			if err := os.WriteFile(filepath.Join(dir, name), nil, 0o600); err != nil {
				t.Fatal(err)
			}
			db, err := Open(dir)
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer db.Close()
			checkAcked(t, db, f.acked)
			if _, err := os.Stat(filepath.Join(dir, name)); !errors.Is(err, fs.ErrNotExist) {
				t.Fatalf("the 0-byte %s is still there: %v", name, err)
			}
		})
	}
}
