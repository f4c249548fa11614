package sandbox

import (
	"context"
	"fmt"

	"github.com/otpbox/otpbox/dap"
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
	"github.com/otpbox/otpbox/sandbox/internal/engine"
)

// remoteDebugger is a wasm sandbox's debugger: each method is one
// {debug, Op, Args...} command to the guest, which runs the VM's own
// debugger (sandbox/internal/engine/debug.go). Methods without an error
// result give their zero value when the sandbox has ended.
type remoteDebugger struct{ s *Sandbox }

var _ dap.Debugger = remoteDebugger{}

// do sends one debugger operation and returns its reply, or the error
// the guest reported.
func (r remoteDebugger) do(op string, args ...term.Term) (term.Term, error) {
	cmd := term.MakeTuple(append([]term.Term{term.MakeAtom("debug"), term.MakeAtom(op)}, args...)...)
	reply, err := r.s.request(context.Background(), cmd, 0)
	if err != nil {
		return term.Nil, fmt.Errorf("debugger %s: %w", op, err)
	}
	if err := engine.DecodeError(reply); err != nil {
		return term.Nil, err
	}
	return reply, nil
}

// value is the V of an {ok, V} reply.
func (r remoteDebugger) value(op string, args ...term.Term) (term.Term, error) {
	reply, err := r.do(op, args...)
	if err != nil {
		return term.Nil, err
	}
	if !isTagged(reply, "ok", 2) {
		return term.Nil, fmt.Errorf("debugger %s: unexpected reply", op)
	}
	return reply.Elem(1), nil
}

// Subscribe delivers the guest's VM events, in order, on a goroutine of
// its own (the sandbox's Subscribe, which also has the guest send
// them). A gap where the subscriber fell behind (EventsDropped) comes as
// vm.EventLost, in its place.
func (r remoteDebugger) Subscribe(h func(vm.Event)) (cancel func()) {
	events, stop := r.s.Subscribe()
	go func() {
		for ev := range events {
			switch {
			case ev.Kind == EventsDropped:
				h(vm.Event{Kind: vm.EventLost, Other: uint64(ev.Count), Text: DroppedSummary(ev)})
			case ev.VM.Kind != 0:
				h(ev.VM)
			}
		}
	}()
	return stop
}

func breakpointInfos(t term.Term) []vm.BreakpointInfo {
	l, _ := term.ListToSlice(t)
	out := make([]vm.BreakpointInfo, len(l))
	for i, b := range l {
		out[i] = engine.DecodeBreakpointInfo(b)
	}
	return out
}

func (r remoteDebugger) SetBreakpoints(module string, bps []vm.LineBreakpoint) ([]vm.BreakpointInfo, error) {
	v, err := r.value("set_breakpoints", term.MakeBinary([]byte(module)), engine.EncodeLineBreakpoints(bps))
	if err != nil {
		return nil, err
	}
	return breakpointInfos(v), nil
}

func (r remoteDebugger) SetFunctionBreakpoints(bps []vm.FunctionBreakpoint) ([]vm.BreakpointInfo, error) {
	v, err := r.value("set_function_breakpoints", engine.EncodeFunctionBreakpoints(bps))
	if err != nil {
		return nil, err
	}
	return breakpointInfos(v), nil
}

func (r remoteDebugger) SetBreakOnCrash(on bool) { r.do("break_on_crash", term.Bool(on)) }

func (r remoteDebugger) SetStopOnEntry(on bool) { r.do("stop_on_entry", term.Bool(on)) }

func (r remoteDebugger) Continue(pid uint64) error {
	_, err := r.do("continue", term.MakePid(pid))
	return err
}

func (r remoteDebugger) ContinueAll() { r.do("continue_all") }

func (r remoteDebugger) Pause(pid uint64) error {
	_, err := r.do("pause", term.MakePid(pid))
	return err
}

func (r remoteDebugger) Step(pid uint64, kind vm.StepKind) error {
	_, err := r.do("step", term.MakePid(pid), term.MakeAtom(engine.StepKindName(kind)))
	return err
}

func (r remoteDebugger) Kill(pid uint64) error {
	_, err := r.do("kill", term.MakePid(pid))
	return err
}

func (r remoteDebugger) Processes() []vm.ProcessInfo {
	v, err := r.value("processes")
	if err != nil {
		return nil
	}
	l, _ := term.ListToSlice(v)
	out := make([]vm.ProcessInfo, len(l))
	for i, p := range l {
		out[i] = engine.DecodeProcessInfo(p).ProcessInfo
	}
	return out
}

func (r remoteDebugger) Process(pid uint64) (vm.ProcessInfo, error) {
	v, err := r.value("process", term.MakePid(pid))
	if err != nil {
		return vm.ProcessInfo{}, err
	}
	return engine.DecodeProcessInfo(v).ProcessInfo, nil
}

func (r remoteDebugger) Stack(pid uint64) ([]vm.Frame, error) {
	v, err := r.value("stack", term.MakePid(pid))
	if err != nil {
		return nil, err
	}
	return engine.DecodeFrames(v), nil
}

func (r remoteDebugger) Bindings(pid uint64, frame int) ([]vm.Binding, error) {
	v, err := r.value("bindings", term.MakePid(pid), term.MakeInt(int64(frame)))
	if err != nil {
		return nil, err
	}
	return engine.DecodeBindings(v), nil
}

func (r remoteDebugger) Eval(pid uint64, frame int, src string) (term.Term, error) {
	return r.value("eval", term.MakePid(pid), term.MakeInt(int64(frame)), term.MakeBinary([]byte(src)))
}

func (r remoteDebugger) EvalShell(src string, bindings []vm.Binding) (term.Term, []vm.Binding, error) {
	reply, err := r.do("eval_shell", term.MakeBinary([]byte(src)), engine.EncodeBindings(bindings))
	if err != nil {
		return term.Nil, nil, err
	}
	if !isTagged(reply, "ok", 3) {
		return term.Nil, nil, fmt.Errorf("debugger eval_shell: unexpected reply")
	}
	return reply.Elem(1), engine.DecodeBindings(reply.Elem(2)), nil
}

func (r remoteDebugger) Modules() []vm.ModuleInfo {
	v, err := r.value("modules")
	if err != nil {
		return nil
	}
	l, _ := term.ListToSlice(v)
	out := make([]vm.ModuleInfo, 0, len(l))
	for _, m := range l {
		if m.Kind() == term.KindTuple && m.TupleLen() == 2 {
			out = append(out, vm.ModuleInfo{Name: text(m.Elem(0)), File: text(m.Elem(1))})
		}
	}
	return out
}

func texts(t term.Term) []string {
	l, _ := term.ListToSlice(t)
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = text(s)
	}
	return out
}

func (r remoteDebugger) Functions(module string) []string {
	v, err := r.value("functions", term.MakeBinary([]byte(module)))
	if err != nil {
		return nil
	}
	return texts(v)
}

func (r remoteDebugger) RecordFields(module, record string) ([]string, bool) {
	v, err := r.value("record_fields", term.MakeBinary([]byte(module)), term.MakeBinary([]byte(record)))
	if err != nil {
		return nil, false
	}
	return texts(v), true
}
