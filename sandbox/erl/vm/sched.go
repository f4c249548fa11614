package vm

import (
	"container/heap"
	"errors"
	"fmt"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// The scheduler runs every Erlang process of a VM on one thread at a time,
// as BEAM's scheduler does with +S 1: a process runs for a slice of
// reductions (BEAM's 4,000), then goes to the back of the run queue. A
// process waiting in receive is off the queue until a message or its
// timeout arrives. When nothing is runnable the driver sleeps until the
// next timer or an outside event; it never spins.
//
// All scheduler state is guarded by the debugger's world lock, which is
// also what a reduction slice holds while it runs: BIFs that send, spawn
// or link run inside a slice and so already hold it.

// sliceReductions is BEAM's reduction budget per scheduling slice.
const sliceReductions = 4000

// Process states.
const (
	psRunnable uint8 = iota
	psRunning
	psWaiting // in receive, no matching message
	psStopped // held by the debugger
	psExited
)

// scheduler is a VM's set of processes.
type scheduler struct {
	procs procTable
	// toShed holds the processes that have waited in a receive since
	// their stacks were last shed, and shedAt when the list was last
	// gone through (shedWaiting).
	toShed []*proc
	shedAt time.Time
	// runq is the run queue, runq[runqHead:]: a pop moves runqHead and a
	// push slides the queue back to the array's front when the array is
	// full, so a steady flow of processes through a short queue (a
	// message ring: one runnable process at a time) allocates nothing.
	runq     []*proc
	runqHead int
	// preempted counts the slices that ended with their budget spent
	// (Preemptions).
	preempted uint64
	names     map[string]*proc
	timers    timerHeap
	nextPid   uint64
	timerID   uint64
	// wake is closed (and replaced) whenever something may have become
	// runnable, waking every driver that sleeps.
	wake     chan struct{}
	sleepers bool           // a driver took wake and may sleep on it
	parked   map[*proc]bool // stopped by the debugger, waiting for resume
	// inbox holds messages sent from outside the VM (the host), under
	// inboxMu, so senders need not wait for a reduction slice.
	inbox []outsideMsg
	byRef map[uint64]*timer // erlang:send_after/start_timer timers by reference
	// ioReplies are the io requests sent by output BIFs, whose replies
	// are dropped (io_route.go).
	ioReplies map[uint64]bool
	// aliases maps an active process alias (a reference) to its owner.
	aliases map[uint64]*alias
	// initials holds one {M, F, A} tuple per initial call, which every
	// process started with it shares (terms are immutable): a spawn
	// builds none.
	initials map[initialCall]term.Term
	// args holds a call's arguments when its frame has no room above
	// it (gatherAbove): like that room, they are read before anything
	// else gathers, so one buffer serves every process. It keeps the
	// last arguments alive until overwritten: at most argsMax terms.
	args [argsMax]term.Term
	// sig holds the atoms of exit signals and 'DOWN' messages, interned
	// once: interning takes the atom table's lock and hashes the name
	// (memhashFallback in wasm), which every exit paid (Spawn10k in wasm:
	// 3% in Atoms.Intern and its string map).
	sig signalAtoms
}

type signalAtoms struct{ down, exit, process, killed term.Term }

const argsMax = 16

// argSlots returns n slots for a call's arguments, capped at n so that
// an append copies instead of writing past them.
func (s *scheduler) argSlots(n int) []term.Term {
	if n > argsMax {
		return make([]term.Term, n)
	}
	return s.args[:n:n]
}

type initialCall struct {
	mod, fun term.Term
	arity    int
}

// initialTuple returns the shared {mod, fun, arity} tuple.
func (s *scheduler) initialTuple(mod, fun term.Term, arity int) term.Term {
	k := initialCall{mod, fun, arity}
	if t, ok := s.initials[k]; ok {
		return t
	}
	if s.initials == nil {
		s.initials = map[initialCall]term.Term{}
	}
	t := term.MakeTuple(mod, fun, term.MakeInt(int64(arity)))
	s.initials[k] = t
	return t
}

// alias is a reference that sends to its owner while active.
type alias struct {
	owner *proc
	mode  string // explicit_unalias, demonitor or reply_demonitor
}

type outsideMsg struct {
	to, msg term.Term
}

func newScheduler() *scheduler {
	return &scheduler{names: map[string]*proc{}, wake: make(chan struct{}), parked: map[*proc]bool{}}
}

// poke wakes sleeping drivers. Most pokes (every message to a waiting
// process) find none: a new channel only when a driver took the old one,
// which saved a 48-byte allocation per message or spawn.
func (s *scheduler) poke() {
	if !s.sleepers {
		return
	}
	s.sleepers = false
	close(s.wake)
	s.wake = make(chan struct{})
}

func (s *scheduler) makeRunnable(p *proc) {
	if p.state == psRunnable || p.state == psRunning || p.state == psExited {
		return
	}
	if p.state == psStopped {
		return // the debugger resumes it
	}
	p.state = psRunnable
	if len(s.runq) == cap(s.runq) && s.runqHead > 0 {
		// Full, with popped slots at the front: reuse them when the
		// queue fills at most half the array (each slide then buys as
		// many pushes as it copied), else grow, copying only the queue.
		q := s.runq[s.runqHead:]
		if 2*len(q) <= cap(s.runq) {
			n := copy(s.runq, q)
			clear(s.runq[n:])
			s.runq = s.runq[:n]
		} else {
			s.runq = append(make([]*proc, 0, 2*cap(s.runq)), q...)
		}
		s.runqHead = 0
	}
	s.runq = append(s.runq, p)
	s.poke()
}

// next pops the next runnable process.
func (s *scheduler) next() *proc {
	for s.runqHead < len(s.runq) {
		p := s.runq[s.runqHead]
		s.runq[s.runqHead] = nil
		s.runqHead++
		if s.runqHead == len(s.runq) {
			s.runq, s.runqHead = s.runq[:0], 0
		}
		if p.state == psRunnable {
			p.state = psRunning
			return p
		}
	}
	return nil
}

// queued returns the run queue, oldest first (it may hold processes that
// are no longer runnable: next skips them).
func (s *scheduler) queued() []*proc { return s.runq[s.runqHead:] }

// timer is a pending erlang:send_after/start_timer or a receive timeout.
type timer struct {
	at    time.Time
	id    uint64 // order among equal deadlines, and the timer's reference
	owner *proc  // receive timeout: wake this process
	dest  term.Term
	msg   term.Term
	index int
	dead  bool
	ref   uint64
}

type timerHeap []*timer

func (h timerHeap) Len() int { return len(h) }
func (h timerHeap) Less(i, j int) bool {
	if !h[i].at.Equal(h[j].at) {
		return h[i].at.Before(h[j].at)
	}
	return h[i].id < h[j].id
}
func (h timerHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i]; h[i].index = i; h[j].index = j }
func (h *timerHeap) Push(x any)   { t := x.(*timer); t.index = len(*h); *h = append(*h, t) }
func (h *timerHeap) Pop() any     { old := *h; t := old[len(old)-1]; *h = old[:len(old)-1]; return t }
func (h timerHeap) peek() *timer  { return h[0] }
func (s *scheduler) add(t *timer) { s.timerID++; t.id = s.timerID; heap.Push(&s.timers, t) }
func (s *scheduler) cancel(t *timer) {
	if !t.dead && t.index >= 0 && t.index < len(s.timers) && s.timers[t.index] == t {
		heap.Remove(&s.timers, t.index)
	}
	t.dead = true
}

// fireTimers delivers every timer due at now.
func (v *VM) fireTimers(now time.Time) {
	s := v.sched
	for len(s.timers) > 0 && !s.timers.peek().at.After(now) {
		t := heap.Pop(&s.timers).(*timer)
		t.dead = true
		delete(s.byRef, t.ref)
		if t.owner != nil {
			if t.owner.state != psExited && t.owner.recvTimer == t {
				t.owner.recvTimer = nil
				t.owner.timedOut = true
				s.makeRunnable(t.owner)
			}
			continue
		}
		if to := v.whereTo(t.dest); to != nil {
			v.deliver(to, t.msg)
		}
	}
}

// whereTo finds the process a pid or registered name designates.
func (v *VM) whereTo(dest term.Term) *proc {
	switch dest.Kind() {
	case term.KindPid:
		return v.sched.procs.get(dest.ID())
	case term.KindAtom:
		return v.sched.names[dest.AtomName()]
	case term.KindRef:
		if a := v.sched.aliases[dest.ID()]; a != nil {
			return a.owner
		}
	}
	return nil
}

// deliver appends msg to p's mailbox and wakes it.
func (v *VM) deliver(p *proc, msg term.Term) {
	// droppedReply is a call (not inlined) that in the wasm build costs
	// about 1% of a message ring; only output BIFs' pending requests
	// need it.
	if p.state == psExited || len(v.sched.ioReplies) != 0 && v.sched.droppedReply(msg) {
		return
	}
	p.mailbox = append(p.mailbox, msg)
	if p.state == psWaiting {
		v.sched.makeRunnable(p)
	}
}

// spawnProc creates a process that will run fn(args) (or, when fn is nil,
// the fun f applied to args; or raise undef for mod:name/arity).
func (v *VM) spawnProc(parent *proc, start func(q *proc) error) (*proc, error) {
	s := v.sched
	if v.cfg.maxProcesses > 0 && s.procs.len() >= v.cfg.maxProcesses {
		return nil, errSystemLimit
	}
	s.nextPid++
	q := &proc{vm: v, pid: s.nextPid}
	if parent != nil {
		q.groupLeader, q.parent = parent.groupLeader, parent.pid
	}
	if err := start(q); err != nil {
		return nil, err
	}
	s.procs.put(q)
	q.state = psWaiting // makeRunnable queues it
	s.makeRunnable(q)
	v.dbg.startedLocked(q, parent)
	return q, nil
}

var errSystemLimit = errors.New("system_limit")

// startMFA sets q up to call mod:name(args...).
func (q *proc) startMFA(mod, name string, args []term.Term) {
	q.initial = q.vm.sched.initialTuple(q.vm.atom(mod), q.vm.atom(name), len(args))
	fn, b, err := q.vm.resolve(mod, name, len(args))
	if err == nil && b == nil {
		q.start(fn, args)
		return
	}
	// A BIF or an undefined function: run erlang:apply(M, F, Args) so the
	// error (undef) or the result comes out as BEAM gives it.
	ap := q.vm.applyFunc(3)
	q.start(ap, []term.Term{q.vm.atom(mod), q.vm.atom(name), term.MakeList(args...)})
}

// startFun sets q up to apply the fun f to no arguments.
func (q *proc) startFun(f term.Term) {
	fun := f.Fun()
	if fn, ok := fun.Code.(*Func); ok && fn.funMod == fun.Module && fn.funName == fun.Name {
		if fn.funInitial == (term.Term{}) {
			fn.funInitial = q.vm.sched.initialTuple(fun.Module, fun.Name, fun.Arity)
		}
		q.initial = fn.funInitial
	} else {
		q.initial = q.vm.sched.initialTuple(fun.Module, fun.Name, fun.Arity)
	}
	q.funStart = true
	if fn, ok := fun.Code.(*Func); ok && !fun.External && fun.Arity == 0 {
		// The fun itself, as the trampoline's erlang:apply(F, []) would
		// have entered it (its frame replacing the trampoline's), with
		// the registers callFun gives it. The trampoline's first slice
		// ran in runSlow, a quarter of Spawn10k's time in the wasm build.
		var buf [16]term.Term
		q.start(fn, closureRegs(buf[:0], f, fn, nil))
		return
	}
	ap := q.vm.applyFunc(2)
	q.start(ap, []term.Term{f, term.Nil})
}

// exitReason is the exit reason of a process that ended with exc.
func exitReason(exc *Exception) term.Term {
	switch exc.Class {
	case term.Exit:
		return exc.Reason
	case term.Throw:
		return term.MakeTuple(term.MakeTuple(term.MakeAtom("nocatch"), exc.Reason), exc.Stacktrace)
	}
	return term.MakeTuple(exc.Reason, exc.Stacktrace)
}

// afterSlice files p according to how its slice ended. World is held.
func (v *VM) afterSlice(p *proc, st status) {
	s := v.sched
	switch st {
	case statusYield:
		p.state = psWaiting
		s.makeRunnable(p)
	case statusWait:
		if int(p.save) < len(p.mailbox) || p.timedOut {
			p.state = psWaiting
			s.makeRunnable(p)
		} else {
			p.state = psWaiting
			if !p.shedDue {
				p.shedDue = true
				s.toShed = append(s.toShed, p)
			}
		}
	case statusBreak:
		p.state = psStopped
		s.parked[p] = true
	case statusDone:
		v.terminate(p, term.Normal, nil)
	case statusError:
		reason := exitReason(p.exc)
		if k := p.ext.killedBy(); k != (term.Term{}) {
			reason = k
		} else if p.exc.Class != term.Exit && !p.root {
			v.crashReport(p, reason)
		}
		v.terminate(p, reason, p.exc)
	}
}

// crashReport prints BEAM's report for a process that died of an error.
func (v *VM) crashReport(p *proc, reason term.Term) {
	w := v.cfg.stderr
	fmt.Fprintf(w, "=ERROR REPORT==== %s ===\nError in process %s with exit value:\n%s\n\n",
		v.now().Format("2-Jan-2006::15:04:05.000000"), showPid(p.pid), Show(reason))
}

func showPid(id uint64) string { return fmt.Sprintf("<0.%d.0>", id) }

// terminate ends p with reason: exit signals to its links, 'DOWN' to its
// monitors, its name released. World is held.
func (v *VM) terminate(p *proc, reason term.Term, exc *Exception) {
	if p.state == psExited {
		return
	}
	s := v.sched
	p.state = psExited
	if exc == nil && !reason.IsAtom("normal") {
		exc = &Exception{Class: term.Exit, Reason: reason, Stacktrace: term.Nil}
	}
	p.exc = exc
	s.procs.del(p.pid)
	delete(s.parked, p)
	if p.recvTimer != nil {
		s.cancel(p.recvTimer)
		p.recvTimer = nil
	}
	if x := p.ext; x != nil {
		v.releaseExtra(p, x, reason)
		p.ext = nil
	}
	p.mailbox = nil
	v.stacks.release(p)
	p.chunks, p.fsegs, p.fcur, p.fseg, p.ftop, p.handlers = nil, nil, nil, 0, 0, nil
	v.dbg.exitedLocked(p, reason, exc)
	s.poke()
}

// releaseExtra ends what p's extra state holds, for terminate: its name
// released, exit signals to its links, its monitors dropped at the other
// end, 'DOWN' to the processes monitoring it.
func (v *VM) releaseExtra(p *proc, x *procExtra, reason term.Term) {
	s := v.sched
	if x.name != "" {
		delete(s.names, x.name)
		x.name = ""
	}
	self := term.MakePid(p.pid)
	links := x.links
	x.links = nil
	for _, id := range links {
		if q := s.procs.get(id); q != nil {
			q.unlink(p.pid)
			v.exitSignal(self, q, reason, true)
		}
	}
	// p is out of s.procs: nothing below changes p's own sets while
	// they are walked.
	for _, m := range x.monitors.live() {
		if q := s.procs.get(m.other); q != nil {
			q.dropMonitor(m.ref, false)
		}
	}
	down := s.sig.down
	for _, m := range x.monitoredBy.live() {
		if q := s.procs.get(m.other); q != nil {
			q.dropMonitor(m.ref, true)
			if al := s.aliases[m.ref]; al != nil && al.mode != "explicit_unalias" {
				delete(s.aliases, m.ref)
			}
			v.deliver(q, term.MakeTuple(down, term.MakeRef(m.ref), s.sig.process, m.target(self, v), reason))
		}
	}
}

// exitSignal sends an exit signal with reason from `from` to q (linked:
// it comes from a link, not exit/2).
func (v *VM) exitSignal(from term.Term, q *proc, reason term.Term, linked bool) {
	if q.state == psExited {
		return
	}
	kill := reason.IsAtom("kill")
	switch {
	case kill && !linked:
		v.killProc(q, v.sched.sig.killed)
	case q.trapExit:
		v.deliver(q, term.MakeTuple(v.sched.sig.exit, from, reason))
	case reason.IsAtom("normal") && !(from.Kind() == term.KindPid && from.ID() == q.pid):
	default:
		v.killProc(q, reason)
	}
}

// killProc ends q with reason, whether it runs now or not.
func (v *VM) killProc(q *proc, reason term.Term) {
	if q.state == psRunning {
		// q is the process running this slice: it stops at the end of
		// the BIF that signalled it.
		q.x().killReason = reason
		return
	}
	v.terminate(q, reason, nil)
}

// monitor is one end of a monitor.
type monitor struct {
	ref   uint64
	other uint64 // the pid at the other end
	name  string // monitored by registered name
}

func (m monitor) target(self term.Term, v *VM) term.Term {
	if m.name != "" {
		return term.MakeTuple(v.atom(m.name), term.Nonode)
	}
	return self
}

// procExtra is the state most processes never use, made on first use
// (proc.x): links, monitors, the process dictionary, a registered name,
// a priority, a kill. A waiting worker's proc stays in a smaller size
// class without it (docs/rationale.md, "vm: fewer allocations per
// process").
type procExtra struct {
	links       []uint64
	monitors    monitorSet  // the monitors this process holds
	monitoredBy monitorSet  // the processes monitoring it
	dict        []term.Term // the process dictionary as {Key, Value} tuples
	name        string      // registered name
	prio        string      // process_flag(priority): "" is normal
	killReason  term.Term   // set when the running process is killed by a signal
	// watch1 holds monitoredBy's first entry: a spawned worker that one
	// supervisor or caller monitors then needs no slice of its own. The
	// 32 bytes take procExtra from the 160- to the 192-byte size class,
	// the bytes the separate slice cost, with one allocation fewer per
	// monitored process (Spawn10k). procExtra is never copied, so the
	// slice into it stays valid.
	watch1 [1]monitor
}

// watch adds m to the processes monitoring x's process.
func (x *procExtra) watch(m monitor) {
	if x.monitoredBy.ms == nil {
		x.monitoredBy.ms = x.watch1[:0:1]
	}
	x.monitoredBy.add(m)
}

// x returns p's extra state, making it on first use.
func (p *proc) x() *procExtra {
	if p.ext == nil {
		p.ext = &procExtra{}
	}
	return p.ext
}

// The readers below take a nil *procExtra as the empty state.

func (x *procExtra) linkList() []uint64 {
	if x == nil {
		return nil
	}
	return x.links
}

func (x *procExtra) dictionary() []term.Term {
	if x == nil {
		return nil
	}
	return x.dict
}

func (x *procExtra) regName() string {
	if x == nil {
		return ""
	}
	return x.name
}

func (x *procExtra) priority() string {
	if x == nil {
		return ""
	}
	return x.prio
}

func (x *procExtra) killedBy() term.Term {
	if x == nil {
		return term.Term{}
	}
	return x.killReason
}

func (x *procExtra) held() *monitorSet {
	if x == nil {
		return nil
	}
	return &x.monitors
}

func (x *procExtra) watchers() *monitorSet {
	if x == nil {
		return nil
	}
	return &x.monitoredBy
}

func (p *proc) unlink(id uint64) {
	x := p.ext
	if x == nil {
		return
	}
	for i, l := range x.links {
		if l == id {
			x.links = append(x.links[:i], x.links[i+1:]...)
			return
		}
	}
}

func (p *proc) linkedTo(id uint64) bool {
	for _, l := range p.ext.linkList() {
		if l == id {
			return true
		}
	}
	return false
}

// link links p and q (not yet linked).
func (p *proc) link(q *proc) {
	px, qx := p.x(), q.x()
	px.links = append(px.links, q.pid)
	qx.links = append(qx.links, p.pid)
}

// dropMonitor removes a monitor by reference from p's monitors (held) or
// monitoredBy tables.
func (p *proc) dropMonitor(ref uint64, held bool) (monitor, bool) {
	if p.ext == nil {
		return monitor{}, false
	}
	if held {
		return p.ext.monitors.drop(ref)
	}
	return p.ext.monitoredBy.drop(ref)
}

// monitorSet is one side of a process's monitors, in creation order,
// which is reference order: references only grow. Most processes hold
// none or one or two, and two Go maps per monitor pair cost ~750 bytes;
// a sorted slice costs 32 a monitor. A drop marks its entry dead (other
// 0: no process has pid 0) instead of moving the entries after it, and
// the dead are swept out once they are half the slice, so a server that
// thousands of callers monitor and demonitor, a gen_server:call each,
// pays O(log n) per monitor and demonitor, as with a map.
type monitorSet struct {
	ms   []monitor
	dead int
}

// len is the number of live monitors; s may be nil.
func (s *monitorSet) len() int {
	if s == nil {
		return 0
	}
	return len(s.ms) - s.dead
}

// live returns the live monitors, oldest first (the set's own slice,
// swept: valid until the set changes); s may be nil.
func (s *monitorSet) live() []monitor {
	if s == nil {
		return nil
	}
	if s.dead > 0 {
		s.sweep()
	}
	return s.ms
}

// add inserts m, normally at the end (the newest reference).
func (s *monitorSet) add(m monitor) {
	if n := len(s.ms); n == 0 || s.ms[n-1].ref < m.ref {
		if n == cap(s.ms) && n >= 256 {
			// Double, where append grows a large slice by a quarter:
			// growing to n allocates about 2n entries instead of 5n
			// (a process monitoring 50,000 others: 3 MB, not 8).
			s.ms = append(make([]monitor, 0, 2*n), s.ms...)
		}
		s.ms = append(s.ms, m)
		return
	}
	i := s.find(m.ref)
	s.ms = append(s.ms, monitor{})
	copy(s.ms[i+1:], s.ms[i:])
	s.ms[i] = m
}

// find returns the index of the first entry whose reference is at least
// ref.
func (s *monitorSet) find(ref uint64) int {
	lo, hi := 0, len(s.ms)
	for lo < hi {
		mid := int(uint(lo+hi) >> 1)
		if s.ms[mid].ref < ref {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return lo
}

// drop removes the monitor ref and returns it.
func (s *monitorSet) drop(ref uint64) (monitor, bool) {
	i := s.find(ref)
	if i == len(s.ms) || s.ms[i].ref != ref || s.ms[i].other == 0 {
		return monitor{}, false
	}
	m := s.ms[i]
	if i == len(s.ms)-1 {
		// The newest (a call's monitor, dropped at its reply): trim it
		// and any dead before it.
		s.ms[i] = monitor{}
		s.ms = s.ms[:i]
		for n := i; n > 0 && s.ms[n-1].other == 0; n-- {
			s.ms[n-1] = monitor{}
			s.ms = s.ms[:n-1]
			s.dead--
		}
	} else {
		s.ms[i] = monitor{ref: ref} // dead, kept for the search order
		s.dead++
	}
	if 2*s.dead > len(s.ms) {
		s.sweep()
	}
	return m, true
}

// sweep moves the live monitors to the front, clearing the slots left
// behind so that they hold no name.
func (s *monitorSet) sweep() {
	out := s.ms[:0]
	for _, m := range s.ms {
		if m.other != 0 {
			out = append(out, m)
		}
	}
	clear(s.ms[len(out):])
	s.ms, s.dead = out, 0
	if len(s.ms) == 0 {
		s.ms = nil // a process monitored once and then no more holds no array
	}
}

// virtualSlice is how far simulated time moves per full reduction slice
// (BEAM runs 4,000 reductions in some tens of microseconds).
const virtualSlice = 100 * time.Microsecond

// now is the VM's clock.
func (v *VM) now() time.Time {
	if v.cfg.virtualTime {
		return time.Unix(0, v.vclock.Load())
	}
	if v.cfg.clock != nil {
		return v.cfg.clock()
	}
	return time.Now()
}

// ErrDeadlock is returned by Call when the called process waits in
// receive and nothing can ever wake it: no runnable process, no timer, no
// process stopped in the debugger, no outside sender.
var ErrDeadlock = errors.New("every process is waiting in receive and nothing can wake them")

// runUntil drives the scheduler until done reports true (checked with
// world held).
//
// It runs slices in batches under one hold of the world lock: a message
// ping-pong switches process every few reductions, and taking the lock,
// reading the clock and polling the host per switch cost more than the
// Erlang work (the ring benchmark went from 1.3 µs to under 1 µs a hop).
// Between batches it lets the host and the debugger in.
func (v *VM) runUntil(done func() bool) error {
	const batch = 64
	d := v.dbg
	used := int64(0)
	for {
		d.world.Lock()
		if v.halted != nil {
			d.world.Unlock()
			return v.halted
		}
		v.drainInbox()
		if done() {
			d.world.Unlock()
			return nil
		}
		v.resumeParked()
		now := v.now()
		v.fireTimers(now)
		ran := 0
		for ran < batch {
			p := v.sched.next()
			if p == nil {
				break
			}
			ran++
			st := d.runSliceLocked(p, sliceReductions)
			if st == statusYield {
				p.reds += sliceReductions
				used += sliceReductions
				v.sched.preempted++
				if v.cfg.virtualTime {
					v.vclock.Add(int64(virtualSlice))
				}
			}
			v.afterSlice(p, st)
			if done() || v.halted != nil {
				break
			}
		}
		v.shedWaiting(now, ran < batch)
		if ran == 0 {
			wake := v.sched.wake
			v.sched.sleepers = true
			var wait time.Duration = -1
			if len(v.sched.timers) > 0 {
				wait = v.sched.timers.peek().at.Sub(now)
			}
			if wait >= 0 && v.cfg.virtualTime {
				// Nothing can run before the next timer: jump to it.
				v.vclock.Add(int64(wait))
				d.world.Unlock()
				continue
			}
			idle := wait < 0 && len(v.sched.parked) == 0 && !v.cfg.outsideEvents && d.stoppedCount() == 0
			d.world.Unlock()
			if idle {
				return ErrDeadlock
			}
			if v.cfg.interrupt != nil {
				if err := v.cfg.interrupt(); err != nil {
					return err
				}
			}
			v.sleep(wake, wait)
			continue
		}
		d.world.Unlock()
		if v.cfg.interrupt != nil {
			if err := v.cfg.interrupt(); err != nil {
				return err
			}
		}
		if v.cfg.maxReductions > 0 && used >= v.cfg.maxReductions {
			return ErrReductions
		}
	}
}

// shedEvery is how often a busy scheduler sheds the stacks of the
// processes that waited since (an idle one does it at once).
const shedEvery = 100 * time.Millisecond

// shedWaiting sheds the stacks (stack.go) of the processes in toShed that
// are still stopped at the receive they waited in, once shedEvery has
// passed since the last time, or now when idle (the run queue ran dry).
// Shedding at every wait cost a message ring 10–20% natively: its
// relays wait for a few microseconds at a time, and what a wait's clears
// write, the GC's write barrier records. Deferred, a relay is shed once
// per pass at most, and a server that waits for its next request has let
// go of the last one's dead data within shedEvery. World is held.
func (v *VM) shedWaiting(now time.Time, idle bool) {
	s := v.sched
	if len(s.toShed) == 0 || !idle && now.Sub(s.shedAt) < shedEvery {
		return
	}
	// A call from a frame with no room above it gathered its arguments
	// in args (gatherAbove); they are read before anything else
	// gathers, so no process needs them now. Cleared here, once a pass,
	// rather than flagged in argSlots: a store there, on run's call
	// path, coincided with the plain wasm build's Fib27 going from
	// 0.35-0.43 to 0.79-0.88 s (docs/rationale.md).
	clear(s.args[:])
	for i, p := range s.toShed {
		s.toShed[i] = nil
		p.shedDue = false
		if p.state == psWaiting && p.nframes() > 0 {
			if top := p.top(); top.fn.code[top.pc].op == opRecvWait {
				p.shed()
			}
		}
	}
	s.toShed = s.toShed[:0]
	s.shedAt = now
}

// sleep waits until wake is closed or wait has passed (wait < 0: no
// deadline, but still wake up now and then to poll the interrupt).
func (v *VM) sleep(wake chan struct{}, wait time.Duration) {
	v.stacks.drop() // idle: give the pooled stacks back to the GC
	const poll = 50 * time.Millisecond
	if wait < 0 || wait > poll {
		wait = poll
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-wake:
	case <-t.C:
	}
}

// resumeParked makes runnable the processes the debugger resumed.
func (v *VM) resumeParked() {
	for p := range v.sched.parked {
		if p.dbg == nil || p.dbg.stopped {
			continue // stopped: parked until Continue or Step
		}
		if !p.dbg.resume {
			continue
		}
		p.dbg.resume = false
		delete(v.sched.parked, p)
		p.state = psWaiting
		p.resumed = true
		v.sched.makeRunnable(p)
	}
}

// drainInbox delivers the messages sent from outside.
func (v *VM) drainInbox() {
	v.inboxMu.Lock()
	in := v.sched.inbox
	v.sched.inbox = nil
	v.inboxMu.Unlock()
	for _, m := range in {
		if q := v.whereTo(m.to); q != nil {
			v.deliver(q, m.msg)
		}
	}
}

// Spawn starts a process running module:function(args...) and returns
// its pid; Run or Call makes it run.
func (v *VM) Spawn(module, function string, args ...term.Term) (term.Term, error) {
	v.dbg.world.Lock()
	defer v.dbg.world.Unlock()
	q, err := v.spawnProc(nil, func(q *proc) error { q.startMFA(module, function, args); return nil })
	if err != nil {
		return term.Nil, fmt.Errorf("spawning %s:%s/%d: %w", module, function, len(args), err)
	}
	return term.MakePid(q.pid), nil
}

// Send delivers msg to a pid or registered name from outside the VM; it is
// safe to call from any goroutine, also while Erlang code runs.
func (v *VM) Send(to, msg term.Term) {
	v.inboxMu.Lock()
	v.sched.inbox = append(v.sched.inbox, outsideMsg{to, msg})
	v.inboxMu.Unlock()
	v.dbg.world.Lock()
	v.sched.poke()
	v.dbg.world.Unlock()
}

// Run drives every process until stop returns true (polled between
// slices and while idle, at least every 50 ms) or an interrupt error.
func (v *VM) Run(stop func() bool) error {
	return v.runUntil(stop)
}

// Preemptions returns how many reduction slices have ended with their
// budget spent, a measure of the work done that, unlike a count of
// slices, does not grow with the processes that only pass a message on
// and wait (a stop function of Run uses it to pace what it does between
// slices). Call it with the VM locked, as Run's stop function is.
func (v *VM) Preemptions() uint64 { return v.sched.preempted }

// Alive reports whether the process pid is alive.
func (v *VM) Alive(pid term.Term) bool {
	v.dbg.world.Lock()
	defer v.dbg.world.Unlock()
	ok := v.sched.procs.has(pid.ID())
	return ok
}

// KillProcess ends a process as exit(Pid, kill) does.
func (v *VM) KillProcess(pid term.Term) error {
	v.dbg.world.Lock()
	defer v.dbg.world.Unlock()
	q := v.sched.procs.get(pid.ID())
	if q == nil {
		return fmt.Errorf("pid %s: %w", showPid(pid.ID()), ErrNoProcess)
	}
	v.exitSignal(term.MakePid(0), q, v.atom("kill"), false)
	return nil
}

// ProcessCount returns the number of live processes.
func (v *VM) ProcessCount() int {
	v.dbg.world.Lock()
	defer v.dbg.world.Unlock()
	return v.sched.procs.len()
}

// armReceive starts a receive's timeout t (milliseconds or infinity). It
// reports whether the timeout has already passed (after 0), and false ok
// for a bad timeout value.
func (p *proc) armReceive(t term.Term) (expired, ok bool) {
	if t.IsAtom("infinity") {
		p.recvArmed = true
		return false, true
	}
	ms, isInt := t.Int()
	if !isInt || ms < 0 || ms > 0xFFFFFFFF {
		return false, false
	}
	p.recvArmed = true
	if ms == 0 {
		return true, true
	}
	tm := &timer{at: p.vm.now().Add(time.Duration(ms) * time.Millisecond), owner: p}
	p.vm.sched.add(tm)
	p.recvTimer = tm
	return false, true
}

// endReceive resets the receive state once a message was taken or the
// timeout ran.
func (p *proc) endReceive() {
	p.save = 0
	p.timedOut = false
	p.recvArmed = false
	if p.recvTimer != nil {
		p.vm.sched.cancel(p.recvTimer)
		p.recvTimer = nil
	}
}

// takeMessage removes the message at the scan position. The messages
// before it move up one place and the queue's front is sliced off, so
// taking the oldest message (the common case) costs O(1) and a selective
// receive pays only for the prefix it scanned.
func (p *proc) takeMessage() {
	if p.save > 0 {
		// Not called for nothing: in the wasm build the copy's call
		// (typedslicecopy) was 2% of a message ring.
		copy(p.mailbox[1:p.save+1], p.mailbox[:p.save])
	}
	p.mailbox[0] = term.Term{}
	if len(p.mailbox) == 1 {
		// Emptied: keep the array, so that the next message (a ring or
		// a request-reply loop: one message at a time) allocates
		// nothing.
		p.mailbox = p.mailbox[:0]
		return
	}
	p.mailbox = p.mailbox[1:]
}
