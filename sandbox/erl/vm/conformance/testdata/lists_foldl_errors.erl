-module(lists_foldl_errors).
-export([main/0]).
%% lists:foldl/3 as OTP 25 writes it: a non-list is a case_clause in
%% foldl/3, an improper tail a function_clause in foldl_1/3.
main() ->
    F = fun(X, A) -> X + A end,
    [top(fun() -> lists:foldl(F, 0, x) end),
     top(fun() -> lists:foldl(F, 0, [1, 2 | x]) end),
     top(fun() -> lists:foldl(nofun, 0, []) end),
     top(fun() -> lists:foldl(fun(X) -> X end, 0, [1]) end),
     lists:foldl(F, 0, []),
     lists:foldl(F, 0, [1, 2, 3])].

top(Thunk) ->
    try Thunk()
    catch error:Reason:Stack ->
        [{M, Fn, Args, _} | _] = Stack,
        {Reason, M, Fn, if is_list(Args) -> length(Args); true -> Args end}
    end.
