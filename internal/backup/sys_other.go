//go:build !unix

package backup

import "errors"

// errNotEmptySys: off Unix, renaming over a folder fails with ErrExist.
var errNotEmptySys = errors.New("backup: folder not empty")
