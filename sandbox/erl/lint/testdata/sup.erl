-module(sup).
-behaviour(supervisor).
-export([init/1, start_worker/1, start_link/0]).

start_link() ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, []).

init([]) ->
    Flags = #{strategy => one_for_one, intensity => 5, period => 10},
    Children = [
        #{id => worker_a, start => {?MODULE, start_worker, [a]}},
        #{id => worker_b, start => {?MODULE, start_worker, [b]}, restart => permanant}, %% want OTP011 "invalid restart value permanant"
        #{id => worker_a, start => {?MODULE, start_worker, [c]}, type => wroker}, %% want OTP012 "already used on line 11" want OTP011 "invalid type value"
        #{id => hidden, start => {?MODULE, start_hidden, []}, shutdown => -1}, %% want OTP013 "not exported" want OTP011 "negative"
        #{id => ghost, start => {?MODULE, no_such_fun, [1]}}, %% want OTP013 "not defined"
        {old_style, {?MODULE, start_worker, [d]}, temporary, brutal_kill, worker, [?MODULE]},
        {old_bad, {?MODULE, start_worker, [e]}, sometimes, 5000, worker, [?MODULE]}, %% want OTP011 "restart value sometimes"
        #{id => other_mod, start => {other, start_link, []}, shutdown => infinity, type => supervisor}
    ],
    {ok, {Flags, Children ++ more()}}.

more() ->
    [#{id => more, start => {?MODULE, start_worker, [f]}, shutdown => kill}]. %% want OTP011 "shutdown value kill"

start_worker(Name) ->
    {ok, spawn_link(fun() -> Name end)}.

start_hidden() ->
    {ok, self()}.
