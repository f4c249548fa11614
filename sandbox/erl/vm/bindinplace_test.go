package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

const inPlaceSrc = `-module(t).
-export([input/3, m1/0, m2/0, m3/0, m4/0, m5/0, m6/0]).
input(0, _, Acc) -> Acc;
input(N, X, Acc) ->
    X1 = (X * 1103515245 + 12345) band 16#7FFFFFFF,
    input(N - 1, X1, [X1 | Acc]).
m1() -> X = 2 + 1, X.
m2() -> A = 1, A = 0 + 1, A.
m3() -> A = 1, catch (A = 1 + 1).
m4() -> Y = (Z = 4) + 1, {Y, Z}.
m5() -> catch (X = (X = 5) + 1).
m6() -> X = -(3), Y = X + 1, {X, Y}.
`

// An operator's value is computed straight into a fresh variable's
// register (bindsInPlace): the LCG's pass has no moves of X1 and loads no
// constant for its multiplier, and a match that must check, or whose
// right side binds the variable itself, still does.
func TestBindInPlace(t *testing.T) {
	m, _ := load(t, inPlaceSrc)
	mod, err := m.module("t")
	if err != nil {
		t.Fatal(err)
	}
	input := mod.funcs["input/3"]
	if got, want := ops(input), "is_eq_const ret ret move move muli addi const bif subi make_cons tail_call"; got != want {
		t.Errorf("input/3: %s, want %s\n%s", got, want, dumpFunc(input))
	}
	for _, c := range []struct {
		fn, want string
	}{
		{"m1", "3"},
		{"m2", "1"},
		{"m3", "{'EXIT',{{badmatch,2},[{t,m3,0,[{file,\"t.erl\"},{line,9}]}]}}"},
		{"m4", "{5,4}"},
		{"m5", "{'EXIT',{{badmatch,6},[{t,m5,0,[{file,\"t.erl\"},{line,11}]}]}}"},
		{"m6", "{-3,-2}"},
	} {
		r, err := m.Call("t", c.fn)
		if err != nil {
			t.Errorf("%s: %v", c.fn, err)
			continue
		}
		if got := Show(r); got != c.want {
			t.Errorf("%s() = %s, want %s", c.fn, got, c.want)
		}
	}
	// The value real Erlang/OTP 25 gives.
	r, err := m.Call("t", "input", term.MakeInt(3), term.MakeInt(42), term.Nil)
	if err != nil || Show(r) != "[1000676753,1116302264,1250496027]" {
		t.Errorf("input(3, 42, []) = %s, %v", Show(r), err)
	}
}

// The debugger shows a variable bound in place only once its line has
// run: stopped on the line that binds X1 it is not there, on the next
// line it is.
func TestBindInPlaceBindings(t *testing.T) {
	s := newSession(t, inPlaceSrc)
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 5}, {Line: 6}}); err != nil {
		t.Fatal(err)
	}
	s.call("input", term.MakeInt(1), term.MakeInt(42), term.Nil)
	for _, want := range []string{"Acc=[] N=1 X=42", "Acc=[] N=1 X=42 X1=1250496027"} {
		e := s.stopped(StopBreakpoint)
		if got := s.bindings(e.Pid, 0); got != want {
			t.Errorf("at %s: bindings %s, want %s", s.where(e.Pid), got, want)
		}
		if err := s.d.Continue(e.Pid); err != nil {
			t.Fatal(err)
		}
	}
	if r := s.result(); Show(r) != "[1250496027]" {
		t.Errorf("result %s", Show(r))
	}
}
