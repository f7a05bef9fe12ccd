package store

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/yeongdeungpo/kiosk/internal/crashtest"

	"github.com/dgraph-io/badger/v4"
)

// ---------------------------------------------------------------------------
// Overlay reads inside a Bulk, against a model.

// bulkModel is what the store should hold under modelPrefixes: key -> value.
type bulkModel map[string]string

// keys are the model's keys with prefix, from start (inclusive, nil: no
// start) to end (exclusive, nil: no end), in order.
func (m bulkModel) keys(prefix, start, end []byte) []string {
	var ks []string
	for k := range m {
		b := []byte(k)
		if bytes.HasPrefix(b, prefix) && bytes.Compare(b, start) >= 0 && (end == nil || bytes.Compare(b, end) < 0) {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

// Writes go under modelPrefixes ("p/q/..." keys are also "p/..." keys);
// reads use readPrefixes, which add a prefix of a prefix ("p") and one with
// no keys at all ("t/").
var (
	modelPrefixes = []string{"p/", "p/q/", "r/", "s/"}
	readPrefixes  = []string{"p", "p/", "p/q/", "r/", "s/", "t/"}
)

// keyAlphabet is small so that keys collide often; it holds the separator
// and the extreme bytes.
const keyAlphabet = "01/\x00\xff"

func randModelKey(rng *rand.Rand) string {
	var b strings.Builder
	b.WriteString(modelPrefixes[rng.IntN(len(modelPrefixes))])
	for range 1 + rng.IntN(3) {
		b.WriteByte(keyAlphabet[rng.IntN(len(keyAlphabet))])
	}
	return b.String()
}

// pickKey returns a key that is stored, one that was deleted, or a random one.
func pickKey(rng *rand.Rand, m bulkModel, gone map[string]bool) string {
	switch r := rng.IntN(10); {
	case r < 4 && len(m) > 0:
		ks := m.keys(nil, nil, nil)
		return ks[rng.IntN(len(ks))]
	case r < 6 && len(gone) > 0:
		ks := make([]string, 0, len(gone))
		for k := range gone {
			ks = append(ks, k)
		}
		slices.Sort(ks)
		return ks[rng.IntN(len(ks))]
	default:
		return randModelKey(rng)
	}
}

// pickBound returns a range bound: often a stored or deleted key (so that
// bounds equal keys), else the prefix itself, something past or before
// every key of the prefix, the empty key, or nil when allowNil.
func pickBound(rng *rand.Rand, m bulkModel, gone map[string]bool, prefix string, allowNil bool) []byte {
	switch rng.IntN(8) {
	case 0:
		if allowNil {
			return nil
		}
		return []byte(prefix)
	case 1, 2, 3:
		return []byte(pickKey(rng, m, gone))
	case 4:
		return []byte(prefix)
	case 5:
		return []byte(prefix + "\xff\xff\xff\xff")
	case 6:
		return []byte("p0") // after every "p/" key, before every "r/" key
	default:
		return []byte{}
	}
}

var errBoom = errors.New("boom")

// modelRun is the model of a store under test and what the steps on it
// have covered.
type modelRun struct {
	m    bulkModel
	gone map[string]bool // keys deleted, in the snapshot or since
	// snapshot holds the keys the snapshot holds that no step has written
	// yet; deletedByBulk those a step deleted.
	snapshot, deletedByBulk map[string]bool
	covered                 map[string]int
}

// mustCover are the cases every seed has to reach inside its Bulk.
var mustCover = []string{
	"delete of a key only the snapshot holds",
	"read of a snapshot key the Bulk deleted",
	"put of a key the Bulk deleted",
	"range bound equal to a key",
	"LastBefore bound equal to a key",
	"scan stopped by ErrStop",
	"scan failed by its callback",
}

// step does one random operation on tx and checks what it read against the
// model, which it keeps up to date with what it wrote (writes only when
// writes is set). It returns a description of the step and, on a mismatch,
// an error.
func (r *modelRun) step(tx *Txn, rng *rand.Rand, writes bool) (string, error) {
	m, gone := r.m, r.gone
	op := rng.IntN(10)
	if !writes {
		op = 3 + rng.IntN(7)
	}
	switch op {
	case 0, 1: // put: a new key, a stored one (snapshot or overlay) or a deleted one
		k := pickKey(rng, m, gone)
		v := fmt.Sprintf("v%d", rng.Uint32())
		if rng.IntN(8) == 0 {
			v = ""
		}
		kb, vb := []byte(k), []byte(v)
		if err := tx.PutRaw(kb, vb); err != nil {
			return "PutRaw " + strconv.Quote(k), err
		}
		// The caller's buffers are its own again once PutRaw returns.
		for i := range kb {
			kb[i] = 'X'
		}
		for i := range vb {
			vb[i] = 'X'
		}
		if r.deletedByBulk[k] {
			r.covered["put of a key the Bulk deleted"]++
		}
		m[k] = v
		delete(gone, k)
		delete(r.snapshot, k)
		delete(r.deletedByBulk, k)
		return fmt.Sprintf("PutRaw %q %q", k, v), nil
	case 2: // delete: often a key that only the snapshot holds
		k := pickKey(rng, m, gone)
		if err := tx.Delete([]byte(k)); err != nil {
			return "Delete " + strconv.Quote(k), err
		}
		if _, ok := m[k]; ok {
			gone[k] = true
		}
		if r.snapshot[k] {
			r.covered["delete of a key only the snapshot holds"]++
			r.deletedByBulk[k] = true
		}
		delete(m, k)
		delete(r.snapshot, k)
		return fmt.Sprintf("Delete %q", k), nil
	case 3: // GetRaw
		k := pickKey(rng, m, gone)
		desc := fmt.Sprintf("GetRaw %q", k)
		got, err := tx.GetRaw([]byte(k))
		want, ok := m[k]
		switch {
		case !ok && !errors.Is(err, ErrNotFound):
			return desc, fmt.Errorf("got %q, %v; want ErrNotFound", got, err)
		case ok && (err != nil || string(got) != want):
			return desc, fmt.Errorf("got %q, %v; want %q", got, err, want)
		}
		if r.deletedByBulk[k] {
			r.covered["read of a snapshot key the Bulk deleted"]++
		}
		for i := range got { // a copy: scribbling on it changes nothing
			got[i] = 'X'
		}
		return desc, nil
	case 4: // Has
		k := pickKey(rng, m, gone)
		desc := fmt.Sprintf("Has %q", k)
		got, err := tx.Has([]byte(k))
		if _, want := m[k]; err != nil || got != want {
			return desc, fmt.Errorf("got %v, %v; want %v", got, err, want)
		}
		if r.deletedByBulk[k] {
			r.covered["read of a snapshot key the Bulk deleted"]++
		}
		return desc, nil
	case 5, 6: // Scan or Range, to the end, stopped with ErrStop, or failed
		prefix := readPrefixes[rng.IntN(len(readPrefixes))]
		var start, end []byte
		desc := fmt.Sprintf("Scan %q", prefix)
		if op == 6 {
			start = pickBound(rng, m, gone, prefix, true)
			end = pickBound(rng, m, gone, prefix, true)
			desc = fmt.Sprintf("Range %q [%q, %q)", prefix, start, end)
			for _, b := range [][]byte{start, end} {
				if _, ok := m[string(b)]; ok && bytes.HasPrefix(b, []byte(prefix)) {
					r.covered["range bound equal to a key"]++
				}
			}
		}
		for k := range r.deletedByBulk {
			if b := []byte(k); bytes.HasPrefix(b, []byte(prefix)) && bytes.Compare(b, start) >= 0 && (end == nil || bytes.Compare(b, end) < 0) {
				r.covered["read of a snapshot key the Bulk deleted"]++
				break
			}
		}
		mode, stopAt := rng.IntN(4), 1+rng.IntN(6)
		var got []string
		fn := func(k, v []byte) error {
			got = append(got, string(k)+"="+string(v))
			if mode >= 2 && len(got) == stopAt {
				if mode == 2 {
					return ErrStop
				}
				return errBoom
			}
			return nil
		}
		var err error
		if op == 5 {
			err = tx.Scan([]byte(prefix), fn)
		} else {
			err = tx.Range([]byte(prefix), start, end, fn)
		}
		var want []string
		for _, k := range m.keys([]byte(prefix), start, end) {
			want = append(want, k+"="+m[k])
		}
		var wantErr error
		if mode >= 2 && len(want) >= stopAt {
			want = want[:stopAt]
			if mode == 3 {
				wantErr = errBoom
				desc += " failing"
				r.covered["scan failed by its callback"]++
			} else {
				desc += " stopped"
				r.covered["scan stopped by ErrStop"]++
			}
			desc += fmt.Sprintf(" after %d", stopAt)
		}
		if !errors.Is(err, wantErr) || !slices.Equal(got, want) {
			return desc, fmt.Errorf("got %q, %v; want %q, %v", got, err, want, wantErr)
		}
		return desc, nil
	case 7, 8: // Last
		prefix := readPrefixes[rng.IntN(len(readPrefixes))]
		return checkLast(fmt.Sprintf("Last %q", prefix), m, []byte(prefix), nil, func() ([]byte, []byte, error) {
			return tx.Last([]byte(prefix))
		})
	default: // LastBefore
		prefix := readPrefixes[rng.IntN(len(readPrefixes))]
		bound := pickBound(rng, m, gone, prefix, false)
		if _, ok := m[string(bound)]; ok && bytes.HasPrefix(bound, []byte(prefix)) {
			r.covered["LastBefore bound equal to a key"]++
		}
		return checkLast(fmt.Sprintf("LastBefore %q %q", prefix, bound), m, []byte(prefix), bound, func() ([]byte, []byte, error) {
			return tx.LastBefore([]byte(prefix), bound)
		})
	}
}

func checkLast(desc string, m bulkModel, prefix, bound []byte, read func() ([]byte, []byte, error)) (string, error) {
	k, v, err := read()
	ks := m.keys(prefix, nil, bound)
	if len(ks) == 0 {
		if !errors.Is(err, ErrNotFound) {
			return desc, fmt.Errorf("got %q=%q, %v; want ErrNotFound", k, v, err)
		}
		return desc, nil
	}
	want := ks[len(ks)-1]
	if err != nil || string(k) != want || string(v) != m[want] {
		return desc, fmt.Errorf("got %q=%q, %v; want %q=%q", k, v, err, want, m[want])
	}
	for i := range k { // copies: scribbling on them changes nothing
		k[i] = 'X'
	}
	for i := range v {
		v[i] = 'X'
	}
	return desc, nil
}

// TestBulkOverlayReadsMatchModel runs random writes and reads inside Bulk
// and checks every read against a model of "snapshot + writes so far"; once
// the Bulk has landed, plain reads must agree with the same model.
func TestBulkOverlayReadsMatchModel(t *testing.T) {
	const (
		seeds      = 8
		steps      = 400
		afterReads = 200
	)
	for seed := uint64(1); seed <= seeds; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			rng := rand.New(rand.NewPCG(seed, 0x62756c6b))
			db, err := OpenInMemory()
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()

			// The snapshot: a few hundred keys, some of them deleted again.
			m, gone := bulkModel{}, map[string]bool{}
			for range 3 {
				if err := db.Update(ActorSystem, "test.fill", func(tx *Txn) error {
					for range 80 {
						k, v := randModelKey(rng), fmt.Sprintf("s%d", rng.Uint32())
						m[k] = v
						if err := tx.PutRaw([]byte(k), []byte(v)); err != nil {
							return err
						}
					}
					return nil
				}); err != nil {
					t.Fatal(err)
				}
			}
			if err := db.Update(ActorSystem, "test.prune", func(tx *Txn) error {
				for _, k := range m.keys(nil, nil, nil) {
					if rng.IntN(5) == 0 {
						delete(m, k)
						gone[k] = true
						if err := tx.Delete([]byte(k)); err != nil {
							return err
						}
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}

			r := &modelRun{m: m, gone: gone, snapshot: map[string]bool{}, deletedByBulk: map[string]bool{}, covered: map[string]int{}}
			for k := range m {
				r.snapshot[k] = true
			}
			var trail []string
			fail := func(step int, desc string, err error) error {
				from := max(0, len(trail)-8)
				return fmt.Errorf("step %d: %s: %v\n\tlast steps:\n\t%s", step, desc, err, strings.Join(trail[from:], "\n\t"))
			}
			err = db.Bulk(ActorSystem, "test.model", fmt.Sprint("model", seed), func(tx *Txn) error {
				for step := range steps {
					desc, err := r.step(tx, rng, true)
					if err != nil {
						return fail(step, desc, err)
					}
					trail = append(trail, desc)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range mustCover {
				if r.covered[c] == 0 {
					t.Errorf("no %s in %d steps", c, steps)
				}
			}

			// Landed: the store holds exactly the model, and plain reads agree.
			if err := db.View(func(tx *Txn) error {
				for step := range afterReads {
					desc, err := r.step(tx, rng, false)
					if err != nil {
						return fail(step, "after the Bulk: "+desc, err)
					}
					trail = append(trail, desc)
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			got := map[string]string{}
			for _, p := range []string{"p/", "r/", "s/"} { // "p/q/" is in "p/"
				if err := db.View(func(tx *Txn) error {
					return tx.Scan([]byte(p), func(k, v []byte) error { got[string(k)] = string(v); return nil })
				}); err != nil {
					t.Fatal(err)
				}
			}
			if len(got) != len(m) {
				t.Fatalf("store holds %d keys, model %d", len(got), len(m))
			}
			for k, v := range m {
				if got[k] != v {
					t.Fatalf("store %q = %q, model %q", k, got[k], v)
				}
			}
		})
	}
}

// ---------------------------------------------------------------------------
// All or nothing, however large.

func bulkTestKey(i int) []byte { return Key("pay", i) }

func bulkTestValue(i, n int) []byte {
	if n < 8 {
		return []byte{byte('a' + i%26)}
	}
	v := fmt.Appendf(nil, "%08d", i)
	return append(v, bytes.Repeat([]byte{byte('a' + i%26)}, n-len(v))...)
}

// checkBulkAudit checks the audit entries a Bulk wrote: one per staged
// batch, the commit with fn's notes, one per applied batch, and the end.
// It returns the number of batches.
func checkBulkAudit(t *testing.T, entries []AuditEntry, actor Actor, action, id string, notes []string) int {
	t.Helper()
	if len(entries) < 2 || len(entries)%2 != 0 {
		t.Fatalf("Bulk wrote %d audit entries, want 2 per batch + 2", len(entries))
	}
	b := (len(entries) - 2) / 2
	for i, e := range entries {
		var wantAction string
		var ok bool
		switch {
		case i < b:
			wantAction = action + ".stage"
			ok = len(e.Notes) == 1 && strings.HasPrefix(e.Notes[0], fmt.Sprintf("%s batch %d/%d, ", id, i+1, b))
		case i == b:
			wantAction = action
			ok = slices.Equal(e.Notes, notes)
		case i < 2*b+1:
			wantAction = action + ".apply"
			ok = slices.Equal(e.Notes, []string{fmt.Sprintf("%s batch %d/%d", id, i-b, b)})
		default:
			wantAction = action + ".done"
			ok = slices.Equal(e.Notes, []string{id + " done"})
		}
		if e.Action != wantAction || e.Actor != actor || !ok {
			t.Fatalf("audit entry %d of the Bulk (%d batches): %s by %s, notes %q; want %s by %s",
				i, b, e.Action, e.Actor, e.Notes, wantAction, actor)
		}
	}
	return b
}

func openForTest(t *testing.T, inMemory bool) *DB {
	t.Helper()
	if !inMemory {
		return openTemp(t)
	}
	db, err := OpenInMemory()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

// fillPay stores keys bulkTestKey(0..n-1) in transactions small enough.
func fillPay(t *testing.T, db *DB, n, valLen int) {
	t.Helper()
	for from := 0; from < n; from += 2000 {
		if err := db.Update(ActorSystem, "test.fill", func(tx *Txn) error {
			for i := from; i < min(n, from+2000); i++ {
				if err := tx.PutRaw(bulkTestKey(i), bulkTestValue(i, valLen)); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBulkLandsWholeBeyondOneTransaction(t *testing.T) {
	cases := []struct {
		name       string
		inMemory   bool
		n, valLen  int
		del        bool // the Bulk deletes n stored keys
		minBatches int
	}{
		// 60,000 x ~215 bytes is 12.9 MB: over 40 batches of 256 KiB.
		{"60,000 x 200 B on disk", false, 60000, 200, false, 45},
		// An in-memory store takes no value over 64 KiB, so its batches
		// are smaller: 20,000 x ~215 bytes is 4.3 MB, 66 batches.
		{"20,000 x 200 B in memory", true, 20000, 200, false, 60},
		// Small records: Badger's count limit (13,107 writes) comes before
		// its size limit.
		{"20,000 one-byte values", false, 20000, 1, false, 4},
		{"20,000 deletes", false, 20000, 1, true, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := openForTest(t, c.inMemory)
			if c.del {
				fillPay(t, db, c.n, c.valLen)
			}
			before, err := db.CountKeys(Prefix("pay"))
			if err != nil {
				t.Fatal(err)
			}
			write := func(tx *Txn) error {
				for i := range c.n {
					var err error
					if c.del {
						err = tx.Delete(bulkTestKey(i))
					} else {
						err = tx.PutRaw(bulkTestKey(i), bulkTestValue(i, c.valLen))
					}
					if err != nil {
						return err
					}
				}
				return nil
			}

			// The same writes in one Update are too big, and leave nothing.
			auditBefore := db.AuditLen()
			if err := db.Update(ActorSystem, "test.plain", write); !errors.Is(err, badger.ErrTxnTooBig) {
				t.Fatalf("plain Update: %v, want ErrTxnTooBig", err)
			}
			if n, _ := db.CountKeys(Prefix("pay")); n != before || db.AuditLen() != auditBefore {
				t.Fatalf("failed Update left %d keys (had %d), %d audit entries (had %d)", n, before, db.AuditLen(), auditBefore)
			}

			notes := []string{fmt.Sprintf("file abc: %d rows", c.n), "second note"}
			err = db.Bulk("staff:kim", "test.import", "job1", func(tx *Txn) error {
				for _, n := range notes {
					tx.Note("%s", n)
				}
				return write(tx)
			})
			if err != nil {
				t.Fatalf("Bulk: %v", err)
			}

			// Every key landed (or went), with its value.
			seen := 0
			if err := db.View(func(tx *Txn) error {
				return tx.Scan(Prefix("pay"), func(k, v []byte) error {
					i := int(Int64At(k, len("pay/")))
					if !bytes.Equal(k, bulkTestKey(i)) || !bytes.Equal(v, bulkTestValue(i, c.valLen)) {
						return fmt.Errorf("key %x = %q", k, v)
					}
					seen++
					return nil
				})
			}); err != nil {
				t.Fatal(err)
			}
			if want := c.n; c.del && seen != 0 || !c.del && seen != want {
				t.Fatalf("after the Bulk: %d keys, want %d (deleting: %v)", seen, want, c.del)
			}
			if n, err := db.CountKeys(Prefix("bulk")); err != nil || n != 0 {
				t.Fatalf("%d bulk/ keys left, %v", n, err)
			}
			n, err := db.VerifyAudit()
			if err != nil || n != db.AuditLen() {
				t.Fatalf("VerifyAudit = %d, %v; AuditLen %d", n, err, db.AuditLen())
			}
			entries, err := db.AuditLog(uint64(auditBefore), 0)
			if err != nil {
				t.Fatal(err)
			}
			if b := checkBulkAudit(t, entries, "staff:kim", "test.import", "job1", notes); b < c.minBatches {
				t.Fatalf("%d batches, want at least %d", b, c.minBatches)
			}
			// Nothing left to recover.
			if f, d, err := db.RecoverBulk(); f != 0 || d != 0 || err != nil {
				t.Fatalf("RecoverBulk after a whole Bulk = %d, %d, %v", f, d, err)
			}
		})
	}
}

func TestBulkEmptyWritesJobAndEnd(t *testing.T) {
	db := openForTest(t, true)
	if err := db.Bulk(ActorSystem, "test.nothing", "empty", func(tx *Txn) error {
		tx.Note("nothing to do")
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	entries, err := db.AuditLog(0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b := checkBulkAudit(t, entries, ActorSystem, "test.nothing", "empty", []string{"nothing to do"}); b != 0 {
		t.Fatalf("%d batches for no writes", b)
	}
	if n, _ := db.CountKeys(Prefix("bulk")); n != 0 {
		t.Fatalf("%d bulk/ keys left", n)
	}
}

func TestBulkFailingWritesNothing(t *testing.T) {
	cases := []struct {
		name string
		fn   func(tx *Txn) error
	}{
		{"fails at once", func(tx *Txn) error { return errBoom }},
		{"fails after 60,000 writes and a delete", func(tx *Txn) error {
			tx.Note("should not be seen")
			for i := range 60000 {
				if err := tx.PutRaw(bulkTestKey(1000+i), bulkTestValue(i, 200)); err != nil {
					return err
				}
			}
			if err := tx.Delete(bulkTestKey(7)); err != nil {
				return err
			}
			return fmt.Errorf("row 60001: %w", errBoom)
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := openForTest(t, false)
			fillPay(t, db, 10, 20)
			before := dumpStore(t, db)
			auditBefore := db.AuditLen()
			if err := db.Bulk(ActorSystem, "test.fail", "failing", c.fn); !errors.Is(err, errBoom) {
				t.Fatalf("Bulk = %v, want boom", err)
			}
			if db.AuditLen() != auditBefore {
				t.Fatalf("audit length %d, was %d", db.AuditLen(), auditBefore)
			}
			if after := dumpStore(t, db); !equalDumps(before, after) {
				t.Fatalf("failed Bulk changed the store: %d keys before, %d after", len(before), len(after))
			}
		})
	}
}

func TestBulkNeedsActorActionAndID(t *testing.T) {
	cases := []struct {
		actor      Actor
		action, id string
	}{
		{"", "a", "id"},
		{"x", "", "id"},
		{"x", "a", ""},
		{"x", "a", "with/slash"},
	}
	db := openForTest(t, true)
	for _, c := range cases {
		called := false
		err := db.Bulk(c.actor, c.action, c.id, func(tx *Txn) error {
			called = true
			return tx.PutRaw([]byte("k"), []byte("v"))
		})
		if err == nil || called {
			t.Errorf("Bulk(%q, %q, %q) = %v, fn called %v", c.actor, c.action, c.id, err, called)
		}
	}
	if n := len(dumpStore(t, db)); n != 0 {
		t.Fatalf("%d keys written", n)
	}
}

// ---------------------------------------------------------------------------
// Recovery from the states a crash leaves.

// stageTestJob builds by hand what a Bulk interrupted by a crash leaves:
// the first staged of its batches staged, the job committed if commit, the
// first applied batches applied. Each step is an audited write, as in Bulk.
// It returns the number of batches of the whole job.
func stageTestJob(t *testing.T, db *DB, id string, ov *overlay, staged int, commit bool, applied int) int {
	t.Helper()
	batches := encodeBatches(ov, db.bulkBatchLimit(), bulkBatchRecords)
	if staged < 0 {
		staged = len(batches)
	}
	for n, b := range batches[:staged] {
		if err := db.Update("staff:kim", "test.import.stage", func(tx *Txn) error {
			return tx.PutRaw(bulkStageKey(id, n), b)
		}); err != nil {
			t.Fatal(err)
		}
	}
	if !commit {
		return len(batches)
	}
	if err := db.Update("staff:kim", "test.import", func(tx *Txn) error {
		return tx.Put(bulkJobKey(id), bulkJob{Action: "test.import", Actor: "staff:kim", Batches: len(batches)})
	}); err != nil {
		t.Fatal(err)
	}
	for n := range applied {
		if err := db.Update("staff:kim", "test.import.apply", func(tx *Txn) error {
			raw, err := tx.GetRaw(bulkStageKey(id, n))
			if err != nil {
				return err
			}
			if err := decodeBatch(raw, func(k, v []byte, deleted bool) error {
				if deleted {
					return tx.Delete(k)
				}
				return tx.PutRaw(k, v)
			}); err != nil {
				return err
			}
			return tx.Delete(bulkStageKey(id, n))
		}); err != nil {
			t.Fatal(err)
		}
	}
	return len(batches)
}

// recoverJobOverlay is a job's writes: 6,000 new keys under job/<id>/ and
// the deletion of the 10 keys stored under keep/ beforehand.
func recoverJobOverlay(id string) *overlay {
	ov := &overlay{m: map[string]overlayValue{}}
	for i := range 6000 {
		ov.m[string(Key("job", id, i))] = overlayValue{val: bulkTestValue(i, 100)}
	}
	for i := range 10 {
		ov.m[string(Key("keep", id, i))] = overlayValue{deleted: true}
	}
	return ov
}

func TestRecoverBulk(t *testing.T) {
	cases := []struct {
		name    string
		staged  int // batches staged; -1: all
		commit  bool
		applied int // batches applied; -1: all, -2: half
		finish  bool
	}{
		{"crash while staging the first batches", 2, false, 0, false},
		{"crash after staging, before the commit", -1, false, 0, false},
		{"crash right after the commit", -1, true, 0, true},
		{"crash half way through applying", -1, true, -2, true},
		{"crash after the last batch, before the end", -1, true, -1, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := openForTest(t, true)
			const id = "job1"
			if err := db.Update(ActorSystem, "test.fill", func(tx *Txn) error {
				for i := range 10 {
					if err := tx.PutRaw(Key("keep", id, i), []byte("kept")); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			ov := recoverJobOverlay(id)
			all := len(encodeBatches(ov, db.bulkBatchLimit(), bulkBatchRecords))
			if all < 4 {
				t.Fatalf("only %d batches; the test needs several", all)
			}
			applied := c.applied
			switch applied {
			case -1:
				applied = all
			case -2:
				applied = all / 2
			}
			stageTestJob(t, db, id, ov, c.staged, c.commit, applied)

			// Before recovery: exactly the applied batches are visible.
			jobKeys, _ := db.CountKeys(Prefix("job", id))
			kept, _ := db.CountKeys(Prefix("keep", id))
			if (applied == 0) != (jobKeys == 0 && kept == 10) || (applied == all) != (jobKeys == 6000 && kept == 0) {
				t.Fatalf("before recovery, %d of %d batches applied: %d job keys, %d kept", applied, all, jobKeys, kept)
			}
			auditBefore := db.AuditLen()

			finished, dropped, err := db.RecoverBulk()
			if err != nil {
				t.Fatal(err)
			}
			jobKeys, _ = db.CountKeys(Prefix("job", id))
			kept, _ = db.CountKeys(Prefix("keep", id))
			bulkKeys, _ := db.CountKeys(Prefix("bulk"))
			if bulkKeys != 0 {
				t.Fatalf("%d bulk/ keys left after recovery", bulkKeys)
			}
			entries, err := db.AuditLog(uint64(auditBefore), 0)
			if err != nil {
				t.Fatal(err)
			}
			if c.finish {
				if finished != 1 || dropped != 0 || jobKeys != 6000 || kept != 0 {
					t.Fatalf("finish: RecoverBulk = %d finished, %d dropped; %d job keys, %d kept", finished, dropped, jobKeys, kept)
				}
				wantApply := all - applied // the batches left
				if len(entries) != wantApply+1 {
					t.Fatalf("recovery wrote %d audit entries, want %d applies and the end", len(entries), wantApply)
				}
				for i, e := range entries[:wantApply] {
					want := fmt.Sprintf("%s batch %d/%d", id, applied+i+1, all)
					if e.Action != "test.import.apply" || e.Actor != "staff:kim" || !slices.Equal(e.Notes, []string{want}) {
						t.Fatalf("entry %d: %+v, want test.import.apply %q", i, e, want)
					}
				}
				if e := entries[wantApply]; e.Action != "test.import.done" || !slices.Equal(e.Notes, []string{id + " done"}) {
					t.Fatalf("last entry %+v, want test.import.done", e)
				}
			} else {
				staged := c.staged
				if staged < 0 {
					staged = all
				}
				if finished != 0 || dropped != 1 || jobKeys != 0 || kept != 10 {
					t.Fatalf("drop: RecoverBulk = %d finished, %d dropped; %d job keys, %d kept", finished, dropped, jobKeys, kept)
				}
				want := fmt.Sprintf("%s: %d staged batches of an unfinished write deleted", id, staged)
				if len(entries) != 1 || entries[0].Action != "bulk.rollback" || entries[0].Actor != ActorSystem ||
					!slices.Equal(entries[0].Notes, []string{want}) {
					t.Fatalf("recovery wrote %+v, want one bulk.rollback %q", entries, want)
				}
			}
			if n, err := db.VerifyAudit(); err != nil || n != db.AuditLen() {
				t.Fatalf("VerifyAudit = %d, %v", n, err)
			}
			// Once is enough.
			auditAfter := db.AuditLen()
			if f, d, err := db.RecoverBulk(); f != 0 || d != 0 || err != nil || db.AuditLen() != auditAfter {
				t.Fatalf("second RecoverBulk = %d, %d, %v; audit %d -> %d", f, d, err, auditAfter, db.AuditLen())
			}
		})
	}
}

func TestRecoverBulkTwoJobsAtOnce(t *testing.T) {
	db := openForTest(t, true)
	n := stageTestJob(t, db, "done", recoverJobOverlay("done"), -1, true, 1)
	stageTestJob(t, db, "undone", recoverJobOverlay("undone"), -1, false, 0)
	finished, dropped, err := db.RecoverBulk()
	if err != nil || finished != 1 || dropped != 1 {
		t.Fatalf("RecoverBulk = %d, %d, %v; want 1, 1 (job of %d batches)", finished, dropped, err, n)
	}
	a, _ := db.CountKeys(Prefix("job", "done"))
	b, _ := db.CountKeys(Prefix("job", "undone"))
	c, _ := db.CountKeys(Prefix("bulk"))
	if a != 6000 || b != 0 || c != 0 {
		t.Fatalf("after recovery: %d finished keys, %d dropped keys, %d bulk/ keys", a, b, c)
	}
	if _, err := db.VerifyAudit(); err != nil {
		t.Fatal(err)
	}
}

func TestRecoverBulkOnCleanStoreDoesNothing(t *testing.T) {
	db := openForTest(t, false)
	for _, step := range []string{"empty store", "after writes and a whole Bulk"} {
		before := dumpStore(t, db)
		auditBefore := db.AuditLen()
		f, d, err := db.RecoverBulk()
		if f != 0 || d != 0 || err != nil {
			t.Fatalf("%s: RecoverBulk = %d, %d, %v", step, f, d, err)
		}
		if db.AuditLen() != auditBefore || !equalDumps(before, dumpStore(t, db)) {
			t.Fatalf("%s: RecoverBulk wrote something", step)
		}
		fillPay(t, db, 100, 20)
		if err := db.Bulk(ActorSystem, "test.bulk", "whole", func(tx *Txn) error {
			return tx.PutRaw([]byte("x"), []byte("y"))
		}); err != nil {
			t.Fatal(err)
		}
	}
}

// TestRecoverBulkLeavesRunningBulkAlone: RecoverBulk called while a Bulk
// is under way (its first batch staged, or its job committed and a batch
// applied) must wait for it rather than take it for an interrupted one.
// The Bulk is paused inside the store's clock, which each audited write
// reads.
func TestRecoverBulkLeavesRunningBulkAlone(t *testing.T) {
	write := func(tx *Txn) error {
		for i := range 8000 {
			if err := tx.PutRaw(Key("run", i), bulkTestValue(i, 100)); err != nil {
				return err
			}
		}
		return nil
	}
	ov := &overlay{m: map[string]overlayValue{}}
	if err := write(&Txn{ov: ov}); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name  string
		pause func(batches int) int // the audited write of the Bulk to pause at
	}{
		{"while staging", func(int) int { return 2 }},
		{"while applying", func(b int) int { return b + 3 }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			db := openForTest(t, false)
			batches := len(encodeBatches(ov, db.bulkBatchLimit(), bulkBatchRecords))
			if batches < 3 {
				t.Fatalf("%d batches; the test needs 3", batches)
			}
			type result struct {
				finished, dropped int
				err               error
			}
			res := make(chan result, 1)
			pauseAt, writes := c.pause(batches), 0
			db.Now = func() time.Time {
				writes++ // only the Bulk writes, under db.mu
				if writes == pauseAt {
					go func() {
						f, d, err := db.RecoverBulk()
						res <- result{f, d, err}
					}()
					// Time for a RecoverBulk that does not wait for the
					// Bulk to read the store in the middle of it.
					time.Sleep(100 * time.Millisecond)
				}
				return time.Now()
			}
			if err := db.Bulk(ActorSystem, "test.running", "running", write); err != nil {
				t.Fatal(err)
			}
			if r := <-res; r.finished != 0 || r.dropped != 0 || r.err != nil {
				t.Fatalf("RecoverBulk during the Bulk = %d finished, %d dropped, %v", r.finished, r.dropped, r.err)
			}
			entries, err := db.AuditLog(0, 0)
			if err != nil {
				t.Fatal(err)
			}
			checkBulkAudit(t, entries, ActorSystem, "test.running", "running", nil)
			if n, _ := db.CountKeys(Prefix("run")); n != 8000 {
				t.Fatalf("%d keys, want 8000", n)
			}
			if n, err := db.VerifyAudit(); err != nil || n != db.AuditLen() {
				t.Fatalf("VerifyAudit = %d, %v", n, err)
			}
		})
	}
}

// ---------------------------------------------------------------------------
// SIGKILL in the middle of Bulk.

// The crash test runs this test binary again as a child that runs Bulk jobs
// in a store on disk, and kills it with SIGKILL at random moments.
const (
	bulkCrashDirEnv   = "KIOSK_STORE_BULK_CRASH_DIR"
	bulkCrashSeedEnv  = "KIOSK_STORE_BULK_CRASH_SEED"
	bulkCrashRoundEnv = "KIOSK_STORE_BULK_CRASH_ROUND"

	// Per job: 12,000 keys of ~320 bytes, 3.8 MB in 15 batches. (40,000
	// keys of ~120 bytes are as many batches but take three times as long
	// under the race detector.)
	bulkCrashKeys     = 12000
	bulkCrashValueLen = 300
	bulkCrashJobs     = 3 // per child
)

// bulkCrashJobID names job j of round r; every id has the same length, so
// that every job has the same number of batches.
func bulkCrashJobID(round, job int) string { return fmt.Sprintf("r%02dj%d", round, job) }

// bulkCrashValue is the value of key i of job id in the run seeded with
// seed: the run's marker, the job and the key, padded.
func bulkCrashValue(seed uint64, id string, i int) []byte {
	v := fmt.Appendf(make([]byte, 0, bulkCrashValueLen), "run-%016x/%s/%d/", seed, id, i)
	for len(v) < bulkCrashValueLen {
		v = append(v, '.')
	}
	return v
}

func bulkCrashJob(seed uint64, id string) func(tx *Txn) error {
	return func(tx *Txn) error {
		tx.Note("crash job %s: %d keys", id, bulkCrashKeys)
		for i := range bulkCrashKeys {
			if err := tx.PutRaw(Key("crash", id, i), bulkCrashValue(seed, id, i)); err != nil {
				return err
			}
		}
		return nil
	}
}

// TestBulkCrashChild is the child of TestBulkCrashRecovery; it does nothing
// in a normal run. It opens the store, prints "READY", then runs
// bulkCrashJobs Bulk jobs one after the other and exits. Its clock prints
// "W <job> <n>" as the job's n-th audited write begins (so the writes
// before it are committed, that one is not), and it prints "DONE <job>"
// once Bulk returned.
func TestBulkCrashChild(t *testing.T) {
	dir := os.Getenv(bulkCrashDirEnv)
	if dir == "" {
		t.Skip("only run as the child of TestBulkCrashRecovery")
	}
	seed, _ := strconv.ParseUint(os.Getenv(bulkCrashSeedEnv), 10, 64)
	round, _ := strconv.Atoi(os.Getenv(bulkCrashRoundEnv))
	fail := func(format string, a ...any) {
		fmt.Printf("ERROR "+format+"\n", a...)
		os.Exit(3)
	}
	db, err := Open(dir)
	if err != nil {
		fail("open: %v", err)
	}
	id, writes := "", 0
	db.Now = func() time.Time {
		writes++
		fmt.Println("W", id, writes)
		return time.Now()
	}
	fmt.Println("READY")
	for j := range bulkCrashJobs {
		id, writes = bulkCrashJobID(round, j), 0
		if err := db.Bulk(ActorSystem, "test.crash", id, bulkCrashJob(seed, id)); err != nil {
			fail("bulk %s: %v", id, err)
		}
		fmt.Println("DONE", id)
	}
	if err := db.Close(); err != nil {
		fail("close: %v", err)
	}
	os.Exit(0)
}

// bulkCrashPlan is when a round kills its child: delay after READY, or,
// with atWrite > 0, delay after the child reported write atWrite of its
// job-th job.
type bulkCrashPlan struct {
	delay   time.Duration
	job     int
	atWrite int
}

func TestBulkCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("crash test skipped in -short mode")
	}
	// How long one Bulk takes here (the child is the same binary on the
	// same disk), when its audited writes begin, and how many batches a
	// job has.
	calib, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var marks []time.Duration
	start := time.Now()
	calib.Now = func() time.Time {
		marks = append(marks, time.Since(start))
		return time.Now()
	}
	if err := calib.Bulk(ActorSystem, "test.crash", bulkCrashJobID(99, 0), bulkCrashJob(1, bulkCrashJobID(99, 0))); err != nil {
		t.Fatal(err)
	}
	one := time.Since(start)
	_ = calib.Close()
	batches := (len(marks) - 2) / 2
	if batches < 4 {
		t.Fatalf("a job has %d batches; the test needs several", batches)
	}
	perWrite := (one - marks[0]) / time.Duration(len(marks))
	t.Logf("one Bulk of %d keys in %d batches: %v (computing %v, staging %v, applying %v)", bulkCrashKeys, batches,
		one.Round(time.Millisecond), marks[0].Round(time.Millisecond),
		(marks[batches] - marks[0]).Round(time.Millisecond), (one - marks[batches]).Round(time.Millisecond))

	dir := t.TempDir()
	rng := rand.New(rand.NewPCG(20261127, 40000))
	const rounds = 10
	seeds := map[string]uint64{} // job id -> its run's seed
	whole := map[string]bool{}   // the jobs found whole
	phases := map[string]int{}
	for round := range rounds {
		seed := rng.Uint64()
		for j := range bulkCrashJobs {
			seeds[bulkCrashJobID(round, j)] = seed
		}
		// Even rounds kill at a random time in one and a half Bulks; odd
		// ones at a random audited write of the first or second job (half
		// of which are staging writes, half applying ones; rounds 3 and 7
		// the commit and the end), within an eighth of an average write
		// after it began.
		var plan bulkCrashPlan
		if round%2 == 0 {
			plan.delay = time.Duration(rng.Int64N(int64(one) * 3 / 2))
		} else {
			plan = bulkCrashPlan{job: rng.IntN(2), atWrite: 1 + rng.IntN(len(marks)), delay: time.Duration(rng.Int64N(int64(perWrite)/8 + 1))}
			switch round {
			case 3:
				plan.atWrite = batches + 1
			case 7:
				plan.atWrite = 2*batches + 2
			}
		}
		lines, killed := runBulkCrashChild(t, dir, round, seed, plan)
		finished, dropped, phase := checkBulkCrashRound(t, dir, round, seeds, lines, killed, batches, whole)
		phases[strings.Fields(phase)[0]]++
		when := fmt.Sprintf("%v after READY", plan.delay.Round(time.Millisecond))
		if plan.atWrite > 0 {
			when = fmt.Sprintf("%v after write %d of %s", plan.delay.Round(time.Microsecond), plan.atWrite, bulkCrashJobID(round, plan.job))
		}
		t.Logf("round %d: killed %s, while %s; recovery finished %d, dropped %d", round, when, phase, finished, dropped)
		if t.Failed() {
			t.Fatalf("store inconsistent after round %d", round)
		}
	}
	t.Logf("kills by phase: %v", phases)
	checkBulkCrashAll(t, dir, seeds, whole)
	if len(whole) == 0 {
		t.Fatal("no job was ever found whole")
	}
}

// runBulkCrashChild starts the child on dir, kills it as plan says and
// returns what it printed, and whether it was still running when killed.
func runBulkCrashChild(t *testing.T, dir string, round int, seed uint64, plan bulkCrashPlan) ([]string, bool) {
	t.Helper()
	c := crashtest.Start(t, "TestBulkCrashChild", bulkCrashDirEnv+"="+dir,
		fmt.Sprintf("%s=%d", bulkCrashSeedEnv, seed), fmt.Sprintf("%s=%d", bulkCrashRoundEnv, round))
	if err := c.WaitForLine("READY"); err != nil {
		t.Fatalf("child did not get ready: %v", err)
	}
	if plan.atWrite > 0 {
		if err := c.WaitForLine(fmt.Sprintf("W %s %d", bulkCrashJobID(round, plan.job), plan.atWrite)); err != nil {
			t.Fatalf("child did not reach write %d of job %d: %v", plan.atWrite, plan.job, err)
		}
	}
	time.Sleep(plan.delay)
	killed := c.Kill(t)
	return c.Lines, killed
}

// countCrashJob counts the keys of job id, checking each value.
func countCrashJob(t *testing.T, tx *Txn, id string, seed uint64) int {
	t.Helper()
	n, bad := 0, 0
	p := Prefix("crash", id)
	err := tx.Scan(p, func(k, v []byte) error {
		if len(k) != len(p)+8 {
			return fmt.Errorf("bad key %q", k)
		}
		i := int(Int64At(k, len(p)))
		if !bytes.Equal(v, bulkCrashValue(seed, id, i)) && bad < 3 {
			bad++
			t.Errorf("%s key %d = %q, want %q", id, i, v, bulkCrashValue(seed, id, i))
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// checkBulkCrashRound reopens the store after the kill of round's child,
// recovers it and checks it: the audit chain whole, no bulk/ keys left,
// every job of the round whole or absent, with the values of its run, each
// reported done whole, and the job the child was killed in whole or absent
// as the last write it reported says. It adds the whole jobs to whole and
// describes where the kill landed.
func checkBulkCrashRound(t *testing.T, dir string, round int, seeds map[string]uint64, lines []string, killed bool, batches int, whole map[string]bool) (finished, dropped int, phase string) {
	t.Helper()
	done := map[string]bool{}
	lastWrite := map[string]int{}
	for _, l := range lines {
		f := strings.Fields(l)
		switch {
		case len(f) == 2 && f[0] == "DONE":
			done[f[1]] = true
		case len(f) == 3 && f[0] == "W":
			n, _ := strconv.Atoi(f[2])
			lastWrite[f[1]] = n
		}
	}
	db, err := Open(dir)
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	defer db.Close()
	finished, dropped, err = db.RecoverBulk()
	if err != nil {
		t.Fatalf("RecoverBulk: %v", err)
	}
	if n, err := db.VerifyAudit(); err != nil || n != db.AuditLen() {
		t.Errorf("VerifyAudit = %d, %v (AuditLen %d)", n, err, db.AuditLen())
	}
	if n, err := db.CountKeys(Prefix("bulk")); err != nil || n != 0 {
		t.Errorf("%d bulk/ keys after recovery, %v", n, err)
	}

	counts := map[string]int{}
	if err := db.View(func(tx *Txn) error {
		for j := range bulkCrashJobs {
			id := bulkCrashJobID(round, j)
			counts[id] = countCrashJob(t, tx, id, seeds[id])
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	// The job under way when the kill came: the first not reported done.
	inflight := ""
	if killed {
		for j := range bulkCrashJobs {
			if id := bulkCrashJobID(round, j); !done[id] {
				inflight = id
				break
			}
		}
	}
	phase = "finished (the child was done)"
	// Sets of allowed outcomes, as bit masks: for a job, absent (no keys)
	// and present (whole); for RecoverBulk's counts, 1<<0 (absent) and
	// 1<<1 (present).
	const (
		absent = 1 << iota
		present
	)
	var wantFinished, wantDropped int
	for j := range bulkCrashJobs {
		id := bulkCrashJobID(round, j)
		n := counts[id]
		allowed := absent // after the job under way
		switch {
		case done[id]:
			allowed = present
		case id == inflight:
			w, b := lastWrite[id], batches
			switch {
			case w == 0:
				phase, allowed = "computing "+id, absent
				wantFinished, wantDropped = absent, absent
			case w == 1:
				phase, allowed = fmt.Sprintf("staging %s batch 1/%d", id, b), absent
				wantFinished, wantDropped = absent, absent|present
			case w <= b:
				phase, allowed = fmt.Sprintf("staging %s batch %d/%d", id, w, b), absent
				wantFinished, wantDropped = absent, present
			case w == b+1:
				phase, allowed = "committing "+id, absent|present
				wantFinished, wantDropped = absent|present, absent|present
				if (n == 0) != (dropped == 1) || (n != 0) != (finished == 1) {
					t.Errorf("killed at the commit of %s: %d keys, but recovery finished %d, dropped %d", id, n, finished, dropped)
				}
			case w <= 2*b+1:
				phase, allowed = fmt.Sprintf("applying %s batch %d/%d", id, w-b-1, b), present
				wantFinished, wantDropped = present, absent
			default:
				phase, allowed = "ending "+id, present
				wantFinished, wantDropped = absent|present, absent
			}
		}
		switch n {
		case 0:
		case bulkCrashKeys:
			whole[id] = true
		default:
			t.Errorf("job %s has %d of its %d keys", id, n, bulkCrashKeys)
			continue
		}
		got := absent
		if n != 0 {
			got = present
		}
		if allowed&got == 0 {
			t.Errorf("job %s (done %v, last write %d, under way %v) has %d keys", id, done[id], lastWrite[id], id == inflight, n)
		}
	}
	if inflight == "" {
		wantFinished, wantDropped = absent, absent
	}
	if wantFinished&(1<<finished) == 0 || wantDropped&(1<<dropped) == 0 {
		t.Errorf("killed while %s: recovery finished %d and dropped %d jobs", phase, finished, dropped)
	}
	return finished, dropped, phase
}

// checkBulkCrashAll checks, after the last round, that the store holds the
// whole jobs found after each round, with their values, and nothing else
// under crash/.
func checkBulkCrashAll(t *testing.T, dir string, seeds map[string]uint64, whole map[string]bool) {
	t.Helper()
	db, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ids := map[string]bool{}
	p := Prefix("crash")
	if err := db.View(func(tx *Txn) error {
		err := tx.Scan(p, func(k, _ []byte) error {
			rest := k[len(p):]
			if i := bytes.IndexByte(rest, '/'); i > 0 {
				ids[string(rest[:i])] = true
			}
			return nil
		})
		if err != nil {
			return err
		}
		for id := range ids {
			if !whole[id] {
				t.Errorf("keys of job %s, which was not found whole", id)
			}
		}
		for id := range whole {
			if n := countCrashJob(t, tx, id, seeds[id]); n != bulkCrashKeys {
				t.Errorf("job %s has %d keys at the end, was whole", id, n)
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// ---------------------------------------------------------------------------
// Helpers shared with schema_test.go.

// dumpStore returns every key and value of the store (Badger's latest
// versions, read below the Txn layer).
func dumpStore(t *testing.T, db *DB) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := db.bdb.View(func(btx *badger.Txn) error {
		it := btx.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			out[string(it.Item().Key())] = string(v)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func equalDumps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
