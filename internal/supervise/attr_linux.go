package supervise

import "syscall"

// childAttr makes the child die with its supervisor, so a supervisor
// killed by SIGKILL never leaves a kiosk running unsupervised.
func childAttr() *syscall.SysProcAttr {
	return &syscall.SysProcAttr{Pdeathsig: syscall.SIGKILL}
}
