package lsp

import (
	"context"
	"fmt"
	"sync"

	"github.com/otpbox/otpbox/dap"
	"github.com/otpbox/otpbox/sandbox"
	"go.lsp.dev/jsonrpc2"
)

// cmdDebugAdapter serves a debug adapter for the workspace sandbox.
const cmdDebugAdapter = "otpbox.debugAdapter"

// DebugAdapterResult is the answer to otpbox.debugAdapter: where a DAP
// client connects, and the one-time token its attach request carries
// ({"request": "attach", "sandbox": "workspace", "token": Token}).
type DebugAdapterResult struct {
	Address string `json:"address"`
	Token   string `json:"token"`
}

// debugState is the debug adapter endpoint serving the workspace sandbox.
// It has its own lock, not the runner's: a run holds the runner's lock
// while its process is stopped at a breakpoint, and the adapter must keep
// answering (source paths, new tokens) until the user continues it.
type debugState struct {
	mu    sync.Mutex
	ep    *dap.Endpoint
	sb    *sandbox.Sandbox  // the sandbox ep serves
	paths map[string]string // module -> the workspace file it was loaded from
}

// noteSource records where module was loaded from, so that stack frames
// name the workspace file.
func (d *debugState) noteSource(module, path string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.paths == nil {
		d.paths = map[string]string{}
	}
	d.paths[module] = path
}

// close stops the endpoint: attached sessions end, leaving their stopped
// processes running again.
func (d *debugState) close() {
	d.mu.Lock()
	ep := d.ep
	d.ep, d.sb = nil, nil
	d.mu.Unlock()
	if ep != nil {
		_ = ep.Close()
	}
}

// closeFor closes the endpoint if it still serves sb.
func (d *debugState) closeFor(sb *sandbox.Sandbox) {
	d.mu.Lock()
	same := d.sb == sb
	d.mu.Unlock()
	if same {
		d.close()
	}
}

// workspaceRuntime is the workspace sandbox's runtime, with the files
// its modules came from.
type workspaceRuntime struct {
	dap.Runtime
	d *debugState
}

// SourcePath implements dap.SourcePather.
func (w workspaceRuntime) SourcePath(module string) (string, bool) {
	w.d.mu.Lock()
	defer w.d.mu.Unlock()
	p, ok := w.d.paths[module]
	return p, ok
}

// debugAdapter answers otpbox.debugAdapter: it starts the workspace
// sandbox if no run has, serves a debug adapter for it on loopback (one
// endpoint per sandbox, closed with it or with the session) and hands out
// a fresh one-time token.
func (r *runner) debugAdapter(ctx context.Context) (DebugAdapterResult, error) {
	if err := r.s.ws.wait(ctx); err != nil {
		return DebugAdapterResult{}, err
	}
	r.mu.Lock()
	sb, _, err := r.sandbox(ctx)
	r.mu.Unlock()
	if err != nil {
		return DebugAdapterResult{}, err
	}
	r.dbg.mu.Lock()
	stale := r.dbg.ep != nil && r.dbg.sb != sb
	r.dbg.mu.Unlock()
	if stale {
		r.dbg.close()
	}

	r.dbg.mu.Lock()
	defer r.dbg.mu.Unlock()
	if r.dbg.ep == nil {
		rt, err := sb.DebugRuntime(ctx)
		if err != nil {
			return DebugAdapterResult{}, jsonrpc2.Errorf(jsonrpc2.InternalError, "%s: %v", cmdDebugAdapter, err)
		}
		ep, err := dap.Listen(dap.NewConfig().WithLogger(r.s.log), workspaceRuntime{Runtime: rt, d: &r.dbg})
		if err != nil {
			return DebugAdapterResult{}, fmt.Errorf("%s: %w", cmdDebugAdapter, err)
		}
		r.dbg.ep, r.dbg.sb = ep, sb
		go func() {
			<-sb.Done()
			r.dbg.closeFor(sb)
		}()
	}
	token, err := r.dbg.ep.NewToken()
	if err != nil {
		return DebugAdapterResult{}, fmt.Errorf("%s: %w", cmdDebugAdapter, err)
	}
	return DebugAdapterResult{Address: r.dbg.ep.Addr(), Token: token}, nil
}
