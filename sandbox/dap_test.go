package sandbox

import (
	"context"
	"net"
	"testing"
	"time"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/dap"
	"github.com/otpbox/otpbox/internal/daptest"
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// The debug adapter drives a wasm sandbox through its debug runtime as it
// drives a native VM: attached over TCP, it stops a call at a breakpoint,
// lists the threads, reads the stack and variables, evaluates, steps
// over a line and continues, and the call returns its value.
func TestDebugAdapterOnWasmSandbox(t *testing.T) {
	ctx := context.Background()
	sb := startSandbox(t, NewConfig().WithIsolation(Wasm))
	rt, err := sb.DebugRuntime(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := rt.LoadModule("dbg.erl", []byte(dbgSrc)); err != nil {
		t.Fatal(err)
	}
	ep, err := dap.Listen(dap.NewConfig(), rt)
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	token, err := ep.NewToken()
	if err != nil {
		t.Fatal(err)
	}
	conn, err := net.Dial("tcp", ep.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	d := daptest.New(t, conn, conn)
	d.OK("initialize", map[string]any{"adapterID": "otpbox"})
	d.OK("attach", map[string]any{"sandbox": "workspace", "token": token})
	d.Event("initialized")
	bps := d.OK("setBreakpoints", map[string]any{"source": map[string]any{"path": "dbg.erl"}, "breakpoints": []any{map[string]any{"line": 5}}}).(*godap.SetBreakpointsResponse)
	if len(bps.Body.Breakpoints) != 1 || !bps.Body.Breakpoints[0].Verified {
		t.Fatalf("breakpoints %+v", bps.Body.Breakpoints)
	}
	d.OK("configurationDone", nil)

	done := make(chan string, 1)
	go func() {
		v, err := sb.Call(ctx, "dbg", "f", term.MakeInt(20))
		if err != nil {
			done <- err.Error()
			return
		}
		done <- vm.Show(v)
	}()
	st := d.Event("stopped").(*godap.StoppedEvent)
	if st.Body.Reason != "breakpoint" {
		t.Fatalf("stopped %+v", st.Body)
	}
	threads := d.OK("threads", nil).(*godap.ThreadsResponse).Body.Threads
	found := false
	for _, th := range threads {
		found = found || th.Id == st.Body.ThreadId
	}
	if !found {
		t.Errorf("threads %+v lack the stopped one %d", threads, st.Body.ThreadId)
	}
	frames := d.OK("stackTrace", map[string]any{"threadId": st.Body.ThreadId}).(*godap.StackTraceResponse).Body.StackFrames
	if len(frames) == 0 || frames[0].Name != "dbg:f/1" || frames[0].Line != 5 {
		t.Fatalf("stack %+v", frames)
	}
	scopes := d.OK("scopes", map[string]any{"frameId": frames[0].Id}).(*godap.ScopesResponse).Body.Scopes
	vars := d.OK("variables", map[string]any{"variablesReference": scopes[0].VariablesReference}).(*godap.VariablesResponse).Body.Variables
	if len(vars) != 1 || vars[0].Name != "X" || vars[0].Value != "20" {
		t.Errorf("variables %+v, want X = 20", vars)
	}
	ev := d.OK("evaluate", map[string]any{"expression": "X * 3", "frameId": frames[0].Id, "context": "repl"}).(*godap.EvaluateResponse)
	if ev.Body.Result != "60" {
		t.Errorf("evaluate X * 3 = %q", ev.Body.Result)
	}
	d.OK("next", map[string]any{"threadId": st.Body.ThreadId})
	st = d.Event("stopped").(*godap.StoppedEvent)
	frames = d.OK("stackTrace", map[string]any{"threadId": st.Body.ThreadId}).(*godap.StackTraceResponse).Body.StackFrames
	if st.Body.Reason != "step" || frames[0].Line != 6 {
		t.Fatalf("after next: %+v at %+v", st.Body, frames[0])
	}
	select {
	case r := <-done:
		t.Fatalf("the call ended while stopped: %s", r)
	default:
	}
	d.OK("continue", map[string]any{"threadId": st.Body.ThreadId})
	select {
	case r := <-done:
		if r != "31" {
			t.Errorf("f(20) = %s after continue", r)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the call did not end after continue")
	}
	d.OK("disconnect", nil)
}
