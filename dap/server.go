// Package dap is otpbox's debug adapter: it speaks the Debug Adapter
// Protocol (github.com/google/go-dap's wire types) and maps it onto the
// VM's debugger. Every Erlang process is a DAP thread; stops, steps and
// pauses act on one process while the others keep running.
//
// One handler per request kind, each in its own file, as in Delve's
// adapter; this file holds the session, the read loop and the plumbing.
package dap

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// Runtime is the running Erlang system a session debugs. NativeRuntime
// wraps a *vm.VM; the sandbox package can implement it over its command
// protocol for a VM in wasm.
type Runtime interface {
	// Debugger returns the system's debugger.
	Debugger() Debugger
	// LoadModule compiles and loads, or hot-reloads, the module in src.
	LoadModule(path string, src []byte) error
	// Call runs module:function() in a new process until it returns.
	Call(module, function string, args ...term.Term) (term.Term, error)
}

// Debugger is what the adapter asks of the system's debugger: exactly
// *vm.Debugger's methods (see there), so that a sandbox can forward them.
type Debugger interface {
	Subscribe(h func(vm.Event)) (cancel func())
	SetBreakpoints(module string, bps []vm.LineBreakpoint) ([]vm.BreakpointInfo, error)
	SetFunctionBreakpoints(bps []vm.FunctionBreakpoint) ([]vm.BreakpointInfo, error)
	SetBreakOnCrash(on bool)
	SetStopOnEntry(on bool)
	Continue(pid uint64) error
	ContinueAll()
	Pause(pid uint64) error
	Step(pid uint64, kind vm.StepKind) error
	Kill(pid uint64) error
	Processes() []vm.ProcessInfo
	Process(pid uint64) (vm.ProcessInfo, error)
	Stack(pid uint64) ([]vm.Frame, error)
	Bindings(pid uint64, frame int) ([]vm.Binding, error)
	Eval(pid uint64, frame int, src string) (term.Term, error)
	EvalShell(src string, bindings []vm.Binding) (term.Term, []vm.Binding, error)
	Modules() []vm.ModuleInfo
	Functions(module string) []string
	RecordFields(module, record string) ([]string, bool)
}

var _ Debugger = (*vm.Debugger)(nil)

// NativeRuntime runs programs on v in this process.
func NativeRuntime(v *vm.VM) Runtime { return nativeRuntime{v} }

type nativeRuntime struct{ *vm.VM }

func (r nativeRuntime) Debugger() Debugger { return r.VM.Debugger() }

// Config is an immutable adapter configuration; With methods return a
// modified copy.
type Config struct {
	log        *slog.Logger
	newRuntime func(spec LaunchSpec) (Runtime, error)
}

// NewConfig returns the defaults: logs discarded, programs run natively
// on the VM.
func NewConfig() *Config {
	return &Config{
		log:        slog.New(slog.DiscardHandler),
		newRuntime: bareRuntime(func(cfg *vm.Config) Runtime { return NativeRuntime(vm.New(cfg)) }),
	}
}

// WithLogger sets where the adapter logs (never the protocol stream).
func (c *Config) WithLogger(l *slog.Logger) *Config { n := *c; n.log = l; return &n }

// WithRuntime sets how launch creates the system it runs the program on,
// from the VM configuration launch builds (output, limits, include dirs).
func (c *Config) WithRuntime(f func(cfg *vm.Config) Runtime) *Config {
	n := *c
	n.newRuntime = bareRuntime(f)
	return &n
}

// WithLauncher sets how launch creates the system it runs the program on,
// from the launch request's settings: a sandbox, whose limits the launch
// request's limits are. A Runtime that is an io.Closer is closed when the
// session ends.
func (c *Config) WithLauncher(f func(spec LaunchSpec) (Runtime, error)) *Config {
	n := *c
	n.newRuntime = f
	return &n
}

// LaunchSpec is what a launch request asks of the system it starts.
type LaunchSpec struct {
	// VM is the configuration for a bare VM: the output writers, the
	// include directories and limits.maxReductions.
	VM *vm.Config
	// Stdout and Stderr receive the program's output (as output events).
	Stdout, Stderr io.Writer
	// IncludeDirs are the launch request's includeDirs.
	IncludeDirs []string
	// Limits are the launch request's limits.
	Limits Limits
}

// Limits are a launch request's "limits". A bare VM enforces only
// MaxReductions; the others are a sandbox's (otpbox dap runs one), in
// its units: Timeout a Go duration ("30s"), Memory and MaxOutput sizes
// ("256MiB"); MaxAtoms the atom table's size, MaxModuleSize a size.
type Limits struct {
	MaxReductions int64  `json:"maxReductions"`
	Timeout       string `json:"timeout"`
	Memory        string `json:"memory"`
	MaxProcesses  int    `json:"maxProcesses"`
	MaxOutput     string `json:"maxOutput"`
	MaxAtoms      int    `json:"maxAtoms"`
	MaxModuleSize string `json:"maxModuleSize"`
}

// bareRuntime is a launcher for a bare VM, which refuses the limits only
// a sandbox enforces rather than ignore them.
func bareRuntime(f func(cfg *vm.Config) Runtime) func(LaunchSpec) (Runtime, error) {
	return func(spec LaunchSpec) (Runtime, error) {
		l := spec.Limits
		if l.Timeout != "" || l.Memory != "" || l.MaxProcesses != 0 || l.MaxOutput != "" || l.MaxAtoms != 0 || l.MaxModuleSize != "" {
			return nil, fmt.Errorf("limits: timeout, memory, maxProcesses, maxOutput, maxAtoms and maxModuleSize need a sandbox; this adapter runs a bare VM (limits.maxReductions only)")
		}
		return f(spec.VM), nil
	}
}

// session is one client connection.
type session struct {
	cfg *Config
	log *slog.Logger
	r   *bufio.Reader
	w   io.Writer

	sendMu sync.Mutex
	seq    int

	mu sync.Mutex // guards what follows: the event handler reads it too
	rt Runtime
	d  Debugger
	// paths maps a module to the file it was loaded from; refs maps a
	// sourceReference to the stdlib module it shows.
	paths      map[string]string
	refs       map[int]string
	refOf      map[string]int
	launch     *launchArgs
	started    bool
	handles    map[int]any
	nextHandle int
	done       chan struct{}
	closing    bool
	unsub      func()
	// endpoint is set for a session served on the language server's
	// loopback address: it may attach to that system, never launch.
	endpoint *Endpoint
	attached bool
	// bpModules are the modules this session set breakpoints in, cleared
	// when an attached session ends.
	bpModules map[string]bool
	// shell holds the debug console's variables (evaluate without a frame).
	shell []vm.Binding
	// loaded is the content hash of each file last loaded, by path.
	loaded map[string][sha256.Size]byte

	// threads are the threads the client knows of: from thread events
	// and threads responses (resync compares them with the processes).
	threadsMu sync.Mutex
	threads   map[int]bool
}

// Serve runs one session over r and w until the client disconnects, r
// ends or ctx is done.
func Serve(ctx context.Context, cfg *Config, r io.Reader, w io.Writer) error {
	return newSession(cfg, nil, r, w).serve(ctx)
}

func newSession(cfg *Config, e *Endpoint, r io.Reader, w io.Writer) *session {
	return &session{
		cfg: cfg, log: cfg.log, r: bufio.NewReader(r), w: w, endpoint: e,
		paths: map[string]string{}, refs: map[int]string{}, refOf: map[string]int{},
		handles: map[int]any{}, done: make(chan struct{}), bpModules: map[string]bool{},
		loaded: map[string][sha256.Size]byte{}, threads: map[int]bool{},
	}
}

func (s *session) serve(ctx context.Context) error {
	defer s.shutdown()
	msgs := make(chan []byte)
	errc := make(chan error, 1)
	go func() {
		for {
			data, err := readFrame(s.r)
			if err != nil {
				if errors.Is(err, errBadFrame) {
					s.log.Warn("dap: skipping a message", "err", err)
					s.sendOutput("console", fmt.Sprintf("otpbox dap: %v\n", err))
					continue
				}
				errc <- err
				return
			}
			select {
			case msgs <- data:
			case <-s.done:
				return
			}
		}
	}()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-s.done:
			return nil
		case err := <-errc:
			if errors.Is(err, io.EOF) {
				return nil
			}
			return fmt.Errorf("dap: reading: %w", err)
		case data := <-msgs:
			s.handle(data)
		}
	}
}

// handle decodes and answers one message; a handler's panic becomes an
// error response, so one bad request never ends the session.
func (s *session) handle(data []byte) {
	msg, err := godap.DecodeProtocolMessage(data)
	if err != nil {
		var req godap.Request
		if jerr := json.Unmarshal(data, &req); jerr != nil || req.Type != "request" || req.Command == "" {
			s.log.Warn("dap: malformed message", "err", err)
			s.sendOutput("console", fmt.Sprintf("otpbox dap: malformed message: %v\n", err))
			return
		}
		if req.Command == "reload" {
			s.guard(&req, func() { s.onReload(&req, data) })
			return
		}
		s.sendError(&req, fmt.Sprintf("unsupported or malformed request %q: %v", req.Command, err))
		return
	}
	rm, ok := msg.(godap.RequestMessage)
	if !ok {
		return // responses and events from the client are not expected
	}
	s.guard(rm.GetRequest(), func() { s.dispatch(rm) })
}

func (s *session) guard(req *godap.Request, f func()) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("dap: handler panicked", "command", req.Command, "panic", r)
			s.sendError(req, fmt.Sprintf("internal error in %s: %v", req.Command, r))
		}
	}()
	f()
}

// dispatch sends a request to its handler.
func (s *session) dispatch(m godap.RequestMessage) {
	switch r := m.(type) {
	case *godap.InitializeRequest:
		s.onInitialize(r)
	case *godap.LaunchRequest:
		s.onLaunch(r)
	case *godap.AttachRequest:
		s.onAttach(r)
	case *godap.ConfigurationDoneRequest:
		s.onConfigurationDone(r)
	case *godap.SetBreakpointsRequest:
		s.onSetBreakpoints(r)
	case *godap.SetFunctionBreakpointsRequest:
		s.onSetFunctionBreakpoints(r)
	case *godap.SetExceptionBreakpointsRequest:
		s.onSetExceptionBreakpoints(r)
	case *godap.ThreadsRequest:
		s.onThreads(r)
	case *godap.StackTraceRequest:
		s.onStackTrace(r)
	case *godap.ScopesRequest:
		s.onScopes(r)
	case *godap.VariablesRequest:
		s.onVariables(r)
	case *godap.ContinueRequest:
		s.onContinue(r)
	case *godap.NextRequest:
		s.onNext(r)
	case *godap.StepInRequest:
		s.onStepIn(r)
	case *godap.StepOutRequest:
		s.onStepOut(r)
	case *godap.PauseRequest:
		s.onPause(r)
	case *godap.EvaluateRequest:
		s.onEvaluate(r)
	case *godap.CompletionsRequest:
		s.onCompletions(r)
	case *godap.ExceptionInfoRequest:
		s.onExceptionInfo(r)
	case *godap.SourceRequest:
		s.onSource(r)
	case *godap.LoadedSourcesRequest:
		s.onLoadedSources(r)
	case *godap.TerminateThreadsRequest:
		s.onTerminateThreads(r)
	case *godap.DisconnectRequest:
		s.onDisconnect(r)
	case *godap.TerminateRequest:
		s.onTerminate(r)
	default:
		s.sendError(m.GetRequest(), fmt.Sprintf("request %q is not supported", m.GetRequest().Command))
	}
}

// send writes one message; safe from any goroutine.
func (s *session) send(m godap.Message) {
	s.sendMu.Lock()
	defer s.sendMu.Unlock()
	s.seq++
	switch m := m.(type) {
	case godap.ResponseMessage:
		m.GetResponse().Seq = s.seq
		m.GetResponse().Type = "response"
	case godap.EventMessage:
		m.GetEvent().Seq = s.seq
		m.GetEvent().Type = "event"
	}
	if err := godap.WriteProtocolMessage(s.w, m); err != nil {
		s.log.Warn("dap: writing", "err", err)
	}
}

// response fills a response's header for req.
func response(req *godap.Request) godap.Response {
	return godap.Response{RequestSeq: req.Seq, Success: true, Command: req.Command}
}

func event(name string) godap.Event { return godap.Event{Event: name} }

// sendError answers req with an error message shown to the user.
func (s *session) sendError(req *godap.Request, msg string) {
	r := &godap.ErrorResponse{Response: response(req)}
	r.Success = false
	r.Message = msg
	r.Body.Error = &godap.ErrorMessage{Id: 1, Format: msg, ShowUser: true}
	s.send(r)
}

func (s *session) sendOutput(category, text string) {
	s.send(&godap.OutputEvent{Event: event("output"), Body: godap.OutputEventBody{Category: category, Output: text}})
}

// handle returns a fresh handle for v (a frame or a variable container).
// Handles live for the session: clients re-ask after each stop anyway,
// and the table is cleared when it grows large.
func (s *session) newHandle(v any) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.handles) > 100000 {
		s.handles = map[int]any{}
	}
	s.nextHandle++
	s.handles[s.nextHandle] = v
	return s.nextHandle
}

func (s *session) lookup(h int) (any, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.handles[h]
	return v, ok
}

// debugger returns the running system's debugger, or an error response.
func (s *session) debugger(req *godap.Request) Debugger {
	s.mu.Lock()
	d := s.d
	s.mu.Unlock()
	if d == nil {
		s.sendError(req, fmt.Sprintf("%s: no program launched yet", req.Command))
	}
	return d
}

// shutdown ends the session's hold on the system: a launched program is
// killed; an attached system keeps running, with this session's
// breakpoints removed and its stopped processes resumed.
func (s *session) shutdown() {
	s.mu.Lock()
	d, attached, unsub, rt := s.d, s.attached, s.unsub, s.rt
	s.closing, s.unsub = true, nil
	var mods []string
	for m := range s.bpModules {
		mods = append(mods, m)
	}
	s.mu.Unlock()
	if d == nil {
		return
	}
	d.SetBreakOnCrash(false)
	if attached {
		for _, m := range mods {
			_, _ = d.SetBreakpoints(m, nil)
		}
		_, _ = d.SetFunctionBreakpoints(nil)
		d.ContinueAll()
		if s.endpoint != nil {
			s.endpoint.detached(s)
		}
	} else {
		for _, p := range d.Processes() {
			_ = d.Kill(p.Pid)
		}
	}
	if unsub != nil {
		unsub()
	}
	if !attached {
		closeRuntime(rt)
	}
}

// closeRuntime releases a launched runtime that holds resources (a
// sandbox).
func closeRuntime(rt Runtime) {
	if c, ok := rt.(io.Closer); ok {
		_ = c.Close()
	}
}

// onDebugEvent turns the debugger's events into DAP events. It runs on
// the VM's goroutine and must not call back into the debugger.
func (s *session) onDebugEvent(e vm.Event) {
	switch e.Kind {
	case vm.EventStopped:
		s.sendStopped(e.Pid, e.Reason, e.Breakpoints, e.Exception)
	case vm.EventOutput:
		s.sendOutput("console", e.Text)
	case vm.EventBreakpoint:
		s.send(&godap.BreakpointEvent{Event: event("breakpoint"), Body: godap.BreakpointEventBody{Reason: "changed", Breakpoint: s.dapBreakpoint(e.Breakpoint, nil)}})
	case vm.EventProcessStarted:
		s.sendThread("started", int(e.Pid))
	case vm.EventProcessExited:
		// Crash reports reach stderr's output events from the VM's logger.
		s.sendThread("exited", int(e.Pid))
	case vm.EventLost:
		s.resync(e)
	}
}

func (s *session) sendStopped(pid uint64, reason vm.StopReason, bps []int, exc *vm.Exception) {
	body := godap.StoppedEventBody{Reason: string(reason), ThreadId: int(pid), HitBreakpointIds: bps}
	if exc != nil {
		body.Description = "Uncaught process crash"
		body.Text = fmt.Sprintf("%s: %s", vm.Show(exc.Class), vm.Show(exc.Reason))
	}
	s.send(&godap.StoppedEvent{Event: event("stopped"), Body: body})
}

// sendThread sends a thread event and keeps the set of threads the
// client was told of, for resync.
func (s *session) sendThread(reason string, id int) {
	s.threadsMu.Lock()
	if reason == "started" {
		s.threads[id] = true
	} else {
		delete(s.threads, id)
	}
	s.threadsMu.Unlock()
	s.send(&godap.ThreadEvent{Event: event("thread"), Body: godap.ThreadEventBody{Reason: reason, ThreadId: id}})
}

// resync follows a gap in the debugger's events (a wasm sandbox's relay
// fell behind): it says so on the console, then reads the processes
// afresh and sends what the client missed: a thread event for each
// process that started or exited unseen, and a stopped event for each
// process the debugger holds (its stop may have been lost; one the
// client knew of is only shown again). The relay calls it on its own
// goroutine, so it may ask the debugger.
func (s *session) resync(e vm.Event) {
	s.sendOutput("console", fmt.Sprintf("otpbox: the debugger fell behind the program and lost %s; threads and stops re-read\n", e.Text))
	s.mu.Lock()
	d := s.d
	s.mu.Unlock()
	if d == nil {
		return
	}
	procs := d.Processes()
	alive := make(map[int]bool, len(procs))
	var started []int
	for _, p := range procs {
		alive[int(p.Pid)] = true
	}
	s.threadsMu.Lock()
	var exited []int
	for id := range s.threads {
		if !alive[id] {
			exited = append(exited, id)
		}
	}
	for _, p := range procs {
		if !s.threads[int(p.Pid)] {
			started = append(started, int(p.Pid))
		}
	}
	s.threadsMu.Unlock()
	slices.Sort(exited)
	for _, id := range exited {
		s.sendThread("exited", id)
	}
	for _, id := range started {
		s.sendThread("started", id)
	}
	for _, p := range procs {
		if p.Stopped {
			s.sendStopped(p.Pid, p.Reason, nil, p.Exception)
		}
	}
}
