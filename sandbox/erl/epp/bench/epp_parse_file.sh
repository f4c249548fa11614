#!/bin/sh
# Times real Erlang's epp:parse_file/2 over every .erl file of OTP's stdlib
# sources, with one scheduler (+S 1), the include path OTP's build uses, and
# prints the best of 5 runs in milliseconds. Compare with
#   go test ./sandbox/erl/epp -run '^$' -bench ParseStdlib
# which preprocesses and parses the same files with otpbox.
set -eu
exec erl +S 1 -noshell -eval '
    Lib = code:lib_dir(),
    Files = filelib:wildcard(filename:join(Lib, "stdlib-*/src/*.erl")),
    Inc = [code:lib_dir(stdlib, include), code:lib_dir(kernel, include)],
    Run = fun() ->
        {T, _} = timer:tc(fun() ->
            [{ok, _} = epp:parse_file(F, [{includes, Inc}]) || F <- Files]
        end),
        T
    end,
    Run(),
    Times = [Run() || _ <- lists:seq(1, 5)],
    io:format("epp:parse_file on ~w stdlib files: best ~.1f ms, median ~.1f ms~n",
              [length(Files), lists:min(Times) / 1000, lists:nth(3, lists:sort(Times)) / 1000]),
    halt().'
