package sema

import (
	"slices"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// The variable table, after erl_lint's: an ordered set of variables, each
// with a state, a usage flag and the positions where it was bound. Checking
// an expression returns a table of the variables it binds or uses (a
// delta), and the callers combine deltas with the operations below exactly
// as erl_lint combines them, so that every error and warning comes out at
// the same place as erlc's.
//
// Tables are copied at almost every step, so an entry is kept small and
// free of pointers (names are interned, binding positions live in an
// arena): the garbage collector then never scans tables, and copying one
// moves a few cache lines. See docs/rationale.md for the measurements.

// vstate is the state of a variable.
type vstate uint8

const (
	stBound      vstate = iota
	stUnsafe            // bound in only some branches, or inside try/catch
	stExport            // bound in every branch of a case/if/receive
	stStacktrace        // the stacktrace variable of a catch clause, before its body
)

// ctag names the kind of expression that made a variable unsafe or
// exported, as erl_lint prints it.
type ctag uint8

const (
	tagCase ctag = iota
	tagIf
	tagReceive
	tagTry
	tagCatch
	tagMaybe
	tagElse
	tagAndalso
	tagOrelse
)

var tagNames = [...]string{"'case'", "'if'", "'receive'", "'try'", "'catch'", "maybe", "'else'", "'andalso'", "'orelse'"}

// construct is the expression that made a variable unsafe or exported, and
// where it starts.
type construct struct {
	tag ctag
	pos syntax.Pos
}

// annoRef is a sorted list of binding positions in the checker's arena.
type annoRef struct{ off, n int32 }

type ventry struct {
	id    int32 // interned name
	annos annoRef
	in    construct // for stUnsafe and stExport
	state vstate
	used  bool
}

// vt is a variable table sorted by name id. Operations never modify their
// arguments: tables are shared freely, as erl_lint's lists are.
type vt []ventry

// vars interns variable names and holds the binding positions of one
// check.
type vars struct {
	names []string
	ids   map[string]int32
	arena []syntax.Pos
	// slab backs the tables mergeWith builds: each is an exact-size,
	// capacity-capped window of it (tables are never written after
	// they are made), which saves an allocation per merge.
	slab []ventry
}

// vtSlabSize is the number of entries one slab allocation holds.
// 1024 entries (32 KB) keep a slab a small object for the allocator.
const vtSlabSize = 1024

// alloc returns an empty table with room for n entries, carved from the
// slab; done must be called with the filled table before the next alloc.
func (v *vars) alloc(n int) vt {
	if n > vtSlabSize/8 {
		return make(vt, 0, n)
	}
	if len(v.slab) < n {
		v.slab = make([]ventry, vtSlabSize)
	}
	return vt(v.slab[:0:n])
}

// done takes the table t that alloc's space now holds off the slab and
// caps it, so that nothing appended to it can reach the next table.
func (v *vars) done(t vt) vt {
	if len(t) > 0 && len(v.slab) > 0 && &v.slab[0] == &t[0] {
		v.slab = v.slab[len(t):]
	}
	return t[:len(t):len(t)]
}

func (v *vars) id(name string) int32 {
	if id, ok := v.ids[name]; ok {
		return id
	}
	id := int32(len(v.names))
	v.names = append(v.names, name)
	v.ids[name] = id
	return id
}

func (v *vars) anno(p syntax.Pos) annoRef {
	v.arena = append(v.arena, p)
	return annoRef{int32(len(v.arena) - 1), 1}
}

func (v *vars) annos(r annoRef) []syntax.Pos { return v.arena[r.off : r.off+r.n] }

func (t vt) find(id int32) (ventry, bool) {
	i, ok := slices.BinarySearchFunc(t, id, func(e ventry, id int32) int { return int(e.id - id) })
	if !ok {
		return ventry{}, false
	}
	return t[i], true
}

func (t vt) has(id int32) bool {
	_, ok := t.find(id)
	return ok
}

// single is a table of one variable.
func single(e ventry) vt { return vt{e} }

// mergeWith merges two sorted tables, combining entries present in both
// with f.
func (v *vars) mergeWith(a, b vt, f func(x, y ventry) ventry) vt {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	if len(a) <= len(b) && absorbed(a, b, f) {
		return b
	}
	out := v.alloc(len(a) + len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch x, y := a[i], b[j]; {
		case x.id < y.id:
			out = append(out, x)
			i++
		case x.id > y.id:
			out = append(out, y)
			j++
		default:
			out = append(out, f(x, y))
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return v.done(append(out, b[j:]...))
}

// absorbed reports whether merging a into b with f leaves b as it is,
// which is the common case of a body using variables that are already
// marked used: the merge then needs no new table.
func absorbed(a, b vt, f func(x, y ventry) ventry) bool {
	j := 0
	for _, x := range a {
		for j < len(b) && b[j].id < x.id {
			j++
		}
		if j == len(b) || b[j].id != x.id {
			return false
		}
		if f(x, b[j]) != b[j] {
			return false
		}
	}
	return true
}

func (v *vars) mergeAnnos(a, b annoRef) annoRef {
	if a.n == 0 || a == b {
		return b
	}
	if b.n == 0 {
		return a
	}
	as, bs := v.annos(a), v.annos(b)
	if slices.Equal(as, bs) {
		return a
	}
	off := int32(len(v.arena))
	i, j := 0, 0
	for i < len(as) && j < len(bs) {
		switch {
		case as[i] == bs[j]:
			v.arena = append(v.arena, as[i])
			i++
			j++
		case posLess(as[i], bs[j]):
			v.arena = append(v.arena, as[i])
			i++
		default:
			v.arena = append(v.arena, bs[j])
			j++
		}
	}
	v.arena = append(v.arena, as[i:]...)
	v.arena = append(v.arena, bs[j:]...)
	return annoRef{off, int32(len(v.arena)) - off}
}

func posLess(a, b syntax.Pos) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

// vtupdate adds the variables of u to t; u's states win.
func (v *vars) vtupdate(u, t vt) vt {
	return v.mergeWith(u, t, func(x, y ventry) ventry {
		x.used = x.used || y.used
		x.annos = v.mergeAnnos(x.annos, y.annos)
		return x
	})
}

func mergeState(a, b ventry) ventry {
	switch {
	case a.state == stUnsafe:
		return a
	case b.state == stUnsafe:
		return b
	case a.state == stBound:
		return b
	}
	return a
}

// vtmerge merges two tables, keeping errors over warnings over plain
// bindings.
func (v *vars) vtmerge(a, b vt) vt {
	return v.mergeWith(a, b, func(x, y ventry) ventry {
		s := mergeState(x, y)
		x.state, x.in = s.state, s.in
		x.used = x.used || y.used
		x.annos = v.mergeAnnos(x.annos, y.annos)
		return x
	})
}

func (v *vars) vtmergeAll(ts ...vt) vt {
	var out vt
	for _, t := range ts {
		out = v.vtmerge(t, out)
	}
	return out
}

// vtmergePat is vtmerge for the parts of one pattern: a variable that
// occurs in two parts is matched against itself, so it counts as used.
func (v *vars) vtmergePat(a, b vt) vt {
	return v.mergeWith(a, b, func(x, y ventry) ventry {
		s := mergeState(x, y)
		x.state, x.in = s.state, s.in
		x.used = true
		x.annos = v.mergeAnnos(x.annos, y.annos)
		return x
	})
}

// vtnew returns the variables of n that are not in o.
func vtnew(n, o vt) vt { return filterIn(n, o, false) }

// filterIn returns the entries of n whose variable is in o (in true) or
// not (in false), without copying when that is all of them. Both tables
// are sorted, so one walk over each answers every lookup.
func filterIn(n, o vt, in bool) vt {
	j := 0
	has := func(id int32) bool {
		for j < len(o) && o[j].id < id {
			j++
		}
		return j < len(o) && o[j].id == id
	}
	for i, e := range n {
		if has(e.id) == in {
			continue
		}
		out := make(vt, i, len(n)-1)
		copy(out, n[:i])
		for _, e := range n[i+1:] {
			if has(e.id) == in {
				out = append(out, e)
			}
		}
		return out
	}
	return n
}

// filter returns the entries of t that keep accepts, without copying
// when it accepts all of them.
func filter(t vt, keep func(ventry) bool) vt {
	for i, e := range t {
		if keep(e) {
			continue
		}
		out := make(vt, i, len(t)-1)
		copy(out, t[:i])
		for _, e := range t[i+1:] {
			if keep(e) {
				out = append(out, e)
			}
		}
		return out
	}
	return t
}

// vtold returns the variables of n that are also in o.
func vtold(n, o vt) vt { return filterIn(n, o, true) }

// vtunsafe marks the variables that u binds anew (relative to t) as
// unsafe because of c.
func vtunsafe(c construct, u, t vt) vt {
	out := vtnew(u, t)
	res := make(vt, len(out))
	for i, e := range out {
		e.state, e.in = stUnsafe, c
		res[i] = e
	}
	return res
}

func vtNoUnsafe(t vt) vt { return filter(t, func(e ventry) bool { return e.state != stUnsafe }) }

func vtNoUnused(t vt) vt { return filter(t, func(e ventry) bool { return e.used }) }
