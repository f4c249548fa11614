-module(sup_ok).
-behaviour(supervisor).
-export([init/1, start_link/0, start_worker/2]).

start_link() ->
    supervisor:start_link({local, ?MODULE}, ?MODULE, []).

%% Valid specs; the same id in two branches is fine (only one list is used).
init(Mode) ->
    Spec = case Mode of
               one -> [#{id => w, start => {w, start_link, []}, restart => transient, shutdown => 2000, type => worker}];
               _ -> [{w, {w, start_link, [x]}, permanent, infinity, supervisor, [w]}]
           end,
    {ok, {{one_for_all, 1, 5}, Spec ++ extra(Mode)}}.

%% As for simple_one_for_one: start_child appends arguments, so
%% start_worker/2 is the function called.
extra(Tag) ->
    [#{id => w2, start => {?MODULE, start_worker, [Tag]}}].

start_worker(Tag, N) -> {ok, spawn_link(fun() -> {Tag, N} end)}.
