package vm

import (
	"fmt"
	"math"
	"math/big"
	"sort"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

type bigInt = big.Int

// ret finishes an expression compiled into dst: in tail position it
// returns the value.
func (c *compiler) ret(dst int32, tail bool) {
	if tail {
		c.emit(opRet, dst, 0, 0, 0)
	}
}

// expr compiles e into register dst; when tail, it returns from the
// function instead (calls become tail calls).
func (c *compiler) expr(e syntax.Expr, dst int32, tail bool) {
	if c.err != nil {
		return
	}
	saveLine := c.line
	c.line = e.Span().Pos.Line
	defer func() { c.line = saveLine }()
	if v, ok := c.literal(e); ok {
		c.loadConst(dst, v)
		c.ret(dst, tail)
		return
	}
	switch e := e.(type) {
	case *syntax.Var:
		r, ok := c.vars[e.Name]
		if !ok || !c.bound[e.Name] {
			c.fail(e, "variable '%s' is unbound", e.Name)
			return
		}
		c.emit(opMove, dst, r, 0, 0)
	case *syntax.Tuple:
		base := c.args(e.Elems)
		c.emit(opMakeTuple, dst, int32(len(e.Elems)), base, 0)
	case *syntax.List:
		// Elements first, then the tail, as erlc evaluates them
		// ([F(H) | map(F, T)] calls F on the head before recursing).
		regs := make([]int32, len(e.Elems))
		for i, x := range e.Elems {
			regs[i] = c.operand(x)
		}
		var tail int32
		if e.Tail != nil {
			tail = c.operand(e.Tail)
		} else {
			tail = c.tmp()
			c.loadConst(tail, term.Nil)
		}
		// The cells are built last to first, the first straight into dst.
		for i := len(regs) - 1; i >= 0; i-- {
			cell := dst
			if i > 0 {
				cell = c.tmp()
			}
			c.emit(opMakeCons, cell, regs[i], tail, 0)
			tail = cell
		}
	case *syntax.Block:
		c.body(e.Body, dst, tail)
		return
	case *syntax.Match:
		if v, ok := e.Left.(*syntax.Var); ok && c.bindsInPlace(v.Name, e.Right) {
			r := c.varReg(v.Name)
			c.expr(e.Right, r, false)
			c.bound[v.Name] = true
			if dst != discard {
				c.emit(opMove, dst, r, 0, 0)
			}
			break
		}
		r := c.tmp()
		c.expr(e.Right, r, false)
		var fails []int
		c.pattern(e.Left, r, &fails)
		if len(fails) > 0 {
			skip := c.emit(opJump, -1, 0, 0, 0)
			c.patch(fails)
			c.emit(opRaiseErr, 0, errBadmatch, r, 0)
			c.f.code[skip].a = c.here()
		}
		if dst != discard {
			c.emit(opMove, dst, r, 0, 0)
		}
	case *syntax.BinaryOp:
		c.binop(e, dst, tail)
		return
	case *syntax.UnaryOp:
		name := map[syntax.Kind]string{syntax.MINUS: "-", syntax.PLUS: "+", syntax.NOT: "not", syntax.BNOT: "bnot"}[e.Op]
		c.bifCall(e, "erlang", name, c.operands([]syntax.Expr{e.X}), dst)
	case *syntax.Case:
		v := c.tmp()
		c.expr(e.X, v, false)
		c.clauses(e.Clauses, v, dst, tail, errCaseClause)
		return
	case *syntax.If:
		c.clauses(e.Clauses, -1, dst, tail, errIfClause)
		return
	case *syntax.Call:
		c.call(e, dst, tail)
		return
	case *syntax.Fun:
		c.closure(e, dst)
	case *syntax.FunRef:
		c.funRef(e, dst)
	case *syntax.Try:
		c.try(e, dst)
	case *syntax.Catch:
		c.catch(e, dst)
	case *syntax.Record:
		c.record(e, dst)
	case *syntax.RecordAccess:
		c.recordAccess(e, dst)
	case *syntax.RecordIndex:
		def := c.records[e.Name.Name]
		if def == nil {
			c.fail(e, "record %s undefined", e.Name.Name)
			return
		}
		c.loadConst(dst, term.MakeInt(int64(fieldIndex(def, e.Field.Name)+2)))
	case *syntax.Comprehension:
		c.comprehension(e, dst)
	case *syntax.Map:
		c.mapExpr(e, dst)
	case *syntax.Binary:
		c.binaryExpr(e, dst)
	case *syntax.Receive:
		c.receive(e, dst, tail)
		return
	default:
		c.fail(e, "unsupported expression %T", e)
	}
	c.ret(dst, tail)
}

// discard is the destination of a match whose value nothing reads (not
// the last expression of a body): it emits no move of the value.
const discard int32 = -1

// bindsInPlace reports whether Var = right, Var being name, can compile
// right straight into the variable's register: name is fresh, right does
// not mention it (a binding inside right would then need the match's
// check), and right is an operator other than andalso and orelse, which
// writes its destination once, with its last instruction, so that the
// debugger's must-be-bound analysis sees the variable bound exactly when
// it is. X1 = (X * A + C) band M then costs no moves: two of the 14
// instructions a pass of sandbox_bench's LCG loop ran. Not a call: the
// instruction after it would then be the next line's, and a step out of
// the callee would stop there instead of on the call's line.
func (c *compiler) bindsInPlace(name string, right syntax.Expr) bool {
	if name == "_" || c.bound[name] {
		return false
	}
	switch r := right.(type) {
	case *syntax.UnaryOp:
	case *syntax.BinaryOp:
		if r.Op == syntax.ANDALSO || r.Op == syntax.ORELSE {
			return false
		}
	default:
		return false
	}
	mentioned := false
	syntax.Inspect(right, func(n syntax.Node) bool {
		if v, ok := n.(*syntax.Var); ok && v.Name == name {
			mentioned = true
		}
		return !mentioned
	})
	return !mentioned
}

// args compiles es into consecutive fresh registers and returns the first.
func (c *compiler) args(es []syntax.Expr) int32 {
	base := c.next
	regs := make([]int32, len(es))
	for i := range es {
		regs[i] = c.tmp()
	}
	for i, x := range es {
		c.expr(x, regs[i], false)
	}
	return base
}

// consecutive copies registers into consecutive fresh ones.
func (c *compiler) consecutive(regs ...int32) int32 {
	base := c.next
	for range regs {
		c.tmp()
	}
	for i, r := range regs {
		c.emit(opMove, base+int32(i), r, 0, 0)
	}
	return base
}

func (c *compiler) failLabel() int32 {
	if c.gfail != nil {
		return -2 // patched by the guard
	}
	return -1
}

// bifCall emits a call of the Go BIF mod:name/len(args) on the registers
// args (read where they are: opBif gathers them).
func (c *compiler) bifCall(n syntax.Node, mod, name string, args []int32, dst int32) {
	b := c.vm.lookupBif(mod, name, len(args))
	if b == nil {
		c.fail(n, "no BIF %s:%s/%d", mod, name, len(args))
		return
	}
	c.m.bifs = append(c.m.bifs, b)
	c.f.argLists = append(c.f.argLists, args)
	i := c.emit(opBif, dst, int32(len(c.m.bifs)-1), int32(len(c.f.argLists)-1), c.failLabel())
	if c.gfail != nil {
		*c.gfail = append(*c.gfail, i)
	}
}

var binopNames = map[syntax.Kind]string{
	syntax.PLUS: "+", syntax.MINUS: "-", syntax.STAR: "*", syntax.SLASH: "/",
	syntax.DIV: "div", syntax.REM: "rem", syntax.BAND: "band", syntax.BOR: "bor",
	syntax.BXOR: "bxor", syntax.BSL: "bsl", syntax.BSR: "bsr", syntax.AND: "and",
	syntax.OR: "or", syntax.XOR: "xor", syntax.EQ: "==", syntax.NE: "/=",
	syntax.EXEQ: "=:=", syntax.EXNE: "=/=", syntax.LT: "<", syntax.LE: "=<",
	syntax.GT: ">", syntax.GE: ">=", syntax.PLUSPLUS: "++", syntax.MINUSMINUS: "--",
}

func (c *compiler) binop(e *syntax.BinaryOp, dst int32, tail bool) {
	switch e.Op {
	case syntax.ANDALSO, syntax.ORELSE:
		// X andalso Y: false if X is false, else Y (unchecked, as BEAM).
		c.expr(e.X, dst, false)
		k := c.tmp()
		short := term.False
		if e.Op == syntax.ORELSE {
			short = term.True
		}
		c.loadConst(k, short)
		j := c.emit(opIsEqExact, 0, dst, k, -1) // jumps on dst != short
		done := c.emit(opJump, -1, 0, 0, 0)
		c.f.code[j].d = c.here()
		c.expr(e.Y, dst, false)
		c.f.code[done].a = c.here()
		c.ret(dst, tail)
		return
	case syntax.BANG:
		c.bifCall(e, "erlang", "!", c.operands([]syntax.Expr{e.X, e.Y}), dst)
		c.ret(dst, tail)
		return
	}
	name, ok := binopNames[e.Op]
	if !ok {
		c.fail(e, "unsupported operator")
		return
	}
	switch e.Op {
	case syntax.PLUS, syntax.MINUS, syntax.STAR:
		// Operands are read where they are: no moves into consecutive
		// registers, and a small integer constant right operand is an
		// immediate (N - 1, X * 2).
		x := c.operand(e.X)
		var i int
		if imm, ok := c.immediate(e.Y); ok {
			o := map[syntax.Kind]op{syntax.PLUS: opAddI, syntax.MINUS: opSubI, syntax.STAR: opMulI}[e.Op]
			i = c.emit(o, dst, x, imm, c.failLabel())
		} else {
			o := map[syntax.Kind]op{syntax.PLUS: opAdd, syntax.MINUS: opSub, syntax.STAR: opMul}[e.Op]
			i = c.emit(o, dst, x, c.operand(e.Y), c.failLabel())
		}
		if c.gfail != nil {
			*c.gfail = append(*c.gfail, i)
		}
	default:
		c.bifCall(e, "erlang", name, c.operands([]syntax.Expr{e.X, e.Y}), dst)
	}
	c.ret(dst, tail)
}

// operand returns a register holding e's value: a bound variable's own,
// else a fresh one e is compiled into.
func (c *compiler) operand(e syntax.Expr) int32 {
	if v, ok := e.(*syntax.Var); ok && c.bound[v.Name] {
		if r, ok := c.vars[v.Name]; ok {
			return r
		}
	}
	r := c.tmp()
	c.expr(e, r, false)
	return r
}

// immediate reports e's value when it is an integer literal that fits an
// instruction operand.
func (c *compiler) immediate(e syntax.Expr) (int32, bool) {
	v, ok := c.literal(e)
	if !ok || !v.IsSmall() {
		return 0, false
	}
	// The whole int32 range but its minimum (so that negating one never
	// overflows): the opcodes' small-integer paths compute in int64, and
	// an LCG's multiplier (1103515245) is then an immediate, not a
	// constant loaded every pass.
	n := v.Small()
	if n <= math.MinInt32 || n > math.MaxInt32 {
		return 0, false
	}
	return int32(n), true
}

// typeTest compiles a guard type test (is_integer(X), is_function(F, 2)
// ...) into a test instruction; it reports false for any other
// expression.
func (c *compiler) typeTest(test syntax.Expr, fails *[]int) bool {
	call, ok := test.(*syntax.Call)
	if !ok || len(call.Args) == 0 || len(call.Args) > 2 {
		return false
	}
	var name string
	switch f := call.Fun.(type) {
	case *syntax.Atom:
		if _, local := c.m.funcs[fmt.Sprintf("%s/%d", f.Name, len(call.Args))]; local {
			return false
		}
		name = f.Name
	case *syntax.Remote:
		m, ok1 := f.Module.(*syntax.Atom)
		a, ok2 := f.Name.(*syntax.Atom)
		if !ok1 || !ok2 || m.Name != "erlang" {
			return false
		}
		name = a.Name
	default:
		return false
	}
	o, arg := opIsType, int32(-1)
	if len(call.Args) == 2 {
		n, ok := c.immediate(call.Args[1])
		if name != "is_function" || !ok || n < 0 {
			return false
		}
		o, arg = opIsFunArity, n
	} else {
		for i, t := range typeTests {
			if t == name {
				arg = int32(i)
			}
		}
		if arg < 0 {
			return false
		}
	}
	x := c.operand(call.Args[0])
	saveLine := c.line
	c.line = test.Span().Pos.Line
	*fails = append(*fails, c.emit(o, 0, x, arg, -1))
	c.line = saveLine
	return true
}

// compareTest compiles a comparison used as a guard test into a test
// instruction that jumps to the guard's fail label; it reports false for
// any other expression.
func (c *compiler) compareTest(test syntax.Expr, fails *[]int) bool {
	e, ok := test.(*syntax.BinaryOp)
	if !ok {
		return false
	}
	var o op
	swap := false
	switch e.Op {
	case syntax.LT:
		o = opIsLt
	case syntax.GE:
		o = opIsGe
	case syntax.GT: // X > Y is Y < X
		o, swap = opIsLt, true
	case syntax.LE: // X =< Y is Y >= X
		o, swap = opIsGe, true
	case syntax.EQ:
		o = opIsEq
	case syntax.NE:
		o = opIsNe
	case syntax.EXEQ:
		o = opIsEqExact
	case syntax.EXNE:
		o = opIsNeExact
	default:
		return false
	}
	if c.compareImmediate(e, fails) {
		return true
	}
	x := c.operand(e.X)
	y := c.operand(e.Y)
	if swap {
		x, y = y, x
	}
	saveLine := c.line
	c.line = e.Span().Pos.Line
	*fails = append(*fails, c.emit(o, 0, x, y, -1))
	c.line = saveLine
	return true
}

// compareImmediate compiles an order comparison of a variable or
// expression with a small integer literal (N < 2, 0 =< X) into one test
// with the integer in the instruction; it reports false otherwise.
func (c *compiler) compareImmediate(e *syntax.BinaryOp, fails *[]int) bool {
	// The test for "reg OP imm", with OP mirrored when the literal is on
	// the left (K < X is X > K).
	ops := map[syntax.Kind][2]op{
		syntax.LT: {opLtI, opGtI}, syntax.GT: {opGtI, opLtI},
		syntax.GE: {opGeI, opLeI}, syntax.LE: {opLeI, opGeI},
	}
	pair, ok := ops[e.Op]
	if !ok {
		return false
	}
	x, lit := e.X, e.Y
	o := pair[0]
	k, ok := c.immediate(lit)
	if !ok {
		if _, xlit := c.literal(x); xlit {
			x, lit, o = e.Y, e.X, pair[1]
			k, ok = c.immediate(lit)
		}
	}
	if !ok {
		return false
	}
	if _, xlit := c.literal(x); xlit {
		return false // both literals: left to the general case
	}
	r := c.operand(x)
	saveLine := c.line
	c.line = e.Span().Pos.Line
	*fails = append(*fails, c.emit(o, 0, r, k, -1))
	c.line = saveLine
	return true
}

// clauses compiles case (v >= 0) or if (v < 0) clauses.
func (c *compiler) clauses(cls []*syntax.Clause, v, dst int32, tail bool, errKind int32) {
	var ends []int
	before := c.bound
	var after map[string]bool
	for _, cl := range cls {
		c.bound = copyBound(before)
		var fails []int
		if v >= 0 && len(cl.Patterns) > 0 {
			c.pattern(cl.Patterns[0], v, &fails)
		}
		c.guard(cl.Guard, &fails)
		c.body(cl.Body, dst, tail)
		if !tail {
			ends = append(ends, c.emit(opJump, -1, 0, 0, 0))
		}
		c.patch(fails)
		if after == nil {
			after = c.bound
		} else {
			for k := range after {
				if !c.bound[k] {
					delete(after, k)
				}
			}
		}
	}
	if v < 0 {
		v = 0
	}
	c.emit(opRaiseErr, 0, errKind, v, 0)
	for _, i := range ends {
		c.f.code[i].a = c.here()
	}
	if after == nil {
		after = before
	}
	c.bound = after
}

func (c *compiler) call(e *syntax.Call, dst int32, tail bool) {
	n := len(e.Args)
	switch f := e.Fun.(type) {
	case *syntax.Atom:
		if fn, ok := c.m.funcs[fmt.Sprintf("%s/%d", f.Name, n)]; ok {
			if b := c.vm.lookupBif(c.m.name, f.Name, n); b != nil {
				c.bifCall(e, c.m.name, f.Name, c.operands(e.Args), dst)
				c.ret(dst, tail)
				return
			}
			mark := c.next
			li := c.argList(e.Args)
			inOrder := int32(1)
			for i, r := range c.f.argLists[li] {
				if r < int32(i) {
					// A tail call moving it down would first overwrite
					// an argument still to be read.
					inOrder = 0
				}
			}
			idx := c.localIndex(fn)
			if tail || (c.noReturn[fn] && c.tryDepth == 0) {
				c.emit(opTailCall, 0, idx, li, inOrder)
			} else {
				c.emit(opCall, dst, idx, li, c.frameBase(dst, mark, c.f.argLists[li]))
				c.popTemps(mark)
			}
			return
		}
		if f.Name == "record_info" && n == 2 {
			c.recordInfo(e, dst)
			c.ret(dst, tail)
			return
		}
		c.remote(e, "erlang", f.Name, dst, tail)
		return
	case *syntax.Remote:
		ma, ok1 := f.Module.(*syntax.Atom)
		fa, ok2 := f.Name.(*syntax.Atom)
		if ok1 && ok2 {
			c.remote(e, ma.Name, fa.Name, dst, tail)
			return
		}
		// Dynamic M:F(Args): erlang:apply(M, F, Args).
		mark := c.next
		m, fun := c.tmp(), c.tmp()
		c.expr(f.Module, m, false)
		c.expr(f.Name, fun, false)
		l := c.tmp()
		c.expr(&syntax.List{Loc: e.Loc, Elems: e.Args}, l, false)
		c.f.argLists = append(c.f.argLists, []int32{m, fun, l})
		c.emitExt(ext{mod: "erlang", name: "apply", arity: 3}, mark, int32(len(c.f.argLists)-1), dst, tail)
		return
	}
	if f, ok := e.Fun.(*syntax.Fun); ok && n == 0 && f.Name == nil && len(f.Clauses) == 1 &&
		len(f.Clauses[0].Patterns) == 0 && len(f.Clauses[0].Guard) == 0 {
		c.inlineFun(f, dst, tail)
		return
	}
	fr := c.operand(e.Fun)
	mark := c.next
	li := c.argList(e.Args)
	if tail {
		c.emit(opTailFun, 0, fr, li, int32(n))
	} else {
		c.emit(opCallFun, dst, fr, li, c.frameBase(dst, mark, c.f.argLists[li]))
		c.popTemps(mark)
	}
}

// argList compiles a call's arguments, each into a register of its own
// unless it is a bound variable (operand), and returns the index of the
// list of their registers in the function's argLists.
func (c *compiler) argList(es []syntax.Expr) int32 {
	c.f.argLists = append(c.f.argLists, c.operands(es))
	return int32(len(c.f.argLists) - 1)
}

// operands compiles es left to right and returns their registers.
func (c *compiler) operands(es []syntax.Expr) []int32 {
	list := make([]int32, len(es))
	for i, a := range es {
		list[i] = c.operand(a)
	}
	return list
}

func (c *compiler) localIndex(fn *Func) int32 {
	for i, f := range c.m.local {
		if f == fn {
			return int32(i)
		}
	}
	panic("vm: function not in module")
}

func (c *compiler) remote(e *syntax.Call, mod, name string, dst int32, tail bool) {
	n := len(e.Args)
	if b := c.vm.lookupBif(mod, name, n); b != nil && b.control == nil {
		c.bifCall(e, mod, name, c.operands(e.Args), dst)
		c.ret(dst, tail)
		return
	}
	mark := c.next
	li := c.argList(e.Args)
	c.emitExt(ext{mod: mod, name: name, arity: n}, mark, li, dst, tail)
}

// emitExt emits a remote call with the arguments in argLists[li]; the
// temporaries from mark up are free again after a body call.
func (c *compiler) emitExt(x ext, mark, li, dst int32, tail bool) {
	c.m.exts = append(c.m.exts, x)
	i := int32(len(c.m.exts) - 1)
	if tail {
		c.emit(opTailExt, 0, i, li, 0)
	} else {
		c.emit(opCallExt, dst, i, li, 0)
		c.popTemps(mark)
	}
}

// freeVars lists the bound variables that the fun's clauses use.
func (c *compiler) freeVars(n syntax.Node) []string {
	seen := map[string]bool{}
	syntax.Inspect(n, func(x syntax.Node) bool {
		if v, ok := x.(*syntax.Var); ok && c.bound[v.Name] {
			seen[v.Name] = true
		}
		return true
	})
	var out []string
	for k := range seen {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func (c *compiler) closure(e *syntax.Fun, dst int32) {
	if len(e.Clauses) == 0 {
		c.fail(e, "fun without clauses")
		return
	}
	free := c.freeVars(e)
	num, ok := c.funNum[e]
	if !ok { // a fun made by the compiler itself, or the debugger's
		num = c.nfun
	}
	index := c.nfun
	c.nfun++
	top := c.f
	for top.index >= 0 && top.parent != nil {
		top = top.parent
	}
	fn := &Func{mod: c.m, arity: len(e.Clauses[0].Patterns), line: e.Pos.Line, index: index, parent: c.f}
	fn.name = fmt.Sprintf("-%s/%d-fun-%d-", top.name, top.arity, num)
	c.m.local = append(c.m.local, fn)
	idx := int32(len(c.m.local) - 1)
	regs := make([]int32, len(free))
	for i, v := range free {
		regs[i] = c.vars[v]
	}
	base := c.consecutive(regs...)
	selfName := ""
	if e.Name != nil {
		selfName = e.Name.Name
		free = append(free, selfName)
	}
	c.function(fn, e.Clauses, free)
	if selfName != "" {
		fn.hasSelf = true
		fn.selfReg = int32(fn.arity + len(free) - 1)
		fn.nfree--
		markLeaf(fn) // no longer a leaf: it has itself to set up
	}
	c.emit(opMakeFun, dst, idx, base, int32(len(regs)))
}

// trimFunName turns "-main/0-fun-0-" into "main/0", so a fun inside a fun
// is named "-main/0-fun-1-" as erlc names it.
func trimFunName(s string) string {
	if len(s) > 2 && s[0] == '-' {
		for i := 1; i < len(s); i++ {
			if s[i] == '-' {
				return s[1:i]
			}
		}
	}
	return s
}

func (c *compiler) funRef(e *syntax.FunRef, dst int32) {
	name, ok1 := e.Name.(*syntax.Atom)
	ar, ok2 := e.Arity.(*syntax.Integer)
	if !ok1 || !ok2 {
		c.fail(e, "unsupported fun reference")
		return
	}
	mod := c.m.name
	if e.Module != nil {
		ma, ok := e.Module.(*syntax.Atom)
		if !ok {
			c.fail(e, "unsupported fun reference")
			return
		}
		mod = ma.Name
	} else if fn := c.m.funcs[fmt.Sprintf("%s/%d", name.Name, ar.Value)]; fn != nil {
		// A local fun f/A calls this module version's f, exported or not.
		c.loadConst(dst, term.MakeFun(&term.Fun{Module: c.atom(mod), Name: c.atom(name.Name), Arity: int(ar.Value), Index: -1, Code: fn}))
		return
	}
	c.loadConst(dst, term.MakeFun(&term.Fun{Module: c.atom(mod), Name: c.atom(name.Name), Arity: int(ar.Value), External: true}))
}

// inlineFun compiles (fun() -> Body end)() as Body in place, as erlc's
// optimiser does: eunit's assertion macros expand to such calls, and
// their failures must show the enclosing function on top of the stack
// trace. The body sees the enclosing bindings but binds nothing outside.
// The fun still has its number (numberFuns), so the others keep erlc's
// names.
func (c *compiler) inlineFun(f *syntax.Fun, dst int32, tail bool) {
	savedVars, savedBound := c.vars, c.bound
	c.vars = make(map[string]int32, len(savedVars))
	for k, v := range savedVars {
		c.vars[k] = v
	}
	c.bound = copyBound(savedBound)
	c.body(f.Clauses[0].Body, dst, tail)
	c.vars, c.bound = savedVars, savedBound
}
