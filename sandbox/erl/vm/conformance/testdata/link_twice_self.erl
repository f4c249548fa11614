-module(link_twice_self).
-export([main/0]).
%% linking twice makes one link; linking to oneself is a no-op.

main() ->
    Pid = spawn(fun() -> receive stop -> ok end end),
    true = link(Pid),
    true = link(Pid),
    {links, L1} = process_info(self(), links),
    true = link(self()),
    {links, L2} = process_info(self(), links),
    true = unlink(Pid),
    {links, L3} = process_info(self(), links),
    Pid ! stop,
    {length(L1), length(L2), L3}.
