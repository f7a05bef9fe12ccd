// Package install holds what `make install` puts on the front-desk PC — the
// systemd unit of the kiosk's X session, the session script, the system
// user (sysusers.d) and its home (tmpfiles.d), the desktop entry — and the
// scripts that install and remove them (install.sh, uninstall.sh); its
// tests lay the installation out under a temporary DESTDIR and check it,
// and, as root, run the live update on a scratch system (live_test.go).
package install
