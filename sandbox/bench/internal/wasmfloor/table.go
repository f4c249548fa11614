package wasmfloor

// The handler-table design: one small function per opcode, called through
// a table (a call_indirect in wasm) instead of a switch, with the
// interpreter state in the Grown so that nothing but p lives across the
// call. Go's wasm backend makes a switch a binary search whose every taken
// branch goes back through the function's one loop head; a handler is a
// function of its own, with its own few locals for wazero to allocate.

// handler runs one instruction; a status other than stRunning stops the
// loop (stRedo: run the instruction under a trap).
type handler func(p *Grown, in *instr) int

// stRedo asks runTable to run the instruction a trap covers.
const stRedo = -1

// handlers is the table, filled once.
var handlers = newHandlers()

func newHandlers() *[256]handler {
	h := &[256]handler{
		opMove: func(p *Grown, in *instr) int { p.regs[in.a] = p.regs[in.b]; return stRunning },
		opConst: func(p *Grown, in *instr) int {
			p.regs[in.a] = p.fr.fn.consts[in.b]
			return stRunning
		},
		opJump:     func(p *Grown, in *instr) int { p.pc = in.a; return stRunning },
		opSubI:     hSubI,
		opAdd:      hAdd,
		opLtI:      hLtI,
		opLtIRet:   hLtIRet,
		opCall:     hCall,
		opSubICall: hCall,
		opAddRet:   hAddRet,
		opRet:      hRet,
		opBreak:    hBreak,
	}
	for i := range nCold {
		h[opCold+i] = hCold
	}
	return h
}

// runTable is the handler-table design's loop.
func (p *Grown) runTable(budget int) int {
	p.budget = budget
	p.load()
	for {
		in := &p.code[p.pc]
		p.pc++
		if st := handlers[in.op](p, in); st != stRunning {
			if st != stRedo {
				return st
			}
			in = &p.fr.fn.orig[p.pc-1]
			if st = handlers[in.op](p, in); st != stRunning {
				return st
			}
		}
	}
}

func hSubI(p *Grown, in *instr) int {
	if x := p.regs[in.b]; x.isSmall() {
		p.regs[in.a] = mkIntR(x.small() - int64(in.c))
		return stRunning
	}
	return p.arithSlow(in, p.regs[in.b], mkIntR(-int64(in.c)))
}

func hAdd(p *Grown, in *instr) int {
	if x, y := p.regs[in.b], p.regs[in.c]; x.isSmall() && y.isSmall() {
		p.regs[in.a] = mkIntR(x.small() + y.small())
		return stRunning
	}
	return p.arithSlow(in, p.regs[in.b], p.regs[in.c])
}

func (p *Grown) arithSlow(in *instr, x, y pt) int {
	v, ok := slowArith(p, x, y)
	if !ok {
		p.fr.pc = p.pc
		if !p.coldRaise(v) {
			return stError
		}
		p.load()
		return stRunning
	}
	p.regs[in.a] = v
	return stRunning
}

func hLtI(p *Grown, in *instr) int {
	if x := p.regs[in.b]; x.isSmall() {
		if x.small() >= int64(in.c) {
			p.pc = in.d
		}
	} else if !coldTest(x, in.c) {
		p.pc = in.d
	}
	return stRunning
}

func hLtIRet(p *Grown, in *instr) int {
	if x := p.regs[in.b]; !x.isSmall() || x.small() >= int64(in.c) {
		return stRunning
	}
	return hRet(p, in)
}

func hCall(p *Grown, in *instr) int {
	fr := p.fr
	fn := fr.fn.local[in.b]
	p.budget--
	fr.pc = p.pc
	regs := p.regs
	if in.op == opSubICall {
		x := regs[in.c>>8]
		if r := regs[in.d:]; x.isSmall() && len(r) >= fn.nregs && int(p.ftop) < len(p.fcur) {
			r[0] = mkIntR(x.small() - int64(in.c&255))
			nf := &p.fcur[p.ftop]
			p.ftop++
			nf.fn, nf.regs, nf.pc, nf.dst = fn, r, 0, in.a
			fr = nf
		} else {
			v, _ := slowArith(p, x, mkIntR(-int64(in.c&255)))
			fr = p.push(fn, []pt{v}, in.a)
		}
	} else if list, r := fr.fn.argLists[in.c], regs[in.d:]; len(r) >= fn.nregs && int(p.ftop) < len(p.fcur) {
		for i, a := range list {
			r[i] = regs[a]
		}
		nf := &p.fcur[p.ftop]
		p.ftop++
		nf.fn, nf.regs, nf.pc, nf.dst = fn, r, 0, in.a
		fr = nf
	} else {
		fr = p.push(fn, p.gather(fr, list), in.a)
	}
	p.fr, p.code, p.regs, p.pc = fr, fn.code, fr.regs, 0
	if p.budget <= 0 {
		return stYield
	}
	return stRunning
}

func hAddRet(p *Grown, in *instr) int {
	if x, y := p.regs[in.b], p.regs[in.c]; x.isSmall() && y.isSmall() {
		p.regs[in.a] = mkIntR(x.small() + y.small())
	} else {
		p.regs[in.a], _ = slowArith(p, x, y)
	}
	return hRet(p, in)
}

func hRet(p *Grown, in *instr) int {
	v := p.regs[in.a]
	dst := p.fr.dst
	fr := p.ret(p.fr, v)
	if fr == nil {
		return stDone
	}
	p.fr, p.code, p.regs, p.pc = fr, fr.fn.code, fr.regs, fr.pc
	p.regs[dst] = v
	return stRunning
}

func hBreak(p *Grown, in *instr) int {
	p.fr.pc = p.pc - 1
	if p.trap() {
		return stBreak
	}
	p.code = p.fr.fn.code
	return stRedo
}

func hCold(p *Grown, in *instr) int {
	p.fr.pc = p.pc - 1
	return p.coldStep()
}
