#!/bin/sh
# Runs bench.erl's programs in real Erlang/OTP (erl +S 1, the JIT) and in
# otpbox's VM (the Go benchmarks of this directory, natively), and prints a
# table of times and ratios (VM / BEAM) in Markdown for docs/benchmarks.md.
#
#   sandbox/bench/compare.sh            # from the repository root, or via make bench
#
# Both sides report their best time over several runs: on a shared machine
# the minimum is the least noisy estimate of the cost itself.
# Goals (issue 3): Fib27 <= 15x BEAM; list and map programs <= 5x.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v erl >/dev/null || ! command -v erlc >/dev/null; then
	echo "compare.sh: erl/erlc not found; skipping the comparison with BEAM" >&2
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
erlc -o "$tmp" "$here/bench.erl" "$here/bench_beam.erl"
erl +S 1 -noshell -pa "$tmp" -s bench_beam main >"$tmp/beam.txt"

# The VM benchmarks are built only once the VM is in (tag vm_bench).
tags=${BENCH_TAGS-vm_bench}
# VM_BENCH overrides the selection.
benches=${VM_BENCH-'Fib27|ListBuild|ListSort|ListFold|ListMap|MapBuild|MapFold|FormatP|Ring|Spawn'}
if (cd "$here" && go test -tags "$tags" -run '^$' -bench "$benches" -count 3 -benchtime 2x . >"$tmp/vm.txt" 2>&1); then
	:
else
	echo "compare.sh: the VM benchmarks did not run:" >&2
	sed 's/^/  /' "$tmp/vm.txt" | head -20 >&2
	: >"$tmp/vm.txt"
fi

awk -v beam="$tmp/beam.txt" -v vm="$tmp/vm.txt" '
function fmt(ns) { return sprintf("%.1f ms", ns / 1e6) }
BEGIN {
	while ((getline line < beam) > 0) { split(line, f, " "); b[f[1]] = f[2]; order[++n] = f[1] }
	while ((getline line < vm) > 0) {
		if (line !~ /^Benchmark/) continue
		split(line, f, " "); name = f[1]; sub(/^Benchmark/, "", name); sub(/-[0-9]+$/, "", name)
		if (!(name in v) || f[3] + 0 < v[name]) v[name] = f[3] + 0
	}
	goal["Fib27"] = 15; goal["Ring"] = 2; goal["Spawn"] = 2
	print "| program | BEAM (erl +S 1) | otpbox VM (native) | ratio | goal |"
	print "|---|---|---|---|---|"
	for (i = 1; i <= n; i++) {
		k = order[i]; g = (k in goal) ? goal[k] : 5
		if (k in v) printf "| %s | %s | %s | %.1fx | <= %dx |\n", k, fmt(b[k]), fmt(v[k]), v[k] / b[k], g
		else printf "| %s | %s | (not run) | - | <= %dx |\n", k, fmt(b[k]), g
	}
}'
