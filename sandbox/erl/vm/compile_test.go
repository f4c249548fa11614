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
	r, err := m.Call("t", "run")
	if err != nil {
		t.Fatal(err)
	}
	want := "{{same,1},{other,2},same,different,{x},one,true,false,false,16}"
	if got := showW(t, r); got != want {
		t.Errorf("run() = %s, want %s", got, want)
	}
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
	r, err := m.Call("t", "run")
	if err != nil {
		t.Fatal(err)
	}
	want := "{{b,a},[c,a,b],[8,9,1,2,3,4,5,6,7],{x,y}}"
	if got := showW(t, r); got != want {
		t.Errorf("run() = %s, want %s", got, want)
	}
}
