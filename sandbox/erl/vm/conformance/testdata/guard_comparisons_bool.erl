-module(guard_comparisons_bool).
-export([main/0]).
%% Comparisons and boolean operators in guards and expressions.
main() ->
    [cmp(1, 2), cmp(2, 1), cmp(1, 1), cmp(1, 1.0), cmp(a, 1),
     true and false, true or false, true xor true, not true, false andalso crash(), true orelse crash()].

cmp(A, B) when A < B -> lt;
cmp(A, B) when A > B -> gt;
cmp(A, B) when A =:= B -> exact;
cmp(A, B) when A == B -> equal.

crash() -> erlang:error(should_not_run).
