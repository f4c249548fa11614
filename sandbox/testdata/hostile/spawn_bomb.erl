%% Spawns processes that never end until spawn fails: system_limit, which
%% the program catches before failing with it.
-module(spawn_bomb).
-export([main/0]).
main() ->
    try bomb(0)
    catch error:system_limit -> io:format("caught system_limit~n"), erlang:error(system_limit)
    end.
bomb(N) ->
    spawn(fun() -> receive never -> ok end end),
    bomb(N + 1).
