-module(beh1).
-behaviour(gen_server). %### 2: warning: undefined callback function handle_call/3 (behaviour 'gen_server') %### 2: warning: undefined callback function handle_cast/2 (behaviour 'gen_server')
-export([init/1]).
init(A) -> {ok, A}.
%---
-module(beh2).
-behaviour(gen_server).
-export([init/1, handle_call/3, handle_cast/2]).
init(A) -> {ok, A}.
handle_call(_, _, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.
%---
-module(beh3).
-behaviour(supervisor). %### 2: warning: undefined callback function init/1 (behaviour 'supervisor')
-export([start/0]).
start() -> ok.
%---
-module(beh4).
-behavior(supervisor).
-export([init/1]).
init([]) -> {ok, {#{}, []}}.
%---
-module(beh5).
-behaviour(gen_statem). %### 2: warning: undefined callback function callback_mode/0 (behaviour 'gen_statem')
-export([init/1]).
init(A) -> {ok, a, A}.
%---
-module(beh6).
-behaviour(application). %### 2: warning: undefined callback function stop/1 (behaviour 'application')
-export([start/2]).
start(_, _) -> ok.
%---
-module(beh7).
-behaviour(gen_event). %### 2: warning: undefined callback function handle_call/2 (behaviour 'gen_event') %### 2: warning: undefined callback function handle_event/2 (behaviour 'gen_event')
-export([init/1]).
init(A) -> {ok, A}.
%---
-module(beh8).
-behaviour(no_such_behaviour). %### 2: warning: behaviour no_such_behaviour undefined
-export([f/0]).
f() -> ok.
%---
-module(beh9).
-behaviour(gen_server).
-behaviour(supervisor). %### 2: warning: conflicting behaviours - callback init/1 required by both 'supervisor' and 'gen_server' (line 44, column 2)
-export([init/1, handle_call/3, handle_cast/2]).
init(A) -> {ok, A}.
handle_call(_, _, S) -> {reply, ok, S}.
handle_cast(_, S) -> {noreply, S}.
%---
-module(beh10).
-behaviour(gen_server). %### 2: warning: undefined callback function handle_call/3 (behaviour 'gen_server') %### 2: warning: undefined callback function handle_cast/2 (behaviour 'gen_server')
%% Defined but not exported callbacks still count as undefined.
-export([init/1]).
init(A) -> {ok, A}.
handle_call(_, _, S) -> {reply, ok, S}. %### 1: warning: function handle_call/3 is unused
handle_cast(_, S) -> {noreply, S}. %### 1: warning: function handle_cast/2 is unused
%---
-module(beh11).
-behaviour(gen_statem).
-export([init/1, callback_mode/0, handle_event/4]).
init(A) -> {ok, a, A}.
callback_mode() -> handle_event_function.
handle_event(_, _, _, D) -> {keep_state, D}.
