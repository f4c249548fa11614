package sandbox

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// A native sandbox's debug runtime stops a call at a breakpoint while the
// sandbox keeps serving, reads its stack and bindings, and resumes it; an
// uncaught exception comes back as the VM's own exception type.
func TestDebugRuntimeNative(t *testing.T) {
	ctx := context.Background()
	mgr := NewManager(nil)
	defer mgr.Close(ctx)
	sb, err := mgr.New(ctx, NewConfig().WithIsolation(Native))
	if err != nil {
		t.Fatal(err)
	}
	defer sb.Close()
	rt, err := sb.DebugRuntime(ctx)
	if err != nil {
		t.Fatal(err)
	}
	src := "-module(dbg).\n-export([f/1, boom/0]).\nf(X) ->\n    Y = X * 2,\n    Y + 1.\nboom() -> error(kaboom).\n"
	if err := rt.LoadModule("dbg.erl", []byte(src)); err != nil {
		t.Fatal(err)
	}
	d := rt.Debugger()
	stopped := make(chan uint64, 1)
	cancel := d.Subscribe(func(e vm.Event) {
		if e.Kind == vm.EventStopped {
			stopped <- e.Pid
		}
	})
	defer cancel()
	if bps, err := d.SetBreakpoints("dbg", []vm.LineBreakpoint{{Line: 5}}); err != nil || !bps[0].Verified {
		t.Fatalf("breakpoints %+v %v", bps, err)
	}
	done := make(chan error, 1)
	go func() {
		v, err := sb.Call(ctx, "dbg", "f", term.MakeInt(20))
		if err == nil && vm.Show(v) != "41" {
			err = errors.New("f(20) = " + vm.Show(v))
		}
		done <- err
	}()
	var pid uint64
	select {
	case pid = <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("no stop at the breakpoint")
	}
	frames, err := d.Stack(pid)
	if err != nil || frames[0].Function != "f" || frames[0].Line != 5 {
		t.Fatalf("stack %+v %v", frames, err)
	}
	bs, err := d.Bindings(pid, 0)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, b := range bs {
		if b.Name == "Y" && vm.Show(b.Value) == "40" {
			found = true
		}
	}
	if !found {
		t.Errorf("bindings %+v lack Y = 40", bs)
	}
	if err := d.Continue(pid); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	_, err = rt.Call("dbg", "boom")
	var exc *vm.Exception
	if !errors.As(err, &exc) || vm.Show(exc.Reason) != "kaboom" {
		t.Errorf("boom: %v, want a *vm.Exception kaboom", err)
	}
}

// A wasm sandbox has no debug runtime yet, and says why.
func TestDebugRuntimeNeedsNative(t *testing.T) {
	sb := newSandbox(NewConfig().WithIsolation(Wasm))
	if _, err := sb.DebugRuntime(context.Background()); !errors.Is(err, ErrDebugNeedsNative) {
		t.Errorf("wasm sandbox: %v, want ErrDebugNeedsNative", err)
	}
}

// BenchmarkDebugRuntimeStop is one Continue to the next stop at a
// breakpoint, in a native sandbox's running system: the round trip a
// debug adapter attached to the workspace sandbox adds to each stop.
func BenchmarkDebugRuntimeStop(b *testing.B) {
	ctx := context.Background()
	mgr := NewManager(nil)
	defer mgr.Close(ctx)
	sb, err := mgr.New(ctx, NewConfig().WithIsolation(Native))
	if err != nil {
		b.Fatal(err)
	}
	defer sb.Close()
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
