-module(misc1).
-export([f/1]).
%% Several problems in one function.
f(X) ->
    Y = g(X), %### 9: error: function g/1 undefined
    case Y of
        {ok, Z} -> W = Z;
        _ -> ok
    end,
    {W, Unknown}. %### 6: error: variable 'W' unsafe in 'case' (line 6, column 5) %### 9: error: variable 'Unknown' is unbound
%---
-module(misc2).
-export([f/1]).
%% A variable used only in a nested fun is used.
f(X) -> fun() -> X end.
%---
-module(misc3).
-export([f/1]).
%% Unbound variable used inside a record field value.
-record(r, {a}).
f(_) -> #r{a = Missing}. %### 16: error: variable 'Missing' is unbound
%---
-module(misc4).
-export([f/1]).
%% Unsafe use inside a later case's expression.
f(X) ->
    case X of
        1 -> U = 1;
        _ -> ok
    end,
    case U of %### 10: error: variable 'U' unsafe in 'case' (line 27, column 5)
        _ -> ok
    end.
%---
-module(misc5).
-export([f/1]).
%% An unused variable inside begin ... end.
f(X) ->
    begin
        Tmp = X, %### 9: warning: variable 'Tmp' is unused
        ok
    end.
%---
-module(misc6).
-compile(warn_export_vars).
-export([f/1]).
%% Use of a variable exported from a case, inside a fun.
f(X) ->
    case X of
        a -> V = 1;
        _ -> V = 2
    end,
    fun() -> V end. %### 14: warning: variable 'V' exported from 'case' (line 49, column 5)
%---
-module(misc7).
-export([f/0]).
%% Unbound in a binary construction and a map update.
f() ->
    {<<A:8>>, M#{a => 1}}. %### 8: error: variable 'A' is unbound %### 15: error: variable 'M' is unbound
%---
-module(misc8).
-export([f/0]).
%% An undefined function called from a fun body and a list comprehension.
f() ->
    F = fun() -> missing1() end, %### 18: error: function missing1/0 undefined
    [missing2(X) || X <- [F]]. %### 6: error: function missing2/1 undefined
%---
-module(misc9).
-export([f/1]).
%% Using a variable in a try after block that was bound in the body.
f(X) ->
    try
        Y = X,
        Y
    after
        io:format("~p~n", [Y]) %### 28: error: variable 'Y' unsafe in 'try' (line 72, column 5)
    end.
%---
-module(misc10).
-export([f/1]).
%% Unused variable in a list comprehension filter match.
f(L) -> [X || X <- L, begin Q = X, true end]. %### 29: warning: variable 'Q' is unused
