package sema

import (
	"fmt"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Types, specs and callbacks, after erl_lint's type checks: local type
// uses must be defined, type definitions must be used (from a spec, a
// callback, a record field, -export_type or a used type), a type variable
// must occur twice, and a spec needs its function.

// typeUse is one use of a local type; from is the type whose definition
// holds it, or nil for a root (spec, callback, record, -export_type).
type typeUse struct {
	fa       FA
	pos, end syntax.Pos
	file     string
	from     *FA
}

// typeText prints a type name as erlc does: t(), t(_), t(_,_).
func typeText(fa FA) string {
	var b strings.Builder
	b.WriteString(atomText(fa.Name))
	b.WriteByte('(')
	for i := 0; i < fa.Arity; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('_')
	}
	b.WriteByte(')')
	return b.String()
}

func (c *checker) typeDef(f *syntax.TypeDef) {
	if f.Name == nil {
		return
	}
	fa := FA{f.Name.Name, len(f.Params)}
	if _, dup := c.m.Types[fa]; dup {
		c.addAt(Error, attrPos(f), f.End, "redefine_type", "type %s already defined", typeText(fa))
		return
	}
	if f.Opaque && fa.Arity == 0 {
		if call, ok := f.Type.(*syntax.Call); ok && len(call.Args) == 0 {
			if a, ok := call.Fun.(*syntax.Atom); ok && (a.Name == "term" || a.Name == "any") {
				c.addAt(Warning, attrPos(f), f.End, "underspecified_opaque", "opaque type %s is underspecified and therefore meaningless", typeText(fa))
			}
		}
	}
	c.m.Types[fa] = f
	c.typeFiles[fa] = c.file
	ts := make([]syntax.Expr, 0, len(f.Params)+1)
	ts = append(ts, f.Type)
	for _, p := range f.Params {
		ts = append(ts, p)
	}
	c.checkTypes(ts, &fa)
}

func (c *checker) specDecl(f *syntax.Spec) {
	fa := FA{f.Name.Name, f.Arity}
	if f.Callback {
		if f.Module != nil {
			c.addAt(Error, attrPos(f), f.End, "bad_callback", "explicit module not allowed for callback %s:%s", atomText(f.Module.Name), fa)
			return
		}
		if _, dup := c.m.Callbacks[fa]; dup {
			c.addAt(Error, attrPos(f), f.End, "redefine_callback", "callback %s already defined", fa)
		} else {
			c.m.callbackOrder = append(c.m.callbackOrder, fa)
			c.m.Callbacks[fa] = f
		}
	} else {
		if f.Module != nil && f.Module.Name != c.m.Name {
			c.addAt(Error, attrPos(f), f.End, "bad_module", "spec for function %s:%s from other module", atomText(f.Module.Name), fa)
			return
		}
		if _, dup := c.m.Specs[fa]; dup {
			what := fa.String()
			if f.Module != nil {
				what = atomText(f.Module.Name) + ":" + what
			}
			c.addAt(Error, attrPos(f), f.End, "redefine_spec", "spec for %s already defined", what)
		} else {
			c.m.Specs[fa] = f
			c.specFiles[fa] = c.file
		}
	}
	for _, cl := range f.Clauses {
		ts := append([]syntax.Expr{}, cl.Params...)
		ts = append(ts, cl.Result)
		for _, con := range cl.Constraints {
			if con.Var != nil {
				ts = append(ts, con.Var)
			}
			ts = append(ts, con.Type)
		}
		c.checkTypes(ts, nil)
	}
}

// checkTypes walks the types of one definition, spec clause or record,
// recording type and record uses, and reports the type variables that
// occur only once there.
func (c *checker) checkTypes(ts []syntax.Expr, from *FA) {
	type seen struct {
		v     *syntax.Var
		count int
	}
	vars := map[string]*seen{}
	var order []string
	var visit func(n syntax.Node) bool
	visit = func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Var:
			if n.Name == "_" {
				return false
			}
			s := vars[n.Name]
			if s == nil {
				s = &seen{v: n}
				vars[n.Name] = s
				order = append(order, n.Name)
			}
			s.count++
			return false
		case *syntax.TypeAnn:
			// The annotation's variable is a name, not a use.
			if n.Type != nil {
				syntax.Inspect(n.Type, visit)
			}
			return false
		case *syntax.Call:
			name := ""
			switch f := n.Fun.(type) {
			case *syntax.Atom:
				name = f.Name
			case *syntax.Remote:
				m, ok1 := f.Module.(*syntax.Atom)
				t, ok2 := f.Name.(*syntax.Atom)
				if ok1 && ok2 && m.Name == c.m.Name {
					name = t.Name
				}
			}
			fa := FA{name, len(n.Args)}
			if name != "" && !builtinTypes[fa] {
				c.typeUses = append(c.typeUses, typeUse{fa: fa, pos: n.Pos, end: n.End, file: c.file, from: from})
			}
			for _, a := range n.Args {
				syntax.Inspect(a, visit)
			}
			return false
		case *syntax.Record:
			if n.Name != nil {
				c.useRecord(n.Name)
			}
			for _, f := range n.Fields {
				if f.Value != nil {
					syntax.Inspect(f.Value, visit)
				}
			}
			return false
		}
		return true
	}
	for _, t := range ts {
		if t != nil {
			syntax.Inspect(t, visit)
		}
	}
	for _, name := range order {
		if s := vars[name]; s.count == 1 && !isUnderscore(name) {
			c.varDiag(Error, s.v, "singleton_typevar", fmt.Sprintf("type variable %s is only used once (is unbound)", atomText(name)))
		}
	}
}

// postTypes reports undefined types, unused types and specs without
// functions.
func (c *checker) postTypes() {
	reached := map[FA]bool{}
	edges := map[FA][]FA{}
	var work []FA
	for _, u := range c.typeUses {
		if _, ok := c.m.Types[u.fa]; !ok {
			c.diags = append(c.diags, Diagnostic{File: u.file, Pos: u.pos, End: u.end, Severity: Error, Code: "undefined_type", Message: fmt.Sprintf("type %s undefined", typeText(u.fa))})
			continue
		}
		if u.from == nil {
			work = append(work, u.fa)
		} else {
			edges[*u.from] = append(edges[*u.from], u.fa)
		}
	}
	for len(work) > 0 {
		fa := work[len(work)-1]
		work = work[:len(work)-1]
		if reached[fa] {
			continue
		}
		reached[fa] = true
		work = append(work, edges[fa]...)
	}
	if c.warnUnusedType {
		for fa, def := range c.m.Types {
			if !reached[fa] && c.typeFiles[fa] == c.m.File {
				c.diags = append(c.diags, Diagnostic{File: c.m.File, Pos: attrPos(def), End: def.End, Severity: Warning, Code: "unused_type", Message: fmt.Sprintf("type %s is unused", typeText(fa))})
			}
		}
	}
	for fa, spec := range c.m.Specs {
		if c.m.funcs[fa] == nil {
			c.diags = append(c.diags, Diagnostic{File: c.specFiles[fa], Pos: attrPos(spec), End: spec.End, Severity: Error, Code: "spec_fun_undefined", Message: fmt.Sprintf("spec for undefined function %s", fa)})
		}
	}
}
