package engine

import (
	"errors"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// This file serves the debugger's operations, {debug, Op, Args...}: each
// is one of *vm.Debugger's methods (the dap.Debugger interface), so a
// host can drive a wasm guest's debugger as it drives a native VM's. Its
// events (stopped, breakpoint, log_output) come as {event, ...}.

// DebugOps lists the operations and their argument counts.
var DebugOps = map[string]int{
	"set_breakpoints": 2, "set_function_breakpoints": 1, "break_on_crash": 1, "stop_on_entry": 1,
	"continue": 1, "continue_all": 0, "pause": 1, "pause_all": 0, "step": 2, "kill": 1,
	"processes": 0, "process": 1, "stack": 1, "bindings": 2, "eval": 3, "eval_shell": 2,
	"modules": 0, "functions": 1, "record_fields": 2,
}

// stepKinds names vm.StepKind values in the ABI.
var stepKinds = map[string]vm.StepKind{"over": vm.StepOver, "in": vm.StepIn, "out": vm.StepOut}

// StepKindName is kind's name in the ABI.
func StepKindName(kind vm.StepKind) string {
	for n, k := range stepKinds {
		if k == kind {
			return n
		}
	}
	return "over"
}

// errorReply is {error, Message}, or {exception, Class, Reason, Stack}
// for an Erlang exception (an evaluation that raised), so the host can
// rebuild the VM's own error.
func errorReply(err error) term.Term {
	var exc *vm.Exception
	if errors.As(err, &exc) {
		return tuple("exception", exc.Class, exc.Reason, exc.Stacktrace)
	}
	return tuple("error", binary(err.Error()))
}

// DecodeError rebuilds the error errorReply encoded (nil for anything
// else).
func DecodeError(r term.Term) error {
	if r.Kind() != term.KindTuple || r.TupleLen() == 0 {
		return nil
	}
	switch {
	case r.Elem(0).IsAtom("exception") && r.TupleLen() == 4:
		return &vm.Exception{Class: r.Elem(1), Reason: r.Elem(2), Stacktrace: r.Elem(3)}
	case r.Elem(0).IsAtom("error") && r.TupleLen() == 2:
		return errors.New(text(r.Elem(1)))
	}
	return nil
}

func okOr(err error) term.Term {
	if err != nil {
		return errorReply(err)
	}
	return atom("ok")
}

func pidArg(t term.Term) uint64 {
	if t.Kind() == term.KindPid {
		return t.ID()
	}
	n, _ := t.Int()
	return uint64(n)
}

func intArg(t term.Term) int {
	n, _ := t.Int()
	return int(n)
}

func strings2(ss []string) term.Term {
	ts := make([]term.Term, len(ss))
	for i, s := range ss {
		ts[i] = str(s)
	}
	return term.MakeList(ts...)
}

// debug serves {debug, Op, Args...}.
func (e *engine) debug(op string, a []term.Term) term.Term {
	d := e.vm.Debugger()
	switch op {
	case "set_breakpoints":
		infos, err := d.SetBreakpoints(text(a[0]), DecodeLineBreakpoints(a[1]))
		if err != nil {
			return errorReply(err)
		}
		return tuple("ok", breakpointInfos(infos))
	case "set_function_breakpoints":
		infos, err := d.SetFunctionBreakpoints(DecodeFunctionBreakpoints(a[0]))
		if err != nil {
			return errorReply(err)
		}
		return tuple("ok", breakpointInfos(infos))
	case "break_on_crash":
		d.SetBreakOnCrash(a[0].IsAtom("true"))
		return atom("ok")
	case "stop_on_entry":
		d.SetStopOnEntry(a[0].IsAtom("true"))
		return atom("ok")
	case "continue":
		return okOr(d.Continue(pidArg(a[0])))
	case "continue_all":
		d.ContinueAll()
		return atom("ok")
	case "pause":
		return okOr(d.Pause(pidArg(a[0])))
	case "pause_all":
		d.PauseAll()
		return atom("ok")
	case "step":
		kind, ok := stepKinds[text(a[1])]
		if !ok {
			return tuple("error", binary("step: want over, in or out, not "+vm.Show(a[1])))
		}
		return okOr(d.Step(pidArg(a[0]), kind))
	case "kill":
		return okOr(d.Kill(pidArg(a[0])))
	case "processes":
		ps := d.Processes()
		out := make([]term.Term, len(ps))
		for i, p := range ps {
			out[i] = EncodeProcessInfo(e.info(p), true)
		}
		return tuple("ok", term.MakeList(out...))
	case "process":
		p, err := d.Process(pidArg(a[0]))
		if err != nil {
			return errorReply(err)
		}
		return tuple("ok", EncodeProcessInfo(e.info(p), true))
	case "stack":
		frames, err := d.Stack(pidArg(a[0]))
		if err != nil {
			return errorReply(err)
		}
		return tuple("ok", EncodeFrames(frames))
	case "bindings":
		bs, err := d.Bindings(pidArg(a[0]), intArg(a[1]))
		if err != nil {
			return errorReply(err)
		}
		return tuple("ok", EncodeBindings(bs))
	case "eval":
		v, err := d.Eval(pidArg(a[0]), intArg(a[1]), text(a[2]))
		if err != nil {
			return errorReply(err)
		}
		return tuple("ok", v)
	case "eval_shell":
		v, after, err := d.EvalShell(text(a[0]), DecodeBindings(a[1]))
		if err != nil {
			return errorReply(err)
		}
		return tuple("ok", v, EncodeBindings(after))
	case "modules":
		ms := d.Modules()
		out := make([]term.Term, len(ms))
		for i, m := range ms {
			out[i] = term.MakeTuple(str(m.Name), str(m.File))
		}
		return tuple("ok", term.MakeList(out...))
	case "functions":
		return tuple("ok", strings2(d.Functions(text(a[0]))))
	case "record_fields":
		fs, ok := d.RecordFields(text(a[0]), text(a[1]))
		if !ok {
			return atom("undefined")
		}
		return tuple("ok", strings2(fs))
	}
	return tuple("error", binary("unknown debug operation "+op))
}

func breakpointInfos(infos []vm.BreakpointInfo) term.Term {
	out := make([]term.Term, len(infos))
	for i, b := range infos {
		out[i] = EncodeBreakpointInfo(b)
	}
	return term.MakeList(out...)
}

// EncodeLineBreakpoints encodes line breakpoints as a list of maps.
func EncodeLineBreakpoints(bps []vm.LineBreakpoint) term.Term {
	out := make([]term.Term, len(bps))
	for i, b := range bps {
		f := &fields{}
		out[i] = f.add("line", term.MakeInt(int64(b.Line))).add("condition", str(b.Condition)).
			add("hit_condition", str(b.HitCondition)).add("log_message", str(b.LogMessage)).term()
	}
	return term.MakeList(out...)
}

// DecodeLineBreakpoints reads what EncodeLineBreakpoints wrote.
func DecodeLineBreakpoints(t term.Term) []vm.LineBreakpoint {
	l, _ := term.ListToSlice(t)
	out := make([]vm.LineBreakpoint, len(l))
	for i, m := range l {
		out[i] = vm.LineBreakpoint{Line: fieldInt(m, "line"), Condition: fieldString(m, "condition"),
			HitCondition: fieldString(m, "hit_condition"), LogMessage: fieldString(m, "log_message")}
	}
	return out
}

// EncodeFunctionBreakpoints encodes function breakpoints as a list of
// maps.
func EncodeFunctionBreakpoints(bps []vm.FunctionBreakpoint) term.Term {
	out := make([]term.Term, len(bps))
	for i, b := range bps {
		f := &fields{}
		out[i] = f.add("module", str(b.Module)).add("function", str(b.Function)).add("arity", term.MakeInt(int64(b.Arity))).
			add("condition", str(b.Condition)).add("hit_condition", str(b.HitCondition)).add("log_message", str(b.LogMessage)).term()
	}
	return term.MakeList(out...)
}

// DecodeFunctionBreakpoints reads what EncodeFunctionBreakpoints wrote.
func DecodeFunctionBreakpoints(t term.Term) []vm.FunctionBreakpoint {
	l, _ := term.ListToSlice(t)
	out := make([]vm.FunctionBreakpoint, len(l))
	for i, m := range l {
		out[i] = vm.FunctionBreakpoint{Module: fieldString(m, "module"), Function: fieldString(m, "function"), Arity: fieldInt(m, "arity"),
			Condition: fieldString(m, "condition"), HitCondition: fieldString(m, "hit_condition"), LogMessage: fieldString(m, "log_message")}
	}
	return out
}

// EncodeFrames encodes a stack, innermost frame first.
func EncodeFrames(frames []vm.Frame) term.Term {
	out := make([]term.Term, len(frames))
	for i, fr := range frames {
		f := &fields{}
		out[i] = f.add("module", str(fr.Module)).add("function", str(fr.Function)).add("arity", term.MakeInt(int64(fr.Arity))).
			add("file", str(fr.File)).add("line", term.MakeInt(int64(fr.Line))).
			add("version", term.MakeInt(int64(fr.Version))).add("old", term.Bool(fr.Old)).term()
	}
	return term.MakeList(out...)
}

// DecodeFrames reads what EncodeFrames wrote.
func DecodeFrames(t term.Term) []vm.Frame {
	l, _ := term.ListToSlice(t)
	out := make([]vm.Frame, len(l))
	for i, m := range l {
		out[i] = vm.Frame{Module: fieldString(m, "module"), Function: fieldString(m, "function"), Arity: fieldInt(m, "arity"),
			File: fieldString(m, "file"), Line: fieldInt(m, "line"), Version: fieldInt(m, "version"), Old: fieldBool(m, "old")}
	}
	return out
}

// EncodeBindings encodes bindings as [{Name, Value}].
func EncodeBindings(bs []vm.Binding) term.Term {
	out := make([]term.Term, len(bs))
	for i, b := range bs {
		out[i] = term.MakeTuple(str(b.Name), b.Value)
	}
	return term.MakeList(out...)
}

// DecodeBindings reads what EncodeBindings wrote.
func DecodeBindings(t term.Term) []vm.Binding {
	l, _ := term.ListToSlice(t)
	out := make([]vm.Binding, 0, len(l))
	for _, b := range l {
		if b.Kind() == term.KindTuple && b.TupleLen() == 2 {
			out = append(out, vm.Binding{Name: text(b.Elem(0)), Value: b.Elem(1)})
		}
	}
	return out
}
