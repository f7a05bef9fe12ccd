#!/usr/bin/env bash
# Prints the benchmark ratios the issues ask for from `go test -bench` output
# (read from the file given, or stdin): each figure against its baseline
# measured in the same run.
#
#   go test -run='^$' -bench=. ./... | tee bench.txt; bash .ci/ratios.sh bench.txt
set -euo pipefail

awk '
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
	for (i = 2; i < NF; i++) if ($(i+1) == "ns/op") ns[name] = $i
}
function ratio(label, a, b,   r) {
	if (!(a in ns) || !(b in ns)) { printf "%-44s (missing %s or %s)\n", label, a, b; return }
	printf "%-44s %10.0f ns / %10.0f ns  ratio %.2f\n", label, ns[a], ns[b], ns[a] / ns[b]
}
END {
	print "bench ratios (same run):"
	ratio("availability 1M / 2k bookings (goal <= 1.5)", "Availability1M", "Availability2k")
	ratio("booking commit / bare Badger update (<= 1.5)", "BookCommit", "BareBadgerUpdate")
	ratio("check-in / bare Badger update (<= 1.5)", "CheckIn", "BareBadgerUpdate")
	if ("Availability1M" in ns) printf "%-44s %.3f ms (goal < 1 ms)\n", "availability, one day, 5 rooms, 1M stored", ns["Availability1M"] / 1e6
	if ("PNG" in ns) printf "%-44s %.2f ms\n", "QR pass PNG (8 px/module)", ns["PNG"] / 1e6
	if ("ParseKioskFont" in ns) printf "%-44s %.2f ms\n", "font parse, one style", ns["ParseKioskFont"] / 1e6
	if ("OpenKioskOptions" in ns && "OpenBadgerDefaults" in ns) ratio("store open: kiosk options / Badger defaults", "OpenKioskOptions", "OpenBadgerDefaults")
}' "${1:-/dev/stdin}"
