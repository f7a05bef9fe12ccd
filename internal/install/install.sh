#!/usr/bin/env bash
# Installs or updates the kiosk (make install): the two programs, the X
# session and its systemd unit, the desktop entry and icon, and the
# startup-kiosk system user (sysusers.d) with its 0700 home (tmpfiles.d).
#
#   install.sh BINDIR        BINDIR holds kiosk and kioskctl as built
#
# DESTDIR (default empty) stages the files under another root, as a package
# build does; only a real install (no DESTDIR, as root) creates the user,
# enables the unit and, on an update, stops the running kiosk cleanly
# (SIGTERM: it closes its store), backs its data up with the kioskctl already
# installed (which knows the data's schema), replaces the programs and
# starts it again; the new version migrates the data at its first start. A
# failed backup stops the update with nothing replaced; whatever fails once
# the kiosk is stopped, the kiosk that was running is started again.
# PREFIX (default /usr/local) must be /usr/local or /usr for systemd to find
# the unit, the user and the home.
#
# Rehearsal only (internal/install's live test runs the real update against
# a scratch system with stand-ins for systemctl and the systemd tools):
# KIOSK_HOME (default /var/lib/startup-kiosk) is the home whose data is
# backed up, and KIOSK_USER (default startup-kiosk) the user the backup runs
# as and its folder belongs to. The installed unit, sysusers.d and
# tmpfiles.d files still name the real ones: never set them on the kiosk PC.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
bindir=${1:?usage: install.sh BINDIR}
prefix=${PREFIX:-/usr/local}
dest=${DESTDIR:-}
unit=startup-kiosk.service
user=${KIOSK_USER:-startup-kiosk}
home=${KIOSK_HOME:-/var/lib/startup-kiosk}
app_id=kr.go.ydp.startupcentre.kiosk

live=
if [[ -z $dest && $(id -u) == 0 ]]; then
	live=1
fi

# subst FILE: the file with @PREFIX@ replaced, on stdout.
subst() { sed "s|@PREFIX@|$prefix|g" "$1"; }

# put MODE SRC DST: installs SRC (already substituted on stdin when SRC is -)
# at $dest$DST.
put() {
	local mode=$1 src=$2 dst=$dest$3
	install -d -m 0755 "$(dirname "$dst")"
	if [[ $src == - ]]; then
		install -m "$mode" /dev/stdin "$dst"
	else
		install -m "$mode" "$src" "$dst"
	fi
}

# Once the running kiosk is stopped, whatever fails (the backup, a copy on a
# full disk, a systemd tool) starts it again on the way out: an update that
# did not finish must not leave the front desk without its kiosk.
restart=
start_again() {
	if [[ $? != 0 && $restart ]]; then
		echo "install: the update failed; starting the kiosk again, as it was running" >&2
		systemctl start "$unit" || true
	fi
}
trap start_again EXIT
# A kiosk that is between two starts (Restart=always after a crash) is
# "activating", one still stopping "deactivating": either is stopped too,
# or it would hold or take the data directory's lock during the backup.
state=
if [[ $live ]]; then
	state=$(systemctl is-active "$unit" 2>/dev/null) || true
fi
case $state in
active | activating | reloading | deactivating)
	echo "install: stopping the running kiosk (SIGTERM)"
	restart=1 # even if the stop itself fails or times out
	systemctl stop "$unit"
	;;
esac
# The backups folder is the kiosk user's, in its home: made by that user,
# never by root through a link the user could have planted there.
backups=$home/backups
if [[ $live && -d $home/data && ! -x $prefix/bin/kioskctl ]]; then
	# Data from an install under another PREFIX, or restored by hand: the
	# new kioskctl would migrate it while backing it up.
	echo "install: warning: $home/data is there but no kioskctl is installed in $prefix/bin to back it up with; no backup was taken" >&2
fi
if [[ $live && -d $home/data && -x $prefix/bin/kioskctl ]]; then
	backup=$backups/pre-update-$(date +%Y%m%d-%H%M%S).kbak
	echo "install: backing up $home/data to $backup"
	if [[ -L $backups ]] || ! runuser -u "$user" -- mkdir -p -m 0700 "$backups" ||
		! runuser -u "$user" -- chmod 0700 "$backups" ||
		! runuser -u "$user" -- "$prefix/bin/kioskctl" -data "$home/data" backup -o "$backup"; then
		echo "install: the backup failed; nothing was replaced" >&2
		exit 1
	fi
	# The newest five are kept: the data disk is the kiosk's too.
	# shellcheck disable=SC2012 # the names are ours: no blanks nor newlines
	ls -1t "$backups"/pre-update-*.kbak | tail -n +6 | xargs -r rm -f --
fi

put 0755 "$bindir/kiosk" "$prefix/bin/startup-kiosk"
put 0755 "$bindir/kioskctl" "$prefix/bin/kioskctl"
subst "$here/session" | put 0755 - "$prefix/lib/startup-kiosk/session"
put 0755 "$here/stop" "$prefix/lib/startup-kiosk/stop"
subst "$here/startup-kiosk.service" | put 0644 - "$prefix/lib/systemd/system/$unit"
put 0644 "$here/sysusers.conf" "$prefix/lib/sysusers.d/startup-kiosk.conf"
put 0644 "$here/tmpfiles.conf" "$prefix/lib/tmpfiles.d/startup-kiosk.conf"
subst "$here/startup-kiosk.desktop" | put 0644 - "$prefix/share/applications/$app_id.desktop"
put 0644 "$top/assets/icon.png" "$prefix/share/pixmaps/$app_id.png"
put 0644 "$top/README.md" "$prefix/share/doc/startup-kiosk/README.md"

if [[ $live ]]; then
	systemd-sysusers "$prefix/lib/sysusers.d/startup-kiosk.conf"
	systemd-tmpfiles --create "$prefix/lib/tmpfiles.d/startup-kiosk.conf"
	systemctl daemon-reload
	systemctl enable "$unit"
	if [[ $restart ]]; then
		restart= # started here, not again on the way out
		echo "install: starting the kiosk again"
		systemctl start "$unit"
	else
		echo "install: done; start it with: systemctl start $unit (it starts at every boot)"
	fi
fi
