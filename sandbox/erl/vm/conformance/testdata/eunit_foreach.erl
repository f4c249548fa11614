-module(eunit_foreach).
-export([main/0]).
-include_lib("eunit/include/eunit.hrl").
%% a foreach fixture runs setup and cleanup around each test.

each_test_() ->
    {foreach,
     fun() -> make_ref() end,
     fun(_) -> ok end,
     [fun(R) -> ?_assert(is_reference(R)) end,
      fun(_) -> ?_assertEqual(1, 1) end,
      fun(_) -> ?_assertEqual(1, 2) end]}.
main() -> eunit:test(?MODULE).
