-module(hot_old_code_fun).
-export([main/0]).
%% a fun made by the old version still runs the old code until purged.

load(Src) -> conformance_runner:load_source(element(2, erl_mod(Src)), Src).

%% The module name is the atom after "-module(" in the source.
erl_mod("-module(" ++ Rest) -> {ok, list_to_atom(lists:takewhile(fun(C) -> C =/= $) end, Rest))};
erl_mod([_ | Rest]) -> erl_mod(Rest).

main() ->
    {module, hot_of} = load("-module(hot_of).\n-export([mk/0]).\nmk() -> fun() -> one end.\n"),
    F = hot_of:mk(),
    {module, hot_of} = load("-module(hot_of).\n-export([mk/0]).\nmk() -> fun() -> two end.\n"),
    G = hot_of:mk(),
    {F(), G(), erlang:check_old_code(hot_of)}.
