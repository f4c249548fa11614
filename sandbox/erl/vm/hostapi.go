package vm

import (
	"errors"
	"fmt"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// CallHandle is a call StartCall began: a process of its own whose value
// or exception the host collects once it has ended. Unlike Call, it lets
// the host keep serving its own requests (and start more calls) while the
// process runs under Run.
type CallHandle struct {
	v      *VM
	q      *proc // nil when the call finished at once (a BIF)
	pid    uint64
	done   bool
	result term.Term
	err    error
}

// StartCall starts module:function(args...) in a new process, as Call
// does, without running it: Run runs it beside the others, and Result
// reports when it has ended. A function that cannot be found gives an
// error at once, a full process table an *Exception (error:system_limit),
// a halted VM its *HaltError; a BIF runs at once.
func (v *VM) StartCall(module, function string, args ...term.Term) (*CallHandle, error) {
	fn, b, err := v.resolve(module, function, len(args))
	if err != nil {
		v.atomLimitHit(err)
		return nil, fmt.Errorf("calling %s:%s/%d: %w", module, function, len(args), err)
	}
	if b != nil {
		p := &proc{vm: v}
		h := &CallHandle{v: v, done: true}
		if r, ok := b.fn(p, args); ok {
			h.result = r
		} else {
			h.err = &Exception{Class: term.Error, Reason: p.failReason, Stacktrace: term.Nil}
		}
		return h, nil
	}
	v.dbg.world.Lock()
	defer v.dbg.world.Unlock()
	if v.halted != nil {
		return nil, v.halted
	}
	q, err := v.spawnProc(nil, func(q *proc) error {
		q.root = true
		q.initial = term.MakeTuple(v.atom(module), v.atom(function), term.MakeInt(int64(len(args))))
		q.start(fn, args)
		return nil
	})
	if errors.Is(err, errSystemLimit) {
		v.limitHit(0, "processes", v.cfg.maxProcesses)
		// As spawn does at BEAM's process limit.
		return nil, &Exception{Class: term.Error, Reason: v.atom("system_limit"), Stacktrace: term.Nil}
	}
	if err != nil {
		return nil, fmt.Errorf("calling %s:%s/%d: %w", module, function, len(args), err)
	}
	return &CallHandle{v: v, q: q, pid: q.pid}, nil
}

// Pid is the call's process (a pid term; 0 for a BIF that ran at once).
func (h *CallHandle) Pid() term.Term { return term.MakePid(h.pid) }

// Result reports whether the call's process has ended and, once it has,
// its value or its uncaught exception (*Exception); once a process has
// called erlang:halt, every call is done with the *HaltError. It must not be called
// from inside Run's stop function or an event handler (it takes the VM's
// lock).
func (h *CallHandle) Result() (value term.Term, done bool, err error) {
	if h.done {
		return h.result, true, h.err
	}
	h.v.dbg.world.Lock()
	defer h.v.dbg.world.Unlock()
	if h.v.halted != nil {
		// The VM stopped: no call in progress can return, and the one
		// that called halt ended with it.
		h.done, h.result, h.err = true, term.Nil, h.v.halted
	} else if h.q.state != psExited {
		return term.Nil, false, nil
	} else {
		h.done = true
		h.result, h.err = h.q.result, nil
		if h.q.exc != nil {
			h.err = h.q.exc
		}
	}
	h.q = nil
	return h.result, true, h.err
}

// Halted returns the status erlang:halt gave once a process called it
// (the VM then runs nothing more), or nil.
func (v *VM) Halted() *HaltError {
	v.dbg.world.Lock()
	defer v.dbg.world.Unlock()
	return v.halted
}

// IdleFor reports whether no process can run now (none is runnable, no
// message from outside waits, no process the debugger resumed waits to
// run) and, if so, how long until the next timer fires (-1: no timer).
// A host that serves its own requests while Run sleeps can wait that long
// for them instead of polling, then call Wake.
func (v *VM) IdleFor() (wait time.Duration, idle bool) {
	v.inboxMu.Lock()
	inbox := len(v.sched.inbox)
	v.inboxMu.Unlock()
	if inbox > 0 {
		return 0, false
	}
	v.dbg.world.Lock()
	defer v.dbg.world.Unlock()
	if v.halted != nil {
		return -1, true
	}
	for _, p := range v.sched.queued() {
		if p.state == psRunnable {
			return 0, false
		}
	}
	for p := range v.sched.parked {
		if p.dbg != nil && !p.dbg.stopped && p.dbg.resume {
			return 0, false
		}
	}
	if len(v.sched.timers) == 0 {
		return -1, true
	}
	wait = v.sched.timers.peek().at.Sub(v.now())
	if wait <= 0 {
		return 0, false
	}
	return wait, true
}

// Wake ends Run's sleep between timers at once, so that it looks again
// at what can run (after the host changed something while it slept).
func (v *VM) Wake() {
	v.dbg.world.Lock()
	v.sched.poke()
	v.dbg.world.Unlock()
}
