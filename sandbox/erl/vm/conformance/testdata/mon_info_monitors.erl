-module(mon_info_monitors).
-export([main/0]).
%% process_info monitors and monitored_by.

main() ->
    Pid = spawn(fun() -> receive stop -> ok end end),
    Ref = monitor(process, Pid),
    {monitors, Ms} = process_info(self(), monitors),
    {monitored_by, By} = process_info(Pid, monitored_by),
    demonitor(Ref),
    {monitors, Ms2} = process_info(self(), monitors),
    Pid ! stop,
    {Ms =:= [{process, Pid}], By =:= [self()], Ms2}.
