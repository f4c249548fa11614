%% Chunks separated by ---; each is compiled alone by erlc.
%% Annotations
%% written by testdata/gen_errors.go.
-module(chunk).
f() -> ok.
---
f() -> (. %### 9: syntax error before: '.'
---
g() -> ok end. %### 11: syntax error before: 'end'
---
h() -> 1 == 2 == 3. %### 15: syntax error before: '=='
---
i(g(X)) -> X. %### 4: syntax error before: '('
---
j() -> "a\n" foo. %### 14: syntax error before: foo
---
k() -> 16#ff 1. %### 14: syntax error before: 1
---
l() -> 2.5e3 x. %### 14: syntax error before: x
---
m() -> $a x. %### 11: syntax error before: x
---
n() -> X:Y:Z. %### 11: syntax error before: ':'
---
o() -> f()(). %### 11: syntax error before: '('
---
q() -> x @ y. %### 10: syntax error before: '@'
---
r() -> ok %### 8: syntax error before: 
---
a() -> ok.
b() -> [1, 2. %### 13: syntax error before: '.'
c() -> ok.
d() -> {1, 2]}. %### 13: syntax error before: ']'
---
f(X) when X > 0 -> X;
f(X) -> -X;
g(Y) -> Y. %### 1: head mismatch
---
f(X) -> X;
f(X, Y) -> Y. %### 1: head mismatch
---
f() -> "unterminated. %### 8: unterminated string starting with "unterminated.\ng("
g() -> ok.
---
f() -> 'unterminated. %### 8: unterminated atom starting with 'unterminated.'
---
f() -> 1.0e. %### 8: illegal float %### 12: syntax error before: '.'
g() -> ok.
---
f() -> 37#1. %### 8: illegal base '37' %### 10: syntax error before: '#'
---
f() -> 10#. %### 8: illegal integer %### 11: syntax error before: '.'
---
f() -> $ %### 8: unterminated character
---
f() -> x € y. %### 10: illegal character %### 13: syntax error before: '.'
---
f() -> "\x{110000}". %### 9: illegal character %### 19: unterminated string starting with "."
---
-export([f/a]). %### 12: bad function arity
---
-export([1/1]). %### 10: bad function name
---
-export(foo). %### 9: bad Name/Arity
---
-module(m, [X]).
f() -> ok.
---
-import(1, [f/1]). %### 12: bad import declaration
---
-record(r, {a, 1}). %### 16: bad record field
---
-record(r, {a = 1 :: integer(), b :: atom(), c = x}).
---
-type t(a) :: ok. %### 9: bad type variable
---
-type t(_) :: ok. %### 9: bad type variable
---
-type t() :: fun(() -> ok) | fun((...) -> ok) | fun() | [a, ...] | 1..2.
---
-spec f(X) -> X when X :: integer(); (atom()) -> ok.
f(X) -> X.
---
-spec f(X) -> X when foo(X, integer()). %### 22: unsupported constraint foo
f(X) -> X.
---
-spec f(X) -> X when _ :: integer(). %### 22: bad type variable
f(X) -> X.
---
-type b() :: <<_:8, _:_*16>> | <<X:8>>. %### 34: Bad binary type
---
-foo(1, 2). %### 9: bad attribute
---
-foo(bar).
-custom({a, [b, c]}).
---
f() -> fun a/b. %### 14: syntax error before: b
---
f() -> fun M:F/A.
---
f() -> fun(X) -> X end(1).
---
f() -> #{a => 1}#{a := 2}.
---
f() -> #r{a = 1}#r.a.
---
f() -> R#r{a = 1}, R#r.a, #r.a.
---
f(#{a := X}) -> X.
---
f(#{a => X}) -> X.
---
f() -> try ok catch error:R:S -> S end.
---
f() -> try ok catch error:R:s -> R end. %### 29: syntax error before: s
---
f() -> try ok catch C:R:[_|S] -> {C, R, S} end. %### 25: syntax error before: '['
---
f() -> try ok catch C:R:{S} -> {C, R, S} end. %### 25: syntax error before: '{'
---
f() -> try ok catch error:R:_ -> R end.
---
f() -> try ok end. %### 15: syntax error before: 'end'
---
f() -> receive after 10 -> ok end.
---
f() -> receive end. %### 16: syntax error before: 'end'
---
f() -> case X of end. %### 18: syntax error before: 'end'
---
f() -> if end. %### 11: syntax error before: 'end'
---
f() -> begin end. %### 14: syntax error before: 'end'
---
f() -> [X || X <- L, X > 1].
---
f() -> << <<X>> || <<X>> <= B >>.
---
f() -> [X || X <= L]. %### 16: syntax error before: '<='
---
f() -> <<X:8/integer-unit:8-little, Y/binary>>.
---
f() -> <<X:8/unit:a>>. %### 19: syntax error before: a
---
f() -> <<-1, +X, (Y+1):4>>.
---
f() -> X = catch 1 + 2.
---
f() -> catch X = 1.
---
f() -> a andalso b orelse not c.
---
f() -> A ! B ! C.
---
f() -> X = Y = 1.
---
f() -> 1 + - - 2.
---
f() -> "a" "b" 'c'. %### 16: syntax error before: c
---
f() -> 'end'.
---
f() -> end. %### 8: syntax error before: 'end'
---
f() -> x.
. %### 1: syntax error before: '.'
---
f() -> maybe.
---
f(X) when X; -> X. %### 14: syntax error before: '->'
---
f() -> {a, b,}. %### 14: syntax error before: '}'
---
f() -> [a | b | c]. %### 15: syntax error before: '|'
---
f() -> #{}.
g() -> #{a}. %### 11: syntax error before: '}'
---
f() -> Fun = fun F(0) -> 0; F(N) -> F(N - 1) end, Fun.
---
f() -> fun (X) -> X; Y(Z) -> Z end. %### 22: head mismatch
---
f() -> {X, Y} = {1, 2}, X =:= Y, X =/= Y, X =< Y, X >= Y, X /= Y.
---
f() -> X = 1 =< 2 < 3. %### 19: syntax error before: '<'
---
f() -> 1 bsl 2 bsr 3 band 4 bor 5 bxor 6 div 7 rem 8.
---
f(<<X:8, Rest/binary>>, [H | T], {a, _}, "abc" ++ S, -1, $a) -> ok.
---
f() -> foo:bar:baz(). %### 15: syntax error before: ':'
---
f() -> (foo):(bar)(1).
---
f() -> 1.
-spec. %### 6: syntax error before: '.'
---
-spec f() -> ok.
-spec m:f(integer()) -> ok.
---
-callback f(term()) -> ok.
---
-opaque o() :: #{atom() => o()}.
---
-type r() :: #r{a :: integer()}.
---
-type t() :: m:t(integer()) | -1..+1 | 1 bsl 8.
---
-type t() :: X.
---
-type t() :: {}.
-type u() :: [].
---
-type t() :: 1.0. %### 14: syntax error before: 1.0
---
-record(r, {a = 1, b = <<"x">>}).
-record(s, {}).
---
f() -> X#{a => 1}, (X)#r.a.
---
f() -> #{a => 1, b := 2}.
---
f() ->
    case X of
        {ok, V} when is_integer(V), V > 0; V =:= 0 -> V;
        _ -> error
    end.
---
f() -> try X of {ok, V} -> V catch throw:T -> T; E:R -> {E, R} after done end.
---
-type t :: ok. %### 2: bad type declaration
---
-spec f -> ok. %### 9: syntax error before: '->'
---
-record(r). %### 9: bad record declaration
---
-export([f/1, g]). %### 15: bad Name/Arity
---
-module(). %### 9: syntax error before: ')'
---
-behaviour(a, b). %### 15: bad attribute
---
-record(r, {a :: integer() = 1}). %### 28: syntax error before: '='
---
-type t() :: fun((a) -> b, c). %### 26: syntax error before: ','
---
-spec f(_) -> ok when X :: foo | bar.
f(_) -> ok.
---
f() -> <<X:8/binary-unit:8>>, <<(X):8>>, <<X:(N*8)>>.
---
f() -> #r{_ = 1, a = 2}.
---
f() -> fun() -> ok. %### 19: syntax error before: '.'
---
f() -> [1, 2 | [3]].
---
f() -> 'a b', 'end', '\n'.
---
f() -> $\s, $\x41, $\^A, "\^Z".
---
f(X) -> X#{}.
---
f() -> try ok catch throw -> ok end.
---
f() -> try ok catch throw:X:Y:Z -> ok end. %### 30: syntax error before: ':'
---
-export([fun compile_wildcard/1]). %### 9: bad Name/Arity
-export([f/1, fun g/1]). %### 15: bad Name/Arity
---
f() -> io:format"A long string, longer than sixteen characters", [])). %### 17: syntax error before: "A long string, longer than sixteen characters"
---
f() -> {0#1, 00_1#1, 123456789012345678901234567890#1}. %### 9: illegal base '0' %### 14: illegal base '1' %### 22: illegal base '123456789012345678901234567890' %### 52: syntax error before: '#'
