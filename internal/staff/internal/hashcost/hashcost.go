// Package hashcost lets a test binary make the staff package's new argon2id
// hashes cheap, so that suites enrolling many members stay fast under the
// race detector. Go's internal rule lets only internal/staff and its
// subpackages import it; of those only stafftest calls Lower, and it refuses
// to outside a test binary. The kiosk's own hashing never changes.
package hashcost

import "sync/atomic"

var lowered atomic.Bool

// Lower makes every hash made from now on in this process cheap.
func Lower() { lowered.Store(true) }

// Lowered reports whether Lower was called.
func Lowered() bool { return lowered.Load() }
