#!/bin/sh
# Measures what Binaryen's wasm-opt does to the sandbox's guest: for each
# variant (a set of wasm-opt passes) it optimises the guest `make guest`
# built, embeds it into a test binary of package sandbox (go test
# -overlay, so the tree is not touched), and runs the sandbox's wasm
# benchmarks with every binary in turn (base, variant 1, variant 2, ...,
# then again), keeping each benchmark's best time; this shared box's noise
# is +-15%, so alternating and taking the best is what makes variants
# comparable. It also times wazero's compilation of each guest (a test
# binary's first run with an empty cache, minus a run with the cache warm)
# and prints a Markdown table with every figure against the base and the
# load average seen while measuring.
#
#   make guest && sandbox/bench/wasmopt.sh                 # -O1 -O2 -O3 -O4 -Os
#   sandbox/bench/wasmopt.sh 'O2=-O2' 'sl=--simplify-locals --coalesce-locals'
#   WASMOPT_VM=1 sandbox/bench/wasmopt.sh 'O3=-O3'         # also the VM's programs
#                                       # (sandbox/bench, -tags vm_bench) under wasmrun
#
# Settings: WASMOPT_ROUNDS (default 3), WASMOPT_BENCH (the sandbox's
# benchmarks, default 'Programs/.*/wasm$|ColdStart/wasm'), WASMOPT_VMBENCH
# (default 'Fib27|List|Map'), WASMOPT_KEEP=DIR keeps the optimised guests.
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
guest="$root/sandbox/guestbin/guest.wasm"
rounds=${WASMOPT_ROUNDS-3}
bench=${WASMOPT_BENCH-'Programs/.*/wasm$|ColdStart/wasm'}
vmbench=${WASMOPT_VMBENCH-'Fib27|List|Map'}
# The wasm features gc's wasip1 output uses; without them wasm-opt's
# validation rejects the module. -g keeps the name section (profiles and
# wazero's trap stack traces name the guest's functions by it).
features="--enable-sign-ext --enable-nontrapping-float-to-int --enable-bulk-memory --enable-mutable-globals -g"
command -v wasm-opt >/dev/null || { echo "wasmopt.sh: wasm-opt not found (Debian package binaryen)" >&2; exit 1; }
[ -f "$guest" ] || { echo "wasmopt.sh: $guest not found: run make guest first" >&2; exit 1; }
[ $# -gt 0 ] || set -- 'O1=-O1' 'O2=-O2' 'O3=-O3' 'O4=-O4' 'Os=-Os'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
load() { cut -d' ' -f1 /proc/loadavg; }

cp "$guest" "$tmp/base.wasm"
names=base
: >"$tmp/info.txt"
printf 'base\t-\t%s\t0\n' "$(wc -c <"$tmp/base.wasm")" >>"$tmp/info.txt"
if [ -n "${WASMOPT_VM-}" ]; then
	(cd "$root" && GOOS=wasip1 GOARCH=wasm go test -tags vm_bench -c -o "$tmp/vm-base.wasm" ./sandbox/bench)
	(cd "$root" && go build -o "$tmp/wasmrun" ./sandbox/bench/wasmrun)
fi
for v in "$@"; do
	name=${v%%=*}
	flags=${v#*=}
	start=$(date +%s.%N)
	# shellcheck disable=SC2086 # flags are words
	wasm-opt $features $flags "$tmp/base.wasm" -o "$tmp/$name.wasm"
	secs=$(echo "$(date +%s.%N) - $start" | bc)
	printf '%s\t%s\t%s\t%.1f\n' "$name" "$flags" "$(wc -c <"$tmp/$name.wasm")" "$secs" >>"$tmp/info.txt"
	if [ -n "${WASMOPT_VM-}" ]; then
		# shellcheck disable=SC2086
		wasm-opt $features $flags "$tmp/vm-base.wasm" -o "$tmp/vm-$name.wasm"
	fi
	names="$names $name"
done
for name in $names; do
	printf '{"Replace":{"%s":"%s"}}\n' "$guest" "$tmp/$name.wasm" >"$tmp/overlay.json"
	(cd "$root" && go test -overlay "$tmp/overlay.json" -c -o "$tmp/sb-$name.test" ./sandbox/)
	[ -z "${WASMOPT_KEEP-}" ] || { mkdir -p "$WASMOPT_KEEP" && cp "$tmp/$name.wasm" "$WASMOPT_KEEP/"; }
done

: >"$tmp/results.txt"
r=1
while [ "$r" -le "$rounds" ]; do
	for name in $names; do
		# wazero's compilation of the guest: one cold run, one warm.
		cache="$tmp/cache-$name-$r"
		mkdir -p "$cache"
		for phase in cold warm; do
			start=$(date +%s.%N)
			(cd "$root/sandbox" && XDG_CACHE_HOME=$cache "$tmp/sb-$name.test" -test.run '^$' -test.bench 'ColdStart/wasm' -test.benchtime 1x >/dev/null)
			eval "$phase=\$(echo \"\$(date +%s.%N) - \$start\" | bc)"
		done
		rm -rf "$cache"
		# shellcheck disable=SC2154 # set by the eval above
		echo "$name Compile $(echo "($cold - $warm) * 1000000000" | bc) $(load)" >>"$tmp/results.txt"
		(cd "$root/sandbox" && "$tmp/sb-$name.test" -test.run '^$' -test.bench "$bench" -test.benchtime 3x) |
			awk -v n="$name" -v l="$(load)" '/^Benchmark/ { b = $1; sub(/^Benchmark/, "", b); sub(/-[0-9]+$/, "", b); print n, b, $3, l }' >>"$tmp/results.txt"
		if [ -n "${WASMOPT_VM-}" ]; then
			(cd "$root/sandbox/bench" && "$tmp/wasmrun" "$tmp/vm-$name.wasm" . -test.run '^$' -test.bench "$vmbench" -test.benchtime 3x) |
				awk -v n="$name" -v l="$(load)" '/^Benchmark/ { b = $1; sub(/^Benchmark/, "vm/", b); sub(/-[0-9]+$/, "", b); print n, b, $3, l }' >>"$tmp/results.txt"
		fi
	done
	r=$((r + 1))
done

awk -v info="$tmp/info.txt" -v names="$names" -v rounds="$rounds" '
function ms(ns) { return sprintf("%.1f ms", ns / 1e6) }
BEGIN {
	while ((getline line < info) > 0) { split(line, f, "\t"); flags[f[1]] = f[2]; size[f[1]] = f[3]; secs[f[1]] = f[4] }
	nv = split(names, v, " ")
}
{
	k = $1 SUBSEP $2
	if (!(k in best) || $3 + 0 < best[k]) best[k] = $3 + 0
	if (!($2 in seen)) { seen[$2] = 1; order[++nb] = $2 }
	if (lo == "" || $4 + 0 < lo) lo = $4 + 0
	if ($4 + 0 > hi) hi = $4 + 0
}
END {
	printf "| benchmark (best of %d) |", rounds
	for (i = 1; i <= nv; i++) printf " %s |", v[i]
	printf "\n|---|"
	for (i = 1; i <= nv; i++) printf "---|"
	printf "\n| wasm-opt flags |"
	for (i = 1; i <= nv; i++) printf " `%s` |", flags[v[i]]
	printf "\n| wasm-opt time |"
	for (i = 1; i <= nv; i++) printf " %s s |", secs[v[i]]
	printf "\n| guest size |"
	for (i = 1; i <= nv; i++) printf " %.2f MB |", size[v[i]] / 1e6
	printf "\n"
	for (j = 1; j <= nb; j++) {
		b = order[j]; base = best["base" SUBSEP b]
		printf "| %s |", b
		for (i = 1; i <= nv; i++) {
			x = best[v[i] SUBSEP b]
			if (i == 1 || base == 0) printf " %s |", ms(x)
			else printf " %s (%+.0f%%) |", ms(x), (x / base - 1) * 100
		}
		printf "\n"
	}
	printf "\nload average (1 min) while measuring: %.2f-%.2f\n", lo, hi
}' "$tmp/results.txt"
