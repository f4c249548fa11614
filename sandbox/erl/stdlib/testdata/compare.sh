#!/bin/sh
# Compares otpbox's stdlib modules with OTP 25's in real Erlang: each
# module is compiled under the name xNAME beside OTP's NAME, and the
# compare_otp*.erl drivers call both with the same arguments and print the
# calls whose results or exceptions differ. Needs erl and erlc.
#
# Known difference: lists:sort/1 keeps elements that compare equal (1 and
# 1.0) in input order; OTP's sort/1 does not promise an order for them.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for m in lists maps proplists string unicode io_lib; do
	sed "s/^-module($m)/-module(x$m)/" "$here/../$m.erl" > "$tmp/x$m.erl"
done
cp "$here"/compare_otp*.erl "$tmp"
(cd "$tmp" && erlc *.erl 2>&1 | grep -v -i warning | grep -v '^%' | grep -v '^ *$' || true)
for d in compare_otp1 compare_otp2 compare_otp3 compare_otp4; do
	(cd "$tmp" && erl -noshell -eval "$d:main(), halt().")
done
