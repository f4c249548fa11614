package sandbox

import (
	"context"
	"fmt"
	"strconv"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
	"github.com/otpbox/otpbox/sandbox/internal/engine"
)

// HaltError is a call that ended because a process called erlang:halt:
// the sandbox's VM runs nothing more (the sandbox itself still answers),
// and Status is the exit status real Erlang would give the OS.
type HaltError struct {
	Status int
}

func (e *HaltError) Error() string { return fmt.Sprintf("erlang:halt(%d)", e.Status) }

// ProcessInfo is a process as the sandbox reports it: the VM debugger's
// view (pids as numbers: term.MakePid makes the term; Parent is the
// process that spawned it) and its mailbox's length.
type ProcessInfo struct {
	vm.ProcessInfo
	// MessageQueueLen counts the mailbox. Messages holds its first
	// 1,000 messages in ProcessInfo, none in Processes.
	MessageQueueLen int
}

func processInfo(p engine.ProcessInfo) ProcessInfo {
	return ProcessInfo{ProcessInfo: p.ProcessInfo, MessageQueueLen: p.MessageQueueLen}
}

// onVMEvent publishes an event the VM reported ({event, Kind, Fields}).
func (s *Sandbox) onVMEvent(kind, fields term.Term) {
	ve, ok := engine.DecodeEvent(kind, fields)
	if !ok {
		return
	}
	ev := Event{VM: ve, Pid: pidTerm(ve.Pid), Other: pidTerm(ve.Other)}
	switch ve.Kind {
	case vm.EventModuleLoaded:
		ev.Kind, ev.Module, ev.Version, ev.Other = ModuleLoaded, ve.Name, int(ve.Other), term.Term{}
	case vm.EventProcessStarted:
		ev.Kind, ev.Parent, ev.Other = ProcessStarted, ev.Other, term.Term{}
	case vm.EventProcessExited:
		ev.Kind, ev.Reason = ProcessExited, ve.ExitReason
	case vm.EventLink:
		ev.Kind = Linked
	case vm.EventUnlink:
		ev.Kind = Unlinked
	case vm.EventRegister:
		ev.Kind, ev.Name = Registered, ve.Name
	case vm.EventUnregister:
		ev.Kind, ev.Name = Unregistered, ve.Name
	case vm.EventSupervisorRestart:
		ev.Kind, ev.ChildID = SupervisorRestart, ve.ChildID
	case vm.EventLimitHit:
		// A catchable limit: the process got system_limit and goes on.
		ev.Kind, ev.Name, ev.Other = LimitHit, ve.Name, term.Term{}
		ev.Err = &LimitError{Limit: catchableLimits[ve.Name], Max: strconv.FormatUint(ve.Other, 10)}
	default:
		ev.Kind = Debug
	}
	s.publish(ev)
}

// catchableLimits names, as LimitError does, the limits the VM reports in
// its limit_hit events: reaching them raises system_limit in the process,
// which may catch it, as BEAM does.
var catchableLimits = map[string]string{"processes": "process count", "atoms": "atom count"}

// pidTerm is the pid term for id, the zero Term for 0 (none).
func pidTerm(id uint64) term.Term {
	if id == 0 {
		return term.Term{}
	}
	return term.MakePid(id)
}

// Reload hot-loads a new version of a module from source, as Load does
// (compile errors come back as a *CompileError with positions), and
// returns the version now current (1 for a first load). Running
// processes keep their state: one inside the module goes on in the old
// version until its next remote call (Module:f(...)), which runs the new
// one; a version older still is purged, killing the processes left in it,
// as BEAM's code server does.
func (s *Sandbox) Reload(ctx context.Context, path string, src []byte) (module string, version int, err error) {
	r, err := s.loadRequest(ctx, "reload", path, src)
	if err != nil {
		return "", 0, err
	}
	if isTagged(r, "ok", 3) {
		v, _ := r.Elem(2).Int()
		return r.Elem(1).AtomName(), int(v), nil
	}
	return "", 0, loadError(path, r)
}

// Processes returns a snapshot of every live process, by pid: the
// process tree is in the Parent, Links and (for supervisors) Children
// fields. Mailboxes and dictionaries are left out (see ProcessInfo).
func (s *Sandbox) Processes(ctx context.Context) ([]ProcessInfo, error) {
	r, err := s.request(ctx, term.MakeTuple(term.MakeAtom("processes")), 0)
	if err != nil {
		return nil, err
	}
	if !isTagged(r, "ok", 2) {
		return nil, fmt.Errorf("processes: unexpected reply")
	}
	items, _ := term.ListToSlice(r.Elem(1))
	out := make([]ProcessInfo, len(items))
	for i, it := range items {
		out[i] = processInfo(engine.DecodeProcessInfo(it))
	}
	return out, nil
}

// ProcessInfo returns one process's state, with its mailbox and
// dictionary; ok is false when it is not alive.
func (s *Sandbox) ProcessInfo(ctx context.Context, pid term.Term) (info ProcessInfo, ok bool, err error) {
	r, err := s.request(ctx, term.MakeTuple(term.MakeAtom("process_info"), pid), 0)
	if err != nil {
		return ProcessInfo{}, false, err
	}
	switch {
	case isTagged(r, "ok", 2):
		return processInfo(engine.DecodeProcessInfo(r.Elem(1))), true, nil
	case isTagged(r, "error", 2):
		return ProcessInfo{}, false, fmt.Errorf("process info: %s", text(r.Elem(1)))
	}
	return ProcessInfo{}, false, nil
}
