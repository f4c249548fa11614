-module(blocking).
-behaviour(gen_server).
-export([start_link/0, get/0, init/1, handle_call/3, handle_cast/2, handle_info/2]).

start_link() ->
    gen_server:start_link({local, counter_srv}, ?MODULE, [], []).

%% An API function: calling the server from outside is fine.
get() ->
    gen_server:call(?MODULE, get). %% want OTP001 "handle_call/3 through get/0"

init([]) ->
    {ok, 0}.

handle_call(get, _From, N) ->
    {reply, N, N};
handle_call(twice, _From, N) ->
    M = gen_server:call(self(), get), %% want OTP001 "deadlocks"
    {reply, 2 * M, N};
handle_call(again, _From, N) ->
    {reply, get(), N};
handle_call(by_name, _From, N) ->
    {reply, gen_server:call(counter_srv, get, 1000), N}; %% want OTP001 "this same server"
handle_call(other, _From, N) ->
    R = gen_server:call(other_server, get, infinity), %% want OTP004 "infinity timeout"
    {reply, R, N};
handle_call(other_finite, _From, N) ->
    R = gen_server:call(other_server, get, 2000),
    {reply, R, N};
handle_call(slow, _From, N) ->
    timer:sleep(1000), %% want OTP002 "timer:sleep in handle_call/3"
    {reply, ok, N};
handle_call(helper, _From, N) ->
    {reply, wait_for_it(), N};
handle_call(later, _From, N) ->
    %% A fun runs later, maybe elsewhere: not a deadlock here.
    spawn(fun() -> gen_server:call(?MODULE, get) end),
    {reply, ok, N}.

wait_for_it() ->
    receive %% want OTP003 "receive without after"
        {done, X} -> X
    end.

handle_cast(nap, N) ->
    receive after 100 -> ok end, %% want OTP002 "sleeps"
    {noreply, N};
handle_cast(poll, N) ->
    receive
        {done, X} -> {noreply, X}
    after 0 ->
        {noreply, N}
    end;
handle_cast(forever, N) ->
    receive %% want OTP003 "after infinity"
        {done, X} -> {noreply, X}
    after infinity ->
        {noreply, N}
    end.

handle_info({'EXIT', _, _}, N) ->
    {noreply, N}.
