-module(proc_ring).
-export([main/0]).
%% a ring of 100 processes passing a token 10 times round.

ring_node(Next) ->
    receive
        {token, 0, Main} -> Main ! done;
        {token, N, Main} -> Next ! {token, N - 1, Main}, ring_node(Next)
    end.

make(0, Next) -> Next;
make(K, Next) -> make(K - 1, spawn(fun() -> ring_node(Next) end)).

main() ->
    Main = self(),
    Last = spawn(fun() -> receive {first, F} -> ring_node(F) end end),
    First = make(99, Last),
    Last ! {first, First},
    First ! {token, 1000, Main},
    receive done -> ok end.
