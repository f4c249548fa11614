package dap

import (
	"net"
	"strings"
	"testing"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

func dial(t *testing.T, addr string) *client {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return newClient(t, conn, conn)
}

// A client attaches to a running system with a one-time token, stops a
// process at a breakpoint, and on disconnect leaves the system running
// without its breakpoints.
func TestAttachToRunningSystem(t *testing.T) {
	m := vm.New(vm.NewConfig())
	src := `-module(svc).
-export([loop/1]).
loop(0) -> done;
loop(N) ->
    loop(N - 1).
`
	if err := m.LoadModule("/ws/svc.erl", []byte(src)); err != nil {
		t.Fatal(err)
	}
	ep, err := Listen(NewConfig(), NativeRuntime(m))
	if err != nil {
		t.Fatal(err)
	}
	defer ep.Close()
	if !strings.HasPrefix(ep.Addr(), "127.0.0.1:") {
		t.Errorf("address %s is not loopback", ep.Addr())
	}
	done := make(chan error, 1)
	go func() {
		_, err := m.Call("svc", "loop", term.MakeInt(1_000_000_000))
		done <- err
	}()
	token, err := ep.NewToken()
	if err != nil {
		t.Fatal(err)
	}

	c := dial(t, ep.Addr())
	c.ok("initialize", map[string]any{"adapterID": "otpbox"})
	c.fails("launch", map[string]any{"program": "x.erl"}, "attach")
	c.fails("attach", map[string]any{"sandbox": "workspace", "token": "guess"}, "bad or already used token")
	c.fails("attach", map[string]any{"sandbox": "other", "token": token}, "workspace")
	c.ok("attach", map[string]any{"sandbox": "workspace", "token": token})
	c.event("initialized")
	bps := c.setBreakpoints("/ws/svc.erl", line(5))
	if !bps[0].Verified {
		t.Fatalf("breakpoint %+v", bps[0])
	}
	c.ok("configurationDone", nil)
	st := c.stopped("breakpoint")
	frames := c.stack(st.Body.ThreadId)
	if frames[0].Name != "svc:loop/1" || frames[0].Line != 5 {
		t.Errorf("stopped at %+v", frames[0])
	}

	// The token is spent; a second client cannot attach with it, nor
	// attach while the first is attached.
	c2 := dial(t, ep.Addr())
	c2.fails("attach", map[string]any{"sandbox": "workspace", "token": token}, "already used")
	t2, _ := ep.NewToken()
	c2.fails("attach", map[string]any{"sandbox": "workspace", "token": t2}, "another debug session")

	c.ok("disconnect", nil)
	// The process runs on, without the breakpoint: it is never stopped
	// again, and can be paused through the debugger.
	d := m.Debugger()
	pid := uint64(st.Body.ThreadId)
	deadline := time.Now().Add(5 * time.Second)
	for {
		p, err := d.Process(pid)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Stopped {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("process still stopped after disconnect")
		}
		time.Sleep(10 * time.Millisecond)
	}
	time.Sleep(50 * time.Millisecond)
	if p, _ := d.Process(pid); p.Stopped {
		t.Errorf("process stopped again after disconnect: %+v", p)
	}
	if err := d.Kill(pid); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err == nil {
		t.Error("killed loop returned normally")
	}
}
