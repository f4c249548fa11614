-module(try_of_catch).
-export([main/0]).
%% try ... of ... catch with all three classes.
main() ->
    [t(fun() -> 1 end), t(fun() -> throw(oops) end), t(fun() -> exit(bye) end),
     t(fun() -> error(bad) end), t(fun() -> 1 / zero() end), t(fun() -> {ok, 2} end)].

t(F) ->
    try F() of
        1 -> one;
        {ok, N} -> {ok_value, N}
    catch
        throw:T -> {thrown, T};
        exit:E -> {exited, E};
        error:badarith -> arith;
        error:R -> {error, R}
    end.

zero() -> 0.
