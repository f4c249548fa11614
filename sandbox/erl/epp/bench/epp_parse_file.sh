#!/bin/sh
# Times real Erlang's epp:parse_file/2 over every .erl file of OTP's stdlib
# sources, with one scheduler (+S 1) and the include path OTP's build uses,
# and prints the best and median of 5 runs in milliseconds, as wall-clock
# time and as CPU time (statistics(runtime)), which is steadier on a busy
# machine. Compare with
#   go test ./sandbox/erl/epp -run '^$' -bench ParseStdlib
# which preprocesses and parses the same files with otpbox.
set -eu
exec erl +S 1 -noshell -eval '
    Lib = code:lib_dir(),
    Files = filelib:wildcard(filename:join(Lib, "stdlib-*/src/*.erl")),
    Inc = [code:lib_dir(stdlib, include), code:lib_dir(kernel, include)],
    Run = fun() ->
        {C0, _} = statistics(runtime),
        {T, _} = timer:tc(fun() ->
            [{ok, _} = epp:parse_file(F, [{includes, Inc}]) || F <- Files]
        end),
        {C1, _} = statistics(runtime),
        {T / 1000, C1 - C0}
    end,
    Run(),
    Runs = [Run() || _ <- lists:seq(1, 5)],
    Wall = lists:sort([W || {W, _} <- Runs]),
    Cpu = lists:sort([C || {_, C} <- Runs]),
    io:format("epp:parse_file on ~w stdlib files: wall best ~.1f ms, median ~.1f ms; "
              "cpu best ~w ms, median ~w ms~n",
              [length(Files), hd(Wall), lists:nth(3, Wall), hd(Cpu), lists:nth(3, Cpu)]),
    halt().'
