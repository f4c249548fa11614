package format

import (
	"math/big"
	"sort"
	"strconv"
	"strings"
)

// This file is the only place that knows how terms are represented. Until
// the VM's term package lands, it defines a provisional representation;
// everything else in the package goes through the accessors below.

// Term is an Erlang term.
type Term = any

// Atom is an atom, by name.
type Atom string

// Tuple is a tuple.
type Tuple []Term

// Cons is a list cell; a proper list ends in Nil.
type Cons struct{ Head, Tail Term }

// Nil is the empty list.
type Nil struct{}

// Map is a map; Keys and Vals are parallel.
type Map struct{ Keys, Vals []Term }

// Bits is a binary or bitstring: Len bits from Data.
type Bits struct {
	Data []byte
	Len  int
}

// Opaque is a fun, pid, port or reference, carried with its printed form.
type Opaque struct {
	Kind Kind
	Text string
}

// Kind is the type of a term, in term order.
type Kind int

// The kinds, in Erlang's term order.
const (
	KInt Kind = iota
	KFloat
	KAtom
	KRef
	KFun
	KPort
	KPid
	KTuple
	KMap
	KNil
	KCons
	KBits
)

func kindOf(t Term) Kind {
	switch v := t.(type) {
	case int64, *big.Int, int:
		return KInt
	case float64:
		return KFloat
	case Atom:
		return KAtom
	case Tuple:
		return KTuple
	case *Cons:
		return KCons
	case Nil:
		return KNil
	case *Map:
		return KMap
	case Bits:
		return KBits
	case Opaque:
		return v.Kind
	}
	panic("format: not a term")
}

// smallInt returns t as an int when it is an integer that fits.
func smallInt(t Term) (int, bool) {
	switch v := t.(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case *big.Int:
		if v.IsInt64() {
			return int(v.Int64()), true
		}
	}
	return 0, false
}

// intText is integer_to_list(T, Base) in upper case.
func intText(t Term, base int) string {
	switch v := t.(type) {
	case int:
		return strings.ToUpper(strconv.FormatInt(int64(v), base))
	case int64:
		return strings.ToUpper(strconv.FormatInt(v, base))
	case *big.Int:
		return upperBase(v, base)
	}
	panic("format: not an integer")
}

func upperBase(v *big.Int, base int) string {
	s := []byte(v.Text(base))
	for i, c := range s {
		if c >= 'a' && c <= 'z' {
			s[i] = c - 'a' + 'A'
		}
	}
	return string(s)
}

func floatVal(t Term) float64    { return t.(float64) }
func atomName(t Term) string     { return string(t.(Atom)) }
func tupleLen(t Term) int        { return len(t.(Tuple)) }
func tupleAt(t Term, i int) Term { return t.(Tuple)[i] }
func opaqueText(t Term) string   { return t.(Opaque).Text }

// cons returns the head and tail of a list cell.
func cons(t Term) (Term, Term) { c := t.(*Cons); return c.Head, c.Tail }

// bits returns a bitstring's bytes (the last one partly used when n%8 != 0)
// and its size in bits.
func bits(t Term) ([]byte, int) { b := t.(Bits); return b.Data, b.Len }

// mapPairs returns a map's keys and values sorted by key in term order, the
// order OTP 25 prints maps of up to 32 keys in.
func mapPairs(t Term) (keys, vals []Term) {
	m := t.(*Map)
	idx := make([]int, len(m.Keys))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return compare(m.Keys[idx[a]], m.Keys[idx[b]]) < 0 })
	for _, i := range idx {
		keys = append(keys, m.Keys[i])
		vals = append(vals, m.Vals[i])
	}
	return keys, vals
}

func mapSize(t Term) int { return len(t.(*Map).Keys) }

// compare orders terms of the provisional representation; only what map
// keys need.
func compare(a, b Term) int {
	ka, kb := kindOf(a), kindOf(b)
	if ka == KInt && kb == KInt {
		return toBig(a).Cmp(toBig(b))
	}
	if ka != kb {
		if ka < kb {
			return -1
		}
		return 1
	}
	switch ka {
	case KFloat:
		x, y := floatVal(a), floatVal(b)
		switch {
		case x < y:
			return -1
		case x > y:
			return 1
		}
		return 0
	case KAtom:
		return cmpString(atomName(a), atomName(b))
	case KTuple:
		if d := tupleLen(a) - tupleLen(b); d != 0 {
			return d
		}
		for i := 0; i < tupleLen(a); i++ {
			if c := compare(tupleAt(a, i), tupleAt(b, i)); c != 0 {
				return c
			}
		}
		return 0
	case KCons:
		ha, ta := cons(a)
		hb, tb := cons(b)
		if c := compare(ha, hb); c != 0 {
			return c
		}
		return compare(ta, tb)
	case KBits:
		da, _ := bits(a)
		db, _ := bits(b)
		return cmpString(string(da), string(db))
	}
	return 0
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func toBig(t Term) *big.Int {
	switch v := t.(type) {
	case int:
		return big.NewInt(int64(v))
	case int64:
		return big.NewInt(v)
	}
	return t.(*big.Int)
}
