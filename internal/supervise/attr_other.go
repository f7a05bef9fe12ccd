//go:build !linux

package supervise

import "syscall"

func childAttr() *syscall.SysProcAttr { return nil }
