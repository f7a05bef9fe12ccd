//go:build unix

package store

import "syscall"

func privateUmask() { syscall.Umask(0o077) }
