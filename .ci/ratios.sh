#!/usr/bin/env bash
# Prints the benchmark ratios the issues ask for from `go test -bench` output
# (read from the file given, or stdin): each figure against its baseline
# measured in the same run, and the absolute figures some goals are set in
# (custom metrics of b.ReportMetric are read by their unit, e.g. rows/s).
# BenchmarkScreens/<screen>/1M is paired with BenchmarkScreens/<screen>/2k,
# by wall time and by CPU time (cpu-ns/op, also the fastest of the runs).
# With -count=N a benchmark's fastest ns/op is used (the least disturbed by
# the rest of the machine); its other metrics are the last run's.
#
#   go test -run='^$' -bench=. ./... | tee bench.txt; bash .ci/ratios.sh bench.txt
set -euo pipefail

awk '
/^Benchmark/ {
	name = $1; sub(/-[0-9]+$/, "", name); sub(/^Benchmark/, "", name)
	if (!(name in seen)) { seen[name] = 1; order[++names] = name }
	for (i = 2; i < NF; i++) {
		if ($(i+1) == "ns/op" && (!(name in ns) || $i + 0 < ns[name] + 0)) ns[name] = $i
		if ($i ~ /^[-+0-9.eE]+$/ && $(i+1) !~ /^[-+0-9.eE]+$/) metric[name, $(i+1)] = $i
		if ($(i+1) == "cpu-ns/op" && (!((name, "cpu") in low) || $i + 0 < low[name, "cpu"] + 0)) low[name, "cpu"] = $i
	}
}
function ratio(label, a, b,   r) {
	if (!(a in ns) || !(b in ns)) { printf "%-44s (missing %s or %s)\n", label, a, b; return }
	printf "%-44s %10.0f ns / %10.0f ns  ratio %.2f\n", label, ns[a], ns[b], ns[a] / ns[b]
}
# screenRatio prints a screen'\''s wall-time and CPU-time ratios, in ms.
function screenRatio(label, a, b) {
	if (!(a in ns) || !(b in ns)) { printf "  %-16s (missing %s or %s)\n", label, a, b; return }
	printf "  %-16s %8.2f ms / %8.2f ms  ratio %.2f", label, ns[a] / 1e6, ns[b] / 1e6, ns[a] / ns[b]
	if ((a, "cpu") in low && (b, "cpu") in low && low[b, "cpu"] > 0)
		printf "   cpu %8.2f ms / %8.2f ms  ratio %.2f", low[a, "cpu"] / 1e6, low[b, "cpu"] / 1e6, low[a, "cpu"] / low[b, "cpu"]
	printf "\n"
}
# show prints a benchmark'\''s metric of unit, scaled by div, when it was run.
function show(label, name, unit, div, fmt) {
	if (unit == "ns/op" && name in ns) printf "%-44s " fmt "\n", label, ns[name] / div
	else if (unit != "ns/op" && (name, unit) in metric) printf "%-44s " fmt "\n", label, metric[name, unit] / div
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
	if ("Report1x1y" in ns || "Report1x10y" in ns || "Report100x1y" in ns || "Report100x10y" in ns) {
		ratio("report 10y / 1y at 1x (goal <= 1.5)", "Report1x10y", "Report1x1y")
		ratio("report 10y / 1y at 100x (goal <= 1.5)", "Report100x10y", "Report100x1y")
		show("annual report, 10 years stored, 1x", "Report1x10y", "ns/op", 1e6, "%.2f ms (goal: milliseconds)")
		show("annual report, 10 years stored, 100x", "Report100x10y", "ns/op", 1e6, "%.0f ms")
	}
	# Each screen of BenchmarkScreens (ui): its 1M figure against its 2k one.
	for (i = 1; i <= names; i++) {
		if (order[i] !~ /^Screens\/.*\/1M$/) continue
		screen = order[i]; sub(/^Screens\//, "", screen); sub(/\/1M$/, "", screen)
		if (!shown++) print "tap-to-screen, 1M / 2k bookings (goal <= 1.5 each), wall and CPU time:"
		screenRatio(screen, order[i], "Screens/" screen "/2k")
	}
	show("import of 50,000 payment rows", "ImportPayments50k", "rows/s", 1, "%.0f rows/s")
	show("import of 50,000 payment rows, time", "ImportPayments50k", "ns/op", 1e9, "%.2f s")
	show("import of 50,000 payment rows, peak RSS", "ImportPayments50k", "peak-MiB", 1, "%.1f MiB")
	show("import of 50,000 payment rows, peak heap", "ImportPayments50k", "heap-MiB", 1, "%.1f MiB")
	show("10 years at 1x on disk, apparent size", "Disk1x10y", "apparent-MiB", 1, "%.1f MiB")
	show("10 years at 1x on disk, allocated blocks", "Disk1x10y", "alloc-MiB", 1, "%.1f MiB")
}' "${1:-/dev/stdin}"
