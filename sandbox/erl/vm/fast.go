package vm

import "github.com/otpbox/otpbox/sandbox/erl/term"

// The fast loop: the common case of the opcodes that calls, returns,
// small-integer arithmetic, tests and list walking run, in a function of
// its own next to run's switch (runSlow), which keeps every opcode and
// every slow path. In the wasm build an instruction's cost follows the
// shape of the function it runs in more than its own work: gc gives a
// function one loop whose head is a br_table over its resume points, and
// wazero reconciles the function's locals at that head on every Go-level
// jump. A small function has few of both. The toy interpreter
// (sandbox/bench/internal/wasmfloor) and the measurements are in
// docs/rationale.md, "vm: dispatch in the wasm build (session 6)".
//
// A slice starts in runRecv (recvloop.go) when the process resumes at a
// receive's recv_wait, else in runFast. runSlow hands over to runFast at
// its calls and returns (statusFast, the budget left in p.budget).
// runFast runs until it meets an instruction it does not take (an opcode
// it lacks, a debugger trap, a bignum, a frame that does not fit, the
// process's last return), leaves the top frame's pc at that instruction
// and returns statusSlow. What a trap, a stack trace or the reduction
// count can see is the same in both: runFast's cases are runSlow's common
// cases, line for line.

// Statuses between run's two loops, never returned by run.
const (
	statusSlow status = 200 + iota // runFast stopped at an instruction for runSlow
	statusFast                     // runSlow reached a call or return; budget in p.budget
)

// run executes up to budget reductions (one per call).
func (p *proc) run(budget int) status {
	var st status
	if fr := p.top(); fr.fn.code[fr.pc].op == opRecvWait {
		// A process resuming in receive (recvloop.go).
		st, budget = p.runRecv(budget)
	} else {
		// Anything else starts in runFast: a tail-recursive loop that
		// resumed in runSlow after a yield stayed there, since tail calls
		// do not hand over (lists:last/2 over 200,000 elements ran 98%
		// of its passes in runSlow).
		st, budget = p.runFast(budget)
	}
	if st != statusSlow {
		return st
	}
	for {
		st := p.runSlow(budget)
		if st != statusFast {
			return st
		}
		if st, budget = p.runFast(int(p.budget)); st != statusSlow {
			return st
		}
	}
}

// runFast is the fast loop; it returns a status and the budget left.
func (p *proc) runFast(budget int) (status, int) {
	fr := p.top()
	code := fr.fn.code
	regs := fr.regs
	pc := fr.pc
	for {
		in := &code[pc]
		pc++
		switch in.op {
		case opMove:
			regs[in.a] = regs[in.b]
			continue
		case opConst:
			regs[in.a] = fr.fn.consts[in.b]
			continue
		case opJump:
			pc = in.a
			continue
		case opAddI:
			if x := regs[in.b]; x.IsSmall() {
				regs[in.a] = term.MakeInt(x.Small() + int64(in.c))
				continue
			}
		case opAdd:
			if x, y := regs[in.b], regs[in.c]; x.IsSmall() && y.IsSmall() {
				regs[in.a] = term.MakeInt(x.Small() + y.Small())
				continue
			}
		case opSub:
			if x, y := regs[in.b], regs[in.c]; x.IsSmall() && y.IsSmall() {
				regs[in.a] = term.MakeInt(x.Small() - y.Small())
				continue
			}
		case opMulI:
			if x := regs[in.b]; x.IsSmall() && x.Small() < 1<<31 && x.Small() > -(1<<31) {
				regs[in.a] = term.MakeInt(x.Small() * int64(in.c))
				continue
			}
		case opMapPut:
			if mapPut(regs, fr.fn, in, &code[pc]) {
				pc++
				continue
			}
		case opGtI:
			if x := regs[in.b]; x.IsSmall() {
				if x.Small() <= int64(in.c) {
					pc = in.d
				}
				continue
			}
		case opIsLt, opIsGe:
			if x, y := regs[in.b], regs[in.c]; x.IsSmall() && y.IsSmall() {
				if (x.Small() < y.Small()) != (in.op == opIsLt) {
					pc = in.d
				}
				continue
			}
		case opIsEqConst:
			if x, k := regs[in.b], fr.fn.consts[in.c]; x != k && !term.ExactEqual(x, k) {
				pc = in.d
			}
			continue
		case opIsEqExact:
			if !term.ExactEqual(regs[in.b], regs[in.c]) {
				pc = in.d
			}
			continue
		case opIsTuple:
			if v := regs[in.b]; v.Kind() != term.KindTuple || v.TupleLen() != int(in.c) {
				pc = in.d
			}
			continue
		case opGetElem:
			regs[in.a] = regs[in.b].Elem(int(in.c))
			continue
		case opMakeCons:
			regs[in.a] = term.MakeCons(regs[in.b], regs[in.c])
			continue
		case opIsNil:
			if !regs[in.b].IsNil() {
				pc = in.d
			}
			continue
		case opIsCons:
			if regs[in.b].Kind() != term.KindCons {
				pc = in.d
			}
			continue
		case opGetList:
			v := regs[in.b]
			if v.Kind() != term.KindCons {
				pc = in.d
				continue
			}
			cell := v.Cons()
			regs[in.a], regs[in.c] = cell.Head, cell.Tail
			pc += 2
			continue
		case opGetHd:
			regs[in.a] = regs[in.b].Cons().Head
			continue
		case opGetTl:
			regs[in.a] = regs[in.b].Cons().Tail
			continue
		case opSubI:
			x := regs[in.b]
			if !x.IsSmall() {
				break
			}
			regs[in.a] = term.MakeInt(x.Small() - int64(in.c))
			// A call after it (fib(N - 1)) runs in this same dispatch:
			// in the wasm build a dispatch costs more than the peek.
			if code[pc].op != opCall {
				continue
			}
			in = &code[pc]
			pc++
			fallthrough
		case opCall:
			fn := fr.fn.mod.local[in.b]
			entry := int32(0)
			if fn.base {
				// The callee's first clause answers (markBase): the
				// value goes where its ret would put it. The call's
				// reduction, its yield after the call.
				args := fr.fn.argLists[in.c]
				if x := regs[args[fn.baseArg]]; x.IsSmall() {
					if uint64(x.Small()-fn.baseLo) < fn.baseSpan {
						regs[in.a] = regs[args[fn.baseRet]]
						budget--
						if budget <= 0 {
							fr.pc = pc
							return statusYield, budget
						}
						continue
					}
					entry = fn.baseElse
				}
			}
			r := regs[in.d:]
			if len(r) < fn.nregs {
				break
			}
			if int(p.ftop) >= len(p.fcur) {
				// A full segment: go on in the next one if the
				// process has it (nextSeg without its allocation), so
				// that a recursion whose depth goes to and fro across
				// the boundary stays here (fib(27) entered runSlow
				// 16,427 times, a tenth of its time in wasm).
				if k := int(p.fseg) + 1; k < len(p.fsegs) {
					p.fseg, p.fcur, p.ftop = int32(k), p.fsegs[k], 0
				} else {
					break
				}
			}
			// run's opCall, its common case.
			budget--
			fr.pc = pc
			for i, a := range fr.fn.argLists[in.c] {
				r[i] = regs[a]
			}
			nf := &p.fcur[p.ftop]
			p.ftop++
			nf.fn, nf.regs, nf.pc, nf.dst = fn, r, entry, in.a
			fr, code, regs, pc = nf, fn.code, r, entry
			if budget <= 0 {
				return statusYield, budget
			}
			continue
		case opTailCall:
			fn := fr.fn.mod.local[in.b]
			if in.d != 1 || len(regs) < fn.nregs {
				break
			}
			// run's opTailCall, arguments in order.
			budget--
			for i, a := range fr.fn.argLists[in.c] {
				regs[i] = regs[a]
			}
			entry := int32(0)
			if fn.base {
				// A pass of a counting loop (markBase): past the
				// clause that ends it.
				if x := regs[fn.baseArg]; x.IsSmall() && uint64(x.Small()-fn.baseLo) >= fn.baseSpan {
					entry = fn.baseElse
				}
			}
			fr.fn, fr.pc = fn, entry
			code, pc = fn.code, entry
			if budget <= 0 {
				return statusYield, budget
			}
			continue
		case opLtI:
			x := regs[in.b]
			if !x.IsSmall() {
				break
			}
			if x.Small() >= int64(in.c) {
				pc = in.d
				continue
			}
			// A ret after it (fib(N) when N < 2 -> N) runs in this same
			// dispatch.
			if code[pc].op != opRet {
				continue
			}
			in = &code[pc]
			pc++
			fallthrough
		case opAddRet:
			if in.op == opAddRet {
				x, y := regs[in.b], term.MakeSmall(int64(in.c))
				if op(in.d) == opAdd {
					y = regs[in.c]
				}
				if !x.IsSmall() || !y.IsSmall() || p.ftop <= 1 && p.fseg == 0 {
					break
				}
				regs[in.a] = term.MakeInt(x.Small() + y.Small())
			}
			fallthrough
		case opConsRet:
			if in.op == opConsRet {
				if p.ftop <= 1 && p.fseg == 0 {
					break
				}
				regs[in.a] = term.MakeCons(regs[in.b], regs[in.c])
			}
			fallthrough
		case opRet:
			// run's opRet without its last frame: the process's end is
			// runSlow's.
			v := regs[in.a]
			dst := fr.dst
			if p.ftop > 1 {
				p.ftop--
				fr = &p.fcur[p.ftop-1]
			} else if p.ftop == 1 && p.fseg > 0 {
				p.ftop = 0
				g := p.fsegs[p.fseg-1]
				fr = &g[len(g)-1]
			} else if p.ftop == 0 && p.fseg > 0 {
				// The top frame is the last of the segment below the
				// current, empty one (popFrame's case).
				p.fseg--
				g := p.fsegs[p.fseg]
				p.fcur, p.ftop = g, int32(len(g)-1)
				fr = &g[len(g)-2]
			} else {
				// The last frame of a segment, or of the process
				// (add_ret and cons_ret checked this before they wrote).
				break
			}
			code, regs, pc = fr.fn.code, fr.regs, fr.pc
			regs[dst] = v
			continue
		}
		fr.pc = pc - 1
		return statusSlow, budget
	}
}
