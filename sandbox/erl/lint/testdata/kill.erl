-module(kill).
-export([restart/2, kill_all/1, stop/2, kill_other/1, kill_one/2]).

restart(Sup, Spec) ->
    {ok, Pid} = supervisor:start_child(Sup, Spec),
    exit(Pid, kill). %% want OTP014 "exit(Pid, kill) on a supervisor's child"

kill_all(Sup) ->
    [erlang:exit(P, kill) || {_, P, _, _} <- supervisor:which_children(Sup)]. %% want OTP014 "terminate_child"

stop(Sup, Id) ->
    supervisor:terminate_child(Sup, Id).

kill_other(Pid) ->
    exit(Pid, kill).

kill_one(Sup, Id) ->
    {Id, Pid, _, _} = lists:keyfind(Id, 1, supervisor:which_children(Sup)),
    exit(Pid, kill). %% want OTP014 "delete_child"
