package store

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"sort"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// A bulk write is too large for one Badger transaction (an import of
// 50,000 payments) yet must land whole or not at all. Bulk runs the work
// against a read snapshot, recording its writes in memory; then
//
//  1. stages them in batches under bulk/<id>/stage/<n> (invisible to
//     readers), each batch an audited commit;
//  2. commits: one audited transaction records the job (bulk/<id>/job).
//     From here on the write is decided;
//  3. applies the batches to their keys, deleting each staged batch in the
//     same transaction, and finally the job.
//
// A crash before 2 leaves staged batches without a job: RecoverBulk deletes
// them. A crash after 2 leaves a job: RecoverBulk applies what is left.
// Either way the next open sees all of it or none of it.

// bulkBatchBytes keeps each staged or applied batch well inside Badger's
// transaction limit (15% of the 8 MiB memtable). bulkBatchRecords does the
// same for Badger's limit on the number of writes in one transaction
// (13,107 with 8 MiB memtables), which small records reach first: 256 KiB
// of deletes of 16-byte keys is 13,800 of them.
const (
	bulkBatchBytes   = 256 << 10
	bulkBatchRecords = 4096
)

// bulkBatchLimit is the size of a staged batch in db. An in-memory store
// keeps no value log, so Badger refuses values above the value threshold it
// was opened with (Options'; its Opts reports MaxInt32 instead).
func (db *DB) bulkBatchLimit() int {
	if db.bdb.Opts().InMemory {
		return min(bulkBatchBytes, int(Options("", slog.Default()).ValueThreshold))
	}
	return bulkBatchBytes
}

type overlayValue struct {
	val     []byte
	deleted bool
}

// overlay holds a bulk's writes over the snapshot it reads.
type overlay struct{ m map[string]overlayValue }

func (o *overlay) sortedKeys(prefix, start, end []byte) []string {
	// Compared as strings: converting every key of a large write set to a
	// byte slice on each read was most of an import's time.
	p, lo, hi := string(prefix), string(start), string(end)
	var ks []string
	for k := range o.m {
		if !strings.HasPrefix(k, p) || k < lo || (end != nil && k >= hi) {
			continue
		}
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// bulkJob is the record of a committed bulk write.
type bulkJob struct {
	Action  string `json:"action"`
	Actor   Actor  `json:"actor"`
	Batches int    `json:"batches"`
}

func bulkStageKey(id string, n int) []byte { return Key("bulk", id, "stage", n) }
func bulkJobKey(id string) []byte          { return Key("bulk", id, "job") }

// Bulk runs fn once on a snapshot of the store and writes what it wrote, all
// or nothing, however large (see above). The audit entry of the commit has
// fn's notes. id names the job (no '/'). Other writes wait until it is done.
func (db *DB) Bulk(actor Actor, action, id string, fn func(tx *Txn) error) error {
	if actor == "" || action == "" || id == "" || strings.Contains(id, "/") {
		return errors.New("store: Bulk needs an actor, an action and an id")
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	ov := &overlay{m: map[string]overlayValue{}}
	var notes []string
	err := db.bdb.View(func(btx *badger.Txn) error {
		tx := &Txn{btx: btx, ov: ov}
		if err := fn(tx); err != nil {
			return err
		}
		notes = tx.notes
		return nil
	})
	if err != nil {
		return err
	}
	batches := encodeBatches(ov, db.bulkBatchLimit(), bulkBatchRecords)
	for n, b := range batches {
		err := db.updateLocked(actor, action+".stage", func(tx *Txn) error {
			tx.Note("%s batch %d/%d, %d bytes", id, n+1, len(batches), len(b))
			return tx.PutRaw(bulkStageKey(id, n), b)
		})
		if err != nil {
			return err
		}
	}
	err = db.updateLocked(actor, action, func(tx *Txn) error {
		tx.notes = append(tx.notes, notes...)
		return tx.Put(bulkJobKey(id), bulkJob{Action: action, Actor: actor, Batches: len(batches)})
	})
	if err != nil {
		return err
	}
	return db.applyBulk(id)
}

// applyBulk writes a committed job's staged batches to their keys.
func (db *DB) applyBulk(id string) error {
	var job bulkJob
	if err := db.View(func(tx *Txn) error { return tx.Get(bulkJobKey(id), &job) }); err != nil {
		return err
	}
	for n := range job.Batches {
		err := db.updateLocked(job.Actor, job.Action+".apply", func(tx *Txn) error {
			raw, err := tx.GetRaw(bulkStageKey(id, n))
			if errors.Is(err, ErrNotFound) {
				return errBulkNothing // applied before a crash
			}
			if err != nil {
				return err
			}
			err = decodeBatch(raw, func(k, v []byte, deleted bool) error {
				if deleted {
					return tx.Delete(k)
				}
				return tx.PutRaw(k, v)
			})
			if err != nil {
				return err
			}
			tx.Note("%s batch %d/%d", id, n+1, job.Batches)
			return tx.Delete(bulkStageKey(id, n))
		})
		if err != nil && !errors.Is(err, errBulkNothing) {
			return err
		}
	}
	return db.updateLocked(job.Actor, job.Action+".done", func(tx *Txn) error {
		tx.Note("%s done", id)
		return tx.Delete(bulkJobKey(id))
	})
}

var errBulkNothing = errors.New("store: nothing to apply")

// RecoverBulk finishes the bulk writes a crash interrupted: a committed job
// is applied to the end, staged batches without a job are deleted. It
// reports how many jobs it finished and how many it dropped.
func (db *DB) RecoverBulk() (finished, dropped int, err error) {
	// Held from the scan on, so that a Bulk under way is not mistaken for
	// an interrupted one.
	db.mu.Lock()
	defer db.mu.Unlock()
	jobs := map[string]bool{}
	stages := map[string][][]byte{}
	err = db.View(func(tx *Txn) error {
		p := Prefix("bulk")
		return tx.Scan(p, func(k, _ []byte) error {
			rest := string(k[len(p):])
			id, what, ok := strings.Cut(rest, "/")
			if !ok {
				return nil
			}
			if what == "job" {
				jobs[id] = true
			} else {
				stages[id] = append(stages[id], bytes.Clone(k))
			}
			return nil
		})
	})
	if err != nil {
		return 0, 0, err
	}
	for id := range jobs {
		if err := db.applyBulk(id); err != nil {
			return finished, dropped, fmt.Errorf("store: finishing bulk write %s: %w", id, err)
		}
		finished++
	}
	for id, keys := range stages {
		if jobs[id] {
			continue
		}
		err := db.updateLocked(ActorSystem, "bulk.rollback", func(tx *Txn) error {
			tx.Note("%s: %d staged batches of an unfinished write deleted", id, len(keys))
			for _, k := range keys {
				if err := tx.Delete(k); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return finished, dropped, err
		}
		dropped++
	}
	return finished, dropped, nil
}

// Batches are a sequence of records: flag byte (1 deleted), key length,
// value length (uvarints), key, value. A batch holds at most maxBytes (unless
// it is a single record) and at most maxRecords records.
func encodeBatches(ov *overlay, maxBytes, maxRecords int) [][]byte {
	keys := ov.sortedKeys(nil, nil, nil)
	var out [][]byte
	var cur []byte
	records := 0
	for _, k := range keys {
		v := ov.m[k]
		rec := []byte{0}
		if v.deleted {
			rec[0] = 1
		}
		rec = binary.AppendUvarint(rec, uint64(len(k)))
		rec = binary.AppendUvarint(rec, uint64(len(v.val)))
		rec = append(rec, k...)
		rec = append(rec, v.val...)
		if len(cur) > 0 && (len(cur)+len(rec) > maxBytes || records == maxRecords) {
			out = append(out, cur)
			cur, records = nil, 0
		}
		cur = append(cur, rec...)
		records++
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func decodeBatch(b []byte, fn func(k, v []byte, deleted bool) error) error {
	for len(b) > 0 {
		deleted := b[0] == 1
		b = b[1:]
		kl, n := binary.Uvarint(b)
		if n <= 0 {
			return errors.New("store: bad bulk batch")
		}
		b = b[n:]
		vl, n := binary.Uvarint(b)
		if n <= 0 || uint64(len(b)-n) < kl+vl {
			return errors.New("store: bad bulk batch")
		}
		b = b[n:]
		if err := fn(b[:kl], b[kl:kl+vl], deleted); err != nil {
			return err
		}
		b = b[kl+vl:]
	}
	return nil
}
