#!/bin/sh
# Runs sandbox_bench.erl's programs in real Erlang/OTP (erl +S 1, the JIT)
# and through otpbox's sandbox in both isolation modes (the Go benchmark
# BenchmarkPrograms of package sandbox; wasm as shipped, wasm with wazero's
# interruption checks, native), then the sandbox's cold start and idle
# memory, and prints Markdown tables with the ratios for docs/benchmarks.md.
#
#   sandbox/bench/sandbox.sh        # from anywhere; needs `make guest` first
#
# Each sandbox figure is its best call over two windows of at least a
# second, after one untimed call, as sandbox_beam.erl takes BEAM's best
# run after one untimed run; the mean over a window (the better of two)
# stands beside it, counting the guest's collector. Means of three calls
# let a collection land in a figure or not: MapWork2k spread 1.5-2.8 ms
# on one binary (docs/rationale.md, session 10).
#
# Goals (issue 5), against BEAM: native fib 15x, list/map work 5x; wasm fib
# 45x, list/map work 15x. Cold start under 20 ms median; idle sandbox under
# 16 MiB each with 200 alive.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/sandbox/bench"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if command -v erl >/dev/null && command -v erlc >/dev/null; then
	erlc -o "$tmp" "$here/sandbox_bench.erl" "$here/sandbox_beam.erl"
	erl +S 1 -noshell -pa "$tmp" -s sandbox_beam main >"$tmp/beam.txt"
else
	echo "sandbox.sh: erl/erlc not found; the BEAM column stays empty" >&2
	: >"$tmp/beam.txt"
fi
(cd "$root" && go test -run '^$' -bench 'Programs|ColdStart|IdleMemory' -benchtime 1s -count 2 ./sandbox/ >"$tmp/sb.txt" 2>&1) || {
	echo "sandbox.sh: the sandbox benchmarks failed:" >&2
	sed 's/^/  /' "$tmp/sb.txt" | tail -20 >&2
	exit 1
}
awk -v beam="$tmp/beam.txt" -v sb="$tmp/sb.txt" '
function fmt(ns) { return ns >= 1e6 ? sprintf("%.1f ms", ns / 1e6) : sprintf("%.2f ms", ns / 1e6) }
BEGIN {
	while ((getline line < beam) > 0) { split(line, f, " "); b[f[1]] = f[2]; order[++n] = f[1] }
	while ((getline line < sb) > 0) {
		if (line !~ /^Benchmark/) continue
		nf = split(line, f, " "); name = f[1]; sub(/^Benchmark/, "", name); sub(/-[0-9]+$/, "", name)
		if (name ~ /^IdleMemory/) { for (i = 2; i <= nf; i++) if (f[i] == "MiB/sandbox") mem[name] = f[i-1]; continue }
		if (!(name in v) || f[3] + 0 < v[name]) v[name] = f[3] + 0
		for (i = 4; i <= nf; i++) if (f[i] == "best-ns/call" && (!(name in bst) || f[i-1] + 0 < bst[name])) bst[name] = f[i-1] + 0
	}
	split("wasm wasm-interruptible native", modes, " ")
	print "Best run against best run; the sandbox mean over a second of calls in parentheses."
	print ""
	print "| program | BEAM (erl +S 1) | sandbox wasm | ratio | wasm, interruptible | ratio | sandbox native | ratio |"
	print "|---|---|---|---|---|---|---|---|"
	for (i = 1; i <= n; i++) {
		k = order[i]; row = sprintf("| %s | %s", k, fmt(b[k]))
		for (m = 1; m <= 3; m++) {
			key = "Programs/" k "/" modes[m]
			if (key in bst) row = row sprintf(" | %s (%s) | %.0fx", fmt(bst[key]), fmt(v[key]), bst[key] / b[k])
			else row = row " | (not run) | -"
		}
		print row " |"
	}
	print ""
	print "| measure | wasm | native |"
	print "|---|---|---|"
	printf "| cold start (New + one call + Close, guest cached) | %s | %s |\n", fmt(v["ColdStart/wasm"]), fmt(v["ColdStart/native"])
	printf "| resident memory per idle sandbox, 200 alive | %s MiB | %s MiB |\n", mem["IdleMemory/wasm"], mem["IdleMemory/native"]
}'
