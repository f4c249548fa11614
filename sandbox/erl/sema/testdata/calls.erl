-module(calls1).
-export([f/0]).
%% Deprecated and removed functions, remote and auto-imported.
f() -> {erlang:now(), now(), random:uniform(), erlang:get_stacktrace()}. %### 9: warning: erlang:now/0 is deprecated; see the "Time and Time Correction in Erlang" chapter of the ERTS User's Guide for more information %### 23: warning: erlang:now/0 is deprecated; see the "Time and Time Correction in Erlang" chapter of the ERTS User's Guide for more information %### 30: warning: random:uniform/0 is deprecated; use the 'rand' module instead %### 48: warning: erlang:get_stacktrace/0 is removed; use the new try/catch syntax for retrieving the stack backtrace
%---
-module(calls2).
-export([f/0]).
-compile({nowarn_deprecated_function, [{erlang, now, 0}]}).
f() -> {erlang:now(), random:seed0()}. %### 23: warning: random:seed0/0 is deprecated; use the 'rand' module instead
%---
-module(calls3).
-export([f/1]).
%% io:format argument counts.
f(X) ->
    io:format("~p ~p~n", [X]), %### 26: warning: the format string requires an argument list with 2 arguments, but the argument list contains only 1 argument
    io:format("~p~n", [X, X]), %### 23: warning: the format string requires an argument list with 1 argument, but the argument list contains 2 arguments
    io:format("hello~n", [X]), %### 26: warning: the format string requires an empty argument list, but the argument list contains 1 argument
    io:format("~s~n", []), %### 23: warning: the format string requires an argument list with 1 argument, but the argument list is empty
    io:format(user, "~w ~w~n", [X, X]),
    io_lib:format("~x", [X]), %### 25: warning: the format string requires an argument list with 2 arguments, but the argument list contains only 1 argument
    io:format("~p~n"). %### 15: warning: the format string requires an argument list with 1 argument, but no argument list is given
%---
-module(calls4).
-export([f/1]).
%% Invalid format strings and non-list arguments.
f(X) ->
    io:format("~q~n", [X]), %### 15: warning: format string invalid (invalid control ~q)
    io:fwrite("~", []), %### 15: warning: format string invalid (truncated)
    io:format("~p", X),
    io:format("~p", a), %### 21: warning: format arguments not a list
    io:format("~10.3.0f ~-8s ~*c~n", [1.0, "a", 3, $x]),
    io_lib:format("~ts ~tp ~lp ~i", [X, X, X, X]),
    io:format("~tx", [X]), %### 15: warning: format string invalid (invalid control ~tx)
    io:format(), %### 5: warning: format call with wrong number of arguments
    ok.
%---
-module(calls5).
-export([f/0]).
-import(io, [format/2]).
%% An imported format function is checked too.
f() -> format("~p ~p", [a]). %### 24: warning: the format string requires an argument list with 2 arguments, but the argument list contains only 1 argument
