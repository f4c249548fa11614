-module(unused1).
-export([f/1]).
f(X) -> ok. %### 3: warning: variable 'X' is unused
%---
-module(unused2).
-export([f/0]).
f() ->
    Y = 1, %### 5: warning: variable 'Y' is unused
    ok.
%---
-module(unused3).
-export([f/1]).
%% _-prefixed variables are not reported.
f(_X) ->
    _Y = 1,
    _ = 2,
    ok.
%---
-module(unused4).
-export([f/1]).
%% Unused in a fun head.
f(L) -> lists:map(fun(E) -> ok end, L). %### 23: warning: variable 'E' is unused
%---
-module(unused5).
-export([f/1]).
%% Unused generator variables in a comprehension.
f(L) -> [ok || {A, B} <- L, A > 0]. %### 20: warning: variable 'B' is unused
%---
-module(unused6).
-export([f/1]).
%% Unused in one case clause only.
f(X) ->
    case X of
        {a, V} -> ok; %### 13: warning: variable 'V' is unused
        {b, W} -> W
    end.
%---
-module(unused7).
-export([f/1]).
%% A variable used in a guard is used.
f(X) when is_integer(X) -> ok;
f(Y) -> ok. %### 3: warning: variable 'Y' is unused
%---
-module(unused8).
-export([f/1]).
%% Unused catch-clause variables.
f(X) ->
    try X()
    catch
        Class:Reason:Stack -> Class %### 15: warning: variable 'Reason' is unused %### 22: warning: variable 'Stack' is unused
    end.
%---
-module(unused9).
-export([f/0]).
%% Bound in a match in a receive clause, then unused.
f() ->
    receive
        {msg, M} -> N = M, ok %### 21: warning: variable 'N' is unused
    end.
%---
-module(unused10).
-export([f/1]).
%% Bound in both sides of a match and unused.
f(X) ->
    {A, B} = {C, _} = X, %### 9: warning: variable 'B' is unused %### 15: warning: variable 'C' is unused
    A.
