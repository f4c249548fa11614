#!/bin/sh
# Runs a package's benchmarks in the wasm build (GOOS=wasip1 GOARCH=wasm,
# under wazero's compiler, as the sandbox runs the VM) next to the native
# build, for docs/benchmarks.md.
#
#   sandbox/bench/wasm.sh [PKG...]     # default: ./sandbox/erl/format
#   WASM_TAGS=vm_bench WASM_BENCH='Fib27|List' WASM_COUNT=1 sandbox/bench/wasm.sh ./sandbox/bench
#                                      # the VM's programs (bench.erl) in both builds
#   GOGC=400 WASM_TAGS=... sandbox/bench/wasm.sh
#                                      # both builds with the guest's GOGC (wasmrun passes
#                                      # GOGC, GOMEMLIMIT and GODEBUG through)
set -eu
tags=${WASM_TAGS-}
bench=${WASM_BENCH-.}
count=${WASM_COUNT-3}
cd "$(dirname "$0")/../.."
pkgs=${*:-./sandbox/erl/format}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/wasmrun" ./sandbox/bench/wasmrun
for pkg in $pkgs; do
	echo "== $pkg (native)"
	go test -tags "$tags" -run '^$' -bench "$bench" -benchmem -count "$count" "$pkg" | grep '^Benchmark'
	echo "== $pkg (wasm)"
	GOOS=wasip1 GOARCH=wasm go test -tags "$tags" -c -o "$tmp/gc.wasm" "$pkg"
	# As `make guest` builds the guest: gc's forward jumps made direct.
	go run ./sandbox/guest/internal/jumpthread -o "$tmp/pkg.wasm" "$tmp/gc.wasm" 2>/dev/null
	"$tmp/wasmrun" "$tmp/pkg.wasm" "$pkg" -test.run '^$' -test.bench "$bench" -test.benchmem -test.count "$count" | grep '^Benchmark'
done
