package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// TestLeafIntOps: funs made of div, rem and the bitwise operators are
// leaves (markLeaf), and lists:map and lists:foldl over them give Erlang/
// OTP 25's results and errors (erl, recorded 2026-11-28: the error's
// first frame and the fun's): small integers on the fast path, a bignum
// and SmallMin div -1 (a result beyond the small integers), a division by
// zero and bad arguments through the fun's frame. bsl is not a leaf.
func TestLeafIntOps(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([run/0, funs/0]).
run() ->
    Min = -576460752303423488,
    {lists:map(fun(X) -> X rem 7 end, [20, -20, 6, Min]),
     lists:map(fun(X) -> X div 7 end, [20, -20, 6]),
     lists:map(fun(X) -> X div -1 end, [Min, 5]),
     lists:map(fun(X) -> (X band 12) bor 1 end, [7, 255, -1]),
     lists:map(fun(X) -> X bxor 5 end, [1, 5]),
     lists:foldl(fun(X, A) -> (X + A) rem 1000 end, 0, lists:seq(1, 100)),
     lists:map(fun(X) -> X rem 3 end, [1 bsl 70, 7]),
     err(fun(X) -> 10 rem X end, [1, 0]),
     err(fun(X) -> X div 2 end, [4, a]),
     err(fun(X) -> X band 2 end, [4, 1.0])}.
err(F, L) ->
    try lists:map(F, L) catch error:R:S -> [{M, Op, Args, _}, {_, Fn, Ar, _} | _] = S, {R, {M, Op, Args}, {Fn, Ar}} end.
funs() ->
    [fun(X) -> X rem 7 end, fun(X) -> X div 7 end, fun(X) -> X bsl 1 end, fun(X) -> (X band 12) bor 1 end].
`)
	wantRun(t, m, `{[6,-6,6,-4],[2,-2,0],[576460752303423488,-5],[5,13,13],[4,0],50,[1,1],`+
		`{badarith,{erlang,'rem',[10,0]},{'-run/0-fun-2-',1}},{badarith,{erlang,'div',[a,2]},{'-run/0-fun-1-',1}},`+
		`{badarith,{erlang,'band',[1.0,2]},{'-run/0-fun-0-',1}}}`)
	funs, err := m.Call("t", "funs")
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{true, true, false, true}
	for i, f := 0, funs; f.Kind() == term.KindCons; i, f = i+1, f.Cons().Tail {
		if fn := f.Cons().Head.Fun().Code.(*Func); fn.leaf != want[i] {
			t.Errorf("fun %d (%s): leaf %v, want %v\n%s", i, fn.name, fn.leaf, want[i], dumpFunc(fn))
		}
	}
}
