-module(opts1).
-export([f/1]).
%% Importing a function named like a pre-R14 BIF is an error.
-import(mymod, [length/1, atom_to_list/1]). %### 2: error: import directive overrides pre R14 auto-imported BIF atom_to_list/1 %### 2: error: import directive overrides pre R14 auto-imported BIF length/1
f(L) -> length(L).
%---
-module(opts2).
-export([f/1]).
-compile([nowarn_unused_vars, nowarn_shadow_vars]).
%% Warnings turned off.
f(X) -> Y = 1, fun(X) -> ok end.
%---
-module(opts3).
-compile([export_all, nowarn_export_all]).
f() -> ok.
%---
-module(opts4).
-export([f/0]).
-export_type([t/0]).
-export_type([t/0]). %### 2: warning: type t/0 already exported
-type t() :: ok.
f() -> ok.
%---
-module(opts5).
-export([f/0]).
-compile({no_auto_import, [atom_to_list/1]}).
%% With no_auto_import a call goes to the local function or is undefined.
f() -> {atom_to_list(a), binary_to_list(<<>>)}. %### 9: error: function atom_to_list/1 undefined
%---
-module(opts6).
-export([f/1]).
-compile(nowarn_unused_function).
-compile({nowarn_unused_record, [r]}).
-record(r, {a}).
-record(s, {a}). %### 2: warning: record s is unused
f(X) -> X.
g() -> ok.
%---
-module(opts7).
-export([f/1]).
-compile(no_auto_import).
%% Every BIF needs erlang: now.
f(X) -> {erlang:length(X), length(X)}. %### 28: error: function length/1 undefined
%---
-module(opts8).
-export([f/0]).
%% Functions named in compile options must exist.
-compile({inline, [f/0, g/1]}). %### 2: error: inlined function g/1 undefined
-compile({nowarn_unused_function, [h/0]}). %### 2: error: function h/0 undefined
-compile([{nowarn_bif_clash, [k/2]}, {inline, m/0}]). %### 2: error: inlined function m/0 undefined %### 2: error: function k/2 undefined
f() -> ok.
