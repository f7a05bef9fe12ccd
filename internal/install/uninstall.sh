#!/usr/bin/env bash
# Removes what install.sh installed (make uninstall), honouring DESTDIR and
# PREFIX. The data in /var/lib/startup-kiosk and the startup-kiosk user are
# kept: remove them by hand (userdel -r startup-kiosk) once the data is
# backed up or no longer needed.
set -euo pipefail
prefix=${PREFIX:-/usr/local}
dest=${DESTDIR:-}
unit=startup-kiosk.service
app_id=kr.go.ydp.startupcentre.kiosk
if [[ -z $dest && $(id -u) == 0 ]] && systemctl cat "$unit" >/dev/null 2>&1; then
	systemctl disable --now "$unit" || true
fi
rm -f "$dest$prefix/bin/startup-kiosk" "$dest$prefix/bin/kioskctl" \
	"$dest$prefix/lib/startup-kiosk/session" "$dest$prefix/lib/startup-kiosk/stop" \
	"$dest$prefix/lib/systemd/system/$unit" \
	"$dest$prefix/lib/sysusers.d/startup-kiosk.conf" \
	"$dest$prefix/lib/tmpfiles.d/startup-kiosk.conf" \
	"$dest$prefix/share/applications/$app_id.desktop" \
	"$dest$prefix/share/pixmaps/$app_id.png" \
	"$dest$prefix/share/doc/startup-kiosk/README.md"
rmdir "$dest$prefix/lib/startup-kiosk" "$dest$prefix/share/doc/startup-kiosk" 2>/dev/null || true
if [[ -z $dest && $(id -u) == 0 ]]; then
	systemctl daemon-reload || true
fi
echo "uninstall: done; the data in /var/lib/startup-kiosk and the user startup-kiosk are kept"
