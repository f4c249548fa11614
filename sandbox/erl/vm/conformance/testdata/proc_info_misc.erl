-module(proc_info_misc).
-export([main/0]).
%% process_info for registered_name, trap_exit, dictionary, status, links and a dead process.

main() ->
    register(proc_info_misc_me, self()),
    put(k, v),
    process_flag(trap_exit, true),
    Pid = spawn_link(fun() -> receive stop -> ok end end),
    {registered_name, Name} = process_info(self(), registered_name),
    {trap_exit, T} = process_info(self(), trap_exit),
    {dictionary, D} = process_info(self(), dictionary),
    {status, S} = process_info(self(), status),
    {links, Ls} = process_info(self(), links),
    timer:sleep(5),
    {status, CS} = process_info(Pid, status),
    Pid ! stop,
    receive {'EXIT', Pid, normal} -> ok end,
    {Name, T, lists:keyfind(k, 1, D), S, Ls =:= [Pid], CS, process_info(Pid, status)}.
