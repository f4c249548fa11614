-module(eunit_one_test).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% a single passing test: eunit says Test passed..

only_test() -> ok.
main() -> eunit:test(?MODULE).
