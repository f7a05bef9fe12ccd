//go:build unix

package folder

import "syscall"

// Device is the file system (device number) path lies on.
func Device(path string) (uint64, bool) {
	var st syscall.Stat_t
	if err := syscall.Stat(path, &st); err != nil {
		return 0, false
	}
	return uint64(st.Dev), true // Dev is narrower on some platforms
}
