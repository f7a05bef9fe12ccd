//go:build !unix

package folder

// Device is unknown off Unix: a folder is never taken for a stick's mount
// point there.
func Device(string) (uint64, bool) { return 0, false }
