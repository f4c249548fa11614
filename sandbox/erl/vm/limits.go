package vm

import "github.com/otpbox/otpbox/sandbox/erl/term"

// binaryTooLarge reports whether the binary that segs build from regs
// would hold more than max bytes, counting the binary and bits segments
// (the ones that can make a binary grow without bound) before anything
// is allocated.
func binaryTooLarge(regs []term.Term, segs []segment, max int64) bool {
	var n int64
	for _, s := range segs {
		if v := regs[s.valReg]; v.Kind() == term.KindBits {
			n += int64(v.Bits().Size / 8)
		}
	}
	return n > max
}

// limitHit tells the event listeners that pid (0: the host) was refused
// a process or an atom by a configured bound (a catchable system_limit,
// which the sandbox reports as a limit hit beside the limits that stop
// it). The caller holds the world lock, as for the other events.
func (v *VM) limitHit(pid uint64, name string, max int) {
	v.dbg.emit(Event{Kind: EventLimitHit, Pid: pid, Name: name, Other: uint64(max)})
}

// newAtom interns name for a BIF that makes atoms from data
// (list_to_atom, binary_to_atom): system_limit when the table is full,
// reported as a limit hit, or when the name is longer than an atom may be.
func (p *proc) newAtom(name string) (term.Term, bool) {
	t, err := p.vm.atoms.Intern(name)
	if err != nil {
		if n := p.vm.atoms.Len(); n >= p.vm.cfg.atomLimit {
			p.vm.limitHit(p.pid, "atoms", p.vm.cfg.atomLimit)
		}
		return p.fail(term.SystemLimit)
	}
	return t, true
}
