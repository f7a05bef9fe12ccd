package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
)

// The audit chain's anchor: the head of the chain (the sequence number and
// hash of the latest entry), kept in the file audit-head beside the store.
//
// The chain's hashes catch an entry altered or removed in the middle, but a
// chain whose newest entries were removed (with the writes they recorded),
// or that was rewritten from some entry on, or that lost the tables holding
// its tail, is a whole chain again. The anchor holds the head outside Badger:
// the chain must contain the anchored sequence number with the anchored
// hash, or the store is refused (Open) or reported broken (VerifyAudit).
//
// It is rewritten after every committed write (a temporary file renamed over
// it, in the same directory) and is not synced. The store is opened with
// SyncWrites, so a write is on the disk before Update returns and before its
// anchor is written: a crash or a power cut can leave the anchor behind the
// store (an older head, still in the chain, which passes, and Open moves it
// up to the head), never ahead of it. Hence one fsync a write is not needed.
//
// Why a file and not a key in the store: a head kept in Badger shares the
// fate of what it vouches for. A table lost or a MANIFEST cut short takes the
// head's newest version with the chain's tail, leaving an older head that
// matches the shorter chain; and whoever can delete the tail with Badger can
// rewrite that key in the same transaction. Outside the store it survives
// both; it would take deleting or editing this file as well.
//
// A missing anchor beside a non-empty chain is written from the chain's
// current head at Open: a store from before anchors, or one just restored,
// has none. This means that someone who deletes both the anchor and the
// chain's tail is not caught; the anchor stops the accidents (and attacks)
// that reach only the store. An in-memory store has no anchor.
const anchorFile = "audit-head"

// anchorTemp is the anchor being written; Badger ignores both names.
const anchorTemp = ".audit-head.tmp"

type anchor struct {
	Seq  uint64 `json:"seq"`
	Hash string `json:"hash"`
}

// readAnchor reads dir's anchor; ok is false when there is none. An anchor
// that does not parse is reported as none with a warning: a power cut can
// leave a renamed file empty on some file systems, and it is only ever a
// head the chain itself will supply again.
func readAnchor(dir string) (a anchor, ok bool, err error) {
	if dir == "" {
		return anchor{}, false, nil
	}
	raw, err := os.ReadFile(filepath.Join(dir, anchorFile))
	if errors.Is(err, fs.ErrNotExist) {
		return anchor{}, false, nil
	}
	if err != nil {
		return anchor{}, false, fmt.Errorf("%w: reading the audit anchor: %v", ErrUnreadable, err)
	}
	if err := json.Unmarshal(raw, &a); err != nil || (a.Seq > 0) != (a.Hash != "") {
		slog.Warn("the audit anchor does not parse; taking the chain's head instead", "dir", dir)
		return anchor{}, false, nil
	}
	return a, true, nil
}

// writeAnchor replaces dir's anchor with a.
func writeAnchor(dir string, a anchor) error {
	if dir == "" {
		return nil
	}
	raw, _ := json.Marshal(a)
	tmp := filepath.Join(dir, anchorTemp)
	if err := os.WriteFile(tmp, raw, 0o600); err != nil {
		_ = os.Remove(tmp)
		return err
	}
	return os.Rename(tmp, filepath.Join(dir, anchorFile))
}

// anchorHead writes the anchor for the head of the chain after a committed
// write (db.mu held). A failure is logged, not returned: the write is
// committed, and the next one writes the anchor again; meanwhile the anchor
// is behind, which is never mistaken for damage.
func (db *DB) anchorHead() {
	if db.dir == "" || db.head.seq == 0 {
		return
	}
	if err := writeAnchor(db.dir, anchor{Seq: db.head.seq, Hash: db.head.hash}); err != nil {
		slog.Warn("the audit anchor could not be written", "dir", db.dir, "err", err)
	}
}

// checkAnchor compares the anchor with a verified chain of n entries whose
// entry at a.Seq has hash at.
func checkAnchor(a anchor, n int, at string) error {
	switch {
	case a.Seq == 0:
		return nil
	case uint64(n) < a.Seq:
		return corrupt(CauseAuditTail, fmt.Errorf("%w: the log ends at entry %d but its anchor records entry %d", ErrAuditBroken, n, a.Seq))
	case at != a.Hash:
		return corrupt(CauseAuditBroken, fmt.Errorf("%w: entry %d is not the one its anchor records (the log was rewritten)", ErrAuditBroken, a.Seq))
	}
	return nil
}

// verifyTail checks the end of the chain against its anchor a: the
// anchored entry is there with the anchored hash, and every entry after it
// (writes whose anchor a crash left behind) follows on from it unbroken.
// It reads only those entries, so opening stays quick however long the
// log grows; the whole chain is VerifyAudit's (kioskctl audit -verify, the
// staff audit screen), which an edit further back fails.
func verifyTail(tx *Txn, a anchor) error {
	if a.Seq == 0 {
		return nil
	}
	n, prev := a.Seq-1, ""
	err := tx.Range(auditPrefix, auditKey(a.Seq), nil, func(k, v []byte) error {
		var e AuditEntry
		if err := json.Unmarshal(v, &e); err != nil {
			return fmt.Errorf("%w at entry %d: %v", ErrAuditBroken, n+1, err)
		}
		if e.Seq != n+1 || string(k) != string(auditKey(e.Seq)) {
			return fmt.Errorf("%w: entry %d missing or out of place", ErrAuditBroken, n+1)
		}
		switch {
		case e.digest() != e.Hash:
			return fmt.Errorf("%w: entry %d altered", ErrAuditBroken, e.Seq)
		case e.Seq == a.Seq && e.Hash != a.Hash:
			return fmt.Errorf("%w: entry %d is not the one its anchor records (the log was rewritten)", ErrAuditBroken, a.Seq)
		case e.Seq > a.Seq && e.Prev != prev:
			return fmt.Errorf("%w: entry %d altered", ErrAuditBroken, e.Seq)
		}
		prev, n = e.Hash, e.Seq
		return nil
	})
	if err != nil {
		return corrupt(CauseAuditBroken, err)
	}
	if n < a.Seq {
		return corrupt(CauseAuditTail, fmt.Errorf("%w: the log ends at entry %d but its anchor records entry %d", ErrAuditBroken, n, a.Seq))
	}
	return nil
}
