-module(exported1).
-compile(warn_export_vars).
-export([f/1]).
f(X) ->
    case X of
        a -> Y = 1;
        b -> Y = 2
    end,
    Y. %### 5: warning: variable 'Y' exported from 'case' (line 5, column 5)
%---
-module(exported2).
-compile(warn_export_vars).
-export([f/1]).
f(X) ->
    if
        X > 0 -> R = pos;
        true -> R = neg
    end,
    R. %### 5: warning: variable 'R' exported from 'if' (line 15, column 5)
%---
-module(exported3).
-compile(warn_export_vars).
-export([f/0]).
f() ->
    receive
        {a, Z} -> ok;
        Z -> ok
    end,
    Z. %### 5: warning: variable 'Z' exported from 'receive' (line 25, column 5)
%---
-module(exported4).
-export([f/1]).
%% Binding in every clause and using it only inside is fine.
f(X) ->
    case X of
        a -> Y = 1, Y;
        b -> Y = 2, Y
    end.
%---
-module(exported5).
-export([f/1]).
%% A variable from the case expression itself is safe afterwards.
f(X) ->
    case V = X of
        a -> ok;
        _ -> ok
    end,
    V.
