package vm

import (
	"unicode/utf8"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// Output goes where BEAM sends it: to the process's group leader. The
// default group leader (pid 0, <0.0.0>) is the VM's stdout. A group leader
// that is an Erlang process (eunit's output capture) gets the io protocol's
// {io_request, From, ReplyAs, {put_chars, unicode, Chars}}; the BIF does
// not wait for the reply (it cannot block inside a reduction), and the
// {io_reply, ReplyAs, ok} that comes back is dropped on delivery, so the
// caller never sees it. The group leader handles requests in order, so
// output order is kept.

// write sends text to an io device: the zero Term means standard_io.
func (p *proc) write(dev term.Term, b []byte) bool {
	v := p.vm
	switch {
	case dev == (term.Term{}) || dev.IsAtom("standard_io"):
		dev = p.groupLeader
	case dev.IsAtom("standard_error"):
		v.cfg.stderr.Write(b)
		return true
	case dev.IsAtom("user"):
		v.cfg.stdout.Write(b)
		return true
	case dev.Kind() == term.KindAtom:
		q := v.sched.names[dev.AtomName()]
		if q == nil {
			return false
		}
		dev = term.MakePid(q.pid)
	}
	if dev.Kind() != term.KindPid && dev != (term.Term{}) {
		return false
	}
	if dev == (term.Term{}) || dev.ID() == 0 {
		v.cfg.stdout.Write(b)
		return true
	}
	q := p.target(dev)
	if q == nil {
		return false
	}
	v.refs++
	ref := term.MakeRef(v.refs)
	if v.sched.ioReplies == nil {
		v.sched.ioReplies = map[uint64]bool{}
	}
	v.sched.ioReplies[ref.ID()] = true
	chars := make([]term.Term, 0, len(b))
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		chars = append(chars, term.MakeInt(int64(r)))
		b = b[n:]
	}
	req := term.MakeTuple(v.atom("put_chars"), v.atom("unicode"), term.MakeList(chars...))
	v.deliver(q, term.MakeTuple(v.atom("io_request"), term.MakePid(p.pid), ref, req))
	return true
}

// droppedReply reports whether msg is the reply to an io request a BIF
// sent without waiting, which is then forgotten.
func (s *scheduler) droppedReply(msg term.Term) bool {
	if len(s.ioReplies) == 0 || msg.Kind() != term.KindTuple || msg.TupleLen() != 3 || !msg.Elem(0).IsAtom("io_reply") || msg.Elem(1).Kind() != term.KindRef {
		return false
	}
	id := msg.Elem(1).ID()
	if s.ioReplies[id] {
		delete(s.ioReplies, id)
		return true
	}
	return false
}
