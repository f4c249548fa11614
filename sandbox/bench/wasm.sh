#!/bin/sh
# Runs a package's benchmarks in the wasm build (GOOS=wasip1 GOARCH=wasm,
# under wazero's compiler, as the sandbox runs the VM) next to the native
# build, for docs/benchmarks.md.
#
#   sandbox/bench/wasm.sh [PKG...]     # default: ./sandbox/erl/format
set -eu
cd "$(dirname "$0")/../.."
pkgs=${*:-./sandbox/erl/format}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/wasmrun" ./sandbox/bench/wasmrun
for pkg in $pkgs; do
	echo "== $pkg (native)"
	go test -run '^$' -bench . -benchmem -count 3 "$pkg" | grep '^Benchmark'
	echo "== $pkg (wasm)"
	GOOS=wasip1 GOARCH=wasm go test -c -o "$tmp/pkg.wasm" "$pkg"
	"$tmp/wasmrun" "$tmp/pkg.wasm" "$pkg" -test.run '^$' -test.bench . -test.benchmem -test.count 3 | grep '^Benchmark'
done
