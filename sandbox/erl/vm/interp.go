package vm

import (
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// handler is an active try or catch.
type handler struct {
	depth int // nframes() when installed
	pc    int32
	regs  int32 // Class, Reason, Stack go to regs, regs+1, regs+2
}

// proc is one Erlang process's execution state. It is resumable: run
// returns after a reduction budget and continues where it stopped.
type proc struct {
	vm *VM
	// chunks hold the frames' registers, fsegs the frames (stack.go):
	// fcur is fsegs[fseg], the top segment, with ftop frames in use (0
	// when there are none, or when the last return left the segment: the
	// top frame is then the previous segment's last). The first segment
	// is fseg0, inside the proc, so that a shallow process allocates no
	// segment at all.
	chunks   [][]term.Term
	fsegs    [][]frame
	fcur     []frame
	fseg     int32
	ftop     int32
	fseg0    [frameSeg0]frame
	handlers []handler
	result   term.Term
	exc      *Exception
	// Set by a failing BIF: the error reason (class error unless excClass
	// is set).
	failReason term.Term
	failClass  term.Term
	failArgs   term.Term
	dbg        *procDebug // the debugger's state, made when it first needs one (debug.go)

	// Process state, used by the scheduler (sched.go).
	pid       uint64
	state     uint8
	root      bool // started by Call: its caller gets the exception, no crash report
	resumed   bool
	trapExit  bool
	timedOut  bool // the receive timeout fired
	recvArmed bool // the current receive has set its timeout
	funStart  bool // spawned with a fun: initial_call is {erlang,apply,2}
	shedDue   bool // waited since its stack was last shed: in the scheduler's toShed
	mailbox   []term.Term
	save      int32 // receive's scan position in mailbox
	// budget is the slice's reductions left when runSlow hands back to
	// runFast (fast.go). It and save are int32 so that the two share a
	// word: the proc stays in its 384-byte size class.
	budget    int32
	recvTimer *timer
	// ext holds what most processes never use (links, monitors, the
	// dictionary, a name), allocated on first use: it keeps the proc in
	// a smaller size class (sched.go, procExtra).
	ext         *procExtra
	initial     term.Term // {M, F, A}, shared by the processes with the same one
	groupLeader term.Term
	// parent spawned the process (0: the host did). Kept here rather than
	// in a map of the sandbox's engine, which cost every spawn and exit a
	// map write (4% of spawning in the wasm sandbox).
	parent uint64
	reds   int64
}

type status int

const (
	statusDone status = iota
	statusYield
	statusError
	statusWait // in receive with no matching message
)

// start sets up a call of fn with args.
func (p *proc) start(fn *Func, args []term.Term) {
	p.truncFrames(0)
	r := p.chunkAt(0, fn.nregs)
	copy(r, args)
	*p.pushFrame() = frame{fn: fn, regs: r, dst: -1}
}

// runSlow executes up to budget reductions (one per call), every opcode
// and every slow path; run (fast.go) calls it where runFast stops, and it
// hands back to runFast at its next call or return.
func (p *proc) runSlow(budget int) status {
	fr := p.top()
	code := fr.fn.code
	regs := fr.regs
	pc := fr.pc
	for {
		in := &code[pc]
		pc++
	dispatch:
		switch in.op {
		case opMove:
			regs[in.a] = regs[in.b]
		case opConst:
			regs[in.a] = fr.fn.consts[in.b]
		case opJump:
			pc = in.a
		// The hottest arithmetic and comparison have cases of their own,
		// ending in the shared general case: in the wasm build every
		// taken branch goes through the br_table at the head of run (Go
		// has no jump tables there), and a nested switch on the opcode
		// was two or three of them (Fib27 in wasm: 10–20% faster; see
		// docs/rationale.md, "vm: the wasm build's floor").
		case opSubI:
			if x := regs[in.b]; x.IsSmall() {
				regs[in.a] = term.MakeInt(x.Small() - int64(in.c))
				continue
			}
			fallthrough
		case opAddI:
			if x := regs[in.b]; in.op == opAddI && x.IsSmall() {
				regs[in.a] = term.MakeInt(x.Small() + int64(in.c))
				continue
			}
			fallthrough
		case opAdd:
			if in.op == opAdd {
				if x, y := regs[in.b], regs[in.c]; x.IsSmall() && y.IsSmall() {
					regs[in.a] = term.MakeInt(x.Small() + y.Small())
					continue
				}
			}
			fallthrough
		case opSub, opMul, opMulI:
			// Small integers inline; the rest (bignums, floats, errors)
			// through arith.
			x, y := regs[in.b], term.MakeSmall(int64(in.c))
			if in.op < opAddI {
				y = regs[in.c]
			}
			// Additions of small integers never get here: their cases
			// above took them.
			if x.IsSmall() && y.IsSmall() {
				a, b := x.Small(), y.Small()
				if in.op == opSub {
					regs[in.a] = term.MakeInt(a - b)
					continue
				}
				if a < 1<<31 && a > -(1<<31) && b < 1<<31 && b > -(1<<31) {
					regs[in.a] = term.MakeInt(a * b)
					continue
				}
			}
			name := arithName[in.op]
			v, ok := arith(p, name[0], x, y)
			if ok {
				regs[in.a] = v
				continue
			}
			if in.d >= 0 {
				pc = in.d
				continue
			}
			fr.pc = pc
			if !p.raiseBif(p.vm.lookupBif("erlang", name, 2), []term.Term{x, y}) {
				return statusError
			}
			fr, code, regs, pc = p.reload()
		case opIsLt, opIsGe:
			x, y := regs[in.b], regs[in.c]
			var lt bool
			if x.IsSmall() && y.IsSmall() {
				lt = x.Small() < y.Small()
			} else {
				lt = order(x, y) < 0
			}
			if lt != (in.op == opIsLt) {
				pc = in.d
			}
		case opLtI:
			if x := regs[in.b]; x.IsSmall() {
				if x.Small() >= int64(in.c) {
					pc = in.d
				}
				continue
			}
			fallthrough
		case opGtI, opGeI, opLeI:
			// Small integers compare as int64; anything else in term
			// order against the integer.
			x := regs[in.b]
			var cmp int
			if x.IsSmall() {
				cmp = int(x.Small()) - int(in.c)
			} else {
				cmp = order(x, term.MakeSmall(int64(in.c)))
			}
			var ok bool
			switch in.op {
			case opLtI:
				ok = cmp < 0
			case opGtI:
				ok = cmp > 0
			case opGeI:
				ok = cmp >= 0
			default:
				ok = cmp <= 0
			}
			if !ok {
				pc = in.d
			}
		case opIsType:
			if !hasType(regs[in.b], in.c) {
				pc = in.d
			}
		case opIsFunArity:
			if v := regs[in.b]; v.Kind() != term.KindFun || v.Fun().Arity != int(in.c) {
				pc = in.d
			}
		case opIsEq, opIsNe:
			x, y := regs[in.b], regs[in.c]
			var eq bool
			if x.IsSmall() && y.IsSmall() {
				eq = x == y
			} else {
				eq = term.Equal(x, y)
			}
			if eq != (in.op == opIsEq) {
				pc = in.d
			}
		case opBif:
			b := fr.fn.mod.bifs[in.b]
			args := p.gatherAbove(fr, fr.fn.argLists[in.c])
			fr.pc = pc
			v, ok := b.fn(p, args)
			if ok {
				regs[in.a] = v
				continue
			}
			if in.d >= 0 {
				pc = in.d
				continue
			}
			// A call in tail position of a function that OTP writes in
			// Erlang has left its caller's frame; BEAM's own BIFs report
			// the caller.
			tail := b.inOTPErlang && code[pc].op == opRet && code[pc].a == in.a
			if tail {
				p.top().pc = -1
			}
			if !p.raiseBif(b, args) {
				return statusError
			}
			fr, code, regs, pc = p.reload()
		case opMapPut:
			if mapPut(regs, fr.fn, in, &code[pc]) {
				pc++
				continue
			}
			check := instr{op: opBif, a: in.a, b: in.b, c: in.c, d: in.d}
			in = &check
			goto dispatch
		case opIsEqExact:
			if !term.ExactEqual(regs[in.b], regs[in.c]) {
				pc = in.d
			}
		case opIsEqConst:
			if x, k := regs[in.b], fr.fn.consts[in.c]; x != k && !term.ExactEqual(x, k) {
				pc = in.d
			}
		case opIsNeExact:
			if term.ExactEqual(regs[in.b], regs[in.c]) {
				pc = in.d
			}
		case opTupleLoop:
			if budget = p.funLoop(regs, in, &code[pc+in.c], &code[pc+in.c+1], budget); budget <= 0 {
				fr.pc = pc - 1
				return statusYield
			}
			fallthrough
		case opIsTuple:
			if v := regs[in.b]; v.Kind() != term.KindTuple || v.TupleLen() != int(in.c) {
				pc = in.d
			}
		case opIsCons:
			if regs[in.b].Kind() != term.KindCons {
				pc = in.d
			}
		case opIsNil:
			if !regs[in.b].IsNil() {
				pc = in.d
			}
		case opIsTrue:
			if regs[in.b] != term.True {
				pc = in.d
			}
		case opIsMap:
			if regs[in.b].Kind() != term.KindMap {
				pc = in.d
			}
		case opMapGet:
			v, ok := regs[in.b].Map().Get(regs[in.c])
			if !ok {
				pc = in.d
				continue
			}
			regs[in.a] = v
		case opBinBuild:
			if max := p.vm.cfg.maxBinary; max > 0 && binaryTooLarge(regs, fr.fn.segs[in.b], max) {
				fr.pc = pc
				if !p.raise(term.Error, term.SystemLimit, p.stacktrace(nil, term.Nil)) {
					return statusError
				}
				fr, code, regs, pc = p.reload()
				continue
			}
			v, ok := buildBinary(regs, fr.fn.segs[in.b])
			if ok {
				regs[in.a] = v
				continue
			}
			if in.d >= 0 {
				pc = in.d
				continue
			}
			fr.pc = pc
			if !p.raise(term.Error, term.Badarg, p.stacktrace(nil, term.Nil)) {
				return statusError
			}
			fr, code, regs, pc = p.reload()
		case opBinStart:
			if regs[in.b].Kind() != term.KindBits {
				pc = in.d
				continue
			}
			regs[in.a] = term.MakeSmall(0)
		case opBinGet:
			v, ok := matchSegment(regs, regs[in.b], fr.fn.segs[in.c][0])
			if !ok {
				pc = in.d
				continue
			}
			regs[in.a] = v
		case opBinEnd:
			if regs[in.c].Small() != int64(regs[in.b].Bits().Size) {
				pc = in.d
			}
		case opGetElem:
			regs[in.a] = regs[in.b].Elem(int(in.c))
		case opFunLoop, opBodyLoop, opWalkLoop:
			// Whole iterations of the loop this get_list heads (leaf.go),
			// then the get_list itself.
			if in.op == opWalkLoop {
				if budget = p.walkLoop(regs, in, &code[pc+2], budget); budget <= 0 {
					fr.pc = pc - 1
					return statusYield
				}
			} else if in.op == opFunLoop {
				if budget = p.funLoop(regs, in, &code[pc+2], &code[pc+3], budget); budget <= 0 {
					fr.pc = pc - 1
					return statusYield
				}
			} else if b, pushed := p.bodyLoop(in, &code[pc+2], &code[pc+3], pc+4, budget); pushed {
				// Calls to itself were made: the newest frame starts.
				budget = b
				fr, code, regs, pc = p.reload()
				if budget <= 0 {
					return statusYield
				}
				continue
			}
			fallthrough
		case opGetList:
			v := regs[in.b]
			if v.Kind() != term.KindCons {
				pc = in.d
				continue
			}
			cell := v.Cons()
			regs[in.a], regs[in.c] = cell.Head, cell.Tail
			pc += 2
		case opGetHd:
			regs[in.a] = regs[in.b].Cons().Head
		case opGetTl:
			regs[in.a] = regs[in.b].Cons().Tail
		case opMakeTuple:
			elems := make([]term.Term, in.b)
			copy(elems, regs[in.c:])
			regs[in.a] = term.MakeTuple(elems...)
		case opMakeCons:
			regs[in.a] = term.MakeCons(regs[in.b], regs[in.c])
		case opMakeFun:
			fn := fr.fn.mod.local[in.b]
			if fn.funName == (term.Term{}) {
				fn.funMod, fn.funName = p.vm.atom(fn.mod.name), p.vm.atom(fn.name)
			}
			regs[in.a] = term.MakeFun(newClosure(fn, regs[in.c:in.c+in.d]))
		case opCall:
			fn := fr.fn.mod.local[in.b]
			budget--
			fr.pc = pc
			// push's common case inline: room in the chunk and the segment.
			list := fr.fn.argLists[in.c]
			// The frame starts at register d (compile.go's frameBase).
			if r := regs[in.d:]; len(r) >= fn.nregs && int(p.ftop) < len(p.fcur) {
				// A loop, not copy: a Go call (memmove) per Erlang call
				// costs much more in the wasm build than a few moves.
				for i, a := range list {
					r[i] = regs[a]
				}
				nf := &p.fcur[p.ftop]
				p.ftop++
				nf.fn, nf.regs, nf.pc, nf.dst = fn, r, 0, in.a
				fr = nf
			} else {
				fr = p.push(fn, gather(regs, list), in.a)
			}
			code, regs, pc = fn.code, fr.regs, 0
			if budget <= 0 {
				fr.pc = pc
				return statusYield
			}
			p.budget = int32(budget)
			return statusFast
		case opTailCall:
			fn := fr.fn.mod.local[in.b]
			budget--
			list := fr.fn.argLists[in.c]
			if in.d == 1 && len(regs) >= fn.nregs {
				// No argument comes from a register below its position,
				// so in-order moves never overwrite one still to be read.
				for i, a := range list {
					regs[i] = regs[a]
				}
				fr.fn, fr.pc = fn, 0
			} else if len(list) <= 8 && len(regs) >= fn.nregs {
				// Permuted arguments (loop(B, A)): through a buffer.
				var buf [8]term.Term
				for i, a := range list {
					buf[i] = regs[a]
				}
				for i := range list {
					regs[i] = buf[i]
				}
				fr.fn, fr.pc = fn, 0
			} else {
				p.refit(fr, fn, gather(regs, list))
			}
			code, regs, pc = fn.code, fr.regs, 0
			if budget <= 0 {
				fr.pc = pc
				return statusYield
			}
		case opCallExt, opTailExt:
			x := &fr.fn.mod.exts[in.b]
			args := p.gatherAbove(fr, fr.fn.argLists[in.c])
			fr.pc = pc
			fn, b := x.fn, x.b
			var err error
			if gen := p.vm.codeGen.Load(); x.gen != gen {
				fn, b, err = p.vm.resolve(x.mod, x.name, x.arity)
				if err == nil {
					// Read again: resolving may have loaded a module.
					x.fn, x.b, x.gen = fn, b, p.vm.codeGen.Load()
				}
			}
			if err != nil {
				if in.op == opTailExt {
					fr.pc = -1 // the tail call has left this frame
				}
				if !p.raiseUnresolved(err, x.mod, x.name, args) {
					return statusError
				}
				fr, code, regs, pc = p.reload()
				continue
			}
			budget--
			if b != nil {
				if !p.callBif(b, args, in.op == opTailExt, in.a) {
					return statusError
				}
				fr, code, regs, pc = p.reload()
				if p.nframes() == 0 {
					return statusDone
				}
				continue
			}
			p.enter(fn, args, in.op == opTailExt, in.a)
			fr, code, regs, pc = p.reload()
			if budget > 0 {
				// The callee starts in runFast, as after a local call: a
				// library loop such as lists:last/2's ran in runSlow to
				// its end (16% of compare.sh's ListMap, natively).
				p.budget = int32(budget)
				return statusFast
			}
		case opCallFun, opTailFun:
			f := regs[in.b]
			list := fr.fn.argLists[in.c]
			fr.pc = pc
			budget--
			// A closure called in body position (lists:map's and foldl's
			// F(X)) with room in the chunk and the segment: arguments and
			// environment go straight into its registers, from register d
			// up (compile.go's frameBase).
			if in.op == opCallFun && f.Kind() == term.KindFun {
				fun := f.Fun()
				if fn, ok := fun.Code.(*Func); ok && fun.Arity == len(list) && !fun.External && !fn.hasSelf {
					if r := regs[in.d:]; len(r) >= fn.nregs && int(p.ftop) < len(p.fcur) {
						for i, a := range list {
							r[i] = regs[a]
						}
						for i, a := range fun.Env {
							r[len(list)+i] = a
						}
						// A leaf (fun(X, Acc) -> X + Acc end) without a
						// frame; anything it gives up on runs in one.
						if fn.leaf {
							if v, ok := leafEval(fn, r); ok {
								regs[in.a] = v
								if budget <= 0 {
									return statusYield
								}
								continue
							}
						}
						nf := &p.fcur[p.ftop]
						p.ftop++
						nf.fn, nf.regs, nf.pc, nf.dst = fn, r, 0, in.a
						fr, code, regs, pc = nf, fn.code, r, 0
						if budget <= 0 {
							fr.pc = pc
							return statusYield
						}
						continue
					}
				}
			}
			// The arguments are gathered from where they are into the
			// free registers above the frame, where the callee's frame
			// goes when it fits; a chunk too full for them takes a copy.
			args := p.gatherAbove(fr, list)
			if !p.callFun(f, args, in.op == opTailFun, in.a) {
				return statusError
			}
			if p.nframes() == 0 {
				return statusDone
			}
			fr, code, regs, pc = p.reload()
		case opAddRet:
			x, y := regs[in.b], term.MakeSmall(int64(in.c))
			if op(in.d) == opAdd {
				y = regs[in.c]
			}
			if !x.IsSmall() || !y.IsSmall() {
				// Bignums, floats, errors: the add it fuses, then the
				// ret left after it.
				plain := instr{op: op(in.d), a: in.a, b: in.b, c: in.c, d: -1}
				in = &plain
				goto dispatch
			}
			regs[in.a] = term.MakeInt(x.Small() + y.Small())
			fallthrough
		case opConsRet:
			if in.op == opConsRet {
				regs[in.a] = term.MakeCons(regs[in.b], regs[in.c])
			}
			fallthrough
		case opRet:
			v := regs[in.a]
			dst := fr.dst
			if p.ftop > 1 {
				p.ftop--
				fr = &p.fcur[p.ftop-1]
			} else if p.ftop == 1 && p.fseg > 0 {
				// The segment empties and stays current (popFrame).
				p.ftop = 0
				g := p.fsegs[p.fseg-1]
				fr = &g[len(g)-1]
			} else {
				p.popFrame()
				if p.nframes() == 0 {
					p.result = v
					return statusDone
				}
				fr = p.top()
			}
			code, regs, pc = fr.fn.code, fr.regs, fr.pc
			regs[dst] = v
			p.budget = int32(budget)
			return statusFast
		case opTry:
			p.handlers = append(p.handlers, handler{depth: p.nframes(), pc: in.d, regs: in.a})
		case opTryEnd:
			p.handlers = p.handlers[:len(p.handlers)-1]
		case opCatchValue:
			regs[in.a] = catchValue(regs[in.b], regs[in.b+1], regs[in.b+2])
		case opReraise:
			fr.pc = pc
			if !p.raise(regs[in.a], regs[in.a+1], regs[in.a+2]) {
				return statusError
			}
			fr, code, regs, pc = p.reload()
		case opRaiseErr:
			fr.pc = pc
			var reason term.Term
			v := regs[in.c]
			switch in.b {
			case errBadmatch:
				reason = term.MakeTuple(term.Badmatch, v)
			case errCaseClause:
				reason = term.MakeTuple(term.CaseClause, v)
			case errIfClause:
				reason = term.IfClause
			case errTryClause:
				reason = term.MakeTuple(term.TryClause, v)
			case errBadrecord:
				reason = term.MakeTuple(term.Badrecord, v)
			case errFunctionClause:
				args := append([]term.Term(nil), regs[:fr.fn.arity]...)
				if !p.raise(term.Error, term.FunctionClause, p.stacktrace(nil, term.MakeList(args...))) {
					return statusError
				}
				fr, code, regs, pc = p.reload()
				continue
			}
			if !p.raise(term.Error, reason, p.stacktrace(nil, term.Nil)) {
				return statusError
			}
			fr, code, regs, pc = p.reload()
		case opRecvPeek:
			if int(p.save) < len(p.mailbox) {
				regs[in.a] = p.mailbox[p.save]
			} else {
				pc = in.d
			}
		case opRecvNext:
			p.save++
			pc = in.a
		case opRecvRemove:
			p.takeMessage()
			p.endReceive()
		case opRecvWait:
			switch {
			case p.timedOut:
				p.endReceive()
				pc = in.d
				continue
			case int(p.save) < len(p.mailbox):
				pc = in.b
				continue
			case in.a >= 0 && !p.recvArmed:
				after, ok := p.armReceive(regs[in.a])
				if !ok {
					fr.pc = pc
					if !p.raise(term.Error, p.vm.atom("timeout_value"), p.stacktrace(nil, term.Nil)) {
						return statusError
					}
					fr, code, regs, pc = p.reload()
					continue
				}
				if after {
					p.endReceive()
					pc = in.d
					continue
				}
			}
			fr.pc = pc - 1
			return statusWait
		case opBreak:
			// A debugger trap: stop, or run the instruction it covers.
			fr.pc = pc - 1
			if p.trap() {
				return statusBreak
			}
			code = fr.fn.code // a step-out trap puts the frame's own code back
			in = &fr.fn.dbg.orig[pc-1]
			goto dispatch
		default:
			panic("vm: bad opcode")
		}
	}
}

// mapPut runs map_put's common case, shared by runSlow and runFast: a map,
// and the put BIF after the instruction (checked to be there: a
// debugger's trap may stand in its place), whose update goes to in.a. It
// reports false for anything else, which runSlow runs as the check BIF
// the instruction stands for ({badmap, V} and its frames).
func mapPut(regs []term.Term, fn *Func, in, put *instr) bool {
	base := regs[fn.argLists[in.c][0]]
	if base.Kind() != term.KindMap || put.op != opBif || put.c != in.c+1 {
		return false
	}
	kv := fn.argLists[put.c]
	regs[in.a] = term.MakeMap(base.Map().Put(regs[kv[0]], regs[kv[1]]))
	return true
}

// gatherAbove copies the registers of the top frame fr that list names
// into the free registers above it, where a callee's frame starts when it
// fits (so its arguments are then in place); a chunk too full for them
// gets a fresh slice.
func (p *proc) gatherAbove(fr *frame, list []int32) []term.Term {
	regs := fr.regs
	free := regs[fr.fn.nregs:]
	if len(free) < len(list) {
		// No room: the scheduler's slots, as short-lived as the room
		// (a process's first chunk holds only its first function's
		// registers, so every call from that frame came here).
		free = p.vm.sched.argSlots(len(list))
	}
	args := free[:len(list)]
	for i, a := range list {
		args[i] = regs[a]
	}
	return args
}

// closureOf is a closure and its environment in one allocation: a
// closure made in a loop (spawn(fun() -> ... end) for each element, a
// fun over the loop's variables given to lists:map) cost two, the Fun
// and its Env, and an allocation costs the wasm guest about 150 ns
// (docs/rationale.md, "vm: a closure and a first chunk in one
// allocation").
type closureOf[A any] struct {
	f   term.Fun
	env A
}

// newClosure makes fn's closure over a copy of env.
func newClosure(fn *Func, env []term.Term) *term.Fun {
	var f *term.Fun
	var e []term.Term
	switch len(env) {
	case 0:
		f = new(term.Fun)
		e = []term.Term{}
	case 1:
		x := new(closureOf[[1]term.Term])
		f, e = &x.f, x.env[:]
	case 2:
		x := new(closureOf[[2]term.Term])
		f, e = &x.f, x.env[:]
	case 3:
		x := new(closureOf[[3]term.Term])
		f, e = &x.f, x.env[:]
	case 4:
		x := new(closureOf[[4]term.Term])
		f, e = &x.f, x.env[:]
	default:
		f, e = new(term.Fun), make([]term.Term, len(env))
	}
	copy(e, env)
	*f = term.Fun{Module: fn.funMod, Name: fn.funName, Arity: fn.arity, Index: fn.index, Env: e, Code: fn}
	return f
}

// gather copies the registers list names into a new slice (the slow
// paths of local calls, which want the arguments in one piece).
func gather(regs []term.Term, list []int32) []term.Term {
	out := make([]term.Term, len(list))
	for i, r := range list {
		out[i] = regs[r]
	}
	return out
}

// arithName names the BIF each arithmetic instruction stands for.
var arithName = [...]string{opAdd: "+", opSub: "-", opMul: "*", opAddI: "+", opSubI: "-", opMulI: "*"}

// reload returns the top frame's state after the frame stack changed.
func (p *proc) reload() (*frame, []instr, []term.Term, int32) {
	if p.nframes() == 0 {
		return nil, nil, nil, 0
	}
	fr := p.top()
	return fr, fr.fn.code, fr.regs, fr.pc
}

// enter calls fn with args, in place of the current frame when tail.
func (p *proc) enter(fn *Func, args []term.Term, tail bool, dst int32) {
	if tail {
		p.refit(p.top(), fn, args)
	} else {
		p.push(fn, args, dst)
	}
}

// callBif calls a BIF reached through a remote call, delivering its
// result as a return would. It reports false if an exception escaped.
func (p *proc) callBif(b *bif, args []term.Term, tail bool, dst int32) bool {
	if b.control != nil {
		return b.control(p, args, tail, dst)
	}
	v, ok := b.fn(p, args)
	if !ok {
		return p.raiseBif(b, args)
	}
	p.deliver(v, tail, dst)
	return true
}

// deliver gives v to the caller: as the current frame's return value when
// tail, else into register dst of the current frame.
func (p *proc) deliver(v term.Term, tail bool, dst int32) {
	fr := p.top()
	if !tail {
		fr.regs[dst] = v
		return
	}
	d := fr.dst
	p.popFrame()
	if p.nframes() == 0 {
		p.result = v
		return
	}
	p.top().regs[d] = v
}

// callFun applies a fun term to args.
func (p *proc) callFun(f term.Term, args []term.Term, tail bool, dst int32) bool {
	if f.Kind() != term.KindFun {
		return p.raise(term.Error, term.MakeTuple(term.Badfun, f), p.stacktrace(nil, term.Nil))
	}
	fun := f.Fun()
	if fun.Arity != len(args) {
		r := term.MakeTuple(term.Badarity, term.MakeTuple(f, term.MakeList(append([]term.Term(nil), args...)...)))
		return p.raise(term.Error, r, p.stacktrace(nil, term.Nil))
	}
	if fun.External {
		fn, b, err := p.vm.resolve(fun.Module.AtomName(), fun.Name.AtomName(), fun.Arity)
		if err != nil {
			return p.raiseUnresolved(err, fun.Module.AtomName(), fun.Name.AtomName(), args)
		}
		if b != nil {
			return p.callBif(b, args, tail, dst)
		}
		p.enter(fn, args, tail, dst)
		return true
	}
	fn := fun.Code.(*Func)
	if len(fun.Env) == 0 && !fn.hasSelf {
		p.enter(fn, args, tail, dst)
		return true
	}
	// A closure's arguments and environment go through a buffer on the Go
	// stack: a make per call was ListFold's only allocation per element.
	var buf [16]term.Term
	p.enter(fn, closureRegs(buf[:0], f, fn, args), tail, dst)
	return true
}

// closureRegs appends to buf the first registers of a call of the local
// fun f (whose code is fn) with args: the arguments, the fun's
// environment, then the fun itself for a named fun.
func closureRegs(buf []term.Term, f term.Term, fn *Func, args []term.Term) []term.Term {
	buf = append(append(buf, args...), f.Fun().Env...)
	if fn.hasSelf {
		buf = append(buf, f)
	}
	return buf
}

func catchValue(class, reason, stack term.Term) term.Term {
	switch {
	case class == term.Throw:
		return reason
	case class == term.Exit:
		return term.MakeTuple(term.MakeAtom("EXIT"), reason)
	}
	return term.MakeTuple(term.MakeAtom("EXIT"), term.MakeTuple(reason, stack))
}
