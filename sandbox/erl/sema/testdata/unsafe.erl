-module(unsafe1).
-export([f/1]).
f(X) ->
    case X of
        a -> Y = 1;
        b -> ok
    end,
    Y. %### 5: error: variable 'Y' unsafe in 'case' (line 4, column 5)
%---
-module(unsafe2).
-export([f/1]).
%% Bound in a try body is unsafe after the try.
f(X) ->
    try X of
        _ -> ok
    catch
        _:_ -> ok
    end,
    try Z = X, Z catch _ -> ok end,
    Z. %### 5: error: variable 'Z' unsafe in 'try' (line 19, column 5)
%---
-module(unsafe3).
-export([f/1]).
f(X) ->
    if
        X > 0 -> P = pos;
        true -> ok
    end,
    P. %### 5: error: variable 'P' unsafe in 'if' (line 25, column 5)
%---
-module(unsafe4).
-export([f/0]).
f() ->
    receive
        {a, M} -> M;
        b -> ok
    end,
    M. %### 5: error: variable 'M' unsafe in 'receive' (line 34, column 5)
%---
-module(unsafe5).
-export([f/1]).
%% Bound in the of part of a try.
f(X) ->
    try X of
        {ok, V} -> V
    catch
        _:_ -> error
    end,
    V. %### 5: error: variable 'V' unsafe in 'try' (line 44, column 5)
%---
-module(unsafe6).
-export([f/1]).
%% Bound in a catch clause.
f(X) ->
    try X
    catch
        error:R -> R
    end,
    R. %### 5: error: variable 'R' unsafe in 'try' (line 55, column 5)
%---
-module(unsafe7).
-export([f/1]).
%% Unsafe in a nested case inside a case.
f(X) ->
    case X of
        1 ->
            case X of
                1 -> W = 1;
                _ -> ok
            end;
        _ -> ok
    end,
    W. %### 5: error: variable 'W' unsafe in 'case' (line 65, column 5)
%---
-module(unsafe8).
-export([f/1]).
%% A variable bound in a catch expression is unsafe after it.
f(X) ->
    catch (C = X),
    C. %### 5: error: variable 'C' unsafe in 'catch' (line 79, column 5)
