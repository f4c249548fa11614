-module(gs_format_status).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, format_status/2]).
-behaviour(gen_server).
%% format_status/2 decides what sys:get_status shows of the state.

init(_) -> {ok, #{password => "secret", user => "joe"}}.
handle_call(_, _From, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.
handle_info(_, S) -> {noreply, S}.
format_status(_Opt, [_PDict, State]) -> [{data, [{"State", maps:remove(password, State)}]}].

main() ->
    {ok, Pid} = gen_server:start(?MODULE, [], []),
    {status, _, _, [_, _, _, _, Misc]} = sys:get_status(Pid),
    gen_server:stop(Pid),
    lists:last(Misc).
