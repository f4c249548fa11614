package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

const addLeafSrc = `-module(t).
-export([sum/1, run/0]).
sum(L) -> lists:foldl(fun(X, Acc) -> X + Acc end, 0, L).
run() ->
    {sum(lists:seq(1, 1000)), sum([1, 2.5, 3]), sum([1 bsl 59, 1 bsl 59, 1]),
     try sum([1, a]) catch error:R -> R end}.
`

// TestAddArgsLeaf: a fold's fun(X, Acc) -> X + Acc end is added straight
// from the loop's registers (Func.addArgs), and what is not two small
// integers (a float, a sum past the small range, an atom) goes the
// general way, with its result or error.
func TestAddArgsLeaf(t *testing.T) {
	m, _ := load(t, addLeafSrc)
	wantRun(t, m, `{500500,6.5,1152921504606846977,badarith}`)
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
	if n != 1 {
		t.Errorf("%d funs marked addArgs, want 1", n)
	}
}

// TestAddArgsBreakpoint: a breakpoint on the line of such a fun stops at
// each of its calls from the fold (a trap in its add_ret makes callLeaf
// take the frame).
func TestAddArgsBreakpoint(t *testing.T) {
	s := newSession(t, addLeafSrc)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 3}}); err != nil {
		t.Fatal(err)
	}
	s.call("sum", term.MakeList(term.MakeInt(1), term.MakeInt(2), term.MakeInt(3)))
	want := []string{"sum/1:3", "-sum/1-fun-0-/2:3", "-sum/1-fun-0-/2:3", "-sum/1-fun-0-/2:3"}
	for _, w := range want {
		e := s.stopped(StopBreakpoint)
		if got := s.where(e.Pid); got != w {
			t.Errorf("stopped at %s, want %s", got, w)
		}
		if err := s.d.Continue(e.Pid); err != nil {
			t.Fatal(err)
		}
	}
	if r := s.result(); Show(r) != "6" {
		t.Errorf("result %s", Show(r))
	}
}
