package engine

import (
	"fmt"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// This file turns the VM's debugger and process types into ETF terms and
// back: the guest encodes them, the host decodes them, so both ends share
// one definition of the layout docs/sandbox-abi.md documents. Records are
// maps with atom keys (new keys can be added without breaking an older
// reader); strings are binaries; pids are pids, and "none" is undefined.

// fields builds a map term with atom keys.
type fields struct{ k, v []term.Term }

func (f *fields) add(key string, v term.Term) *fields {
	f.k = append(f.k, term.MakeAtom(key))
	f.v = append(f.v, v)
	return f
}

func (f *fields) term() term.Term { return term.NewMap(f.k, f.v) }

// field reads key from the map m (the zero Term when it is absent).
func field(m term.Term, key string) term.Term {
	if m.Kind() != term.KindMap {
		return term.Term{}
	}
	if v, ok := m.Map().Get(term.MakeAtom(key)); ok {
		return v
	}
	return term.Term{}
}

func fieldString(m term.Term, key string) string {
	v := field(m, key)
	if v == (term.Term{}) {
		return ""
	}
	return text(v)
}

func fieldInt(m term.Term, key string) int {
	n, _ := field(m, key).Int()
	return int(n)
}

func fieldBool(m term.Term, key string) bool { return field(m, key).IsAtom("true") }

func fieldPid(m term.Term, key string) uint64 {
	if v := field(m, key); v.Kind() == term.KindPid {
		return v.ID()
	}
	return 0
}

func fieldList(m term.Term, key string) []term.Term {
	l, _ := term.ListToSlice(field(m, key))
	return l
}

func str(s string) term.Term { return term.MakeBinary([]byte(s)) }

// pidOrUndefined encodes a pid id, 0 meaning none.
func pidOrUndefined(id uint64) term.Term {
	if id == 0 {
		return atom("undefined")
	}
	return term.MakePid(id)
}

func pids(ids []uint64) term.Term {
	ts := make([]term.Term, len(ids))
	for i, id := range ids {
		ts[i] = term.MakePid(id)
	}
	return term.MakeList(ts...)
}

func pidIDs(ts []term.Term) []uint64 {
	var out []uint64
	for _, t := range ts {
		if t.Kind() == term.KindPid {
			out = append(out, t.ID())
		}
	}
	return out
}

// mfa encodes "m:f/a" as {M, F, A} (undefined when s is not one).
func mfa(s string) term.Term {
	m, f, a, err := vm.ParseMFA(s)
	if err != nil {
		return atom("undefined")
	}
	return term.MakeTuple(atom(m), atom(f), term.MakeInt(int64(a)))
}

// mfaText reads {M, F, A} back as "m:f/a" ("" for anything else).
func mfaText(t term.Term) string {
	if t.Kind() != term.KindTuple || t.TupleLen() != 3 {
		return ""
	}
	a, _ := t.Elem(2).Int()
	return fmt.Sprintf("%s:%s/%d", text(t.Elem(0)), text(t.Elem(1)), a)
}

func exceptionTerm(e *vm.Exception) term.Term {
	if e == nil {
		return atom("undefined")
	}
	return term.MakeTuple(e.Class, e.Reason, e.Stacktrace)
}

func exceptionOf(t term.Term) *vm.Exception {
	if t.Kind() != term.KindTuple || t.TupleLen() != 3 {
		return nil
	}
	return &vm.Exception{Class: t.Elem(0), Reason: t.Elem(1), Stacktrace: t.Elem(2)}
}

func orUndefined(t term.Term) term.Term {
	if t == (term.Term{}) {
		return atom("undefined")
	}
	return t
}

// eventKinds names vm.EventKind values in the ABI.
var eventKinds = map[vm.EventKind]string{
	vm.EventStopped:           "stopped",
	vm.EventOutput:            "log_output",
	vm.EventBreakpoint:        "breakpoint",
	vm.EventProcessStarted:    "process_started",
	vm.EventProcessExited:     "process_exited",
	vm.EventLink:              "link",
	vm.EventUnlink:            "unlink",
	vm.EventRegister:          "register",
	vm.EventUnregister:        "unregister",
	vm.EventSupervisorRestart: "supervisor_restart",
	vm.EventModuleLoaded:      "module_loaded",
	vm.EventLimitHit:          "limit_hit",
}

// EncodeEvent encodes a VM event as {event, Kind, Fields}.
func EncodeEvent(e vm.Event) term.Term {
	f := &fields{}
	f.add("pid", pidOrUndefined(e.Pid)).add("other", pidOrUndefined(e.Other))
	switch e.Kind {
	case vm.EventModuleLoaded, vm.EventLimitHit:
		// Other is the module's version or the limit there, not a pid.
		f.v[1] = term.MakeInt(int64(e.Other))
	case vm.EventStopped:
		ids := make([]term.Term, len(e.Breakpoints))
		for i, id := range e.Breakpoints {
			ids[i] = term.MakeInt(int64(id))
		}
		f.add("reason", str(string(e.Reason))).add("breakpoints", term.MakeList(ids...))
	case vm.EventOutput:
		f.add("text", str(e.Text))
	case vm.EventBreakpoint:
		f.add("breakpoint", EncodeBreakpointInfo(e.Breakpoint))
	}
	if e.Name != "" {
		f.add("name", str(e.Name))
	}
	if e.ExitReason != (term.Term{}) {
		f.add("exit_reason", e.ExitReason)
	}
	if e.ChildID != (term.Term{}) {
		f.add("child_id", e.ChildID)
	}
	if e.Exception != nil {
		f.add("exception", exceptionTerm(e.Exception))
	}
	return term.MakeTuple(atom("event"), atom(eventKinds[e.Kind]), f.term())
}

// DecodeEvent reads what EncodeEvent wrote (kind and fields of the
// {event, Kind, Fields} tuple); ok is false for an unknown kind.
func DecodeEvent(kind, m term.Term) (e vm.Event, ok bool) {
	for k, name := range eventKinds {
		if kind.IsAtom(name) {
			e.Kind, ok = k, true
		}
	}
	if !ok {
		return e, false
	}
	e.Pid = fieldPid(m, "pid")
	e.Other = fieldPid(m, "other")
	switch e.Kind {
	case vm.EventModuleLoaded, vm.EventLimitHit:
		e.Other = uint64(fieldInt(m, "other"))
	case vm.EventStopped:
		e.Reason = vm.StopReason(fieldString(m, "reason"))
		for _, id := range fieldList(m, "breakpoints") {
			n, _ := id.Int()
			e.Breakpoints = append(e.Breakpoints, int(n))
		}
	case vm.EventOutput:
		e.Text = fieldString(m, "text")
	case vm.EventBreakpoint:
		e.Breakpoint = DecodeBreakpointInfo(field(m, "breakpoint"))
	}
	e.Name = fieldString(m, "name")
	e.ExitReason = field(m, "exit_reason")
	e.ChildID = field(m, "child_id")
	e.Exception = exceptionOf(field(m, "exception"))
	return e, true
}

// EncodeBreakpointInfo encodes a breakpoint's state as a map.
func EncodeBreakpointInfo(b vm.BreakpointInfo) term.Term {
	f := &fields{}
	return f.add("id", term.MakeInt(int64(b.ID))).add("module", str(b.Module)).add("verified", term.Bool(b.Verified)).
		add("line", term.MakeInt(int64(b.Line))).add("message", str(b.Message)).term()
}

// DecodeBreakpointInfo reads what EncodeBreakpointInfo wrote.
func DecodeBreakpointInfo(m term.Term) vm.BreakpointInfo {
	return vm.BreakpointInfo{ID: fieldInt(m, "id"), Module: fieldString(m, "module"), Verified: fieldBool(m, "verified"),
		Line: fieldInt(m, "line"), Message: fieldString(m, "message")}
}

// ProcessInfo is a process as the sandbox reports it: the debugger's
// view plus its mailbox's length.
type ProcessInfo struct {
	vm.ProcessInfo
	// MessageQueueLen counts the mailbox; Messages holds at most
	// maxMessages of it (none in a process-tree snapshot).
	MessageQueueLen int
}

// maxMessages bounds the messages process_info copies out of a mailbox:
// a flooded mailbox must not become a flood of bytes.
const maxMessages = 1000

// EncodeProcessInfo encodes a process's state as a map; full adds the
// mailbox (up to maxMessages) and the process dictionary.
func EncodeProcessInfo(p ProcessInfo, full bool) term.Term {
	f := &fields{}
	name := atom("undefined")
	if p.RegisteredName != "" {
		name = atom(p.RegisteredName)
	}
	cur := atom("undefined")
	if p.CurrentFunction != "" {
		cur = mfa(p.CurrentFunction)
	}
	f.add("pid", term.MakePid(p.Pid)).add("registered_name", name).add("initial_call", mfa(p.InitialCall)).
		add("current_function", cur).add("status", atom(p.Status)).
		add("message_queue_len", term.MakeInt(int64(p.MessageQueueLen))).
		add("links", pids(p.Links)).add("monitors", pids(p.Monitors)).add("monitored_by", pids(p.MonitoredBy)).
		add("trap_exit", term.Bool(p.TrapExit)).add("parent", pidOrUndefined(p.Parent))
	if p.Children != nil {
		cs := make([]term.Term, len(p.Children))
		for i, c := range p.Children {
			cs[i] = term.MakeTuple(c.ID, pidOrUndefined(c.Pid))
		}
		f.add("children", term.MakeList(cs...))
	}
	if p.Stopped {
		f.add("stop_reason", str(string(p.Reason))).add("exception", exceptionTerm(p.Exception))
	}
	if full {
		msgs := p.Messages
		if len(msgs) > maxMessages {
			msgs = msgs[:maxMessages]
		}
		f.add("messages", term.MakeList(msgs...)).add("dictionary", term.MakeList(p.Dictionary...))
	}
	return f.term()
}

// DecodeProcessInfo reads what EncodeProcessInfo wrote.
func DecodeProcessInfo(m term.Term) ProcessInfo {
	p := ProcessInfo{MessageQueueLen: fieldInt(m, "message_queue_len")}
	p.Parent = fieldPid(m, "parent")
	p.Pid = fieldPid(m, "pid")
	if n := field(m, "registered_name"); !n.IsAtom("undefined") {
		p.RegisteredName = text(n)
	}
	p.InitialCall = mfaText(field(m, "initial_call"))
	p.CurrentFunction = mfaText(field(m, "current_function"))
	p.Status = fieldString(m, "status")
	p.Links = pidIDs(fieldList(m, "links"))
	p.Monitors = pidIDs(fieldList(m, "monitors"))
	p.MonitoredBy = pidIDs(fieldList(m, "monitored_by"))
	p.TrapExit = fieldBool(m, "trap_exit")
	if cs := field(m, "children"); cs != (term.Term{}) {
		p.Children = []vm.SupervisorChild{}
		l, _ := term.ListToSlice(cs)
		for _, c := range l {
			if c.Kind() == term.KindTuple && c.TupleLen() == 2 {
				sc := vm.SupervisorChild{ID: c.Elem(0)}
				if c.Elem(1).Kind() == term.KindPid {
					sc.Pid = c.Elem(1).ID()
				}
				p.Children = append(p.Children, sc)
			}
		}
	}
	if r := field(m, "stop_reason"); r != (term.Term{}) {
		p.Stopped = true
		p.Reason = vm.StopReason(text(r))
		p.Exception = exceptionOf(field(m, "exception"))
	}
	if field(m, "messages") != (term.Term{}) {
		p.Messages = fieldList(m, "messages")
		p.Dictionary = fieldList(m, "dictionary")
	}
	return p
}
