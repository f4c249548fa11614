-module(clean1).
-export([f/1]).
f(X) -> X + 1.
%---
-module(clean2).
-export([start_link/0, init/1, handle_call/3, handle_cast/2]).
-behaviour(gen_server).
-record(state, {count = 0 :: non_neg_integer()}).
start_link() -> gen_server:start_link(?MODULE, [], []).
init([]) -> {ok, #state{}}.
handle_call(get, _From, #state{count = N} = S) -> {reply, N, S};
handle_call(inc, _From, S = #state{count = N}) -> {reply, ok, S#state{count = N + 1}}.
handle_cast(_Msg, S) -> {noreply, S}.
%---
-module(clean3).
-export([sum/1, rev/1]).
-spec sum([number()]) -> number().
sum(L) -> lists:foldl(fun(X, Acc) -> X + Acc end, 0, L).
rev(L) -> rev(L, []).
rev([H | T], Acc) -> rev(T, [H | Acc]);
rev([], Acc) -> Acc.
%---
-module(clean4).
-export([f/1]).
%% Binaries with sizes bound earlier in the same pattern.
f(<<Len:8, Data:Len/binary, Rest/binary>>) -> {Data, Rest};
f(Bin) when is_binary(Bin) -> Bin.
%---
-module(clean5).
-export([f/1]).
%% A variable bound in every branch of a case, used inside: fine.
f(X) ->
    Y = case X of
            a -> 1;
            _ -> 2
        end,
    try Y of
        1 -> one;
        N -> N
    catch
        throw:T -> T;
        error:E:S -> {E, S}
    after
        ok
    end.
%---
-module(clean6).
-export([f/1]).
%% Maps: construction, update and patterns with bound keys.
f(#{a := A} = M) ->
    K = b,
    case M of
        #{K := V} -> M#{c => V, a := A};
        _ -> #{}
    end.
%---
-module(clean7).
-export([f/1]).
%% Comprehensions of all kinds.
f(L) ->
    B = << <<X:8>> || X <- L, X > 0 >>,
    [{Y, Z} || <<Y:4, Z:4>> <= B].
%---
-module(clean8).
-export([loop/1]).
%% Receive with after, named funs.
loop(S) ->
    receive
        {get, From} -> From ! S, loop(S);
        stop -> ok
    after 1000 ->
        Fact = fun F(0) -> 1; F(N) -> N * F(N - 1) end,
        Fact(S)
    end.
%---
-module(clean9).
-export([f/2]).
-type t() :: {ok, integer()} | error.
-export_type([t/0]).
-spec f(t(), [atom()]) -> ok.
f({ok, _}, _) -> ok;
f(error, _) -> ok.
%---
-module(clean10).
-export([f/1]).
%% Variables bound on both sides of a match, and in guards with orelse.
f(X) ->
    {A, B} = C = X,
    if A =:= 1 orelse B =:= 2 -> C; true -> ok end.
