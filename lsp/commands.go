package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/otpbox/otpbox/sandbox"
	"github.com/otpbox/otpbox/sandbox/erl/format"
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"go.lsp.dev/jsonrpc2"
)

// The custom notifications (docs/lsp-extensions.md).
const (
	notifyOutput      = "otpbox/output"
	notifyReloaded    = "otpbox/reloaded"
	notifyProcessTree = "otpbox/processTree"
)

// The commands that only the server runs.
const (
	cmdProcessTree = "otpbox.processTree"
	cmdKill        = "otpbox.kill"
	cmdReload      = "otpbox.reload"
)

// ExecuteCommandParams is workspace/executeCommand's payload.
type ExecuteCommandParams struct {
	Command   string            `json:"command"`
	Arguments []json.RawMessage `json:"arguments,omitempty"`
}

// ExecuteCommandOptions lists the commands the server executes.
type ExecuteCommandOptions struct {
	Commands []string `json:"commands"`
}

// OutputParams is otpbox/output: text the program printed.
type OutputParams struct {
	Stream string `json:"stream"` // "stdout" or "stderr"
	Text   string `json:"text"`
}

// ReloadedParams is otpbox/reloaded: a module hot-loaded after a save.
type ReloadedParams struct {
	Module  string  `json:"module"`
	Version int     `json:"version"` // how many times this session loaded it
	Millis  float64 `json:"millis"`  // compile and load time
}

// RunResult is the answer to otpbox.run and otpbox.test.
type RunResult struct {
	// Value is the call's value as ~p prints it, when it returned.
	Value string `json:"value,omitempty"`
	// Exception is the uncaught exception as the shell prints it.
	Exception string `json:"exception,omitempty"`
	// CompileErrors lists the modules that did not compile.
	CompileErrors []string `json:"compileErrors,omitempty"`
}

// errUnchanged says a file's text is already the loaded one.
var errUnchanged = errors.New("already loaded")

// runTimeout bounds one run: an editor command must come back.
const runTimeout = 30 * time.Second

// runner owns the workspace sandbox: one VM per session, created by the
// first run, into which every workspace module is loaded and in which a
// saved module is hot-loaded again. Its isolation and limits are the
// server's (Options.Isolation, then the otpbox.sandbox settings), read
// when a sandbox starts: wasm by default, native for speed on trusted
// code.
type runner struct {
	s *Server

	mu       sync.Mutex
	mgr      *sandbox.Manager
	sb       *sandbox.Sandbox
	sbset    sandboxSettings   // what sb was started with
	versions map[string]int    // module -> loads so far
	files    map[string]string // path -> module loaded from it
	srcs     map[string]string // path -> text loaded from it
	dbg      debugState        // otpbox.debugAdapter's endpoint (debugadapter.go)
}

func newRunner(s *Server) *runner {
	return &runner{s: s, versions: map[string]int{}, files: map[string]string{}, srcs: map[string]string{}}
}

// notifyWriter sends what the program prints as otpbox/output.
type notifyWriter struct {
	s      *Server
	stream string
}

func (w notifyWriter) Write(p []byte) (int, error) {
	w.s.notify(notifyOutput, OutputParams{Stream: w.stream, Text: string(p)})
	return len(p), nil
}

// sandbox returns the live workspace sandbox, starting one (and loading
// every workspace module into it) when there is none, the last one
// stopped, or the sandbox settings changed since it started (the old
// one is closed: its processes end, a debugger attached to it is
// detached). Modules that do not compile are reported, not fatal.
func (r *runner) sandbox(ctx context.Context) (*sandbox.Sandbox, []string, error) {
	set := r.s.sandboxSettings()
	if r.sb != nil && r.sbset != set {
		r.s.log.Info("lsp: restarting the workspace sandbox with the settings now set", "isolation", set.iso.String())
		r.sb.Close()
		r.sb = nil
	}
	if r.sb != nil {
		select {
		case <-r.sb.Done():
			r.sb = nil
		default:
			return r.sb, nil, nil
		}
	}
	if r.mgr == nil {
		r.mgr = sandbox.NewManager(nil)
	}
	r.s.ws.mu.Lock()
	files, incs := append([]string(nil), r.s.ws.files...), append([]string(nil), r.s.ws.includeDirs...)
	r.s.ws.mu.Unlock()
	cfg := set.config().WithIncludeDirs(incs...).
		WithStdout(notifyWriter{r.s, "stdout"}).WithStderr(notifyWriter{r.s, "stderr"})
	sb, err := r.mgr.New(ctx, cfg)
	if err != nil {
		return nil, nil, fmt.Errorf("starting the workspace sandbox: %w", err)
	}
	r.sb, r.sbset = sb, set
	clear(r.files)
	clear(r.srcs)
	var failed []string
	for _, f := range files {
		if filepath.Ext(f) != ".erl" {
			continue
		}
		if _, err := r.load(ctx, f); err != nil {
			var ce *sandbox.CompileError
			if !errors.As(err, &ce) {
				return nil, nil, err
			}
			failed = append(failed, ce.Error())
		}
	}
	return sb, failed, nil
}

// load compiles and loads one file, from the editor's buffer when open,
// unless that text is what is loaded already.
func (r *runner) load(ctx context.Context, path string) (string, error) {
	src, err := os.ReadFile(path)
	if d := r.s.docs.byPath(path); d != nil {
		src, err = []byte(d.Text), nil
	}
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", path, err)
	}
	if mod, ok := r.files[path]; ok && r.srcs[path] == string(src) {
		return mod, errUnchanged
	}
	mod, err := r.sb.Load(ctx, path, src)
	if err != nil {
		return "", err
	}
	r.files[path] = mod
	r.srcs[path] = string(src)
	r.dbg.noteSource(mod, path)
	r.versions[mod]++
	return mod, nil
}

// call runs mod:fun(args...) in the workspace sandbox, reloading the
// module's file first so that the run sees the current text.
func (r *runner) call(ctx context.Context, path, mod, fun string, args ...term.Term) (RunResult, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	sb, failed, err := r.sandbox(ctx)
	if err != nil {
		return RunResult{}, err
	}
	res := RunResult{CompileErrors: failed}
	if _, ok := r.files[path]; ok {
		if _, err := r.load(ctx, path); err != nil && err != errUnchanged {
			return res, fmt.Errorf("loading %s: %w", filepath.Base(path), err)
		}
	}
	v, err := sb.Call(ctx, mod, fun, args...)
	var exc *sandbox.Exception
	switch {
	case err == nil:
		res.Value, _ = format.Format("~p", []term.Term{v})
	case errors.As(err, &exc):
		res.Exception = exc.Formatted
	default:
		return res, fmt.Errorf("running %s:%s: %w", mod, fun, err)
	}
	return res, nil
}

// reload hot-loads a saved file when its module is already loaded in the
// workspace sandbox, and tells the client with otpbox/reloaded.
func (r *runner) reload(path string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sb == nil {
		return
	}
	if _, ok := r.files[path]; !ok {
		return
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), runTimeout)
	defer cancel()
	mod, err := r.load(ctx, path)
	if err == errUnchanged {
		return
	}
	if err != nil {
		r.s.log.Info("lsp: hot reload failed", "path", path, "err", err)
		r.s.notify(notifyOutput, OutputParams{Stream: "stderr", Text: fmt.Sprintf("reload of %s failed: %v\n", filepath.Base(path), err)})
		return
	}
	r.s.notify(notifyReloaded, ReloadedParams{Module: mod, Version: r.versions[mod], Millis: float64(time.Since(start).Microseconds()) / 1000})
}

func (r *runner) close() {
	r.dbg.close()
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sb != nil {
		r.sb.Close()
		r.sb = nil
	}
	if r.mgr != nil {
		r.mgr.Close(context.Background())
		r.mgr = nil
	}
}

// handleExecuteCommand runs otpbox.run [uri, module, function] and
// otpbox.test [uri, module] or [uri, module, test] in the workspace
// sandbox. Program output arrives as otpbox/output notifications while the
// call runs; the answer is a RunResult.
// reloadCommand is otpbox.reload: the module at path is compiled and
// loaded into the workspace sandbox now, hot-loading it over a version
// that runs (saving does the same for modules already loaded). An
// unchanged module is not loaded again; its current version is reported.
func (r *runner) reloadCommand(ctx context.Context, path string) (ReloadedParams, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, _, err := r.sandbox(ctx); err != nil {
		return ReloadedParams{}, err
	}
	start := time.Now()
	mod, err := r.load(ctx, path)
	if err != nil && err != errUnchanged {
		return ReloadedParams{}, fmt.Errorf("reloading %s: %w", filepath.Base(path), err)
	}
	p := ReloadedParams{Module: mod, Version: r.versions[mod], Millis: float64(time.Since(start).Microseconds()) / 1000}
	if err == nil {
		r.s.notify(notifyReloaded, p)
	}
	return p, nil
}

func handleExecuteCommand(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	var p ExecuteCommandParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	args := make([]string, len(p.Arguments))
	for i, a := range p.Arguments {
		if err := json.Unmarshal(a, &args[i]); err != nil {
			return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: argument %d is not a string: %v", p.Command, i+1, err)
		}
	}
	need := func(n int) error {
		if len(args) < n {
			return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%s: want %d arguments (uri, module, ...), got %d", p.Command, n, len(args))
		}
		return nil
	}
	switch p.Command {
	case cmdRun:
		if err := need(3); err != nil {
			return nil, err
		}
		if err := s.ws.wait(ctx); err != nil {
			return nil, err
		}
		return s.runner.call(ctx, uriToPath(args[0]), args[1], args[2])
	case cmdDebugAdapter:
		return s.runner.debugAdapter(ctx)
	case cmdProcessTree:
		tree, err := s.runner.processTree(ctx)
		if err != nil {
			return nil, err
		}
		s.notify(notifyProcessTree, tree)
		return tree, nil
	case cmdReload:
		if err := need(1); err != nil {
			return nil, err
		}
		return s.runner.reloadCommand(ctx, uriToPath(args[0]))
	case cmdKill:
		if err := need(1); err != nil {
			return nil, err
		}
		if err := s.runner.kill(ctx, args[0]); err != nil {
			return nil, err
		}
		return nil, nil
	case cmdTest:
		if err := need(2); err != nil {
			return nil, err
		}
		if err := s.ws.wait(ctx); err != nil {
			return nil, err
		}
		what := term.MakeAtom(args[1])
		if len(args) > 2 {
			what = term.MakeTuple(what, term.MakeAtom(args[2]))
		}
		return s.runner.call(ctx, uriToPath(args[0]), "eunit", "test", what)
	}
	return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "unknown command %q", p.Command)
}

// probeModule is loaded into the workspace sandbox to count the processes
// running a behaviour's callback module: proc_lib records each one's
// initial call ({Mod, init, 1} for gen_server, gen_statem, supervisor).
const probeModule = `-module(otpbox_lsp_probe).
-export([count/1, tree/0, kill/1]).
count(Mod) ->
    length([P || P <- erlang:processes(), P =/= self(),
                 proc_lib:translate_initial_call(P) =:= {Mod, init, 1}]).
tree() ->
    [{list_to_binary(pid_to_list(P)), name(P), initial(P), parent(P)}
     || P <- erlang:processes(), P =/= self(), erlang:is_process_alive(P)].
name(P) ->
    case erlang:process_info(P, registered_name) of
        {registered_name, N} -> atom_to_binary(N);
        _ -> <<>>
    end.
initial(P) ->
    {M, F, A} = proc_lib:translate_initial_call(P),
    iolist_to_binary([atom_to_list(M), ":", atom_to_list(F), "/", integer_to_list(A)]).
parent(P) ->
    case erlang:process_info(P, dictionary) of
        {dictionary, D} ->
            case lists:keyfind('$ancestors', 1, D) of
                {_, [A | _]} when is_pid(A) -> list_to_binary(pid_to_list(A));
                {_, [A | _]} when is_atom(A) -> atom_to_binary(A);
                _ -> <<>>
            end;
        _ -> <<>>
    end.
kill(Pid) ->
    case [P || P <- erlang:processes(), list_to_binary(pid_to_list(P)) =:= Pid] of
        [P] -> erlang:exit(P, kill);
        [] -> erlang:error({no_such_process, Pid})
    end.
`

// liveProcesses counts the processes of module in the workspace sandbox;
// ok is false when no sandbox is running or the module is not loaded.
func (r *runner) liveProcesses(ctx context.Context, module string) (n int, ok bool) {
	if !r.mu.TryLock() {
		return 0, false // a run holds the sandbox: no live figure now
	}
	defer r.mu.Unlock()
	if r.sb == nil || r.versions[module] == 0 {
		return 0, false
	}
	select {
	case <-r.sb.Done():
		return 0, false
	default:
	}
	if err := r.loadProbe(ctx); err != nil {
		r.s.log.Warn("lsp: loading the process probe", "err", err)
		return 0, false
	}
	v, err := r.sb.Call(ctx, "otpbox_lsp_probe", "count", term.MakeAtom(module))
	if err != nil {
		return 0, false
	}
	c, isInt := v.Int()
	return int(c), isInt
}

// loadProbe loads the probe module once per sandbox.
func (r *runner) loadProbe(ctx context.Context) error {
	if r.versions["otpbox_lsp_probe"] > 0 {
		return nil
	}
	if _, err := r.sb.Load(ctx, "otpbox_lsp_probe.erl", []byte(probeModule)); err != nil {
		return fmt.Errorf("loading the process probe: %w", err)
	}
	r.versions["otpbox_lsp_probe"]++
	return nil
}

// ProcessInfo is one process of an otpbox/processTree snapshot.
type ProcessInfo struct {
	Pid         string `json:"pid"`
	Name        string `json:"name,omitempty"`
	InitialCall string `json:"initialCall"`
	// Parent is the pid or registered name of the process that started
	// it (proc_lib's first ancestor), "" when unknown.
	Parent string `json:"parent,omitempty"`
}

// ProcessTreeParams is otpbox/processTree, and the answer to
// otpbox.processTree.
type ProcessTreeParams struct {
	Processes []ProcessInfo `json:"processes"`
}

// errNoSandbox says a command needs a run first.
var errNoSandbox = jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "no program is running: use otpbox.run first")

// processTree snapshots the workspace sandbox's processes.
func (r *runner) processTree(ctx context.Context) (ProcessTreeParams, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sb == nil {
		return ProcessTreeParams{}, errNoSandbox
	}
	if err := r.loadProbe(ctx); err != nil {
		return ProcessTreeParams{}, err
	}
	v, err := r.sb.Call(ctx, "otpbox_lsp_probe", "tree")
	if err != nil {
		return ProcessTreeParams{}, fmt.Errorf("process tree: %w", err)
	}
	items, _ := term.ListToSlice(v)
	out := ProcessTreeParams{Processes: []ProcessInfo{}}
	for _, it := range items {
		if it.Kind() != term.KindTuple || it.TupleLen() != 4 {
			continue
		}
		out.Processes = append(out.Processes, ProcessInfo{Pid: binText(it.Elem(0)), Name: binText(it.Elem(1)), InitialCall: binText(it.Elem(2)), Parent: binText(it.Elem(3))})
	}
	return out, nil
}

// kill ends a process of the workspace sandbox with reason kill.
func (r *runner) kill(ctx context.Context, pid string) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.sb == nil {
		return errNoSandbox
	}
	if err := r.loadProbe(ctx); err != nil {
		return err
	}
	if _, err := r.sb.Call(ctx, "otpbox_lsp_probe", "kill", term.MakeBinary([]byte(pid))); err != nil {
		return jsonrpc2.Errorf(jsonrpc2.InvalidParams, "kill %s: %v", pid, err)
	}
	return nil
}

// binText is a binary term's bytes as a string ("" for anything else).
func binText(t term.Term) string {
	if t.Kind() != term.KindBits {
		return ""
	}
	return string(t.Bits().Data)
}
