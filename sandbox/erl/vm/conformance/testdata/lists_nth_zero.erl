-module(lists_nth_zero).
-export([main/0]).
%% lists:nth(0, L) is function_clause, as in OTP.
main() ->
    lists:nth(0, [a, b]).
