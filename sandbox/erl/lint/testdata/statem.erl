-module(statem).
-behaviour(gen_statem).
-export([init/1, callback_mode/0, idle/3, busy/3, start/0]).

start() -> ok.

init(_) ->
    {ok, idle, #{}, []}.

callback_mode() -> state_functions.

idle(cast, go, Data) ->
    {next_state, busy, Data};
idle({call, From}, ask, Data) ->
    {keep_state, Data, [{reply, From, no}]};
idle(info, _, Data) ->
    {noreply, Data}. %% want OTP005 "idle/3 returns {noreply, ...}"

busy(cast, _, _Data) ->
    keep_state_and_data;
busy({call, _From}, _, Data) ->
    timer:sleep(5), %% want OTP002 "gen_statem"
    {next_state, idle, Data, [postpone]}.
