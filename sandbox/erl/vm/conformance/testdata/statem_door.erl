-module(statem_door).
-export([main/0, init/1, callback_mode/0, locked/3, open/3]).
-behaviour(gen_statem).
%% gen_statem with state_functions: a door with a code.

callback_mode() -> state_functions.

init(Code) -> {ok, locked, #{code => Code, buttons => []}}.

locked({call, From}, {button, B}, #{code := Code, buttons := Bs} = D) ->
    case Bs ++ [B] of
        Code -> {next_state, open, D#{buttons := []}, [{reply, From, opened}]};
        New when length(New) < length(Code) -> {keep_state, D#{buttons := New}, [{reply, From, more}]};
        _ -> {keep_state, D#{buttons := []}, [{reply, From, wrong}]}
    end;
locked({call, From}, state, _D) -> {keep_state_and_data, [{reply, From, locked}]}.

open({call, From}, lock, D) -> {next_state, locked, D, [{reply, From, locked}]};
open({call, From}, state, _D) -> {keep_state_and_data, [{reply, From, open}]}.

main() ->
    {ok, Pid} = gen_statem:start_link(?MODULE, [1, 2, 3], []),
    Rs = [gen_statem:call(Pid, {button, B}) || B <- [1, 2, 9, 1, 2, 3]],
    S = gen_statem:call(Pid, state),
    L = gen_statem:call(Pid, lock),
    ok = gen_statem:stop(Pid),
    {Rs, S, L}.
