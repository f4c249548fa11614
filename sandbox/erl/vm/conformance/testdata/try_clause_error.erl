-module(try_clause_error).
-export([main/0]).
%% A value that matches no of-clause is {try_clause,V}.
main() ->
    try value() of
        2 -> two
    catch
        _:_ -> caught
    end.

value() -> 1.
