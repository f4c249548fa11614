-module(edge1).
-export([f/0]).
%% A variable in a record field default.
-record(r, {a = X}). %### 17: error: variable 'X' is unbound
f() -> #r{}.
%---
-module(edge2).
-export([f/0]).
-on_load(init/0).
%% The on_load function is used.
init() -> ok.
f() -> ok.
%---
-module(edge3).
-export([f/1]).
%% Calls and operators in patterns.
f(A + 1) -> A; %### 5: error: illegal pattern %### 13: error: variable 'A' is unbound
f(#{a => B}) -> B; %### 7: error: illegal pattern %### 17: error: variable 'B' is unbound
f(1 + 2) -> three;
f(-1) -> minus_one;
f("ab" ++ Rest) -> Rest;
f([$a, $b] ++ Rest) -> Rest.
%---
-module(edge4).
-export([f/1]).
%% Bit syntax types.
f(<<A:8/integer-unit:1, B/binary>>) -> {A, B};
f(<<C/utf8, _/bits>>) -> C;
f(X) -> <<X:8/little-signed-integer, 1.5/float, "abc"/utf8>>.
%---
-module(edge5).
-export([f/1]).
%% A stacktrace variable bound before the try.
f(S) ->
    try S()
    catch
        _:_:S -> S %### 13: error: stacktrace variable 'S' must not be previously bound
    end.
%---
-module(edge6).
-export([f/1]).
%% Maps and records in guards, andalso/orelse in guards, binaries in guards.
-record(r, {a}).
f(M) when map_get(a, M) =:= 1, M =:= #{a => 1} -> ok;
f(R) when (R#r.a =:= 1) andalso (R =/= #r{a = 2}) -> ok;
f(B) when B =:= <<1, 2>>; byte_size(B) > 1 orelse B =:= <<>> -> ok.
%---
-module(edge7).
-export([f/1]).
%% Nested case exporting into a fun and a comprehension.
f(L) ->
    [case E of
         {a, V} -> V;
         _ -> none
     end || E <- L],
    fun() -> case L of [] -> W = 1; _ -> W = 2 end, W end.
%---
-module(edge8).
-export([f/2]).
%% A fun head variable shadowing, used in the guard.
f(X, L) -> [Y || Y <- L, fun(X) when X > 0 -> true; (_) -> false end(Y)]. %### 3: warning: variable 'X' is unused %### 30: warning: variable 'X' shadowed in 'fun'
%---
-module(edge9).
-export([f/0]).
%% Local call to a function with the name of a guard BIF, defined locally and unsuppressed.
f() -> is_atom(a). %### 8: error: ambiguous call of overridden pre R14 auto-imported BIF is_atom/1
is_atom(_) -> false.
%---
-module(edge10).
-export([f/1]).
%% A receive with a guard using a bound variable and an unbound one.
f(Ref) ->
    receive
        {Ref, Msg} when is_atom(Msg) -> Msg;
        {Other, _} when Other =/= Unknown -> Other %### 35: error: variable 'Unknown' is unbound
    end.
