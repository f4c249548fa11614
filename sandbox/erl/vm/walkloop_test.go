package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

const walkSrc = `-module(t).
-export([run/0, walk/2]).
walk(Acc, [H | T]) -> walk(H, T);
walk(Acc, []) -> Acc.
run() ->
    {lists:last(lists:seq(1, 100000)), walk(none, lists:seq(1, 100000)), walk(none, []),
     err(fun() -> lists:last([1, 2 | x]) end), err(fun() -> walk(0, [1 | y]) end)}.
err(F) ->
    try F() catch error:R:S -> {R, [{M, Fn, A} || {M, Fn, A, _} <- lists:sublist(S, 1)]} end.
`

// TestWalkLoop runs loops that walk a list with nothing but a tail call
// (lists:last/2, a program's own) through walkLoop: long lists (which
// yield on the way), an empty one, and improper ones, whose
// function_clause is OTP 25's (lists:last([1, 2 | x]) in erl gives
// {function_clause,[{lists,last,[2,x]},...]}).
func TestWalkLoop(t *testing.T) {
	m, _ := load(t, walkSrc)
	wantRun(t, m, `{100000,100000,none,{function_clause,[{lists,last,[2,x]}]},{function_clause,[{t,walk,[1,y]}]}}`)
	lists, err := m.module("lists")
	if err != nil {
		t.Fatal(err)
	}
	mod, _ := m.module("t")
	for _, fn := range []*Func{lists.funcs["last/2"], mod.funcs["walk/2"]} {
		if fn.code[0].op != opWalkLoop {
			t.Errorf("%s does not start with walk_loop:\n%s", fn.name, dumpFunc(fn))
		}
	}
}

// TestWalkLoopBreakpoints: a breakpoint on a walk's line stops at every
// call, the loop's own included (walkLoop runs nothing while its
// function's code holds traps).
func TestWalkLoopBreakpoints(t *testing.T) {
	s := newSession(t, walkSrc)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 3}}); err != nil {
		t.Fatal(err)
	}
	s.call("walk", term.MakeInt(0), term.MakeList(term.MakeInt(1), term.MakeInt(2), term.MakeInt(3)))
	for range 4 { // walk(0, [1,2,3]) .. walk(3, []) all start on line 3
		e := s.stopped(StopBreakpoint)
		if err := s.d.Continue(e.Pid); err != nil {
			t.Fatal(err)
		}
	}
	if r := s.result(); Show(r) != "3" {
		t.Errorf("result %s", Show(r))
	}
}
