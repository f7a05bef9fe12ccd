#!/usr/bin/env bash
# Startup and memory benchmark of the kiosk against bin/barewindow (a bare
# Fyne window: the floor any Fyne program pays), under its own Xvfb display.
#
# Both run in the same session, interleaved (kiosk, bare, kiosk, bare...),
# BENCH_RUNS times each, after one unmeasured warm-up run of each; the
# kiosk's warm-up also seeds its data dir (-data on a fresh temp dir), which
# the measured runs then reuse. The kiosk runs as a real kiosk: fullscreen.
#
#   startup_ms: from just before the process is started until
#               `xdotool search --onlyvisible --name NAME` first finds its
#               window, polled every ~5 ms (each poll costs a few ms more)
#   rss_mib:    VmRSS from /proc/PID/status BENCH_RSS_AFTER s after the start
#
# Prints the median of each and the ratio kiosk/bare; with BENCH_OUT set, also
# appends the two result lines to that file. It fails only on errors (a
# binary missing, a window that never shows, a process that won't stop on
# SIGTERM), never on the numbers.
#
# Environment (relative paths are taken from the repo root, where the
# script runs):
#   BENCH_RUNS        runs of each program (5)
#   BENCH_RSS_AFTER   seconds after start when RSS is read (5)
#   BENCH_OUT         file to append the result lines to
#   KIOSK_BIN         (bin/kiosk)      WINDOW_NAME       (창업지원센터)
#   BARE_BIN          (bin/barewindow) BARE_WINDOW_NAME  (barewindow)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source .ci/lib.sh

RUNS=${BENCH_RUNS:-5}
RSS_AFTER=${BENCH_RSS_AFTER:-5}
KIOSK_BIN=${KIOSK_BIN:-bin/kiosk}
WINDOW_NAME=${WINDOW_NAME:-창업지원센터}
BARE_BIN=${BARE_BIN:-bin/barewindow}
BARE_WINDOW_NAME=${BARE_WINDOW_NAME:-barewindow}
WINDOW_TIMEOUT=60
STOP_TIMEOUT=15

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-bench.XXXXXX")
finish() {
	local rc=$?
	cleanup_children
	rm -rf "$WORK"
	((rc == 0)) || echo "bench: FAILED (exit $rc)"
	exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

err() {
	echo "FAIL: $*" >&2
	exit 1
}

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || err "BENCH_RUNS must be a positive integer, not '$RUNS'"
require_bin "$KIOSK_BIN" || exit 1
require_bin "$BARE_BIN" || exit 1
require_tools Xvfb xdotool || exit 1
start_xvfb || exit 1
# Same fresh Fyne preferences for both, not the user's.
export APP_CONFIG_HOME=$WORK/config

DATA=$WORK/data
KIOSK_CMD=("$KIOSK_BIN" -data "$DATA")
BARE_CMD=("$BARE_BIN")

# run_one LABEL NAME MEASURE CMD...: starts CMD, waits for its window; when
# MEASURE is 1, records STARTUP_MS and RSS_KIB (read RSS_AFTER s after the
# start); then stops it with SIGTERM and waits for it.
run_one() {
	local label=$1 name=$2 measure=$3 rc=0 log
	shift 3
	log=$WORK/$label
	start_app "$log" "$@"
	wait_window "$name" "$APP_PID" "$WINDOW_TIMEOUT" || rc=$?
	if ((rc != 0)); then
		((rc == 1)) && { wait_exit "$APP_PID" 1 || true; }
		tail -n 30 "$log.err" >&2 || true
		if ((rc == 1)); then
			err "$label: exited with status ${EXIT_RC:-?} before its window '$name' showed"
		fi
		err "$label: no visible window '$name' within ${WINDOW_TIMEOUT} s"
	fi
	STARTUP_MS=$(((WINDOW_US - APP_START_US) / 1000))
	# Stay until RSS_AFTER s after the start (at least 1 s after the window
	# showed, which also keeps clear of a Fyne quit race on brand new windows).
	local until_us=$((APP_START_US + RSS_AFTER * 1000000)) min_us=$((WINDOW_US + 1000000))
	((until_us > min_us)) || until_us=$min_us
	now_us
	while ((NOW_US < until_us)); do
		nap 0.05
		now_us
	done
	alive "$APP_PID" || {
		tail -n 30 "$log.err" >&2 || true
		err "$label: exited by itself after its window showed"
	}
	RSS_KIB=$(vmrss_kib "$APP_PID") || err "$label: could not read VmRSS"
	if ! stop_app "$APP_PID" "$STOP_TIMEOUT"; then
		tail -n 30 "$log.err" >&2 || true
		err "$label: still running ${STOP_TIMEOUT} s after SIGTERM (killed)"
	fi
	if ((EXIT_RC != 0)); then
		tail -n 30 "$log.err" >&2 || true
		err "$label: exit status $EXIT_RC after SIGTERM, want 0"
	fi
	if ((measure)); then
		printf 'bench: %-10s startup %5d ms  rss %7.1f MiB\n' "$label" "$STARTUP_MS" "$(awk -v k="$RSS_KIB" 'BEGIN { print k / 1024 }')"
	fi
}

echo "bench: kiosk = ${KIOSK_CMD[*]} (window '$WINDOW_NAME')"
echo "bench: bare  = ${BARE_CMD[*]} (window '$BARE_WINDOW_NAME')"
echo "bench: warm-up (not measured; seeds the kiosk's data dir)"
run_one kiosk-seed "$WINDOW_NAME" 0 "${KIOSK_CMD[@]}"
run_one bare-warm "$BARE_WINDOW_NAME" 0 "${BARE_CMD[@]}"

k_ms=() b_ms=() k_rss=() b_rss=()
for ((i = 1; i <= RUNS; i++)); do
	run_one "kiosk-$i" "$WINDOW_NAME" 1 "${KIOSK_CMD[@]}"
	k_ms+=("$STARTUP_MS")
	k_rss+=("$RSS_KIB")
	run_one "bare-$i" "$BARE_WINDOW_NAME" 1 "${BARE_CMD[@]}"
	b_ms+=("$STARTUP_MS")
	b_rss+=("$RSS_KIB")
done

med() { printf '%s\n' "$@" | median; }
km=$(med "${k_ms[@]}")
bm=$(med "${b_ms[@]}")
kr=$(med "${k_rss[@]}")
br=$(med "${b_rss[@]}")

lines=$(awk -v km="$km" -v bm="$bm" -v kr="$kr" -v br="$br" -v n="$RUNS" 'BEGIN {
	ratio_ms = bm > 0 ? sprintf("%.2f", km / bm) : "n/a"
	ratio_rss = br > 0 ? sprintf("%.2f", kr / br) : "n/a"
	printf "startup_ms   kiosk %-6.0f bare %-6.0f ratio %-5s (median of %d)\n", km, bm, ratio_ms, n
	printf "rss_mib      kiosk %-6.1f bare %-6.1f ratio %-5s (median of %d)\n", kr / 1024, br / 1024, ratio_rss, n
}')

echo
echo "bench: startup_ms runs: kiosk ${k_ms[*]} | bare ${b_ms[*]}"
echo "bench: rss_kib runs:    kiosk ${k_rss[*]} | bare ${b_rss[*]}"
echo "$lines"
if [[ -n ${BENCH_OUT:-} ]]; then
	echo "$lines" >>"$BENCH_OUT"
	echo "bench: appended to $BENCH_OUT"
fi
