-module(try_nested_rethrow).
-export([main/0]).
%% Exceptions propagate through nested try, and can be rethrown.
main() ->
    try
        try
            throw(first)
        catch
            throw:first -> throw(second)
        after
            io:format("inner after~n")
        end
    catch
        throw:What -> io:format("outer caught ~p~n", [What]), What
    end.
