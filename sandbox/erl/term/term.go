// Package term is the representation of Erlang terms in otpbox's VM.
//
// A Term is a 16-byte value: a tag plus immediate payload in one word and a
// pointer to a heap object in the other. Small integers (60 bits), atoms,
// [] , pids and references need no allocation, and arithmetic on small
// integers never boxes: see docs/rationale.md for the measurements that
// chose this over `any`.
//
// Kinds and their payloads:
//
//	Int      small: the value in the word; big: *big.Int (always normalised:
//	         a *big.Int that fits 60 bits is stored small)
//	Float    *float64
//	Atom     *atomRec (the name); compare with Equal or SameAtom
//	Nil      nothing
//	Cons     *Cons (Head, Tail)
//	Tuple    pointer to the first element, length in the word
//	Map      *Map (keys kept sorted in map-key order)
//	Bits     *Bits (binary when its size is a multiple of 8)
//	Fun      *Fun
//	Pid, Ref the number in the word
//
// The zero Term is the integer 0.
package term

import (
	"math"
	"math/big"
	"unsafe"
)

// Kind is the type of a term. The constants are in Erlang's term order
// (number < atom < reference < fun < port < pid < tuple < map < nil < list
// < bitstring), except that Int and Float are both numbers.
type Kind uint8

// The kinds, in term order.
const (
	KindInt Kind = iota
	KindFloat
	KindAtom
	KindRef
	KindFun
	KindPort
	KindPid
	KindTuple
	KindMap
	KindNil
	KindCons
	KindBits
	kindBig // an Int held as *big.Int; Kind() reports KindInt
)

func (k Kind) String() string {
	return [...]string{"integer", "float", "atom", "reference", "fun", "port", "pid", "tuple", "map", "nil", "list", "bitstring", "integer"}[k]
}

const (
	tagBits = 4
	tagMask = 1<<tagBits - 1
	// SmallMax and SmallMin bound the integers held without allocation.
	SmallMax = 1<<(63-tagBits) - 1
	// SmallMin is the most negative immediate integer.
	SmallMin = -1 << (63 - tagBits)
)

// Term is an Erlang term. Copy it by value; it is immutable.
type Term struct {
	w uint64
	p unsafe.Pointer
}

func (t Term) tag() Kind { return Kind(t.w & tagMask) }

// Kind reports the term's type.
func (t Term) Kind() Kind {
	k := t.tag()
	if k == kindBig {
		return KindInt
	}
	return k
}

// Is reports whether t is of kind k.
func (t Term) Is(k Kind) bool { return t.Kind() == k }

// ---- integers

// MakeInt returns the integer v.
func MakeInt(v int64) Term {
	if v >= SmallMin && v <= SmallMax {
		return Term{w: uint64(v) << tagBits}
	}
	return Term{w: uint64(kindBig) | box64, p: unsafe.Pointer(newBox64(v))}
}

// box64 marks a kindBig term whose p points to an int64 rather than a
// big.Int: an integer outside the small range that fits int64, as the
// intermediates of hashing and random-number code do (X * 1103515245 in
// an LCG). The box is 8 bytes with no pointers, which Go's tiny allocator
// packs two to a 16-byte block that the collector never scans; a big.Int
// with its word (48 bytes, pointing into itself) cost an allocation the
// collector scans, and, in the wasm build, 3–4 calls of math/big's to
// fill in. Int, Big and ToFloat read either form.
const box64 = 1 << tagBits

// newBox64 is not inlined so that MakeInt, which is, allocates only on
// its slow path.
//
//go:noinline
func newBox64(v int64) *int64 {
	b := new(int64)
	*b = v
	return b
}

// MakeSmall returns v, which the caller knows is within SmallMin..SmallMax.
func MakeSmall(v int64) Term { return Term{w: uint64(v) << tagBits} }

// MakeBig returns the integer v, stored small when it fits. v must not be
// modified afterwards.
func MakeBig(v *big.Int) Term {
	if v.IsInt64() {
		return MakeInt(v.Int64())
	}
	return Term{w: uint64(kindBig), p: unsafe.Pointer(v)}
}

// IsSmall reports whether t is an immediate integer.
func (t Term) IsSmall() bool { return t.w&tagMask == 0 && t.p == nil }

// Small returns an immediate integer's value; valid only when IsSmall.
func (t Term) Small() int64 { return int64(t.w) >> tagBits }

// IsInt reports whether t is an integer of any size.
func (t Term) IsInt() bool { k := t.tag(); return k == KindInt || k == kindBig }

// Int returns t's value when it is an integer that fits in int64.
func (t Term) Int() (int64, bool) {
	switch t.tag() {
	case KindInt:
		return t.Small(), true
	case kindBig:
		if t.w&box64 != 0 {
			return *(*int64)(t.p), true
		}
		// MakeBig keeps int64 values boxed: a big.Int is beyond int64.
	}
	return 0, false
}

// Big returns an integer as a *big.Int (a fresh one for small integers and
// int64 boxes; the stored one, not to be modified, for big ones).
func (t Term) Big() *big.Int {
	if t.tag() == kindBig {
		if t.w&box64 != 0 {
			return big.NewInt(*(*int64)(t.p))
		}
		return (*big.Int)(t.p)
	}
	return big.NewInt(t.Small())
}

// IsBig reports whether t is an integer outside the immediate range.
func (t Term) IsBig() bool { return t.tag() == kindBig }

// ---- floats

// MakeFloat returns the float f.
func MakeFloat(f float64) Term { return Term{w: uint64(KindFloat), p: unsafe.Pointer(&f)} }

// Float returns a float's value; valid only for KindFloat.
func (t Term) Float() float64 { return *(*float64)(t.p) }

// IsNumber reports whether t is an integer or a float.
func (t Term) IsNumber() bool { k := t.tag(); return k == KindInt || k == kindBig || k == KindFloat }

// ToFloat converts a number to float64 (ok false for non-numbers or
// integers too large for a float).
func (t Term) ToFloat() (float64, bool) {
	switch t.tag() {
	case KindInt:
		return float64(t.Small()), true
	case kindBig:
		if t.w&box64 != 0 {
			return float64(*(*int64)(t.p)), true
		}
		f, _ := new(big.Float).SetInt((*big.Int)(t.p)).Float64()
		if math.IsInf(f, 0) {
			return 0, false
		}
		return f, true
	case KindFloat:
		return t.Float(), true
	}
	return 0, false
}

// ---- lists

// Cons is a list cell.
type Cons struct{ Head, Tail Term }

// Nil is [].
var Nil = Term{w: uint64(KindNil)}

// ReverseFresh returns the proper list l reversed by relinking its own
// cells, allocating none. Terms are immutable everywhere else: only the
// code that made l's cells may call it, while nothing else can hold them
// (the VM's list comprehension, whose accumulator no variable names).
func ReverseFresh(l Term) Term {
	out := Nil
	for l.Kind() == KindCons {
		c := l.Cons()
		next := c.Tail
		c.Tail = out
		out, l = l, next
	}
	return out
}

// MakeCons returns [h|t].
func MakeCons(h, t Term) Term {
	return Term{w: uint64(KindCons), p: unsafe.Pointer(&Cons{h, t})}
}

// IsNil reports whether t is [].
func (t Term) IsNil() bool { return t.w == uint64(KindNil) }

// Cons returns a list cell; valid only for KindCons.
func (t Term) Cons() *Cons { return (*Cons)(t.p) }

// MakeList returns the proper list of elems.
func MakeList(elems ...Term) Term { return MakeListTail(elems, Nil) }

// MakeListTail returns elems consed onto tail.
func MakeListTail(elems []Term, tail Term) Term {
	if len(elems) == 0 {
		return tail
	}
	cells := make([]Cons, len(elems))
	for i := len(elems) - 1; i >= 0; i-- {
		cells[i] = Cons{elems[i], tail}
		tail = Term{w: uint64(KindCons), p: unsafe.Pointer(&cells[i])}
	}
	return tail
}

// ListToSlice returns the elements of a proper list; ok is false for an
// improper list or a non-list.
func ListToSlice(t Term) ([]Term, bool) {
	n := 0
	for l := t; l.tag() == KindCons; l = l.Cons().Tail {
		n++
	}
	out := make([]Term, 0, n)
	for t.tag() == KindCons {
		c := t.Cons()
		out = append(out, c.Head)
		t = c.Tail
	}
	return out, t.IsNil()
}

// ListLen returns the length of a proper list, or -1.
func ListLen(t Term) int {
	n := 0
	for t.tag() == KindCons {
		n++
		t = t.Cons().Tail
	}
	if !t.IsNil() {
		return -1
	}
	return n
}

// MakeString returns s as a list of code points, as a string literal is.
func MakeString(s string) Term {
	rs := []rune(s)
	elems := make([]Term, len(rs))
	for i, r := range rs {
		elems[i] = MakeSmall(int64(r))
	}
	return MakeList(elems...)
}

// ---- tuples

// MakeTuple returns a tuple holding elems (which it takes over).
func MakeTuple(elems ...Term) Term {
	if len(elems) == 0 {
		return Term{w: uint64(KindTuple)}
	}
	return Term{w: uint64(len(elems))<<tagBits | uint64(KindTuple), p: unsafe.Pointer(unsafe.SliceData(elems))}
}

// TupleLen returns a tuple's size; valid only for KindTuple.
func (t Term) TupleLen() int { return int(t.w >> tagBits) }

// Elems returns a tuple's elements, not to be modified.
func (t Term) Elems() []Term {
	if t.p == nil {
		return nil
	}
	return unsafe.Slice((*Term)(t.p), t.w>>tagBits)
}

// Elem returns element i (0-based) of a tuple.
func (t Term) Elem(i int) Term { return t.Elems()[i] }

// ---- pids, references

// MakePid returns the local pid <0.id.0>.
func MakePid(id uint64) Term { return Term{w: id<<tagBits | uint64(KindPid)} }

// MakeRef returns the reference numbered id.
func MakeRef(id uint64) Term { return Term{w: id<<tagBits | uint64(KindRef)} }

// ID returns the number of a pid or reference.
func (t Term) ID() uint64 { return t.w >> tagBits }

// ---- binaries

// Bits is a bitstring: Size bits taken from Data (the last byte
// left-aligned when Size%8 != 0).
type Bits struct {
	Data []byte
	Size int
}

// MakeBinary returns a binary holding b (which it takes over).
func MakeBinary(b []byte) Term {
	return Term{w: uint64(KindBits), p: unsafe.Pointer(&Bits{Data: b, Size: 8 * len(b)})}
}

// MakeBits returns a bitstring of size bits from data.
func MakeBits(data []byte, size int) Term {
	return Term{w: uint64(KindBits), p: unsafe.Pointer(&Bits{Data: data, Size: size})}
}

// Bits returns a bitstring; valid only for KindBits.
func (t Term) Bits() *Bits { return (*Bits)(t.p) }

// IsBinary reports whether t is a bitstring of whole bytes.
func (t Term) IsBinary() bool { return t.tag() == KindBits && t.Bits().Size%8 == 0 }

// ---- funs

// Fun is a closure or an external fun. For an external fun (fun M:F/A)
// Module and Name say what to call and Code is nil; for a closure Code is
// the VM's compiled function (opaque here), Index/Uniq identify it for
// printing (#Fun<Module.Index.Uniq>) and Env holds the captured values.
type Fun struct {
	Module   Term // atom
	Name     Term // atom: the function, or the closure's generated name
	Arity    int
	External bool
	Index    int
	Uniq     uint32
	Env      []Term
	Code     any
}

// MakeFun wraps f as a term.
func MakeFun(f *Fun) Term { return Term{w: uint64(KindFun), p: unsafe.Pointer(f)} }

// Fun returns a fun; valid only for KindFun.
func (t Term) Fun() *Fun { return (*Fun)(t.p) }
