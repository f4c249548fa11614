package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// baseSrc has functions whose first clause is a guard-and-return on an
// argument (markBase), called from a body (call, not tail_call).
const baseSrc = `-module(t).
-export([fib/1, wrap/1, two/2, split/1]).
fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
b(N) when N < 2 -> N;
b(N) -> {N}.
wrap(X) -> [b(X)].
c(_, K) when K < 10 -> K;
c(A, K) -> {A, K}.
two(A, K) -> [c(A, K)].
s(N) when N < 2 ->
    N;
s(N) -> s(N - 1) + 1.
split(N) -> [s(N)].
`

// TestBaseCall checks that calls answered without a frame (markBase)
// give what the callee's clauses give: below the guard's bound, above it,
// and for what is not a small integer (a float below it, a bignum, an
// atom, which compares above every number), on the second argument too.
func TestBaseCall(t *testing.T) {
	m, _ := load(t, baseSrc)
	mod, err := m.module("t")
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range mod.funcs {
		if want := fn.name == "fib" || fn.name == "b" || fn.name == "c" || fn.name == "s"; fn.base != want {
			t.Errorf("%s/%d: base %v, want %v", fn.name, fn.arity, fn.base, want)
		}
	}
	big := term.MakeInt(1 << 62)
	checkCalls(t, m, []callCase{
		{"fib", []term.Term{term.MakeInt(20)}, "6765"},
		{"fib", []term.Term{term.MakeInt(1)}, "1"},
		{"wrap", []term.Term{term.MakeInt(-5)}, "[-5]"},
		{"wrap", []term.Term{term.MakeInt(2)}, "[{2}]"},
		{"wrap", []term.Term{term.MakeFloat(1.5)}, "[1.5]"},
		{"wrap", []term.Term{big}, "[{4611686018427387904}]"},
		{"wrap", []term.Term{term.MakeAtom("a")}, "[{a}]"},
		{"two", []term.Term{term.MakeAtom("x"), term.MakeInt(3)}, "[3]"},
		{"two", []term.Term{term.MakeAtom("x"), term.MakeInt(10)}, "[{x,10}]"},
		{"split", []term.Term{term.MakeInt(5)}, "[5]"},
	})
}

// TestBaseCallBreakpoints sets a breakpoint on a base clause's guard line
// (every call stops there) and on its return on a line of its own (only
// the calls that end there stop): a trap in either instruction must make
// the call take its frame. One on the next clause's line stops the calls
// that start there, past the guard.
func TestBaseCallBreakpoints(t *testing.T) {
	for _, c := range []struct {
		line, stops int
		fn          string
		arg         int64
		want        string
	}{
		{3, 5, "fib", 3, "2"},      // fib(3) makes 5 calls
		{4, 2, "fib", 3, "2"},      // fib(3) and fib(2) start past the guard
		{11, 4, "split", 4, "[4]"}, // s(4), s(3), s(2), s(1)
		{12, 1, "split", 4, "[4]"}, // only s(1) returns on line 12
	} {
		s := newSession(t, baseSrc)
		if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: c.line}}); err != nil {
			t.Fatal(err)
		}
		s.call(c.fn, term.MakeInt(c.arg))
		for range c.stops {
			e := s.stopped(StopBreakpoint)
			if err := s.d.Continue(e.Pid); err != nil {
				t.Fatal(err)
			}
		}
		// One stop too many leaves the process stopped: no result.
		if r := s.result(); Show(r) != c.want {
			t.Errorf("line %d: result %s", c.line, Show(r))
		}
	}
}
