package sema

import (
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// exprs checks a body: each expression sees the bindings of those before
// it.
func (c *checker) exprs(es []syntax.Expr, t vt) vt {
	vts := make([]vt, 0, len(es))
	cur := t
	for _, e := range es {
		c.noteScope(e, cur)
		v := c.expr(e, cur)
		vts = append(vts, v)
		cur = c.vtupdate(v, cur)
	}
	return c.foldUpdate(vts)
}

// exprList checks expressions that are evaluated independently (the
// elements of a tuple, the arguments of a call): none sees the others'
// bindings.
func (c *checker) exprList(es []syntax.Expr, t vt) vt {
	var out vt
	for _, e := range es {
		out = c.mergePat(c.expr(e, t), out)
	}
	return out
}

func (c *checker) expr(e syntax.Expr, t vt) vt {
	switch e := e.(type) {
	case nil:
		return nil
	case *syntax.Var:
		return c.exprVar(e, t)
	case *syntax.Atom, *syntax.Integer, *syntax.Float, *syntax.Char, *syntax.String, *syntax.BadExpr:
		return nil
	case *syntax.List:
		return c.exprList(listElems(e), t)
	case *syntax.Tuple:
		return c.exprList(e.Elems, t)
	case *syntax.MapField:
		return c.exprList([]syntax.Expr{e.Key, e.Value}, t)
	case *syntax.Comprehension:
		return c.comprehension(e, t)
	case *syntax.Map:
		if e.Base == nil {
			c.checkAssocFields(e)
			return c.mapFields(e, t, c.exprList)
		}
		svt := c.expr(e.Base, t)
		return c.vtupdate(svt, c.mapFields(e, t, c.exprList))
	case *syntax.RecordIndex:
		c.recordIndex(e)
		return nil
	case *syntax.Record:
		if e.Base == nil {
			r := c.useRecord(e.Name)
			if r == nil {
				return nil
			}
			return c.checkFields(e, r, t, c.expr)
		}
		rvt := c.expr(e.Base, t)
		var uvt vt
		if r := c.useRecordAt(e.Name); r != nil {
			uvt = c.checkFields(e, r, t, c.expr)
		}
		for _, f := range e.Fields {
			if f.Name != nil && f.Name.Name == "_" {
				c.add(Error, f.Name, "wildcard_in_update", "meaningless use of _ in update of record %s", atomText(e.Name.Name))
				return nil
			}
		}
		return c.vtmerge(rvt, uvt)
	case *syntax.RecordAccess:
		rvt := c.expr(e.X, t)
		if r := c.useRecordAt(e.Name); r != nil {
			c.recordField(r, e.Field)
		}
		return rvt
	case *syntax.Binary:
		return c.exprBin(e, t, c.expr)
	case *syntax.Block:
		return c.exprs(e.Body, t)
	case *syntax.If:
		return c.icrtClauses(e.Clauses, construct{tagIf, e.Pos}, t)
	case *syntax.Case:
		evt := c.expr(e.X, t)
		cvt := c.icrtClauses(e.Clauses, construct{tagCase, e.Pos}, c.vtupdate(evt, t))
		return c.vtmerge(evt, cvt)
	case *syntax.Receive:
		in := construct{tagReceive, e.Pos}
		if e.Timeout == nil {
			return c.icrtClauses(e.Clauses, in, t)
		}
		tvt := c.expr(e.Timeout, t)
		tevt := c.exprs(e.AfterBody, t)
		vts := []vt{tevt}
		for _, cl := range e.Clauses {
			vts = append(vts, c.icrtClause(cl, t))
		}
		return c.vtmergeAll(tvt, tevt, c.icrtExport(vts, t, in))
	case *syntax.Fun:
		if e.Name == nil || e.Name.Name == "_" {
			return c.funClauses(e.Clauses, t)
		}
		nvt0 := single(ventry{id: c.id(e.Name.Name), annos: c.anno(e.Pos)})
		c.shadowVars(nvt0, t, "'named fun'")
		nvt1 := c.vtupdate(vtnew(t, nvt0), nvt0)
		csvt := c.funClauses(e.Clauses, nvt1)
		c.checkUnusedVars(c.vtupdate(csvt, nvt0), nil)
		return vtold(csvt, t)
	case *syntax.FunRef:
		return c.funRef(e, t)
	case *syntax.Call:
		return c.call(e, t)
	case *syntax.Try:
		return c.try(e, t)
	case *syntax.Catch:
		evt := c.expr(e.X, t)
		return c.vtupdate(vtunsafe(construct{tagCatch, e.Pos}, evt, t), evt)
	case *syntax.Match:
		return c.match(e.Left, e.Right, t)
	case *syntax.MaybeMatch:
		return c.match(e.Left, e.Right, t)
	case *syntax.Maybe:
		in := construct{tagMaybe, e.Pos}
		evt0 := c.exprs(e.Body, t)
		evt1 := c.vtupdate(vtunsafe(in, evt0, t), t)
		evt2 := c.vtmerge(evt0, evt1)
		if !e.HasElse {
			return evt2
		}
		elsePos := e.Pos
		if len(e.Else) > 0 {
			elsePos = e.Else[0].Pos
		}
		cvt0 := c.icrtClauses(e.Else, construct{tagElse, elsePos}, evt1)
		cvt1 := c.vtupdate(vtunsafe(construct{tagElse, elsePos}, cvt0, t), t)
		return c.vtmerge(evt2, c.vtmerge(cvt0, cvt1))
	case *syntax.UnaryOp:
		return c.expr(e.X, t)
	case *syntax.BinaryOp:
		if e.Op == syntax.ANDALSO || e.Op == syntax.ORELSE {
			evt1 := c.expr(e.X, t)
			vt1 := c.vtupdate(evt1, t)
			evt2 := c.expr(e.Y, vt1)
			tag := tagAndalso
			if e.Op == syntax.ORELSE {
				tag = tagOrelse
			}
			evt3 := c.vtupdate(vtunsafe(construct{tag, e.OpPos}, evt2, vt1), evt2)
			return c.vtmerge(evt1, evt3)
		}
		return c.exprList([]syntax.Expr{e.X, e.Y}, t)
	case *syntax.Remote:
		c.add(Error, e, "illegal_expr", "illegal expression")
		return nil
	case *syntax.Generator:
		// Only inside comprehensions, which handle it; elsewhere the
		// parser has already complained.
		return nil
	}
	return nil
}

func (c *checker) match(p, e syntax.Expr, t vt) vt {
	evt := c.expr(e, t)
	upd := c.vtupdate(evt, t)
	pvt, pnew := c.pattern(p, upd, upd)
	return c.vtupdate(pnew, c.vtmerge(evt, pvt))
}

func (c *checker) try(e *syntax.Try, t vt) vt {
	in := construct{tagTry, e.Pos}
	evt0 := c.exprs(e.Body, t)
	uvt := vtunsafe(in, evt0, t)
	inner := c.vtupdate(evt0, t)
	var vts []vt
	for _, cl := range e.Of {
		vts = append(vts, c.icrtClause(cl, inner))
	}
	for _, cl := range e.Catch {
		vts = append(vts, c.catchClause(cl, c.vtupdate(uvt, inner)))
	}
	sccs := c.icrtExport(vts, inner, in)
	evt1 := c.vtupdate(uvt, evt0)
	rvt1 := c.vtupdate(vtunsafe(in, sccs, t), sccs)
	evt2 := c.vtmerge(evt1, rvt1)
	avt0 := c.exprs(e.After, c.vtupdate(evt2, t))
	avt1 := c.vtupdate(vtunsafe(in, avt0, t), avt0)
	return c.vtmerge(evt2, avt1)
}

func (c *checker) funRef(e *syntax.FunRef, t vt) vt {
	if e.Module != nil {
		return c.exprList([]syntax.Expr{e.Module, e.Name, e.Arity}, t)
	}
	name, ok1 := e.Name.(*syntax.Atom)
	arity, ok2 := e.Arity.(*syntax.Integer)
	if !ok1 || !ok2 {
		return nil
	}
	fa := FA{name.Name, int(arity.Value)}
	if fa == (FA{"record_info", 2}) {
		c.add(Error, e, "illegal_record_info", "illegal record info")
		return nil
	}
	if !c.isLocal(fa) && autoImported[fa] && !c.autoSuppressed(fa) {
		return nil
	}
	c.callFunction(e, fa)
	return nil
}

func (c *checker) call(e *syntax.Call, t vt) vt {
	switch f := e.Fun.(type) {
	case *syntax.Atom:
		n := len(e.Args)
		if f.Name == "is_record" && n == 2 {
			if rec, ok := e.Args[1].(*syntax.Atom); ok {
				rvt := c.expr(e.Args[0], t)
				c.existRecord(rec)
				return rvt
			}
		}
		asvt := c.exprList(e.Args, t)
		fa := FA{f.Name, n}
		local := c.isLocal(fa)
		_, imported := c.m.Imports[fa]
		isBif := autoImported[fa]
		suppressed := c.autoSuppressed(fa)
		switch {
		case !local && !imported && isBif && !suppressed:
			c.deprecatedCall(e, "erlang", f.Name, n)
		case imported:
			c.markImport(fa)
			c.deprecatedCall(e, c.m.Imports[fa], f.Name, n)
			if c.m.Imports[fa] == "erlang" && fa == (FA{"load_nif", 2}) {
				c.loadNif = true
			}
			c.checkFormat(e, c.m.Imports[fa], f.Name, e.Args)
		case fa == FA{"record_info", 2}:
			if len(e.Args) == 2 {
				info, ok1 := e.Args[0].(*syntax.Atom)
				rec, ok2 := e.Args[1].(*syntax.Atom)
				switch {
				case ok1 && ok2 && (info.Name == "fields" || info.Name == "size"):
					c.existRecordAt(rec, f)
				case ok1 && ok2:
					c.add(Error, info, "illegal_record_info", "illegal record info")
				default:
					c.add(Error, e, "illegal_record_info", "illegal record info")
				}
			}
		default:
			if !suppressed && isBif && c.warnBifClash {
				if oldBIFs[fa] {
					c.add(Error, e, "call_to_redefined_old_bif", "ambiguous call of overridden pre R14 auto-imported BIF %s\n - use erlang:%s or \"-compile({no_auto_import,[%s]}).\" to resolve name clash", fa, fa, fa)
				} else {
					c.add(Warning, e, "call_to_redefined_bif", "ambiguous call of overridden auto-imported BIF %s\n - use erlang:%s or \"-compile({no_auto_import,[%s]}).\" to resolve name clash", fa, fa, fa)
				}
			}
			if fa != c.fn {
				c.callFunction(e, fa)
			}
		}
		return asvt
	case *syntax.Remote:
		m, ok1 := f.Module.(*syntax.Atom)
		fn, ok2 := f.Name.(*syntax.Atom)
		if ok1 && ok2 {
			if m.Name == "erlang" && fn.Name == "is_record" && len(e.Args) == 2 {
				if rec, ok := e.Args[1].(*syntax.Atom); ok {
					rvt := c.expr(e.Args[0], t)
					c.existRecord(rec)
					return rvt
				}
			}
			c.deprecatedCall(e, m.Name, fn.Name, len(e.Args))
			if m.Name == "erlang" && fn.Name == "load_nif" && len(e.Args) == 2 {
				c.loadNif = true
			}
			c.checkFormat(e, m.Name, fn.Name, e.Args)
			return c.exprList(e.Args, t)
		}
		return c.exprList(append([]syntax.Expr{f.Module, f.Name}, e.Args...), t)
	}
	return c.exprList(append([]syntax.Expr{e.Fun}, e.Args...), t)
}

// ---- comprehensions ----

func (c *checker) comprehension(e *syntax.Comprehension, t0 vt) vt {
	vt1, uvt := c.lcQuals(e.Quals, t0)
	c.noteScope(e.Head, vt1)
	evt := c.expr(e.Head, vt1)
	vt2 := c.vtupdate(evt, vt1)
	c.checkOldUnusedVars(vt2, uvt)
	c.checkUnusedVars(uvt, t0)
	c.checkUnusedVars(vt2, t0)
	vt3 := c.vtmerge(vtnew(vt2, uvt), uvt)
	vt4 := vtold(vt3, t0)
	return vtNoUnsafe(vtNoUnused(vt4))
}

func (c *checker) lcQuals(qs []syntax.Expr, t vt) (vt, vt) {
	var uvt vt
	for _, q := range qs {
		g, ok := q.(*syntax.Generator)
		if !ok {
			t = c.vtupdate(c.expr(q, t), t)
			continue
		}
		t, uvt = c.generator(g, t, uvt)
	}
	return t, uvt
}

func (c *checker) generator(g *syntax.Generator, t, uvt vt) (vt, vt) {
	evt := c.expr(g.X, t)
	vt1 := c.vtupdate(vtold(evt, t), t)
	c.checkUnusedVars(evt, t)
	if b, ok := g.Pattern.(*syntax.Binary); ok && g.Kind == syntax.LDARROW && len(b.Elems) > 0 {
		last := b.Elems[len(b.Elems)-1]
		if last.Size == nil {
			for _, ty := range last.Types {
				switch ty.Name {
				case "binary", "bytes", "bits", "bitstring":
					c.add(Error, last, "unsized_binary_in_bin_gen_pattern", "binary fields without size are not allowed in patterns of bit string generators")
				}
			}
		}
	}
	p := g.Pattern
	if g.Key != nil {
		p = &syntax.Tuple{Loc: g.Loc, Elems: []syntax.Expr{g.Key, g.Pattern}}
	}
	pvt, pnew := c.pattern(p, vt1, nil)
	vt2 := c.vtupdate(pvt, vt1)
	c.shadowVars(pnew, vt1, "generate")
	svt := vtold(vt2, pnew)
	c.checkOldUnusedVars(svt, uvt)
	nuvt := c.vtupdate(vtnew(svt, uvt), uvt)
	vt3 := c.vtupdate(vtnew(vt2, pnew), pnew)
	return vt3, nuvt
}

// ---- maps and binaries ----

func (c *checker) checkAssocFields(m *syntax.Map) {
	for _, f := range m.Fields {
		if f.Exact {
			c.addAt(Error, c.opAfter(f.Key), f.End, "illegal_map_construction", "only association operators '=>' are allowed in map construction")
		}
	}
}

func (c *checker) mapFields(m *syntax.Map, t vt, list func([]syntax.Expr, vt) vt) vt {
	vts := make([]vt, 0, len(m.Fields))
	for _, f := range m.Fields {
		vts = append(vts, list([]syntax.Expr{f.Key, f.Value}, t))
	}
	return c.foldUpdate(vts)
}

func (c *checker) exprBin(b *syntax.Binary, t vt, check func(syntax.Expr, vt) vt) vt {
	var esvt vt
	for _, el := range b.Elems {
		c.checkBinElem(el)
		vt1 := check(el.Value, t)
		var vt2 vt
		if el.Size != nil {
			if a, ok := el.Size.(*syntax.Atom); !ok || a.Name != "all" {
				vt2 = check(el.Size, t)
			}
		}
		esvt = c.vtmergeAll(vt2, vt1, esvt)
	}
	return esvt
}

// ---- records ----

// hashPos is where erlc reports a record expression: at its '#', just
// before the record name.
func hashPos(name *syntax.Atom) syntax.Pos {
	p := name.Pos
	p.Col--
	p.Offset--
	return p
}

func (c *checker) undefinedRecord(name *syntax.Atom) {
	c.addAt(Error, hashPos(name), name.End, "undefined_record", "record %s undefined", atomText(name.Name))
}

// useRecord looks up a record for an expression whose own position is the
// '#' before the name, and marks it used.
func (c *checker) useRecord(name *syntax.Atom) *Record {
	if name == nil {
		return nil
	}
	r := c.m.Records[name.Name]
	if r == nil {
		c.undefinedRecord(name)
		return nil
	}
	c.markRecord(name.Name)
	c.edge(c.fn, recordNode(name.Name))
	return r
}

func (c *checker) useRecordAt(name *syntax.Atom) *Record { return c.useRecord(name) }

// existRecord is the check of is_record(X, Name), reported at the name.
func (c *checker) existRecord(name *syntax.Atom) { c.existRecordAt(name, name) }

// existRecordAt checks that a record exists, reporting at node.
func (c *checker) existRecordAt(name *syntax.Atom, at syntax.Node) {
	if c.m.Records[name.Name] == nil {
		c.add(Error, at, "undefined_record", "record %s undefined", atomText(name.Name))
		return
	}
	c.markRecord(name.Name)
	c.edge(c.fn, recordNode(name.Name))
}

func (c *checker) recordIndex(e *syntax.RecordIndex) {
	if r := c.useRecord(e.Name); r != nil {
		c.recordField(r, e.Field)
	}
}

func (r *Record) hasField(name string) bool {
	for _, f := range r.Fields {
		if f == name {
			return true
		}
	}
	return false
}

func (c *checker) recordField(r *Record, field *syntax.Atom) {
	if field != nil && !r.hasField(field.Name) {
		c.add(Error, field, "undefined_field", "field %s undefined in record %s", atomText(field.Name), atomText(r.Name))
	}
}

// checkFields checks the fields of a record construction or update.
func (c *checker) checkFields(e *syntax.Record, r *Record, t vt, check func(syntax.Expr, vt) vt) vt {
	var out vt
	seen := map[string]bool{}
	for _, f := range e.Fields {
		if f.Name == nil {
			continue
		}
		if !c.fieldOK(f, r, seen) {
			continue
		}
		out = c.mergePat(out, check(f.Value, t))
	}
	return out
}

// fieldOK reports a field given twice or not in the record.
func (c *checker) fieldOK(f *syntax.RecordField, r *Record, seen map[string]bool) bool {
	name := f.Name.Name
	if seen[name] {
		if name == "_" {
			c.add(Error, f.Name, "bad_multi_field_init", "'_' initializes no omitted fields")
		} else {
			c.add(Error, f, "redefine_field", "field %s already defined in record %s", atomText(name), atomText(r.Name))
		}
		return false
	}
	seen[name] = true
	if name != "_" && !r.hasField(name) {
		c.add(Error, f.Name, "undefined_field", "field %s undefined in record %s", atomText(name), atomText(r.Name))
		return false
	}
	return true
}

func (c *checker) patternFields(e *syntax.Record, r *Record, t, old vt) (vt, vt) {
	var uvt, unew vt
	seen := map[string]bool{}
	for _, f := range e.Fields {
		if f.Name == nil || !c.fieldOK(f, r, seen) {
			continue
		}
		v, n := c.pattern(f.Value, t, old)
		uvt = c.mergePat(uvt, v)
		unew = c.mergePat(unew, n)
	}
	return uvt, unew
}
