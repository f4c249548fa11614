-module(unbound1).
-export([f/0]).
f() -> X. %### 8: error: variable 'X' is unbound
%---
-module(unbound2).
-export([f/1]).
f(A) ->
    B = A + C, %### 13: error: variable 'C' is unbound
    {B, D}. %### 9: error: variable 'D' is unbound
%---
-module(unbound3).
-export([f/1]).
%% A variable bound in a fun body does not leak out.
f(L) ->
    F = fun(E) -> Y = E, Y end,
    {F, L, Y}. %### 12: error: variable 'Y' is unbound
%---
-module(unbound4).
-export([f/1]).
%% Variables in a guard must be bound by the head.
f(A) when A > B -> A. %### 15: error: variable 'B' is unbound
%---
-module(unbound5).
-export([f/0]).
%% Binary segment sizes must be bound before the binary.
f() ->
    <<X:Size>> = <<1>>, %### 9: error: variable 'Size' is unbound
    X.
%---
-module(unbound6).
-export([f/0]).
%% Generators bind only inside the comprehension.
f() ->
    L = [E || E <- [1, 2]],
    {L, E}. %### 9: error: variable 'E' is unbound
%---
-module(unbound7).
-export([f/1]).
%% A catch-all clause's pattern binds; the body of another clause can't see it.
f(X) ->
    case X of
        {a, Z} -> Z;
        _ -> Z %### 14: error: variable 'Z' is unbound
    end.
%---
-module(unbound8).
-export([f/0]).
%% Used twice on one line: reported once per occurrence.
f() -> {Q, Q}. %### 9: error: variable 'Q' is unbound %### 12: error: variable 'Q' is unbound
%---
-module(unbound9).
-export([f/1]).
%% Map key expressions in patterns must be bound.
f(#{K := V}) -> V. %### 5: error: variable 'K' is unbound
%---
-module(unbound10).
-export([f/0]).
%% A receive timeout may not use a variable bound in its clauses.
f() ->
    receive
        T -> T
    after Tmo -> ok %### 11: error: variable 'Tmo' is unbound
    end.
