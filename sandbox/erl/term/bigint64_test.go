package term

import (
	"hash/maphash"
	"math"
	"math/big"
	"testing"
	"unsafe"
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

// An int64 box and a big.Int of the same value are the same term: equal,
// ordered, hashed and converted alike, and big.Ints beyond int64 still
// compare with boxes.
func TestInt64BoxAgreesWithBigInt(t *testing.T) {
	huge := new(big.Int).Lsh(big.NewInt(1), 70)
	for _, v := range []int64{SmallMax + 1, SmallMin - 1, math.MaxInt64, math.MinInt64, 1103515245 * (1 << 31)} {
		box := MakeInt(v)
		if box.w&box64 == 0 {
			t.Fatalf("MakeInt(%d) is not boxed", v)
		}
		// A *big.Int term of the same value, as MakeBig made them before
		// int64 boxes.
		bigt := Term{w: uint64(kindBig), p: unsafe.Pointer(big.NewInt(v))}
		if !ExactEqual(box, bigt) || !Equal(box, bigt) || Compare(box, bigt) != 0 {
			t.Errorf("%d: box and big.Int differ", v)
		}
		if f, ok := box.ToFloat(); !ok || f != float64(v) {
			t.Errorf("%d: ToFloat = %v, %v", v, f, ok)
		}
		if MakeBig(big.NewInt(v)).w&box64 == 0 {
			t.Errorf("MakeBig(%d) is not boxed", v)
		}
		seed := maphash.MakeSeed()
		if Hash(seed, box) != Hash(seed, bigt) || internalHash(box, 0) != internalHash(bigt, 0) {
			t.Errorf("%d: hashes differ", v)
		}
		m := NewMap([]Term{bigt}, []Term{MakeInt(1)})
		if got, ok := m.Map().Get(box); !ok || !ExactEqual(got, MakeInt(1)) {
			t.Errorf("%d: a map keyed by the big.Int does not find the box", v)
		}
		h := MakeBig(new(big.Int).Set(huge))
		if Compare(box, h) != -1 || Compare(h, box) != 1 {
			t.Errorf("%d against 2^70: order wrong", v)
		}
	}
}
