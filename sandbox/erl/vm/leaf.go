package vm

import "github.com/otpbox/otpbox/sandbox/erl/term"

// maxLeaf bounds a leaf function's length: a leaf is evaluated from its
// first instruction again (in a frame) whenever its fast path gives up,
// so it is kept to a few instructions.
const maxLeaf = 6

// markLeaf sets fn.leaf when fn's code, from its first instruction, is
// straight-line work that cannot branch, call or raise once its
// arithmetic is on small integers, ending in a return: fun(X, Acc) -> X +
// Acc end (one add_ret), fun(X) -> X * 2 + 1 end (muli; add_ret). Only
// the final instruction may write an argument or environment register,
// so that a fast path that gives up halfway leaves the arguments as they
// arrived and the fun can run again, in a frame, from its start.
func markLeaf(fn *Func) {
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
		case opMove, opConst, opMakeCons, opMakeTuple:
		default:
			return
		}
		if in.a < inputs {
			return
		}
	}
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

// fuseFunLoop turns the opGetList of "get_list H, T <- L; get_hd; get_tl;
// call_fun; tail_call" into an opFunLoop, where nothing jumps to the call
// or the tail call, and the tail call's arguments move in order (the
// loop repeats its moves). Whether the tail call is to the function
// itself is known at run time (funLoop).
func fuseFunLoop(fn *Func) {
	code := fn.code
	target := jumpTargets(code)
	for i := 0; i+4 < len(code); i++ {
		if code[i].op != opGetList || code[i+3].op != opCallFun || code[i+4].op != opTailCall ||
			code[i+4].d != 1 || len(fn.argLists[code[i+4].c]) != fn.arity || target[i+3] || target[i+4] {
			continue
		}
		code[i].op = opFunLoop
	}
}

// funLoop runs whole iterations of the loop an opFunLoop heads (in, then
// the call_fun cf and the tail call tc) on the frame's registers regs
// while the list has a cell and the fun is a leaf that leafEval can run:
// each does what the three instructions would (the same register writes,
// two reductions). It returns the budget left, having stopped at the
// loop's head with the budget spent or when an iteration needs more:
// the list's end, a fun leafEval gives up on, a tail call not to the
// function itself. The instructions then run as usual.
func (p *proc) funLoop(regs []term.Term, in, cf, tc *instr, budget int) int {
	fr := p.top()
	if fd := fr.fn.dbg; fd != nil && &fr.fn.code[0] != &fd.orig[0] {
		// The debugger's traps are in the code (or this is a step-out
		// shadow): each instruction runs, so that they stop.
		return budget
	}
	f := regs[cf.b]
	if f.Kind() != term.KindFun || fr.fn.mod.local[tc.b] != fr.fn {
		return budget
	}
	fun := f.Fun()
	cargs, targs := fr.fn.argLists[cf.c], fr.fn.argLists[tc.c]
	fn, ok := fun.Code.(*Func)
	if !ok || !fn.leaf || fun.External || fn.hasSelf || fun.Arity != len(cargs) || len(regs) < int(cf.d)+fn.nregs {
		return budget
	}
	r := regs[cf.d:]
	for budget > 0 {
		v := regs[in.b]
		if v.Kind() != term.KindCons {
			return budget
		}
		cell := v.Cons()
		regs[in.a], regs[in.c] = cell.Head, cell.Tail
		for i, a := range cargs {
			r[i] = regs[a]
		}
		for i, a := range fun.Env {
			r[len(cargs)+i] = a
		}
		res, ok := leafEval(fn, r)
		if !ok {
			return budget
		}
		regs[cf.a] = res
		for i, a := range targs {
			regs[i] = regs[a]
		}
		budget -= 2
	}
	return budget
}
