-module(case_clause_error).
-export([main/0]).
%% No matching case clause is {case_clause,V}.
main() ->
    X = {unexpected, 1},
    case X of
        {expected, N} -> N;
        ok -> ok
    end.
