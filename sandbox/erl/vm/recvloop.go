package vm

import "github.com/otpbox/otpbox/sandbox/erl/term"

// The receive loop: a third loop beside runSlow and runFast (fast.go),
// for a slice that starts where a process waited in receive. A process
// that passes messages on (a ring's relay/1, a server's loop) spends its
// whole slice in the receive's instructions: resume at recv_wait, take the
// message, test it against the clauses, send, loop by a tail call, and
// wait again. Those ran in runSlow, whose every dispatch in the wasm build
// costs what its hundreds of resume points make it cost (half of a
// message ring's time there); runFast could take them, but each case added
// to it moves the cost of the others (docs/rationale.md, "vm: dispatch in
// the wasm build (session 6)"). So they get their own small function,
// entered only at a slice's start on a recv_wait.
//
// runRecv takes only the common cases, exactly as runSlow runs them, and
// hands anything else to runSlow with the top frame's pc at that
// instruction (statusSlow): a receive timeout to arm or fire, a send to
// anything but a pid, a tail call whose arguments are permuted, a
// debugger trap, any other opcode.

// runRecv runs from a recv_wait; it returns a status and the budget left.
func (p *proc) runRecv(budget int) (status, int) {
	fr := p.top()
	code := fr.fn.code
	regs := fr.regs
	pc := fr.pc
	for {
		in := &code[pc]
		pc++
		switch in.op {
		case opRecvWait:
			if p.timedOut {
				break
			}
			if int(p.save) < len(p.mailbox) {
				pc = in.b
				continue
			}
			if in.a >= 0 && !p.recvArmed {
				break
			}
			fr.pc = pc - 1
			return statusWait, budget
		case opRecvPeek:
			if int(p.save) < len(p.mailbox) {
				regs[in.a] = p.mailbox[p.save]
			} else {
				pc = in.d
			}
			continue
		case opRecvNext:
			p.save++
			pc = in.a
			continue
		case opRecvRemove:
			p.takeMessage()
			p.endReceive()
			continue
		case opIsEqConst:
			if x, k := regs[in.b], fr.fn.consts[in.c]; x != k && (term.Distinct(x, k) || !term.ExactEqual(x, k)) {
				pc = in.d
			}
			continue
		case opMove:
			regs[in.a] = regs[in.b]
			continue
		case opConst:
			regs[in.a] = fr.fn.consts[in.b]
			continue
		case opJump:
			pc = in.a
			continue
		case opBif:
			// erlang:send/2 to a pid, the bif's own work: it cannot fail.
			if !fr.fn.mod.bifs[in.b].send {
				break
			}
			args := fr.fn.argLists[in.c]
			to, msg := regs[args[0]], regs[args[1]]
			if to.Kind() != term.KindPid {
				break
			}
			if q := p.vm.sched.procs.get(to.ID()); q != nil {
				p.vm.deliver(q, msg)
			}
			regs[in.a] = msg
			continue
		case opTailCall:
			fn := fr.fn.mod.local[in.b]
			if in.d != 1 || len(regs) < fn.nregs {
				break
			}
			// runSlow's opTailCall, arguments in order.
			budget--
			for i, a := range fr.fn.argLists[in.c] {
				regs[i] = regs[a]
			}
			code, pc = fn.code, entry(fn.code)
			fr.fn, fr.pc = fn, pc
			if budget <= 0 {
				return statusYield, budget
			}
			continue
		}
		fr.pc = pc - 1
		return statusSlow, budget
	}
}

// entry is where runRecv's tail call starts code: past the head's
// self-move (compile.go keeps one for the debugger's stop on the head
// line), which does nothing, and which a tail-recursive receive loop
// (relay/1 in a message ring) would run once a message. The debugger
// loses nothing: when it would stop there, its trap has replaced the move
// (TestRecvLoopBreakpoints). runSlow and runFast start at 0: the loops
// whose head keeps a self-move are receive loops, which runRecv runs.
func entry(code []instr) int32 {
	if in := &code[0]; in.op == opMove && in.a == in.b {
		return 1
	}
	return 0
}
