-module(macro_basic).
-export([main/0]).
%% Predefined and simple user macros.
-define(TEN, 10).
-define(GREETING, "hello").
main() ->
    {?TEN * 2, ?GREETING, ?MODULE, ?MODULE_STRING, ?FUNCTION_NAME, ?FUNCTION_ARITY, ?LINE, ?FILE,
     helper(1)}.

helper(_) -> {?FUNCTION_NAME, ?FUNCTION_ARITY, ?LINE}.
