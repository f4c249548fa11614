-module(notserver).
-export([run/0, get/0]).

%% Not a gen_server: none of the blocking rules apply.
run() ->
    timer:sleep(10),
    gen_server:call(self(), ping, infinity),
    receive X -> X end.

get() ->
    gen_server:call(?MODULE, get).
