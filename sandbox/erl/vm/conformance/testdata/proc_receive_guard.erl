-module(proc_receive_guard).
-export([main/0]).
%% receive clauses with guards.

classify() ->
    receive
        N when is_integer(N), N > 100 -> {big, N};
        N when is_integer(N) -> {small, N};
        A when is_atom(A) -> {atom, A}
    after 0 -> done
    end.

main() ->
    [self() ! M || M <- [5, hello, 500, "str"]],
    L = [classify() || _ <- lists:seq(1, 4)],
    {L, receive S -> S after 0 -> none end}.
