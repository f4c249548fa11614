-module(macros1).
-export([f/0, g/1]).
%% Diagnostics in macro expansions are reported at the macro's name.
-define(X, Unb).
-define(ADD(A, B), A + B + Other).
f() -> ?X. %### 9: error: variable 'Unb' is unbound
g(Z) -> ?ADD(Z, Q). %### 17: error: variable 'Other' is unbound %### 17: error: variable 'Q' is unbound
%---
-module(macros2).
-export([f/0]).
%% ?MODULE, ?FUNCTION_NAME and friends.
-define(CALL(F), F()).
f() -> {?MODULE, ?FUNCTION_NAME, ?FUNCTION_ARITY, ?LINE, ?CALL(g)}.
g() -> ?MODULE_STRING.
%---
-module(macros3).
-export([f/1]).
%% A conditional hides a function; calls to it are undefined.
-ifdef(NOT_DEFINED).
h(X) -> X.
-endif.
f(X) -> h(X). %### 9: error: function h/1 undefined
