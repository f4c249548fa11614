// Package wasmfloor is a six-instruction register interpreter, the
// smallest program with the shape of the VM's dispatch loop (sandbox/erl/vm's
// (*proc).run), used to measure how much slower that shape runs when Go
// compiles it to wasm and wazero runs it: the floor under the VM's own
// wasm-to-native ratio. sandbox/bench/wasmfloor.sh runs it natively and in
// wasm, with and without Go's bounds and nil checks; docs/rationale.md
// ("vm: the wasm build's floor") records what it found.
//
// Terms are generic over their second word, so that one interpreter
// measures both a term that holds a Go pointer (as term.Term does: every
// register store carries a write barrier) and one that does not.
package wasmfloor

import "unsafe"

// Word is a term's second word: a Go pointer, or a plain integer.
type Word interface{ unsafe.Pointer | uintptr }

// Term is a 16-byte term: a tagged small integer in w, as term.Term keeps
// one.
type Term[P Word] struct {
	w uint64
	p P
}

func mkInt[P Word](i int64) Term[P] { return Term[P]{w: uint64(i) << 4} }

func (t Term[P]) small() int64 { return int64(t.w) >> 4 }

type instr struct {
	op         uint8
	a, b, c, d int32
}

const (
	opLtI  = iota // if !(regs[b] < c) goto d
	opRet         // return regs[a]
	opSubI        // regs[a] = regs[b] - c
	opCall        // regs[a] = self(regs[b])
	opAdd         // regs[a] = regs[b] + regs[c]
	opJump        // goto a
)

// fibCode is fib(N) when N < 2 -> N; fib(N) -> fib(N-1) + fib(N-2), as
// the VM's compiler lays it out.
var fibCode = []instr{
	{op: opLtI, b: 0, c: 2, d: 2},
	{op: opRet, a: 0},
	{op: opSubI, a: 1, b: 0, c: 1},
	{op: opCall, a: 2, b: 1},
	{op: opSubI, a: 1, b: 0, c: 2},
	{op: opCall, a: 3, b: 1},
	{op: opAdd, a: 0, b: 2, c: 3},
	{op: opRet, a: 0},
}

const fibRegs = 4

type frame[P Word] struct {
	code []instr
	regs []Term[P]
	pc   int32
	dst  int32
}

// Machine is one interpreter with its register stack and frames.
type Machine[P Word] struct {
	stack  []Term[P]
	frames []frame[P]
}

// NewMachine returns a machine with room for a recursion depth of 1,000.
func NewMachine[P Word]() *Machine[P] {
	return &Machine[P]{stack: make([]Term[P], 1000*fibRegs), frames: make([]frame[P], 0, 1000)}
}

// Fib returns fib(n), computed by the interpreter.
func (m *Machine[P]) Fib(n int64) int64 {
	sp := 0
	regs := m.stack[:fibRegs]
	regs[0] = mkInt[P](n)
	m.frames = append(m.frames[:0], frame[P]{code: fibCode, regs: regs, dst: -1})
	fr := &m.frames[0]
	code := fibCode
	pc := int32(0)
	for {
		in := &code[pc]
		pc++
		switch in.op {
		case opLtI:
			if !(regs[in.b].small() < int64(in.c)) {
				pc = in.d
			}
		case opSubI:
			regs[in.a] = mkInt[P](regs[in.b].small() - int64(in.c))
		case opAdd:
			regs[in.a] = mkInt[P](regs[in.b].small() + regs[in.c].small())
		case opJump:
			pc = in.a
		case opCall:
			fr.pc = pc
			sp += fibRegs
			next := m.stack[sp : sp+fibRegs]
			next[0] = regs[in.b]
			m.frames = append(m.frames, frame[P]{code: fibCode, regs: next, dst: in.a})
			fr = &m.frames[len(m.frames)-1]
			code, regs, pc = fibCode, next, 0
		case opRet:
			v := regs[in.a]
			dst := fr.dst
			m.frames = m.frames[:len(m.frames)-1]
			if len(m.frames) == 0 {
				return v.small()
			}
			sp -= fibRegs
			fr = &m.frames[len(m.frames)-1]
			code, regs, pc = fr.code, fr.regs, fr.pc
			regs[dst] = v
		}
	}
}
