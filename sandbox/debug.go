package sandbox

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/otpbox/otpbox/dap"
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// debugHook holds a native sandbox's VM once the engine has built it.
type debugHook struct {
	mu    sync.Mutex
	vm    *vm.VM
	ready chan struct{} // closed when vm is set; made on first use
}

func (h *debugHook) readyCh() chan struct{} {
	if h.ready == nil {
		h.ready = make(chan struct{})
	}
	return h.ready
}

func (h *debugHook) set(v *vm.VM) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.vm == nil {
		h.vm = v
		close(h.readyCh())
	}
}

func (h *debugHook) wait() (chan struct{}, *vm.VM) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.readyCh(), h.vm
}

// VMStarted implements engine.VMObserver: the engine runs in this
// process, so the debugger can work on its VM directly.
func (t *nativeTransport) VMStarted(v *vm.VM) { t.s.dbg.set(v) }

// DebugRuntime returns the sandbox's running system for a debug adapter
// (dap.Listen, or a launched session's runtime). Loads and calls go
// through the sandbox, so its limits apply to them; a process stopped at
// a breakpoint is parked while the others, and the sandbox's command
// loop, carry on. In native mode the debugger works on the VM directly
// (it waits, within ctx, for the engine to build it); in wasm mode every
// debugger operation is a {debug, ...} command and its events come
// through Subscribe (docs/sandbox-abi.md).
func (s *Sandbox) DebugRuntime(ctx context.Context) (dap.Runtime, error) {
	if s.cfg.isolation != Native {
		return debugRuntime{s: s, d: remoteDebugger{s}}, nil
	}
	ready, v := s.dbg.wait()
	if v == nil {
		select {
		case <-ready:
			_, v = s.dbg.wait()
		case <-s.done:
			return nil, fmt.Errorf("debug runtime: the sandbox ended before its VM started: %w", s.Err())
		case <-ctx.Done():
			return nil, fmt.Errorf("debug runtime: waiting for the sandbox's VM: %w", ctx.Err())
		}
	}
	return debugRuntime{s: s, d: v.Debugger()}, nil
}

// debugRuntime is a sandbox seen as a dap.Runtime.
type debugRuntime struct {
	s *Sandbox
	d dap.Debugger
}

func (r debugRuntime) Debugger() dap.Debugger { return r.d }

func (r debugRuntime) LoadModule(path string, src []byte) error {
	_, err := r.s.Load(context.Background(), path, src)
	return err
}

// Call gives an uncaught exception as a *vm.Exception, as a bare VM's
// Call does, so that the adapter reports it alike.
func (r debugRuntime) Call(module, function string, args ...term.Term) (term.Term, error) {
	v, err := r.s.Call(context.Background(), module, function, args...)
	var exc *Exception
	if errors.As(err, &exc) {
		return term.Nil, &vm.Exception{Class: exc.Class, Reason: exc.Reason, Stacktrace: exc.Stacktrace}
	}
	return v, err
}
