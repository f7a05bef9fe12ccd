package store

import "errors"

// GetOr decodes the value at key over def, so that fields added since the
// value was stored keep def's values; def when there is none.
func GetOr[T any](tx *Txn, key []byte, def T) (T, error) {
	v := def
	err := tx.Get(key, &v)
	if errors.Is(err, ErrNotFound) {
		return def, nil
	}
	return v, err
}

// ReadOr is GetOr in a read transaction of its own.
func ReadOr[T any](db *DB, key []byte, def T) (T, error) {
	v := def
	err := db.View(func(tx *Txn) error {
		var err error
		v, err = GetOr(tx, key, def)
		return err
	})
	return v, err
}
