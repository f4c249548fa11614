-module(fmt_badarg_count).
-export([main/0]).
%% Too few arguments for the format is badarg.
main() ->
    io_lib:format("~p ~p~n", [only_one]).
