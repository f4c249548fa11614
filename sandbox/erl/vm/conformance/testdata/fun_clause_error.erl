-module(fun_clause_error).
-export([main/0]).
%% A fun with no matching clause raises function_clause in the fun.
main() ->
    F = clauses(),
    F(c).

clauses() -> fun(a) -> 1; (b) -> 2 end.
