#!/bin/sh
# Measures the floor under the VM's wasm-to-native ratio: a six-instruction
# interpreter with the VM's dispatch loop shape (sandbox/bench/internal/wasmfloor)
# run natively and as Go compiled to wasm under wazero's compiler, as the
# sandbox runs the VM; and the same fib in the grown interpreter, the toy
# grown towards the VM's run, in each of its loop designs (Fib27Grown/...). The wasm build is measured twice: as Go compiles it,
# and with bounds and nil checks off (-B -d=disablenil), which no product
# build uses; that row shows what the checks cost, not a configuration.
# A third wasm column is the checked build after jumpthread, as `make
# guest` rewrites the guest (sandbox/guest/internal/jumpthread).
#
#   sandbox/bench/wasmfloor.sh            # best of 5 runs of each
#   FLOOR_RUNS=3 sandbox/bench/wasmfloor.sh
set -eu
runs=${FLOOR_RUNS-5}
cd "$(dirname "$0")/../.."
pkg=./sandbox/bench/internal/wasmfloor
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/wasmrun" ./sandbox/bench/wasmrun
go test -c -o "$tmp/native" "$pkg"
GOOS=wasip1 GOARCH=wasm go test -c -o "$tmp/checked.wasm" "$pkg"
GOOS=wasip1 GOARCH=wasm go test -gcflags='-B -d=disablenil' -c -o "$tmp/unchecked.wasm" "$pkg"
go run ./sandbox/guest/internal/jumpthread -o "$tmp/threaded.wasm" "$tmp/checked.wasm" 2>/dev/null
for i in $(seq "$runs"); do
	"$tmp/native" -test.run '^$' -test.bench . -test.count 1 | awk '/^Benchmark/ {sub(/-[0-9]+$/, "", $1); print "native", $1, $3}'
	"$tmp/wasmrun" "$tmp/checked.wasm" "$pkg" -test.run '^$' -test.bench . -test.count 1 | awk '/^Benchmark/ {print "wasm", $1, $3}'
	"$tmp/wasmrun" "$tmp/unchecked.wasm" "$pkg" -test.run '^$' -test.bench . -test.count 1 | awk '/^Benchmark/ {print "wasm-unchecked", $1, $3}'
	"$tmp/wasmrun" "$tmp/threaded.wasm" "$pkg" -test.run '^$' -test.bench . -test.count 1 | awk '/^Benchmark/ {print "wasm-threaded", $1, $3}'
done >"$tmp/all"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
sort -k1,1 -k2,2 -k3,3n "$tmp/all" | awk '
	!(($1 " " $2) in best) { best[$1 " " $2] = $3; names[$2] = 1 }
	END {
		printf "%-34s %12s %12s %8s %16s %8s %15s %8s\n", "benchmark", "native ms", "wasm ms", "ratio", "unchecked ms", "ratio", "threaded ms", "ratio"
		for (n in names) {
			nat = best["native " n]; w = best["wasm " n]; u = best["wasm-unchecked " n]; t = best["wasm-threaded " n]
			printf "%-34s %12.1f %12.1f %7.1fx %16.1f %7.1fx %15.1f %7.1fx\n", n, nat / 1e6, w / 1e6, w / nat, u / 1e6, u / nat, t / 1e6, t / nat | "sort"
		}
	}'
