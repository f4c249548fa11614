package vm

import (
	"math/big"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// rem, band, bor and bxor of two small integers (their fast paths) agree
// with big-integer arithmetic, at the small range's edges and for
// negative operands.
func TestSmallIntBitOps(t *testing.T) {
	m := New(NewConfig())
	vals := []int64{0, 1, -1, 7, -8, 100000, -100000, 0x7FFFFFFF, term.SmallMax, term.SmallMin, term.SmallMax - 1, term.SmallMin + 1}
	ops := map[string]func(z, x, y *big.Int) *big.Int{
		"rem": (*big.Int).Rem, "band": (*big.Int).And, "bor": (*big.Int).Or, "bxor": (*big.Int).Xor,
	}
	for name, op := range ops {
		for _, x := range vals {
			for _, y := range vals {
				if name == "rem" && y == 0 {
					continue
				}
				got, err := m.Call("erlang", name, term.MakeInt(x), term.MakeInt(y))
				if err != nil {
					t.Fatalf("erlang:%s(%d, %d): %v", name, x, y, err)
				}
				want := op(new(big.Int), big.NewInt(x), big.NewInt(y))
				if g := got.Big(); g.Cmp(want) != 0 {
					t.Errorf("erlang:%s(%d, %d) = %v, want %v", name, x, y, g, want)
				}
			}
		}
	}
	if _, err := m.Call("erlang", "rem", term.MakeInt(1), term.MakeInt(0)); err == nil {
		t.Error("erlang:rem(1, 0) did not fail")
	}
}
