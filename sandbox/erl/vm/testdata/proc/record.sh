#!/bin/sh
# Records proct.golden from real Erlang/OTP: each case runs in a process of
# its own that does not trap exits, as VM.Call runs it (run where erl is
# installed;
# proc_test.go compares the VM against the file without Erlang).
#
#   sandbox/erl/vm/testdata/proc/record.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
erlc -o "$tmp" "$here/proct.erl"
erl -noshell -pa "$tmp" -eval '
    Run = fun(F) ->
                  {_, M} = spawn_monitor(fun() -> exit({done, proct:F()}) end),
                  receive {_, M, process, _, {done, R}} -> R end
          end,
    [io:format("~s ~w~n", [F, Run(F)]) || {F, 0} <- proct:module_info(exports),
                                          F =/= module_info],
    halt().' >"$here/proct.golden"
