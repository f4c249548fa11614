-module(returns).
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2, handle_info/2, code_change/3]).

init(bad) ->
    {noreply, #{}}; %% want OTP005 "init/1 returns {noreply, ...}"
init(ignored) ->
    ignore;
init(Args) ->
    {ok, Args}.

handle_call(get, _From, S) ->
    {reply, S, S};
handle_call(ok, _From, S) ->
    {ok, S}; %% want OTP005 "handle_call/3 returns {ok, ...}"
handle_call(stop, _From, S) ->
    {stop, normal, ok, S};
handle_call(Req, From, S) ->
    dispatch(Req, From, S).

dispatch(ping, _From, S) ->
    case S of
        #{} -> {reply, pong, S};
        _ -> {reply, pong, S, hibernate}
    end;
dispatch(_, _From, S) ->
    ok. %% want OTP005 "handle_call/3 returns ok"

handle_cast({set, V}, _S) ->
    {reply, ok, V}; %% want OTP005 "handle_cast/2 returns {reply, ...}"
handle_cast(stop, S) ->
    {stop, normal, S};
handle_cast(Msg, S) ->
    Reply = {noreply, [Msg | S]},
    Reply.

handle_info(timeout, S) ->
    {noreply, S, hibernate};
handle_info(_Info, S) -> %% want OTP007 "drops every message"
    {noreply, S}.

code_change(_Old, S, _Extra) ->
    {ok, S}.
