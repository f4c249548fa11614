-module(guard1).
-export([f/1]).
f(X) when g(X) -> ok. %### 11: error: call to local/imported function g/1 is illegal in guard
g(_) -> true. %### 1: warning: function g/1 is unused
%---
-module(guard2).
-export([f/1]).
f(X) when lists:member(X, [1]) -> ok. %### 3: warning: variable 'X' is unused %### 11: error: illegal guard expression
%---
-module(guard3).
-export([f/1]).
%% Guard BIFs are fine, erlang:-qualified too.
f(X) when is_list(X), length(X) > 2, erlang:is_atom(hd(X)) -> ok;
f(X) when is_map_key(a, X); map_size(X) =:= 0 -> ok;
f(X) when element(1, X) =:= a orelse tuple_size(X) > 2 -> ok.
%---
-module(guard4).
-export([f/1]).
%% Illegal expressions in guards: a match and a send.
f(X) when (Y = X) =:= 1 -> Y; %### 3: warning: variable 'X' is unused %### 12: error: illegal guard expression %### 28: error: variable 'Y' is unbound
f(X) when X ! hi -> ok. %### 13: error: illegal guard expression
%---
-module(guard5).
-export([f/1]).
%% A fun call in a guard.
f(X) when X() -> ok. %### 3: warning: variable 'X' is unused %### 11: error: illegal guard expression
%---
-module(guard6).
-export([f/1]).
%% Illegal call inside an if guard and a case guard.
f(X) ->
    if
        atom_to_list(X) =:= "a" -> a; %### 9: error: illegal guard expression
        true -> b
    end,
    case X of
        _ when erlang:display(X) -> ok; %### 16: error: illegal guard expression
        _ -> ok
    end.
%---
-module(guard7).
-export([f/1]).
%% Comprehensions and blocks are not guards.
f(X) when [Y || Y <- X] =:= [] -> ok. %### 3: warning: variable 'X' is unused %### 11: error: illegal guard expression
%---
-module(guard8).
-export([f/1]).
%% Record tests and field access in guards are allowed.
-record(r, {a}).
f(X) when is_record(X, r, 2), X#r.a > 0 -> ok;
f(X) when X =:= #r{} -> ok.
%---
-module(guard9).
-export([f/1]).
%% Illegal: a user function named like a non-guard BIF, and a remote non-BIF.
f(X) when self(X) -> ok; %### 11: error: illegal guard expression
f(X) when erlang:foo(X) -> ok. %### 11: error: illegal guard expression
%---
-module(guard10).
-export([f/1]).
-record(r, {a}).
%% A record update and a map update in guards.
f(X) when X#r{a = 1} =:= X -> ok; %### 12: error: illegal guard expression
f(X) when X#{a => 1} =:= X -> ok;
f(X) when X#r.a -> ok.
