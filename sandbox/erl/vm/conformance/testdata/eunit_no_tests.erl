-module(eunit_no_tests).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% eunit:test on a module without tests.

main() -> eunit:test(?MODULE).
