package sema

import (
	"sort"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Variable is a variable in scope at a position.
type Variable struct {
	Name string
	// Pos is where the variable was first bound.
	Pos syntax.Pos
}

// VariablesAt returns the variables bound at pos, for completion: those
// erl_lint's rules make visible to an expression at pos, sorted by name.
// pos must be inside a function of file; otherwise the result is nil.
// Only that function is checked, so the cost is that of one function.
func VariablesAt(file *syntax.File, pos syntax.Pos) []Variable {
	var target *syntax.Function
	for _, f := range file.Forms {
		if fn, ok := f.(*syntax.Function); ok && fn.Span().Contains(pos) {
			target = fn
			break
		}
	}
	if target == nil {
		return nil
	}
	c := newChecker(file.Name, Options{})
	c.preScan(file.Forms, make([]string, len(file.Forms)))
	c.scopePos, c.scopeWanted = pos, true
	c.fn = FA{target.Name, target.Arity}
	for _, cl := range target.Clauses {
		if cl.Span().Contains(pos) {
			c.functionClause(cl)
		}
	}
	var out []Variable
	for _, e := range c.scope {
		if e.state == stUnsafe {
			continue
		}
		v := Variable{Name: c.names[e.id]}
		if e.annos.n > 0 {
			v.Pos = c.annos(e.annos)[0]
		}
		out = append(out, v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// noteScope records t as the scope when e holds the wanted position; the
// innermost expression wins because it is visited last.
func (c *checker) noteScope(e syntax.Expr, t vt) {
	if c.scopeWanted && e != nil && e.Span().Contains(c.scopePos) {
		c.scope = t
	}
}

// varRef is one occurrence of a variable with the positions of the
// bindings it refers to.
type varRef struct {
	v     *syntax.Var
	binds []syntax.Pos
}

// noteRef records what an occurrence of v resolved to: the bindings in
// the table entry of v that checking it produced.
func (c *checker) noteRef(v *syntax.Var, tables ...vt) {
	id := c.id(v.Name)
	for _, t := range tables {
		if e, ok := t.find(id); ok {
			c.refs = append(c.refs, varRef{v, append([]syntax.Pos(nil), c.annos(e.annos)...)})
			return
		}
	}
}

// VariableRefs returns every occurrence of the variable at pos that
// refers to the same binding (or, after a case that binds it in every
// clause, the same set of bindings), in source order, for highlighting
// and renaming. It returns nil when pos is not on a variable in a
// function.
func VariableRefs(file *syntax.File, pos syntax.Pos) []*syntax.Var {
	path := syntax.Path(file, pos)
	if len(path) == 0 {
		return nil
	}
	target, ok := path[len(path)-1].(*syntax.Var)
	fn, ok2 := path[0].(*syntax.Function)
	if !ok || !ok2 || target.Name == "_" {
		return nil
	}
	c := newChecker(file.Name, Options{})
	c.preScan(file.Forms, make([]string, len(file.Forms)))
	// Without the records the checker does not walk into record fields
	// (an undefined record's fields are not checked), so their variables
	// would be missed. Every record is defined, wherever it is, since
	// only the variable bindings matter here.
	for _, f := range file.Forms {
		if r, ok := f.(*syntax.RecordDef); ok {
			c.recordDef(r)
		}
	}
	c.fn = FA{fn.Name, fn.Arity}
	c.collectRefs = true
	for _, cl := range fn.Clauses {
		if cl.Span().Contains(pos) {
			c.functionClause(cl)
		}
	}
	var binds []syntax.Pos
	for _, r := range c.refs {
		if r.v == target {
			binds = r.binds
		}
	}
	if binds == nil {
		return nil
	}
	var out []*syntax.Var
	seen := map[*syntax.Var]bool{}
	for _, r := range c.refs {
		if r.v.Name != target.Name || seen[r.v] || !overlaps(r.binds, binds) {
			continue
		}
		seen[r.v] = true
		out = append(out, r.v)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pos.Offset < out[j].Pos.Offset })
	return out
}

func overlaps(a, b []syntax.Pos) bool {
	for _, x := range a {
		for _, y := range b {
			if x == y {
				return true
			}
		}
	}
	return false
}
