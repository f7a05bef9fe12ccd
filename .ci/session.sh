#!/usr/bin/env bash
# The installed X session, started and stopped the way startup-kiosk.service
# does it, with Xvfb standing in for Xorg (CI has neither a GPU nor systemd
# as PID 1):
#
#   1. install.sh stages the programs and the session and stop scripts
#      under a scratch PREFIX (DESTDIR=/, so nothing is enabled);
#   2. xinit runs the installed session on Xvfb, with a scratch HOME whose
#      data directory kioskctl filled with a booking first; the kiosk's own
#      window must show (not the "cannot start" one);
#   3. the unit's ExecStop line, read from the installed unit, runs with
#      $MAINPID set to xinit's pid: the kiosk must say that it closed its
#      data, xinit must end with status 0 well within TimeoutStopSec, and
#      kioskctl must then find the audit chain whole and the booking there.
#
# Needs bin/kiosk, bin/kioskctl (make build), xinit, Xvfb, xdotool, pkill.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source .ci/lib.sh

WINDOW_TITLE='^창업지원센터 키오스크$'
STOPPED='The kiosk stopped; its data is closed.'
WINDOW_TIMEOUT=60
STOP_TIMEOUT=30 # the unit's TimeoutStopSec

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-session.XXXXXX")
FAIL_LOG=$WORK/xinit.err
XINIT=""
finish() {
	local rc=$?
	if [[ -n $XINIT ]]; then
		kill -9 "$XINIT" 2>/dev/null || true
	fi
	pkill -9 -f "^$WORK/prefix/bin/startup-kiosk" 2>/dev/null || true
	cleanup_children
	rm -rf "$WORK"
	echo "session: $PASSED passed, $([[ $rc == 0 ]] && echo 0 || echo 1) failed"
	exit "$rc"
}
trap finish EXIT

require_bin bin/kiosk || fail "bin/kiosk missing"
require_bin bin/kioskctl || fail "bin/kioskctl missing"
require_tools xinit Xvfb xdotool pkill || fail "tools missing"

PREFIX=$WORK/prefix
DESTDIR=/ PREFIX=$PREFIX bash internal/install/install.sh bin >/dev/null
unit=$PREFIX/lib/systemd/system/startup-kiosk.service
stop_line=$(sed -n 's/^ExecStop=//p' "$unit")
# shellcheck disable=SC2016 # $MAINPID is systemd's, to be found as written
[[ $stop_line == *'$MAINPID'* ]] || fail "the unit has no ExecStop naming \$MAINPID: '$stop_line'"
pass "staged under $PREFIX; the unit stops with: $stop_line"

export HOME=$WORK/home
mkdir -m 0700 "$HOME"
day=$(date -d tomorrow +%F)
booked=$(bin/kioskctl -data "$HOME/data" -json book -room seminar -from "${day}T10:00" -to "${day}T12:00" -name 홍길동 -phone 010-1234-5678)
id=$(sed -n 's/.*"id":"\([^"]*\)".*/\1/p' <<<"$booked")
[[ -n $id ]] || fail "kioskctl book said: $booked"

display=""
for n in $(seq 91 119); do
	if [[ ! -e /tmp/.X11-unix/X$n && ! -e /tmp/.X$n-lock ]]; then
		display=:$n
		break
	fi
done
[[ -n $display ]] || fail "no free X display number"
xinit "$PREFIX/lib/startup-kiosk/session" -- "$(command -v Xvfb)" "$display" -screen 0 1280x800x24 -nolisten tcp \
	>"$WORK/xinit.out" 2>"$WORK/xinit.err" &
XINIT=$!
shown=0
for ((i = 0; i < WINDOW_TIMEOUT * 5; i++)); do
	if DISPLAY=$display xdotool search --onlyvisible --name "$WINDOW_TITLE" >/dev/null 2>&1; then
		shown=1
		break
	fi
	kill -0 "$XINIT" 2>/dev/null || fail "xinit ended before the kiosk's window showed"
	nap 0.2
done
((shown)) || fail "no window '$WINDOW_TITLE' within $WINDOW_TIMEOUT s"
pass "the installed session shows the kiosk's own window on $display"
nap 1

# What systemd runs on stop, $MAINPID being xinit. The stop script waits for
# xinit to end; here xinit is this shell's child, reaped by the wait below
# (systemd reaps it on the unit).
start=$SECONDS
(sleep "$STOP_TIMEOUT" && kill -9 "$XINIT" 2>/dev/null) &
watchdog=$!
bash -c "${stop_line//\$MAINPID/$XINIT}" &
stopper=$!
rc=0
wait "$XINIT" || rc=$?
XINIT=""
kill "$watchdog" 2>/dev/null || true
wait "$stopper" || fail "the stop script failed"
took=$((SECONDS - start))
((rc == 0)) || fail "xinit ended with status $rc after the stop (137: killed at the ${STOP_TIMEOUT} s timeout)"
pass "xinit ended with status 0, $took s after the stop began"
grep -qF "$STOPPED" "$WORK/xinit.err" || fail "the kiosk did not say it closed its data"
pass "the kiosk said: $(grep -F "$STOPPED" "$WORK/xinit.err")"
if grep -q -e 'panic:' -e 'XIO' -e 'DATA RACE' "$WORK/xinit.err"; then
	fail "panic, XIO error or data race in the session's output"
fi
pass "no panic, X I/O error nor data race in the session's output"

verify=$(bin/kioskctl -data "$HOME/data" -json audit -verify) || fail "audit -verify after the stop: $verify"
[[ $verify == *'"ok":true'* ]] || fail "audit chain after the stop: $verify"
bin/kioskctl -data "$HOME/data" -json pass -booking "$id" >/dev/null || fail "booking $id has no pass after the stop"
pass "after the stop: audit chain whole ($verify), the booking and its pass there"
