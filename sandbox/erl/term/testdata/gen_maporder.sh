#!/bin/sh
# Regenerates maporder.golden from real Erlang/OTP 25 (needs erl on PATH).
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
erlc -o "$tmp" maporder.erl
erl -noshell -pa "$tmp" -eval 'maporder:main(), halt().' > maporder.golden
