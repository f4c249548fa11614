package engine

import (
	"reflect"
	"testing"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
	"github.com/otpbox/otpbox/sandbox/internal/etf"
)

// roundTrip sends t through ETF, as the ABI does.
func roundTrip(t *testing.T, x term.Term) term.Term {
	t.Helper()
	y, _, err := etf.Decode(etf.Encode(nil, x), etf.MakeAtom)
	if err != nil {
		t.Fatal(err)
	}
	return y
}

// Every VM event kind survives the trip guest → host whole.
func TestEventRoundTrip(t *testing.T) {
	exc := &vm.Exception{Class: term.MakeAtom("error"), Reason: term.MakeAtom("badarith"), Stacktrace: term.MakeList(term.MakeAtom("x"))}
	events := []vm.Event{
		{Kind: vm.EventStopped, Pid: 7, Reason: vm.StopBreakpoint, Breakpoints: []int{1, 3}},
		{Kind: vm.EventStopped, Pid: 7, Reason: vm.StopException, Exception: exc},
		{Kind: vm.EventOutput, Text: "log point: 42"},
		{Kind: vm.EventBreakpoint, Breakpoint: vm.BreakpointInfo{ID: 2, Module: "m", Verified: true, Line: 9, Message: "moved"}},
		{Kind: vm.EventProcessStarted, Pid: 9, Other: 7},
		{Kind: vm.EventProcessStarted, Pid: 10},
		{Kind: vm.EventProcessExited, Pid: 9, ExitReason: term.MakeAtom("normal")},
		{Kind: vm.EventProcessExited, Pid: 9, ExitReason: term.MakeAtom("badarith"), Exception: exc},
		{Kind: vm.EventLink, Pid: 9, Other: 7},
		{Kind: vm.EventUnlink, Pid: 9, Other: 7},
		{Kind: vm.EventRegister, Pid: 9, Name: "srv"},
		{Kind: vm.EventUnregister, Pid: 9, Name: "srv"},
		{Kind: vm.EventSupervisorRestart, Pid: 3, Other: 11, ChildID: term.MakeAtom("w0")},
		{Kind: vm.EventModuleLoaded, Name: "m", Other: 2},
	}
	for _, want := range events {
		got := roundTrip(t, EncodeEvent(want))
		if got.TupleLen() != 3 || !got.Elem(0).IsAtom("event") {
			t.Fatalf("%+v encodes as %s", want, vm.Show(got))
		}
		ev, ok := DecodeEvent(got.Elem(1), got.Elem(2))
		if !ok || vm.Show(EncodeEvent(ev)) != vm.Show(EncodeEvent(want)) || ev.Kind != want.Kind || ev.Pid != want.Pid || ev.Other != want.Other ||
			ev.Name != want.Name || ev.Text != want.Text || !reflect.DeepEqual(ev.Breakpoints, want.Breakpoints) || ev.Breakpoint != want.Breakpoint {
			t.Errorf("%+v came back as %+v", want, ev)
		}
	}
	if _, ok := DecodeEvent(term.MakeAtom("no_such_event"), term.NewMap(nil, nil)); ok {
		t.Error("an unknown event kind decoded")
	}
}

// Process info, frames, bindings and breakpoints survive the trip too.
func TestRecordsRoundTrip(t *testing.T) {
	p := ProcessInfo{ProcessInfo: vm.ProcessInfo{Pid: 5, InitialCall: "m:f/2", Stopped: true, Reason: vm.StopStep, Status: "stopped",
		RegisteredName: "srv", CurrentFunction: "m:g/0", TrapExit: true,
		Messages: []term.Term{term.MakeAtom("hi")}, Dictionary: []term.Term{term.MakeTuple(term.MakeAtom("k"), term.MakeInt(1))},
		Links: []uint64{1, 2}, Monitors: []uint64{3}, MonitoredBy: []uint64{4},
		Children: []vm.SupervisorChild{{ID: term.MakeAtom("w0"), Pid: 8}, {ID: term.MakeAtom("w1")}}, Parent: 1},
		MessageQueueLen: 1}
	got := DecodeProcessInfo(roundTrip(t, EncodeProcessInfo(p, true)))
	if vm.Show(EncodeProcessInfo(got, true)) != vm.Show(EncodeProcessInfo(p, true)) || got.Pid != 5 || got.Parent != 1 || got.InitialCall != "m:f/2" ||
		got.CurrentFunction != "m:g/0" || got.Reason != vm.StopStep || len(got.Children) != 2 || got.Children[1].Pid != 0 {
		t.Errorf("process info came back as %+v", got)
	}
	if brief := DecodeProcessInfo(roundTrip(t, EncodeProcessInfo(p, false))); brief.Messages != nil || brief.MessageQueueLen != 1 {
		t.Errorf("the snapshot form: %+v", brief)
	}
	frames := []vm.Frame{{Module: "m", Function: "f", Arity: 2, File: "m.erl", Line: 4, Version: 2, Old: true}}
	if f := DecodeFrames(roundTrip(t, EncodeFrames(frames))); !reflect.DeepEqual(f, frames) {
		t.Errorf("frames came back as %+v", f)
	}
	lbs := []vm.LineBreakpoint{{Line: 3, Condition: "X > 1", HitCondition: ">2", LogMessage: "x={X}"}}
	if b := DecodeLineBreakpoints(roundTrip(t, EncodeLineBreakpoints(lbs))); !reflect.DeepEqual(b, lbs) {
		t.Errorf("line breakpoints came back as %+v", b)
	}
	fbs := []vm.FunctionBreakpoint{{Module: "m", Function: "f", Arity: 1, Condition: "true"}}
	if b := DecodeFunctionBreakpoints(roundTrip(t, EncodeFunctionBreakpoints(fbs))); !reflect.DeepEqual(b, fbs) {
		t.Errorf("function breakpoints came back as %+v", b)
	}
	bs := DecodeBindings(roundTrip(t, EncodeBindings([]vm.Binding{{Name: "X", Value: term.MakeInt(1)}})))
	if len(bs) != 1 || bs[0].Name != "X" || vm.Show(bs[0].Value) != "1" {
		t.Errorf("bindings came back as %+v", bs)
	}
	if err := DecodeError(roundTrip(t, errorReply(&vm.Exception{Class: term.MakeAtom("error"), Reason: term.MakeAtom("badarg"), Stacktrace: term.Nil}))); err == nil || err.Error() != "exception error: badarg" {
		t.Errorf("an exception came back as %v", err)
	}
}
