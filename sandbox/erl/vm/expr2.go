package vm

import (
	"slices"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

func (c *compiler) try(e *syntax.Try, dst int32) {
	if len(e.After) > 0 {
		// try X after A end == try (try X catch-all-rethrow) with A run on
		// both paths.
		inner := *e
		inner.After = nil
		cr := c.tmp()
		c.tmp()
		c.tmp()
		h := c.emit(opTry, cr, 0, 0, -1)
		if len(inner.Of) == 0 && len(inner.Catch) == 0 {
			c.body(inner.Body, dst, false)
		} else {
			c.try(&inner, dst)
		}
		c.emit(opTryEnd, 0, 0, 0, 0)
		c.body(e.After, c.tmp(), false)
		end := c.emit(opJump, -1, 0, 0, 0)
		c.f.code[h].d = c.here()
		c.body(e.After, c.tmp(), false)
		c.emit(opReraise, cr, 0, 0, 0)
		c.f.code[end].a = c.here()
		return
	}
	cr := c.tmp()
	c.tmp()
	c.tmp()
	h := c.emit(opTry, cr, 0, 0, -1)
	before := copyBound(c.bound)
	c.body(e.Body, dst, false)
	c.emit(opTryEnd, 0, 0, 0, 0)
	var ends []int
	if len(e.Of) > 0 {
		v := c.tmp()
		c.emit(opMove, v, dst, 0, 0)
		c.clausesOf(e.Of, v, dst, &ends)
		c.emit(opRaiseErr, 0, errTryClause, v, 0)
	} else {
		ends = append(ends, c.emit(opJump, -1, 0, 0, 0))
	}
	c.f.code[h].d = c.here()
	c.bound = before
	for _, cl := range e.Catch {
		c.bound = copyBound(before)
		var fails []int
		class := cl.Class
		if class == nil {
			class = &syntax.Atom{Loc: cl.Loc, Name: "throw"}
		}
		c.pattern(class, cr, &fails)
		if len(cl.Patterns) > 0 {
			c.pattern(cl.Patterns[0], cr+1, &fails)
		}
		if cl.Stack != nil {
			c.pattern(cl.Stack, cr+2, &fails)
		}
		c.guard(cl.Guard, &fails)
		c.body(cl.Body, dst, false)
		ends = append(ends, c.emit(opJump, -1, 0, 0, 0))
		c.patch(fails)
	}
	c.emit(opReraise, cr, 0, 0, 0)
	for _, i := range ends {
		c.f.code[i].a = c.here()
	}
	c.bound = before
}

// clausesOf compiles the of-clauses of a try, adding jumps to the end.
func (c *compiler) clausesOf(cls []*syntax.Clause, v, dst int32, ends *[]int) {
	before := c.bound
	for _, cl := range cls {
		c.bound = copyBound(before)
		var fails []int
		c.pattern(cl.Patterns[0], v, &fails)
		c.guard(cl.Guard, &fails)
		c.body(cl.Body, dst, false)
		*ends = append(*ends, c.emit(opJump, -1, 0, 0, 0))
		c.patch(fails)
	}
	c.bound = before
}

func (c *compiler) catch(e *syntax.Catch, dst int32) {
	cr := c.tmp()
	c.tmp()
	c.tmp()
	h := c.emit(opTry, cr, 0, 0, -1)
	c.expr(e.X, dst, false)
	c.emit(opTryEnd, 0, 0, 0, 0)
	end := c.emit(opJump, -1, 0, 0, 0)
	c.f.code[h].d = c.here()
	c.emit(opCatchValue, dst, cr, 0, 0)
	c.f.code[end].a = c.here()
}

func (c *compiler) recordDef(n syntax.Node, name *syntax.Atom) *syntax.RecordDef {
	def := c.records[name.Name]
	if def == nil {
		c.fail(n, "record %s undefined", name.Name)
	}
	return def
}

// recordTest jumps to a badrecord error unless r holds a record name.
func (c *compiler) recordTest(def *syntax.RecordDef, r int32) {
	var fails []int
	*(&fails) = append(fails, c.emit(opIsTuple, 0, r, int32(len(def.Fields)+1), -1))
	t, k := c.tmp(), c.tmp()
	c.emit(opGetElem, t, r, 0, 0)
	c.loadConst(k, c.atom(def.Name.Name))
	fails = append(fails, c.emit(opIsEqExact, 0, t, k, -1))
	ok := c.emit(opJump, -1, 0, 0, 0)
	c.patch(fails)
	c.emit(opRaiseErr, 0, errBadrecord, r, 0)
	c.f.code[ok].a = c.here()
}

func (c *compiler) record(e *syntax.Record, dst int32) {
	def := c.recordDef(e, e.Name)
	if def == nil {
		return
	}
	var base int32 = -1
	if e.Base != nil {
		base = c.tmp()
		c.expr(e.Base, base, false)
		c.recordTest(def, base)
	}
	given := map[string]syntax.Expr{}
	var other syntax.Expr
	for _, f := range e.Fields {
		if f.Name.Name == "_" {
			other = f.Value
			continue
		}
		if fieldIndex(def, f.Name.Name) < 0 {
			c.fail(f, "field %s undefined in record %s", f.Name.Name, def.Name.Name)
			return
		}
		given[f.Name.Name] = f.Value
	}
	regs := c.next
	for range len(def.Fields) + 1 {
		c.tmp()
	}
	c.loadConst(regs, c.atom(def.Name.Name))
	for i, fd := range def.Fields {
		r := regs + int32(i) + 1
		switch v, ok := given[fd.Name.Name]; {
		case ok:
			c.expr(v, r, false)
		case base >= 0:
			c.emit(opGetElem, r, base, int32(i+1), 0)
		case other != nil:
			c.expr(other, r, false)
		case fd.Default != nil:
			c.expr(fd.Default, r, false)
		default:
			c.loadConst(r, term.Undefined)
		}
	}
	c.emit(opMakeTuple, dst, int32(len(def.Fields)+1), regs, 0)
}

func (c *compiler) recordAccess(e *syntax.RecordAccess, dst int32) {
	def := c.recordDef(e, e.Name)
	if def == nil {
		return
	}
	r := c.tmp()
	c.expr(e.X, r, false)
	c.recordTest(def, r)
	i := fieldIndex(def, e.Field.Name)
	if i < 0 {
		c.fail(e, "field %s undefined in record %s", e.Field.Name, def.Name.Name)
		return
	}
	c.emit(opGetElem, dst, r, int32(i+1), 0)
}

func (c *compiler) recordInfo(e *syntax.Call, dst int32) {
	what, ok1 := e.Args[0].(*syntax.Atom)
	name, ok2 := e.Args[1].(*syntax.Atom)
	if !ok1 || !ok2 {
		c.fail(e, "illegal record info")
		return
	}
	def := c.recordDef(e, name)
	if def == nil {
		return
	}
	switch what.Name {
	case "size":
		c.loadConst(dst, term.MakeInt(int64(len(def.Fields)+1)))
	case "fields":
		var names []term.Term
		for _, f := range def.Fields {
			names = append(names, c.atom(f.Name.Name))
		}
		c.loadConst(dst, term.MakeList(names...))
	default:
		c.fail(e, "illegal record info")
	}
}

// comprehension compiles a list comprehension into nested loops that cons
// onto an accumulator, reversed at the end.
func (c *compiler) comprehension(e *syntax.Comprehension, dst int32) {
	if e.Kind != syntax.LBRACKET && e.Kind != syntax.DOUBLELT {
		c.fail(e, "map comprehensions are not supported yet")
		return
	}
	savedVars, savedBound := c.vars, c.bound
	c.vars = make(map[string]int32, len(savedVars))
	for k, v := range savedVars {
		c.vars[k] = v
	}
	c.bound = copyBound(savedBound)
	acc := c.tmp()
	c.loadConst(acc, term.Nil)
	var loops []int32 // the continue target of each generator
	var exits []int   // per generator: the test that leaves its loop
	cont := func() int32 {
		if len(loops) == 0 {
			return -1
		}
		return loops[len(loops)-1]
	}
	var noLoop []int // filters before any generator skip the element
	for _, q := range e.Quals {
		g, ok := q.(*syntax.Generator)
		if !ok && isGuardTest(q) {
			// A filter that is a guard expression is a guard: an
			// exception in it means false, as erlc compiles it.
			var fails []int
			c.guard([][]syntax.Expr{{q}}, &fails)
			for _, i := range fails {
				if len(loops) == 0 {
					noLoop = append(noLoop, i)
				} else {
					c.f.code[i].d = cont()
				}
			}
			continue
		}
		if !ok {
			t := c.tmp()
			c.expr(q, t, false)
			i := c.emit(opIsTrue, 0, t, 0, cont())
			if len(loops) == 0 {
				noLoop = append(noLoop, i)
			}
			continue
		}
		if g.Kind != syntax.LARROW && g.Kind != syntax.LDARROW {
			c.fail(g, "map generators are not supported yet")
			return
		}
		l := c.tmp()
		c.expr(g.X, l, false)
		loop := c.here()
		var exit int
		h := c.tmp()
		if g.Kind == syntax.LDARROW {
			// Binary generator: match the pattern's segments at the front,
			// then continue with the rest; stop when they no longer match.
			bp, ok := g.Pattern.(*syntax.Binary)
			if !ok {
				c.fail(g, "a binary generator needs a binary pattern")
				return
			}
			c.markFresh(bp)
			var bfails []int
			withRest := &syntax.Binary{Loc: bp.Loc, Elems: append(append([]*syntax.BinElem(nil), bp.Elems...),
				&syntax.BinElem{Loc: bp.Loc, Value: &syntax.Var{Loc: bp.Loc, Name: "_"}, Types: []*syntax.BinType{{Loc: bp.Loc, Name: "bits"}}})}
			c.binaryPatternRest(withRest, l, &bfails, l)
			exitJump := c.emit(opJump, -1, 0, 0, 0)
			c.patch(bfails)
			exit = c.emit(opJump, -1, 0, 0, 0)
			c.f.code[exitJump].a = c.here()
			loops = append(loops, loop)
			exits = append(exits, -exit-1)
			continue
		}
		exit = c.emit(opIsCons, 0, l, 0, -1)
		c.emit(opGetHd, h, l, 0, 0)
		c.emit(opGetTl, l, l, 0, 0)
		c.markFresh(g.Pattern)
		var fails []int
		c.pattern(g.Pattern, h, &fails)
		for _, i := range fails {
			c.f.code[i].d = loop
		}
		loops = append(loops, loop)
		exits = append(exits, exit)
	}
	v := c.tmp()
	c.expr(e.Head, v, false)
	c.emit(opMakeCons, acc, v, acc, 0)
	c.patch(noLoop)
	for i := len(loops) - 1; i >= 0; i-- {
		c.emit(opJump, loops[i], 0, 0, 0)
		if exits[i] < 0 {
			c.f.code[-exits[i]-1].a = c.here()
		} else {
			c.f.code[exits[i]].d = c.here()
		}
	}
	c.bifCall(e, "erlang", "$reverse_fresh", []int32{acc}, dst)
	if e.Kind == syntax.DOUBLELT {
		c.bifCall(e, "erlang", "$bits_concat", []int32{dst}, dst)
	}
	c.vars, c.bound = savedVars, savedBound
}

func (c *compiler) mapExpr(e *syntax.Map, dst int32) {
	var m, base int32
	if e.Base != nil {
		base = c.operand(e.Base)
	} else {
		m = c.tmp()
		c.loadConst(m, term.EmptyMap)
		c.bifCall(e, "erlang", "$map_check", []int32{m}, m)
	}
	// As in BEAM, every key and value is evaluated (left to right) before the
	// base is checked and updated, and a run of literal keys is applied in
	// key order, so a missing := key is the one BEAM reports.
	fs := make([]mapFieldRegs, len(e.Fields))
	for i, f := range e.Fields {
		fs[i] = mapFieldRegs{f: f, k: c.operand(f.Key), v: c.operand(f.Value)}
	}
	check := -1
	if e.Base != nil {
		// $map_check returns the map it checked, so it moves the base
		// into the register the puts update: dst itself when nothing
		// read after it is there.
		m = dst
		for _, f := range fs {
			if f.k == dst || f.v == dst {
				m = c.tmp()
				break
			}
		}
		check = int(c.here())
		c.bifCall(e, "erlang", "$map_check", []int32{base}, m)
		c.sortLiteralKeyRuns(fs)
	}
	for _, f := range fs {
		name := "$map_put"
		if f.f.Exact {
			name = "$map_update"
		}
		c.bifCall(f.f, "erlang", name, []int32{f.k, f.v, m}, m)
	}
	// The check and a first put on its line become one opMapPut: a
	// loop that builds a map one put at a time dispatched two BIFs and
	// three moves for each (MapWork2k, docs/rationale.md).
	if check >= 0 && len(fs) > 0 && !fs[0].f.Exact && c.err == nil && c.f.lines[check] == c.f.lines[check+1] {
		c.f.code[check].op = opMapPut
	}
	if m != dst {
		c.emit(opMove, dst, m, 0, 0)
	}
}

// mapFieldRegs is a map update's field with the registers of its key and
// value.
type mapFieldRegs struct {
	f    *syntax.MapField
	k, v int32
}

// sortLiteralKeyRuns sorts each run of consecutive fields with literal keys
// into map-key order (stably, so a repeated key's last value still wins),
// leaving fields with computed keys where they are: erlc's order of
// applying a map update's pairs.
func (c *compiler) sortLiteralKeyRuns(fs []mapFieldRegs) {
	for i := 0; i < len(fs); {
		j := i
		for j < len(fs) {
			if _, ok := c.literal(fs[j].f.Key); !ok {
				break
			}
			j++
		}
		if j == i {
			i++
			continue
		}
		slices.SortStableFunc(fs[i:j], func(a, b mapFieldRegs) int {
			ka, _ := c.literal(a.f.Key)
			kb, _ := c.literal(b.f.Key)
			return term.CompareExact(ka, kb)
		})
		i = j
	}
}

// markFresh gives the variables a generator pattern binds fresh registers:
// they shadow outer variables of the same name. Map keys in the pattern
// are expressions over variables already bound, so they are left alone.
func (c *compiler) markFresh(p syntax.Expr) {
	syntax.Inspect(p, func(n syntax.Node) bool {
		if mf, ok := n.(*syntax.MapField); ok {
			c.markFresh(mf.Value)
			return false
		}
		if be, ok := n.(*syntax.BinElem); ok {
			c.markFresh(be.Value)
			return false
		}
		if v, ok := n.(*syntax.Var); ok && v.Name != "_" {
			c.vars[v.Name] = c.newReg(v.Name)
			c.bound[v.Name] = false
		}
		return true
	})
}

// receive compiles a selective receive as BEAM does: scan the mailbox
// from the saved position, try each clause on the message, take the first
// that matches out of the mailbox; when none is left, wait for a new
// message or the timeout.
func (c *compiler) receive(e *syntax.Receive, dst int32, tail bool) {
	tmo := int32(-1)
	if e.Timeout != nil {
		tmo = c.tmp()
		c.expr(e.Timeout, tmo, false)
	}
	msg := c.tmp()
	// No register from msg up holds anything while the receive waits:
	// msg holds a message that is still in the mailbox (or nothing,
	// when none came), the clauses' variables are bound only by a match,
	// and what the enclosing expressions keep is below it. shed clears
	// them (stack.go).
	dead := msg
	loop := c.here()
	peek := c.emit(opRecvPeek, msg, 0, 0, -1)
	before := c.bound
	var after map[string]bool
	intersect := func() {
		if after == nil {
			after = c.bound
			return
		}
		for k := range after {
			if !c.bound[k] {
				delete(after, k)
			}
		}
	}
	var ends []int
	for _, cl := range e.Clauses {
		c.bound = copyBound(before)
		var fails []int
		c.pattern(cl.Patterns[0], msg, &fails)
		c.guard(cl.Guard, &fails)
		c.emit(opRecvRemove, 0, 0, 0, 0)
		c.body(cl.Body, dst, tail)
		if !tail {
			ends = append(ends, c.emit(opJump, -1, 0, 0, 0))
		}
		c.patch(fails)
		intersect()
	}
	c.emit(opRecvNext, loop, 0, 0, 0)
	c.f.code[peek].d = c.here()
	wait := c.emit(opRecvWait, tmo, loop, dead+1, -1)
	if e.Timeout != nil {
		c.f.code[wait].d = c.here()
		c.bound = copyBound(before)
		c.body(e.AfterBody, dst, tail)
		if !tail {
			ends = append(ends, c.emit(opJump, -1, 0, 0, 0))
		}
		intersect()
	}
	for _, i := range ends {
		c.f.code[i].a = c.here()
	}
	if after == nil {
		after = before
	}
	c.bound = after
}

// isGuardTest reports whether e is a valid guard expression (erlc then
// compiles a comprehension filter as a guard).
func isGuardTest(e syntax.Expr) bool {
	ok := true
	syntax.Inspect(e, func(n syntax.Node) bool {
		if !ok {
			return false
		}
		switch n := n.(type) {
		case *syntax.Call:
			name := ""
			switch f := n.Fun.(type) {
			case *syntax.Atom:
				name = f.Name
			case *syntax.Remote:
				m, ok1 := f.Module.(*syntax.Atom)
				a, ok2 := f.Name.(*syntax.Atom)
				if ok1 && ok2 && m.Name == "erlang" {
					name = a.Name
				}
			}
			if name == "" || !sema.IsGuardBIF(name, len(n.Args)) {
				ok = false
			}
			for _, a := range n.Args {
				if !isGuardTest(a) {
					ok = false
				}
			}
			return false
		case *syntax.BinaryOp:
			if n.Op == syntax.BANG {
				ok = false
			}
		case *syntax.Case, *syntax.If, *syntax.Receive, *syntax.Try, *syntax.Catch,
			*syntax.Fun, *syntax.Comprehension, *syntax.Block, *syntax.Match:
			ok = false
		}
		return ok
	})
	return ok
}
