package main

import (
	"errors"
	"fmt"
)

// gc's wasm back end compiles every Go function to one loop whose head
// is a br_table over the function's blocks ("resume points"): a jump to
// block K is "i32.const K; local.set 0; br $loop", and the br_table
// dispatches on local 0 (the function's PC_B parameter). wazero then
// reconciles the function's locals at that loop head on every jump, which
// is most of what an interpreter loop costs in the wasm build
// (docs/rationale.md, "vm: the wasm build's floor").
//
// Block K's code starts right after the end of the wasm block the
// br_table sends K to, and a jump forward (to a block whose wasm block
// encloses the jump) can branch there directly: "br" to that block. That
// is all this rewrite does. Local 0 is read only by the br_table (a
// resumed goroutine re-enters the function with PC_B as its argument),
// so a direct branch need not set it. Jumps backward, and everything
// else, are left as they are.

// stats counts what threadModule did.
type stats struct {
	funcs     int // function bodies with a dispatch loop
	jumps     int // jumps through the loop head seen
	threaded  int // of them made direct branches
	bytesIn   int // code section size before
	bytesOut  int // and after
	unchanged int // bodies left as they were: no dispatch loop, or local 0 read elsewhere
}

// Wasm opcodes the rewrite looks at.
const (
	opBlock      = 0x02
	opLoop       = 0x03
	opIf         = 0x04
	opElse       = 0x05
	opEnd        = 0x0b
	opBr         = 0x0c
	opBrIf       = 0x0d
	opBrTable    = 0x0e
	opReturn     = 0x0f
	opLocalGet   = 0x20
	opLocalSet   = 0x21
	opLocalTee   = 0x22
	opI32Const   = 0x41
	sectionCode  = 10
	wasmHeaderSz = 8
)

// threadModule returns mod, a wasm module as gc writes it, with the forward
// jumps of its functions' dispatch loops made direct branches.
func threadModule(mod []byte) ([]byte, stats, error) {
	var st stats
	if len(mod) < wasmHeaderSz || string(mod[:4]) != "\x00asm" {
		return nil, st, errors.New("not a wasm module")
	}
	out := append([]byte(nil), mod[:wasmHeaderSz]...)
	r := reader{b: mod, pos: wasmHeaderSz}
	for r.pos < len(mod) {
		id := r.byte()
		size := int(r.u32())
		start := r.pos
		if r.err != nil || start+size > len(mod) {
			return nil, st, fmt.Errorf("section at byte %d: truncated", start)
		}
		body := mod[start : start+size]
		r.pos = start + size
		if id != sectionCode {
			out = append(out, id)
			out = appendU32(out, uint32(size))
			out = append(out, body...)
			continue
		}
		code, err := threadCode(body, &st)
		if err != nil {
			return nil, st, fmt.Errorf("code section: %w", err)
		}
		st.bytesIn, st.bytesOut = size, len(code)
		out = append(out, id)
		out = appendU32(out, uint32(len(code)))
		out = append(out, code...)
	}
	return out, st, nil
}

// threadCode rewrites the code section's function bodies.
func threadCode(sec []byte, st *stats) ([]byte, error) {
	r := reader{b: sec}
	n := r.u32()
	out := appendU32(nil, n)
	for i := uint32(0); i < n; i++ {
		size := int(r.u32())
		start := r.pos
		if r.err != nil || start+size > len(sec) {
			return nil, fmt.Errorf("function body %d: truncated", i)
		}
		body, err := threadBody(sec[start:start+size], st)
		if err != nil {
			return nil, fmt.Errorf("function body %d: %w", i, err)
		}
		r.pos = start + size
		out = appendU32(out, uint32(len(body)))
		out = append(out, body...)
	}
	return out, nil
}

// frame is an open structured-control instruction: id numbers them in the
// order they open.
type frame struct {
	id int
	op byte // opBlock, opLoop or opIf
}

// threadBody rewrites one function body (its locals, then its code).
func threadBody(b []byte, st *stats) ([]byte, error) {
	r := reader{b: b}
	for n := r.u32(); n > 0; n-- {
		r.u32()  // count
		r.byte() // type
	}
	if r.err != nil {
		return nil, r.err
	}
	out := append([]byte(nil), b[:r.pos]...)
	var (
		stack    []frame
		nextID   int
		loopID   = -1
		targets  map[uint32]int // br_table index -> the id of the block it ends
		lastOp   = -1
		lastArg  uint32
		found    bool
		foreign  bool // local 0 read outside the dispatch
		set0     bool // local 0 written since the last control instruction
		threaded int
		jumps    int
	)
	// depthOf is the relative depth of the open frame id, or -1.
	depthOf := func(id int) int {
		lo, hi := 0, len(stack)
		for lo < hi {
			m := (lo + hi) / 2
			if stack[m].id < id {
				lo = m + 1
			} else {
				hi = m
			}
		}
		if lo < len(stack) && stack[lo].id == id {
			return len(stack) - 1 - lo
		}
		return -1
	}
	for r.pos < len(b) {
		at := r.pos
		op := r.byte()
		switch op {
		case opBlock, opLoop, opIf:
			r.blockType()
			stack = append(stack, frame{id: nextID, op: op})
			nextID++
		case opElse:
		case opEnd:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case opBrTable:
			n := r.u32()
			depths := make([]uint32, n)
			for i := range depths {
				depths[i] = r.u32()
			}
			r.u32() // default
			if r.err == nil && !found && lastOp == opLocalGet && lastArg == 0 {
				// The dispatch: its frames above the innermost loop are
				// the blocks it ends.
				if l := dispatchLoop(stack); l >= 0 {
					found, loopID = true, stack[l].id
					targets = make(map[uint32]int, n)
					for k, d := range depths {
						if int(d) < len(stack)-1-l {
							targets[uint32(k)] = stack[len(stack)-1-int(d)].id
						}
					}
				}
			}
		case opI32Const:
			k := r.s32()
			if !found || r.err != nil {
				break
			}
			// i32.const K; local.set 0; br <the loop>
			save := r.pos
			if r.byte() != opLocalSet || r.u32() != 0 || r.byte() != opBr {
				r.pos, r.err = save, nil
				break
			}
			d := r.u32()
			if r.err != nil || int(d) >= len(stack) || stack[len(stack)-1-int(d)].id != loopID {
				r.pos, r.err = save, nil
				break
			}
			jumps++
			t, ok := targets[uint32(k)]
			if !ok {
				r.pos = save
				break
			}
			if td := depthOf(t); td >= 0 {
				out = append(out, opBr)
				out = appendU32(out, uint32(td))
				threaded++
				lastOp, set0 = opBr, false
				continue
			}
			r.pos = save
		default:
			if err := r.skipImmediates(op); err != nil {
				return nil, fmt.Errorf("byte %d: %w", at, err)
			}
		}
		if r.err != nil {
			return nil, fmt.Errorf("byte %d: %w", at, r.err)
		}
		out = append(out, b[at:r.pos]...)
		lastOp = int(op)
		switch op {
		case opLocalSet, opLocalTee:
			lastArg = readU32At(b, at+1)
			if lastArg == 0 {
				set0 = true
			}
		case opLocalGet:
			lastArg = readU32At(b, at+1)
			if lastArg == 0 && found && !set0 {
				// Local 0 read where it may hold what a jump set: a
				// direct branch does not set it.
				foreign = true
			}
		case opBlock, opLoop, opIf, opElse, opEnd, opBr, opBrIf, opBrTable, opReturn:
			set0 = false
		}
	}
	if foreign && threaded > 0 {
		st.unchanged++
		return b, nil
	}
	if found {
		st.funcs++
		st.jumps += jumps
		st.threaded += threaded
	} else {
		st.unchanged++
	}
	return out, nil
}

// dispatchLoop returns the index in stack of the loop whose frames above
// it are all blocks, or -1.
func dispatchLoop(stack []frame) int {
	for i := len(stack) - 1; i >= 0; i-- {
		switch stack[i].op {
		case opLoop:
			return i
		case opIf:
			return -1
		}
	}
	return -1
}
