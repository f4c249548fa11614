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
