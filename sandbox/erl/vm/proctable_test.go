package vm

import (
	"math/rand/v2"
	"testing"
)

// TestProcTableMatchesMap drives the process table and a Go map with the
// same spawns and exits (pids in sequence, exits in random order, as a VM
// makes them) and checks that every pid, live or dead, looks up alike.
func TestProcTableMatchesMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var tab procTable
	ref := map[uint64]*proc{}
	var live []uint64
	next := uint64(0)
	check := func(step int) {
		t.Helper()
		if tab.len() != len(ref) {
			t.Fatalf("step %d: len %d, want %d", step, tab.len(), len(ref))
		}
		for pid := uint64(1); pid <= next+1; pid++ {
			if got, want := tab.get(pid), ref[pid]; got != want {
				t.Fatalf("step %d: get(%d) = %p, want %p", step, pid, got, want)
			}
		}
		n := 0
		for p := range tab.all() {
			if ref[p.pid] != p {
				t.Fatalf("step %d: all yields %d, not live", step, p.pid)
			}
			n++
		}
		if n != len(ref) {
			t.Fatalf("step %d: all yields %d processes, want %d", step, n, len(ref))
		}
	}
	for step := range 3000 {
		// Bursts of spawns, then of exits, so the table grows and shrinks.
		spawn := (step/500)%2 == 0
		if spawn || len(live) == 0 {
			next++
			p := &proc{pid: next}
			tab.put(p)
			ref[next] = p
			live = append(live, next)
		} else {
			i := rng.IntN(len(live))
			pid := live[i]
			live[i] = live[len(live)-1]
			live = live[:len(live)-1]
			tab.del(pid)
			delete(ref, pid)
			tab.del(pid) // a second exit of the same pid finds nothing
		}
		if step%97 == 0 {
			check(step)
		}
	}
	check(3000)
	if len(tab.slots) > 4*procTableMin && 8*tab.n < len(tab.slots) {
		t.Errorf("%d processes keep %d slots: the table did not shrink", tab.n, len(tab.slots))
	}
}

// TestProcTableAllWhileDeleting ends processes from inside a walk, as
// purging old code does: every process still live is yielded once.
func TestProcTableAllWhileDeleting(t *testing.T) {
	var tab procTable
	for pid := uint64(1); pid <= 200; pid++ {
		tab.put(&proc{pid: pid})
	}
	seen := map[uint64]int{}
	at := map[uint64]int{} // when each pid was yielded
	for p := range tab.all() {
		seen[p.pid]++
		at[p.pid] = len(at)
		if p.pid%2 == 0 {
			tab.del(p.pid)
			tab.del(p.pid + 1) // a later process goes before it is reached
		}
	}
	for pid, n := range seen {
		if n != 1 {
			t.Errorf("pid %d yielded %d times", pid, n)
		}
	}
	for pid := uint64(1); pid <= 200; pid++ {
		if pid%2 == 1 && pid > 1 && seen[pid] != 0 && seen[pid-1] != 0 && at[pid] > at[pid-1] {
			t.Errorf("pid %d yielded after %d ended it", pid, pid-1)
		}
	}
}

// TestProcTableSharedSlot keeps a long-lived process while later pids
// come to its slot: they go to the overflow map and stay findable when
// the slot empties, and the dead pids find nothing.
func TestProcTableSharedSlot(t *testing.T) {
	var tab procTable
	old := &proc{pid: 1}
	tab.put(old)
	size := uint64(len(tab.slots))
	var later []*proc
	for k := uint64(1); k <= 3; k++ {
		p := &proc{pid: 1 + k*size}
		tab.put(p)
		later = append(later, p)
	}
	if len(tab.slots) != int(size) || len(tab.overflow) != 3 {
		t.Fatalf("slots %d (want %d), overflow %d (want 3)", len(tab.slots), size, len(tab.overflow))
	}
	tab.del(old.pid)
	if tab.get(old.pid) != nil {
		t.Errorf("dead pid %d still found", old.pid)
	}
	for _, p := range later {
		if tab.get(p.pid) != p {
			t.Errorf("pid %d lost once its slot emptied", p.pid)
		}
	}
	tab.del(later[1].pid)
	if tab.get(later[1].pid) != nil || tab.get(later[0].pid) != later[0] || tab.len() != 2 {
		t.Errorf("after deleting %d: len %d, get(%d) = %p", later[1].pid, tab.len(), later[0].pid, tab.get(later[0].pid))
	}
}
