//go:build vm_bench

package bench

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// newVM loads bench.erl into a fresh VM.
func newVM(b *testing.B) *vm.VM {
	b.Helper()
	m := vm.New(vm.NewConfig())
	if err := m.LoadModule("bench.erl", Source); err != nil {
		b.Fatalf("loading bench.erl: %v", err)
	}
	return m
}

func call(b *testing.B, m *vm.VM, fn string, args ...term.Term) term.Term {
	b.Helper()
	res, err := m.Call("bench", fn, args...)
	if err != nil {
		b.Fatalf("bench:%s: %v", fn, err)
	}
	return res
}

// run times bench:fn(arg) b.N times; prep builds the argument outside the
// timed region, as bench_beam.erl does.
func run(b *testing.B, fn string, prep func(*vm.VM) term.Term) {
	m := newVM(b)
	arg := prep(m)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		call(b, m, fn, arg)
	}
}

func intArg(n int) func(*vm.VM) term.Term {
	return func(*vm.VM) term.Term { return term.MakeInt(int64(n)) }
}

func BenchmarkFib27(b *testing.B)     { run(b, "fib", intArg(27)) }
func BenchmarkListBuild(b *testing.B) { run(b, "list_build", intArg(N)) }
func BenchmarkMapBuild(b *testing.B)  { run(b, "map_build", intArg(N)) }

func BenchmarkListSort(b *testing.B) {
	run(b, "list_sort", func(m *vm.VM) term.Term { return call(b, m, "input", term.MakeInt(N)) })
}

func BenchmarkListFold(b *testing.B) {
	run(b, "list_fold", func(m *vm.VM) term.Term { return call(b, m, "input", term.MakeInt(N)) })
}

func BenchmarkListMap(b *testing.B) {
	run(b, "list_map", func(m *vm.VM) term.Term { return call(b, m, "input", term.MakeInt(N)) })
}

func BenchmarkMapFold(b *testing.B) {
	run(b, "map_fold", func(m *vm.VM) term.Term { return call(b, m, "map_input", term.MakeInt(N)) })
}

func BenchmarkFormatP(b *testing.B) {
	run(b, "format_p", func(m *vm.VM) term.Term { return call(b, m, "format_input") })
}
