-module(more1).
-export([f/1]).
%% Map keys in patterns must be guard expressions.
f(#{g(1) := V}) -> V; %### 5: error: call to local/imported function g/1 is illegal in guard
f(#{{a, 1} := W}) -> W.
g(X) -> X. %### 1: warning: function g/1 is unused
%---
-module(more2).
-export([f/1]).
%% Binary generator patterns need sized segments.
f(B) -> [X || <<X/binary>> <= B]. %### 17: error: binary fields without size are not allowed in patterns of bit string generators
%---
-module(more3).
-export([f/0]).
-on_load(init/1). %### 2: error: function init/1 has wrong arity (must be 0)
f() -> ok.
init(_) -> ok.
%---
-module(more4).
-export([f/0]).
-opaque o() :: term(). %### 2: warning: opaque type o() is underspecified and therefore meaningless
-export_type([o/0]).
f() -> ok.
%---
-module(more5).
-export([f/1]).
%% Updating a map that is unbound, and a map in a guard with an illegal call.
f(X) when is_map(X), map_size(X#{a => self()}) > 0 -> M#{b => 1}. %### 55: error: variable 'M' is unbound
%---
-module(more6).
-export([f/1]).
%% Nested funs capturing variables, and a variable used only in a nested fun head.
f(A) ->
    fun(B) -> fun(C) -> {A, B, C} end end.
%---
-module(more7).
-export([f/1]).
%% try with of and catch all binding the same variable, used after: unsafe.
f(X) ->
    try X of
        1 -> R = one
    catch
        _:_ -> R = error
    end,
    R. %### 5: error: variable 'R' unsafe in 'try' (line 40, column 5)
%---
-module(more8).
-export([f/1]).
%% A case inside a guard-less receive after, exporting.
f(T) ->
    receive
        a -> V = 1
    after T ->
        V = 2
    end,
    V.
%---
-module(more9).
-export([f/2]).
%% Variables bound in a match in a function argument.
f(X = {A, _}, Y) ->
    g({B = A, Y}),
    {X, B}.
g(Z) -> Z.
%---
-module(more10).
-export([f/1]).
%% A list comprehension whose filter binds a variable used in the head.
f(L) -> [Y || X <- L, (Y = X * 2) > 4].
%---
-module(more11).
-export([f/1]).
%% catch in a guard, and a begin block in a guard.
f(X) when (catch X) =:= 1 -> ok; %### 3: warning: variable 'X' is unused %### 12: error: illegal guard expression
f(X) when begin X end -> ok. %### 3: warning: variable 'X' is unused %### 11: error: illegal guard expression
%---
-module(more12).
-export([f/1]).
%% Strings prefixes in patterns with a bound variable tail.
f("abc" ++ T) -> T;
f([$x | T]) -> T.
%---
-module(more13).
-export([f/0]).
-on_load(nope/0). %### 2: error: function nope/0 undefined
f() -> ok.
%---
-module(more14).
-export([f/0]).
-on_load(a/0).
-on_load(b/0). %### 2: error: more than one on_load attribute
f() -> ok.
a() -> ok.
b() -> ok.
%---
-module(more15).
-export([f/0]).
%% Functions named in -dialyzer must exist.
-dialyzer({nowarn_function, [f/0, g/1]}). %### 2: error: function g/1 undefined
-dialyzer({[no_return, no_match], h/0}). %### 2: error: function h/0 undefined %### 2: error: function h/0 undefined
-dialyzer(no_improper_lists).
f() -> ok.
%---
-module(more16).
-export([f/0, g/1]).
-nifs([f/0, h/2]). %### 2: error: nif h/2 undefined %### 2: warning: nifs defined, but no call to erlang:load_nif/2
%% A -nifs attribute without erlang:load_nif/2, and an undefined nif.
f() -> erlang:nif_error(not_loaded).
g(X) -> X.
%---
-module(more17).
-export([f/0, init/0]).
-nifs([f/0]).
-on_load(init/0).
init() -> erlang:load_nif("./more17_nif", 0).
f() -> erlang:nif_error(not_loaded).
