-module(if_clause_error).
-export([main/0]).
%% No true guard in if is if_clause.
main() ->
    X = value(),
    if
        X > 10 -> big;
        X < 0 -> negative
    end.

value() -> 5.
