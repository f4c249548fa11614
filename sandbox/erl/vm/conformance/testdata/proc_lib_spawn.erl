-module(proc_lib_spawn).
-export([main/0]).
%% proc_lib:spawn and spawn_link: ordinary processes with OTP's bookkeeping.

main() ->
    Me = self(),
    P1 = proc_lib:spawn(fun() -> Me ! {ancestors, get('$ancestors')} end),
    A = receive {ancestors, L} -> L =:= [Me] end,
    process_flag(trap_exit, true),
    P2 = proc_lib:spawn_link(fun() -> exit(done) end),
    B = receive {'EXIT', P2, R} -> R end,
    {is_pid(P1), A, B}.
