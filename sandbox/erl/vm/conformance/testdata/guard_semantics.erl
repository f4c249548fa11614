-module(guard_semantics).
-export([main/0]).
%% A guard that raises is simply false; ; separates alternatives; andalso/orelse short-circuit.
main() ->
    [safe(a), safe([x]), safe(3), alt(1), alt(b), alt(2.0), short(0), short(5), short(x)].

safe(X) when hd(X) =:= x -> head_x;
safe(X) when X + 1 > 3 -> big;
safe(_) -> fallback.

alt(X) when is_integer(X); is_atom(X) -> int_or_atom;
alt(_) -> other.

short(X) when X =:= 0 orelse 10 div X > 1 -> yes;
short(X) when is_integer(X) andalso X > 100 -> huge;
short(_) -> no.
