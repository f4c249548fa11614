package vm

import (
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// TestNewClosure checks that a closure holds a copy of its environment
// and that one of up to four free variables is one allocation.
func TestNewClosure(t *testing.T) {
	fn := &Func{name: "-f/0-fun-0-", arity: 0, index: 3}
	for n := range 7 {
		env := make([]term.Term, n)
		for i := range env {
			env[i] = term.MakeInt(int64(10 + i))
		}
		f := newClosure(fn, env)
		if len(f.Env) != n || f.Code != fn || f.Index != 3 {
			t.Fatalf("%d free variables: got %+v", n, f)
		}
		for i := range env {
			env[i] = term.Nil
			if got := f.Env[i]; !got.IsSmall() || got.Small() != int64(10+i) {
				t.Errorf("%d free variables: Env[%d] = %v after the caller's registers changed", n, i, got)
			}
		}
		want := 1.0
		if n > 4 {
			want = 2
		}
		if a := testing.AllocsPerRun(100, func() { newClosure(fn, env) }); a != want {
			t.Errorf("%d free variables: %v allocations, want %v", n, a, want)
		}
	}
}

// TestFirstChunk checks the first register chunk's shape: its capacity is
// its length (chunkOf finds a frame by its registers' end), and it and the
// chunk list are one allocation.
func TestFirstChunk(t *testing.T) {
	for n := 1; n <= 8; n++ {
		cs := firstChunk(n)
		if len(cs) != 1 || len(cs[0]) != n || cap(cs[0]) != n {
			t.Fatalf("firstChunk(%d): %d chunks, len %d cap %d", n, len(cs), len(cs[0]), cap(cs[0]))
		}
		if a := testing.AllocsPerRun(100, func() { firstChunk(n) }); a != 1 {
			t.Errorf("firstChunk(%d): %v allocations, want 1", n, a)
		}
	}
}
