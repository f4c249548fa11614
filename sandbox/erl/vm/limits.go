package vm

import (
	"errors"
	"fmt"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

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

// atomRoom checks, before a module is compiled, that its atoms fit in
// the atom table, so that a module that does not fit adds none of them
// (the table stays as it was) and the error points at the first atom,
// in source order, that did not fit. The few atoms the compiler makes
// itself are not counted: one that finds the table full fails the
// compile where it is made (compiler.atom), without a position.
func (c *compiler) atomRoom(file *syntax.File) error {
	room := c.vm.cfg.atomLimit - c.atoms.Len()
	seen := map[string]bool{}
	var err error
	syntax.Inspect(file, func(n syntax.Node) bool {
		if err != nil {
			return false
		}
		var name string
		switch n := n.(type) {
		case *syntax.Atom:
			name = n.Name
		case *syntax.Function:
			name = n.Name
		default:
			return true
		}
		if seen[name] {
			return true
		}
		seen[name] = true
		if _, ok := c.atoms.Existing(name); ok {
			return true
		}
		if room--; room < 0 {
			err = c.atomError(n.Span().Pos, name, term.ErrSystemLimit)
		}
		return true
	})
	return err
}

// atomError is the compile error for an atom that could not be made:
// the table is full (the atom limit, named as the sandbox names it), or
// the name is too long.
func (c *compiler) atomError(pos syntax.Pos, name string, err error) error {
	limit := c.vm.cfg.atomLimit
	if !errors.Is(err, term.ErrSystemLimit) || c.atoms.Len() < limit && len([]rune(name)) > 255 {
		return &compileError{file: c.m.file, pos: pos, msg: fmt.Sprintf("atom '%s': %v", name, err)}
	}
	return atomLimitError(c.m.file, pos, name, limit)
}

// atomLimitError is the error for a module refused because its atom name
// did not fit in a table of limit atoms, compiled or decoded.
func atomLimitError(file string, pos syntax.Pos, name string, limit int) *compileError {
	return &compileError{file: file, pos: pos, atomLimit: limit,
		msg: fmt.Sprintf("atom '%s' does not fit in the atom table: atom count limit (%d) exceeded", name, limit)}
}

// raiseUnresolved raises in p what a call to mod:name(args) that could
// not be resolved (err, from resolve) gives: system_limit when loading
// the module ran out of atoms, reported as a limit hit from p as
// list_to_atom's refusal is; undef otherwise.
func (p *proc) raiseUnresolved(err error, mod, name string, args []term.Term) bool {
	var ce *compileError
	if !errors.As(err, &ce) || ce.atomLimit == 0 {
		return p.raiseUndef(mod, name, args)
	}
	p.vm.limitHit(p.pid, "atoms", ce.atomLimit)
	top := term.MakeTuple(p.vm.atom(mod), p.vm.atom(name), term.MakeList(append([]term.Term(nil), args...)...), term.Nil)
	return p.raise(term.Error, term.SystemLimit, p.stacktrace([]term.Term{top}, term.Nil))
}

// atomLimitHit reports a module refused for the atom limit as a limit
// hit by the host (pid 0), as list_to_atom's refusals are.
func (v *VM) atomLimitHit(err error) {
	var ce *compileError
	if errors.As(err, &ce) && ce.atomLimit > 0 {
		v.dbg.world.Lock()
		v.limitHit(0, "atoms", ce.atomLimit)
		v.dbg.world.Unlock()
	}
}
