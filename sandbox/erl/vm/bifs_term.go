package vm

import (
	"math"
	"strconv"

	"github.com/otpbox/otpbox/sandbox/erl/format"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

func addTermBifs(e func(string, int, bifFn)) {
	e("element", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[0].Int()
		if !ok || a[1].Kind() != term.KindTuple || n < 1 || n > int64(a[1].TupleLen()) {
			return p.badarg()
		}
		return a[1].Elem(int(n - 1)), true
	})
	e("setelement", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[0].Int()
		if !ok || a[1].Kind() != term.KindTuple || n < 1 || n > int64(a[1].TupleLen()) {
			return p.badarg()
		}
		es := append([]term.Term(nil), a[1].Elems()...)
		es[n-1] = a[2]
		return term.MakeTuple(es...), true
	})
	e("append_element", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindTuple {
			return p.badarg()
		}
		return term.MakeTuple(append(append([]term.Term(nil), a[0].Elems()...), a[1])...), true
	})
	e("is_record", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[2].Int()
		if a[1].Kind() != term.KindAtom || !ok {
			return p.badarg()
		}
		t := a[0]
		return term.Bool(t.Kind() == term.KindTuple && t.TupleLen() == int(n) && n > 0 && term.Equal(t.Elem(0), a[1])), true
	})
	e("tuple_size", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindTuple {
			return p.badarg()
		}
		return term.MakeInt(int64(a[0].TupleLen())), true
	})
	e("make_tuple", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[0].Int()
		if !ok || n < 0 || n > 1<<24 {
			return p.badarg()
		}
		es := make([]term.Term, n)
		for i := range es {
			es[i] = a[1]
		}
		return term.MakeTuple(es...), true
	})
	e("make_tuple", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		n, ok := a[0].Int()
		inits, ok2 := term.ListToSlice(a[2])
		if !ok || !ok2 || n < 0 || n > 1<<24 {
			return p.badarg()
		}
		es := make([]term.Term, n)
		for i := range es {
			es[i] = a[1]
		}
		for _, in := range inits {
			if in.Kind() != term.KindTuple || in.TupleLen() != 2 {
				return p.badarg()
			}
			i, ok := in.Elem(0).Int()
			if !ok || i < 1 || i > n {
				return p.badarg()
			}
			es[i-1] = in.Elem(1)
		}
		return term.MakeTuple(es...), true
	})
	e("fun_info", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindFun || a[1].Kind() != term.KindAtom {
			return p.badarg()
		}
		f := a[0].Fun()
		var v term.Term
		switch a[1].AtomName() {
		case "module":
			v = f.Module
		case "name":
			v = f.Name
		case "arity":
			v = term.MakeInt(int64(f.Arity))
		case "type":
			v = p.vm.atom("local")
			if f.External {
				v = p.vm.atom("external")
			}
		case "env":
			v = term.MakeList(f.Env...)
		default:
			return p.badarg()
		}
		return term.MakeTuple(a[1], v), true
	})
	e("tuple_to_list", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindTuple {
			return p.badarg()
		}
		return term.MakeList(a[0].Elems()...), true
	})
	e("list_to_tuple", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		es, ok := term.ListToSlice(a[0])
		if !ok {
			return p.badarg()
		}
		return term.MakeTuple(es...), true
	})
	e("hd", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindCons {
			return p.badarg()
		}
		return a[0].Cons().Head, true
	})
	e("tl", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindCons {
			return p.badarg()
		}
		return a[0].Cons().Tail, true
	})
	e("length", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		n := term.ListLen(a[0])
		if n < 0 {
			return p.badarg()
		}
		return term.MakeInt(int64(n)), true
	})
	e("++", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		es, ok := term.ListToSlice(a[0])
		if !ok {
			return p.badarg()
		}
		return term.MakeListTail(es, a[1]), true
	})
	e("--", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		xs, ok1 := term.ListToSlice(a[0])
		ys, ok2 := term.ListToSlice(a[1])
		if !ok1 || !ok2 {
			return p.badarg()
		}
		for _, y := range ys {
			for i, x := range xs {
				if term.ExactEqual(x, y) {
					xs = append(xs[:i:i], xs[i+1:]...)
					break
				}
			}
		}
		return term.MakeList(xs...), true
	})
	e("atom_to_list", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindAtom {
			return p.badarg()
		}
		return term.MakeString(a[0].AtomName()), true
	})
	e("list_to_atom", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		s, ok := chars(a[0])
		if !ok {
			return p.badarg()
		}
		return p.newAtom(s)
	})
	e("list_to_existing_atom", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		s, ok := chars(a[0])
		if !ok {
			return p.badarg()
		}
		t, ok := p.vm.atoms.Existing(s)
		if !ok {
			return p.badarg()
		}
		return t, true
	})
	e("integer_to_list", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if !a[0].IsInt() {
			return p.badarg()
		}
		return term.MakeString(intText(a[0], 10)), true
	})
	e("integer_to_list", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		b, ok := a[1].Int()
		if !a[0].IsInt() || !ok || b < 2 || b > 36 {
			return p.badarg()
		}
		return term.MakeString(intText(a[0], int(b))), true
	})
	e("integer_to_binary", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if !a[0].IsInt() {
			return p.badarg()
		}
		return term.MakeBinary([]byte(intText(a[0], 10))), true
	})
	e("list_to_integer", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		s, ok := chars(a[0])
		if !ok {
			return p.badarg()
		}
		t, ok := parseInt(s, 10)
		if !ok {
			return p.badarg()
		}
		return t, true
	})
	e("list_to_integer", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		s, ok := chars(a[0])
		b, ok2 := a[1].Int()
		if !ok || !ok2 || b < 2 || b > 36 {
			return p.badarg()
		}
		t, ok := parseInt(s, int(b))
		if !ok {
			return p.badarg()
		}
		return t, true
	})
	e("float_to_list", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindFloat {
			return p.badarg()
		}
		return term.MakeString(format.FloatToList(a[0].Float())), true
	})
	e("list_to_float", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		s, ok := chars(a[0])
		if !ok {
			return p.badarg()
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) {
			return p.badarg()
		}
		return term.MakeFloat(f), true
	})
	e("atom_to_binary", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindAtom {
			return p.badarg()
		}
		return term.MakeBinary([]byte(a[0].AtomName())), true
	})
	e("binary_to_list", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if !a[0].IsBinary() {
			return p.badarg()
		}
		b := a[0].Bits().Data[:a[0].Bits().Size/8]
		es := make([]term.Term, len(b))
		for i, c := range b {
			es[i] = term.MakeInt(int64(c))
		}
		return term.MakeList(es...), true
	})
	e("list_to_binary", 1, func(p *proc, a []term.Term) (term.Term, bool) { return iolistToBinary(p, a[0]) })
	e("iolist_to_binary", 1, func(p *proc, a []term.Term) (term.Term, bool) { return iolistToBinary(p, a[0]) })
	e("byte_size", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindBits {
			return p.badarg()
		}
		return term.MakeInt(int64((a[0].Bits().Size + 7) / 8)), true
	})
	e("atom_to_binary", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindAtom || a[1].Kind() != term.KindAtom {
			return p.badarg()
		}
		name := a[0].AtomName()
		if a[1].IsAtom("latin1") {
			b := make([]byte, 0, len(name))
			for _, r := range name {
				if r > 255 {
					return p.badarg()
				}
				b = append(b, byte(r))
			}
			return term.MakeBinary(b), true
		}
		return term.MakeBinary([]byte(name)), true
	})
	toAtom := func(existing bool) bifFn {
		return func(p *proc, a []term.Term) (term.Term, bool) {
			if !a[0].IsBinary() {
				return p.badarg()
			}
			b := a[0].Bits().Data[:a[0].Bits().Size/8]
			name := string(b)
			if a[1].IsAtom("latin1") {
				rs := make([]rune, len(b))
				for i, c := range b {
					rs[i] = rune(c)
				}
				name = string(rs)
			}
			if existing {
				t, ok := p.vm.atoms.Existing(name)
				if !ok {
					return p.badarg()
				}
				return t, true
			}
			return p.newAtom(name)
		}
	}
	e("binary_to_atom", 2, toAtom(false))
	e("binary_to_existing_atom", 2, toAtom(true))
	e("integer_to_binary", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		b, ok := a[1].Int()
		if !a[0].IsInt() || !ok || b < 2 || b > 36 {
			return p.badarg()
		}
		return term.MakeBinary([]byte(intText(a[0], int(b)))), true
	})
	e("binary_to_integer", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if !a[0].IsBinary() {
			return p.badarg()
		}
		t, ok := parseInt(string(a[0].Bits().Data[:a[0].Bits().Size/8]), 10)
		if !ok {
			return p.badarg()
		}
		return t, true
	})
	e("node", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		switch a[0].Kind() {
		case term.KindPid, term.KindRef, term.KindPort:
			return term.Nonode, true
		}
		return p.badarg()
	})
	e("size", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		switch a[0].Kind() {
		case term.KindTuple:
			return term.MakeInt(int64(a[0].TupleLen())), true
		case term.KindBits:
			return term.MakeInt(int64(a[0].Bits().Size / 8)), true
		}
		return p.badarg()
	})
	e("bit_size", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindBits {
			return p.badarg()
		}
		return term.MakeInt(int64(a[0].Bits().Size)), true
	})
	e("binary_part", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		st, ok1 := a[1].Int()
		n, ok2 := a[2].Int()
		if !a[0].IsBinary() || !ok1 || !ok2 {
			return p.badarg()
		}
		if n < 0 {
			st, n = st+n, -n
		}
		size := int64(a[0].Bits().Size / 8)
		if st < 0 || st+n > size {
			return p.badarg()
		}
		return term.MakeBinary(a[0].Bits().Data[st : st+n]), true
	})
	e("binary_part", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[1].Kind() != term.KindTuple || a[1].TupleLen() != 2 {
			return p.badarg()
		}
		return p.vm.bifs["erlang:binary_part/3"].fn(p, []term.Term{a[0], a[1].Elem(0), a[1].Elem(1)})
	})
	e("binary_to_list", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		st, ok1 := a[1].Int()
		en, ok2 := a[2].Int()
		if !a[0].IsBinary() || !ok1 || !ok2 || st < 1 || en < st || en > int64(a[0].Bits().Size/8) {
			return p.badarg()
		}
		b := a[0].Bits().Data[st-1 : en]
		es := make([]term.Term, len(b))
		for i, c := range b {
			es[i] = term.MakeInt(int64(c))
		}
		return term.MakeList(es...), true
	})
	e("self", 0, func(p *proc, a []term.Term) (term.Term, bool) { return term.MakePid(0), true })
	e("node", 0, func(p *proc, a []term.Term) (term.Term, bool) { return term.Nonode, true })
	e("make_ref", 0, func(p *proc, a []term.Term) (term.Term, bool) {
		p.vm.refs++
		return term.MakeRef(p.vm.refs), true
	})
	raise := func(class term.Term) bifFn {
		return func(p *proc, a []term.Term) (term.Term, bool) {
			p.failClass = class
			return p.fail(a[0])
		}
	}
	e("throw", 1, raise(term.Throw))
	e("exit", 1, raise(term.Exit))
	e("error", 1, raise(term.Error))
	e("nif_error", 1, raise(term.Error))
	e("error", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		p.failClass = term.Error
		if term.ListLen(a[1]) >= 0 {
			p.failArgs = a[1]
		}
		return p.fail(a[0])
	})
	e("raise", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		if !(a[0].IsAtom("error") || a[0].IsAtom("exit") || a[0].IsAtom("throw")) {
			return p.badarg()
		}
		p.failClass = a[0]
		return p.fail(a[1])
	})

	// A list comprehension's accumulator, reversed in place: its cells
	// are the comprehension's own (expr2.go), so the result costs no
	// second cell per element, as BEAM's body-recursive comprehensions
	// make one.
	e("$reverse_fresh", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		return term.ReverseFresh(a[0]), true
	})

	// Maps.
	e("$map_check", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindMap {
			return p.fail(term.MakeTuple(term.Badmap, a[0]))
		}
		return a[0], true
	})
	e("$map_put", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		return term.MakeMap(a[2].Map().Put(a[0], a[1])), true
	})
	e("$map_update", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		m := a[2].Map()
		if _, ok := m.Get(a[0]); !ok {
			return p.fail(term.MakeTuple(term.Badkey, a[0]))
		}
		return term.MakeMap(m.Put(a[0], a[1])), true
	})
	e("$bits_concat", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		var w bitWriter
		for t := a[0]; t.Kind() == term.KindCons; t = t.Cons().Tail {
			h := t.Cons().Head
			if h.Kind() != term.KindBits {
				return p.badarg()
			}
			w.writeBytes(h.Bits().Data, h.Bits().Size)
		}
		return term.MakeBits(w.buf, w.nbit), true
	})
	e("map_size", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindMap {
			return p.fail(term.MakeTuple(term.Badmap, a[0]))
		}
		return term.MakeInt(int64(a[0].Map().Len())), true
	})
	e("is_map_key", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[1].Kind() != term.KindMap {
			return p.fail(term.MakeTuple(term.Badmap, a[1]))
		}
		_, ok := a[1].Map().Get(a[0])
		return term.Bool(ok), true
	})
	e("map_get", 2, mapsGet)
}

func mapsGet(p *proc, a []term.Term) (term.Term, bool) {
	if a[1].Kind() != term.KindMap {
		return p.fail(term.MakeTuple(term.Badmap, a[1]))
	}
	v, ok := a[1].Map().Get(a[0])
	if !ok {
		return p.fail(term.MakeTuple(term.Badkey, a[0]))
	}
	return v, true
}

func iolistToBinary(p *proc, t term.Term) (term.Term, bool) {
	b, ok := flatten(t, nil, false)
	if !ok {
		return p.badarg()
	}
	return term.MakeBinary(b), true
}
