-module(hot_new_export).
-export([main/0]).
%% a new version can add exports; the old one's funs keep working.

load(Src) -> conformance_runner:load_source(element(2, erl_mod(Src)), Src).

%% The module name is the atom after "-module(" in the source.
erl_mod("-module(" ++ Rest) -> {ok, list_to_atom(lists:takewhile(fun(C) -> C =/= $) end, Rest))};
erl_mod([_ | Rest]) -> erl_mod(Rest).

main() ->
    {module, hot_ne} = load("-module(hot_ne).\n-export([f/0, mk/0]).\nf() -> old.\nmk() -> fun() -> f() end.\n"),
    Fun = hot_ne:mk(),
    {module, hot_ne} = load("-module(hot_ne).\n-export([f/0, g/0]).\nf() -> new.\ng() -> added.\n"),
    {Fun(), hot_ne:f(), hot_ne:g(), erlang:function_exported(hot_ne, mk, 0)}.
