package vm

import (
	"fmt"
	"path/filepath"
	"slices"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// compiler turns one module's AST into bytecode. Each Erlang variable of a
// function gets one register; temporaries come after the variables.
type compiler struct {
	m     *Module
	atoms *term.Atoms
	vm    *VM
	f     *Func
	vars  map[string]int32
	bound map[string]bool
	next  int32
	// peak is one past the highest register ever allocated in the
	// function; below it, registers from next up are free temporaries
	// (popTemps), reused by temporaries only.
	peak    int32
	gfail   *[]int // in a guard: instructions to patch with the guard's fail label
	line    int32
	records map[string]*syntax.RecordDef
	nfun    int
	// funNum numbers the funs of the top-level function being compiled
	// as erlc names them (numberFuns); nfun counts the module's funs, whose
	// index in the module is what tells funs apart.
	funNum map[*syntax.Fun]int
	err    error
	// noReturn holds the functions that never return (noReturnFuncs);
	// tryDepth counts the try/catch scopes open in the function being
	// compiled, where a call cannot become a tail call.
	noReturn map[*Func]bool
	tryDepth int
}

// compileError is a compile failure at a source position.
type compileError struct {
	file string
	pos  syntax.Pos
	msg  string
	// atomLimit is set when an atom did not fit in the atom table: the
	// error is then system_limit's (limits.go).
	atomLimit int
}

func (e *compileError) Error() string {
	return fmt.Sprintf("%s:%d:%d: %s", e.file, e.pos.Line, e.pos.Col, e.msg)
}

func (e *compileError) Unwrap() error {
	if e.atomLimit > 0 {
		return term.ErrSystemLimit
	}
	return nil
}

func (c *compiler) fail(n syntax.Node, format string, args ...any) {
	if c.err == nil {
		c.err = &compileError{file: c.m.file, pos: n.Span().Pos, msg: fmt.Sprintf(format, args...)}
	}
}

func (c *compiler) atom(name string) term.Term {
	t, err := c.atoms.Intern(name)
	if err != nil && c.err == nil {
		// Past atomRoom's check: an atom the compiler made itself.
		c.err = c.atomError(syntax.Pos{}, name, err)
	}
	return t
}

func compileModule(v *VM, path string, file *syntax.File) (*Module, error) {
	m := &Module{file: filepath.Base(path), funcs: map[string]*Func{}, exports: map[string]bool{}}
	c := &compiler{m: m, atoms: v.atoms, vm: v, records: map[string]*syntax.RecordDef{}}
	m.records = c.records
	var fns []*syntax.Function
	for _, f := range file.Forms {
		switch f := f.(type) {
		case *syntax.ModuleAttr:
			if f.Name != nil {
				m.name = f.Name.Name
			}
		case *syntax.RecordDef:
			if f.Name != nil {
				c.records[f.Name.Name] = f
			}
		case *syntax.ExportAttr:
			for _, na := range f.Funcs {
				if !f.Type && na.Name != nil && na.Arity != nil {
					m.exports[fmt.Sprintf("%s/%d", na.Name.Name, na.Arity.Value)] = true
				}
			}
		case *syntax.Attribute:
			if f.Name != nil && f.Name.Name == "compile" && f.Value != nil {
				syntax.Inspect(f.Value, func(n syntax.Node) bool {
					if a, ok := n.(*syntax.Atom); ok && a.Name == "export_all" {
						m.exportAll = true
					}
					return true
				})
			}
		case *syntax.Function:
			fn := &Func{mod: m, name: f.Name, arity: f.Arity, line: f.Pos.Line, index: -1}
			m.funcs[fmt.Sprintf("%s/%d", f.Name, f.Arity)] = fn
			m.local = append(m.local, fn)
			fns = append(fns, f)
		}
	}
	if m.name == "" {
		return nil, fmt.Errorf("%s: no -module attribute", path)
	}
	if err := c.atomRoom(file); err != nil {
		return nil, err
	}
	c.noReturn = noReturnFuncs(m, fns)
	for i, f := range fns {
		c.numberFuns(f)
		c.function(m.local[i], f.Clauses, nil)
		if c.err != nil {
			return nil, c.err
		}
	}
	return m, nil
}

// function compiles clauses into fn. free lists the variables a closure
// captures: they arrive in the registers after the arguments.
func (c *compiler) function(fn *Func, clauses []*syntax.Clause, free []string) {
	saved := *c
	c.f, c.vars, c.bound, c.gfail = fn, map[string]int32{}, map[string]bool{}, nil
	c.tryDepth = 0
	c.next, c.peak = int32(fn.arity), int32(fn.arity)
	fn.varNames = make([]string, fn.arity)
	for _, name := range free {
		r := c.newReg(name)
		c.vars[name] = r
	}
	fn.nfree = len(free)
	// The body's value goes to register 0, unless arguments are aliased:
	// then their registers are never written, and it goes to the first
	// argument's that is not (map_1(F, [H | T]): the list's, which
	// nothing reads once the head has matched), else to its own (one
	// register less in every frame of a body recursion).
	res := int32(0)
	if c.aliasArgs(fn, clauses, free) {
		res = int32(slices.Index(fn.varNames[:fn.arity], ""))
		if res < 0 {
			res = c.tmp()
		}
	}
	base := c.bound
	for _, cl := range clauses {
		c.line = cl.Pos.Line
		c.bound = copyBound(base)
		for _, name := range free {
			c.bound[name] = true
		}
		var fails []int
		start := c.here()
		for i, p := range cl.Patterns {
			c.pattern(p, int32(i), &fails)
		}
		c.guard(cl.Guard, &fails)
		selfMove := c.here() == start && res != 0
		if selfMove {
			// Aliased arguments left the head no instruction; the
			// debugger steps into a function at its clause's head line
			// (and function breakpoints stop there), so keep one: a move
			// of the result register to itself (not an argument's, which
			// the debugger would take for naming the argument).
			c.emit(opMove, res, res, 0, 0)
		}
		c.body(cl.Body, res, true)
		if selfMove && len(c.f.code) > int(start)+1 && c.f.lines[start+1] == c.f.lines[start] {
			// The body starts on the head line (fun(X, Acc) -> X + Acc
			// end): its first instruction stops there just as well, and
			// the move would cost an instruction per call.
			deleteInstr(c.f, int(start))
		}
		c.patch(fails)
	}
	c.line = fn.line
	c.emit(opRaiseErr, 0, errFunctionClause, 0, 0)
	fn.nregs = max(int(c.peak), 1) // register 0 holds the result even with no arguments
	foldReturns(fn.code)
	fuseGetList(fn)
	fuseFunLoop(fn)
	fuseRets(fn)
	markLeaf(fn)
	errSaved := c.err
	nfun := c.nfun
	*c = saved
	c.err, c.nfun = errSaved, nfun
}

// foldReturns turns "move X <- Y; ret X" into "ret Y" where nothing jumps
// to the ret (which stays, unreached). The body of a function computes its
// value into register 0 and returns it, so most functions end this way.
func foldReturns(code []instr) {
	target := jumpTargets(code)
	for i := 0; i+1 < len(code); i++ {
		if in, next := code[i], code[i+1]; in.op == opMove && next.op == opRet && next.a == in.a && !target[i+1] {
			code[i] = instr{op: opRet, a: in.b}
		}
	}
}

// aliasArgs makes a variable that every clause has as the whole pattern
// of the same argument (foldl(F, Acc, ...) in each clause) live in that
// argument's register, instead of a move into a register of its own on
// each call. Clauses may instead have a variable named with a leading
// underscore there (map_1(_F, []) after map_1(F, [H | T])), bound as
// usual. It reports whether it aliased any. Argument registers then stay
// as they arrived for the whole call, which the debugger's must-be-bound
// analysis already assumes (they are bound at entry; so the debugger
// also lists the alias in the underscore clauses).
func (c *compiler) aliasArgs(fn *Func, clauses []*syntax.Clause, free []string) bool {
	any := false
	for i := 0; i < fn.arity; i++ {
		name := ""
		for _, cl := range clauses {
			v, ok := cl.Patterns[i].(*syntax.Var)
			if !ok || v.Name == "_" {
				name = ""
				break
			}
			if v.Name[0] == '_' {
				continue
			}
			if name != "" && v.Name != name {
				name = ""
				break
			}
			name = v.Name
		}
		if name == "" || slices.Contains(free, name) || mentionedElsewhere(clauses, i, name) {
			continue
		}
		if _, taken := c.vars[name]; taken {
			continue
		}
		c.vars[name] = int32(i)
		fn.varNames[i] = name
		any = true
	}
	return any
}

// mentionedElsewhere reports whether a clause head mentions name outside
// argument i (an earlier pattern would bind it first, into the alias's
// register, before argument i is matched).
func mentionedElsewhere(clauses []*syntax.Clause, i int, name string) bool {
	found := false
	for _, cl := range clauses {
		for j, p := range cl.Patterns {
			if j == i {
				continue
			}
			syntax.Inspect(p, func(n syntax.Node) bool {
				if v, ok := n.(*syntax.Var); ok && v.Name == name {
					found = true
				}
				return !found
			})
		}
	}
	return found
}

// fuseGetList turns "is_cons R; get_hd H <- R; get_tl T <- R", a list
// pattern's usual start, into one opGetList that does all three and skips
// the other two, which stay for the debugger's flow analysis. Only where
// the three are on one line and nothing jumps to the second or third, so
// no breakpoint or step can land on a skipped instruction.
func fuseGetList(fn *Func) {
	code := fn.code
	target := jumpTargets(code)
	for i := 0; i+2 < len(code); i++ {
		t, h, tl := code[i], code[i+1], code[i+2]
		if t.op != opIsCons || h.op != opGetHd || tl.op != opGetTl || h.b != t.b || tl.b != t.b ||
			h.a == t.b || target[i+1] || target[i+2] || fn.lines[i+1] != fn.lines[i] || fn.lines[i+2] != fn.lines[i] {
			continue
		}
		code[i] = instr{op: opGetList, a: h.a, b: t.b, c: tl.a, d: t.d}
	}
}

// fuseRets turns "make_cons R <- [H|T]; ret R" into one opConsRet and
// "add R <- X + Y; ret R" (or X + an immediate) outside guards into one
// opAddRet, where the two are on one line and nothing jumps to the ret,
// which stays ([F(H) | map_1(F, T)] and fun(X, Acc) -> X + Acc end end
// so).
func fuseRets(fn *Func) {
	target := jumpTargets(fn.code)
	for i := 0; i+1 < len(fn.code); i++ {
		in, next := fn.code[i], fn.code[i+1]
		if next.op != opRet || next.a != in.a || target[i+1] || fn.lines[i] != fn.lines[i+1] {
			continue
		}
		switch {
		case in.op == opMakeCons:
			fn.code[i].op = opConsRet
		case (in.op == opAdd || in.op == opAddI) && in.d < 0:
			fn.code[i] = instr{op: opAddRet, a: in.a, b: in.b, c: in.c, d: int32(in.op)}
		}
	}
}

// deleteInstr removes fn's instruction i, which nothing branches to,
// renumbering the branches past it.
func deleteInstr(fn *Func, i int) {
	fn.code = slices.Delete(fn.code, i, i+1)
	fn.lines = slices.Delete(fn.lines, i, i+1)
	for k := range fn.code {
		for _, t := range branchOperands(&fn.code[k]) {
			if int(*t) > i {
				*t--
			}
		}
	}
}

// branchOperands returns the operands of in that are branch targets (as
// instrFlow reads them).
func branchOperands(in *instr) []*int32 {
	switch in.op {
	case opJump, opRecvNext:
		return []*int32{&in.a}
	case opRecvWait:
		return []*int32{&in.b, &in.d}
	}
	if _, branches, _, _ := instrFlow(*in); len(branches) > 0 && in.d >= 0 {
		return []*int32{&in.d}
	}
	return nil
}

// jumpTargets marks the instructions something branches to.
func jumpTargets(code []instr) []bool {
	target := make([]bool, len(code)+1)
	for _, in := range code {
		_, branches, _, _ := instrFlow(in)
		for _, b := range branches {
			if b >= 0 && b < len(target) {
				target[b] = true
			}
		}
	}
	return target
}

func copyBound(b map[string]bool) map[string]bool {
	n := make(map[string]bool, len(b))
	for k, v := range b {
		n[k] = v
	}
	return n
}

func (c *compiler) newReg(name string) int32 {
	if name != "" {
		// A variable never shares a register with an earlier temporary:
		// the debugger's must-be-bound analysis would take the
		// temporary's write for the variable's binding.
		c.next = c.peak
	}
	r := c.next
	c.next++
	if r == c.peak {
		c.peak++
		c.f.varNames = append(c.f.varNames, name)
	}
	return r
}

// frameBase returns the register where the frame of a body call into dst
// may start, its arguments (the registers list) compiled from mark up: at
// the first free register, or lower, over the arguments' temporaries and
// the fresh temporary dst, which are dead while the callee runs (a
// callee frame at the caller's register count kept them all, and deep
// body recursion, lists:map's, is as many frames as elements, every one
// of them scanned by each GC cycle). Never over a variable's register:
// the debugger reads variables from a caller's frame; and only where the
// callee's arguments, moved into place in order, overwrite none still to
// be read.
func (c *compiler) frameBase(dst, mark int32, list []int32) int32 {
	base := c.next
	if !slices.ContainsFunc(c.f.varNames[mark:c.next], func(n string) bool { return n != "" }) && inOrderSafe(list, mark) {
		base = mark
		if dst == mark-1 && int(dst) >= c.f.arity+c.f.nfree && c.f.varNames[dst] == "" && inOrderSafe(list, dst) {
			base = dst
		}
	}
	return base
}

// inOrderSafe reports whether moving the registers list to base, base+1,
// ... in order reads each before a move has overwritten it.
func inOrderSafe(list []int32, base int32) bool {
	for i, r := range list {
		if r >= base && r < base+int32(i) {
			return false
		}
	}
	return true
}

// popTemps frees the registers from base up after a call has consumed
// its arguments there, when they are all temporaries (no variable was
// bound inside the arguments): the next call's arguments reuse them, so a
// body-recursive function's frames are smaller.
func (c *compiler) popTemps(base int32) {
	for _, name := range c.f.varNames[base:c.next] {
		if name != "" {
			return
		}
	}
	c.next = base
}

func (c *compiler) tmp() int32 { return c.newReg("") }

func (c *compiler) varReg(name string) int32 {
	if r, ok := c.vars[name]; ok {
		return r
	}
	r := c.newReg(name)
	c.vars[name] = r
	return r
}

func (c *compiler) emit(o op, a, b, cc, d int32) int {
	switch o {
	case opTry:
		c.tryDepth++
	case opTryEnd:
		c.tryDepth--
	}
	c.f.code = append(c.f.code, instr{o, a, b, cc, d})
	c.f.lines = append(c.f.lines, c.line)
	return len(c.f.code) - 1
}

func (c *compiler) here() int32 { return int32(len(c.f.code)) }

func (c *compiler) patch(fails []int) {
	for _, i := range fails {
		c.f.code[i].d = c.here()
	}
}

func (c *compiler) konst(t term.Term) int32 {
	c.f.consts = append(c.f.consts, t)
	return int32(len(c.f.consts) - 1)
}

func (c *compiler) loadConst(dst int32, t term.Term) { c.emit(opConst, dst, c.konst(t), 0, 0) }

// literal returns the constant value of e when it has one.
func (c *compiler) literal(e syntax.Expr) (term.Term, bool) {
	switch e := e.(type) {
	case *syntax.Atom:
		return c.atom(e.Name), true
	case *syntax.Integer:
		if e.Big != nil {
			return term.MakeBig(e.Big), true
		}
		return term.MakeInt(e.Value), true
	case *syntax.Char:
		return term.MakeInt(int64(e.Value)), true
	case *syntax.Float:
		return term.MakeFloat(e.Value), true
	case *syntax.String:
		return term.MakeString(e.Value), true
	case *syntax.UnaryOp:
		if e.Op == syntax.MINUS {
			if v, ok := c.literal(e.X); ok && v.IsNumber() {
				if v.Kind() == term.KindFloat {
					return term.MakeFloat(-v.Float()), true
				}
				return term.MakeBig(new(bigInt).Neg(v.Big())), true
			}
		}
	case *syntax.List:
		if len(e.Elems) == 0 && e.Tail == nil {
			return term.Nil, true
		}
	}
	return term.Nil, false
}

// pattern matches the value in register r against p, adding the
// instructions that jump away on mismatch to fails.
func (c *compiler) pattern(p syntax.Expr, r int32, fails *[]int) {
	switch p := p.(type) {
	case *syntax.Var:
		if p.Name == "_" {
			return
		}
		if c.bound[p.Name] {
			*fails = append(*fails, c.emit(opIsEqExact, 0, c.vars[p.Name], r, -1))
			return
		}
		c.bound[p.Name] = true
		if v := c.varReg(p.Name); v != r {
			c.emit(opMove, v, r, 0, 0)
		}
	case *syntax.Tuple:
		*fails = append(*fails, c.emit(opIsTuple, 0, r, int32(len(p.Elems)), -1))
		for i, e := range p.Elems {
			c.subPattern(opGetElem, r, int32(i), e, fails)
		}
	case *syntax.String:
		cur := r
		for _, ch := range p.Value {
			*fails = append(*fails, c.emit(opIsCons, 0, cur, 0, -1))
			h, t := c.tmp(), c.tmp()
			c.emit(opGetHd, h, cur, 0, 0)
			c.emit(opGetTl, t, cur, 0, 0)
			k := c.tmp()
			c.loadConst(k, term.MakeInt(int64(ch)))
			*fails = append(*fails, c.emit(opIsEqExact, 0, h, k, -1))
			cur = t
		}
		*fails = append(*fails, c.emit(opIsNil, 0, cur, 0, -1))
	case *syntax.List:
		cur := r
		for i, e := range p.Elems {
			*fails = append(*fails, c.emit(opIsCons, 0, cur, 0, -1))
			c.subPattern(opGetHd, cur, 0, e, fails)
			if i == len(p.Elems)-1 && p.Tail != nil {
				c.subPattern(opGetTl, cur, 0, p.Tail, fails)
				return
			}
			t := c.tmp()
			c.emit(opGetTl, t, cur, 0, 0)
			cur = t
		}
		if p.Tail != nil {
			c.pattern(p.Tail, cur, fails)
		} else {
			*fails = append(*fails, c.emit(opIsNil, 0, cur, 0, -1))
		}
	case *syntax.Match:
		c.pattern(p.Left, r, fails)
		c.pattern(p.Right, r, fails)
	case *syntax.BinaryOp:
		if p.Op == syntax.PLUSPLUS {
			if s, ok := p.X.(*syntax.String); ok {
				c.pattern(&syntax.List{Loc: p.Loc, Elems: stringElems(s), Tail: p.Y}, r, fails)
				return
			}
		}
		c.fail(p, "unsupported pattern")
	case *syntax.Binary:
		c.binaryPattern(p, r, fails)
	case *syntax.Map:
		*fails = append(*fails, c.emit(opIsMap, 0, r, 0, -1))
		for _, f := range p.Fields {
			k, v := c.tmp(), c.tmp()
			c.expr(f.Key, k, false)
			*fails = append(*fails, c.emit(opMapGet, v, r, k, -1))
			c.pattern(f.Value, v, fails)
		}
	case *syntax.Record:
		def := c.records[p.Name.Name]
		if def == nil {
			c.fail(p, "record %s undefined", p.Name.Name)
			return
		}
		*fails = append(*fails, c.emit(opIsTuple, 0, r, int32(len(def.Fields)+1), -1))
		t := c.tmp()
		c.emit(opGetElem, t, r, 0, 0)
		k := c.tmp()
		c.loadConst(k, c.atom(p.Name.Name))
		*fails = append(*fails, c.emit(opIsEqExact, 0, t, k, -1))
		for _, f := range p.Fields {
			i := fieldIndex(def, f.Name.Name)
			if i < 0 {
				c.fail(f, "field %s undefined in record %s", f.Name.Name, p.Name.Name)
				return
			}
			e := c.tmp()
			c.emit(opGetElem, e, r, int32(i+1), 0)
			c.pattern(f.Value, e, fails)
		}
	default:
		v, ok := c.literal(p)
		if !ok {
			c.fail(p, "unsupported pattern")
			return
		}
		*fails = append(*fails, c.emit(opIsEqConst, 0, r, c.konst(v), -1))
	}
}

// subPattern matches part of r, taken out by o (opGetHd, opGetTl or
// opGetElem of element i), against e: straight into its register when e
// is a variable seen for the first time, not at all when e is _.
func (c *compiler) subPattern(o op, r, i int32, e syntax.Expr, fails *[]int) {
	if v, ok := e.(*syntax.Var); ok {
		if v.Name == "_" {
			return
		}
		if !c.bound[v.Name] {
			c.bound[v.Name] = true
			c.emit(o, c.varReg(v.Name), r, i, 0)
			return
		}
	}
	t := c.tmp()
	c.emit(o, t, r, i, 0)
	c.pattern(e, t, fails)
}

func stringElems(s *syntax.String) []syntax.Expr {
	var out []syntax.Expr
	for _, ch := range s.Value {
		out = append(out, &syntax.Char{Loc: s.Loc, Value: ch})
	}
	return out
}

func fieldIndex(def *syntax.RecordDef, name string) int {
	for i, f := range def.Fields {
		if f.Name != nil && f.Name.Name == name {
			return i
		}
	}
	return -1
}

// guard compiles a guard sequence: any alternative passing goes on; all
// failing jumps to fails.
func (c *compiler) guard(g [][]syntax.Expr, fails *[]int) {
	if len(g) == 0 {
		return
	}
	var pass []int
	for i, alt := range g {
		var altFails []int
		saved := c.gfail
		c.gfail = &altFails
		for _, test := range alt {
			if c.compareTest(test, &altFails) || c.typeTest(test, &altFails) {
				continue
			}
			t := c.tmp()
			c.expr(test, t, false)
			altFails = append(altFails, c.emit(opIsTrue, 0, t, 0, -1))
		}
		c.gfail = saved
		if i == len(g)-1 {
			*fails = append(*fails, altFails...)
		} else {
			pass = append(pass, c.emit(opJump, -1, 0, 0, 0))
			c.patch(altFails)
		}
	}
	for _, i := range pass {
		c.f.code[i].a = c.here()
	}
}

// body compiles a sequence into dst, or returns its value when tail.
func (c *compiler) body(es []syntax.Expr, dst int32, tail bool) {
	for i, e := range es {
		if _, ok := e.(*syntax.Match); ok && i < len(es)-1 {
			c.expr(e, discard, false)
		} else if i < len(es)-1 {
			c.expr(e, c.tmp(), false)
		} else {
			c.expr(e, dst, tail)
		}
	}
}

// numberFuns assigns the funs of one function the numbers erlc puts in
// their names ('-f/1-fun-N-'), in the order erlc's v3_core translates
// them (funCoreOrder). Funs the optimiser later inlines (eunit's assertion
// macros) still count.
func (c *compiler) numberFuns(f *syntax.Function) {
	c.funNum = map[*syntax.Fun]int{}
	for _, cl := range f.Clauses {
		funCoreOrder(cl, func(fn *syntax.Fun) { c.funNum[fn] = len(c.funNum) })
	}
}

// funCoreOrder visits the funs under n in v3_core's order: a body's
// expressions first to last, but the arguments of a call, the elements
// of a tuple or list and the operands of an operator last to first (v3_core's
// safe_list is a foldr), and a fun's own clauses before the fun itself.
func funCoreOrder(n syntax.Node, visit func(*syntax.Fun)) {
	rev := func(es []syntax.Expr) {
		for i := len(es) - 1; i >= 0; i-- {
			funCoreOrder(es[i], visit)
		}
	}
	switch n := n.(type) {
	case nil:
		return
	case *syntax.Fun:
		for _, cl := range n.Clauses {
			funCoreOrder(cl, visit)
		}
		visit(n)
		return
	case *syntax.Call:
		rev(n.Args)
		funCoreOrder(n.Fun, visit)
		return
	case *syntax.Tuple:
		rev(n.Elems)
		return
	case *syntax.List:
		funCoreOrder(n.Tail, visit)
		rev(n.Elems)
		return
	case *syntax.BinaryOp:
		if n.Op != syntax.ANDALSO && n.Op != syntax.ORELSE {
			funCoreOrder(n.Y, visit)
			funCoreOrder(n.X, visit)
			return
		}
	}
	root := true
	syntax.Inspect(n, func(ch syntax.Node) bool {
		if root {
			root = false
			return true
		}
		if ch != nil {
			funCoreOrder(ch, visit)
		}
		return false
	})
}
