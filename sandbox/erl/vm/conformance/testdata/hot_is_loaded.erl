-module(hot_is_loaded).
-export([main/0]).
%% code:is_loaded and code:all_loaded see a module loaded from source.

load(Src) -> conformance_runner:load_source(element(2, erl_mod(Src)), Src).

%% The module name is the atom after "-module(" in the source.
erl_mod("-module(" ++ Rest) -> {ok, list_to_atom(lists:takewhile(fun(C) -> C =/= $) end, Rest))};
erl_mod([_ | Rest]) -> erl_mod(Rest).

main() ->
    A = code:is_loaded(hot_il),
    {module, hot_il} = load("-module(hot_il).\n-export([f/0]).\nf() -> 1.\n"),
    {file, _} = code:is_loaded(hot_il),
    B = lists:keymember(hot_il, 1, code:all_loaded()),
    {A, B, hot_il:f()}.
