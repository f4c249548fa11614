-module(mon_self).
-export([main/0]).
%% monitoring oneself never fires; demonitor of an unknown reference is true.

main() ->
    Ref = monitor(process, self()),
    A = receive {'DOWN', Ref, _, _, _} -> down after 20 -> none end,
    B = demonitor(Ref),
    C = demonitor(make_ref()),
    {A, B, C}.
