#!/bin/sh
# Checks the built-in eunit.hrl (../include/eunit.hrl) against OTP's real one
# with real Erlang: the same module, compiled once with each header, must
# raise the same error terms for every assertion and export the same
# functions. Needs erlc and erl; run by hand or from record.sh.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src"
cat >"$tmp/src/ec.erl" <<'ERL'
-module(ec).
-include_lib("eunit/include/eunit.hrl").
-export([run/0]).
f() -> 1.
zero() -> 0.
run() ->
    Cases = [fun () -> ?assert(f() =:= 2) end,
             fun () -> ?assert(f()) end,
             fun () -> ?assert(f() =:= 2, "note") end,
             fun () -> ?assertNot(f() =:= 1) end,
             fun () -> ?assertNot(x) end,
             fun () -> ?assertMatch({ok, _}, f()) end,
             fun () -> ?assertMatch({ok, _}, f(), <<"n">>) end,
             fun () -> ?assertNotMatch(1, f()) end,
             fun () -> ?assertEqual(2, f()) end,
             fun () -> ?assertEqual(2, f(), note) end,
             fun () -> ?assertNotEqual(1, f()) end,
             fun () -> ?assertException(error, badarith, f()) end,
             fun () -> ?assertException(throw, x, 1 / zero()) end,
             fun () -> ?assertError(badarith, ok) end,
             fun () -> ?assertExit(normal, f()) end,
             fun () -> ?assertThrow(x, f()) end,
             fun () -> ?assertNotException(error, badarith, 1 / zero()) end,
             fun () -> ?assertEqual(1, ?LET(X, f(), X)) end,
             fun () -> ?assertEqual(b, ?IF(f() =:= 1, a, b)) end,
             fun () -> {L, F} = ?_assertEqual(2, f()), {L, F()} end,
             fun () -> ?debugVal(f()) end],
    [begin
         R = try C() of V -> {value, V} catch Cl:Rs -> {Cl, Rs} end,
         io:format("~p.~n", [R])
     end || C <- Cases],
    io:format("~p.~n", [lists:sort([E || E = {N, _} <- ?MODULE:module_info(exports), N =/= module_info])]).
ERL
mkdir -p "$tmp/real" "$tmp/ours" "$tmp/inc/eunit/include"
cp "$here/../include/eunit.hrl" "$tmp/inc/eunit/include/eunit.hrl"
erlc -o "$tmp/real" "$tmp/src/ec.erl"
# include_lib finds eunit/include/eunit.hrl under -I before the real one.
# Our header has no parse transform (otpbox's preprocessor does its work):
# export test/0 by hand, on the same line so that line numbers stay.
sed -i 's/^-export(\[run\/0\])./-export([run\/0, test\/0]). test() -> eunit:test(?MODULE)./' "$tmp/src/ec.erl"
erlc -I "$tmp/inc" -o "$tmp/ours" "$tmp/src/ec.erl"
erl -noshell -pa "$tmp/real" -eval 'ec:run(), halt().' 2>&1 | sed 's/<[0-9.]*>/PID/g' >"$tmp/real.out"
erl -noshell -pa "$tmp/ours" -eval 'ec:run(), halt().' 2>&1 | sed 's/<[0-9.]*>/PID/g' >"$tmp/ours.out"
if diff -u "$tmp/real.out" "$tmp/ours.out"; then
	echo "built-in eunit.hrl: same error terms as OTP's ($(grep -c . "$tmp/real.out") results)" >&2
else
	echo "built-in eunit.hrl differs from OTP's (above: - real, + ours)" >&2
	exit 1
fi
