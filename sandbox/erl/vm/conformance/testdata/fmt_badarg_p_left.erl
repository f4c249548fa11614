-module(fmt_badarg_p_left).
-export([main/0]).
%% ~p does not take the left-adjust flag: badarg.
main() ->
    io:format("~-10p|~n", [abc]).
