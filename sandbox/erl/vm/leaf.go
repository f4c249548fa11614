package vm

import (
	"math"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// maxLeaf bounds a leaf function's length: a leaf is evaluated from its
// first instruction again (in a frame) whenever its fast path gives up,
// so it is kept to a few instructions.
const maxLeaf = 6

// markLeaf sets fn.leaf when fn's code, from its first instruction, is
// straight-line work that cannot branch, call or raise once its
// arithmetic is on small integers, ending in a return: fun(X, Acc) -> X +
// Acc end (one add_ret), fun(X) -> X * 2 + 1 end (muli; add_ret),
// fun(X) -> X rem 10 end (const; bif; ret). Only
// the final instruction may write an argument or environment register,
// so that a fast path that gives up halfway leaves the arguments as they
// arrived and the fun can run again, in a frame, from its start.
//
// It derives the code's other marks too, base (markBase) and addArgs
// (markAddArgs): compiling, decoding an image and naming a fun each call
// it once the code is final.
func markLeaf(fn *Func) {
	markBase(fn)
	markAddArgs(fn)
	fn.leaf = false
	if fn.hasSelf {
		return
	}
	inputs := int32(fn.arity + fn.nfree)
	for i, in := range fn.code {
		if i == maxLeaf {
			return
		}
		switch in.op {
		case opRet, opAddRet, opConsRet:
			fn.leaf = true
			return
		case opAdd, opSub, opMul, opAddI, opSubI, opMulI:
			if in.d >= 0 { // a guard's: its failure branches
				return
			}
		case opBif:
			// fun(X) -> X rem 100000 end: div, rem and the bitwise
			// operators, as in sandbox_bench's list_work.
			if in.d >= 0 || fn.mod.bifs[in.b].small == 0 {
				return
			}
		case opMove, opConst, opMakeCons, opMakeTuple:
		default:
			return
		}
		if in.a < inputs {
			return
		}
	}
}

// markBase sets fn.base when fn's first clause is a test of a small
// integer argument that returns an argument: "lti A, K; ret R", as in
// fib(N) when N < 2 -> N, or "is_eq_const A, K; ret R" with K a small
// integer, as in loop(0, Acc) -> Acc. Most of fib's calls end there;
// runFast's call answers them in the caller, without the frame, the
// dispatch of the callee's two instructions and the return; a call the
// test fails on starts past it (baseElse), and so does a tail call (a
// counting loop's every pass but its last). The debugger's patch calls
// it again, so that a trap in either instruction (opBreak) unmarks fn
// until the trap is gone.
func markBase(fn *Func) {
	c := fn.code
	fn.base = false
	if len(c) <= 2 || c[0].d <= 1 || c[1].op != opRet || int(c[0].b) >= fn.arity || int(c[1].a) >= fn.arity {
		return
	}
	switch c[0].op {
	case opLtI:
		// x < K: x - MinInt64 < K - MinInt64, unsigned.
		fn.baseLo, fn.baseSpan = math.MinInt64, uint64(int64(c[0].c))+1<<63
	case opIsEqConst:
		k := fn.consts[c[0].c]
		if !k.IsSmall() {
			return
		}
		fn.baseLo, fn.baseSpan = k.Small(), 1
	default:
		return
	}
	fn.base = true
	fn.baseArg, fn.baseRet, fn.baseElse = c[0].b, c[1].a, c[0].d
}

// markAddArgs sets fn.addArgs when fn's code is one add_ret of two of its
// arguments (fun(X, Acc) -> X + Acc end), or an add of two into a
// register of its own and an add_ret of that and a third (fun(K, V, Acc)
// -> K + V + Acc end, maps:fold's sum), which callLeaf adds itself.
func markAddArgs(fn *Func) {
	c := fn.code
	arg := func(r int32) bool { return r >= 0 && int(r) < fn.arity }
	if fn.hasSelf || len(c) == 0 {
		fn.addArgs = false
		return
	}
	fn.addArgs = c[0].op == opAddRet && op(c[0].d) == opAdd && arg(c[0].b) && arg(c[0].c) ||
		len(c) > 1 && c[0].op == opAdd && arg(c[0].b) && arg(c[0].c) && int(c[0].a) >= fn.arity+fn.nfree &&
			c[1].op == opAddRet && op(c[1].d) == opAdd && c[1].b == c[0].a && arg(c[1].c)
}

// leafEval runs a leaf fun's code (markLeaf) on its registers r, which
// hold its arguments and environment, and returns its value. It reports
// false, having written only registers above the arguments and
// environment, for anything but small integers in its arithmetic (and for
// a debugger's trap in its code): the caller then runs the fun in a
// frame of its own from its first instruction, which raises what it
// raises with the fun's frame on the stack, as in BEAM.
func leafEval(fn *Func, r []term.Term) (term.Term, bool) {
	for i := range fn.code {
		in := &fn.code[i]
		switch in.op {
		case opRet:
			return r[in.a], true
		case opAddRet:
			x, y := r[in.b], term.MakeSmall(int64(in.c))
			if op(in.d) == opAdd {
				y = r[in.c]
			}
			if !x.IsSmall() || !y.IsSmall() {
				return term.Term{}, false
			}
			return term.MakeInt(x.Small() + y.Small()), true
		case opConsRet:
			return term.MakeCons(r[in.b], r[in.c]), true
		case opMove:
			r[in.a] = r[in.b]
		case opConst:
			r[in.a] = fn.consts[in.b]
		case opMakeCons:
			r[in.a] = term.MakeCons(r[in.b], r[in.c])
		case opMakeTuple:
			elems := make([]term.Term, in.b)
			copy(elems, r[in.c:])
			r[in.a] = term.MakeTuple(elems...)
		case opBif:
			args := fn.argLists[in.c]
			x, y := r[args[0]], r[args[1]]
			if !x.IsSmall() || !y.IsSmall() {
				return term.Term{}, false
			}
			v, ok := smallBinop(fn.mod.bifs[in.b].small, x.Small(), y.Small())
			if !ok {
				return term.Term{}, false
			}
			r[in.a] = v
		case opAdd, opSub, opMul, opAddI, opSubI, opMulI:
			x, y := r[in.b], term.MakeSmall(int64(in.c))
			if in.op < opAddI {
				y = r[in.c]
			}
			if !x.IsSmall() || !y.IsSmall() {
				return term.Term{}, false
			}
			a, b := x.Small(), y.Small()
			switch in.op {
			case opAdd, opAddI:
				r[in.a] = term.MakeInt(a + b)
			case opSub, opSubI:
				r[in.a] = term.MakeInt(a - b)
			default:
				// Products that may not fit in an int64 go through the
				// frame (arith makes bignums).
				if a >= 1<<31 || a <= -(1<<31) || b >= 1<<31 || b <= -(1<<31) {
					return term.Term{}, false
				}
				r[in.a] = term.MakeInt(a * b)
			}
		default:
			return term.Term{}, false
		}
	}
	return term.Term{}, false
}

// fuseFunLoop turns a function's first instruction, the opGetList of
// "get_list H, T <- L; get_hd; get_tl; call_fun; tail_call" or "...;
// call_fun; call", into an opFunLoop or an opBodyLoop, that of "get_list;
// get_hd; get_tl; tail_call" into an opWalkLoop, and the opIsTuple
// of "is_tuple X, N; get_elem of element 0 ... N-1 of X; call_fun;
// tail_call" into an opTupleLoop, where nothing jumps to the call_fun or
// the call and the tail call's arguments move in order (the loop repeats
// its moves). It must be the first: a call to the function itself starts
// there. Whether the call is to the function itself is known at run time
// (funLoop, bodyLoop).
func fuseFunLoop(fn *Func) {
	code := fn.code
	if len(code) == 0 {
		return
	}
	head := 3 // the instructions before the call_fun
	switch in := code[0]; in.op {
	case opGetList:
	case opIsTuple:
		head = 1 + int(in.c)
		for k := 1; k < head && k < len(code); k++ {
			if g := code[k]; g.op != opGetElem || g.b != in.b || g.c != int32(k-1) || g.a == in.b {
				return
			}
		}
	default:
		return
	}
	target := jumpTargets(code)
	if code[0].op == opGetList && len(code) > 3 && !target[1] && !target[2] && !target[3] {
		if tc := code[3]; tc.op == opTailCall && tc.d == 1 && len(fn.argLists[tc.c]) == fn.arity {
			code[0].op = opWalkLoop
			return
		}
	}
	if len(code) < head+2 || code[head].op != opCallFun {
		return
	}
	for k := 1; k < head+2; k++ {
		if target[k] {
			return
		}
	}
	switch next := code[head+1]; {
	case next.op == opTailCall && next.d == 1 && len(fn.argLists[next.c]) == fn.arity:
		if code[0].op == opGetList {
			code[0].op = opFunLoop
		} else {
			code[0].op = opTupleLoop
		}
	case next.op == opCall && code[0].op == opGetList:
		code[0].op = opBodyLoop
	}
}

// loopFun is the leaf fun that the loop whose call_fun is cf and whose
// call to itself is cl calls, in the top frame fr, or nil when the loop
// must run instruction by instruction: the debugger's traps are in the
// code (or fr runs a step-out shadow), so that each instruction runs and
// they stop; the call is not to the function itself; the fun is not one
// leafEval can run.
func loopFun(fr *frame, cf, cl *instr) (*term.Fun, *Func) {
	self := fr.fn
	if fd := self.dbg; fd != nil && &self.code[0] != &fd.orig[0] {
		return nil, nil
	}
	f := fr.regs[cf.b]
	if f.Kind() != term.KindFun || self.mod.local[cl.b] != self {
		return nil, nil
	}
	fun := f.Fun()
	fn, ok := fun.Code.(*Func)
	if !ok || !fn.leaf || fun.External || fn.hasSelf || fun.Arity != len(self.argLists[cf.c]) ||
		len(fr.regs) < int(cf.d)+fn.nregs {
		return nil, nil
	}
	return fun, fn
}

// callLeaf does what the call_fun cf does in frame regs regs, calling
// fun (whose code is fn), if leafEval can run it: its arguments and
// environment go where its frame would start, its value to cf's
// destination. It reports false, having written only registers above the
// caller's, otherwise. A fun that adds two of its arguments (Func.addArgs:
// a fold's fun(X, Acc) -> X + Acc end) is added from the caller's
// registers, when they hold small integers, without those writes (nothing
// reads the registers above the caller's after the call): a third of
// ListFold's time natively.
func callLeaf(fun *term.Fun, fn *Func, regs []term.Term, cf *instr, cargs []int32) bool {
	if fn.addArgs {
		// The sum of two or three arguments, straight from the caller's
		// registers (a trap patched into the code is opBreak: leafEval's
		// way, which gives up). Three small integers' sum fits an int64.
		switch in := &fn.code[0]; in.op {
		case opAddRet:
			if x, y := regs[cargs[in.b]], regs[cargs[in.c]]; x.IsSmall() && y.IsSmall() {
				regs[cf.a] = term.MakeInt(x.Small() + y.Small())
				return true
			}
		case opAdd:
			if z := &fn.code[1]; z.op == opAddRet {
				x, y, w := regs[cargs[in.b]], regs[cargs[in.c]], regs[cargs[z.c]]
				if x.IsSmall() && y.IsSmall() && w.IsSmall() {
					regs[cf.a] = term.MakeInt(x.Small() + y.Small() + w.Small())
					return true
				}
			}
		}
	}
	r := regs[cf.d:]
	for i, a := range cargs {
		r[i] = regs[a]
	}
	for i, a := range fun.Env {
		r[len(cargs)+i] = a
	}
	res, ok := leafEval(fn, r)
	if ok {
		regs[cf.a] = res
	}
	return ok
}

// funLoop runs whole iterations of the loop an opFunLoop or opTupleLoop
// heads (in, then the call_fun cf and the tail call tc) on the frame's
// registers regs while the list has a cell (the tuple has in.c elements)
// and the fun is a leaf (loopFun, callLeaf): each does what the
// instructions would (the same register writes, two reductions). It
// returns the budget left, having stopped at the loop's head with the
// budget spent or when an iteration needs more (the list's end, a fun
// leafEval gives up on); the instructions then run as usual.
func (p *proc) funLoop(regs []term.Term, in, cf, tc *instr, budget int) int {
	fr := p.top()
	fun, fn := loopFun(fr, cf, tc)
	if fun == nil {
		return budget
	}
	cargs, targs := fr.fn.argLists[cf.c], fr.fn.argLists[tc.c]
	var gets []instr // an opTupleLoop's get_elems
	if in.op == opTupleLoop {
		gets = fr.fn.code[1 : 1+in.c]
	}
	for budget > 0 {
		v := regs[in.b]
		if in.op == opFunLoop {
			if v.Kind() != term.KindCons {
				return budget
			}
			cell := v.Cons()
			regs[in.a], regs[in.c] = cell.Head, cell.Tail
		} else {
			if v.Kind() != term.KindTuple || v.TupleLen() != int(in.c) {
				if v.Kind() == term.KindCons && isMapFold(fr.fn) {
					return mapFoldLoop(regs, in, gets, fun, fn, cf, cargs, targs, budget)
				}
				return budget
			}
			for _, g := range gets {
				regs[g.a] = v.Elem(int(g.c))
			}
		}
		if !callLeaf(fun, fn, regs, cf, cargs) {
			return budget
		}
		for i, a := range targs {
			regs[i] = regs[a]
		}
		budget -= 2
	}
	return budget
}

// walkLoop runs whole iterations of the loop an opWalkLoop heads (in,
// then the tail call tc) on the frame's registers regs while the list
// has a cell: each does what the two instructions would (the same
// register writes, a reduction). lists:last/2 is such a loop; run by the
// fast loop it cost about 9 ns an element natively, 13% of ListMap. It
// returns the budget left, having stopped at the loop's head with the
// budget spent or at the list's end; the instructions then run as usual.
// With the debugger's traps in the code, or in a step-out shadow (whose
// tail call leaves it), or when the call is not to the function itself,
// it does nothing.
func (p *proc) walkLoop(regs []term.Term, in, tc *instr, budget int) int {
	self := p.top().fn
	if fd := self.dbg; fd != nil && &self.code[0] != &fd.orig[0] || self.mod.local[tc.b] != self {
		return budget
	}
	targs := self.argLists[tc.c]
	for budget > 0 {
		v := regs[in.b]
		if v.Kind() != term.KindCons {
			return budget
		}
		cell := v.Cons()
		regs[in.a], regs[in.c] = cell.Head, cell.Tail
		for i, a := range targs {
			regs[i] = regs[a]
		}
		budget--
	}
	return budget
}

// bodyLoop makes the calls of the loop an opBodyLoop heads (in, then the
// call_fun cf and the call to itself cl, whose return lands at retPC):
// while the list has a cell, the fun is a leaf (loopFun, callLeaf) and
// the next frame fits where opCall's fast path puts it, each iteration
// does what the three instructions do (the same register writes, the
// same frame pushed, two reductions), and the next runs in the new frame.
// It returns the budget left and whether it pushed frames; the newest
// frame is then at pc 0 (this instruction: see fuseFunLoop).
func (p *proc) bodyLoop(in, cf, cl *instr, retPC int32, budget int) (int, bool) {
	fr := p.top()
	fun, fn := loopFun(fr, cf, cl)
	if fun == nil {
		return budget, false
	}
	self, regs := fr.fn, fr.regs
	cargs, largs := self.argLists[cf.c], self.argLists[cl.c]
	pushed := false
	for budget > 0 {
		v := regs[in.b]
		if v.Kind() != term.KindCons || len(regs) < int(cf.d)+fn.nregs || len(regs) < int(cl.d)+self.nregs ||
			int(p.ftop) >= len(p.fcur) {
			break
		}
		cell := v.Cons()
		regs[in.a], regs[in.c] = cell.Head, cell.Tail
		if !callLeaf(fun, fn, regs, cf, cargs) {
			break
		}
		nr := regs[cl.d:]
		for i, a := range largs {
			nr[i] = regs[a]
		}
		fr.pc = retPC
		nf := &p.fcur[p.ftop]
		p.ftop++
		nf.fn, nf.regs, nf.pc, nf.dst = self, nr, 0, cl.a
		fr, regs = nf, nr
		budget -= 2
		pushed = true
	}
	return budget, pushed
}

// isMapFold reports whether fn is the standard library's maps:fold_1/3,
// the loop "fold_1(Fun, Acc, {K, V, Next}) -> fold_1(Fun, Fun(K, V, Acc),
// Next); fold_1(_, Acc, none) -> Acc; fold_1(Fun, Acc, Iter) ->
// fold_1(Fun, Acc, next_batch(Iter))", whose [Pos | Map] mapFoldLoop
// walks.
func isMapFold(fn *Func) bool {
	return fn.mod.stdlib && fn.arity == 3 && fn.name == "fold_1" && fn.mod.name == "maps"
}

// mapFoldLoop runs maps:fold_1's iterations (funLoop) over a map's pairs
// from the position in its [Pos | Map] argument straight from the trie,
// without the {K, V, Next} batches next_batch/1 would make of them (48
// bytes a pair, and their making a third of a fold's time; docs/
// rationale.md). Each iteration writes the key and value registers and
// the fun's value as the fused instructions would, and costs the same
// two reductions; the argument is left as [Pos | Map] at the first pair
// not done (none at the map's end), which is what fold_1's own clauses
// take from there: when the budget runs out, when the leaf gives up on
// a pair (that pair then runs in a frame, from a batch), or at the end.
func mapFoldLoop(regs []term.Term, in *instr, gets []instr, fun *term.Fun, fn *Func, cf *instr, cargs, targs []int32, budget int) int {
	cell := regs[in.b].Cons()
	if !cell.Head.IsSmall() || cell.Head.Small() < 0 || cell.Tail.Kind() != term.KindMap {
		return budget
	}
	m := cell.Tail.Map()
	pos := int(cell.Head.Small())
	kreg, vreg := gets[0].a, gets[1].a
	var buf [2 * 32]term.Term
	for budget > 0 {
		n := m.PairsFrom(pos, buf[:], 2)
		if n == 0 {
			regs[in.b] = term.MakeAtom("none")
			return budget
		}
		for i := 0; i < n; i++ {
			if budget <= 0 {
				break
			}
			regs[kreg], regs[vreg] = buf[2*i], buf[2*i+1]
			if !callLeaf(fun, fn, regs, cf, cargs) {
				regs[in.b] = term.MakeCons(term.MakeInt(int64(pos)), cell.Tail)
				return budget
			}
			for r, a := range targs {
				if int32(r) != in.b {
					regs[r] = regs[a]
				}
			}
			pos++
			budget -= 2
		}
	}
	regs[in.b] = term.MakeCons(term.MakeInt(int64(pos)), cell.Tail)
	return budget
}
