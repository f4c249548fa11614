-module(tricky1).
-export([f/2]).
%% Matching an already bound _-prefixed variable.
f(_A, _A) -> ok; %### 3: warning: variable '_A' is bound multiple times in this pattern. If you mean to ignore this value, use '_' or a different underscore-prefixed name %### 7: warning: variable '_A' is bound multiple times in this pattern. If you mean to ignore this value, use '_' or a different underscore-prefixed name
f(_B, X) ->
    _B = X, %### 5: warning: variable '_B' is already bound. If you mean to ignore this value, use '_' or a different underscore-prefixed name
    ok.
%---
-module(tricky2).
-export([f/1]).
%% Matching a variable exported from a case warns even without warn_export_vars.
f(X) ->
    case X of
        a -> Y = 1;
        _ -> Y = 2
    end,
    Y = 3. %### 5: warning: variable 'Y' exported from 'case' (line 13, column 5)
%---
-module(tricky3).
-export([f/1]).
%% The stacktrace variable may not be used in a guard.
f(X) ->
    try X()
    catch
        error:R:S when S =/= [] -> R %### 24: error: stacktrace variable 'S' must not be used in a guard
    end.
%---
-module(tricky4).
-export([f/1]).
%% Calling a local function that overrides a newer auto-imported BIF.
f(X) -> ceil(X). %### 9: warning: ambiguous call of overridden auto-imported BIF ceil/1
ceil(X) -> X.
%---
-module(tricky5).
-export([f/1]).
%% Importing a function named like an auto-imported BIF.
-import(mymod, [ceil/1]). %### 2: warning: import directive overrides auto-imported BIF ceil/1
f(X) -> ceil(X).
%---
-module(tricky6).
-export([f/0]).
%% := in a map construction.
f() -> #{a := 1}. %### 12: error: only association operators '=>' are allowed in map construction
%---
-module(tricky7).
-export([f/1]).
-record(r, {a, b}).
%% is_record with an undefined record, and record_info.
f(X) when is_record(X, nope) -> X; %### 24: error: record nope undefined
f(X) -> {is_record(X, r), record_info(fields, r), record_info(size, nope)}. %### 51: error: record nope undefined
%---
-module(tricky8).
-export([f/1]).
-record(r, {a, b}).
%% _ in a record update.
f(X) -> X#r{_ = 1}. %### 3: warning: variable 'X' is unused %### 13: error: meaningless use of _ in update of record r
%---
-module(tricky9).
-export([f/1]).
-record(r, {a, b, c}).
%% _ = V initialises the other fields; twice is an error.
f(X) -> {#r{a = X, _ = 0}, #r{_ = 1, _ = 2}}. %### 38: error: '_' initializes no omitted fields
%---
-module(tricky10).
-export([f/1]).
%% A variable bound in andalso's right side is unsafe after it.
f(X) ->
    _ = is_atom(X) andalso (Y = X) =:= a,
    Y. %### 5: error: variable 'Y' unsafe in 'andalso' (line 68, column 20)
%---
-module(tricky11).
-export([f/1]).
%% Named fun whose name is unused.
f(X) -> fun Loop(0) -> X; Loop(_) -> X end. %### 9: warning: variable 'Loop' is unused
%---
-module(tricky12).
-export([f/1]).
%% Variables in a fun body shadowing nothing, used outside: unbound.
f(L) ->
    lists:foreach(fun(E) -> Last = E end, L), %### 29: warning: variable 'Last' is unused
    Last. %### 5: error: variable 'Last' is unbound
%---
-module(tricky13).
-export([f/1]).
%% A binary pattern whose size comes from an earlier segment, in a fun head.
f(Size) -> %### 3: warning: variable 'Size' is unused
    fun(<<Size:8, Data:Size/binary>>) -> Data end. %### 11: warning: variable 'Size' shadowed in 'fun'
%---
-module(tricky14).
-export([f/2]).
%% Guard with a variable bound in the same clause head and a local call.
f(X, Y) when X > Y, is_integer(X); Y == 0 -> ok;
f(_, Z) when abs(Z) > 1, is_list(Z) -> ok.
%---
-module(tricky15).
-export([f/0]).
%% Unused variable bound in the expression of a generator.
f() -> [X || X <- begin L = [1], [2] end]. %### 25: warning: variable 'L' is unused
%---
-module(tricky16).
-export([f/1]).
%% Receive after with a variable bound in the after body used later: unsafe.
f(T) ->
    receive
        {a, V} -> V
    after T -> V = 0
    end,
    V.
%---
-module(tricky17).
-export([f/1]).
%% Unused in every clause of a case, bound in all: one warning per clause.
f(X) ->
    case X of
        {a, U} -> ok; %### 13: warning: variable 'U' is unused
        {b, U} -> ok %### 13: warning: variable 'U' is unused
    end.
%---
-module(tricky18).
-export([f/1]).
%% A try ... of clause sees the body's variables; after doesn't export.
f(X) ->
    try A = X of
        B -> {A, B}
    after
        C = 1
    end,
    C. %### 5: error: variable 'C' unsafe in 'try' (line 123, column 5)
%---
-module(tricky19).
-export([f/1]).
%% Calling an undefined function with a fun argument inside a guard-less if.
f(X) ->
    if X -> missing(fun() -> X end); true -> ok end. %### 13: error: function missing/1 undefined
%---
-module(tricky20).
-export([f/0]).
-export([g/1]).
%% Nested records, record access chains.
-record(in, {v = 0}).
-record(out, {i = #in{}}).
f() -> (#out{})#out.i#in.v.
g(O) -> O#out{i = (O#out.i)#in{v = 1}}.
