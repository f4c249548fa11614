-module(fmt_badarg).
-export([main/0]).
%% A format that does not match its arguments is badarg.
main() ->
    io:format("~d~n", [not_an_integer]).
