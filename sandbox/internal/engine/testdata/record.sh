#!/bin/sh
# Records errfmt.golden: each case of errfmt_cases:cases/0 formatted by real
# Erlang's erl_error as the shell formats an uncaught exception, followed
# by a line "%%%".
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
erlc -o "$tmp" errfmt_cases.erl
erl -noshell -pa "$tmp" -eval '
    Fmt = fun({C, R, S}) ->
        ["** ", erl_error:format_exception(4, C, R, S, fun(_, _, _) -> false end,
                                           fun(T, I) -> io_lib:print(T, I, 80, 30) end, unicode),
         "\n%%%\n"]
    end,
    ok = file:write_file("errfmt.golden", unicode:characters_to_binary([Fmt(X) || X <- errfmt_cases:cases()])),
    halt().'
