// Package sandbox runs Erlang code in isolation: the host side of
// otpbox's sandboxes. A Manager owns one shared wazero runtime with the
// compiled guest module (sandbox/guest, cached on disk); each Sandbox is a
// VM with its own limits, running either inside wazero (Wasm, the
// default) or in this process (Native), behind one API and one protocol
// (docs/sandbox-abi.md).
//
// A Sandbox is safe for concurrent use: requests are served in the order
// they arrive, between reduction slices while Erlang code runs; calls run
// side by side, each in its own process; events go to every subscriber.
package sandbox

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
	"github.com/otpbox/otpbox/sandbox/internal/etf"
)

// stopGrace is how long a stopped guest gets to notice the stop at its
// next reduction slice before the host closes its module by force.
const stopGrace = 50 * time.Millisecond

// EventKind tells events apart.
type EventKind int

// The kinds of events.
const (
	// Output is program output: Stream is "stdout" or "stderr".
	Output EventKind = iota
	// ModuleLoaded says version Version of Module was loaded (by Load,
	// Reload, or from the stdlib on first use).
	ModuleLoaded
	// Stopped is the last event: the sandbox ended, Err says why
	// (ErrClosed, *LimitError, *CrashError, a context's error).
	Stopped
	// ProcessStarted: process Pid began, spawned by Parent (the zero
	// Term for one the host started).
	ProcessStarted
	// ProcessExited: process Pid ended with Reason.
	ProcessExited
	// CrashReport: process Pid died of an uncaught error or throw
	// (Class, Reason, Stacktrace); the VM also prints the report on
	// stderr. A Call's own process gives its exception to the caller
	// instead, and exits are not crashes.
	CrashReport
	// Linked and Unlinked: Pid and Other were linked or unlinked.
	Linked
	Unlinked
	// Registered and Unregistered: Pid took or lost the name Name.
	Registered
	Unregistered
	// SupervisorRestart: supervisor Pid restarted its child ChildID as
	// Other.
	SupervisorRestart
	// LimitHit: the limit Err (a *LimitError) was reached. Memory, time,
	// output, module size and reductions stop the sandbox: the Stopped
	// event follows. The process count and the atom count do not: Pid
	// (zero for a call the host started) got system_limit, which it may
	// catch, and Name is the limit's name in the ABI ("processes",
	// "atoms").
	LimitHit
	// Halted: a process called erlang:halt(Status); the VM runs nothing
	// more and every call in progress returns a *HaltError.
	Halted
	// Debug is a debugger event (a process stopped, a breakpoint's state
	// changed, a log point printed): VM holds it.
	Debug
	// EventsDropped: this subscriber fell behind and Count events were
	// dropped at this point of the stream, Dropped[kind] of each kind.
	// The events before and after it arrived, in order; state the lost
	// events would have changed (processes, debugger stops) should be
	// read afresh (Processes, the debugger's Processes). See Subscribe.
	EventsDropped
)

var kindNames = [...]string{
	Output: "output", ModuleLoaded: "module loaded", Stopped: "stopped",
	ProcessStarted: "process started", ProcessExited: "process exited",
	CrashReport: "crash report", Linked: "linked", Unlinked: "unlinked",
	Registered: "registered", Unregistered: "unregistered",
	SupervisorRestart: "supervisor restart", LimitHit: "limit hit",
	Halted: "halted", Debug: "debug", EventsDropped: "events dropped",
}

// String names the kind (in the summaries of dropped events).
func (k EventKind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("EventKind(%d)", int(k))
}

// Event is something that happened in a sandbox. The fields a kind uses
// are listed with it; pids are pid terms.
type Event struct {
	Kind       EventKind
	Stream     string
	Data       []byte
	Module     string
	Version    int
	Err        error
	Pid, Other term.Term
	Parent     term.Term
	Name       string
	Reason     term.Term
	Class      term.Term
	Stacktrace term.Term
	ChildID    term.Term
	Status     int
	// Count and Dropped: EventsDropped's tally, in all and by kind.
	Count   int
	Dropped map[EventKind]int
	// VM is the VM's own event, for the kinds that come from it
	// (ModuleLoaded, the process events, SupervisorRestart, Debug).
	VM vm.Event
}

// Sandbox is one isolated VM.
type Sandbox struct {
	cfg *Config

	cmds       chan []byte
	held       []byte // a command larger than the guest's buffer; guest side only
	stopCh     chan struct{}
	stopOnce   sync.Once
	stopErr    error // why the host stopped it; written before stopCh closes
	done       chan struct{}
	finishOnce sync.Once
	endErr     error // why it ended; written before done closes
	forceMu    sync.Mutex
	force      func() // ends the guest by force; nil once it has ended

	evMu      sync.Mutex // orders the events commands
	forwardOn bool       // what the last one said; evMu

	mu      sync.Mutex // guards the fields below
	nextID  int64
	replies map[int64]chan term.Term
	subs    []*subscriber // replaced, never changed in place: publish reads it unlocked
	fatal   string

	out    atomic.Int64
	memHit atomic.Bool
	dbg    debugHook // the native VM, for DebugRuntime (debug.go)
}

func newSandbox(cfg *Config) *Sandbox {
	return &Sandbox{
		cfg:     cfg,
		cmds:    make(chan []byte, 16),
		stopCh:  make(chan struct{}),
		done:    make(chan struct{}),
		replies: map[int64]chan term.Term{},
	}
}

// configCommand is the first command every guest gets.
func (s *Sandbox) configCommand() []byte {
	dirs := make([]term.Term, len(s.cfg.includeDirs))
	for i, d := range s.cfg.includeDirs {
		dirs[i] = term.MakeBinary([]byte(d))
	}
	// In native mode no linear memory bounds a binary: the VM refuses to
	// build one larger than a quarter of the memory limit (building one
	// copies its parts, and the garbage of the last doublings is not yet
	// swept when the limit is checked, so a larger one could not fit
	// beside them anyway).
	maxBinary := int64(0)
	if s.cfg.isolation == Native {
		maxBinary = s.cfg.memory / 4
	}
	opts := term.NewMap(
		[]term.Term{term.MakeAtom("atom_limit"), term.MakeAtom("include_dirs"), term.MakeAtom("max_binary"), term.MakeAtom("max_processes"), term.MakeAtom("test_hooks"), term.MakeAtom("virtual_time")},
		[]term.Term{term.MakeInt(int64(s.cfg.atomLimit)), term.MakeList(dirs...), term.MakeInt(maxBinary), term.MakeInt(int64(s.cfg.maxProcesses)), term.Bool(s.cfg.testHooks), term.Bool(s.cfg.virtualTime)})
	return etf.Encode(nil, term.MakeTuple(term.MakeAtom("config"), opts))
}

// start runs the guest on its own goroutine; run returns when the guest
// has ended.
func (s *Sandbox) start(run func() error) {
	s.cmds <- s.configCommand()
	go func() {
		err := run()
		s.finish(err)
	}()
}

// Isolation reports where the sandbox's VM runs.
func (s *Sandbox) Isolation() Isolation { return s.cfg.isolation }

// Done is closed when the sandbox has ended; Err then says why.
func (s *Sandbox) Done() <-chan struct{} { return s.done }

// Err says why the sandbox ended, or nil while it runs.
func (s *Sandbox) Err() error {
	select {
	case <-s.done:
		return s.endErr
	default:
		return nil
	}
}

// Close stops the sandbox and waits until it has ended and released its
// memory. It returns nil when the sandbox was still running, or the
// reason it had ended before.
func (s *Sandbox) Close() error {
	select {
	case <-s.done:
		if errors.Is(s.endErr, ErrClosed) {
			return nil
		}
		return s.endErr
	default:
	}
	s.stop(ErrClosed)
	<-s.done
	return nil
}

// stop asks the guest to end with reason. The guest sees it at its next
// reduction slice or wait for a command; one that does not (stuck in Go
// code) is closed by force after stopGrace.
func (s *Sandbox) stop(reason error) {
	s.stopOnce.Do(func() {
		s.stopErr = reason
		close(s.stopCh)
		var limit *LimitError
		if errors.As(reason, &limit) {
			s.publish(Event{Kind: LimitHit, Err: reason})
		}
		go func() {
			select {
			case <-s.done:
				return
			case <-time.After(stopGrace):
			}
			s.forceMu.Lock()
			force := s.force
			s.forceMu.Unlock()
			if force != nil {
				force()
			}
			select {
			case <-s.done:
			case <-time.After(stopGrace):
				// Stuck in Go code and not interruptible, or only slow on
				// a loaded machine: the sandbox ends now for its users.
				// Its goroutine is left to end at its next slice, if
				// ever; a guest stuck for good keeps it until exit.
				s.finish(reason)
			}
		}()
	})
}

func (s *Sandbox) stopping() bool {
	select {
	case <-s.stopCh:
		return true
	default:
		return false
	}
}

func (s *Sandbox) finish(runErr error) {
	s.finishOnce.Do(func() { s.finish1(runErr) })
}

func (s *Sandbox) finish1(runErr error) {
	s.mu.Lock()
	fatal := s.fatal
	s.mu.Unlock()
	var err error
	switch {
	case s.memHit.Load():
		err = &LimitError{Limit: "memory", Max: FormatSize(s.cfg.memory)}
	case s.stopping():
		err = s.stopErr
	case fatal != "":
		err = &CrashError{Reason: fatal}
	case runErr != nil:
		err = &CrashError{Reason: runErr.Error()}
	default:
		err = &CrashError{Reason: "the guest exited"}
	}
	s.endErr = err
	// Drop the guest (its module and memory) now, not when the last
	// reference to the Sandbox goes.
	s.forceMu.Lock()
	s.force = nil
	s.forceMu.Unlock()
	close(s.done)
	s.mu.Lock()
	subs := s.subs
	s.subs = nil
	s.mu.Unlock()
	for _, sub := range subs {
		sub.end(Event{Kind: Stopped, Err: err})
	}
}

// waitCommand is the host's side of the guest's recv: the next command,
// nil when timeout passes first, stop=true when the sandbox is stopped.
func (s *Sandbox) waitCommand(timeout time.Duration) (msg []byte, stop bool) {
	if s.stopping() {
		return nil, true
	}
	if s.held != nil {
		m := s.held
		s.held = nil
		return m, false
	}
	switch {
	case timeout == 0:
		select {
		case m := <-s.cmds:
			return m, false
		default:
			return nil, false
		}
	case timeout < 0:
		select {
		case m := <-s.cmds:
			return m, false
		case <-s.stopCh:
			return nil, true
		}
	}
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case m := <-s.cmds:
		return m, false
	case <-s.stopCh:
		return nil, true
	case <-t.C:
		return nil, false
	}
}

// onEvent handles one event from the guest (on the guest's goroutine).
func (s *Sandbox) onEvent(msg []byte) {
	t, _, err := etf.Decode(msg, etf.MakeAtom)
	if err != nil || t.Kind() != term.KindTuple || t.TupleLen() < 2 || t.Elem(0).Kind() != term.KindAtom {
		s.mu.Lock()
		s.fatal = fmt.Sprintf("malformed event from the guest: %v", err)
		s.mu.Unlock()
		s.stop(&CrashError{Reason: s.fatal})
		return
	}
	e := t.Elems()
	switch e[0].AtomName() {
	case "reply":
		id, _ := e[1].Int()
		s.mu.Lock()
		ch := s.replies[id]
		delete(s.replies, id)
		s.mu.Unlock()
		if ch != nil && len(e) == 3 {
			ch <- e[2]
		}
	case "output":
		if len(e) == 3 && e[2].Kind() == term.KindBits {
			s.output(e[1].AtomName(), e[2].Bits().Data)
		}
	case "event":
		if len(e) == 3 {
			s.onVMEvent(e[1], e[2])
		}
	case "crash_report":
		if len(e) == 5 {
			s.publish(Event{Kind: CrashReport, Pid: e[1], Class: e[2], Reason: e[3], Stacktrace: e[4]})
		}
	case "halted":
		n, _ := e[1].Int()
		s.publish(Event{Kind: Halted, Status: int(n)})
	case "fatal":
		s.mu.Lock()
		s.fatal = string(e[1].Bits().Data)
		s.mu.Unlock()
	}
}

// output writes program output, counting it against the output limit:
// the output stops exactly at the limit, and the sandbox with it.
func (s *Sandbox) output(stream string, data []byte) {
	if s.stopping() {
		return
	}
	n := s.out.Add(int64(len(data)))
	over := n > s.cfg.maxOutput
	if over {
		keep := int64(len(data)) - (n - s.cfg.maxOutput)
		data = data[:max(keep, 0)]
	}
	w := s.cfg.stdout
	if stream == "stderr" {
		w = s.cfg.stderr
	}
	if len(data) > 0 {
		w.Write(data)
		s.publish(Event{Kind: Output, Stream: stream, Data: append([]byte(nil), data...)})
	}
	if over {
		s.stop(&LimitError{Limit: "output", Max: FormatSize(s.cfg.maxOutput)})
	}
}

// request sends a command and waits for its reply. With a timeout, a
// reply that does not come in time stops the sandbox: the processes share
// one VM, so a call that overran has no other way to end.
func (s *Sandbox) request(ctx context.Context, cmd term.Term, timeout time.Duration) (term.Term, error) {
	ch := make(chan term.Term, 1)
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	s.replies[id] = ch
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.replies, id)
		s.mu.Unlock()
	}()
	msg := etf.Encode(nil, term.MakeTuple(term.MakeInt(id), cmd))
	select {
	case s.cmds <- msg:
	case <-s.done:
		return term.Nil, s.endErr
	case <-ctx.Done():
		return term.Nil, ctx.Err()
	}
	var deadline <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(timeout)
		defer t.Stop()
		deadline = t.C
	}
	select {
	case r := <-ch:
		return r, nil
	case <-s.done:
	case <-ctx.Done():
		s.stop(ctx.Err())
	case <-deadline:
		s.stop(&LimitError{Limit: "timeout", Max: timeout.String()})
	}
	<-s.done
	return term.Nil, s.endErr
}

// Load compiles a module from source (path names it in errors and stack
// traces) and loads it, replacing an older version. Include files are
// read from the host's file system (the file's directory, then the
// configured include directories) and handed to the guest. A module that
// does not compile gives a *CompileError with every error's position.
func (s *Sandbox) Load(ctx context.Context, path string, src []byte) (module string, err error) {
	r, err := s.loadRequest(ctx, "load", path, src)
	if err != nil {
		return "", err
	}
	if isTagged(r, "ok", 2) {
		return r.Elem(1).AtomName(), nil
	}
	return "", loadError(path, r)
}

// loadRequest checks a module's source on the host (compile errors with
// erlc's positions, the include files it reads) and sends it to the
// guest with the command cmd (load or reload).
func (s *Sandbox) loadRequest(ctx context.Context, cmd, path string, src []byte) (term.Term, error) {
	if int64(len(src)) > s.cfg.maxModuleSize {
		// Refused before anything reaches the guest: a compile error
		// naming the file and the limit, not a stop.
		limit := &LimitError{Limit: "module size", Max: FormatSize(s.cfg.maxModuleSize)}
		return term.Nil, &CompileError{Limit: limit, Diagnostics: []Diagnostic{{File: path, Line: 1, Col: 1,
			Message: fmt.Sprintf("%v: the source is %d bytes", limit, len(src))}}}
	}
	read := map[string][]byte{}
	reader := func(p string) ([]byte, error) {
		b, err := os.ReadFile(p)
		if err == nil {
			read[filepath.Clean(p)] = b
		}
		return b, err
	}
	cfg := epp.NewConfig().WithIncludeDirs(s.cfg.includeDirs...).WithFileReader(reader)
	res := sema.CheckSource(cfg, path, src, sema.Options{Src: src}, false)
	var diags []Diagnostic
	for _, d := range res.ErlcPositions() {
		if d.Severity == sema.Error {
			diags = append(diags, Diagnostic{File: d.File, Line: int(d.Pos.Line), Col: int(d.Pos.Col), Message: d.Message})
		}
	}
	if len(diags) > 0 {
		return term.Nil, &CompileError{Diagnostics: diags}
	}
	incs := make([]term.Term, 0, len(read))
	for p, b := range read {
		incs = append(incs, term.MakeTuple(term.MakeBinary([]byte(p)), term.MakeBinary(b)))
	}
	return s.request(ctx, term.MakeTuple(term.MakeAtom(cmd), term.MakeBinary([]byte(path)), term.MakeBinary(src), term.MakeList(incs...)), 0)
}

// loadError turns a load's error reply into a *CompileError.
func loadError(path string, r term.Term) error {
	if isTagged(r, "error", 2) {
		items, _ := term.ListToSlice(r.Elem(1))
		ce := &CompileError{}
		for _, it := range items {
			if it.Kind() == term.KindTuple && it.TupleLen() == 4 {
				line, _ := it.Elem(1).Int()
				col, _ := it.Elem(2).Int()
				ce.Diagnostics = append(ce.Diagnostics, Diagnostic{File: text(it.Elem(0)), Line: int(line), Col: int(col), Message: text(it.Elem(3))})
			}
		}
		return ce
	}
	return fmt.Errorf("load %s: unexpected reply %v", path, r.Kind())
}

// Call runs mod:fun(args...) in a process of its own and waits for its
// value. An uncaught exception is an *Exception; erlang:halt in any
// process a *HaltError; a limit that stops the sandbox is a *LimitError,
// after which the sandbox is gone. Calls may run at once, each in its own
// process, and the sandbox answers every other request while they run.
// The timeout (WithTimeout) bounds each call: one that overruns stops the
// whole sandbox, since Erlang processes share its VM.
func (s *Sandbox) Call(ctx context.Context, mod, fun string, args ...term.Term) (term.Term, error) {
	cmd := term.MakeTuple(term.MakeAtom("call"), term.MakeAtom(mod), term.MakeAtom(fun), term.MakeList(args...))
	r, err := s.request(ctx, cmd, s.cfg.timeout)
	if err != nil {
		return term.Nil, err
	}
	switch {
	case isTagged(r, "ok", 2):
		return r.Elem(1), nil
	case isTagged(r, "exception", 5):
		e := r.Elems()
		return term.Nil, &Exception{Class: e[1], Reason: e[2], Stacktrace: e[3], Formatted: text(e[4])}
	case isTagged(r, "halted", 2):
		n, _ := r.Elem(1).Int()
		return term.Nil, &HaltError{Status: int(n)}
	case isTagged(r, "error", 2):
		return term.Nil, fmt.Errorf("calling %s:%s/%d: %s", mod, fun, len(args), text(r.Elem(1)))
	}
	return term.Nil, fmt.Errorf("calling %s:%s/%d: unexpected reply", mod, fun, len(args))
}

func isTagged(t term.Term, tag string, n int) bool {
	return t.Kind() == term.KindTuple && t.TupleLen() == n && t.Elem(0).IsAtom(tag)
}

func text(t term.Term) string {
	switch t.Kind() {
	case term.KindBits:
		return string(t.Bits().Data)
	case term.KindAtom:
		return t.AtomName()
	}
	return ""
}

// Spawn starts a process running mod:fun(args...) and returns its pid; it
// runs beside the others until it ends or waits.
func (s *Sandbox) Spawn(ctx context.Context, mod, fun string, args ...term.Term) (term.Term, error) {
	r, err := s.request(ctx, term.MakeTuple(term.MakeAtom("spawn"), term.MakeAtom(mod), term.MakeAtom(fun), term.MakeList(args...)), 0)
	if err != nil {
		return term.Nil, err
	}
	if isTagged(r, "ok", 2) {
		return r.Elem(1), nil
	}
	return term.Nil, fmt.Errorf("spawning %s:%s/%d: %s", mod, fun, len(args), text(r.Elem(1)))
}

// Kill ends a process as exit(Pid, kill) does.
func (s *Sandbox) Kill(ctx context.Context, pid term.Term) error {
	r, err := s.request(ctx, term.MakeTuple(term.MakeAtom("kill"), pid), 0)
	if err != nil {
		return err
	}
	if isTagged(r, "error", 2) {
		return fmt.Errorf("killing a process: %s", text(r.Elem(1)))
	}
	return nil
}

// Alive reports whether the process pid is alive.
func (s *Sandbox) Alive(ctx context.Context, pid term.Term) (bool, error) {
	r, err := s.request(ctx, term.MakeTuple(term.MakeAtom("alive"), pid), 0)
	if err != nil {
		return false, err
	}
	return r.IsAtom("true"), nil
}

// ProcessCount returns the number of live processes.
func (s *Sandbox) ProcessCount(ctx context.Context) (int, error) {
	r, err := s.request(ctx, term.MakeTuple(term.MakeAtom("process_count")), 0)
	if err != nil {
		return 0, err
	}
	if !isTagged(r, "ok", 2) {
		return 0, fmt.Errorf("process count: unexpected reply")
	}
	n, _ := r.Elem(1).Int()
	return int(n), nil
}
