package term

import (
	"bytes"
	"cmp"
	"hash/maphash"
	"math"
	"math/big"
	"strings"
)

// Compare orders a and b in Erlang's standard term order, returning -1, 0
// or 1. Integers and floats compare by value (1 == 1.0 gives 0), as the
// comparison operators do.
func Compare(a, b Term) int { return compare(a, b, false) }

// CompareExact is the order of map keys (OTP's small maps): Compare,
// except that all integers sort before all floats, so only =:= terms
// give 0.
func CompareExact(a, b Term) int { return compare(a, b, true) }

// Equal is ==.
func Equal(a, b Term) bool {
	if a == b {
		return true
	}
	if a.p == nil && b.p == nil {
		return false // two immediates: see ExactEqual
	}
	return compare(a, b, false) == 0
}

// Distinct reports whether a and b are certainly not exactly equal
// because they are two immediates with different bits or terms of two
// kinds (ExactEqual's quick answers below). It is small enough for Go to
// inline, which ExactEqual is not: a receive's `stop ->` clause meeting
// an integer message then costs no call (2% of a message ring in wasm).
// False says nothing: ExactEqual decides.
func Distinct(a, b Term) bool {
	return a.p == nil && b.p == nil && a != b ||
		(a.w^b.w)&tagMask != 0 && a.tag() != kindBig && b.tag() != kindBig
}

// ExactEqual is =:=.
func ExactEqual(a, b Term) bool {
	if a == b {
		return true
	}
	if a.p == nil && b.p == nil {
		// Two immediates (small integers, [], pids, references, {}) are
		// the same term only when they are the same bits: the common
		// mismatch of a clause's literal pattern costs no compare.
		return false
	}
	if ta, tb := a.tag(), b.tag(); ta != tb && ta != kindBig && tb != kindBig {
		// Terms of two kinds are never exactly equal (an integer and a
		// float neither): a receive's `stop ->` clause meeting an
		// integer message, 3% of a message ring in wasm, costs no
		// compare. Bignums share KindInt with small integers, so they
		// go on to compare.
		return false
	}
	return compare(a, b, true) == 0
}

func sign(x int) int {
	switch {
	case x < 0:
		return -1
	case x > 0:
		return 1
	}
	return 0
}

func compare(a, b Term, exact bool) int {
	ka, kb := a.Kind(), b.Kind()
	if ka <= KindFloat && kb <= KindFloat {
		return compareNum(a, b, exact)
	}
	if ka != kb {
		return sign(int(ka) - int(kb))
	}
	switch ka {
	case KindAtom:
		if a.p == b.p {
			return 0
		}
		return strings.Compare(a.AtomName(), b.AtomName())
	case KindNil:
		return 0
	case KindPid, KindRef, KindPort:
		return sign(int(a.ID()) - int(b.ID()))
	case KindTuple:
		if a.TupleLen() != b.TupleLen() {
			return sign(a.TupleLen() - b.TupleLen())
		}
		ea, eb := a.Elems(), b.Elems()
		for i := range ea {
			if c := compare(ea[i], eb[i], exact); c != 0 {
				return c
			}
		}
		return 0
	case KindCons:
		for {
			ca, cb := a.Cons(), b.Cons()
			if c := compare(ca.Head, cb.Head, exact); c != 0 {
				return c
			}
			a, b = ca.Tail, cb.Tail
			if a.tag() != KindCons || b.tag() != KindCons {
				return compare(a, b, exact)
			}
		}
	case KindMap:
		return compareMaps(a.Map(), b.Map(), exact)
	case KindBits:
		ba, bb := a.Bits(), b.Bits()
		return compareBits(ba, bb)
	case KindFun:
		fa, fb := a.Fun(), b.Fun()
		if c := compare(fa.Module, fb.Module, exact); c != 0 {
			return c
		}
		if fa.External != fb.External {
			if fa.External {
				return 1
			}
			return -1
		}
		if fa.External {
			if c := compare(fa.Name, fb.Name, exact); c != 0 {
				return c
			}
			return sign(fa.Arity - fb.Arity)
		}
		if fa.Index != fb.Index {
			return sign(fa.Index - fb.Index)
		}
		if c := compare(fa.Name, fb.Name, exact); c != 0 {
			return c // local fun references (fun f/1) share index -1
		}
		if len(fa.Env) != len(fb.Env) {
			return sign(len(fa.Env) - len(fb.Env))
		}
		for i := range fa.Env {
			if c := compare(fa.Env[i], fb.Env[i], exact); c != 0 {
				return c
			}
		}
		return 0
	}
	return 0
}

func compareBits(a, b *Bits) int {
	na, nb := (a.Size+7)/8, (b.Size+7)/8
	n := min(na, nb)
	if c := bytes.Compare(a.Data[:n], b.Data[:n]); c != 0 {
		return c
	}
	return sign(a.Size - b.Size)
}

func compareNum(a, b Term, exact bool) int {
	ta, tb := a.tag(), b.tag()
	if ta == KindInt && tb == KindInt {
		return cmp.Compare(a.Small(), b.Small())
	}
	if ta != KindFloat && tb != KindFloat {
		if x, ok := a.Int(); ok {
			if y, ok := b.Int(); ok {
				return cmp.Compare(x, y)
			}
		}
		return a.Big().Cmp(b.Big())
	}
	if ta == KindFloat && tb == KindFloat {
		return cmpFloat(a.Float(), b.Float())
	}
	if exact {
		// Map-key order: every integer before every float.
		if ta == KindFloat {
			return 1
		}
		return -1
	}
	// Mixed: compare exactly (a float is an exact rational).
	var c int
	if ta == KindFloat {
		c = -cmpIntFloat(b, a.Float())
	} else {
		c = cmpIntFloat(a, b.Float())
	}
	if c == 0 && exact {
		if ta == KindFloat {
			return 1
		}
		return -1
	}
	return c
}

func cmpFloat(x, y float64) int {
	switch {
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func cmpIntFloat(i Term, f float64) int {
	if i.IsSmall() && math.Abs(f) < 1<<53 {
		v := i.Small()
		if v > -(1<<53) && v < 1<<53 {
			return cmpFloat(float64(v), f)
		}
	}
	bf := new(big.Float).SetInt(i.Big())
	return bf.Cmp(big.NewFloat(f))
}

// Hash returns a hash of t consistent with ExactEqual, for map-key indexes.
func Hash(seed maphash.Seed, t Term) uint64 {
	var h maphash.Hash
	h.SetSeed(seed)
	hashInto(&h, t)
	return h.Sum64()
}

func hashInto(h *maphash.Hash, t Term) {
	var buf [9]byte
	k := t.tag()
	buf[0] = byte(k)
	switch k {
	case KindInt, KindPid, KindRef, KindNil:
		w := t.w
		for i := 1; i < 9; i++ {
			buf[i] = byte(w)
			w >>= 8
		}
		h.Write(buf[:])
	case kindBig:
		h.WriteByte(buf[0])
		h.Write(t.Big().Bytes())
		h.WriteByte(byte(t.Big().Sign() + 1))
	case KindFloat:
		w := math.Float64bits(t.Float())
		for i := 1; i < 9; i++ {
			buf[i] = byte(w)
			w >>= 8
		}
		h.Write(buf[:])
	case KindAtom:
		h.WriteByte(buf[0])
		h.WriteString(t.AtomName())
	case KindTuple:
		h.WriteByte(buf[0])
		for _, e := range t.Elems() {
			hashInto(h, e)
		}
	case KindCons:
		for t.tag() == KindCons {
			h.WriteByte(byte(KindCons))
			hashInto(h, t.Cons().Head)
			t = t.Cons().Tail
		}
		hashInto(h, t)
	case KindMap:
		h.WriteByte(buf[0])
		t.Map().Range(func(k, v Term) bool {
			hashInto(h, k)
			hashInto(h, v)
			return true
		})
	case KindBits:
		b := t.Bits()
		h.WriteByte(buf[0])
		h.Write(b.Data[:(b.Size+7)/8])
		h.WriteByte(byte(b.Size % 8))
	case KindFun:
		f := t.Fun()
		h.WriteByte(buf[0])
		h.WriteString(f.Module.AtomName())
		h.WriteString(f.Name.AtomName())
		for _, e := range f.Env {
			hashInto(h, e)
		}
	}
}
