-module(pid_ref_basic).
-export([main/0]).
%% Pids and references: only their deterministic properties.
main() ->
    P = self(),
    R1 = make_ref(),
    R2 = make_ref(),
    [is_pid(P), P =:= self(), is_reference(R1), R1 =:= R1, R1 =/= R2, R1 == R2,
     is_pid(R1), node(P), node(), node(R1), is_process_alive(P), is_list(pid_to_list(P)),
     is_list(ref_to_list(R1))].
