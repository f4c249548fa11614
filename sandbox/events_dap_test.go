package sandbox

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/dap"
	"github.com/otpbox/otpbox/internal/daptest"
)

// gate is a reader that can be held shut: a DAP client that stops
// reading, so that the adapter's writes, and its event handler, block.
type gate struct {
	r    io.Reader
	mu   sync.Mutex
	open *sync.Cond
	shut bool
}

func newGate(r io.Reader) *gate {
	g := &gate{r: r}
	g.open = sync.NewCond(&g.mu)
	return g
}

func (g *gate) set(shut bool) {
	g.mu.Lock()
	g.shut = shut
	g.mu.Unlock()
	g.open.Broadcast()
}

func (g *gate) Read(p []byte) (int, error) {
	g.mu.Lock()
	for g.shut {
		g.open.Wait()
	}
	g.mu.Unlock()
	return g.r.Read(p)
}

const stormDapSrc = `-module(stormdap).
-export([main/0]).
main() ->
    storm(20000),
    {P, R} = spawn_monitor(fun last/0),
    receive {'DOWN', R, process, P, Why} -> Why end.
storm(0) -> ok;
storm(N) -> spawn(fun() -> ok end), storm(N - 1).
last() ->
    done.
`

// TestDebugAdapterResyncsAfterLoss: a DAP client that stops reading
// while a program in a wasm sandbox spawns 20,000 processes makes the
// sandbox's relay fall behind; the breakpoint hit that follows the storm
// is among the events lost. Once the client reads again, the adapter
// says on the console how many events of which kinds were lost, and
// re-syncs: the thread events it sends leave the client with exactly the
// live processes, and the process held at the breakpoint gets its
// stopped event, which the client can continue from.
func TestDebugAdapterResyncsAfterLoss(t *testing.T) {
	sb := startSandbox(t, NewConfig().WithIsolation(Wasm))
	rt, err := sb.DebugRuntime(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	prog := filepath.Join(dir, "stormdap.erl")
	if err := os.WriteFile(prog, []byte(stormDapSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := dap.NewConfig().WithLauncher(func(dap.LaunchSpec) (dap.Runtime, error) { return rt, nil })
	toAdapter, fromClient := io.Pipe()
	fromAdapter, toClient := io.Pipe()
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- dap.Serve(ctx, cfg, toAdapter, toClient) }()
	defer func() {
		cancel()
		fromClient.Close()
		fromAdapter.Close()
		<-served
	}()
	g := newGate(fromAdapter)
	d := daptest.New(t, g, fromClient)

	d.OK("initialize", map[string]any{"adapterID": "otpbox"})
	d.OK("launch", map[string]any{"program": prog})
	d.Event("initialized")
	bps := d.OK("setBreakpoints", map[string]any{"source": map[string]any{"path": prog}, "breakpoints": []any{map[string]any{"line": 10}}}).(*godap.SetBreakpointsResponse)
	if len(bps.Body.Breakpoints) != 1 || !bps.Body.Breakpoints[0].Verified {
		t.Fatalf("breakpoints %+v", bps.Body.Breakpoints)
	}
	d.OK("configurationDone", nil)
	g.set(true) // what the client already read stays in its queue of 256
	// Wait, through the sandbox, until last/0 is held at the breakpoint
	// (the storm over: main and last/0 are the only processes; a count
	// is cheap to ask for while it runs, the list is not).
	var held uint64
	for deadline := time.Now().Add(60 * time.Second); held == 0; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("last/0 never stopped at its breakpoint")
		}
		if n, err := sb.ProcessCount(context.Background()); err != nil || n != 2 {
			continue
		}
		for _, p := range rt.Debugger().Processes() {
			if p.Stopped && p.InitialCall == "stormdap:last/0" {
				held = p.Pid
			}
		}
	}
	g.set(false)

	known := map[int]bool{}
	st := d.Await("the stopped event of last/0", func(m godap.Message) bool {
		switch m := m.(type) {
		case *godap.ThreadEvent:
			if m.Body.Reason == "started" {
				known[m.Body.ThreadId] = true
			} else {
				delete(known, m.Body.ThreadId)
			}
		case *godap.StoppedEvent:
			return true
		}
		return false
	}).(*godap.StoppedEvent)
	if st.Body.ThreadId != int(held) || st.Body.Reason != "breakpoint" {
		t.Errorf("stopped %+v, want thread %d at a breakpoint", st.Body, held)
	}
	lost := regexp.MustCompile(`lost (\d+) events \(.*\b1 debug\b.*\)`)
	if !lost.MatchString(d.Output()) {
		t.Errorf("console output %q does not tell the loss of the breakpoint hit", d.Output())
	}
	procs := rt.Debugger().Processes()
	if len(known) != len(procs) {
		t.Errorf("the client was told of %d live threads, there are %d processes", len(known), len(procs))
	}
	for _, p := range procs {
		if !known[int(p.Pid)] {
			t.Errorf("the client was not told of %d (%s)", p.Pid, p.InitialCall)
		}
	}
	d.OK("continue", map[string]any{"threadId": st.Body.ThreadId})
	d.Event("terminated")
}
