package sandbox

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

const dbgSrc = `-module(dbg).
-export([f/1, boom/0, g/1]).
-record(pt, {x, y}).
f(X) ->
    Y = X * 2,
    Z = g(Y),
    Z + 1.
g(V) ->
    V - 10.
boom() -> error(kaboom).
`

// A sandbox's debug runtime, in both modes (wasm through the ABI's debug
// commands): it stops a call at a breakpoint while the sandbox keeps
// serving, reads its stack and bindings, evaluates in its frame, steps
// into a callee and resumes it; function breakpoints, the process list,
// modules, functions and records are there; an uncaught exception comes
// back as the VM's own exception type.
func TestDebugRuntime(t *testing.T) {
	for _, iso := range modes {
		t.Run(iso.String(), func(t *testing.T) {
			ctx := context.Background()
			sb := startSandbox(t, NewConfig().WithIsolation(iso))
			rt, err := sb.DebugRuntime(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if err := rt.LoadModule("dbg.erl", []byte(dbgSrc)); err != nil {
				t.Fatal(err)
			}
			d := rt.Debugger()
			stopped := make(chan vm.Event, 16)
			cancel := d.Subscribe(func(e vm.Event) {
				if e.Kind == vm.EventStopped {
					stopped <- e
				}
			})
			defer cancel()
			next := func(want vm.StopReason) uint64 {
				t.Helper()
				select {
				case e := <-stopped:
					if e.Reason != want {
						t.Fatalf("stopped for %q, want %q", e.Reason, want)
					}
					return e.Pid
				case <-time.After(10 * time.Second):
					t.Fatalf("no %s stop", want)
				}
				return 0
			}
			if bps, err := d.SetBreakpoints("dbg", []vm.LineBreakpoint{{Line: 6}}); err != nil || len(bps) != 1 || !bps[0].Verified || bps[0].Line != 6 {
				t.Fatalf("breakpoints %+v %v", bps, err)
			}
			done := make(chan error, 1)
			go func() {
				v, err := sb.Call(ctx, "dbg", "f", term.MakeInt(20))
				if err == nil && vm.Show(v) != "31" {
					err = errors.New("f(20) = " + vm.Show(v))
				}
				done <- err
			}()
			pid := next(vm.StopBreakpoint)
			frames, err := d.Stack(pid)
			if err != nil || frames[0].Function != "f" || frames[0].Arity != 1 || frames[0].Line != 6 || frames[0].File != "dbg.erl" {
				t.Fatalf("stack %+v %v", frames, err)
			}
			bs, err := d.Bindings(pid, 0)
			if err != nil {
				t.Fatal(err)
			}
			if got := showBindings(bs); got != "X=20 Y=40" {
				t.Errorf("bindings %s, want X=20 Y=40", got)
			}
			if v, err := d.Eval(pid, 0, "Y + X"); err != nil || vm.Show(v) != "60" {
				t.Errorf("Eval(Y + X) = %s, %v", vm.Show(v), err)
			}
			if _, err := d.Eval(pid, 0, "1 = Y"); err == nil || !strings.Contains(err.Error(), "badmatch") {
				t.Errorf("a failing Eval: %v", err)
			}
			info, err := d.Process(pid)
			if err != nil || !info.Stopped || info.Reason != vm.StopBreakpoint || info.InitialCall != "dbg:f/1" {
				t.Errorf("Process = %+v, %v", info, err)
			}
			if ps := d.Processes(); len(ps) == 0 {
				t.Error("no processes")
			}
			// Into g/1, then out of it back in f.
			if err := d.Step(pid, vm.StepIn); err != nil {
				t.Fatal(err)
			}
			pid = next(vm.StopStep)
			if frames, _ := d.Stack(pid); len(frames) < 2 || frames[0].Function != "g" || frames[0].Line != 8 {
				t.Fatalf("after step in: %+v", frames)
			}
			if err := d.Step(pid, vm.StepOut); err != nil {
				t.Fatal(err)
			}
			pid = next(vm.StopStep)
			if frames, _ := d.Stack(pid); frames[0].Function != "f" {
				t.Fatalf("after step out: %+v", frames)
			}
			if err := d.Continue(pid); err != nil {
				t.Fatal(err)
			}
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if err := d.Continue(pid); err == nil {
				t.Error("Continue of an ended process succeeded")
			}

			if _, err := d.SetBreakpoints("dbg", nil); err != nil {
				t.Fatal(err)
			}
			if bps, err := d.SetFunctionBreakpoints([]vm.FunctionBreakpoint{{Module: "dbg", Function: "g", Arity: 1}}); err != nil || !bps[0].Verified {
				t.Fatalf("function breakpoints %+v %v", bps, err)
			}
			go func() {
				_, err := sb.Call(ctx, "dbg", "f", term.MakeInt(1))
				done <- err
			}()
			pid = next(vm.StopFunctionBreakpoint)
			if frames, _ := d.Stack(pid); frames[0].Function != "g" {
				t.Fatalf("function breakpoint stopped in %+v", frames)
			}
			d.ContinueAll()
			if err := <-done; err != nil {
				t.Fatal(err)
			}

			v, after, err := d.EvalShell("A = 6, A * 7", nil)
			if err != nil || vm.Show(v) != "42" || showBindings(after) != "A=6" {
				t.Errorf("EvalShell = %s %v %v", vm.Show(v), after, err)
			}
			if fields, ok := d.RecordFields("dbg", "pt"); !ok || strings.Join(fields, ",") != "x,y" {
				t.Errorf("RecordFields = %v %v", fields, ok)
			}
			if fs := d.Functions("dbg"); !slices.Contains(fs, "g/1") {
				t.Errorf("Functions = %v", fs)
			}
			if ms := d.Modules(); !slices.ContainsFunc(ms, func(m vm.ModuleInfo) bool { return m.Name == "dbg" && m.File == "dbg.erl" }) {
				t.Errorf("Modules = %v", ms)
			}
			_, err = rt.Call("dbg", "boom")
			var exc *vm.Exception
			if !errors.As(err, &exc) || vm.Show(exc.Reason) != "kaboom" {
				t.Errorf("boom: %v, want a *vm.Exception kaboom", err)
			}
		})
	}
}

func showBindings(bs []vm.Binding) string {
	var out []string
	for _, b := range bs {
		out = append(out, b.Name+"="+vm.Show(b.Value))
	}
	return strings.Join(out, " ")
}

// BenchmarkDebugRuntimeStop is one Continue to the next stop at a
// breakpoint through a sandbox's debug runtime, in each mode (wasm: a
// debug command and a stopped event across the ABI): the round trip a
// debug adapter adds to each stop.
func BenchmarkDebugRuntimeStop(b *testing.B) {
	for _, iso := range modes {
		b.Run(iso.String(), func(b *testing.B) { benchDebugStop(b, iso) })
	}
}

func benchDebugStop(b *testing.B, iso Isolation) {
	ctx := context.Background()
	sb := startSandbox(b, NewConfig().WithIsolation(iso))
	rt, err := sb.DebugRuntime(ctx)
	if err != nil {
		b.Fatal(err)
	}
	src := "-module(hits).\n-export([loop/1]).\nloop(0) -> done;\nloop(N) ->\n    loop(N - 1).\n"
	if err := rt.LoadModule("hits.erl", []byte(src)); err != nil {
		b.Fatal(err)
	}
	d := rt.Debugger()
	stopped := make(chan uint64, 1)
	defer d.Subscribe(func(e vm.Event) {
		if e.Kind == vm.EventStopped {
			stopped <- e.Pid
		}
	})()
	if _, err := d.SetBreakpoints("hits", []vm.LineBreakpoint{{Line: 5}}); err != nil {
		b.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := sb.Call(ctx, "hits", "loop", term.MakeInt(int64(b.N+1)))
		done <- err
	}()
	pid := <-stopped
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := d.Continue(pid); err != nil {
			b.Fatal(err)
		}
		<-stopped
	}
	b.StopTimer()
	if _, err := d.SetBreakpoints("hits", nil); err != nil {
		b.Fatal(err)
	}
	if err := d.Continue(pid); err != nil {
		b.Fatal(err)
	}
	if err := <-done; err != nil {
		b.Fatal(err)
	}
}
