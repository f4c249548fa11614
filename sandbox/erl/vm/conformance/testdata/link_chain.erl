-module(link_chain).
-export([main/0]).
%% an exit travels along a chain of links.

chain(0) -> receive after infinity -> ok end;
chain(N) -> spawn_link(fun() -> chain(N - 1) end), receive after infinity -> ok end.

main() ->
    process_flag(trap_exit, true),
    Parent = self(),
    Top = spawn_link(fun() ->
        Leaf = self(),
        Parent ! {leaf, Leaf},
        spawn_link(fun() -> chain(5) end),
        receive boom -> exit(chain_broken) end
    end),
    receive {leaf, Leaf} -> Leaf ! boom end,
    receive {'EXIT', Top, Why} -> Why end.
