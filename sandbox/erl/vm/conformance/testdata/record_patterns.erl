-module(record_patterns).
-export([main/0]).
%% Records in patterns and guards.
-record(shape, {kind, size = 1}).
main() ->
    Shapes = [#shape{kind = square, size = 2}, #shape{kind = circle}, {other, 1}, #shape{kind = tri, size = 0}],
    [area(S) || S <- Shapes].

area(#shape{kind = square, size = S}) -> S * S;
area(#shape{kind = circle, size = R}) -> 3 * R * R;
area(S) when is_record(S, shape), S#shape.size =:= 0 -> zero;
area(_) -> unknown.
