package term

import (
	"math"
	"math/big"
	"testing"
)

// An integer outside the small range that fits int64 is one allocation,
// and its value and arithmetic are big.Int's.
func TestMakeIntInt64Range(t *testing.T) {
	for _, v := range []int64{SmallMax + 1, SmallMin - 1, math.MaxInt64, math.MinInt64, 1103515245 * (1 << 31)} {
		x := MakeInt(v)
		if !x.IsBig() || x.Big().Int64() != v || x.Big().Cmp(big.NewInt(v)) != 0 {
			t.Errorf("MakeInt(%d) = %v", v, x.Big())
		}
		if got, ok := x.Int(); !ok || got != v {
			t.Errorf("MakeInt(%d).Int() = %d, %v", v, got, ok)
		}
		// Arithmetic on it leaves it as it was (terms are immutable).
		if s := new(big.Int).Add(x.Big(), big.NewInt(1)); s.Cmp(new(big.Int).Add(big.NewInt(v), big.NewInt(1))) != 0 || x.Big().Int64() != v {
			t.Errorf("MakeInt(%d) + 1 = %v, operand now %v", v, s, x.Big())
		}
	}
	var sink Term
	if n := testing.AllocsPerRun(100, func() { sink = MakeInt(math.MaxInt64 - 7) }); n != 1 {
		t.Errorf("MakeInt outside the small range: %v allocations, want 1", n)
	}
	_ = sink
}
