package vm

import (
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// raise throws an exception; it reports whether a handler took it (the
// frames are then unwound to the handler).
func (p *proc) raise(class, reason, stack term.Term) bool {
	if n := len(p.handlers); n > 0 {
		h := p.handlers[n-1]
		p.handlers = p.handlers[:n-1]
		p.truncFrames(h.depth)
		fr := p.top()
		fr.pc = h.pc
		r := fr.regs[h.regs:]
		r[0], r[1], r[2] = class, reason, stack
		return true
	}
	p.exc = &Exception{Class: class, Reason: reason, Stacktrace: stack}
	return false
}

// raiseBif raises the error a BIF reported.
func (p *proc) raiseBif(b *bif, args []term.Term) bool {
	class, reason := p.failClass, p.failReason
	p.failClass, p.failReason = term.Term{}, term.Term{}
	if class == (term.Term{}) {
		class = term.Error
	}
	if reason == (term.Term{}) {
		reason = term.Badarg
	}
	var top []term.Term
	if !b.noFrame {
		top = append(top, term.MakeTuple(p.vm.atom(b.mod), p.vm.atom(b.name), term.MakeList(append([]term.Term(nil), args...)...), term.Nil))
	}
	callerArgs := term.Nil
	if p.failArgs != (term.Term{}) {
		callerArgs, p.failArgs = p.failArgs, term.Term{}
	}
	return p.raise(class, reason, p.stacktrace(top, callerArgs))
}

func (p *proc) raiseUndef(mod, name string, args []term.Term) bool {
	top := term.MakeTuple(p.vm.atom(mod), p.vm.atom(name), term.MakeList(append([]term.Term(nil), args...)...), term.Nil)
	return p.raise(term.Error, term.Undef, p.stacktrace([]term.Term{top}, term.Nil))
}

// stacktrace builds BEAM's stack trace: top entries, then one entry per
// frame, the innermost with topArgs in place of its arity when not [].
func (p *proc) stacktrace(top []term.Term, topArgs term.Term) term.Term {
	out := top
	for i := p.nframes() - 1; i >= 0; i-- {
		fr := p.frameAt(i)
		fn := fr.fn
		if fr.pc < 0 {
			fr.pc = 0 // left by a tail call that raised
			continue
		}
		line := fn.line
		if fr.pc > 0 && int(fr.pc) <= len(fn.lines) {
			line = fn.lines[fr.pc-1]
		}
		var a term.Term = term.MakeInt(int64(fn.arity))
		if i == p.nframes()-1 && topArgs != term.Nil {
			a = topArgs
		}
		loc := term.MakeList(
			term.MakeTuple(term.File, term.MakeString(fn.mod.file)),
			term.MakeTuple(term.Line, term.MakeInt(int64(line))))
		out = append(out, term.MakeTuple(p.vm.atom(fn.mod.name), p.vm.atom(fn.name), a, loc))
	}
	return term.MakeList(out...)
}
