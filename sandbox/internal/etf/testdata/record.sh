#!/bin/sh
# Records etf_terms.golden: one line per term of etf_terms:terms/0, the hex
# of term_to_binary(T, [{minor_version, 2}]) from real Erlang/OTP.
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
erlc -o "$tmp" etf_terms.erl
erl -noshell -pa "$tmp" -eval '
    Lines = [[[io_lib:format("~2.16.0b", [B]) || <<B>> <= term_to_binary(T, [{minor_version, 2}])], "\n"]
             || T <- etf_terms:terms()],
    ok = file:write_file("etf_terms.golden", Lines),
    halt().'
