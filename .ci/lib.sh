# Shared helpers for the scripts in .ci. Source it, don't run it.
#
# It gives each script its own Xvfb display, starts GUI programs on it, waits
# for their windows with a tight poll, and stops them with SIGTERM.
# The sourcing script must set WORK (a temp dir) before calling start_xvfb.
# shellcheck shell=bash

# pass MSG, fail MSG: a check's outcome, counted in PASSED and FAILED. fail
# shows the end of FAIL_LOG (a program's stderr, when the script set it and
# it is not empty) and exits 1.
PASSED=0
FAILED=0
pass() {
	PASSED=$((PASSED + 1))
	echo "PASS: $*"
}
fail() {
	FAILED=$((FAILED + 1))
	echo "FAIL: $*"
	if [[ -n ${FAIL_LOG:-} && -s $FAIL_LOG ]]; then
		tail -n 20 "$FAIL_LOG"
	fi
	exit 1
}

# CHILDREN: pids of programs started by start_app, still to be reaped. The
# EXIT trap (cleanup_children) kills the ones still running.
CHILDREN=()
XVFB_PID=""

# now_us sets NOW_US to the wall clock in microseconds, without forking.
# EPOCHREALTIME has a locale-dependent decimal separator, so keep digits only.
now_us() { NOW_US=${EPOCHREALTIME//[!0-9]/}; }

# nap sleeps ~5 ms (or $1 s) without forking: read -t on a FIFO that we hold
# open for writing ourselves, so it never sees data nor EOF.
NAP_FD=""
nap() {
	if [[ -z $NAP_FD ]]; then
		mkfifo "$WORK/nap.fifo"
		exec {NAP_FD}<>"$WORK/nap.fifo"
	fi
	read -r -t "${1:-0.005}" -u "$NAP_FD" _ || true
}

# alive PID: true while the process runs (a zombie, exited but not yet
# reaped by wait, counts as dead; kill -0 would call it alive).
alive() {
	local stat
	read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
	stat=${stat##*) }
	[[ ${stat%% *} != Z ]]
}

require_tools() {
	local t missing=()
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 || missing+=("$t")
	done
	if (( ${#missing[@]} )); then
		echo "FAIL: missing tools: ${missing[*]} (run: make test-deps)" >&2
		return 1
	fi
}

require_bin() {
	if [[ ! -x $1 ]]; then
		echo "FAIL: $1 not found or not executable (run: make build)" >&2
		return 1
	fi
}

# IMCONVERT: ImageMagick's convert (the real one when /usr/bin has it).
IMCONVERT=convert
[[ -x /usr/bin/convert ]] && IMCONVERT=/usr/bin/convert

# start_xvfb: starts Xvfb on the first free display in :XVFB_FIRST..:XVFB_LAST
# (default :91..:120) and exports DISPLAY. Skips numbers that have a socket or
# a lock file, and moves on if Xvfb dies (someone else took the number first).
start_xvfb() {
	local n i screen=${XVFB_SCREEN:-1280x800x24}
	for ((n = ${XVFB_FIRST:-91}; n <= ${XVFB_LAST:-120}; n++)); do
		[[ -e /tmp/.X11-unix/X$n || -e /tmp/.X$n-lock ]] && continue
		Xvfb ":$n" -screen 0 "$screen" -nolisten tcp -noreset >"$WORK/xvfb-$n.log" 2>&1 &
		XVFB_PID=$!
		for ((i = 0; i < 200; i++)); do # up to ~10 s
			alive "$XVFB_PID" || break
			if [[ -S /tmp/.X11-unix/X$n ]] && DISPLAY=":$n" xdotool getdisplaygeometry >/dev/null 2>&1; then
				export DISPLAY=":$n"
				echo "xvfb: display $DISPLAY ($screen), pid $XVFB_PID"
				return 0
			fi
			nap 0.05
		done
		kill "$XVFB_PID" 2>/dev/null || true
		wait "$XVFB_PID" 2>/dev/null || true
		XVFB_PID=""
	done
	echo "FAIL: no free X display in :${XVFB_FIRST:-91}..:${XVFB_LAST:-120}, or Xvfb does not start" >&2
	tail -n 20 "$WORK"/xvfb-*.log 2>/dev/null >&2 || true
	return 1
}

stop_xvfb() {
	if [[ -n $XVFB_PID ]]; then
		kill "$XVFB_PID" 2>/dev/null || true
		wait "$XVFB_PID" 2>/dev/null || true
		XVFB_PID=""
	fi
}

# start_app LOG BIN ARGS...: starts a GUI program on our display in the
# background, its stderr going to LOG.err and its stdout to LOG.out; sets APP_PID and
# APP_START_US (taken just before the start). The program gets a Korean locale
# (LC_ALL/LC_MESSAGES would override LANG, so they are dropped) and, when
# APP_CONFIG_HOME is set, its own XDG_CONFIG_HOME so runs don't share Fyne
# preferences with the user's.
start_app() {
	local log=$1
	shift
	local env=(env -u LC_ALL -u LC_MESSAGES LANG=ko_KR.UTF-8 DISPLAY="$DISPLAY")
	[[ -n ${APP_CONFIG_HOME:-} ]] && env+=(XDG_CONFIG_HOME="$APP_CONFIG_HOME")
	now_us
	APP_START_US=$NOW_US
	"${env[@]}" "$@" >"$log.out" 2>"$log.err" </dev/null &
	APP_PID=$!
	CHILDREN+=("$APP_PID")
}

# wait_window NAME PID TIMEOUT_S: polls `xdotool search --onlyvisible --name
# NAME` every ~5 ms (xdotool's own --sync polls far more slowly). Sets
# WINDOW_US to the time it was first seen. Returns 0 once visible, 1 if the
# process exited first, 2 on timeout.
wait_window() {
	local name=$1 pid=$2 limit_us=$(($3 * 1000000)) start
	now_us
	start=$NOW_US
	while :; do
		if xdotool search --onlyvisible --name "$name" >/dev/null 2>&1; then
			now_us
			WINDOW_US=$NOW_US
			return 0
		fi
		alive "$pid" || return 1
		now_us
		((NOW_US - start < limit_us)) || return 2
		nap
	done
}

# wait_exit PID TIMEOUT_S: waits for the process to exit and sets EXIT_RC.
# Returns 1 (process left running) on timeout.
wait_exit() {
	local pid=$1 limit_us=$(($2 * 1000000)) start
	now_us
	start=$NOW_US
	while alive "$pid"; do
		now_us
		((NOW_US - start < limit_us)) || return 1
		nap 0.02
	done
	EXIT_RC=0
	wait "$pid" || EXIT_RC=$?
	forget_child "$pid"
}

# stop_app PID TIMEOUT_S: SIGTERM, then wait_exit; on timeout kill -9 and
# return 1. EXIT_RC is the exit status (137 after a kill -9).
stop_app() {
	local pid=$1
	kill -TERM "$pid" 2>/dev/null || true
	if wait_exit "$pid" "$2"; then
		return 0
	fi
	kill -KILL "$pid" 2>/dev/null || true
	EXIT_RC=0
	wait "$pid" 2>/dev/null || EXIT_RC=$?
	forget_child "$pid"
	return 1
}

forget_child() {
	local i
	for i in "${!CHILDREN[@]}"; do
		[[ ${CHILDREN[$i]} == "$1" ]] && unset 'CHILDREN[i]'
	done
	return 0
}

# cleanup_children: for the EXIT trap. Kills what start_app started and is
# still running (TERM, then KILL after 3 s), then Xvfb.
cleanup_children() {
	local pid waited=0
	for pid in "${CHILDREN[@]}"; do
		kill -TERM "$pid" 2>/dev/null || true
	done
	for pid in "${CHILDREN[@]}"; do
		while alive "$pid" && ((waited < 150)); do
			nap 0.02
			waited=$((waited + 1))
		done
		kill -KILL "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	CHILDREN=()
	stop_xvfb
	if [[ -n $NAP_FD ]]; then
		exec {NAP_FD}>&-
		NAP_FD=""
	fi
}

# vmrss_kib PID: prints VmRSS of the process in KiB.
vmrss_kib() {
	local key val _
	while read -r key val _; do
		if [[ $key == VmRSS: ]]; then
			echo "$val"
			return 0
		fi
	done <"/proc/$1/status"
	return 1
}

# median: prints the median of the numbers on stdin (mean of the middle two
# for an even count).
median() {
	sort -g | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "nan"; exit }
		if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
