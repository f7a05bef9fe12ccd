//go:build !unix

package backup

import "errors"

// errNotEmptySys: off Unix, renaming over a folder fails with ErrExist.
var errNotEmptySys = errors.New("backup: folder not empty")

// holdLock does nothing off Unix.
func holdLock(string) (func(), error) { return func() {}, nil }

// abandoned is never sure off Unix: leftovers stay.
func abandoned(string) bool { return false }
