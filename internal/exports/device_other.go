//go:build !unix

package exports

// device is unknown off Unix: a folder is never taken for a stick's mount
// point there.
func device(string) (uint64, bool) { return 0, false }
