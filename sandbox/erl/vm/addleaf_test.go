package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

const addLeafSrc = `-module(t).
-export([sum/1, msum/1, run/0]).
sum(L) -> lists:foldl(fun(X, Acc) -> X + Acc end, 0, L).
msum(M) -> maps:fold(fun(K, V, A) -> K + V + A end, 0, M).
run() ->
    {sum(lists:seq(1, 1000)), sum([1, 2.5, 3]), sum([1 bsl 59, 1 bsl 59, 1]),
     try sum([1, a]) catch error:R -> R end,
     msum(maps:from_list([{K, 2 * K} || K <- lists:seq(1, 100)])), msum(#{1 => 2.5}),
     msum(#{(1 bsl 59 - 1) => 1 bsl 59 - 1}), msum(#{(1 bsl 59) => 1}),
     try msum(#{1 => 2, 3 => a}) catch error:R2 -> R2 end}.
`

// TestAddArgsLeaf: a fold's fun(X, Acc) -> X + Acc end, and maps:fold's
// fun(K, V, A) -> K + V + A end, are added straight from the loop's
// registers (Func.addArgs), and what is not small integers (a float, a
// sum past the small range, an atom) goes the general way, with its
// result or error.
func TestAddArgsLeaf(t *testing.T) {
	m, _ := load(t, addLeafSrc)
	wantRun(t, m, `{500500,6.5,1152921504606846977,badarith,15150,3.5,1152921504606846974,576460752303423489,badarith}`)
	mod, err := m.module("t")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, fn := range mod.local {
		if fn.addArgs {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d funs marked addArgs, want 2", n)
	}
}

// TestAddArgsBreakpoint: a breakpoint on the line of such a fun stops at
// each of its calls from the fold (a trap in its add_ret makes callLeaf
// take the frame).
func TestAddArgsBreakpoint(t *testing.T) {
	for _, c := range []struct {
		line int
		fun  string
		arg  term.Term
		want []string
	}{
		{3, "sum", term.MakeList(term.MakeInt(1), term.MakeInt(2), term.MakeInt(3)),
			[]string{"sum/1:3", "-sum/1-fun-0-/2:3", "-sum/1-fun-0-/2:3", "-sum/1-fun-0-/2:3"}},
		{4, "msum", term.NewMap([]term.Term{term.MakeInt(1), term.MakeInt(3)}, []term.Term{term.MakeInt(2), term.MakeInt(0)}),
			[]string{"msum/1:4", "-msum/1-fun-0-/3:4", "-msum/1-fun-0-/3:4"}},
	} {
		s := newSession(t, addLeafSrc)
		if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: c.line}}); err != nil {
			t.Fatal(err)
		}
		s.call(c.fun, c.arg)
		for _, w := range c.want {
			e := s.stopped(StopBreakpoint)
			if got := s.where(e.Pid); got != w {
				t.Errorf("stopped at %s, want %s", got, w)
			}
			if err := s.d.Continue(e.Pid); err != nil {
				t.Fatal(err)
			}
		}
		if r := s.result(); Show(r) != "6" {
			t.Errorf("%s: result %s", c.fun, Show(r))
		}
	}
}
