package format

import (
	"strconv"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// This file is the only place that knows how terms are represented (the
// VM's package term); everything else goes through the accessors below.

// Term is an Erlang term.
type Term = term.Term

// kind is the type of a term, in term order.
type kind = term.Kind

// The kinds this package distinguishes.
const (
	kInt   = term.KindInt
	kFloat = term.KindFloat
	kAtom  = term.KindAtom
	kRef   = term.KindRef
	kFun   = term.KindFun
	kPort  = term.KindPort
	kPid   = term.KindPid
	kTuple = term.KindTuple
	kMap   = term.KindMap
	kNil   = term.KindNil
	kCons  = term.KindCons
	kBits  = term.KindBits
)

func kindOf(t Term) kind { return t.Kind() }

// smallInt returns t as an int when it is an integer that fits.
func smallInt(t Term) (int, bool) {
	if t.Kind() != term.KindInt {
		return 0, false
	}
	v, ok := t.Int()
	return int(v), ok
}

// intText is integer_to_list(T, Base), letters in upper case.
func intText(t Term, base int) string {
	if v, ok := t.Int(); ok {
		return strings.ToUpper(strconv.FormatInt(v, base))
	}
	return strings.ToUpper(t.Big().Text(base))
}

func floatVal(t Term) float64    { return t.Float() }
func atomName(t Term) string     { return t.AtomName() }
func tupleLen(t Term) int        { return t.TupleLen() }
func tupleAt(t Term, i int) Term { return t.Elem(i) }

// cons returns the head and tail of a list cell.
func cons(t Term) (Term, Term) { c := t.Cons(); return c.Head, c.Tail }

// bits returns a bitstring's bytes (the last one left-aligned when
// n%8 != 0) and its size in bits.
func bits(t Term) ([]byte, int) { b := t.Bits(); return b.Data, b.Size }

// mapPairs returns a map's keys and values in the order OTP 25 prints maps
// of up to 32 keys in: term order, except that every integer key comes
// before every float key (OTP's map-key order; random.golden has cases).
// Package term keeps keys sorted with numbers by value, so when a map has
// float keys its leading run of numeric keys is stably split here.
func mapPairs(t Term) (keys, vals []Term) {
	m := t.Map()
	keys, vals = m.Keys(), m.Values()
	nums, floats := 0, 0
	for ; nums < len(keys); nums++ {
		k := keys[nums].Kind()
		if k == term.KindFloat {
			floats++
		} else if k != term.KindInt {
			break
		}
	}
	if floats == 0 || floats == nums {
		return keys, vals
	}
	ks := make([]Term, 0, len(keys))
	vs := make([]Term, 0, len(vals))
	for pass := 0; pass < 2; pass++ {
		for i := 0; i < nums; i++ {
			if (keys[i].Kind() == term.KindFloat) == (pass == 1) {
				ks, vs = append(ks, keys[i]), append(vs, vals[i])
			}
		}
	}
	return append(ks, keys[nums:]...), append(vs, vals[nums:]...)
}

func mapSize(t Term) int { return t.Map().Len() }

// opaqueText is how ~w prints a pid, reference, port or fun. Pids and
// references carry only a number in otpbox, printed in BEAM's shapes
// (<0.N.0>, #Ref<0.0.0.N>); a local fun prints as #Fun<Module.Index.Uniq>.
func opaqueText(t Term) string {
	switch t.Kind() {
	case term.KindPid:
		return "<0." + strconv.FormatUint(t.ID(), 10) + ".0>"
	case term.KindRef:
		return "#Ref<0.0.0." + strconv.FormatUint(t.ID(), 10) + ">"
	case term.KindPort:
		return "#Port<0." + strconv.FormatUint(t.ID(), 10) + ">"
	case term.KindFun:
		f := t.Fun()
		if f.External {
			return "fun " + WriteAtom(f.Module.AtomName(), Unicode) + ":" +
				WriteAtom(f.Name.AtomName(), Unicode) + "/" + strconv.Itoa(f.Arity)
		}
		return "#Fun<" + f.Module.AtomName() + "." + strconv.Itoa(f.Index) + "." +
			strconv.FormatUint(uint64(f.Uniq), 10) + ">"
	}
	return "?"
}
