package wasmfloor

import (
	"testing"
	"unsafe"
)

func TestFib(t *testing.T) {
	for n, want := range []int64{0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55} {
		if got := NewMachine[unsafe.Pointer]().Fib(int64(n)); got != want {
			t.Errorf("pointer terms: fib(%d) = %d, want %d", n, got, want)
		}
		if got := NewMachine[uintptr]().Fib(int64(n)); got != want {
			t.Errorf("plain terms: fib(%d) = %d, want %d", n, got, want)
		}
	}
}

// BenchmarkFib27Pointer has term.Term's shape: every register store is a
// pointer store.
func BenchmarkFib27Pointer(b *testing.B) { benchFib(b, NewMachine[unsafe.Pointer]()) }

// BenchmarkFib27Plain is the same interpreter over terms with no pointer.
func BenchmarkFib27Plain(b *testing.B) { benchFib(b, NewMachine[uintptr]()) }

func benchFib[P Word](b *testing.B, m *Machine[P]) {
	for b.Loop() {
		if got := m.Fib(27); got != 196418 {
			b.Fatalf("fib(27) = %d", got)
		}
	}
}

// BenchmarkFib27Go is fib as plain Go, no interpreter: the ratio of Go's
// own calls and arithmetic.
func BenchmarkFib27Go(b *testing.B) {
	for b.Loop() {
		if got := goFib(27); got != 196418 {
			b.Fatalf("fib(27) = %d", got)
		}
	}
}

//go:noinline
func goFib(n int64) int64 {
	if n < 2 {
		return n
	}
	return goFib(n-1) + goFib(n-2)
}

// grownLoops are the grown interpreter's run loops, each measured below.
var grownLoops = []string{"hot", "notrap", "cold", "inp", "split", "table"}

func TestGrownFib(t *testing.T) {
	for _, loop := range grownLoops {
		for _, fused := range []bool{false, true} {
			g := NewGrown()
			for n, want := range []int64{0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55} {
				if got := g.Fib(loop, fused, int64(n)); got != want {
					t.Errorf("%s (fused %v): fib(%d) = %d, want %d", loop, fused, n, got, want)
				}
			}
			// Deep enough to cross frame segments and to yield.
			if got := g.Fib(loop, fused, 22); got != 17711 {
				t.Errorf("%s (fused %v): fib(22) = %d, want 17711", loop, fused, got)
			}
		}
	}
}

// TestGrownTrap runs fib with a debugger trap over its first
// instruction: every call runs the trap, then the instruction under it.
func TestGrownTrap(t *testing.T) {
	for _, loop := range grownLoops {
		if loop == "notrap" {
			continue
		}
		g := NewGrown()
		g.fib.orig = append([]instr(nil), g.fib.code...)
		g.fib.code = append([]instr(nil), g.fib.code...)
		g.fib.code[0].op = opBreak
		if got := g.Fib(loop, false, 10); got != 55 {
			t.Errorf("%s: fib(10) under a trap = %d, want 55", loop, got)
		}
		if g.traps != 177 { // fib(10) makes 177 calls
			t.Errorf("%s: %d traps, want 177", loop, g.traps)
		}
	}
}

// BenchmarkFib27Grown measures each step and design of the grown
// interpreter (docs/rationale.md, "vm: dispatch in the wasm build
// (session 6)"): hot is the VM's run with only fib's opcodes, notrap is hot without the
// debugger trap's case, cold adds
// the VM's number of cases, inp keeps the state in the process instead of
// locals, split runs the hot opcodes in a loop of their own, table
// dispatches through a table of functions; fused runs fib in
// superinstructions.
func BenchmarkFib27Grown(b *testing.B) {
	for _, loop := range grownLoops {
		for _, fused := range []bool{false, true} {
			name := loop
			if fused {
				name += "-fused"
			}
			b.Run(name, func(b *testing.B) {
				g := NewGrown()
				for b.Loop() {
					if got := g.Fib(loop, fused, 27); got != 196418 {
						b.Fatalf("fib(27) = %d", got)
					}
				}
			})
		}
	}
}
