package vm

import (
	"math"
	"math/bits"
	"slices"
	"unicode/utf8"

	"github.com/otpbox/otpbox/sandbox/erl/format"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

func addLibBifs(add func(mod, name string, arity int, fn bifFn)) {
	l := func(name string, arity int, fn bifFn) { add("lists", name, arity, fn) }
	l("reverse", 1, func(p *proc, a []term.Term) (term.Term, bool) { return reverse(p, a[0], term.Nil) })
	l("reverse", 2, func(p *proc, a []term.Term) (term.Term, bool) { return reverse(p, a[0], a[1]) })
	// lists:sort/1 in Go: the Erlang merge sort in stdlib/lists.erl ran
	// 37x BEAM on 200,000 integers (docs/benchmarks.md); this is a stable
	// sort, as that one is.
	l("sort", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		es, ok := term.ListToSlice(a[0])
		if !ok {
			return p.fail(term.FunctionClause)
		}
		return term.MakeList(sortTerms(es)...), true
	})
	l("member", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		t := a[1]
		for t.Kind() == term.KindCons {
			if term.ExactEqual(t.Cons().Head, a[0]) {
				return term.True, true
			}
			t = t.Cons().Tail
		}
		if !t.IsNil() {
			return p.badarg()
		}
		return term.False, true
	})
	keyfind := func(p *proc, a []term.Term) (term.Term, bool, bool) {
		n, ok := a[1].Int()
		if !ok || n < 1 {
			v, _ := p.badarg()
			return v, false, false
		}
		t := a[2]
		for t.Kind() == term.KindCons {
			e := t.Cons().Head
			if e.Kind() == term.KindTuple && e.TupleLen() >= int(n) && term.Equal(e.Elem(int(n-1)), a[0]) {
				return e, true, true
			}
			t = t.Cons().Tail
		}
		if !t.IsNil() {
			v, _ := p.badarg()
			return v, false, false
		}
		return term.False, false, true
	}
	l("keyfind", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		v, _, ok := keyfind(p, a)
		return v, ok
	})
	l("keymember", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		_, found, ok := keyfind(p, a)
		return term.Bool(found), ok
	})
	l("keysearch", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		v, found, ok := keyfind(p, a)
		if found {
			return term.MakeTuple(term.MakeAtom("value"), v), true
		}
		return v, ok
	})

	m := func(name string, arity int, fn bifFn) { add("maps", name, arity, fn) }
	badmap := func(p *proc, t term.Term) (term.Term, bool) { return p.fail(term.MakeTuple(term.Badmap, t)) }
	m("find", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[1].Kind() != term.KindMap {
			return badmap(p, a[1])
		}
		if v, ok := a[1].Map().Get(a[0]); ok {
			return term.MakeTuple(term.OK, v), true
		}
		return term.Error, true
	})
	m("update", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[2].Kind() != term.KindMap {
			return badmap(p, a[2])
		}
		if _, ok := a[2].Map().Get(a[0]); !ok {
			return p.fail(term.MakeTuple(term.Badkey, a[0]))
		}
		return term.MakeMap(a[2].Map().Put(a[0], a[1])), true
	})
	m("take", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[1].Kind() != term.KindMap {
			return badmap(p, a[1])
		}
		v, ok := a[1].Map().Get(a[0])
		if !ok {
			return term.Error, true
		}
		return term.MakeTuple(v, term.MakeMap(a[1].Map().Remove(a[0]))), true
	})
	m("from_keys", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		ks, ok := term.ListToSlice(a[0])
		if !ok {
			return p.badarg()
		}
		vs := make([]term.Term, len(ks))
		for i := range vs {
			vs[i] = a[1]
		}
		return term.NewMap(ks, vs), true
	})
	m("put", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[2].Kind() != term.KindMap {
			return badmap(p, a[2])
		}
		return term.MakeMap(a[2].Map().Put(a[0], a[1])), true
	})
	m("remove", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[1].Kind() != term.KindMap {
			return badmap(p, a[1])
		}
		return term.MakeMap(a[1].Map().Remove(a[0])), true
	})
	m("is_key", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[1].Kind() != term.KindMap {
			return badmap(p, a[1])
		}
		_, ok := a[1].Map().Get(a[0])
		return term.Bool(ok), true
	})
	m("size", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindMap {
			return badmap(p, a[0])
		}
		return term.MakeInt(int64(a[0].Map().Len())), true
	})
	m("keys", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindMap {
			return badmap(p, a[0])
		}
		return listOfMap(a[0].Map(), func(k, _ term.Term) term.Term { return k }), true
	})
	m("values", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindMap {
			return badmap(p, a[0])
		}
		return listOfMap(a[0].Map(), func(_, v term.Term) term.Term { return v }), true
	})
	m("to_list", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		if a[0].Kind() != term.KindMap {
			return badmap(p, a[0])
		}
		return listOfMap(a[0].Map(), func(k, v term.Term) term.Term { return term.MakeTuple(k, v) }), true
	})
	m("from_list", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		es, ok := term.ListToSlice(a[0])
		if !ok {
			return p.badarg()
		}
		ks, vs := make([]term.Term, len(es)), make([]term.Term, len(es))
		for i, e := range es {
			if e.Kind() != term.KindTuple || e.TupleLen() != 2 {
				return p.badarg()
			}
			ks[i], vs[i] = e.Elem(0), e.Elem(1)
		}
		return term.NewMap(ks, vs), true
	})
	m("merge", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		for _, x := range a {
			if x.Kind() != term.KindMap {
				return badmap(p, x)
			}
		}
		return term.MakeMap(mergeMaps(a[0].Map(), a[1].Map())), true
	})
	add("erts_internal", "map_next", 3, func(p *proc, a []term.Term) (term.Term, bool) {
		batch := mapIterBatch
		if a[2].IsAtom("fold") {
			batch = mapFoldBatch
		} else if !a[2].IsAtom("iterator") {
			return p.badarg()
		}
		if !a[0].IsSmall() || a[0].Small() < 0 || a[1].Kind() != term.KindMap {
			return p.badarg()
		}
		return mapNextBatch(a[1], int(a[0].Small()), batch), true
	})

	mathFn := func(name string, f func(float64) float64) {
		add("math", name, 1, func(p *proc, a []term.Term) (term.Term, bool) {
			x, ok := a[0].ToFloat()
			if !ok {
				return p.badarith()
			}
			r := f(x)
			if math.IsNaN(r) || math.IsInf(r, 0) {
				return p.badarith()
			}
			return term.MakeFloat(r), true
		})
	}
	for name, f := range map[string]func(float64) float64{"sqrt": math.Sqrt, "sin": math.Sin, "cos": math.Cos,
		"tan": math.Tan, "exp": math.Exp, "log": math.Log, "log2": math.Log2, "log10": math.Log10,
		"floor": math.Floor, "ceil": math.Ceil, "sinh": math.Sinh, "cosh": math.Cosh, "tanh": math.Tanh, "atan": math.Atan, "asin": math.Asin, "acos": math.Acos} {
		if cr := crMath1(name); cr != nil {
			f = cr
		}
		mathFn(name, f)
	}
	for name, f := range map[string]func(x, y float64) float64{"atan2": crAtan2, "fmod": math.Mod} {
		add("math", name, 2, func(p *proc, a []term.Term) (term.Term, bool) {
			x, ok1 := a[0].ToFloat()
			y, ok2 := a[1].ToFloat()
			if !ok1 || !ok2 {
				return p.badarith()
			}
			return floatResult(p, f(x, y))
		})
	}
	add("math", "pi", 0, func(p *proc, a []term.Term) (term.Term, bool) { return term.MakeFloat(math.Pi), true })
	add("math", "pow", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		x, ok1 := a[0].ToFloat()
		y, ok2 := a[1].ToFloat()
		if !ok1 || !ok2 {
			return p.badarith()
		}
		return floatResult(p, crPow(x, y))
	})

	add("io", "format", 1, func(p *proc, a []term.Term) (term.Term, bool) { return ioFormat(p, a[0], term.Nil) })
	add("io", "format", 2, func(p *proc, a []term.Term) (term.Term, bool) { return ioFormat(p, a[0], a[1]) })
	add("io", "fwrite", 2, func(p *proc, a []term.Term) (term.Term, bool) { return ioFormat(p, a[0], a[1]) })
	add("io", "nl", 0, func(p *proc, a []term.Term) (term.Term, bool) {
		p.write(term.Term{}, []byte("\n"))
		return term.OK, true
	})
	add("io", "put_chars", 1, func(p *proc, a []term.Term) (term.Term, bool) {
		b, ok := flatten(a[0], nil, true)
		if !ok {
			return p.badarg()
		}
		p.write(term.Term{}, b)
		return term.OK, true
	})
	add("io_lib", "format", 2, func(p *proc, a []term.Term) (term.Term, bool) {
		s, ok := formatChars(p, a[0], a[1])
		if !ok {
			return p.badarg()
		}
		return term.MakeString(s), true
	})
}

func reverse(p *proc, l, tail term.Term) (term.Term, bool) {
	for l.Kind() == term.KindCons {
		tail = term.MakeCons(l.Cons().Head, tail)
		l = l.Cons().Tail
	}
	if !l.IsNil() {
		return p.badarg()
	}
	return tail, true
}

// flatten appends an iolist (bytes, unicode false) or unicode chardata
// (code points written as UTF-8) to out; binaries are copied as they are.
func flatten(t term.Term, out []byte, unicode bool) ([]byte, bool) {
	limit := int64(255)
	if unicode {
		limit = 0x10ffff
	}
	for {
		switch t.Kind() {
		case term.KindNil:
			return out, true
		case term.KindBits:
			if !t.IsBinary() {
				return nil, false
			}
			return append(out, t.Bits().Data[:t.Bits().Size/8]...), true
		case term.KindCons:
			c := t.Cons()
			switch {
			case c.Head.IsSmall():
				n := c.Head.Small()
				if n < 0 || n > limit {
					return nil, false
				}
				if unicode {
					out = utf8.AppendRune(out, rune(n))
				} else {
					out = append(out, byte(n))
				}
			case c.Head.IsInt():
				return nil, false
			default:
				var ok bool
				if out, ok = flatten(c.Head, out, unicode); !ok {
					return nil, false
				}
			}
			t = c.Tail
		default:
			return nil, false
		}
	}
}

func formatChars(p *proc, f, args term.Term) (string, bool) {
	s, err := format.FormatTerms(f, args)
	if err != nil {
		return "", false
	}
	return s, true
}

func ioFormat(p *proc, f, args term.Term) (term.Term, bool) {
	s, ok := formatChars(p, f, args)
	if !ok {
		return p.badarg()
	}
	p.write(term.Term{}, []byte(s))
	return term.OK, true
}

// Show prints a term as ~p would, for error messages.
func Show(t term.Term) string {
	s, err := format.Format("~p", []term.Term{t})
	if err != nil {
		return "?"
	}
	return s
}

// sortTerms sorts es stably in term order. A list of small integers, the
// common case, sorts as int64s: equal small integers are identical, so
// stability cannot show.
func sortTerms(es []term.Term) []term.Term {
	small := true
	for _, e := range es {
		if !e.IsSmall() {
			small = false
			break
		}
	}
	if small {
		ns := make([]int64, len(es))
		for i, e := range es {
			ns[i] = e.Small()
		}
		sortInts(ns)
		for i, n := range ns {
			es[i] = term.MakeSmall(n)
		}
		return es
	}
	slices.SortStableFunc(es, term.Compare)
	return es
}

const (
	// radixMin is the shortest slice sortInts radix-sorts: below it the
	// counting arrays cost more than the comparisons they save.
	radixMin = 1024
	// radixBits is the digit a radix pass sorts on, and radixMaxPasses
	// the most passes worth making: each is two reads and a scattered
	// write per element, against pdqsort's ~log2(n) comparisons, many of
	// them mispredicted.
	radixBits      = 11
	radixMaxPasses = 4
)

// sortInts sorts ns in increasing order: by least-significant-digit radix
// passes over ns[i]-min when the slice is long and its values' spread
// needs few passes (200,000 values below 100,000 take two), by pdqsort
// otherwise.
func sortInts(ns []int64) {
	if len(ns) < radixMin {
		slices.Sort(ns)
		return
	}
	lo, hi := ns[0], ns[0]
	for _, n := range ns {
		lo, hi = min(lo, n), max(hi, n)
	}
	width := bits.Len64(uint64(hi) - uint64(lo))
	passes := (width + radixBits - 1) / radixBits
	if passes > radixMaxPasses {
		slices.Sort(ns)
		return
	}
	src, dst := ns, make([]int64, len(ns))
	var count [1 << radixBits]int
	for p := range passes {
		shift := uint(p * radixBits)
		clear(count[:])
		for _, n := range src {
			count[(uint64(n)-uint64(lo))>>shift&(1<<radixBits-1)]++
		}
		at := 0
		for d, c := range count {
			count[d] = at
			at += c
		}
		for _, n := range src {
			d := (uint64(n) - uint64(lo)) >> shift & (1<<radixBits - 1)
			dst[count[d]] = n
			count[d]++
		}
		src, dst = dst, src
	}
	if passes%2 == 1 {
		copy(ns, src)
	}
}

// listOfMap builds maps:keys/values/to_list's list: in BEAM's list order
// (key order for small maps, the reverse of iteration order for large
// ones), each pair turned into an element by elem.
func listOfMap(m *term.Map, elem func(k, v term.Term) term.Term) term.Term {
	es := make([]term.Term, 0, m.Len())
	m.RangeList(func(k, v term.Term) bool {
		es = append(es, elem(k, v))
		return true
	})
	return term.MakeList(es...)
}

// mergeMaps is maps:merge/2: b's pairs put into a. When b is more than a
// few pairs, both maps' pairs are rebuilt into one map in one go (b's
// last, so they win), which is cheaper than a persistent put for each.
func mergeMaps(a, b *term.Map) *term.Map {
	if a.Len() == 0 {
		return b
	}
	if b.Len() <= a.Len()/16 || a.Len()+b.Len() <= term.FlatMax {
		r := a
		b.Range(func(k, v term.Term) bool {
			r = r.Put(k, v)
			return true
		})
		return r
	}
	ks := make([]term.Term, 0, a.Len()+b.Len())
	vs := make([]term.Term, 0, a.Len()+b.Len())
	for _, m := range []*term.Map{a, b} {
		m.Range(func(k, v term.Term) bool {
			ks = append(ks, k)
			vs = append(vs, v)
			return true
		})
	}
	return term.BuildMap(ks, vs)
}

// mapIterBatch is how many pairs one erts_internal:map_next/3 call hands out
// for a large map through maps:next/1, as in OTP 25; a small map comes out
// whole.
const mapIterBatch = 32

// mapFoldBatch is the batch for map_next(Pos, Map, fold), which maps.erl's
// fold, map, filter, filtermap and foreach use and no program sees: each
// batch finds its start from the root, so a larger one spreads that over
// more pairs.
const mapFoldBatch = 256

// mapNextBatch returns up to batch pairs of m from position pos on, as
// OTP 25's iterator batch {K1, V1, {K2, V2, ... Rest}}, where Rest is none
// at the end or [NextPos | M]. Positions count pairs in iteration order
// (BEAM's encode the trie path instead; both are opaque to programs).
func mapNextBatch(mt term.Term, pos, batch int) term.Term {
	m := mt.Map()
	n := m.Len() - pos
	if n <= 0 {
		return term.MakeAtom("none")
	}
	if !m.IsFlat() {
		n = min(n, batch)
	}
	rest := term.MakeAtom("none")
	if pos+n < m.Len() {
		rest = term.MakeCons(term.MakeInt(int64(pos+n)), mt)
	}
	// One allocation holds every tuple of the batch: pair i's key and value
	// at slab[3i:], then its link, the tuple of the pairs after it.
	slab := make([]term.Term, 3*n)
	n = m.PairsFrom(pos, slab, 3)
	for i := range n - 1 {
		slab[3*i+2] = term.MakeTuple(slab[3*i+3 : 3*i+6 : 3*i+6]...)
	}
	slab[3*n-1] = rest
	return term.MakeTuple(slab[0:3:3]...)
}
