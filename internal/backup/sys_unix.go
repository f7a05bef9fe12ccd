//go:build unix

package backup

import "syscall"

// errNotEmptySys is what renaming over a folder that is not empty gives.
var errNotEmptySys error = syscall.ENOTEMPTY
