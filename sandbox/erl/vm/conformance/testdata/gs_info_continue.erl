-module(gs_info_continue).
-export([main/0, init/1, handle_call/3, handle_cast/2, handle_info/2, handle_continue/2]).
-behaviour(gen_server).
%% handle_info and handle_cast can return {continue, C} and timeouts too.

init(R) -> {ok, R}.
handle_call(_, _From, S) -> {reply, ok, S}.
handle_cast(go, R) -> {noreply, R, {continue, from_cast}}.
handle_info(go, R) -> {noreply, R, {continue, from_info}};
handle_info(timeout, R) -> R ! timeout_after_continue, {noreply, R}.
handle_continue(C, R) -> R ! C, {noreply, R, 5}.

main() ->
    {ok, Pid} = gen_server:start(?MODULE, self(), []),
    gen_server:cast(Pid, go),
    A = [receive X -> X end || _ <- [1, 2]],
    Pid ! go,
    B = [receive X -> X end || _ <- [1, 2]],
    gen_server:stop(Pid),
    {A, B}.
