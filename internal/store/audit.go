package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// AuditEntry records one write: who made it, when, what it was. Entries form
// a hash chain so that a removed or altered entry is detected by Verify.
type AuditEntry struct {
	Seq    uint64    `json:"seq"`
	At     time.Time `json:"at"`
	Actor  Actor     `json:"actor"`
	Action string    `json:"action"`
	Notes  []string  `json:"notes,omitempty"`
	// Clock is the overridden clock the write was judged on, in RFC 3339;
	// empty on the real clock.
	Clock string `json:"clock,omitempty"`
	Prev  string `json:"prev"`
	Hash  string `json:"hash"`
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
	if db.Overridden != nil {
		e.Clock = db.Overridden().Format(time.RFC3339)
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
// error wraps ErrAuditBroken with the first bad sequence number. On a data
// directory it also checks the chain against its anchor (see anchor.go): a
// chain that ends before the anchored entry, or whose entry there has
// another hash, is broken too. A missing anchor is not checked (Open writes
// it from the chain's head).
func (db *DB) VerifyAudit() (int, error) {
	// The snapshot and the anchor are taken together, with writes held,
	// so that a write landing in between cannot put the anchor ahead of
	// the snapshot.
	db.mu.Lock()
	btx := db.bdb.NewTransaction(false)
	a, _, err := readAnchor(db.dir)
	db.mu.Unlock()
	defer btx.Discard()
	if err != nil {
		return 0, err
	}
	n, at, err := verifyChain(&Txn{btx: btx, readOnly: true}, a.Seq)
	if err != nil {
		return n, err
	}
	if err := checkAnchor(a, n, at); err != nil {
		return n, err
	}
	return n, nil
}

// verifyChain walks the chain in tx and returns the number of entries and
// the hash of entry seq (if the chain reaches it).
func verifyChain(tx *Txn, seq uint64) (n int, at string, err error) {
	prev := ""
	err = tx.Scan(auditPrefix, func(k, v []byte) error {
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
		if e.Seq == seq {
			at = e.Hash
		}
		prev = e.Hash
		n++
		return nil
	})
	return n, at, err
}

// AuditLen is the number of audit entries written so far.
func (db *DB) AuditLen() int {
	db.mu.Lock()
	defer db.mu.Unlock()
	return int(db.head.seq)
}

// AuditMatch selects audit entries: Actor, when set, is the actor exactly;
// ActionPrefix, when set, starts the action ("booking." or a whole action
// such as "staff.login", which also takes "staff.login.failed").
type AuditMatch struct {
	Actor        Actor
	ActionPrefix string
}

// matcher tests stored entries against m: a byte search of the stored JSON
// first (a JSON string cannot hold an unescaped quote, so the search only
// finds the fields themselves), then the decoded entry.
type matcher struct {
	m             AuditMatch
	actor, action []byte
}

func newMatcher(m AuditMatch) matcher {
	mt := matcher{m: m}
	if m.Actor != "" {
		q, _ := json.Marshal(string(m.Actor))
		mt.actor = append([]byte(`"actor":`), q...)
	}
	if m.ActionPrefix != "" {
		q, _ := json.Marshal(m.ActionPrefix)
		mt.action = append([]byte(`"action":`), q[:len(q)-1]...) // open-ended
	}
	return mt
}

func (mt matcher) mayMatch(raw []byte) bool {
	return (mt.actor == nil || bytes.Contains(raw, mt.actor)) && (mt.action == nil || bytes.Contains(raw, mt.action))
}

func (mt matcher) matches(e AuditEntry) bool {
	return (mt.m.Actor == "" || e.Actor == mt.m.Actor) && strings.HasPrefix(e.Action, mt.m.ActionPrefix)
}

// AuditPage reads the log backwards: the entries with seq below before
// (before 0: from the newest) that m selects, newest first, at most limit
// of them (limit < 1 reads one). more reports whether an older entry that m
// selects exists, so a screen offers a next page only when there is one.
// The scan stops at the first selected entry past the page: only limit+1
// entries are decoded and held whatever the size of the log, though a
// selection that matches little may have to read far back.
func (db *DB) AuditPage(before uint64, limit int, m AuditMatch) (page []AuditEntry, more bool, err error) {
	limit = max(limit, 1)
	mt := newMatcher(m)
	err = db.bdb.View(func(btx *badger.Txn) error {
		opt := badger.DefaultIteratorOptions
		opt.Reverse = true
		opt.Prefix = auditPrefix
		opt.PrefetchValues = false
		it := btx.NewIterator(opt)
		defer it.Close()
		// A reverse Seek lands on the greatest key at or below its
		// argument: the entry before `before`, or the newest.
		seek := append(bytes.Clone(auditPrefix), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
		if before > 0 {
			if before == 1 {
				return nil
			}
			seek = auditKey(before - 1)
		}
		for it.Seek(seek); it.ValidForPrefix(auditPrefix); it.Next() {
			var e AuditEntry
			found := false
			err := itemValue(it.Item(), func(v []byte) error {
				if !mt.mayMatch(v) {
					return nil
				}
				if err := json.Unmarshal(v, &e); err != nil {
					return err
				}
				found = mt.matches(e)
				return nil
			})
			if err != nil {
				return fmt.Errorf("audit entry %q: %w", it.Item().Key(), err)
			}
			if !found {
				continue
			}
			if len(page) == limit {
				more = true
				return nil
			}
			page = append(page, e)
		}
		return nil
	})
	if err != nil {
		return nil, false, err
	}
	return page, more, nil
}
