package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// TestFastLoopHandsOver runs the instructions runFast takes where it must
// leave them to runSlow: a guard and a subtraction on a float, a fused
// add, cons and guard-ret in the process's only frame, a call with its
// subtraction's peek onto a bignum, and a recursion deep enough to cross
// frame segments and to yield. Each gives what Erlang gives.
func TestFastLoopHandsOver(t *testing.T) {
	m, _ := load(t, `-module(t).
-export([fib/1, g/1, add/1, cons/1, low/1, count/2, mul/1, put/1]).
mul(X) -> X * 3.
put(M) -> M#{a => 1}.
fib(N) when N < 2 -> N;
fib(N) -> fib(N - 1) + fib(N - 2).
g(N) when N < 2 -> N;
g(N) -> h(N - 1).
h(X) -> X.
add(X) -> X + 1.
cons(X) -> [X | X].
low(N) when N < 2 -> N;
low(N) -> {N}.
count(0, Acc) -> Acc;
count(N, Acc) -> count(N - 1, [N | Acc]).
`)
	big := term.MakeInt(1 << 62) // not a small integer
	checkCalls(t, m, []callCase{
		{"fib", []term.Term{term.MakeInt(22)}, "17711"},
		{"g", []term.Term{term.MakeFloat(5.5)}, "4.5"},
		{"g", []term.Term{big}, "4611686018427387903"},
		{"g", []term.Term{term.MakeInt(1)}, "1"},
		{"add", []term.Term{term.MakeInt(1)}, "2"},
		{"add", []term.Term{big}, "4611686018427387905"},
		{"cons", []term.Term{term.MakeInt(1)}, "[1|1]"},
		{"low", []term.Term{term.MakeInt(0)}, "0"},
		{"low", []term.Term{term.MakeInt(7)}, "{7}"},
		{"count", []term.Term{term.MakeInt(3), term.Nil}, "[1,2,3]"},
		{"mul", []term.Term{term.MakeInt(5)}, "15"},
		{"mul", []term.Term{term.MakeInt(1 << 40)}, "3298534883328"},
		{"mul", []term.Term{term.MakeFloat(0.5)}, "1.5"},
		{"put", []term.Term{term.NewMap(nil, nil)}, "#{a => 1}"},
	})
}

// callCase is a call of t:fn(args) and the value it must show as.
type callCase struct {
	fn   string
	args []term.Term
	want string
}

// checkCalls makes each call in m and compares what it returns.
func checkCalls(t *testing.T, m *VM, cases []callCase) {
	t.Helper()
	for _, c := range cases {
		r, err := m.Call("t", c.fn, c.args...)
		if err != nil {
			t.Errorf("%s: %v", c.fn, err)
			continue
		}
		if got := Show(r); got != c.want {
			t.Errorf("%s(%s) = %s, want %s", c.fn, Show(term.MakeList(c.args...)), got, c.want)
		}
	}
}
