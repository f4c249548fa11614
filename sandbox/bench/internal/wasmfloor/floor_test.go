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
