-module(eunit_generator_crash).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% a test generator that crashes.

broken_test_() -> erlang:error(cannot_generate).
ok_test() -> ok.
main() -> eunit:test(?MODULE).
