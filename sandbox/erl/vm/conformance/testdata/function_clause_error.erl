-module(function_clause_error).
-export([main/0]).
%% No matching function clause is function_clause, with the arguments in the stack.
main() ->
    area({circle, 1}) + area({hexagon, 2}).

area({square, S}) -> S * S;
area({circle, R}) -> 3 * R * R.
