package vm

import "iter"

// procTable maps live pids to their processes, in place of a Go
// map[uint64]*proc. Every send, link, monitor and exit looks a pid up; in
// the wasm guest (no AES instructions, so Go's map hashes with
// memhash64Fallback) the Go map's hashing and probing took about 5% of a
// message ring (docs/rationale.md, "vm: a process table without Go maps").
//
// It is direct-mapped: pid p lives in slots[p & mask] unless that slot
// holds another live pid (one a multiple of len(slots) away), and then in
// the overflow map. Pids are handed out in sequence, so the processes
// spawned together sit side by side (a spawn burst and the sends that
// follow it walk memory in order; hashed slots cost Spawn a cache miss
// per lookup, more than the Go map), and a lookup is one slot, plus the
// overflow map only when it is not empty, whether the pid is live or long
// dead. The pid itself is the key: a dead pid finds nothing, and the pids'
// printed form and ordering stay exactly as they were.
type procTable struct {
	// slots holds each entry with its pid, so a lookup compares pids
	// without loading the process. len is a power of two, or 0.
	slots    []procSlot
	overflow map[uint64]*proc // live pids whose slot another pid holds
	n        int
}

type procSlot struct {
	pid uint64 // 0: empty (pids start at 1)
	p   *proc
}

// procTableMin is the first table's size: a fresh VM's few processes fit
// without growing.
const procTableMin = 16

// get returns the live process with pid, or nil.
func (t *procTable) get(pid uint64) *proc {
	if len(t.slots) == 0 {
		return nil
	}
	if e := &t.slots[pid&uint64(len(t.slots)-1)]; e.pid == pid {
		return e.p
	}
	if len(t.overflow) == 0 {
		return nil
	}
	return t.overflow[pid]
}

// has reports whether pid is a live process.
func (t *procTable) has(pid uint64) bool { return t.get(pid) != nil }

// put adds p, whose pid is not in the table.
func (t *procTable) put(p *proc) {
	// At most half full, so that few live pids share a slot.
	if 2*(t.n+1) > len(t.slots) {
		t.resize(max(2*len(t.slots), procTableMin))
	}
	t.insert(p)
	t.n++
}

func (t *procTable) insert(p *proc) {
	e := &t.slots[p.pid&uint64(len(t.slots)-1)]
	if e.pid == 0 {
		*e = procSlot{p.pid, p}
		return
	}
	if t.overflow == nil {
		t.overflow = map[uint64]*proc{}
	}
	t.overflow[p.pid] = p
}

// resize moves every process into a table of size slots (a power of two).
func (t *procTable) resize(size int) {
	old, over := t.slots, t.overflow
	t.slots, t.overflow = make([]procSlot, size), nil
	for _, e := range old {
		if e.pid != 0 {
			t.insert(e.p)
		}
	}
	for _, p := range over {
		t.insert(p)
	}
}

// del removes the process with pid, if present.
func (t *procTable) del(pid uint64) {
	if len(t.slots) == 0 {
		return
	}
	if e := &t.slots[pid&uint64(len(t.slots)-1)]; e.pid == pid {
		// An overflow process with this home stays in the overflow map:
		// get looks there whenever the slot does not hold the pid.
		*e = procSlot{}
	} else if _, ok := t.overflow[pid]; ok {
		delete(t.overflow, pid)
	} else {
		return
	}
	t.n--
	// A burst of spawns (a benchmark, a crashed pool) must not pin a
	// large table once its processes are gone.
	if len(t.slots) > procTableMin && 8*t.n < len(t.slots) {
		t.resize(max(len(t.slots)/4, procTableMin))
	}
}

// len is the number of live processes.
func (t *procTable) len() int { return t.n }

// all yields the live processes in no particular order (callers that
// show them sort, as they did over the Go map). Like a Go map's range,
// it is safe when the loop ends processes: it walks a copy of the table
// (an exit may resize it) and skips processes gone since.
func (t *procTable) all() iter.Seq[*proc] {
	return func(yield func(*proc) bool) {
		ps := make([]*proc, 0, t.n)
		for _, e := range t.slots {
			if e.pid != 0 {
				ps = append(ps, e.p)
			}
		}
		for _, p := range t.overflow {
			ps = append(ps, p)
		}
		for _, p := range ps {
			if t.get(p.pid) == p && !yield(p) {
				return
			}
		}
	}
}
