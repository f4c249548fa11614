-module(supflags).
-behaviour(supervisor).
-export([init/1]).

init(new) ->
    {ok, {#{strategy => one_for_none, intensity => -1, period => 5}, []}}; %% want OTP016 "invalid supervisor strategy one_for_none" want OTP016 "negative restart intensity"
init(old) ->
    {ok, {{rest_for_al, 3, ten}, []}}; %% want OTP016 "strategy rest_for_al" want OTP016 "ten is not an integer"
init(good) ->
    {ok, {#{strategy => rest_for_one, intensity => 0, period => 1}, []}};
init(good_old) ->
    {ok, {{simple_one_for_one, 10, 60}, []}}.
