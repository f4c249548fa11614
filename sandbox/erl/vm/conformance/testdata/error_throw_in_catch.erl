-module(error_throw_in_catch).
-export([main/0]).
%% An exception raised inside a catch clause propagates.
main() ->
    try
        error(first)
    catch
        error:first -> error({second, handled_first})
    end.
