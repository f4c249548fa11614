-module(stack_noreturn).
-export([main/0, a/1, b/1, c/1, e/1]).

%% Calls to functions that never return lose the caller's frame (erlc
%% makes them tail calls), except inside try and catch.
main() ->
    A = frames(a, 1),
    B = frames(b, 2),
    C = frames(c, 3),
    D = (catch fail_case(4)),
    E = frames(e, 5),
    {A, B, C, element(1, D), E}.

a(N) -> fail_case(N), ok.
b(N) -> X = fail_if(N), {X}.
c(N) -> try fail_case(N) of V -> {V} catch error:E -> erlang:error({again, E}) end, ok.
e(N) -> R = returns(N), {R}.

frames(F, N) ->
    try ?MODULE:F(N) of
        V -> {returned, V}
    catch
        Class:Reason:Stack ->
            {Class, Reason, [{Fn, Ar, proplists:get_value(line, Loc)} || {?MODULE, Fn, Ar, Loc} <- Stack]}
    end.

fail_case(N) ->
    case N rem 2 of
        0 -> error({even, N});
        _ -> throw({odd, N})
    end.

fail_if(N) ->
    if N > 0 -> exit({positive, N}); true -> fail_case(N) end.

returns(N) ->
    case N of
        5 -> error(five);
        _ -> ok
    end.
