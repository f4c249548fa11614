-module(try_raise).
-export([main/0]).
%% erlang:raise/3 rethrows with a given class and stack.
main() ->
    try
        try error(first) catch error:R:S -> erlang:raise(exit, {wrapped, R}, S) end
    catch
        exit:{wrapped, X} -> {got, X}
    end.
