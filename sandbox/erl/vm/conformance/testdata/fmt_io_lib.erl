-module(fmt_io_lib).
-export([main/0]).
%% io_lib:format returns a character list (possibly deep).
main() ->
    A = io_lib:format("~p-~s-~w", [x, "y", 3]),
    B = lists:flatten(io_lib:format("~5.1f|~-4w|", [2.25, ab])),
    C = io_lib:format("~ts", [<<"é"/utf8>>]),
    D = lists:flatten(io_lib:format("~tp", [[1024]])),
    {lists:flatten(A), B, lists:flatten(C), D, io_lib:write(x), lists:flatten(io_lib:write([1, "ab"]))}.
