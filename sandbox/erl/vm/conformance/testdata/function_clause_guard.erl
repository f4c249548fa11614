-module(function_clause_guard).
-export([main/0]).
%% A guard that fails in every clause is function_clause.
main() ->
    {positive(5), positive(-1)}.

positive(N) when N > 0 -> N.
