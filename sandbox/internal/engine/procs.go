package engine

import (
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// onVMEvent forwards the VM's events to the host. It runs with the VM
// locked (on the goroutine running Erlang code, or in native mode on a
// debugger's), so it only records and emits.
func (e *engine) onVMEvent(ev vm.Event) {
	e.mu.Lock()
	forward := e.forward
	e.mu.Unlock()
	if forward {
		e.emit(EncodeEvent(ev))
	}
	// A process dying of an error or a throw gets a crash report, as the
	// VM prints one on stderr; a call's process gives its exception to
	// the caller instead, and an exit is not a crash.
	if ev.Kind == vm.EventProcessExited && ev.Exception != nil && !ev.Exception.Class.IsAtom("exit") && !e.isRoot(ev.Pid) {
		x := ev.Exception
		e.emit(tuple("crash_report", term.MakePid(ev.Pid), x.Class, x.Reason, x.Stacktrace))
	}
}

// isRoot reports whether pid runs a call of the host's.
func (e *engine) isRoot(pid uint64) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.roots[pid]
}

func (e *engine) info(p vm.ProcessInfo) ProcessInfo {
	return ProcessInfo{ProcessInfo: p, MessageQueueLen: len(p.Messages)}
}

// processes answers {processes}: {ok, [Info]}, every live process by pid,
// without mailboxes and dictionaries (process_info has them).
func (e *engine) processes() term.Term {
	ps := e.vm.Debugger().Processes()
	out := make([]term.Term, len(ps))
	for i, p := range ps {
		out[i] = EncodeProcessInfo(e.info(p), false)
	}
	return tuple("ok", term.MakeList(out...))
}

// processInfo answers {process_info, Pid}: {ok, Info} or undefined for a
// process that is not alive.
func (e *engine) processInfo(pid term.Term) term.Term {
	if pid.Kind() != term.KindPid {
		return tuple("error", binary("process_info needs a pid, not "+vm.Show(pid)))
	}
	p, err := e.vm.Debugger().Process(pid.ID())
	if err != nil {
		return atom("undefined")
	}
	return tuple("ok", EncodeProcessInfo(e.info(p), true))
}
