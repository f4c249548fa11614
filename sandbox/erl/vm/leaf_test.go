package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// leafSrc's run/0 calls leaf funs (markLeaf) through lists:foldl and
// lists:map with small integers (the fast path), bignums, floats and
// products too large for it (a frame), and bad arguments (badarith with
// the fun's frame on the stack, as in BEAM).
const leafSrc = `-module(t).
-export([run/0, funs/0, brk/1]).
run() ->
    N = 5,
    Add = fun(X, Acc) -> X + Acc end,
    Lin = fun(X) -> X * 2 + 1 end,
    Clo = fun(X) -> X * N - 3 end,
    Tup = fun(X) -> {X, X + 1} end,
    Big = 576460752303423487,
    {lists:foldl(Add, 0, [1, 2, 3]), lists:foldl(Add, 0.5, [1, 2]), Add(Big, 1),
     lists:map(Lin, [1, Big, 1.5, 1 bsl 40]), lists:map(Clo, [1, -2, 1 bsl 33]),
     lists:map(Tup, [1, Big]), err(fun(X) -> Add(X, a) end), err(Lin), err(Clo)}.
err(F) ->
    try lists:map(F, [1, a]) catch error:R:S -> [{M, Op, Args, _}, Fr | _] = S, {R, {M, Op, Args}, Fr} end.
funs() ->
    [fun(X, Acc) -> X + Acc end, fun(X) -> X * 2 + 1 end, fun(X) when X > 0 -> X end,
     fun(X) -> self() end, fun F(X) -> X + 1 end, fun(X) -> [X | X] end].
brk(L) ->
    lists:map(fun(X) ->
                  X + 1
              end, L).
`

// TestLeafFun checks leaf funs' results and errors against Erlang/OTP
// 25's (erl, recorded 2026-11-28; OTP's error_info element left out of
// the compared frame) and which funs are leaves.
func TestLeafFun(t *testing.T) {
	m, _ := load(t, leafSrc)
	wantRun(t, m, `{6,3.5,576460752303423488,[3,1152921504606846975,4.0,2199023255553],[2,-13,42949672957],`+
		`[{1,2},{576460752303423487,576460752303423488}],`+
		`{badarith,{erlang,'+',[1,a]},{t,'-run/0-fun-0-',2,[{file,[116,46,101,114,108]},{line,5}]}},`+
		`{badarith,{erlang,'*',[a,2]},{t,'-run/0-fun-1-',1,[{file,[116,46,101,114,108]},{line,6}]}},`+
		`{badarith,{erlang,'*',[a,5]},{t,'-run/0-fun-2-',1,[{file,[116,46,101,114,108]},{line,7}]}}}`)
	funs, err := m.Call("t", "funs")
	if err != nil {
		t.Fatal(err)
	}
	want := []bool{true, true, false, false, false, true}
	for i, f := 0, funs; f.Kind() == term.KindCons; i, f = i+1, f.Cons().Tail {
		if fn := f.Cons().Head.Fun().Code.(*Func); fn.leaf != want[i] {
			t.Errorf("fun %d (%s): leaf %v, want %v\n%s", i, fn.name, fn.leaf, want[i], dumpFunc(fn))
		}
	}
}

// TestLeafFunBreakpoint: a breakpoint in a leaf fun's body stops there
// with the fun's frame and bindings (the fast path gives up at the trap).
func TestLeafFunBreakpoint(t *testing.T) {
	s := newSession(t, leafSrc)
	mod, err := s.vm.module("t")
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range mod.local {
		if fn.name == "-brk/1-fun-0-" && !fn.leaf {
			t.Fatalf("brk's fun is not a leaf:\n%s", dumpFunc(fn))
		}
	}
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 20}}); err != nil {
		t.Fatal(err)
	}
	s.call("brk", term.MakeList(term.MakeInt(1), term.MakeInt(2)))
	for _, want := range []string{"X=1", "X=2"} {
		e := s.stopped(StopBreakpoint)
		if got := s.where(e.Pid); got != "-brk/1-fun-0-/1:20" {
			t.Errorf("stopped at %s", got)
		}
		if got := s.bindings(e.Pid, 0); got != want {
			t.Errorf("bindings %s, want %s", got, want)
		}
		if err := s.d.Continue(e.Pid); err != nil {
			t.Fatal(err)
		}
	}
	if r := s.result(); Show(r) != "[2,3]" {
		t.Errorf("result %s", Show(r))
	}
}
