-module(eunit_spawn).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% {spawn, T} runs a test in a new process.

spawned_test_() -> {spawn, ?_assertNotEqual(self(), eunit_spawn_parent_pid())}.
eunit_spawn_parent_pid() -> whereis(eunit_spawn_parent).
main() ->
    register(eunit_spawn_parent, self()),
    eunit:test(?MODULE).
