package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// debugBenchSrc's line 4 is never executed: fib is never called with a
// negative number.
const debugBenchSrc = `-module(b).
-export([fib/1, loop/1]).
fib(N) when N < 0 ->
    erlang:error(negative);
fib(0) -> 0;
fib(1) -> 1;
fib(N) -> fib(N - 1) + fib(N - 2).
loop(0) -> done;
loop(N) ->
    loop(N - 1).
`

func benchDebugFib(b *testing.B, breakpoints bool) {
	m := New(NewConfig())
	if err := m.LoadModule("b.erl", []byte(debugBenchSrc)); err != nil {
		b.Fatal(err)
	}
	if breakpoints {
		infos, err := m.Debugger().SetBreakpoints("b", []LineBreakpoint{{Line: 4}})
		if err != nil || !infos[0].Verified {
			b.Fatal(infos, err)
		}
	}
	for b.Loop() {
		if _, err := m.Call("b", "fib", term.MakeInt(25)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDebugFibNoBreakpoints is the baseline for the next one.
func BenchmarkDebugFibNoBreakpoints(b *testing.B) { benchDebugFib(b, false) }

// BenchmarkDebugFibIdleBreakpoint runs fib with a breakpoint set on a line
// of fib/1 that is never executed (goal: under 5% slower than without).
func BenchmarkDebugFibIdleBreakpoint(b *testing.B) { benchDebugFib(b, true) }

// BenchmarkBreakpointHit measures continuing a stopped process until it
// stops at the same breakpoint again, one loop iteration later: resume,
// run to the trap, stop, deliver the stopped event.
func BenchmarkBreakpointHit(b *testing.B) {
	m := New(NewConfig())
	if err := m.LoadModule("b.erl", []byte(debugBenchSrc)); err != nil {
		b.Fatal(err)
	}
	d := m.Debugger()
	stops := make(chan uint64, 1)
	d.Subscribe(func(e Event) {
		if e.Kind == EventStopped {
			stops <- e.Pid
		}
	})
	if _, err := d.SetBreakpoints("b", []LineBreakpoint{{Line: 10}}); err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := m.Call("b", "loop", term.MakeInt(int64(b.N)+1))
		done <- err
	}()
	pid := <-stops
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := d.Continue(pid); err != nil {
			b.Fatal(err)
		}
		<-stops
	}
	b.StopTimer()
	d.SetBreakpoints("b", nil)
	d.ContinueAll()
	if err := <-done; err != nil {
		b.Fatal(err)
	}
}
