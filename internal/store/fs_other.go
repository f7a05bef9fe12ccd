//go:build !unix

package store

import "io/fs"

// lockDir leaves the locking to Badger where flock is not available.
func lockDir(string) (func(), error) { return func() {}, nil }

func freeBytes(string) (int64, bool) { return 0, false }

func blocksOf(fs.FileInfo) (int64, bool) { return 0, false }
