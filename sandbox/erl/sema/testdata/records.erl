-module(rec1).
-export([f/0]).
f() -> #nope{}. %### 8: error: record nope undefined
%---
-module(rec2).
-export([f/0]).
-record(r, {a, b}).
f() -> #r{c = 1}. %### 11: error: field c undefined in record r
%---
-module(rec3).
-export([f/1]).
-record(r, {a, b}).
f(R) -> R#r.c. %### 13: error: field c undefined in record r
%---
-module(rec4).
-export([f/1]).
-record(r, {a, b}).
%% Record in a pattern and a guard.
f(#r{a = A} = R) when R#r.b =:= 1 -> A;
f(R) when is_record(R, r) -> R#r.a;
f(#q{}) -> q. %### 3: error: record q undefined
%---
-module(rec5).
-export([f/0]).
-record(r, {a}).
-record(unused_rec, {x}). %### 2: warning: record unused_rec is unused
f() -> #r{a = 1}.
%---
-module(rec6).
-export([f/1]).
-record(r, {a, b = 2}).
%% Update with an undefined field.
f(R) -> R#r{z = 1}. %### 13: error: field z undefined in record r
%---
-module(rec7).
-export([f/0]).
-record(r, {a}).
%% #r.f index with undefined record and field.
f() -> {#r.a, #r.b, #s.a}. %### 18: error: field b undefined in record r %### 21: error: record s undefined
%---
-module(rec8).
-export([f/0]).
-record(r, {a}).
-record(r, {b}). %### 2: error: record r already defined
f() -> #r{}.
%---
-module(rec9).
-export([f/1]).
-record(r, {a, b}).
%% Field given twice.
f(X) -> #r{a = X, a = 2}. %### 19: error: field a already defined in record r
%---
-module(rec10).
-export([f/1]).
%% Undefined record in a guard, access of an undefined record.
f(X) when X#nope.a =:= 1 -> X; %### 12: error: record nope undefined
f(X) -> X#other.b. %### 10: error: record other undefined
%---
-module(rec11).
-export([f/0]).
-record(r, {a, b}).
%% Record field default referring to an undefined record.
-record(s, {x = #q{}}). %### 17: error: record q undefined
f() -> {#r{}, #s{}}.
%---
-module(rec12).
-export([f/0]).
-record(r, {a = 1 :: integer(), b :: atom()}).
%% Typed record fields: clean.
f() -> #r{b = x}.
