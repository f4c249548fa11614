//go:build vm_bench

package bench

import (
	"runtime"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// caller calls bench:Fn(Args...) in one VM.
type caller func(fn string, args ...term.Term) term.Term

// run loads bench.erl into a fresh VM and times bench:fn(arg) b.N times;
// prep builds the argument outside the timed region, as bench_beam.erl
// does.
func run(b *testing.B, fn string, prep func(call caller) term.Term, more ...term.Term) {
	m := vm.New(guestConfig())
	if err := m.LoadModule("bench.erl", Source); err != nil {
		b.Fatalf("loading bench.erl: %v", err)
	}
	call := func(fn string, args ...term.Term) term.Term {
		res, err := m.Call("bench", fn, args...)
		if err != nil {
			b.Fatalf("bench:%s: %v", fn, err)
		}
		return res
	}
	arg := prep(call)
	// One untimed run loads the stdlib modules the program uses (the VM
	// compiles them from source on first call; BEAM has them loaded).
	call(fn, append([]term.Term{arg}, more...)...)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		call(fn, append([]term.Term{arg}, more...)...)
	}
}

// guestConfig is the VM configured as the sandbox's guest runs it in its
// essentials: it yields to the Go runtime's other goroutines between
// reduction slices (sandbox/guest/gc.go), without which the collector's
// mark worker never runs in a wasm build and the write barriers stay on
// (a list fold spent a quarter of its wasm time in them). Natively the
// yield costs nothing measurable.
func guestConfig() *vm.Config {
	return vm.NewConfig().WithInterrupt(func() error { runtime.Gosched(); return nil })
}

func intArg(n int) func(caller) term.Term {
	return func(caller) term.Term { return term.MakeInt(int64(n)) }
}

func listInput(call caller) term.Term { return call("input", term.MakeInt(N)) }

func BenchmarkFib27(b *testing.B)     { run(b, "fib", intArg(27)) }
func BenchmarkListBuild(b *testing.B) { run(b, "list_build", intArg(N)) }
func BenchmarkListSort(b *testing.B)  { run(b, "list_sort", listInput) }
func BenchmarkListFold(b *testing.B)  { run(b, "list_fold", listInput) }
func BenchmarkListMap(b *testing.B)   { run(b, "list_map", listInput) }
func BenchmarkMapBuild(b *testing.B)  { run(b, "map_build", intArg(N)) }

// BenchmarkMapWork2k is the sandbox benchmark MapWork2k (sandbox_bench.erl)
// in the VM alone, for profiling it in the wasm build without the sandbox.
func BenchmarkMapWork2k(b *testing.B) { run(b, "map_work", intArg(2000)) }

func BenchmarkMapFold(b *testing.B) {
	run(b, "map_fold", func(call caller) term.Term { return call("map_input", term.MakeInt(N)) })
}

func BenchmarkFormatP(b *testing.B) {
	run(b, "format_p", func(call caller) term.Term { return call("format_input") })
}

// BenchmarkRing: 1,000 processes in a ring pass a counter 200,000 hops
// (issue 4's goal: at most 2x BEAM).
func BenchmarkRing(b *testing.B) {
	run(b, "ring", func(call caller) term.Term { return term.MakeInt(1000) }, term.MakeInt(200000))
}

// BenchmarkSpawn: spawn 50,000 waiting processes, then stop them all
// (goal: at most 2x BEAM).
func BenchmarkSpawn(b *testing.B) { run(b, "spawn_many", intArg(50000)) }

// BenchmarkLoadLists is a fresh VM's first call of lists:seq/2: the VM
// preprocesses, parses and compiles the embedded lists.erl on first use.
// wasm.sh runs it in both builds, for what loading the standard library
// from source costs a wasm sandbox.
func BenchmarkLoadLists(b *testing.B) {
	for b.Loop() {
		m := vm.New(guestConfig())
		if _, err := m.Call("lists", "seq", term.MakeInt(1), term.MakeInt(10)); err != nil {
			b.Fatalf("lists:seq(1, 10): %v", err)
		}
	}
}
