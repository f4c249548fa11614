package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// TestMapPutCode pins down what a loop of map puts compiles to: the
// map's check and its first put are one map_put (the put BIF stays after
// it, skipped), the key and value are read from their variables' own
// registers, and the result goes straight to the tail call's argument
// (the move before subi binds N, the clause's argument). The conformance
// program map_put_fused checks results and errors against OTP 25.
func TestMapPutCode(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([build/2]).
build(0, M) -> M;
build(N, M) -> build(N - 1, M#{N => N * 2}).
`)
	got, err := m.Call("t", "build", term.MakeInt(40), term.EmptyMap)
	if err != nil {
		t.Fatal(err)
	}
	if n := got.Map().Len(); n != 40 {
		t.Errorf("build(40, #{}) has %d keys, want 40", n)
	}
	mod, _ := m.module("t")
	build := mod.funcs["build/2"]
	t.Log(dumpFunc(build))
	if got, want := ops(build), "is_eq_const ret ret move subi muli map_put bif tail_call"; got != want {
		t.Errorf("build/2 is %s, want %s", got, want)
	}
}

// TestMapPutBreakpoint stops at a breakpoint on a line that starts with a
// map_put: the trap stands in for it, the instruction then runs from the
// original code, and the puts still come out right.
func TestMapPutBreakpoint(t *testing.T) {
	s := newSession(t, `-module(t).
-export([build/2]).
build(0, M) -> M;
build(N, M) ->
    V = N * 2,
    M1 = M#{N => V},
    build(N - 1, M1).
`)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 6}}); err != nil {
		t.Fatal(err)
	}
	s.call("build", term.MakeInt(2), term.EmptyMap)
	for _, want := range []string{"M=#{} N=2 V=4", "M=#{2 => 4} N=1 V=2"} {
		e := s.stopped(StopBreakpoint)
		if got := s.where(e.Pid); got != "build/2:6" {
			t.Errorf("stopped at %s", got)
		}
		if got := s.bindings(e.Pid, 0); got != want {
			t.Errorf("bindings %s, want %s", got, want)
		}
		if err := s.d.Continue(e.Pid); err != nil {
			t.Fatal(err)
		}
	}
	if r := s.result(); Show(r) != "#{1 => 2,2 => 4}" {
		t.Errorf("result %s", Show(r))
	}
}
