package sema

import (
	"fmt"
	"slices"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// This file checks clauses, patterns, guards and expressions, porting
// erl_lint's functions of the same names: each returns the table of
// variables its construct binds or uses, and the callers combine those
// tables as erl_lint does.

func varMsg(format, name string, args ...any) string {
	return fmt.Sprintf(format, append([]any{atomText(name)}, args...)...)
}

func (in construct) where() string {
	return fmt.Sprintf("%s (line %d, column %d)", tagNames[in.tag], in.pos.Line, in.pos.Col)
}

func (c *checker) varDiag(sev Severity, v *syntax.Var, code, msg string) {
	c.diags = append(c.diags, Diagnostic{File: c.file, Pos: v.Pos, End: v.End, Severity: sev, Code: code, Message: msg})
}

const (
	msgUnderscoreBound = "variable %s is already bound. If you mean to ignore this value, use '_' or a different underscore-prefixed name"
	msgUnderscorePat   = "variable %s is bound multiple times in this pattern. If you mean to ignore this value, use '_' or a different underscore-prefixed name"
)

// mergePat is vtmergePat, with erl_lint's warning for an _Underscore
// variable matched against itself.
func (c *checker) mergePat(a, b vt) vt {
	if len(a) == 0 || len(b) == 0 {
		return c.vtmergePat(a, b)
	}
	if c.warnUnderscoreMatch {
		for _, x := range a {
			y, ok := b.find(x.id)
			if !ok || !isUnderscore(c.names[x.id]) || (x.used && y.used) {
				continue
			}
			var at annoRef
			switch {
			case !x.used && !y.used:
				at = c.mergeAnnos(x.annos, y.annos)
			case !x.used:
				at = x.annos
			default:
				at = y.annos
			}
			for _, p := range c.annos(at) {
				c.addAt(Warning, p, p, "match_underscore_var_pat", msgUnderscorePat, atomText(c.names[x.id]))
			}
		}
	}
	return c.vtmergePat(a, b)
}

// ---- clauses ----

func (c *checker) functionClause(cl *syntax.Clause) {
	hvt, hnew := c.head(cl.Patterns, nil, nil)
	vt1 := c.vtupdate(hvt, hnew)
	gvt := c.guard(cl.Guard, vt1)
	vt2 := c.vtupdate(gvt, vt1)
	bvt := c.exprs(cl.Body, vt2)
	c.checkUnusedVars(c.vtupdate(bvt, vt2), nil)
}

func (c *checker) head(ps []syntax.Expr, t, old vt) (vt, vt) {
	var hvt, hnew vt
	for _, p := range ps {
		pvt, pnew := c.pattern(p, t, old)
		hvt = c.mergePat(pvt, hvt)
		hnew = c.mergePat(pnew, hnew)
	}
	return hvt, hnew
}

// icrtClauses checks the clauses of an if, case, receive or try and
// computes what they export to the code after them.
func (c *checker) icrtClauses(cls []*syntax.Clause, in construct, t vt) vt {
	vts := make([]vt, len(cls))
	for i, cl := range cls {
		vts[i] = c.icrtClause(cl, t)
	}
	return c.icrtExport(vts, t, in)
}

func (c *checker) icrtClause(cl *syntax.Clause, t vt) vt {
	hvt, hnew := c.head(cl.Patterns, t, t)
	vt1 := c.vtupdate(hvt, hnew)
	gvt := c.guard(cl.Guard, c.vtupdate(vt1, t))
	vt2 := c.vtupdate(gvt, vt1)
	bvt := c.exprs(cl.Body, c.vtupdate(vt2, t))
	return c.vtupdate(bvt, vt2)
}

func (c *checker) catchClause(cl *syntax.Clause, t vt) vt {
	class := cl.Class
	if class == nil {
		class = &syntax.Atom{Loc: cl.Loc, Name: "throw"}
	}
	stack := cl.Stack
	if stack == nil {
		stack = &syntax.Var{Loc: cl.Loc, Name: "_"}
	}
	var reason syntax.Expr = &syntax.Var{Loc: cl.Loc, Name: "_"}
	if len(cl.Patterns) > 0 {
		reason = cl.Patterns[0]
	}
	hvt, hnew := c.head([]syntax.Expr{&syntax.Tuple{Loc: cl.Loc, Elems: []syntax.Expr{class, reason, stack}}}, t, t)
	vt1 := c.vtupdate(hvt, hnew)
	guardVt := c.vtupdate(vt1, t)
	if sv, ok := stack.(*syntax.Var); ok && sv.Name != "_" {
		if e, ok := guardVt.find(c.id(sv.Name)); ok && e.used {
			c.varDiag(Error, sv, "stacktrace_bound", varMsg("stacktrace variable %s must not be previously bound", sv.Name))
		}
		guardVt = c.vtupdate(single(ventry{id: c.id(sv.Name), state: stStacktrace, annos: c.anno(sv.Pos)}), guardVt)
	}
	gvt := c.guard(cl.Guard, guardVt)
	vt2 := c.vtupdate(gvt, vt1)
	bvt := c.exprs(cl.Body, c.vtupdate(vt2, t))
	return c.vtupdate(bvt, vt2)
}

// icrtExport merges the tables of the clauses of one construct: a new
// variable bound in every clause is exported, one bound in only some is
// unsafe, and an old one used in a clause is used.
func (c *checker) icrtExport(vts []vt, t vt, in construct) vt {
	// All entries, grouped by variable in clause order (a stable sort
	// keeps erl_lint's order within a group).
	var all vt
	for _, v := range vts {
		all = append(all, v...)
	}
	slices.SortStableFunc(all, func(a, b ventry) int { return int(a.id - b.id) })
	out := make(vt, 0, len(all))
	for len(all) > 0 {
		k := 1
		for k < len(all) && all[k].id == all[0].id {
			k++
		}
		es, name := all[:k], all[0].id
		all = all[k:]
		if old, ok := t.find(name); ok {
			first := minState(es)
			if old.state == stExport && es[first].state == stExport {
				s := old
				for i, e := range es {
					if i != first {
						s = mergeState(s, e)
					}
				}
				out = append(out, ventry{id: name, state: s.state, in: s.in, used: true, annos: old.annos})
				continue
			}
			out = append(out, ventry{id: name, state: stBound, used: true, annos: old.annos})
			continue
		}
		acc := ventry{state: stExport, in: in}
		var annos annoRef
		for _, e := range es {
			if e.state == stUnsafe {
				if acc.state == stUnsafe {
					acc = ventry{state: stUnsafe, in: in}
				} else {
					acc = ventry{state: stUnsafe, in: e.in}
				}
			}
			if !e.used {
				annos = c.mergeAnnos(annos, e.annos)
			}
		}
		if len(es) != len(vts) {
			acc = ventry{state: stUnsafe, in: in}
		}
		out = append(out, ventry{id: name, state: acc.state, in: acc.in, used: annos.n == 0, annos: annos})
	}
	return out
}

// minState is the index of the entry that comes first in Erlang's term
// order of states, which is the one erl_lint's lists:merge puts first.
func minState(es []ventry) int {
	rank := func(s vstate) int {
		switch s {
		case stBound:
			return 0
		case stStacktrace:
			return 1
		case stExport:
			return 2
		}
		return 3
	}
	best := 0
	for i, e := range es {
		if rank(e.state) < rank(es[best].state) {
			best = i
		}
	}
	return best
}

func (c *checker) funClauses(cls []*syntax.Clause, t vt) vt {
	var bvt vt
	for _, cl := range cls {
		bvt = c.vtmerge(c.funClause(cl, t), bvt)
	}
	return vtNoUnsafe(vtNoUnused(vtold(bvt, t)))
}

func (c *checker) funClause(cl *syntax.Clause, t vt) vt {
	hvt, hnew := c.head(cl.Patterns, t, nil)
	vt1 := c.vtupdate(hvt, t)
	c.shadowVars(hnew, t, "'fun'")
	vt2 := c.vtupdate(vtnew(vt1, hnew), hnew)
	gvt := c.guard(cl.Guard, vt2)
	vt3 := c.vtupdate(gvt, vt2)
	bvt := c.exprs(cl.Body, vt3)
	cvt := c.vtupdate(bvt, vt3)
	c.checkUnusedVars(cvt, t)
	svt := vtold(vt1, hnew)
	c.checkOldUnusedVars(cvt, svt)
	vt4 := c.vtmerge(svt, vtnew(cvt, svt))
	return vtold(vt4, t)
}

func (c *checker) shadowVars(n, t vt, in string) {
	if !c.warnShadowVars {
		return
	}
	for _, e := range vtold(n, vtNoUnsafe(t)) {
		if e.annos.n > 0 {
			p := c.annos(e.annos)[0]
			c.addAt(Warning, p, p, "shadowed_var", "variable %s shadowed in %s", atomText(c.names[e.id]), in)
		}
	}
}

func (c *checker) checkUnusedVars(t, t0 vt) {
	if !c.warnUnusedVars {
		return
	}
	for _, e := range t {
		name := c.names[e.id]
		if e.used || isUnderscore(name) || t0.has(e.id) {
			continue
		}
		for _, p := range c.annos(e.annos) {
			c.addAt(Warning, p, syntax.Pos{Line: p.Line, Col: p.Col + int32(len(name)), Offset: p.Offset + int32(len(name))}, "unused_var", "variable %s is unused", atomText(name))
		}
	}
}

func (c *checker) checkOldUnusedVars(t, t0 vt) {
	c.checkUnusedVars(vtold(t, t0), nil)
}

// ---- patterns ----

// pattern checks a pattern. t holds the variables outside it (for map keys
// and binary sizes); old is t, or empty where the pattern's variables
// shadow (fun heads, generators). It returns the old variables it uses
// and the new ones it binds.
func (c *checker) pattern(p syntax.Expr, t, old vt) (vt, vt) {
	switch p := p.(type) {
	case nil:
		return nil, nil // missing in half-typed code
	case *syntax.Var:
		if p.Name == "_" {
			return nil, nil
		}
		return c.patVar(p, old, nil)
	case *syntax.Atom, *syntax.Integer, *syntax.Float, *syntax.Char, *syntax.String, *syntax.BadExpr:
		return nil, nil
	case *syntax.List:
		var pvt, pnew vt
		for _, e := range p.Elems {
			v, n := c.pattern(e, t, old)
			pvt, pnew = c.mergePat(v, pvt), c.mergePat(pnew, n)
		}
		if p.Tail != nil {
			v, n := c.pattern(p.Tail, t, old)
			pvt, pnew = c.mergePat(pvt, v), c.mergePat(pnew, n)
		}
		return pvt, pnew
	case *syntax.Tuple:
		var pvt, pnew vt
		for _, e := range p.Elems {
			v, n := c.pattern(e, t, old)
			pvt, pnew = c.mergePat(v, pvt), c.mergePat(pnew, n)
		}
		return pvt, pnew
	case *syntax.Map:
		if p.Base != nil {
			c.add(Error, p, "illegal_pattern", "illegal pattern")
			return nil, nil
		}
		var pvt, pnew vt
		for _, f := range p.Fields {
			if !f.Exact {
				c.addAt(Error, c.opAfter(f.Key), f.End, "illegal_pattern", "illegal pattern")
				continue
			}
			kvt := c.gexpr(f.Key, t)
			v, n := c.pattern(f.Value, t, old)
			pvt = c.mergePat(c.mergePat(kvt, v), pvt)
			pnew = c.mergePat(pnew, n)
		}
		return pvt, pnew
	case *syntax.RecordIndex:
		c.recordIndex(p)
		return nil, nil
	case *syntax.Record:
		if p.Base != nil || p.Name == nil {
			c.add(Error, p, "illegal_pattern", "illegal pattern")
			return nil, nil
		}
		r := c.useRecord(p.Name)
		if r == nil {
			return nil, nil
		}
		return c.patternFields(p, r, t, old)
	case *syntax.Binary:
		return c.patternBin(p, t, old)
	case *syntax.BinaryOp:
		if p.Op == syntax.PLUSPLUS && isLiteralPrefix(p.X) {
			return c.pattern(p.Y, t, old)
		}
	case *syntax.Match:
		lvt, lnew := c.pattern(p.Left, t, old)
		rvt, rnew := c.pattern(p.Right, t, old)
		return c.mergePat(lvt, rvt), c.mergePat(lnew, rnew)
	}
	if !isPatternExpr(p) {
		c.illegalPattern(p)
	}
	return nil, nil
}

// illegalPattern reports p where erl_lint does: at an operator for an
// operator expression, else at its start.
func (c *checker) illegalPattern(p syntax.Expr) {
	if op, ok := p.(*syntax.BinaryOp); ok {
		c.addAt(Error, op.OpPos, op.End, "illegal_pattern", "illegal pattern")
		return
	}
	c.add(Error, p, "illegal_pattern", "illegal pattern")
}

// isLiteralPrefix reports whether e may stand left of ++ in a pattern: a
// string or a proper list of characters and integers.
func isLiteralPrefix(e syntax.Expr) bool {
	switch e := e.(type) {
	case *syntax.String:
		return true
	case *syntax.List:
		if e.Tail != nil {
			return false
		}
		for _, x := range e.Elems {
			switch x.(type) {
			case *syntax.Char, *syntax.Integer:
			default:
				return false
			}
		}
		return true
	}
	return false
}

// isPatternExpr reports whether e is a constant arithmetic expression,
// which a pattern may hold.
func isPatternExpr(e syntax.Expr) bool {
	switch e := e.(type) {
	case *syntax.Integer, *syntax.Char, *syntax.Float, *syntax.Atom:
		return true
	case *syntax.UnaryOp:
		return (e.Op == syntax.PLUS || e.Op == syntax.MINUS || e.Op == syntax.BNOT) && isPatternExpr(e.X)
	case *syntax.BinaryOp:
		return isArithOp(e.Op) && isPatternExpr(e.X) && isPatternExpr(e.Y)
	}
	return false
}

// patVar handles a variable in a pattern: a use when it is bound already,
// else a new binding.
func (c *checker) patVar(v *syntax.Var, old, n vt) (vt, vt) {
	u, nw := c.patVar1(v, old, n)
	if c.collectRefs {
		c.noteRef(v, u, nw)
	}
	return u, nw
}

func (c *checker) patVar1(v *syntax.Var, old, n vt) (vt, vt) {
	id := c.id(v.Name)
	if e, ok := n.find(id); ok && e.state == stBound {
		c.underscoreMatch(v)
		return nil, single(ventry{id: id, used: true, annos: e.annos})
	}
	if e, ok := old.find(id); ok {
		used := single(ventry{id: id, used: true, annos: e.annos})
		switch e.state {
		case stBound:
			c.underscoreMatch(v)
		case stUnsafe:
			c.unsafeVar(v, e)
		case stExport:
			c.underscoreMatch(v)
			c.exportedVar(v, e)
		}
		return used, nil
	}
	return nil, single(ventry{id: id, annos: c.anno(v.Pos)})
}

func (c *checker) underscoreMatch(v *syntax.Var) {
	if c.warnUnderscoreMatch && isUnderscore(v.Name) {
		c.varDiag(Warning, v, "match_underscore_var", varMsg(msgUnderscoreBound, v.Name))
	}
}

// patBinsizeVar handles a variable in a binary segment's size, which is
// always a use.
func (c *checker) patBinsizeVar(v *syntax.Var, t, n vt) (vt, vt) {
	u, nw := c.patBinsizeVar1(v, t, n)
	if c.collectRefs {
		c.noteRef(v, u, nw)
	}
	return u, nw
}

func (c *checker) patBinsizeVar1(v *syntax.Var, t, n vt) (vt, vt) {
	id := c.id(v.Name)
	if e, ok := n.find(id); ok && e.state == stBound {
		return nil, single(ventry{id: id, used: true, annos: e.annos})
	}
	if e, ok := t.find(id); ok {
		used := single(ventry{id: id, used: true, annos: e.annos})
		switch e.state {
		case stUnsafe:
			c.unsafeVar(v, e)
		case stExport:
			if c.warnExportVars {
				c.exportedVar(v, e)
			}
		}
		return used, nil
	}
	c.varDiag(Error, v, "unbound_var", varMsg("variable %s is unbound", v.Name))
	return single(ventry{id: id, used: true, annos: c.anno(v.Pos)}), nil
}

func (c *checker) patternBin(b *syntax.Binary, t, old vt) (vt, vt) {
	var esvt, esnew vt
	var unsized *syntax.BinElem
	for _, el := range b.Elems {
		if unsized != nil {
			c.add(Error, unsized, "unsized_binary_not_at_end", "a binary field without size is only allowed at the end of a binary pattern")
			unsized = nil
		}
		if c.checkBinElem(el) {
			unsized = el
		}
		var pevt, penew vt
		switch v := el.Value.(type) {
		case *syntax.Var:
			if v.Name != "_" {
				pevt, penew = c.patVar(v, old, esnew)
			}
		case *syntax.String:
		case *syntax.Binary:
			c.add(Error, v, "illegal_pattern", "illegal pattern")
		default:
			if !isPatternExpr(v) {
				c.illegalPattern(v)
			}
		}
		var szvt, sznew vt
		switch s := el.Size.(type) {
		case nil:
		case *syntax.Var:
			szvt, sznew = c.patBinsizeVar(s, t, esnew)
		default:
			saved := c.bvt
			bvt := esnew
			c.bvt = &bvt
			szvt = c.gexpr(s, t)
			sznew = *c.bvt
			c.bvt = saved
		}
		esvt = c.vtmerge(szvt, c.vtmerge(pevt, esvt))
		esnew = c.vtmerge(sznew, c.vtmerge(esnew, penew))
	}
	return esvt, esnew
}

// ---- guards ----

func (c *checker) guard(g [][]syntax.Expr, t vt) vt {
	var vts []vt
	cur := t
	for _, alt := range g {
		var avts []vt
		acur := cur
		for _, test := range alt {
			v := c.guardTest(test, acur)
			avts = append(avts, v)
			acur = c.vtupdate(v, acur)
		}
		a := c.foldUpdate(avts)
		vts = append(vts, a)
		cur = c.vtupdate(a, cur)
	}
	return c.foldUpdate(vts)
}

// foldUpdate combines the tables of a sequence as erl_lint's recursion
// does: vtupdate(First, vtupdate(Second, ...)).
func (c *checker) foldUpdate(vts []vt) vt {
	var out vt
	for i := len(vts) - 1; i >= 0; i-- {
		out = c.vtupdate(vts[i], out)
	}
	return out
}

func (c *checker) guardTest(g syntax.Expr, t vt) vt {
	if call, ok := g.(*syntax.Call); ok {
		if a, ok := call.Fun.(*syntax.Atom); ok {
			fa := FA{a.Name, len(call.Args)}
			if a.Name == "record" && len(call.Args) == 2 {
				return c.gexpr(&syntax.Call{Loc: call.Loc, Fun: &syntax.Atom{Loc: a.Loc, Name: "is_record"}, Args: call.Args}, t)
			}
			if typeTests[fa] && fa.Name != "is_record" && fa.Arity != 2 {
				asvt := c.gexprList(call.Args, t)
				if !c.noGuardBifClash(fa) {
					c.add(Error, call, "illegal_guard_local_call", "call to local/imported function %s is illegal in guard", fa)
				}
				return asvt
			}
		}
	}
	return c.gexpr(g, t)
}

func (c *checker) noGuardBifClash(fa FA) bool {
	if c.isLocal(fa) {
		return false
	}
	mod, imported := c.m.Imports[fa]
	if imported && mod != "erlang" {
		return false
	}
	return !c.autoSuppressed(fa) || mod == "erlang"
}

func (c *checker) gexprList(es []syntax.Expr, t vt) vt {
	var out vt
	for _, e := range es {
		out = c.vtmerge(c.gexpr(e, t), out)
	}
	return out
}

func (c *checker) illegalGuard(pos, end syntax.Pos) {
	c.addAt(Error, pos, end, "illegal_guard_expr", "illegal guard expression")
}

func (c *checker) gexpr(e syntax.Expr, t vt) vt {
	switch e := e.(type) {
	case nil:
		return nil // missing in half-typed code
	case *syntax.Var:
		return c.exprVar(e, t)
	case *syntax.Atom, *syntax.Integer, *syntax.Float, *syntax.Char, *syntax.String, *syntax.BadExpr:
		return nil
	case *syntax.List:
		return c.gexprList(listElems(e), t)
	case *syntax.Tuple:
		return c.gexprList(e.Elems, t)
	case *syntax.Map:
		var svt vt
		if e.Base != nil {
			svt = c.gexpr(e.Base, t)
		} else {
			c.checkAssocFields(e)
		}
		return c.vtmerge(svt, c.mapFields(e, t, c.gexprList))
	case *syntax.RecordIndex:
		c.recordIndex(e)
		return nil
	case *syntax.RecordAccess:
		rvt := c.gexpr(e.X, t)
		if r := c.useRecordAt(e.Name); r != nil {
			c.recordField(r, e.Field)
		}
		return rvt
	case *syntax.Record:
		if e.Base != nil {
			// A record update: erl_lint reports it at its '#'.
			if e.Name != nil {
				c.illegalGuard(hashPos(e.Name), e.End)
				return nil
			}
			break
		}
		r := c.useRecord(e.Name)
		if r == nil {
			return nil
		}
		return c.checkFields(e, r, t, c.gexpr)
	case *syntax.Binary:
		return c.exprBin(e, t, c.gexpr)
	case *syntax.Call:
		return c.gexprCall(e, t)
	case *syntax.UnaryOp:
		avt := c.gexpr(e.X, t)
		if !isGexprOp(e.Op, 1) {
			c.illegalGuard(e.Pos, e.End)
		}
		return avt
	case *syntax.BinaryOp:
		avt := c.gexprList([]syntax.Expr{e.X, e.Y}, t)
		if e.Op != syntax.ANDALSO && e.Op != syntax.ORELSE && !isGexprOp(e.Op, 2) {
			c.illegalGuard(e.OpPos, e.OpPos)
		}
		return avt
	}
	c.illegalGuard(e.Span().Pos, e.Span().End)
	return nil
}

func (c *checker) gexprCall(e *syntax.Call, t vt) vt {
	n := len(e.Args)
	name, remote := "", false
	switch f := e.Fun.(type) {
	case *syntax.Atom:
		name = f.Name
	case *syntax.Remote:
		m, ok1 := f.Module.(*syntax.Atom)
		fn, ok2 := f.Name.(*syntax.Atom)
		if !ok1 || !ok2 || m.Name != "erlang" {
			c.illegalGuard(e.Pos, e.End)
			return nil
		}
		name, remote = fn.Name, true
	default:
		c.illegalGuard(e.Pos, e.End)
		return nil
	}
	if name == "is_record" && (n == 2 || n == 3) {
		rec, isAtom := e.Args[1].(*syntax.Atom)
		switch {
		case n == 2 && isAtom:
			rvt := c.gexpr(e.Args[0], t)
			c.existRecord(rec)
			return rvt
		case n == 3 && isAtom:
			if _, isInt := e.Args[2].(*syntax.Integer); isInt {
				rvt := c.gexpr(e.Args[0], t)
				if !remote && !c.noGuardBifClash(FA{"is_record", 3}) {
					c.add(Error, e, "illegal_guard_local_call", "call to local/imported function is_record/3 is illegal in guard")
				}
				return rvt
			}
		}
		asvt := c.gexprList(e.Args, t)
		c.illegalGuard(e.Pos, e.End)
		return asvt
	}
	asvt := c.gexprList(e.Args, t)
	fa := FA{name, n}
	if remote {
		if !guardBIFs[fa] && !isGexprOpName(name, n) {
			c.illegalGuard(e.Pos, e.End)
		}
		return asvt
	}
	if guardBIFs[fa] && c.noGuardBifClash(fa) {
		return asvt
	}
	if _, imp := c.m.Imports[fa]; c.isLocal(fa) || imp {
		c.add(Error, e, "illegal_guard_local_call", "call to local/imported function %s is illegal in guard", fa)
	} else {
		c.illegalGuard(e.Pos, e.End)
	}
	return asvt
}

// exprVar handles a variable used in an expression or guard.
func (c *checker) exprVar(v *syntax.Var, t vt) vt {
	u := c.exprVar1(v, t)
	if c.collectRefs {
		c.noteRef(v, u, nil)
	}
	return u
}

func (c *checker) exprVar1(v *syntax.Var, t vt) vt {
	id := c.id(v.Name)
	if c.bvt != nil {
		u, n := c.patBinsizeVar(v, t, *c.bvt)
		*c.bvt = c.vtmerge(*c.bvt, n)
		return u
	}
	e, ok := t.find(id)
	if !ok {
		c.varDiag(Error, v, "unbound_var", varMsg("variable %s is unbound", v.Name))
		return single(ventry{id: id, used: true, annos: c.anno(v.Pos)})
	}
	used := single(ventry{id: id, used: true, annos: e.annos})
	switch e.state {
	case stUnsafe:
		c.unsafeVar(v, e)
	case stExport:
		if c.warnExportVars {
			c.exportedVar(v, e)
		} else {
			used[0].state, used[0].in = stExport, e.in
		}
	case stStacktrace:
		c.varDiag(Error, v, "stacktrace_guard", varMsg("stacktrace variable %s must not be used in a guard", v.Name))
	}
	return used
}

func isArithOp(k syntax.Kind) bool {
	switch k {
	case syntax.PLUS, syntax.MINUS, syntax.STAR, syntax.SLASH, syntax.DIV, syntax.REM,
		syntax.BAND, syntax.BOR, syntax.BXOR, syntax.BSL, syntax.BSR:
		return true
	}
	return false
}

// isGexprOp reports whether an operator may appear in a guard.
func isGexprOp(k syntax.Kind, arity int) bool {
	if arity == 1 {
		return k == syntax.PLUS || k == syntax.MINUS || k == syntax.BNOT || k == syntax.NOT
	}
	switch k {
	case syntax.AND, syntax.OR, syntax.XOR, syntax.EQ, syntax.NE, syntax.LE, syntax.LT,
		syntax.GE, syntax.GT, syntax.EXEQ, syntax.EXNE:
		return true
	}
	return isArithOp(k)
}

// isGexprOpName is isGexprOp for erlang:'+'(A, B) style calls.
func isGexprOpName(name string, arity int) bool {
	switch name {
	case "+", "-":
		return arity == 1 || arity == 2
	case "bnot", "not":
		return arity == 1
	case "*", "/", "div", "rem", "band", "bor", "bxor", "bsl", "bsr", "and", "or", "xor",
		"==", "/=", "=<", "<", ">=", ">", "=:=", "=/=":
		return arity == 2
	}
	return false
}

// listElems returns a list's elements followed by its tail, if any.
func listElems(l *syntax.List) []syntax.Expr {
	if l.Tail == nil {
		return l.Elems
	}
	return append(append([]syntax.Expr{}, l.Elems...), l.Tail)
}

func (c *checker) unsafeVar(v *syntax.Var, e ventry) {
	c.varDiag(Error, v, "unsafe_var", varMsg("variable %s unsafe in %s", v.Name, e.in.where()))
}

func (c *checker) exportedVar(v *syntax.Var, e ventry) {
	c.varDiag(Warning, v, "exported_var", varMsg("variable %s exported from %s", v.Name, e.in.where()))
}
