-module(eunit_missing_module).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% eunit:test on a module that does not exist.

main() -> eunit:test(no_such_module_for_eunit).
