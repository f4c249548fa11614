package sema

import (
	"slices"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// The variable table, after erl_lint's: an ordered set of variables, each
// with a state, a usage flag and the positions where it was bound. Checking
// an expression returns a table of the variables it binds or uses (a
// delta), and the callers combine deltas with the operations below exactly
// as erl_lint combines them, so that every error and warning comes out at
// the same place as erlc's.

// vstate is the state of a variable.
type vstate uint8

const (
	stBound      vstate = iota
	stUnsafe            // bound in only some branches, or inside try/catch
	stExport            // bound in every branch of a case/if/receive
	stStacktrace        // the stacktrace variable of a catch clause, before its body
)

// construct names the expression that made a variable unsafe or exported,
// and where it starts: "'case'", "'try'", "maybe" ...
type construct struct {
	tag string
	pos syntax.Pos
}

type ventry struct {
	name  string
	state vstate
	in    construct // for stUnsafe and stExport
	used  bool
	// annos are the positions where the variable was bound, sorted; an
	// unused variable is reported at each of them.
	annos []syntax.Pos
}

// vt is a variable table sorted by name. Operations never modify their
// arguments: tables are shared freely, as erl_lint's lists are.
type vt []ventry

func (t vt) find(name string) (ventry, bool) {
	i, ok := slices.BinarySearchFunc(t, name, func(e ventry, n string) int { return strings.Compare(e.name, n) })
	if !ok {
		return ventry{}, false
	}
	return t[i], true
}

func (t vt) has(name string) bool {
	_, ok := t.find(name)
	return ok
}

// single is a table of one variable.
func single(e ventry) vt { return vt{e} }

// mergeWith merges two sorted tables, combining entries present in both
// with f.
func mergeWith(a, b vt, f func(x, y ventry) ventry) vt {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	out := make(vt, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch c := strings.Compare(a[i].name, b[j].name); {
		case c < 0:
			out = append(out, a[i])
			i++
		case c > 0:
			out = append(out, b[j])
			j++
		default:
			out = append(out, f(a[i], b[j]))
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func mergeAnnos(a, b []syntax.Pos) []syntax.Pos {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 || slices.Equal(a, b) {
		return a
	}
	out := make([]syntax.Pos, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] == b[j]:
			out = append(out, a[i])
			i++
			j++
		case posLess(a[i], b[j]):
			out = append(out, a[i])
			i++
		default:
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

func posLess(a, b syntax.Pos) bool {
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Col < b.Col
}

// vtupdate adds the variables of u to t; u's states win.
func vtupdate(u, t vt) vt {
	return mergeWith(u, t, func(x, y ventry) ventry {
		x.used = x.used || y.used
		x.annos = mergeAnnos(x.annos, y.annos)
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
func vtmerge(a, b vt) vt {
	return mergeWith(a, b, func(x, y ventry) ventry {
		s := mergeState(x, y)
		x.state, x.in = s.state, s.in
		x.used = x.used || y.used
		x.annos = mergeAnnos(x.annos, y.annos)
		return x
	})
}

func vtmergeAll(ts ...vt) vt {
	var out vt
	for _, t := range ts {
		out = vtmerge(t, out)
	}
	return out
}

// vtmergePat is vtmerge for the parts of one pattern: a variable that
// occurs in two parts is matched against itself, so it counts as used.
func vtmergePat(a, b vt) vt {
	return mergeWith(a, b, func(x, y ventry) ventry {
		s := mergeState(x, y)
		x.state, x.in = s.state, s.in
		x.used = true
		x.annos = mergeAnnos(x.annos, y.annos)
		return x
	})
}

// vtnew returns the variables of n that are not in o.
func vtnew(n, o vt) vt {
	var out vt
	for _, e := range n {
		if !o.has(e.name) {
			out = append(out, e)
		}
	}
	return out
}

// vtold returns the variables of n that are also in o.
func vtold(n, o vt) vt {
	var out vt
	for _, e := range n {
		if o.has(e.name) {
			out = append(out, e)
		}
	}
	return out
}

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

func vtNoUnsafe(t vt) vt {
	var out vt
	for _, e := range t {
		if e.state != stUnsafe {
			out = append(out, e)
		}
	}
	return out
}

func vtNoUnused(t vt) vt {
	var out vt
	for _, e := range t {
		if e.used {
			out = append(out, e)
		}
	}
	return out
}
