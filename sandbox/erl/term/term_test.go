package term

import (
	"hash/maphash"
	"math/big"
	"testing"
)

func TestIntNormalisation(t *testing.T) {
	for _, v := range []int64{0, 1, -1, SmallMax, SmallMin, SmallMax + 1, SmallMin - 1, 1 << 62} {
		x := MakeInt(v)
		got, ok := x.Int()
		if !ok || got != v {
			t.Errorf("MakeInt(%d).Int() = %d, %v", v, got, ok)
		}
		if x.IsSmall() != (v >= SmallMin && v <= SmallMax) {
			t.Errorf("MakeInt(%d).IsSmall() = %v", v, x.IsSmall())
		}
	}
	b := new(big.Int).Lsh(big.NewInt(1), 100)
	b.Sub(b, new(big.Int).Lsh(big.NewInt(1), 100))
	if x := MakeBig(b); !x.IsSmall() || x.Small() != 0 {
		t.Errorf("MakeBig(0) not normalised to small: %+v", x)
	}
}

func TestTermOrder(t *testing.T) {
	a := NewAtoms(100)
	foo, _ := a.Intern("foo")
	// One term of each kind, in ascending standard order.
	ordered := []Term{
		MakeInt(-5), MakeFloat(1.5), MakeInt(2), MakeBig(new(big.Int).Lsh(big.NewInt(1), 80)),
		MakeAtom("abc"), foo, MakeRef(1),
		MakeFun(&Fun{Module: foo, Name: foo, Arity: 0, Index: 1}),
		MakePid(3), MakeTuple(MakeInt(9)), MakeTuple(MakeInt(1), MakeInt(2)),
		EmptyMap, NewMap([]Term{MakeInt(1)}, []Term{MakeInt(1)}),
		Nil, MakeList(MakeInt(1)), MakeList(MakeInt(1), MakeInt(2)), MakeList(MakeInt(2)),
		MakeBinary(nil), MakeBinary([]byte("a")),
	}
	for i := range ordered {
		for j := range ordered {
			want := sign(i - j)
			if got := Compare(ordered[i], ordered[j]); got != want {
				t.Errorf("Compare(#%d, #%d) = %d, want %d", i, j, got, want)
			}
		}
	}
}

func TestEqualVsExact(t *testing.T) {
	one, onef := MakeInt(1), MakeFloat(1.0)
	if !Equal(one, onef) {
		t.Error("1 == 1.0 should hold")
	}
	if ExactEqual(one, onef) {
		t.Error("1 =:= 1.0 should not hold")
	}
	if MakeAtom("x") == MakeAtom("x") || !Equal(MakeAtom("x"), MakeAtom("x")) {
		t.Error("atoms from MakeAtom are distinct records but equal")
	}
	seed := maphash.MakeSeed()
	if Hash(seed, one) == Hash(seed, onef) {
		t.Error("1 and 1.0 hash alike")
	}
	if Hash(seed, MakeList(one, MakeAtom("a"))) != Hash(seed, MakeList(MakeInt(1), MakeAtom("a"))) {
		t.Error("equal lists hash differently")
	}
}

func TestMapKeys(t *testing.T) {
	m := NewMap([]Term{MakeFloat(1), MakeInt(1), MakeAtom("a"), MakeInt(1)}, []Term{MakeAtom("f"), MakeAtom("i"), MakeAtom("x"), MakeAtom("j")})
	mm := m.Map()
	if mm.Len() != 3 {
		t.Fatalf("len = %d, want 3 (1 and 1.0 distinct, duplicate 1 merged)", mm.Len())
	}
	if !mm.Keys()[0].IsSmall() || mm.Keys()[1].Kind() != KindFloat {
		t.Errorf("integer key should sort before equal float key: %v", mm.Keys())
	}
	if v, _ := mm.Get(MakeInt(1)); !v.IsAtom("j") {
		t.Errorf("later duplicate should win, got %v", v.AtomName())
	}
	m2 := mm.Put(MakeAtom("b"), Nil).Remove(MakeFloat(1))
	if m2.Len() != 3 || mm.Len() != 3 {
		t.Errorf("put/remove: %d %d", m2.Len(), mm.Len())
	}
	if _, ok := m2.Get(MakeFloat(1)); ok {
		t.Error("removed key still present")
	}
	// Maps compare by size first.
	if Compare(MakeMap(m2), NewMap([]Term{MakeInt(0), MakeInt(1), MakeInt(2), MakeInt(3)}, make([]Term, 4))) >= 0 {
		t.Error("smaller map should sort first")
	}
}

func TestAtomLimit(t *testing.T) {
	a := NewAtoms(len(predefined) + 1)
	if _, err := a.Intern("one_more"); err != nil {
		t.Fatal(err)
	}
	if _, err := a.Intern("too_many"); err == nil {
		t.Fatal("expected system_limit")
	}
	if x, _ := a.Intern("true"); x != True {
		t.Error("predefined atom not shared")
	}
}

func TestListsAndTuples(t *testing.T) {
	l := MakeString("héllo")
	if ListLen(l) != 5 {
		t.Errorf("len = %d", ListLen(l))
	}
	imp := MakeListTail([]Term{MakeInt(1)}, MakeInt(2))
	if ListLen(imp) != -1 {
		t.Error("improper list has a length")
	}
	tu := MakeTuple(MakeInt(1), True)
	if tu.TupleLen() != 2 || !tu.Elem(1).IsAtom("true") {
		t.Error("tuple access")
	}
}

// The candidates for the representation: the chosen 16-byte struct versus
// an interface. Summing a list of small integers is the VM's hot path in
// miniature: read a term, test it is a small int, add, build a term.
func BenchmarkSumStruct(b *testing.B) {
	xs := make([]Term, 1000)
	for i := range xs {
		xs[i] = MakeInt(int64(i * 1000))
	}
	for b.Loop() {
		acc := MakeInt(0)
		for _, x := range xs {
			if x.IsSmall() && acc.IsSmall() {
				acc = MakeInt(acc.Small() + x.Small())
			}
		}
		if acc.Small() == 0 {
			b.Fatal("zero")
		}
	}
}

func BenchmarkSumAny(b *testing.B) {
	xs := make([]any, 1000)
	for i := range xs {
		xs[i] = int64(i * 1000)
	}
	for b.Loop() {
		var acc any = int64(0)
		for _, x := range xs {
			if xi, ok := x.(int64); ok {
				if ai, ok := acc.(int64); ok {
					acc = ai + xi
				}
			}
		}
		if acc.(int64) == 0 {
			b.Fatal("zero")
		}
	}
}

// ExactEqual's shortcuts (same bits, two immediates, two kinds) agree
// with the full comparison for every pair of terms of every kind.
func TestExactEqualShortcutsAgreeWithCompare(t *testing.T) {
	big1 := new(big.Int).Lsh(big.NewInt(1), 80)
	terms := []Term{
		MakeInt(1), MakeInt(-7), MakeInt(1 << 62), MakeBig(big1), MakeBig(new(big.Int).Set(big1)),
		MakeFloat(1), MakeFloat(1), MakeFloat(-7), MakeAtom("stop"), MakeAtom("stop"), MakeAtom("go"),
		Nil, MakeTuple(), MakeTuple(MakeInt(1)), MakeTuple(MakeFloat(1)), MakeList(MakeInt(1)),
		MakeString("ab"), MakeBinary([]byte("ab")), MakeBinary([]byte("ab")), MakeBits([]byte{0x80}, 1),
		MakePid(3), MakeRef(3), NewMap(nil, nil), NewMap([]Term{MakeInt(1)}, []Term{MakeInt(2)}),
	}
	for _, a := range terms {
		for _, b := range terms {
			if got, want := ExactEqual(a, b), compare(a, b, true) == 0; got != want {
				t.Errorf("ExactEqual(%v, %v) = %v, compare says %v", a, b, got, want)
			}
			if Distinct(a, b) && compare(a, b, true) == 0 {
				t.Errorf("Distinct(%v, %v), but compare says they are equal", a, b)
			}
		}
	}
}

// ReverseFresh reverses by relinking the cells it is given: the same
// cells, in the other order, and no allocation.
func TestReverseFresh(t *testing.T) {
	for _, n := range []int{0, 1, 2, 5} {
		elems := make([]Term, n)
		for i := range elems {
			elems[i] = MakeInt(int64(i))
		}
		l := MakeList(elems...)
		var cells []*Cons
		for c := l; c.Kind() == KindCons; c = c.Cons().Tail {
			cells = append(cells, c.Cons())
		}
		r := ReverseFresh(l)
		i := n - 1
		for c := r; c.Kind() == KindCons; c = c.Cons().Tail {
			if c.Cons() != cells[i] || !ExactEqual(c.Cons().Head, elems[i]) {
				t.Fatalf("n=%d: element %d is not the cell or value expected", n, n-1-i)
			}
			i--
		}
		if i != -1 {
			t.Fatalf("n=%d: %d elements left over", n, i+1)
		}
	}
	l := MakeList(MakeInt(1), MakeInt(2), MakeInt(3))
	if n := testing.AllocsPerRun(100, func() { l = ReverseFresh(l) }); n != 0 {
		t.Errorf("ReverseFresh allocated %v times", n)
	}
}
