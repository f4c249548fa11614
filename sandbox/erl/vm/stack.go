package vm

import (
	"sync"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// A process's registers and frames live in segmented stacks: chunks that
// are never moved once allocated, linked by index. Growing a contiguous
// stack by doubling copied multi-megabyte pointerful slices under write
// barriers in deep body recursion (lists:map, a body-recursive build),
// and the copy could not be preempted by the GC; see docs/rationale.md.

// frame is one activation: an Erlang call pushes one, a tail call reuses
// it, so the Go stack never grows with Erlang recursion.
type frame struct {
	fn *Func
	// regs is the frame's registers: a window into one stack chunk, from
	// the frame's first register to the chunk's end (the frame above
	// starts at regs[fn.nregs:] when it fits there).
	regs []term.Term
	pc   int32
	dst  int32 // caller's register for the result
}

const (
	// frameSeg0 is the first frame segment's capacity; each later one
	// doubles up to frameSegMax. A waiting process is typically two or
	// three frames deep, and an idle process must stay under 1 KiB.
	frameSeg0   = 2
	frameSegMax = 1024
	// frameSmall is the number of segments before they reach frameSegMax,
	// and frameSmallCap the frames they hold together.
	frameSmall    = 9
	frameSmallCap = frameSeg0 * (1<<frameSmall - 1)
	// chunkMax bounds a register chunk (in terms) once growth (4x a
	// chunk, from 64) has reached it; a frame needing more gets a chunk
	// of its own size.
	chunkMax = 16 << 10
	// poolChunks and poolSegs bound the full-size chunks and segments a
	// VM keeps from exited processes (16 MiB: a million registers, and 7.5 MiB:
	// 196,608 frames, about as many frames as that many registers hold).
	poolChunks = 64
	poolSegs   = 192
)

// stackPool keeps the full-size register chunks and frame segments of
// exited processes, cleared, for the next process that recurses deeply:
// allocating them afresh for each deep call was most of the allocation
// of a body-recursive list build, and allocation is what paces the GC.
type stackPool struct {
	mu     sync.Mutex
	chunks [][]term.Term
	segs   [][]frame
}

// release takes p's full-size chunks and segments; p is exiting.
func (s *stackPool) release(p *proc) {
	s.put(p.chunks, p.fsegs[min(1, len(p.fsegs)):])
}

// put takes the full-size chunks and segments among chunks and segs,
// cleared, up to the pool's bounds; the rest are left to the GC.
func (s *stackPool) put(chunks [][]term.Term, segs [][]frame) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range chunks {
		if len(c) == chunkMax && len(s.chunks) < poolChunks {
			clear(c)
			s.chunks = append(s.chunks, c)
		}
	}
	for _, g := range segs {
		if len(g) == frameSegMax && len(s.segs) < poolSegs {
			clear(g)
			s.segs = append(s.segs, g)
		}
	}
}

// drop empties the pool, for the GC to take: a VM with nothing to run
// should not keep megabytes of stack (which every GC cycle would scan).
func (s *stackPool) drop() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.chunks != nil || s.segs != nil {
		s.chunks, s.segs = nil, nil
	}
}

// chunk returns a pooled chunk of chunkMax terms, or nil.
func (s *stackPool) chunk() []term.Term {
	s.mu.Lock()
	defer s.mu.Unlock()
	return popLast(&s.chunks)
}

// seg returns a pooled frame segment of frameSegMax frames, or nil.
func (s *stackPool) seg() []frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	return popLast(&s.segs)
}

// popLast removes and returns the last element of *l, or nil; the slot
// is cleared so the pool's backing array does not keep it alive.
func popLast[T any](l *[][]T) []T {
	n := len(*l)
	if n == 0 {
		return nil
	}
	x := (*l)[n-1]
	(*l)[n-1] = nil
	*l = (*l)[:n-1]
	return x
}

// segCap is the capacity of frame segment k.
func segCap(k int) int {
	if k < frameSmall {
		return frameSeg0 << k
	}
	return frameSegMax
}

// segOf returns the segment and position in it of frame i.
func segOf(i int) (int, int) {
	if i >= frameSmallCap {
		i -= frameSmallCap
		return frameSmall + i/frameSegMax, i % frameSegMax
	}
	k, c := 0, frameSeg0
	for i >= c {
		i -= c
		k++
		c <<= 1
	}
	return k, i
}

// nframes is the number of frames.
func (p *proc) nframes() int {
	if p.fseg == 0 {
		return int(p.ftop)
	}
	return segStart(int(p.fseg)) + int(p.ftop)
}

// segStart is the index of segment k's first frame.
func segStart(k int) int {
	if k < frameSmall {
		return frameSeg0 * (1<<k - 1)
	}
	return frameSmallCap + (k-frameSmall)*frameSegMax
}

// top returns the innermost frame; the process must have one.
func (p *proc) top() *frame {
	if p.ftop == 0 {
		g := p.fsegs[p.fseg-1]
		return &g[len(g)-1]
	}
	return &p.fcur[p.ftop-1]
}

// frameAt returns frame i, 0 being the outermost.
func (p *proc) frameAt(i int) *frame {
	k, j := segOf(i)
	if k == 0 {
		return &p.fseg0[j]
	}
	return &p.fsegs[k][j]
}

// pushFrame adds a frame on top and returns it for the caller to fill.
func (p *proc) pushFrame() *frame {
	if int(p.ftop) == len(p.fcur) {
		p.nextSeg()
	}
	p.ftop++
	return &p.fcur[p.ftop-1]
}

// nextSeg makes the segment above the current one current (and empty),
// allocating it if needed. Segments are kept at their full length; ftop
// counts the frames in use in the current one, so that a push or pop
// writes no slice header (a pointer store, with a write barrier while the
// GC runs).
func (p *proc) nextSeg() {
	if p.fcur == nil {
		p.fcur, p.fseg, p.ftop = p.fseg0[:], 0, 0
		return
	}
	if p.fsegs == nil {
		p.fsegs = [][]frame{p.fseg0[:]}
	}
	p.fseg++
	if int(p.fseg) == len(p.fsegs) {
		var g []frame
		if n := segCap(int(p.fseg)); n == frameSegMax {
			g = p.vm.stacks.seg()
		}
		if g == nil {
			g = make([]frame, segCap(int(p.fseg)))
		}
		p.fsegs = append(p.fsegs, g)
	}
	p.fcur, p.ftop = p.fsegs[p.fseg], 0
}

// popFrame drops the top frame. The slot keeps its values (clearing it
// would cost a write barrier per return); they are overwritten by the
// next push, and what they point to, a function and a chunk, the process
// holds anyway. Emptying a segment leaves it current, so that a call and
// return across a segment boundary, over and over, pushes and pops
// inline instead of switching segments each time.
func (p *proc) popFrame() {
	if p.ftop == 0 {
		p.fseg--
		p.fcur = p.fsegs[p.fseg]
		p.ftop = int32(len(p.fcur))
	}
	p.ftop--
}

// truncFrames keeps the outermost n frames.
func (p *proc) truncFrames(n int) {
	if n >= p.nframes() {
		return
	}
	if n == 0 {
		p.fseg, p.ftop = 0, 0
		if p.fcur != nil {
			p.fcur = p.fseg0[:]
		}
		return
	}
	k, j := segOf(n - 1)
	p.fseg, p.ftop = int32(k), int32(j+1)
	if k == 0 {
		p.fcur = p.fseg0[:]
	} else {
		p.fcur = p.fsegs[k]
	}
}

// chunkOf returns the index of the chunk a frame's registers are in:
// they run to the chunk's end, and a frame has at least one register.
// Only a frame outgrowing its chunk asks, so a frame need not store it.
func (p *proc) chunkOf(regs []term.Term) int32 {
	end := &regs[:cap(regs)][cap(regs)-1]
	for k := len(p.chunks) - 1; k >= 0; k-- {
		if c := p.chunks[k]; len(c) > 0 && &c[len(c)-1] == end {
			return int32(k)
		}
	}
	panic("vm: a frame's registers are in no chunk")
}

// chunkAt returns register chunk k, allocating it (or a larger one in its
// place: no live frame is in a chunk above the top frame's) when it is
// missing or smaller than n terms.
func (p *proc) chunkAt(k int32, n int) []term.Term {
	if int(k) < len(p.chunks) && len(p.chunks[k]) >= n {
		return p.chunks[k]
	}
	size := n
	if k > 0 {
		// Exactly n for the first chunk: most processes never call
		// deeper than their first few functions. Later chunks grow 4x
		// (from 64 terms), so deep recursion allocates O(log depth)
		// times until chunkMax.
		size = max(n, min(max(4*len(p.chunks[k-1]), 64), chunkMax))
	}
	if len(p.chunks) == 0 && size <= 8 {
		// A new process's first chunk: most hold one small function's
		// registers for their whole life (a spawned worker waiting in
		// receive), so the chunk list's first slot and the chunk are one
		// allocation, not two (docs/rationale.md, "vm: a closure and a
		// first chunk in one allocation").
		p.chunks = firstChunk(size)
		return p.chunks[0]
	}
	var c []term.Term
	if size == chunkMax {
		c = p.vm.stacks.chunk()
	}
	if c == nil {
		c = make([]term.Term, size)
	}
	if int(k) < len(p.chunks) {
		p.chunks[k] = c
	} else {
		p.chunks = append(p.chunks, c)
	}
	return c
}

// firstChunkOf is a chunk list of one chunk of len(A) terms, in one
// allocation.
type firstChunkOf[A any] struct {
	list [1][]term.Term
	regs A
}

// firstChunk returns a chunk list of one chunk of n <= 8 terms, its
// capacity n too: a frame's registers run to their chunk's end (chunkOf).
func firstChunk(n int) [][]term.Term {
	if n <= 4 {
		x := new(firstChunkOf[[4]term.Term])
		x.list[0] = x.regs[:n:n]
		return x.list[:]
	}
	x := new(firstChunkOf[[8]term.Term])
	x.list[0] = x.regs[:n:n]
	return x.list[:]
}

// push starts fn in a new frame above the top one, its first registers
// args (which may be the caller's registers: chunks never move).
func (p *proc) push(fn *Func, args []term.Term, dst int32) *frame {
	top := p.top()
	r := top.regs[top.fn.nregs:]
	if len(r) < fn.nregs {
		r = p.chunkAt(p.chunkOf(top.regs)+1, fn.nregs)
	}
	copy(r, args)
	nf := p.pushFrame()
	*nf = frame{fn: fn, regs: r, dst: dst}
	return nf
}

// refit makes the top frame fr run fn from its start with args (which
// may overlap fr's registers), moving it to the next chunk when fn needs
// more registers than fr's chunk has left.
func (p *proc) refit(fr *frame, fn *Func, args []term.Term) {
	if len(fr.regs) < fn.nregs {
		r := p.chunkAt(p.chunkOf(fr.regs)+1, fn.nregs)
		copy(r, args)
		fr.regs = r
	} else {
		copy(fr.regs, args)
	}
	fr.fn, fr.pc = fn, 0
}

// stackTerms is the number of register slots the process has allocated.
func (p *proc) stackTerms() int {
	n := 0
	for _, c := range p.chunks {
		n += len(c)
	}
	return n
}

// frameSlots is the number of frame slots the process has allocated.
func (p *proc) frameSlots() int {
	n := len(p.fseg0)
	for _, s := range p.fsegs[min(1, len(p.fsegs)):] {
		n += len(s)
	}
	return n
}

// shed lets go of what the stack of p, stopped at the recv_wait of its top
// frame (shedWaiting checks that), holds beyond its live frames: the
// registers above the top frame's (what returned calls and gathered
// arguments left there), the top frame's own
// registers that are dead while it waits, the frame slots above the top,
// and the chunks and segments above the top frame's. A return leaves its
// frame's registers as they are (clearing them would cost a store per
// register per return), and Go's collector, unlike BEAM's, scans a whole
// chunk: without this a process that built a big list, kept one element
// and waited kept the whole list alive.
//
// Waiting is when it pays: a waiting process may stay so for hours (a
// gen_server between requests), and the work it did since it last waited
// is done; shedWaiting runs it some time after the wait, not at each one.
// A process preempted in the middle of its work keeps its stack
// for the rest of it. A process that called nothing deeper than its top
// frame since it last waited (a relay in a ring: a send and a tail call)
// clears only its few argument slots: clearing the whole rest of its
// chunk at every wait made the ring 40% slower (docs/rationale.md, "vm: a
// waiting process holds no dead data").
func (p *proc) shed() {
	top := p.top()
	if in := &top.fn.code[top.pc]; in.c > 0 {
		// The top frame's own registers that hold nothing while it
		// waits: a dead call's result (length(build(N))) would
		// otherwise stay for as long as the process waits.
		clearTerms(top.regs[in.c-1 : top.fn.nregs])
	}
	rest := top.regs[top.fn.nregs:]
	if !p.calledAbove() {
		// Only the top frame's own calls' arguments, gathered above
		// its registers, can be there.
		n := 0
		for _, l := range top.fn.argLists {
			n = max(n, len(l))
		}
		clearTerms(rest[:min(n, len(rest))])
		return
	}
	clearTerms(rest)
	if k := int(p.chunkOf(top.regs)) + 1; k < len(p.chunks) {
		above := p.chunks[k:]
		p.vm.stacks.put(above, nil)
		clear(above)
		p.chunks = p.chunks[:k]
	}
	clear(p.fcur[p.ftop:])
	if k := int(p.fseg) + 1; k < len(p.fsegs) {
		above := p.fsegs[k:]
		p.vm.stacks.put(nil, above)
		clear(above)
		p.fsegs = p.fsegs[:k]
	}
}

// calledAbove reports whether a frame was pushed above the top one since
// the slots above it were last cleared: every deeper call passes through
// the slot just above the top, and a pop leaves the slot filled.
func (p *proc) calledAbove() bool {
	if int(p.ftop) < len(p.fcur) {
		return p.fcur[p.ftop].fn != nil
	}
	if k := int(p.fseg) + 1; k < len(p.fsegs) {
		return p.fsegs[k][0].fn != nil
	}
	return false
}

// clearTerms zeroes the terms of r that are not zero already. Most of a
// waiting process's dead registers are: writing only the others, one
// term at a time, made a ring's relays' waits 3x cheaper than clear,
// whose bulk write barrier walks the whole range while the GC marks.
func clearTerms(r []term.Term) {
	for i := range r {
		if r[i] != (term.Term{}) {
			r[i] = term.Term{}
		}
	}
}
