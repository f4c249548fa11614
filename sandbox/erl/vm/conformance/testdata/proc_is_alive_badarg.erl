-module(proc_is_alive_badarg).
-export([main/0]).
%% is_process_alive of something that is not a pid raises badarg.

main() ->
    is_process_alive(list_to_atom("not_a_pid")).
