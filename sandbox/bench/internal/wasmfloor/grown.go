package wasmfloor

import "unsafe"

// The grown interpreter: the toy above grown, step by step, into the
// shape of sandbox/erl/vm's (*proc).run, so that each step's cost in the
// wasm build can be measured on its own (docs/rationale.md, "vm: dispatch
// in the wasm build (session 6)"). Its state is laid out as the VM's:
// functions with constant pools and argument lists, frames in segments
// with a pointer to the function, registers as windows into one chunk, a
// reduction budget, and a trap opcode for the debugger. The run loops
// themselves are in grown_gen.go (written by gen.sh); the handler-table
// design is in table.go.

// pt is the grown interpreter's term: term.Term's shape and its
// small-integer checks.
type pt struct {
	w uint64
	p unsafe.Pointer
}

func (t pt) small() int64 { return int64(t.w) >> 4 }

// isSmall is term.Term's IsSmall: the tag and no pointer.
func (t pt) isSmall() bool { return t.w&15 == 0 && t.p == nil }

// mkIntR is term.MakeInt: a small integer when it fits, a boxed one
// (through a call) when not.
func mkIntR(v int64) pt {
	if v >= -1<<59 && v < 1<<59 {
		return pt{w: uint64(v) << 4}
	}
	return boxInt(v)
}

//go:noinline
func boxInt(v int64) pt { return pt{w: 1, p: unsafe.Pointer(&v)} }

// Opcodes of the grown interpreter past the toy's six.
const (
	opMove     = opJump + 1 + iota // regs[a] = regs[b]
	opConst                        // regs[a] = consts[b]
	opAddRet                       // regs[a] = regs[b] + regs[c]; return regs[a]
	opBreak                        // a debugger trap over the instruction in orig
	opLtIRet                       // if regs[b] < c: return regs[a] (lti fused with ret)
	opSubICall                     // call local[b] with regs[a'] = regs[c>>8] - (c&255), frame at d (subi fused with call)
	opCold                         // the first of nCold opcodes fib never runs
)

// nCold is how many cold opcodes the grown switch has: with the hot ones,
// about as many cases as the VM's run.
const nCold = 45

// Run statuses.
const (
	stRunning = iota
	stDone
	stYield
	stError
	stBreak
	stCold // the split design: a cold opcode for the slow loop
)

type gfn struct {
	code     []instr
	orig     []instr // the code under the traps
	consts   []pt
	local    []*gfn
	argLists [][]int32
	nregs    int
}

type gframe struct {
	fn   *gfn
	regs []pt
	pc   int32
	dst  int32
}

// segFrames is the frame segments' size: fib(27) crosses one boundary.
const segFrames = 16

// Grown is the grown interpreter's process: the VM's proc, reduced to
// what run touches.
type Grown struct {
	chunk []pt
	fcur  []gframe
	fsegs [][]gframe
	fseg  int32
	ftop  int32
	// The state the state-in-p designs keep here instead of in locals.
	fr     *gframe
	code   []instr
	regs   []pt
	pc     int32
	budget int

	result pt
	traps  int
	fib    *gfn
	fused  *gfn
}

// NewGrown returns a grown interpreter with fib loaded, in the VM
// compiler's code and in a fused form using the superinstructions.
func NewGrown() *Grown {
	fib := &gfn{nregs: 5, argLists: [][]int32{{3}, {4}}}
	fib.code = []instr{
		{op: opLtI, b: 0, c: 2, d: 3},
		{op: opRet, a: 0},
		{op: opRet, a: 1},
		{op: opSubI, a: 3, b: 0, c: 1},
		{op: opCall, a: 2, b: 0, c: 0, d: 2},
		{op: opSubI, a: 4, b: 0, c: 2},
		{op: opCall, a: 3, b: 0, c: 1, d: 3},
		{op: opAddRet, a: 1, b: 2, c: 3},
		{op: opRet, a: 1},
	}
	fib.local = []*gfn{fib}
	fused := &gfn{nregs: 5}
	fused.code = []instr{
		{op: opLtIRet, a: 0, b: 0, c: 2},
		{op: opSubICall, a: 2, b: 0, c: 0<<8 | 1, d: 2},
		{op: opSubICall, a: 3, b: 0, c: 0<<8 | 2, d: 3},
		{op: opAddRet, a: 1, b: 2, c: 3},
	}
	fused.local = []*gfn{fused}
	g := &Grown{chunk: make([]pt, 4096), fib: fib, fused: fused}
	g.fsegs = [][]gframe{make([]gframe, segFrames)}
	g.fcur = g.fsegs[0]
	return g
}

// Fib returns fib(n), computed by the run loop named by loop: "hot",
// "notrap", "cold", "inp", "table" or "split"; fused runs the superinstruction
// form of fib (under "hot", "table" or "split").
func (g *Grown) Fib(loop string, fused bool, n int64) int64 {
	fn := g.fib
	if fused {
		fn = g.fused
	}
	g.fseg, g.ftop, g.fcur = 0, 0, g.fsegs[0]
	regs := g.chunk
	regs[0] = mkIntR(n)
	*g.pushFrame() = gframe{fn: fn, regs: regs, dst: -1}
	for {
		var st int
		switch loop {
		case "hot":
			st = g.runHot(4000)
		case "notrap":
			st = g.runNoTrap(4000)
		case "cold":
			st = g.runCold(4000)
		case "inp":
			st = g.runInP(4000)
		case "table":
			st = g.runTable(4000)
		case "split":
			st = g.runSplit(4000)
		default:
			panic("wasmfloor: no loop " + loop)
		}
		switch st {
		case stDone:
			return g.result.small()
		case stYield:
		default:
			panic("wasmfloor: fib stopped")
		}
	}
}

func (g *Grown) nframes() int { return int(g.fseg)*segFrames + int(g.ftop) }

func (g *Grown) top() *gframe {
	if g.ftop == 0 {
		s := g.fsegs[g.fseg-1]
		return &s[len(s)-1]
	}
	return &g.fcur[g.ftop-1]
}

func (g *Grown) pushFrame() *gframe {
	if int(g.ftop) == len(g.fcur) {
		g.fseg++
		if int(g.fseg) == len(g.fsegs) {
			g.fsegs = append(g.fsegs, make([]gframe, segFrames))
		}
		g.fcur, g.ftop = g.fsegs[g.fseg], 0
	}
	g.ftop++
	return &g.fcur[g.ftop-1]
}

func (g *Grown) popFrame() {
	if g.ftop == 0 {
		g.fseg--
		g.fcur = g.fsegs[g.fseg]
		g.ftop = int32(len(g.fcur))
	}
	g.ftop--
}

// push is the slow path of a call: a frame in the next segment, or
// registers in a fresh chunk.
//
//go:noinline
func (g *Grown) push(fn *gfn, args []pt, dst int32) *gframe {
	top := g.top()
	r := top.regs[top.fn.nregs:]
	if len(r) < fn.nregs {
		r = make([]pt, 1024)
	}
	copy(r, args)
	nf := g.pushFrame()
	*nf = gframe{fn: fn, regs: r, dst: dst}
	return nf
}

func (g *Grown) gather(fr *gframe, list []int32) []pt {
	out := make([]pt, len(list))
	for i, a := range list {
		out[i] = fr.regs[a]
	}
	return out
}

func (g *Grown) reload() (*gframe, []instr, []pt, int32) {
	if g.nframes() == 0 {
		return nil, nil, nil, 0
	}
	fr := g.top()
	return fr, fr.fn.code, fr.regs, fr.pc
}

// load is reload for the state-in-p designs.
func (g *Grown) load() { g.fr, g.code, g.regs, g.pc = g.reload() }

// ret pops the top frame fr and returns the new top, or nil when it was
// the last (the result is then in g.result).
func (g *Grown) ret(fr *gframe, v pt) *gframe {
	if g.ftop > 1 {
		g.ftop--
		return &g.fcur[g.ftop-1]
	} else if g.ftop == 1 && g.fseg > 0 {
		g.ftop = 0
		s := g.fsegs[g.fseg-1]
		return &s[len(s)-1]
	}
	g.popFrame()
	if g.nframes() == 0 {
		g.result = v
		return nil
	}
	return g.top()
}

// The out-of-line work of the cold opcodes and the slow paths: fib never
// runs them, they are there for the call sites they give the run loop.

//go:noinline
func (g *Grown) trap() bool { g.traps++; return g.traps < 0 }

//go:noinline
func slowArith(g *Grown, x, y pt) (pt, bool) {
	return mkIntR(x.small() + y.small()), g.traps >= 0
}

//go:noinline
func coldTuple(elems []pt) pt {
	t := append([]pt(nil), elems...)
	return pt{w: 2, p: unsafe.Pointer(&t)}
}

//go:noinline
func coldLookup(g *Grown, k, m pt) (pt, bool) { return k, m.p != nil && g.traps > 0 }

//go:noinline
func (g *Grown) coldRaise(reason pt) bool { g.result = reason; return g.traps < 0 }

//go:noinline
func coldTest(x pt, c int32) bool { return x.w&15 == uint64(c) }

//go:noinline
func (g *Grown) coldCall(args []pt, dst int32) bool {
	g.result = args[0]
	return dst < 0
}

// runSplit is the split design: the hot opcodes in a small loop of their
// own (splitHot), each cold one run by coldStep, a function apart.
func (p *Grown) runSplit(budget int) int {
	for {
		st := p.splitHot(budget)
		if st != stCold {
			return st
		}
		budget = p.budget
		if st = p.coldStep(); st != stRunning {
			return st
		}
	}
}
