package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

const benchSrc = `-module(b).
-export([fib/1, sum/2, build/2]).
fib(0) -> 0;
fib(1) -> 1;
fib(N) -> fib(N - 1) + fib(N - 2).
sum([], Acc) -> Acc;
sum([H | T], Acc) -> sum(T, Acc + H).
build(0, Acc) -> Acc;
build(N, Acc) -> build(N - 1, [N | Acc]).
`

func benchVM(b *testing.B) *VM {
	m := New(NewConfig())
	if err := m.LoadModule("b.erl", []byte(benchSrc)); err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkFib27 is the dispatch loop's headline figure (BEAM JIT: ~3 ms).
func BenchmarkFib27(b *testing.B) {
	m := benchVM(b)
	for b.Loop() {
		if _, err := m.Call("b", "fib", term.MakeInt(27)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkListBuildSum builds a 100,000-element list and sums it.
func BenchmarkListBuildSum(b *testing.B) {
	m := benchVM(b)
	for b.Loop() {
		l, err := m.Call("b", "build", term.MakeInt(100000), term.Nil)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := m.Call("b", "sum", l, term.MakeInt(0)); err != nil {
			b.Fatal(err)
		}
	}
}
