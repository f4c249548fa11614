-module(eunit_setup_fail).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% a setup that crashes: its tests do not run and the run fails.

main() ->
    eunit:test([{setup, fun() -> erlang:error(no_setup) end, fun(_) -> [?_test(ok)] end},
                ?_test(ok)]).
