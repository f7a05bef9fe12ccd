package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/dgraph-io/badger/v4"
)

// Txn is a transaction handed to View and Update closures. Values are JSON.
type Txn struct {
	btx      *badger.Txn
	readOnly bool
	notes    []string
	// ov, in a Bulk, holds the writes made so far: reads see them, the
	// snapshot underneath is not written.
	ov *overlay
}

// Get decodes the value at key into v; ErrNotFound when there is none.
func (t *Txn) Get(key []byte, v any) error {
	raw, err := t.GetRaw(key)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("store: decode %q: %w", key, err)
	}
	return nil
}

// GetRaw returns a copy of the value at key; ErrNotFound when there is none.
func (t *Txn) GetRaw(key []byte) ([]byte, error) {
	if t.ov != nil {
		if v, ok := t.ov.m[string(key)]; ok {
			if v.deleted {
				return nil, ErrNotFound
			}
			return bytes.Clone(v.val), nil
		}
	}
	item, err := t.btx.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	var val []byte
	err = itemValue(item, func(v []byte) error { val = bytes.Clone(v); return nil })
	return val, err
}

// itemValue is item.Value, except that a value Badger could not read is an
// error. Badger logs a value it cannot read from the value log (a checksum
// that fails, a file gone) and hands back an empty value with no error; a
// value stored there is at least ValueThreshold bytes long, so an empty
// one where the entry says otherwise is that.
func itemValue(item *badger.Item, fn func(v []byte) error) error {
	return item.Value(func(v []byte) error {
		if len(v) == 0 && item.ValueSize() > 32 {
			return fmt.Errorf("%w: the value of %q (%d bytes) cannot be read", ErrCorrupt, item.Key(), item.ValueSize())
		}
		return fn(v)
	})
}

// Has reports whether key exists (and records the read for conflict detection).
func (t *Txn) Has(key []byte) (bool, error) {
	if t.ov != nil {
		if v, ok := t.ov.m[string(key)]; ok {
			return !v.deleted, nil
		}
	}
	_, err := t.btx.Get(key)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	return err == nil, err
}

// Put stores v as JSON at key.
func (t *Txn) Put(key []byte, v any) error {
	raw, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("store: encode %q: %w", key, err)
	}
	return t.PutRaw(key, raw)
}

// PutRaw stores raw bytes at key.
func (t *Txn) PutRaw(key, val []byte) error {
	if t.readOnly {
		return ErrReadOnly
	}
	if t.ov != nil {
		t.ov.m[string(key)] = overlayValue{val: bytes.Clone(val)}
		return nil
	}
	return t.btx.Set(bytes.Clone(key), bytes.Clone(val))
}

// Delete removes key.
func (t *Txn) Delete(key []byte) error {
	if t.readOnly {
		return ErrReadOnly
	}
	if t.ov != nil {
		t.ov.m[string(key)] = overlayValue{deleted: true}
		return nil
	}
	return t.btx.Delete(bytes.Clone(key))
}

// Note adds a line to the audit entry of this write. Never put personal data
// (names, phone numbers, birth dates) in a note.
func (t *Txn) Note(format string, a ...any) {
	t.notes = append(t.notes, fmt.Sprintf(format, a...))
}

// Scan calls fn for every key with prefix, in key order; the slices are only
// valid during the call. fn returning ErrStop ends the scan early.
func (t *Txn) Scan(prefix []byte, fn func(key, val []byte) error) error {
	return t.Range(prefix, nil, nil, fn)
}

// Range calls fn for keys from start (inclusive) to end (exclusive; nil means
// no end) that carry prefix, in key order.
func (t *Txn) Range(prefix, start, end []byte, fn func(key, val []byte) error) error {
	if t.ov != nil {
		return t.rangeOverlay(prefix, start, end, fn)
	}
	opt := badger.DefaultIteratorOptions
	opt.Prefix = prefix
	opt.PrefetchValues = false
	it := t.btx.NewIterator(opt)
	defer it.Close()
	// A start before the prefix would land on a key without it and end
	// the scan at once: every key with the prefix is at or after it.
	if start == nil || bytes.Compare(start, prefix) < 0 {
		start = prefix
	}
	for it.Seek(start); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		k := item.Key()
		if end != nil && bytes.Compare(k, end) >= 0 {
			break
		}
		var err error
		if verr := itemValue(item, func(v []byte) error { err = fn(k, v); return nil }); verr != nil {
			return verr
		}
		if errors.Is(err, ErrStop) {
			return nil
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Last returns a copy of the greatest key with prefix and its value, or
// ErrNotFound.
func (t *Txn) Last(prefix []byte) (key, val []byte, err error) {
	if t.ov != nil {
		return t.lastOverlay(prefix, nil)
	}
	opt := badger.DefaultIteratorOptions
	opt.Reverse = true
	opt.Prefix = prefix
	opt.PrefetchValues = false // one value is read, not a hundred
	it := t.btx.NewIterator(opt)
	defer it.Close()
	seek := append(bytes.Clone(prefix), 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff)
	it.Seek(seek)
	if !it.ValidForPrefix(prefix) {
		return nil, nil, ErrNotFound
	}
	item := it.Item()
	err = itemValue(item, func(v []byte) error { val = bytes.Clone(v); return nil })
	return item.KeyCopy(nil), val, err
}

// ErrStop ends a Scan or Range early without an error.
var ErrStop = errors.New("store: stop scan")

// CountKeys counts the keys below prefix (store.Prefix form), for checks
// and tests.
func (db *DB) CountKeys(prefix []byte) (int, error) {
	n := 0
	err := db.View(func(tx *Txn) error {
		return tx.Scan(prefix, func(_, _ []byte) error { n++; return nil })
	})
	return n, err
}

// LastBefore returns a copy of the greatest key with prefix that sorts
// before bound, and its value, or ErrNotFound.
func (t *Txn) LastBefore(prefix, bound []byte) (key, val []byte, err error) {
	if t.ov != nil {
		return t.lastOverlay(prefix, bound)
	}
	// A bound past every key with the prefix would land on a key without
	// it and end the search at once.
	if bytes.Compare(bound, prefix) > 0 && !bytes.HasPrefix(bound, prefix) {
		return t.Last(prefix)
	}
	opt := badger.DefaultIteratorOptions
	opt.Reverse = true
	opt.Prefix = prefix
	opt.PrefetchValues = false // one value is read, not a hundred
	it := t.btx.NewIterator(opt)
	defer it.Close()
	// A reverse Seek lands on the greatest key <= its argument; bound itself
	// is excluded below.
	for it.Seek(bound); it.ValidForPrefix(prefix); it.Next() {
		item := it.Item()
		if bytes.Compare(item.Key(), bound) >= 0 {
			continue
		}
		err = itemValue(item, func(v []byte) error { val = bytes.Clone(v); return nil })
		return item.KeyCopy(nil), val, err
	}
	return nil, nil, ErrNotFound
}

// rangeOverlay is Range in a Bulk: the snapshot's keys merged with the
// overlay's, the overlay winning.
func (t *Txn) rangeOverlay(prefix, start, end []byte, fn func(key, val []byte) error) error {
	if start == nil {
		start = prefix
	}
	mine := t.ov.sortedKeys(prefix, start, end)
	under := Txn{btx: t.btx, readOnly: true}
	emit := func(k, v []byte) (bool, error) {
		err := fn(k, v)
		if errors.Is(err, ErrStop) {
			return true, nil
		}
		return err != nil, err
	}
	flushBefore := func(k []byte) (bool, error) {
		for len(mine) > 0 && (k == nil || mine[0] < string(k)) {
			v := t.ov.m[mine[0]]
			key := []byte(mine[0])
			mine = mine[1:]
			if v.deleted {
				continue
			}
			if stop, err := emit(key, v.val); stop || err != nil {
				return true, err
			}
		}
		return false, nil
	}
	stopped := false
	err := under.Range(prefix, start, end, func(k, v []byte) error {
		stop, err := flushBefore(k)
		if stop || err != nil {
			stopped = true
			if err == nil {
				return ErrStop
			}
			return err
		}
		if _, mineToo := t.ov.m[string(k)]; mineToo {
			return nil // the overlay's value comes in its turn
		}
		stop, err = emit(k, v)
		if stop && err == nil {
			stopped = true
			return ErrStop
		}
		return err
	})
	if err != nil || stopped {
		return err
	}
	_, err = flushBefore(nil)
	return err
}

// lastOverlay is Last / LastBefore in a Bulk, by a forward scan.
func (t *Txn) lastOverlay(prefix, bound []byte) (key, val []byte, err error) {
	err = t.rangeOverlay(prefix, nil, bound, func(k, v []byte) error {
		key, val = bytes.Clone(k), bytes.Clone(v)
		return nil
	})
	if err == nil && key == nil {
		err = ErrNotFound
	}
	return key, val, err
}
