-module(eunit_crash).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% a test that crashes outside any assertion.

crash_test() -> erlang:error(unexpected).
throw_test() -> throw(flying).
fine_test() -> ok.
main() -> eunit:test(?MODULE).
