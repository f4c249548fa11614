-module(maybe1).
-feature(maybe_expr, enable).
-export([f/1]).
f(X) ->
    maybe
        {ok, A} ?= X,
        {ok, B} ?= A,
        B
    else
        {error, E} -> E;
        Other -> Other
    end.
%---
-module(maybe2).
-feature(maybe_expr, enable).
-export([f/1]).
%% Variables bound in maybe are not visible after it.
f(X) ->
    maybe
        {ok, A} ?= X,
        A
    end,
    A. %### 5: error: variable 'A' unsafe in maybe (line 19, column 5)
%---
-module(maybe3).
-feature(maybe_expr, enable).
-export([f/1]).
f(X) ->
    maybe
        {ok, A} ?= X, %### 14: warning: variable 'A' is unused
        ok
    else
        Err -> Unknown %### 9: warning: variable 'Err' is unused %### 16: error: variable 'Unknown' is unbound
    end.
