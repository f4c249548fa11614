#!/bin/sh
# Regenerates the expected outputs of sandbox/erl/format's tests from real
# Erlang/OTP 25: cases.golden (io_lib:format of every {Format, Args} in
# cases.txt, or badarg) and floats.golden (a fixed set of floats as ~w,
# float_to_list/1, ~.3f, ~.4e and ~g print them). Needs erl and erlc.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
erlc -o "$tmp" "$here/record.erl"
erl +S 1 -noshell -pa "$tmp" -run record main "$here"
