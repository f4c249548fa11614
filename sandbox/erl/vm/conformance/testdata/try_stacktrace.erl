-module(try_stacktrace).
-export([main/0]).
%% Class:Reason:Stacktrace in a catch clause.
main() ->
    try
        inner(3)
    catch
        Class:Reason:Stack ->
            [Top | _] = Stack,
            {Class, Reason, Top, length([F || {?MODULE, _, _, _} = F <- Stack])}
    end.

inner(0) -> error(deep);
inner(N) -> [inner(N - 1)].
