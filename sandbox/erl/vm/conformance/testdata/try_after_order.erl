-module(try_after_order).
-export([main/0]).

%% The order of try's of, catch and after; after's value is ignored.
main() ->
    R1 = run(fun() -> ok end),
    R2 = run(fun() -> throw(t) end),
    R3 = run(fun() -> error(e) end),
    R4 = (catch run2()),
    {R1, R2, R3, R4, get_log()}.

run(F) ->
    log(start),
    try F() of
        V -> log({'of', V}), {value, V}
    catch
        throw:T -> log({caught, T}), {thrown, T}
    after
        log(after_run),
        ignored
    end.

run2() ->
    try
        try error(inner) after log(inner_after) end
    after
        log(outer_after)
    end.

log(X) -> put(log, [X | get_log()]).
get_log() -> case get(log) of undefined -> []; L -> L end.
