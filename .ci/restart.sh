#!/usr/bin/env bash
# The kiosk comes back after a crash, with its store intact: the installed
# unit's Restart=always, tried under a process supervisor CI can start
# without systemd as PID 1 — daemontools' supervise, which like the unit
# starts the program again whenever it ends (1 s apart). Its run script is
# the unit's session without Xorg: the kiosk on the data directory, on our
# Xvfb.
#
#   1. kioskctl books two rooms (the kiosk is not running: one process per
#      directory) and issues a pass for each;
#   2. supervise starts the kiosk; its window shows;
#   3. five times: SIGKILL, alternately to the kiosk's supervisor process and
#      to the kiosk itself (each runs as the other's child, see
#      internal/supervise); a new kiosk with a new pid must show its window;
#   4. svc -dx stops it with SIGTERM; kioskctl then finds the audit chain
#      whole and both bookings, whose passes still check in.
#
# Needs bin/kiosk, bin/kioskctl (make build), Xvfb, xdotool, daemontools.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source .ci/lib.sh

KIOSK_BIN=$PWD/${KIOSK_BIN:-bin/kiosk}
KIOSKCTL_BIN=$PWD/${KIOSKCTL_BIN:-bin/kioskctl}
# The kiosk's own window: "cannot start" (a damaged store) has a longer title.
WINDOW_NAME=${WINDOW_NAME:-^창업지원센터 키오스크\$}
KILLS=${RESTART_KILLS:-5}
WINDOW_TIMEOUT=60

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-restart.XXXXXX")
FAIL_LOG=$WORK/kiosk.err
SUPERVISE_PID=""
finish() {
	local rc=$?
	if [[ -n $SUPERVISE_PID ]] && alive "$SUPERVISE_PID"; then
		svc -dx "$WORK/service" 2>/dev/null || true
		for ((i = 0; i < 200 && ${#SUPERVISE_PID} > 0; i++)); do
			alive "$SUPERVISE_PID" || break
			nap 0.05
		done
		kill -9 "$SUPERVISE_PID" 2>/dev/null || true
	fi
	pkill -9 -f "^$KIOSK_BIN -data $WORK/data" 2>/dev/null || true
	cleanup_children
	rm -rf "$WORK"
	echo "restart: $PASSED passed, $([[ $rc == 0 ]] && echo 0 || echo 1) failed"
	exit "$rc"
}
trap finish EXIT

require_bin "$KIOSK_BIN" || fail "$KIOSK_BIN missing"
require_bin "$KIOSKCTL_BIN" || fail "$KIOSKCTL_BIN missing"
require_tools Xvfb xdotool supervise svc || fail "tools missing"
start_xvfb || fail "Xvfb did not start"

DATA=$WORK/data
ctl() { "$KIOSKCTL_BIN" -data "$DATA" -json "$@"; }
first=$(ctl book -room seminar -from "$(date -d tomorrow +%F)T10:00" -to "$(date -d tomorrow +%F)T12:00" -name 홍길동 -phone 010-1234-5678)
second=$(ctl book -room meeting -from "$(date -d tomorrow +%F)T13:00" -to "$(date -d tomorrow +%F)T14:00" -name 김하나 -phone 010-2222-3333)
ids=()
for b in "$first" "$second"; do
	id=$(sed -E 's/.*"id":"([^"]+)".*/\1/' <<<"$b")
	ctl pay -booking "$id" >/dev/null
	ids+=("$id")
done
pass "two bookings made and paid with kioskctl (${ids[*]})"

mkdir -p "$WORK/service"
cat >"$WORK/service/run" <<RUN
#!/bin/sh
exec env -u LC_ALL -u LC_MESSAGES LANG=ko_KR.UTF-8 DISPLAY=$DISPLAY XDG_CONFIG_HOME=$WORK/config \
	$KIOSK_BIN -data $DATA 2>>$WORK/kiosk.err
RUN
chmod +x "$WORK/service/run"
supervise "$WORK/service" >"$WORK/supervise.log" 2>&1 &
SUPERVISE_PID=$!

# kiosk_pids: "SUPERVISOR CHILD" of the kiosk now running under supervise.
kiosk_pids() {
	local parent child
	parent=$(pgrep -P "$SUPERVISE_PID" -f "$KIOSK_BIN" | head -n 1) || return 1
	child=$(pgrep -P "$parent" -f "$KIOSK_BIN" | head -n 1) || return 1
	echo "$parent $child"
}

# wait_up OLD: waits for a kiosk whose pids differ from OLD, with its window.
wait_up() {
	local old=$1 pids limit
	now_us
	limit=$((NOW_US + WINDOW_TIMEOUT * 1000000))
	while :; do
		# The window must be the new kiosk's own (_NET_WM_PID), not the
		# killed one's on its way out.
		if pids=$(kiosk_pids) && [[ $pids != "$old" ]] &&
			xdotool search --onlyvisible --pid "${pids#* }" --name "$WINDOW_NAME" >/dev/null 2>&1; then
			UP=$pids
			return 0
		fi
		now_us
		((NOW_US < limit)) || return 1
		nap 0.05
	done
}

wait_up "" || fail "the kiosk's window did not show under supervise"
pass "started under supervise (pids $UP)"
for ((k = 1; k <= KILLS; k++)); do
	read -r parent child <<<"$UP"
	if ((k % 2)); then victim=$child what="the kiosk"; else victim=$parent what="its supervisor process"; fi
	kill -9 "$victim"
	old=$UP
	wait_up "$old" || fail "kill $k ($what, pid $victim): no new kiosk within ${WINDOW_TIMEOUT} s"
	read -r parent child <<<"$UP"
	for p in ${old}; do
		alive "$p" && fail "kill $k: pid $p of the killed kiosk still runs"
	done
	pass "kill $k ($what, pid $victim): back as pids $UP, window shown"
done

svc -dx "$WORK/service"
for ((i = 0; i < 600; i++)); do
	alive "$SUPERVISE_PID" || break
	nap 0.05
done
alive "$SUPERVISE_PID" && fail "supervise did not stop"
SUPERVISE_PID=""
pgrep -f "^$KIOSK_BIN -data $DATA" >/dev/null && fail "a kiosk still runs after svc -dx"

verify=$(ctl audit -verify) || fail "audit -verify after the kills: $verify"
[[ $verify == *'"ok":true'* ]] || fail "audit chain after the kills: $verify"
for id in "${ids[@]}"; do
	ctl pass -booking "$id" >/dev/null || fail "booking $id has no pass after the kills"
done
pass "after $KILLS kills: audit chain whole ($verify), both bookings and their passes there"
