-module(match_string_prefix).
-export([main/0]).
%% String prefixes in patterns.
main() ->
    [cmd("get key"), cmd("put k v"), cmd("quit"), cmd("other")].

cmd("get " ++ K) -> {get, K};
cmd("put " ++ Rest) -> {put, string:split(Rest, " ")};
cmd("quit") -> quit;
cmd(_) -> unknown.
