-module(types1).
-export([f/1]).
-type unused() :: integer(). %### 2: warning: type unused() is unused
-type used() :: atom().
-spec f(used()) -> ok.
f(_) -> ok.
%---
-module(types2).
-export([f/1]).
-spec f(nope()) -> ok. %### 9: error: type nope() undefined
f(_) -> ok.
%---
-module(types3).
-export([f/0]).
-spec g() -> ok. %### 2: error: spec for undefined function g/0
f() -> ok.
%---
-module(types4).
-export([f/1]).
%% A type variable used once is an error.
-spec f(X) -> ok. %### 9: error: type variable 'X' is only used once (is unbound)
f(_) -> ok.
%---
-module(types5).
-export([f/1]).
%% Variables in constraints and annotations.
-spec f(X) -> Y when X :: integer(), Y :: atom().
f(_) -> ok.
-spec g(A :: integer()) -> ok.
g(_) -> ok. %### 1: warning: function g/1 is unused
%---
-module(types6).
-export([f/0]).
-export_type([t/0, u/1]). %### 2: error: type u(_) undefined
%% Exported types are used; a type used only by an unused type is unused.
-type t() :: {a, b}.
-type inner() :: atom(). %### 2: warning: type inner() is unused
-type outer() :: [inner()]. %### 2: warning: type outer() is unused
f() -> ok.
%---
-module(types7).
-export([f/0]).
-type t() :: integer().
-type t() :: atom(). %### 2: error: type t() already defined
-spec f() -> t().
f() -> 1.
%---
-module(types8).
-export([f/0]).
%% A parameterised type with an unused parameter.
-type box(T) :: {box, term()}. %### 11: error: type variable 'T' is only used once (is unbound)
-spec f() -> box(integer()).
f() -> {box, 1}.
%---
-module(types9).
-export([f/1]).
-record(r, {a :: undefined_t(), b = 1 :: integer()}). %### 18: error: type undefined_t() undefined
%% Types in record fields are used; undefined ones are errors.
-type in_record() :: atom().
-record(s, {x :: in_record()}).
-spec f(#r{}) -> #s{}.
f(_) -> #s{}.
%---
-module(types10).
-export([f/0]).
-callback init(Args) -> ok when Args :: term().
-callback handle(msg()) -> ok.
%% Callbacks use types too.
-type msg() :: term().
f() -> ok.
%---
-module(types11).
-export([f/0]).
-spec f() -> ok.
-spec f() -> ok. %### 2: error: spec for f/0 already defined
f() -> ok.
%---
-module(types12).
-export([f/1]).
%% Remote types and a spec with the module name.
-spec types12:f(string:chardata()) -> unicode:chardata().
f(S) -> S.
