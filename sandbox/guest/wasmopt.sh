#!/bin/sh
# Post-optimises the guest that gc built (IN) with Binaryen's wasm-opt
# into OUT, the module package sandbox embeds, and records that it did in
# wasm-opt.txt beside OUT (embedded too: under OTPBOX_REQUIRE_ALL=1,
# TestGuestOptimised fails when the embedded guest is not the one
# recorded there). Why and which passes: docs/rationale.md, "sandbox: the
# guest's build flags and wazero's settings".
#
#   sandbox/guest/wasmopt.sh IN OUT      # run by `make guest`
#
# Without wasm-opt (Debian package binaryen), or if it fails, OUT is IN
# unchanged, with one message on stderr: the product works, its wasm
# sandboxes are slower. wasm-opt -O3 takes 30-50 s here, so it runs again only
# when IN has changed since the last optimised build.
set -eu
in=$1
out=$2
dir=$(dirname "$out")
stamp="$dir/wasm-opt.txt"
# The input of the last optimisation (a dot file: go:embed leaves it out).
last="$dir/.guest.unoptimised.wasm"
# The wasm features gc's wasip1 output uses (wasm-opt's default is the MVP,
# and its validation rejects the module without them); -g keeps the name
# section, by which profiles and wazero's trap stack traces name the
# guest's functions.
features="--enable-sign-ext --enable-nontrapping-float-to-int --enable-bulk-memory --enable-mutable-globals -g"
# OTPBOX_WASMOPT_PASSES=-Os builds in 40% of the time, as fast within noise.
passes=${OTPBOX_WASMOPT_PASSES:--O3}

sha() { sha256sum "$1" | cut -d' ' -f1; }
unoptimised() {
	echo "otpbox: $1: the sandbox's guest is not optimised (wasm sandboxes run 1.2-1.8x slower; install binaryen, see README)" >&2
	cp "$in" "$out"
	rm -f "$stamp" "$last"
}

if [ -f "$out" ] && [ -f "$stamp" ] && cmp -s "$in" "$last" &&
	grep -qxF "passes: $passes" "$stamp" && grep -qx "sha256: $(sha "$out")" "$stamp"; then
	exit 0
fi
if ! command -v wasm-opt >/dev/null; then
	unoptimised "wasm-opt not found (Debian package binaryen)"
	exit 0
fi
# shellcheck disable=SC2086 # features and passes are words
if ! err=$(wasm-opt $features $passes "$in" -o "$out.tmp" 2>&1); then
	rm -f "$out.tmp"
	unoptimised "wasm-opt $passes failed: $err"
	exit 0
fi
mv "$out.tmp" "$out"
cp "$in" "$last"
{
	wasm-opt --version
	echo "passes: $passes"
	echo "sha256: $(sha "$out")"
} >"$stamp"
