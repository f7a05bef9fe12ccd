package store

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// AuditEntry records one write: who made it, when, what it was. Entries form
// a hash chain so that a removed or altered entry is detected by Verify.
type AuditEntry struct {
	Seq    uint64    `json:"seq"`
	At     time.Time `json:"at"`
	Actor  Actor     `json:"actor"`
	Action string    `json:"action"`
	Notes  []string  `json:"notes,omitempty"`
	Prev   string    `json:"prev"`
	Hash   string    `json:"hash"`
}

type auditHead struct {
	seq  uint64
	hash string
}

var auditPrefix = Prefix("audit")

func auditKey(seq uint64) []byte { return Key("audit", seq) }

func (e AuditEntry) digest() string {
	c := e
	c.Hash = ""
	raw, _ := json.Marshal(c)
	sum := sha256.Sum256(raw)
	return hex.EncodeToString(sum[:])
}

func (db *DB) loadHead() error {
	return db.View(func(tx *Txn) error {
		_, raw, err := tx.Last(auditPrefix)
		if errors.Is(err, ErrNotFound) {
			db.head = auditHead{}
			return nil
		}
		if err != nil {
			return err
		}
		var e AuditEntry
		if err := json.Unmarshal(raw, &e); err != nil {
			return fmt.Errorf("audit head: %w", err)
		}
		db.head = auditHead{seq: e.Seq, hash: e.Hash}
		return nil
	})
}

func (db *DB) appendAudit(tx *Txn, actor Actor, action string, notes []string) (auditHead, error) {
	e := AuditEntry{
		Seq:    db.head.seq + 1,
		At:     db.Now().UTC().Truncate(time.Millisecond),
		Actor:  actor,
		Action: action,
		Notes:  notes,
		Prev:   db.head.hash,
	}
	e.Hash = e.digest()
	if err := tx.Put(auditKey(e.Seq), e); err != nil {
		return auditHead{}, err
	}
	return auditHead{seq: e.Seq, hash: e.Hash}, nil
}

// AuditLog returns the audit entries with seq greater than after, oldest
// first, at most limit of them (0: all).
func (db *DB) AuditLog(after uint64, limit int) ([]AuditEntry, error) {
	var out []AuditEntry
	err := db.View(func(tx *Txn) error {
		return tx.Range(auditPrefix, auditKey(after+1), nil, func(_, v []byte) error {
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return err
			}
			out = append(out, e)
			if limit > 0 && len(out) >= limit {
				return ErrStop
			}
			return nil
		})
	})
	return out, err
}

// ErrAuditBroken: the audit chain has a gap, an altered or a reordered entry.
var ErrAuditBroken = errors.New("store: audit chain broken")

// VerifyAudit walks the whole chain and returns the number of entries; the
// error wraps ErrAuditBroken with the first bad sequence number.
func (db *DB) VerifyAudit() (int, error) {
	n := 0
	prev := ""
	err := db.View(func(tx *Txn) error {
		return tx.Scan(auditPrefix, func(k, v []byte) error {
			var e AuditEntry
			if err := json.Unmarshal(v, &e); err != nil {
				return fmt.Errorf("%w at entry %d: %v", ErrAuditBroken, n+1, err)
			}
			want := uint64(n + 1)
			if e.Seq != want || string(k) != string(auditKey(e.Seq)) {
				return fmt.Errorf("%w: entry %d missing or out of place", ErrAuditBroken, want)
			}
			if e.Prev != prev || e.digest() != e.Hash {
				return fmt.Errorf("%w: entry %d altered", ErrAuditBroken, e.Seq)
			}
			prev = e.Hash
			n++
			return nil
		})
	})
	return n, err
}

// AuditLen is the number of audit entries written so far.
func (db *DB) AuditLen() int {
	db.mu.Lock()
	defer db.mu.Unlock()
	return int(db.head.seq)
}
