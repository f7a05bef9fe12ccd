#!/usr/bin/env bash
# Soak benchmark: does the kiosk's memory stay flat while visitors use it?
#
# Under its own Xvfb display (:81..:89, 1280x800), in one run:
#   1. bin/barewindow (a bare Fyne window) is started and its VmRSS read
#      SOAK_RSS_AFTER s after the start: the baseline;
#   2. bin/kiosk (fullscreen, as a real kiosk; fresh temp data dir, which it
#      seeds) is started; its VmRSS is read once its first screen has settled
#      and SOAK_RSS_AFTER s have passed since the start ("start");
#   3. xdotool taps it through SOAK_CHANGES screen changes and SOAK_SWITCHES
#      language switches (한국어/English alternately, spread evenly among the
#      changes), reading VmRSS every SOAK_SAMPLE_EVERY changes and once more
#      2 s after the last tap ("end").
#
# A screen change is a tap that shows another screen. The taps cycle, from
# the home screen: each of the five tiles and back with 처음으로, then
# 대관 예약 → a room (rotating over the five) → a day of the calendar's second
# row (rotating, Sundays skipped) → the slot grid → 뒤로 → 처음으로: 15 changes
# a cycle. The coordinates below were read off screenshots of the kiosk at
# 1280x800, in both languages. No slot is tapped: once a start is chosen the
# slot screen outgrows 800 px and Fyne draws it shifted up (header cut off)
# while taps still land where it was, so taps there would hit other buttons.
#
# Every tap is checked: after it, the header strip (the screen's title,
# which names the screen in the current language; no button, no clock) is
# captured with `import` and hashed until it shows the screen the tap should
# lead to. The first time a (screen, language) pair is reached, the capture
# must differ from before the tap and then settle (two captures agree), and
# its hash is learnt; later arrivals must match it. A tap after which nothing
# changes within SOAK_TAP_TIMEOUT s is tapped once more: if that one lands,
# the first was a "lost tap" (reported, with a screenshot under SOAK_KEEP=1).
# A tap that shows the wrong screen, or twice nothing, is a miss: reported,
# the kiosk is taken back to the home screen and the cycle starts again. The
# time from a tap until its screen was seen is the "tap to screen" latency
# (an upper bound: a capture takes ~70 ms); the next tap follows
# SOAK_PACE_MS after that, a visitor's pause (with 0, taps that come right
# after the home screen appears are lost now and then).
#
# Prints the bare RSS, the kiosk's RSS at start, at each sample and at the
# end, the ratio end/bare, and the least-squares slope of the last third of
# the samples (start and periodic samples) in MiB per 100 changes. It fails
# only on errors (a binary or tool missing, a window that never shows, the
# kiosk dying during the soak (its stderr's last lines are shown), taps that
# stop landing SOAK_MAX_MISSES times in a row, an unclean exit on SIGTERM),
# never on the numbers.
#
# Environment (relative paths are taken from the repo root, where the script
# runs):
#   SOAK_CHANGES       screen changes (1800)
#   SOAK_SWITCHES      language switches (600)
#   SOAK_SAMPLE_EVERY  changes between RSS samples (100)
#   SOAK_PACE_MS       pause before each tap once the screen shows, ms (150)
#   SOAK_TAP_TIMEOUT   seconds for a tap to show its screen (3)
#   SOAK_MAX_MISSES    consecutive misses that are an error (5)
#   SOAK_RSS_AFTER     seconds after the start when start RSS is read (5)
#   SOAK_KEEP          1: keep the temp dir (logs, data, miss screenshots)
#   KIOSK_BIN         (bin/kiosk)      WINDOW_NAME       (창업지원센터)
#   BARE_BIN          (bin/barewindow) BARE_WINDOW_NAME  (barewindow)
#   XVFB_FIRST, XVFB_LAST  display numbers to try (81, 89)
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=lib.sh
source .ci/lib.sh

CHANGES=${SOAK_CHANGES:-1800}
SWITCHES=${SOAK_SWITCHES:-600}
SAMPLE_EVERY=${SOAK_SAMPLE_EVERY:-100}
PACE_MS=${SOAK_PACE_MS:-150}
TAP_TIMEOUT=${SOAK_TAP_TIMEOUT:-3}
MAX_MISSES=${SOAK_MAX_MISSES:-5}
RSS_AFTER=${SOAK_RSS_AFTER:-5}
KIOSK_BIN=${KIOSK_BIN:-bin/kiosk}
WINDOW_NAME=${WINDOW_NAME:-창업지원센터}
BARE_BIN=${BARE_BIN:-bin/barewindow}
BARE_WINDOW_NAME=${BARE_WINDOW_NAME:-barewindow}
export XVFB_FIRST=${XVFB_FIRST:-81} XVFB_LAST=${XVFB_LAST:-89}
export XVFB_SCREEN=1280x800x24 # the coordinates below assume it
WINDOW_TIMEOUT=60
STOP_TIMEOUT=15

# Where to tap (x y), at 1280x800, fullscreen. Visitor screens have
# 처음으로/Home at the top left and the language buttons at the top right, at
# the same places on every screen and in both languages.
TAP_HOME=(83 41)
TAP_KO=(1121 42)
TAP_EN=(1214 42)
# Home tiles, top to bottom: 대관 예약, 입실 확인, 내 예약, 층별 안내, 직원.
TILE_Y=(174 311 448 585 722)
TILE_X=275
TILE_DEST=(rooms checkin mybooking directory staff)
# Room cards (대관 예약 1/6): two columns, three rows.
ROOM_XY=("328 224" "951 224" "328 452" "951 452" "328 679")
# Calendar (2/6): seven day cells a row starting today; the second row.
DAY_X=(105 283 461 639 817 995 1173)
DAY_Y=530
# Slot grid (3/6): 뒤로 at the bottom left (nothing selected).
TAP_BACK=(224 757)
# The header strip that names the screen: left of the language buttons,
# right of the home button.
CROP=740x80+160+5

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kiosk-soak.XXXXXX")
finish() {
	local rc=$?
	cleanup_children
	if [[ ${SOAK_KEEP:-} == 1 ]]; then
		echo "soak: kept $WORK"
	else
		rm -rf "$WORK"
	fi
	((rc == 0)) || echo "soak: FAILED (exit $rc)"
	exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

err() {
	echo "FAIL: $*" >&2
	exit 1
}

for v in CHANGES SWITCHES PACE_MS; do
	[[ ${!v} =~ ^[0-9]+$ ]] || err "SOAK_$v must be a non-negative integer, not '${!v}'"
done
for v in SAMPLE_EVERY TAP_TIMEOUT MAX_MISSES RSS_AFTER; do
	[[ ${!v} =~ ^[1-9][0-9]*$ ]] || err "SOAK_$v must be a positive integer, not '${!v}'"
done
require_bin "$KIOSK_BIN" || exit 1
require_bin "$BARE_BIN" || exit 1
require_tools Xvfb xdotool import cksum || exit 1

T0=$SECONDS
start_xvfb || exit 1
export APP_CONFIG_HOME=$WORK/config

PACE_S=$(awk -v m="$PACE_MS" 'BEGIN { printf "%.3f", m / 1000 }')
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# wait_until_us T: naps until the wall clock passes T (µs).
wait_until_us() {
	now_us
	while ((NOW_US < $1)); do
		nap 0.05
		now_us
	done
}

# start_or_fail LABEL NAME CMD...: start_app + wait_window, failing with the
# program's stderr if the window never shows.
start_or_fail() {
	local label=$1 name=$2 rc=0
	shift 2
	LOG=$WORK/$label
	start_app "$LOG" "$@"
	wait_window "$name" "$APP_PID" "$WINDOW_TIMEOUT" || rc=$?
	((rc == 0)) && return 0
	((rc == 1)) && { wait_exit "$APP_PID" 1 || true; }
	tail -n 30 "$LOG.err" >&2 || true
	((rc == 1)) && err "$label: exited with status ${EXIT_RC:-?} before its window '$name' showed"
	err "$label: no visible window '$name' within ${WINDOW_TIMEOUT} s"
}

# stop_or_fail LABEL PID: SIGTERM; it must exit 0 within STOP_TIMEOUT s.
stop_or_fail() {
	if ! stop_app "$2" "$STOP_TIMEOUT"; then
		tail -n 30 "$LOG.err" >&2 || true
		err "$1: still running ${STOP_TIMEOUT} s after SIGTERM (killed)"
	fi
	if ((EXIT_RC != 0)); then
		tail -n 30 "$LOG.err" >&2 || true
		err "$1: exit status $EXIT_RC after SIGTERM, want 0"
	fi
}

# ---- 1. the baseline ----
echo "soak: bare  = $BARE_BIN (window '$BARE_WINDOW_NAME')"
start_or_fail bare "$BARE_WINDOW_NAME" "$BARE_BIN"
BARE_PID=$APP_PID
wait_until_us $((APP_START_US + RSS_AFTER * 1000000))
alive "$BARE_PID" || err "bare: exited by itself after its window showed"
BARE_KIB=$(vmrss_kib "$BARE_PID") || err "bare: could not read VmRSS"
stop_or_fail bare "$BARE_PID"
echo "soak: bare window rss $(mib "$BARE_KIB") MiB (${RSS_AFTER} s after start)"

# ---- 2. the kiosk ----
KIOSK_CMD=("$KIOSK_BIN" -data "$WORK/data")
echo "soak: kiosk = ${KIOSK_CMD[*]} (window '$WINDOW_NAME'), $CHANGES changes, $SWITCHES switches"
start_or_fail kiosk "$WINDOW_NAME" "${KIOSK_CMD[@]}"
KPID=$APP_PID
KLOG=$LOG
KSTART_US=$APP_START_US

CHANGES_DONE=0
SWITCHES_DONE=0

# died: the kiosk is gone during the soak: that is the error this benchmark
# exists to find, so say where and show why.
died() {
	wait_exit "$KPID" 1 || true
	echo "---- last lines of $KLOG.err ----" >&2
	tail -n 40 "$KLOG.err" >&2 || true
	echo "----" >&2
	err "kiosk died during the soak (exit status ${EXIT_RC:-?}) after $CHANGES_DONE changes and $SWITCHES_DONE switches${1:+, $1}"
}
check_alive() {
	alive "$KPID" || died "$@"
	alive "$XVFB_PID" || err "Xvfb died during the soak"
}

# The window must cover the screen: the taps are in root coordinates.
deadline=$((SECONDS + 10))
while :; do
	geo=$(xdotool search --onlyvisible --name "$WINDOW_NAME" getwindowgeometry --shell 2>/dev/null | tr '\n' ' ') || geo=""
	[[ $geo == *"X=0 Y=0 WIDTH=1280 HEIGHT=800"* ]] && break
	check_alive "before its window was fullscreen"
	((SECONDS < deadline)) || err "kiosk window is not fullscreen 1280x800 at 0,0 (xdotool: ${geo:-none})"
	nap 0.1
done

# snap: SNAP = checksum of the header strip.
snap() {
	local out
	out=$(import -window root -crop "$CROP" +repage -depth 8 rgb:- 2>>"$WORK/import.err" | cksum) ||
		{ check_alive; err "import (ImageMagick) could not capture the screen"; }
	SNAP=${out%% *}
}

# settle [SNAP]: captures until two in a row agree (at most 20), starting
# from the given capture if any; CUR = the last.
settle() {
	local prev n
	if (($#)); then SNAP=$1; else snap; fi
	for ((n = 0; n < 20; n++)); do
		prev=$SNAP
		snap
		[[ $SNAP == "$prev" ]] && break
	done
	CUR=$SNAP
}

declare -A EXPECT=() # "screen:lang" -> header checksum
MISSES=0
MISS_RUN=0
LATS=()
VERIFIED_CHANGES=0
VERIFIED_SWITCHES=0

# tap_to X Y DEST: taps, then captures the header until it shows DEST in
# LANG_NOW. A pair seen before is known by its checksum: done as soon as it
# shows. A new pair: wait for the header to change, then to settle, and learn
# it. Returns 1 (MISS_WHY set) on a miss.
tap_to() {
	local x=$1 y=$2 key=$3:$LANG_NOW before=$CUR t0 want
	want=${EXPECT[$key]:-}
	((PACE_MS == 0)) || nap "$PACE_S"
	check_alive "tapping ($x,$y) for $key"
	now_us
	t0=$NOW_US
	xdotool mousemove "$x" "$y" click 1 || err "xdotool could not tap"
	while :; do
		snap
		now_us
		if [[ -n $want ]]; then
			[[ $SNAP == "$want" ]] && break
		else
			[[ $SNAP != "$before" ]] && break
		fi
		check_alive "waiting for $key after a tap at ($x,$y)"
		if ((NOW_US - t0 > TAP_TIMEOUT * 1000000)); then
			CUR=$SNAP
			if [[ $SNAP == "$before" ]]; then
				MISS_WHY="nothing changed within ${TAP_TIMEOUT} s"
			else
				MISS_WHY="not the screen '$key' seen before"
			fi
			return 1
		fi
	done
	LAT_MS=$(((NOW_US - t0) / 1000))
	if [[ -n $want ]]; then
		CUR=$SNAP
		return 0
	fi
	settle "$SNAP"
	if [[ $CUR == "$before" ]]; then
		MISS_WHY="the header flickered and came back"
		return 1
	fi
	EXPECT[$key]=$CUR
	return 0
}

# tap_or_retry X Y DEST: tap_to; a tap that changed nothing is tried once
# more, and if that one lands the first was lost (the kiosk ignored a tap on
# a live button): counted and reported, not a miss.
LOST=0
tap_or_retry() {
	tap_to "$@" && return 0
	[[ $MISS_WHY == nothing* ]] || return 1
	local why=$MISS_WHY
	if ((LOST < 10)); then import -window root "$WORK/lost-$((LOST + 1)).png" 2>/dev/null || true; fi
	if tap_to "$@"; then
		LOST=$((LOST + 1))
		echo "soak: lost tap after $CHANGES_DONE changes, $SWITCHES_DONE switches: ($1,$2) for $STATE -> $3 [$LANG_NOW] ($why; the second tap landed in $LAT_MS ms)"
		return 0
	fi
	MISS_WHY="$why, twice"
	return 1
}

# recover: back to the home screen after a miss (tap 처음으로 until the
# header is a known home header); sets STATE, LANG_NOW and the cycle.
recover() {
	local try
	for ((try = 1; try <= 5; try++)); do
		check_alive "recovering after a miss"
		xdotool mousemove "${TAP_HOME[@]}" click 1 || err "xdotool could not tap"
		nap 0.5
		settle
		if [[ $CUR == "${EXPECT[home:ko]:-}" ]]; then
			LANG_NOW=ko
			break
		elif [[ $CUR == "${EXPECT[home:en]:-}" ]]; then
			LANG_NOW=en
			break
		fi
	done
	if ((try > 5)); then
		# An English home screen not seen yet is the only unknown left.
		[[ -z ${EXPECT[home:en]:-} ]] || err "could not get back to the home screen after a miss"
		EXPECT[home:en]=$CUR
		LANG_NOW=en
	fi
	STATE=home
	STEP=0
}

miss() {
	MISSES=$((MISSES + 1))
	MISS_RUN=$((MISS_RUN + 1))
	echo "soak: MISS after $CHANGES_DONE changes, $SWITCHES_DONE switches: $1 ($MISS_WHY)"
	if ((MISSES <= 10)); then
		import -window root "$WORK/miss-$MISSES.png" 2>/dev/null || true
	fi
	((MISS_RUN < MAX_MISSES)) || {
		tail -n 20 "$KLOG.err" >&2 || true
		err "$MISS_RUN taps in a row did not show their screen: the kiosk no longer responds to taps"
	}
	recover
}

# Day columns of the calendar's second row (today+7..today+13) that are not
# Sundays (closed); a public holiday among them shows up as a miss once and
# its column is dropped.
DAY_COLS=()
for ((c = 0; c < 7; c++)); do
	[[ $(TZ=Asia/Seoul date -d "+$((7 + c)) days" +%u) == 7 ]] || DAY_COLS+=("$c")
done

# The cycle: step -> "x y dest". Steps 11 and 12 are filled in per cycle.
STEPS=()
for ((i = 0; i < 5; i++)); do
	STEPS+=("$TILE_X ${TILE_Y[i]} ${TILE_DEST[i]}" "${TAP_HOME[*]} home")
done
STEPS+=("$TILE_X ${TILE_Y[0]} rooms" "room" "day" "${TAP_BACK[*]} calendar" "${TAP_HOME[*]} home")
NSTEPS=${#STEPS[@]}
CYCLE=0
STEP=0
STATE=home
LANG_NOW=ko

# change: one screen change, the next step of the cycle.
change() {
	local x y dest col
	case $STEP in
	11)
		read -r x y <<<"${ROOM_XY[CYCLE % 5]}"
		dest=calendar
		;;
	12)
		((${#DAY_COLS[@]} > 0)) || err "no open day left in the calendar's second row"
		col=${DAY_COLS[CYCLE % ${#DAY_COLS[@]}]}
		x=${DAY_X[col]} y=$DAY_Y dest=slots
		;;
	*) read -r x y dest <<<"${STEPS[STEP]}" ;;
	esac
	if tap_or_retry "$x" "$y" "$dest"; then
		VERIFIED_CHANGES=$((VERIFIED_CHANGES + 1))
		MISS_RUN=0
		LATS+=("$LAT_MS")
		STATE=$dest
		STEP=$(((STEP + 1) % NSTEPS))
		((STEP != 0)) || CYCLE=$((CYCLE + 1))
	else
		if ((STEP == 12)) && [[ $MISS_WHY == nothing* ]]; then
			# A closed day (holiday) does nothing when tapped.
			local keep=() d
			for d in "${DAY_COLS[@]}"; do ((d == col)) || keep+=("$d"); done
			DAY_COLS=("${keep[@]}")
			echo "soak: day column $col seems closed (a holiday?): dropped"
		fi
		miss "tap ($x,$y) for $STATE -> $dest [$LANG_NOW]"
		CYCLE=$((CYCLE + 1))
	fi
	CHANGES_DONE=$((CHANGES_DONE + 1))
}

# switch: one language switch, to the other language, on the current screen.
switch() {
	local to x y
	if [[ $LANG_NOW == ko ]]; then
		to=en x=${TAP_EN[0]} y=${TAP_EN[1]}
	else
		to=ko x=${TAP_KO[0]} y=${TAP_KO[1]}
	fi
	local from=$LANG_NOW
	LANG_NOW=$to
	if tap_or_retry "$x" "$y" "$STATE"; then
		VERIFIED_SWITCHES=$((VERIFIED_SWITCHES + 1))
		MISS_RUN=0
	else
		LANG_NOW=$from
		miss "tap ($x,$y) for $STATE [$from -> $to]"
	fi
	SWITCHES_DONE=$((SWITCHES_DONE + 1))
}

# First screen: let it settle (and keep clear of fyne-io/fyne#5981, a panic
# when pointer events reach a brand new window), learn the home header.
nap 1
settle
EXPECT[home:ko]=$CUR
wait_until_us $((KSTART_US + RSS_AFTER * 1000000))
check_alive "before the first tap"
START_KIB=$(vmrss_kib "$KPID") || err "kiosk: could not read VmRSS"
printf 'soak: kiosk start     rss %6.1f MiB (first screen shown, %d s after start)\n' "$(mib "$START_KIB")" "$RSS_AFTER"

SAMPLE_X=(0)
SAMPLE_KIB=("$START_KIB")
SOAK_T0=$SECONDS
while ((CHANGES_DONE < CHANGES || SWITCHES_DONE < SWITCHES)); do
	# Switches due so far, spread evenly over the changes.
	if ((CHANGES > 0)); then due=$((CHANGES_DONE * SWITCHES / CHANGES)); else due=$SWITCHES; fi
	if ((SWITCHES_DONE < SWITCHES && (SWITCHES_DONE < due || CHANGES_DONE >= CHANGES))); then
		switch
		continue
	fi
	change
	if ((CHANGES_DONE % SAMPLE_EVERY == 0)); then
		check_alive
		kib=$(vmrss_kib "$KPID") || died "reading VmRSS"
		SAMPLE_X+=("$CHANGES_DONE")
		SAMPLE_KIB+=("$kib")
		printf 'soak: after %5d changes %4d switches  rss %6.1f MiB (%+.1f)  %4d s\n' \
			"$CHANGES_DONE" "$SWITCHES_DONE" "$(mib "$kib")" \
			"$(awk -v a="$kib" -v b="$START_KIB" 'BEGIN { print (a - b) / 1024 }')" $((SECONDS - SOAK_T0))
	fi
done
SOAK_S=$((SECONDS - SOAK_T0))

nap 2
check_alive "after the last tap"
END_KIB=$(vmrss_kib "$KPID") || died "reading VmRSS"
stop_or_fail kiosk "$KPID"

# ---- 3. the figures ----
median_of() { if (($#)); then printf '%s\n' "$@" | median; else echo nan; fi; }
lat_med=$(median_of "${LATS[@]}")
lat_p90=$( ((${#LATS[@]})) && printf '%s\n' "${LATS[@]}" | sort -n | awk '{ v[NR] = $1 } END { i = int(NR * 0.9); if (i < 1) i = 1; print v[i] }' || echo nan)
lat_max=$( ((${#LATS[@]})) && printf '%s\n' "${LATS[@]}" | sort -n | tail -n 1 || echo nan)
slope=$(printf '%s %s\n' "$(echo "${SAMPLE_X[@]}")" "$(echo "${SAMPLE_KIB[@]}")" | awk '{
	n = NF / 2; k = int((n + 2) / 3); if (k < 2) k = 2
	if (n < 2) { print "n/a (fewer than 2 samples)"; exit }
	if (k > n) k = n
	for (i = n - k + 1; i <= n; i++) { x = $i / 100; y = $(i + n) / 1024; sx += x; sy += y; sxx += x * x; sxy += x * y }
	d = k * sxx - sx * sx
	if (d == 0) { print "n/a"; exit }
	printf "%+.3f MiB per 100 changes (last %d samples, %d..%d changes)", (k * sxy - sx * sy) / d, k, $(n - k + 1), $n
}')
echo
printf 'soak: bare window     rss %6.1f MiB\n' "$(mib "$BARE_KIB")"
printf 'soak: kiosk start     rss %6.1f MiB\n' "$(mib "$START_KIB")"
printf 'soak: kiosk end       rss %6.1f MiB (%+.1f since start; 2 s after the last tap)\n' "$(mib "$END_KIB")" \
	"$(awk -v a="$END_KIB" -v b="$START_KIB" 'BEGIN { print (a - b) / 1024 }')"
printf 'soak: ratio end/bare  %.2f (start/bare %.2f)\n' \
	"$(awk -v a="$END_KIB" -v b="$BARE_KIB" 'BEGIN { print a / b }')" \
	"$(awk -v a="$START_KIB" -v b="$BARE_KIB" 'BEGIN { print a / b }')"
echo "soak: slope           $slope"
echo "soak: verified        $VERIFIED_CHANGES/$CHANGES_DONE changes, $VERIFIED_SWITCHES/$SWITCHES_DONE switches ($MISSES misses, $LOST lost taps that landed when repeated)"
echo "soak: tap to screen   median $lat_med ms, p90 $lat_p90 ms, max $lat_max ms (capture ~70 ms included)"
echo "soak: time            soak ${SOAK_S} s, total $((SECONDS - T0)) s"
