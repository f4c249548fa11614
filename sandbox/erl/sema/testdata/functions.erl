-module(funs1).
-export([f/0]).
f() -> g(1). %### 8: error: function g/1 undefined
%---
-module(funs2).
-export([f/0, g/1]). %### 2: error: function g/1 undefined
f() -> ok.
%---
-module(funs3).
-export([f/0]).
f() -> ok.
g() -> ok. %### 1: warning: function g/0 is unused
%---
-module(funs4).
-export([f/0]).
f() -> ok.
f() -> error. %### 1: error: function f/0 already defined
%---
-module(funs5).
-export([f/1]). %### 2: error: function f/1 undefined
f(0) -> zero;
g(_) -> other. %### 1: error: head mismatch
%---
-module(funs6).
-export([f/1]).
%% An unused function that calls another: both unused.
f(X) -> X.
h() -> k(). %### 1: warning: function h/0 is unused
k() -> ok. %### 1: warning: function k/0 is unused
%---
-module(funs7).
-export([f/0]).
%% A fun reference to an undefined local function.
f() -> fun nope/2. %### 8: error: function nope/2 undefined
%---
-module(funs8).
-export([f/0]).
%% A fun reference keeps a function used.
f() -> fun g/0.
g() -> ok.
%---
-module(funs9).
-export([f/1]).
%% Recursion alone does not make a function used.
f(X) -> X.
loop(0) -> done; %### 1: warning: function loop/1 is unused
loop(N) -> loop(N - 1).
%---
-module(funs10).
-export([f/1, f/2]).
%% Same name, different arity: two functions.
f(X) -> f(X, 1).
f(X, Y) -> X + Y.
%---
-module(funs11).
-export([f/0]).
%% Remote calls are never undefined at compile time.
f() -> nomod:nofun(1).
%---
-module(funs12).
-export([f/1]). %### 2: error: function f/1 undefined
%% Head mismatch with a different arity.
f(X) -> X;
f(X, Y) -> {X, Y}. %### 1: error: head mismatch
%---
-module(funs13).
-export([f/0, f/0]). %### 2: warning: function f/0 already exported
%% Exporting twice is fine; undefined calls in unused functions are reported too.
f() -> ok.
u() -> undefined_here(). %### 1: warning: function u/0 is unused %### 8: error: function undefined_here/0 undefined
%---
-module(funs14).
-export([f/0]).
%% Calling a local function with the wrong arity.
f() -> g(1, 2). %### 8: error: function g/2 undefined
g(X) -> X. %### 1: warning: function g/1 is unused
%---
-module(funs15).
-export([f/0]).
-compile(export_all). %### 2: warning: export_all flag enabled - all functions will be exported
%% export_all: nothing is unused.
f() -> ok.
g() -> ok.
%---
-module(funs16).
-export([f/0]).
-compile({nowarn_unused_function, [{g, 0}]}).
f() -> ok.
g() -> ok.
h() -> ok. %### 1: warning: function h/0 is unused
%---
%% No -module at all.
-export([f/0]). %### 2: error: no module definition
f() -> ok.
%---
f() -> ok. %### 1: error: no module definition %### 1: warning: function f/0 is unused
-module(late). %### 2: error: attribute module after function definitions
%---
-module(funs17).
-export([f/0, module_info/1]). %### 2: warning: function module_info/1 already exported
%% module_info/0,1 exist in every module; defining one is an error.
f() -> {module_info(), module_info(exports), fun module_info/1}.
module_info() -> mine. %### 1: error: function module_info/0 already defined
%---
-module(funs18).
-export([f/0]).
-compile({parse_transform, eunit_autoexport}).
%% eunit's parse transform exports the tests.
f() -> ok.
a_test() -> helper().
b_test_() -> [].
helper() -> ok.
c_test(_) -> ok. %### 1: warning: function c_test/1 is unused
