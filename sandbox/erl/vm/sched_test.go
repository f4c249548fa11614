package vm

import (
	"fmt"
	"slices"
	"testing"
	"unsafe"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

func refsOf(ms []monitor) []uint64 {
	var out []uint64
	for _, m := range ms {
		out = append(out, m.ref)
	}
	return out
}

func TestMonitorSet(t *testing.T) {
	var s monitorSet
	for r := uint64(1); r <= 10; r++ {
		s.add(monitor{ref: r * 10, other: r})
	}
	// Out of order: lands in reference order.
	s.add(monitor{ref: 55, other: 99})
	if got, want := refsOf(s.live()), []uint64{10, 20, 30, 40, 50, 55, 60, 70, 80, 90, 100}; !slices.Equal(got, want) {
		t.Fatalf("live = %v, want %v", got, want)
	}
	if m, ok := s.drop(55); !ok || m.other != 99 {
		t.Fatalf("drop(55) = %v, %v", m, ok)
	}
	if _, ok := s.drop(55); ok {
		t.Fatal("drop(55) twice succeeded")
	}
	if _, ok := s.drop(7); ok {
		t.Fatal("drop of an unknown reference succeeded")
	}
	// Oldest first, as the processes a spawner monitors die: dead
	// entries stay until they are half the slice.
	for _, r := range []uint64{10, 20, 30} {
		if _, ok := s.drop(r); !ok {
			t.Fatalf("drop(%d) failed", r)
		}
	}
	if s.len() != 7 || s.dead != 4 {
		t.Fatalf("len %d dead %d, want 7 and 4", s.len(), s.dead)
	}
	if _, ok := s.drop(20); ok {
		t.Fatal("a dead entry was dropped again")
	}
	if m, ok := s.drop(60); !ok || m.other != 6 || s.dead != 5 {
		t.Fatalf("drop(60) = %v, %v (%d dead)", m, ok, s.dead)
	}
	if _, ok := s.drop(70); !ok {
		t.Fatal("drop(70) failed")
	}
	if s.dead != 0 || len(s.ms) != 5 {
		t.Fatalf("no sweep past half dead: %d entries, %d dead", len(s.ms), s.dead)
	}
	if got, want := refsOf(s.live()), []uint64{40, 50, 80, 90, 100}; !slices.Equal(got, want) {
		t.Fatalf("live = %v, want %v", got, want)
	}
	// Newest first trims, and takes the dead before it along.
	s.drop(80)
	s.drop(100)
	if got, want := refsOf(s.ms), []uint64{40, 50, 80, 90}; !slices.Equal(got, want) {
		t.Fatalf("entries = %v, want %v", got, want)
	}
	s.drop(90)
	if got, want := refsOf(s.ms), []uint64{40, 50}; !slices.Equal(got, want) || s.dead != 0 {
		t.Fatalf("entries = %v (dead %d), want %v", got, s.dead, want)
	}
	for _, r := range []uint64{50, 40} {
		s.drop(r)
	}
	if len(s.ms) != 0 || s.len() != 0 {
		t.Fatalf("emptied set keeps %v", s.ms)
	}
	var none *monitorSet
	if none.len() != 0 || none.live() != nil {
		t.Fatal("a nil set is not empty")
	}
}

// A server that many callers monitor, each dropped in its own order,
// keeps the set's size to the live monitors (plus the dead it has not
// swept yet).
func TestMonitorSetChurn(t *testing.T) {
	var s monitorSet
	live := map[uint64]bool{}
	ref := uint64(0)
	for round := range 200 {
		for range 50 {
			ref++
			s.add(monitor{ref: ref, other: ref})
			live[ref] = true
		}
		// Drop every other live one, then a few of the newest.
		n := 0
		for r := range live {
			if n%2 == round%2 {
				if _, ok := s.drop(r); !ok {
					t.Fatalf("drop(%d) failed", r)
				}
				delete(live, r)
			}
			n++
		}
		if s.len() != len(live) || len(s.ms) > 2*len(live)+1 {
			t.Fatalf("round %d: len %d, %d entries, %d live", round, s.len(), len(s.ms), len(live))
		}
	}
	got := refsOf(s.live())
	if !slices.IsSorted(got) || len(got) != len(live) {
		t.Fatalf("live not sorted or wrong size: %d, want %d", len(got), len(live))
	}
	for _, r := range got {
		if !live[r] {
			t.Fatalf("dropped %d still live", r)
		}
	}
}

func TestRunQueue(t *testing.T) {
	v := New(NewConfig())
	s := v.sched
	ps := make([]*proc, 40)
	for i := range ps {
		ps[i] = &proc{vm: v, pid: uint64(i + 1), state: psWaiting}
	}
	// FIFO order through slides and growth: push 5, pop 3, repeatedly.
	var want, got []uint64
	next := 0
	for range 8 {
		for range 5 {
			s.makeRunnable(ps[next])
			want = append(want, ps[next].pid)
			next++
		}
		for range 3 {
			p := s.next()
			got = append(got, p.pid)
			p.state = psWaiting
		}
	}
	for p := s.next(); p != nil; p = s.next() {
		got = append(got, p.pid)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("popped %v, want %v", got, want)
	}
	if len(s.runq) != 0 || s.runqHead != 0 {
		t.Fatalf("empty queue is runq[%d:%d]", s.runqHead, len(s.runq))
	}
	for _, p := range s.runq[:cap(s.runq)] {
		if p != nil {
			t.Fatalf("the queue's array still holds pid %d", p.pid)
		}
	}
	// A ring's flow, one or two runnable at a time, allocates nothing.
	a, b := ps[0], ps[1]
	a.state, b.state = psWaiting, psWaiting
	if n := testing.AllocsPerRun(100, func() {
		s.makeRunnable(a)
		s.makeRunnable(b)
		s.next().state = psWaiting
		s.makeRunnable(a)
		s.next().state = psWaiting
		s.next().state = psWaiting
	}); n != 0 {
		t.Fatalf("%v allocations per round", n)
	}
}

func TestMailboxReuse(t *testing.T) {
	v := New(NewConfig())
	p := &proc{vm: v, pid: 1, state: psRunning}
	msg := term.MakeTuple(term.MakeAtom("hop"), term.MakeInt(1))
	v.deliver(p, msg)
	p.takeMessage()
	// One message at a time: the emptied mailbox's array takes the next.
	if n := testing.AllocsPerRun(100, func() {
		v.deliver(p, msg)
		p.takeMessage()
	}); n != 0 {
		t.Fatalf("%v allocations per message", n)
	}
	if len(p.mailbox) != 0 || p.mailbox[:1][0] != (term.Term{}) {
		t.Fatal("a taken message stays in the mailbox's array")
	}
	// A selective receive takes the second; the first stays.
	v.deliver(p, term.MakeAtom("a"))
	v.deliver(p, term.MakeAtom("b"))
	p.save = 1
	p.takeMessage()
	if len(p.mailbox) != 1 || !p.mailbox[0].IsAtom("a") {
		t.Fatalf("mailbox %v, want [a]", p.mailbox)
	}
}

// Spawned processes get no debugger state until the debugger acts on
// one, and the debugger still lists them all.
func TestDebuggerStateLazy(t *testing.T) {
	v := New(NewConfig().WithOutsideEvents(true))
	if err := v.LoadModule("idle.erl", []byte(idleSrc)); err != nil {
		t.Fatal(err)
	}
	if _, err := v.Call("idle", "start", term.MakeInt(3)); err != nil {
		t.Fatal(err)
	}
	if err := v.Run(func() bool { return len(v.sched.runq) == 0 }); err != nil {
		t.Fatal(err)
	}
	d := v.Debugger()
	ps := d.Processes()
	if len(ps) != 3 {
		t.Fatalf("%d processes listed, want 3", len(ps))
	}
	for _, in := range ps {
		if in.InitialCall != "idle:wait/0" || in.Status != "waiting" || in.Stopped {
			t.Fatalf("process %+v", in)
		}
	}
	if len(d.procs) != 0 {
		t.Fatalf("%d processes have debugger state before any debugging", len(d.procs))
	}
	pid := ps[1].Pid
	if err := d.Continue(pid); err == nil {
		t.Fatal("Continue of a running process succeeded")
	}
	if err := d.Pause(pid); err != nil {
		t.Fatal(err)
	}
	if in, err := d.Process(pid); err != nil || !in.Stopped || in.Reason != StopPause {
		t.Fatalf("after Pause: %+v, %v", in, err)
	}
	if len(d.procs) != 1 {
		t.Fatalf("%d processes have debugger state after one Pause", len(d.procs))
	}
	if err := d.Kill(pid); err != nil {
		t.Fatal(err)
	}
	if err := v.Run(func() bool { return v.sched.procs.len() == 2 }); err != nil {
		t.Fatal(err)
	}
	if len(d.procs) != 0 {
		t.Fatalf("a killed process keeps its debugger state")
	}
	if err := d.Pause(pid); err == nil {
		t.Fatal("Pause of an exited process succeeded")
	}
}

// BenchmarkMonitorChurn is a server that live callers monitor, each
// monitor dropped in no particular order (a call's reply; a caller that
// died): one monitor made and one dropped per op.
func BenchmarkMonitorChurn(b *testing.B) {
	for _, live := range []int{2, 100, 10000} {
		b.Run(fmt.Sprint(live), func(b *testing.B) {
			var s monitorSet
			refs := make([]uint64, live)
			ref := uint64(0)
			for i := range refs {
				ref++
				refs[i] = ref
				s.add(monitor{ref: ref, other: ref})
			}
			x := uint64(1)
			b.ReportAllocs()
			for b.Loop() {
				x = x*6364136223846793005 + 1442695040888963407
				i := int(x>>33) % live
				if _, ok := s.drop(refs[i]); !ok {
					b.Fatal("drop failed")
				}
				ref++
				refs[i] = ref
				s.add(monitor{ref: ref, other: ref})
			}
		})
	}
}

// A call from a frame with no room above it (a process's first chunk
// holds exactly its first function's registers) gathers its arguments
// into the scheduler's slots, not a fresh slice.
func TestArgSlots(t *testing.T) {
	v := New(NewConfig())
	p := &proc{vm: v, pid: 1}
	fn := &Func{name: "f", nregs: 3}
	p.start(fn, []term.Term{term.MakeInt(1), term.MakeInt(2), term.MakeInt(3)})
	fr := p.top()
	if len(fr.regs) != fn.nregs {
		t.Fatalf("first chunk has %d registers, want exactly %d", len(fr.regs), fn.nregs)
	}
	var args []term.Term
	if n := testing.AllocsPerRun(10, func() { args = p.gatherAbove(fr, []int32{2, 0}) }); n != 0 {
		t.Fatalf("%v allocations per gather", n)
	}
	if len(args) != 2 || cap(args) != 2 || args[0] != term.MakeInt(3) || args[1] != term.MakeInt(1) {
		t.Fatalf("args %v (cap %d), want [3 1] capped at 2", args, cap(args))
	}
	if more := append(args, term.Nil); &more[0] == &args[0] {
		t.Fatal("an append wrote past the slots")
	}
	long := make([]int32, argsMax+1)
	if got := p.gatherAbove(fr, long); len(got) != argsMax+1 || got[argsMax] != term.MakeInt(1) {
		t.Fatalf("a call with %d arguments: %v", argsMax+1, got)
	}
}

// The proc stays in the 384-byte size class: a field added past it costs
// every process 32 bytes more (the next class is 416), so make room
// first (procExtra holds what most processes never use).
func TestProcSizeClass(t *testing.T) {
	if n := unsafe.Sizeof(proc{}); n > 384 {
		t.Errorf("proc is %d bytes, over its 384-byte size class", n)
	}
}

// A process's first watcher lives inside its procExtra: monitoring a
// fresh process allocates nothing beyond the procExtra, which stays in
// the 192-byte size class, and the set still grows, drops and sweeps.
func TestFirstWatcherInline(t *testing.T) {
	if n := unsafe.Sizeof(procExtra{}); n > 192 {
		t.Errorf("procExtra is %d bytes, over its 192-byte size class", n)
	}
	x := &procExtra{}
	allocs := testing.AllocsPerRun(100, func() {
		x.monitoredBy = monitorSet{}
		x.watch(monitor{ref: 1, other: 7})
	})
	if allocs != 0 {
		t.Errorf("the first watcher cost %v allocations, want 0", allocs)
	}
	x.watch(monitor{ref: 2, other: 8})
	x.watch(monitor{ref: 3, other: 9})
	if _, ok := x.monitoredBy.drop(2); !ok {
		t.Fatal("drop of the second watcher failed")
	}
	live := x.monitoredBy.live()
	if len(live) != 2 || live[0].other != 7 || live[1].other != 9 {
		t.Fatalf("watchers after a drop: %+v", live)
	}
	if x.watch1[0].other != 7 {
		t.Errorf("the inline slot was overwritten: %+v", x.watch1[0])
	}
}
