package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// Heads whose variables live in the argument registers (aliasArgs), and
// the cases that must not be aliased: a variable bound earlier in the
// head, repeated, renamed in another clause; results computed while the
// arguments are still needed (andalso writes its destination first).
func TestArgumentAliases(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0, sum/2]).
pair([V], V) -> {same, V};
pair(_, V) -> {other, V}.
twice(X, X) -> same;
twice(_, _) -> different.
renamed(F, []) -> {F};
renamed(_F, [_]) -> one.
check(A) -> is_atom(A) andalso A =/= foo.
sum([], Acc) -> Acc;
sum([H | T], Acc) -> sum(T, Acc + H).
run() ->
    {pair([1], 1), pair([1], 2), twice(3, 3), twice(3, 4), renamed(x, []), renamed(x, [y]),
     check(bar), check(foo), check(1), sum([1, 2, 3], 10)}.
`)
	wantRun(t, m, "{{same,1},{other,2},same,different,{x},one,true,false,false,16}")
	if _, err := m.Call("t", "sum", term.MakeInt(1), term.MakeInt(0)); err == nil {
		t.Error("sum(1, 0): want function_clause")
	} else if exc, ok := err.(*Exception); !ok || exc.Reason != term.FunctionClause {
		t.Errorf("sum(1, 0): %v", err)
	} else if st := showW(t, exc.Stacktrace.Cons().Head); st != "{t,sum,[1,0],[{file,[116,46,101,114,108]},{line,10}]}" {
		t.Errorf("sum(1, 0): stack trace starts %s", st)
	}
}

// Tail calls that permute their arguments (moves in order would read an
// argument already overwritten), and calls with more than 8 arguments.
func TestTailCallArgumentOrder(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0]).
swap(0, A, B) -> {A, B};
swap(N, A, B) -> swap(N - 1, B, A).
rot(0, A, B, C) -> [A, B, C];
rot(N, A, B, C) -> rot(N - 1, C, A, B).
many(0, A, B, C, D, E, F, G, H, I) -> [A, B, C, D, E, F, G, H, I];
many(N, A, B, C, D, E, F, G, H, I) -> many(N - 1, I, A, B, C, D, E, F, G, H).
run() -> {swap(3, a, b), rot(4, a, b, c), many(2, 1, 2, 3, 4, 5, 6, 7, 8, 9), swap(2, x, y)}.
`)
	wantRun(t, m, "{{b,a},[c,a,b],[8,9,1,2,3,4,5,6,7],{x,y}}")
}

// Fun calls read their arguments through a register list into the free
// registers above the frame: closures with and without an environment,
// named funs, external funs to Erlang and to BIFs (apply among them), in
// body and tail position.
func TestFunCallArguments(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0]).
adder(X) -> fun(Y) -> X + Y end.
tail(F, A, B) -> F(B, A).
run() ->
    Fact = fun Fact(0) -> 1; Fact(N) -> N * Fact(N - 1) end,
    Plus = fun erlang:'+'/2,
    Rev = fun lists:reverse/1,
    Apply = fun erlang:apply/2,
    Sub = fun(A, B) -> A - B end,
    {(adder(1))(2), Fact(5), Plus(1, 2), Rev([1, 2]), Apply(fun lists:max/1, [[1, 3, 2]]),
     tail(Sub, 10, 3), tail(fun erlang:'-'/2, 10, 3), catch Plus(a, 1)}.
`)
	wantRun(t, m, "{3,120,3,[2,1],3,-7,-7,{'EXIT',{badarith,[{erlang,'+',[a,1],[]},{t,run,0,[{file,[116,46,101,114,108]},{line,12}]}]}}}")
}

// wantRun checks that t:run() returns want (as ~w prints it).
func wantRun(t *testing.T, m *VM, want string) {
	t.Helper()
	r, err := m.Call("t", "run")
	if err != nil {
		t.Fatal(err)
	}
	if got := showW(t, r); got != want {
		t.Errorf("run() = %s\nwant     %s", got, want)
	}
}

// Guard comparisons with a small integer literal on either side, against
// small and big integers, floats and non-numbers (term order).
func TestCompareImmediate(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0]).
c(X) -> [if X < 2 -> 1; true -> 0 end, if X > 2 -> 1; true -> 0 end, if X >= 2 -> 1; true -> 0 end,
         if X =< 2 -> 1; true -> 0 end, if 2 < X -> 1; true -> 0 end, if 2 > X -> 1; true -> 0 end,
         if 2 >= X -> 1; true -> 0 end, if 2 =< X -> 1; true -> 0 end, if -3 < X -> 1; true -> 0 end].
g(X) when X < 2 -> lt; g(X) when 2 =< X, X =< 5 -> mid; g(_) -> high.
run() -> {c(1), c(2), c(3), c(2.0), c(1.5), c(1 bsl 70), c(-(1 bsl 70)), c(a), c([]),
          [g(X) || X <- [1, 2, 5, 6, 1.9, 5.0, foo]]}.
`)
	wantRun(t, m, "{[1,0,0,1,0,1,1,0,1],[0,0,1,1,0,0,1,1,1],[0,1,1,0,1,0,0,1,1],[0,0,1,1,0,0,1,1,1],"+
		"[1,0,0,1,0,1,1,0,1],[0,1,1,0,1,0,0,1,1],[1,0,0,1,0,1,1,0,0],[0,1,1,0,1,0,0,1,1],[0,1,1,0,1,0,0,1,1],"+
		"[lt,mid,mid,high,lt,mid,high]}")
}

// Remote calls read their arguments through a register list: static and
// dynamic (M:F(A)), to Erlang and to BIFs reached remotely, in body and
// tail position, and undefined ones with their arguments in the trace.
func TestRemoteCallArguments(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0, swap/2, nope/0]).
swap(A, B) -> {B, A}.
tail(A, B) -> t:swap(B, A).
nope() -> ?MODULE:missing(1, 2).
run() ->
    M = lists, F = reverse,
    {t:swap(1, 2), tail(1, 2), M:F([1, 2]), lists:max([3, 1, 2]), erlang:element(2, {a, b}),
     apply(t, swap, [x, y]), catch nope()}.
`)
	wantRun(t, m, "{{2,1},{1,2},[2,1],3,b,{y,x},{'EXIT',{undef,[{t,missing,[1,2],[]},"+
		"{t,run,0,[{file,[116,46,101,114,108]},{line,9}]}]}}}")
}
