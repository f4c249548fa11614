-module(imp1).
-export([f/1]).
-import(lists, [map/2, reverse/1]).
f(L) -> map(fun(X) -> X end, L).
%---
-module(imp2).
-export([f/1]).
%% A local function with the name of an auto-imported BIF: ambiguous call.
f(L) -> length(L). %### 9: error: ambiguous call of overridden pre R14 auto-imported BIF length/1
length(_) -> 0.
%---
-module(imp3).
-export([f/1]).
-compile({no_auto_import, [length/1]}).
f(L) -> length(L).
length(_) -> 0.
%---
-module(imp4).
-export([f/1]).
%% Defining a function named like a BIF without calling it: fine.
f(X) -> X.
-export([size/1]). %### 2: error: attribute export after function definitions
size(_) -> 0. %### 1: warning: function size/1 is unused
%---
-module(imp5).
-export([f/1]).
-import(lists, [map/2]).
%% Defining a function that is also imported.
f(L) -> map(fun(X) -> X end, L).
map(F, L) -> [F(X) || X <- L]. %### 1: error: defining imported function map/2 %### 1: warning: function map/2 is unused
%---
-module(imp6).
-export([f/1]).
-import(lists, [reverse/1]).
-import(lists, [reverse/1]). %### 2: error: function reverse/1 already imported from lists
f(L) -> reverse(L).
%---
-module(imp7).
-export([f/1]).
%% Auto-imported BIFs are defined.
f(L) -> {length(L), self(), erlang:node(), atom_to_list(a)}.
%---
-module(imp8).
-export([f/1]).
%% Importing the same name/arity from two modules.
-import(lists, [append/2]).
-import(string, [append/2]). %### 2: error: function append/2 already imported from lists
f(L) -> L.
%---
-module(imp9).
-export([f/1]).
-compile(warn_unused_import).
-import(lists, [reverse/1, sort/1]). %### 2: warning: import lists:sort/1 is unused
f(L) -> reverse(L).
