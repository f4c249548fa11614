package vm

import (
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// baseSrc has functions whose first clause is a guard-and-return or a
// literal small integer and a return on an argument (markBase), called
// from a body and by tail calls.
const baseSrc = `-module(t).
-export([fib/1, wrap/1, two/2, split/1, count/1, teq/1]).
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
loop(0, Acc) -> Acc;
loop(N, Acc) -> loop(N - 1, Acc + N).
count(N) -> [loop(N, 0)].
eq(0, X) -> X;
eq(N, X) -> {other, N, X}.
teq(N) -> eq(N, t).
`

// TestBaseCall checks that calls answered without a frame (markBase)
// give what the callee's clauses give: below the guard's bound, above it,
// and for what is not a small integer (a float below it, a bignum, an
// atom, which compares above every number), on the second argument too;
// and that tail calls started past a literal's clause (a counting loop,
// eq/2 from teq/1) give what the clauses give, 0.0 (not =:= 0) included.
func TestBaseCall(t *testing.T) {
	m, _ := load(t, baseSrc)
	mod, err := m.module("t")
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range mod.funcs {
		if want := fn.name == "fib" || fn.name == "b" || fn.name == "c" || fn.name == "s" ||
			fn.name == "loop" || fn.name == "eq"; fn.base != want {
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
		{"count", []term.Term{term.MakeInt(2000)}, "[2001000]"},
		{"count", []term.Term{term.MakeInt(0)}, "[0]"},
		{"teq", []term.Term{term.MakeInt(0)}, "t"},
		{"teq", []term.Term{term.MakeFloat(0)}, "{other,0.0,t}"},
		{"teq", []term.Term{term.MakeInt(1)}, "{other,1,t}"},
		{"teq", []term.Term{big}, "{other,4611686018427387904,t}"},
		{"teq", []term.Term{term.MakeAtom("a")}, "{other,a,t}"},
	})
}

// TestBaseCallBreakpoints sets a breakpoint on a base clause's guard line
// (every call stops there) and on its return on a line of its own (only
// the calls that end there stop): a trap in either instruction must make
// the call take its frame. One on the next clause's line stops the calls
// that start there, past the guard. The same for tail calls: a loop's
// every pass stops on its literal clause's line once a trap is there.
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
		{15, 4, "count", 3, "[6]"}, // loop(3, 0) ... loop(0, 6)
		{16, 3, "count", 3, "[6]"}, // loop(3, 0), loop(2, 3), loop(1, 5)
		{18, 1, "teq", 1, "{other,1,t}"},
		{19, 1, "teq", 1, "{other,1,t}"},
		{19, 0, "teq", 0, "t"},
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

// TestBaseTailCallBreakpointMidLoop sets a breakpoint on a counting
// loop's literal clause while the loop runs: its next pass must stop
// there. A tail call that still started past the clause (markBase not
// redone when the trap went in) would run the loop to its last pass and
// stop only with N = 0.
func TestBaseTailCallBreakpointMidLoop(t *testing.T) {
	s := newSession(t, baseSrc)
	const n = 20_000_000
	s.call("count", term.MakeInt(n))
	time.Sleep(20 * time.Millisecond) // most likely in the loop by now; before it is as good
	if _, err := s.d.SetBreakpoints("t", []LineBreakpoint{{Line: 15}}); err != nil {
		t.Fatal(err)
	}
	e := s.stopped(StopBreakpoint)
	bs, err := s.d.Bindings(e.Pid, 0)
	if err != nil {
		t.Fatal(err)
	}
	var at term.Term
	for _, b := range bs {
		if b.Name == "N" {
			at = b.Value
		}
	}
	if !at.IsSmall() || at.Small() <= 0 {
		t.Errorf("stopped with N = %s in %v, want a pass before the last", Show(at), bs)
	}
	if _, err := s.d.SetBreakpoints("t", nil); err != nil {
		t.Fatal(err)
	}
	if err := s.d.Continue(e.Pid); err != nil {
		t.Fatal(err)
	}
	if r := s.result(); Show(r) != "[200000010000000]" {
		t.Errorf("result %s", Show(r))
	}
}
