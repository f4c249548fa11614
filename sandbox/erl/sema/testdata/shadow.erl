-module(shadow1).
-export([f/1]).
f(X) -> fun(X) -> X end. %### 3: warning: variable 'X' is unused %### 13: warning: variable 'X' shadowed in 'fun'
%---
-module(shadow2).
-export([f/1]).
%% Shadowed by a generator pattern.
f(X) -> [X || X <- [1, 2, 3]]. %### 3: warning: variable 'X' is unused %### 15: warning: variable 'X' shadowed in generate
%---
-module(shadow3).
-export([f/2]).
f(A, B) -> %### 3: warning: variable 'A' is unused %### 6: warning: variable 'B' is unused
    G = fun({A, C}) -> C; (B) -> B end, %### 14: warning: variable 'A' is unused %### 14: warning: variable 'A' shadowed in 'fun' %### 28: warning: variable 'B' shadowed in 'fun'
    G.
%---
-module(shadow4).
-export([f/1]).
%% A named fun's name shadowing an outer variable.
f(F) -> fun F(0) -> 0; F(N) -> F(N - 1) end. %### 9: warning: variable 'F' shadowed in 'named fun'
%---
-module(shadow5).
-export([f/1]).
%% No shadowing: the fun uses the outer variable in its body.
f(X) -> fun(Y) -> X + Y end.
