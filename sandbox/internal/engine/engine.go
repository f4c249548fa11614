// Package engine is the sandbox's guest side: it runs the VM behind the
// command/event protocol of docs/sandbox-abi.md. The wasm guest
// (sandbox/guest) runs it inside wazero; the host's native isolation mode
// runs the very same code in a goroutine, so both modes answer every
// command alike.
//
// Every message is one Erlang term in the External Term Format
// (sandbox/internal/etf). Commands are {Id, Command}; the engine answers
// each with {reply, Id, Result} and sends events ({output, Stream, Bytes},
// {module_loaded, Module}, {fatal, Message}) as they happen.
package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
	"github.com/otpbox/otpbox/sandbox/internal/etf"
)

// Transport is the engine's link to its host.
type Transport interface {
	// Recv returns the next command, waiting at most timeout (a negative
	// timeout waits for ever). It returns nil, nil when the time is up and
	// ErrStop when the host stops the sandbox.
	Recv(timeout time.Duration) ([]byte, error)
	// Emit hands one event to the host.
	Emit(event []byte)
}

// Yielder is implemented by a Transport whose Go runtime gets no turn
// unless the VM's goroutine gives it one: in the wasm guest a host call
// is not a scheduling point, so the collector's mark worker runs only
// when the guest yields (docs/rationale.md, "sandbox: the guest's
// collector"). The engine calls Yield at its polls of the host, paced by
// the work done (pacedYield).
type Yielder interface {
	// Yield lets the runtime's other goroutines run.
	Yield()
}

// VMObserver is implemented by a Transport in the host's own process
// (native isolation) that wants the VM itself: the host's debugger works
// on it directly, which a wasm guest's VM cannot offer.
type VMObserver interface {
	// VMStarted is called once, with the VM the config command built.
	VMStarted(v *vm.VM)
}

// ErrStop is returned by Transport.Recv when the host stops the sandbox.
var ErrStop = errors.New("sandbox stopped by the host")

// Poll is the timeout Recv gets between reduction slices: return at once.
const Poll = time.Duration(0)

type engine struct {
	t        Transport
	vm       *vm.VM
	files    map[string][]byte // include files handed over by the host
	includes []string
	hooks    bool // the test commands '$hang', '$panic' and '$image' are allowed
	spin     uint64
	calls    []*pendingCall
	halted   *vm.HaltError
	// roots are the processes of calls in progress: their exceptions go
	// to the caller, not into crash reports. The event handler reads it
	// with the VM locked, possibly on a debugger's goroutine in native
	// mode: mu guards it.
	mu    sync.Mutex
	roots map[uint64]bool
	// forward turns on the VM's events ({event, ...}): the lifecycle
	// ones cost a message per spawn and exit, and every one an encoding,
	// so only while the host has a subscriber.
	forward bool
	emitMu  sync.Mutex // emit may run on a native debugger's goroutine
	buf     []byte
	// idleWait: while the VM idles, wait for commands in Recv (serveIdle).
	// Not in native mode, where the host's debugger resumes processes
	// directly and wakes the VM's own sleep, which Recv would not see.
	idleWait bool
	polls    int
	// yielder is t as a Yielder, or nil; busyAtYield and quietPolls are
	// what pacedYield counts since it last yielded.
	yielder     Yielder
	busyAtYield uint64
	quietPolls  int
	pending     [][]byte  // commands commandWaiting took, for servePending
	pollErr     error     // what commandWaiting's Recv returned (a stop)
	image       *vm.Image // the compiled stdlib, or nil (RunImage)
}

// pendingCall is a call whose process is running.
type pendingCall struct {
	id term.Term
	h  *vm.CallHandle
}

// Run serves commands until the host stops the sandbox (nil) or the
// engine fails (a Go panic inside the VM included): then it sends a fatal
// event with the reason and returns the error. The first command must be
// {config, #{atom_limit => N, include_dirs => [Dir]}}.
func Run(t Transport) error { return RunImage(t, nil) }

// RunImage is Run with the VM loading library modules from img (the wasm
// guest's embedded image of the stdlib) instead of compiling them; nil,
// or an image that fails its check, compiles them from source.
func RunImage(t Transport, img *vm.Image) (err error) {
	e := &engine{t: t, files: map[string][]byte{}, roots: map[uint64]bool{}, image: img}
	e.yielder, _ = t.(Yielder)
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("guest panic: %v\n%s", r, debug.Stack())
		}
		if err != nil && !errors.Is(err, ErrStop) {
			e.emit(tuple("fatal", binary(err.Error())))
			return
		}
		err = nil
	}()
	first, err := t.Recv(-1)
	if err != nil {
		return err
	}
	if err := e.configure(first); err != nil {
		return err
	}
	for {
		msg, err := e.t.Recv(-1)
		if err != nil {
			return err
		}
		if msg == nil {
			continue
		}
		if err := e.handle(msg); err != nil {
			return err
		}
		if err := e.runProcesses(); err != nil {
			return err
		}
	}
}

// runProcesses lets the processes run until they all wait for messages
// (the VM is idle): the engine then waits for the host in Recv. While
// they run, the engine serves the host's commands between reduction
// slices (interrupt), so a command never waits for a call to return.
func (e *engine) runProcesses() error {
	for {
		err := e.vm.Run(e.commandWaiting)
		var halt *vm.HaltError
		switch {
		case err == nil:
			// commandWaiting took a command: serve it and run on.
			if err := e.servePending(); err != nil {
				return err
			}
			continue
		case errors.Is(err, vm.ErrDeadlock):
			e.reap(true)
			return nil
		case errors.As(err, &halt):
			e.halt(halt)
			return nil
		}
		return err
	}
}

// slicesPerPoll is how many reduction slices the wasm guest runs between
// two looks for a command inside a batch (commandWaiting). The VM runs
// up to 64 slices a batch before its interrupt: a request sent while a
// call loops waited 22-28 ms in wasm here, 9-18 ms with a look every 8
// slices (BenchmarkCommandWhileCallRuns, on a box at load 7-11), for the
// price of one host call per 8 process switches.
const slicesPerPoll = 8

// commandWaiting is Run's stop function, called with the VM locked after
// every slice: in the wasm guest it takes a command that arrived (every
// slicesPerPoll slices) so that Run returns and the engine serves it. It
// must not call into the VM. Native mode leaves it to the interrupt
// between batches: polling there reads the heap's metrics, and a native
// batch is short.
func (e *engine) commandWaiting() bool {
	if !e.idleWait || e.pollErr != nil || len(e.pending) > 0 {
		// Run asks again before it returns: the answer must hold.
		return e.pollErr != nil || len(e.pending) > 0
	}
	e.polls++
	if e.polls%slicesPerPoll != 0 {
		return false
	}
	e.pacedYield()
	msg, err := e.t.Recv(Poll)
	switch {
	case err != nil:
		e.pollErr = err
		return true
	case msg != nil:
		e.pending = append(e.pending, append([]byte(nil), msg...))
		return true
	}
	return false
}

// quietPollsPerYield is how many of commandWaiting's polls pass without
// a yield while no slice has spent its whole budget. A busy program
// yields at every poll, as the collector needs (a list program in wasm
// was 8% slower with a yield every 8th poll); a message ring, whose
// slices pass a message on and wait, polls every 8 hops and spent 12–15%
// of its wasm time in those yields (docs/rationale.md, "sandbox: the
// guest yields by work done").
const quietPollsPerYield = 8

// pacedYield yields to the Go runtime (Yielder) at a poll of the host
// once a slice has spent its whole budget since the last yield, or every
// quietPollsPerYield polls.
func (e *engine) pacedYield() {
	if e.yielder == nil {
		return
	}
	busy := e.vm.Preemptions()
	if e.quietPolls++; busy == e.busyAtYield && e.quietPolls < quietPollsPerYield {
		return
	}
	e.busyAtYield, e.quietPolls = busy, 0
	e.yielder.Yield()
}

// servePending serves the commands commandWaiting took, and the error it
// met (a stop).
func (e *engine) servePending() error {
	if err := e.pollErr; err != nil {
		e.pollErr = nil
		return err
	}
	for len(e.pending) > 0 {
		msg := e.pending[0]
		e.pending = e.pending[1:]
		if err := e.handle(msg); err != nil {
			return err
		}
	}
	e.reap(false)
	return nil
}

// reap answers the calls whose process has ended; with idle (the VM has
// nothing left to run and nothing can wake it), the others too: they can
// never return.
func (e *engine) reap(idle bool) {
	keep := e.calls[:0]
	for _, c := range e.calls {
		v, done, err := c.h.Result()
		switch {
		case done:
			e.reply(c.id, callResult(v, err))
		case idle:
			e.reply(c.id, tuple("error", binary("the call can never return: every process waits for a message and no timer is set")))
		default:
			keep = append(keep, c)
			continue
		}
		e.mu.Lock()
		delete(e.roots, c.h.Pid().ID())
		e.mu.Unlock()
	}
	clear(e.calls[len(keep):])
	e.calls = keep
}

// halt records that a process called erlang:halt: the VM runs nothing
// more, every call in progress ends with {halted, Status}, and so does
// every later one.
func (e *engine) halt(h *vm.HaltError) {
	if e.halted == nil {
		e.halted = h
		e.emit(tuple("halted", term.MakeInt(int64(h.Status))))
	}
	for _, c := range e.calls {
		e.reply(c.id, tuple("halted", term.MakeInt(int64(h.Status))))
	}
	e.calls = nil
}

func (e *engine) reply(id, result term.Term) { e.emit(tuple("reply", id, result)) }

func atom(s string) term.Term { return term.MakeAtom(s) }

func binary(s string) term.Term { return term.MakeBinary([]byte(s)) }

func tuple(tag string, elems ...term.Term) term.Term {
	return term.MakeTuple(append([]term.Term{atom(tag)}, elems...)...)
}

func (e *engine) emit(t term.Term) {
	e.emitMu.Lock()
	defer e.emitMu.Unlock()
	e.buf = etf.Encode(e.buf[:0], t)
	e.t.Emit(e.buf)
}

func (e *engine) configure(msg []byte) error {
	t, _, err := etf.Decode(msg, etf.MakeAtom)
	if err != nil {
		return fmt.Errorf("config command: %w", err)
	}
	if t.Kind() != term.KindTuple || t.TupleLen() != 2 || !t.Elem(0).IsAtom("config") || t.Elem(1).Kind() != term.KindMap {
		return fmt.Errorf("first command is not {config, Map}: %s", vm.Show(t))
	}
	opts := t.Elem(1).Map()
	cfg := vm.NewConfig().
		WithStdout(&output{e: e, stream: atom("stdout")}).
		WithStderr(&output{e: e, stream: atom("stderr")}).
		WithInterrupt(e.interrupt).
		WithEvents(e.onVMEvent)
	if v, ok := opts.Get(atom("atom_limit")); ok {
		n, ok := v.Int()
		if !ok || n <= 0 {
			return fmt.Errorf("config: atom_limit %s is not a positive integer", vm.Show(v))
		}
		cfg = cfg.WithAtomLimit(int(n))
	}
	if v, ok := opts.Get(atom("max_processes")); ok {
		if n, ok := v.Int(); ok && n > 0 {
			cfg = cfg.WithMaxProcesses(int(n))
		}
	}
	if v, ok := opts.Get(atom("test_hooks")); ok && v.IsAtom("true") {
		e.hooks = true
	}
	if v, ok := opts.Get(atom("virtual_time")); ok && v.IsAtom("true") {
		cfg = cfg.WithVirtualTime(true)
	}
	if v, ok := opts.Get(atom("max_binary")); ok {
		if n, ok := v.Int(); ok && n > 0 {
			cfg = cfg.WithMaxBinary(n)
		}
	}
	if v, ok := opts.Get(atom("include_dirs")); ok {
		dirs, _ := term.ListToSlice(v)
		for _, d := range dirs {
			if d.Kind() == term.KindBits {
				e.includes = append(e.includes, string(d.Bits().Data))
			}
		}
	}
	cfg = cfg.WithPreprocessor(epp.NewConfig().WithIncludeDirs(e.includes...).WithFileReader(e.readFile))
	if e.image != nil {
		cfg = cfg.WithImage(e.image)
	}
	e.vm = vm.New(cfg)
	if o, ok := e.t.(VMObserver); ok {
		o.VMStarted(e.vm)
	} else {
		e.idleWait = true
	}
	return nil
}

// readFile gives the preprocessor the files the host read for it.
func (e *engine) readFile(p string) ([]byte, error) {
	if b, ok := e.files[path.Clean(p)]; ok {
		return b, nil
	}
	return nil, &fs.PathError{Op: "open", Path: p, Err: fs.ErrNotExist}
}

// interrupt runs between reduction slices and while the VM sleeps: it
// answers the calls that ended and serves every command the host sent
// meanwhile (a stop ends the run).
func (e *engine) interrupt() error {
	e.reap(false)
	if e.idleWait {
		if wait, idle := e.vm.IdleFor(); idle {
			return e.serveIdle(wait)
		}
	}
	if e.yielder != nil {
		// Between batches, always: what the collector was measured with.
		e.yielder.Yield()
	}
	for {
		msg, err := e.t.Recv(Poll)
		if err != nil || msg == nil {
			return err
		}
		if err := e.handle(msg); err != nil {
			return err
		}
	}
}

// idlePoll is the longest the engine waits for commands while the VM
// idles, before it lets the VM look at its timers again (as the VM's own
// sleep polls).
const idlePoll = 50 * time.Millisecond

// serveIdle waits for the host's commands while no process can run (one
// waits for a timer due after wait, or the debugger holds one), answering
// each at once, until the timer is due, idlePoll has passed or a command
// made a process runnable; then it wakes the VM's driver. Without it, a
// command sent while the VM sleeps would wait for the end of its sleep:
// up to 50 ms for each debugger request while a process is stopped.
func (e *engine) serveIdle(wait time.Duration) error {
	defer e.vm.Wake()
	if wait < 0 || wait > idlePoll {
		wait = idlePoll
	}
	deadline := time.Now().Add(wait)
	for {
		left := time.Until(deadline)
		if left <= 0 {
			return nil
		}
		msg, err := e.t.Recv(left)
		if err != nil || msg == nil {
			return err
		}
		if err := e.handle(msg); err != nil {
			return err
		}
		if len(e.calls) > 0 {
			e.reap(false)
		}
		if _, idle := e.vm.IdleFor(); !idle {
			return nil
		}
	}
}

// output turns the VM's writes into output events.
type output struct {
	e      *engine
	stream term.Term
}

func (o *output) Write(p []byte) (int, error) {
	o.e.emit(term.MakeTuple(atom("output"), o.stream, term.MakeBinary(p)))
	return len(p), nil
}

// commandAtom interns an atom of a command. The atom limit bounds the
// atoms a program makes, which raise system_limit there; a program that
// filled the table must not make the host's next command (naming an atom
// the table lacks: a function, a reply tag) end the guest, so past the
// limit such an atom stays out of the table. Nothing in the VM can hold
// an atom of that name, so comparing by name stays right.
func (e *engine) commandAtom(name string) (term.Term, error) {
	t, err := e.vm.Atoms().Intern(name)
	if errors.Is(err, term.ErrSystemLimit) && utf8.RuneCountInString(name) <= 255 {
		return term.MakeAtom(name), nil
	}
	return t, err
}

func (e *engine) handle(msg []byte) error {
	t, _, err := etf.Decode(msg, e.commandAtom)
	if err != nil {
		// The host encodes every command: an undecodable one is a host bug.
		return fmt.Errorf("decoding a command: %w", err)
	}
	if t.Kind() != term.KindTuple || t.TupleLen() != 2 || t.Elem(1).Kind() != term.KindTuple || t.Elem(1).TupleLen() == 0 {
		return fmt.Errorf("malformed command %s", vm.Show(t))
	}
	id, cmd := t.Elem(0), t.Elem(1).Elems()
	var result term.Term
	switch {
	case cmd[0].IsAtom("load") && len(cmd) == 4:
		result = e.load(cmd[1], cmd[2], cmd[3])
	case cmd[0].IsAtom("reload") && len(cmd) == 4:
		result = e.reload(cmd[1], cmd[2], cmd[3])
	case cmd[0].IsAtom("call") && len(cmd) == 4:
		result = e.call(id, cmd[1], cmd[2], cmd[3])
		if result == (term.Term{}) {
			return nil // the reply comes when the call's process ends
		}
	case cmd[0].IsAtom("events") && len(cmd) == 2:
		e.mu.Lock()
		e.forward = cmd[1].IsAtom("true")
		e.mu.Unlock()
		result = atom("ok")
	case cmd[0].IsAtom("debug") && len(cmd) >= 2 && cmd[1].Kind() == term.KindAtom:
		op := cmd[1].AtomName()
		if n, ok := DebugOps[op]; !ok || len(cmd) != n+2 {
			result = tuple("error", binary("unknown debug operation "+vm.Show(t.Elem(1))))
		} else {
			result = e.debug(op, cmd[2:])
		}
	case cmd[0].IsAtom("processes") && len(cmd) == 1:
		result = e.processes()
	case cmd[0].IsAtom("process_info") && len(cmd) == 2:
		result = e.processInfo(cmd[1])
	case cmd[0].IsAtom("spawn") && len(cmd) == 4:
		result = e.spawn(cmd[1], cmd[2], cmd[3])
	case cmd[0].IsAtom("kill") && len(cmd) == 2:
		if err := e.vm.KillProcess(cmd[1]); err != nil {
			result = tuple("error", binary(err.Error()))
		} else {
			result = atom("ok")
		}
	case cmd[0].IsAtom("process_count") && len(cmd) == 1:
		result = tuple("ok", term.MakeInt(int64(e.vm.ProcessCount())))
	case cmd[0].IsAtom("alive") && len(cmd) == 2:
		result = term.Bool(e.vm.Alive(cmd[1]))
	case e.hooks && cmd[0].IsAtom("$hang"):
		// A VM stuck in Go code: the host must still be able to stop it.
		for {
			e.spin++
		}
	case e.hooks && cmd[0].IsAtom("$image"):
		result = e.imageStatus()
	case e.hooks && cmd[0].IsAtom("$panic"):
		panic("a deliberate panic in the guest")
	default:
		result = tuple("error", binary("unknown command "+vm.Show(t.Elem(1))))
	}
	e.reply(id, result)
	return nil
}

func text(t term.Term) string {
	if t.Kind() == term.KindBits {
		return string(t.Bits().Data)
	}
	if t.Kind() == term.KindAtom {
		return t.AtomName()
	}
	return vm.Show(t)
}

// load compiles a module: {load, Path, Source, [{IncludePath, Contents}]}.
// The reply is {ok, Module} or {error, [{File, Line, Col, Message}]}.
func (e *engine) load(pathT, src, incs term.Term) term.Term {
	mod, errs := e.compile(pathT, src, incs)
	if errs != (term.Term{}) {
		return errs
	}
	return tuple("ok", atom(mod))
}

// reload hot-loads a module: {reload, Path, Source, Includes}. The new
// version becomes current; processes running the old one keep it until
// they make a remote call, and a version older still is purged. The
// reply is {ok, Module, Version} or load's {error, Diagnostics}.
func (e *engine) reload(pathT, src, incs term.Term) term.Term {
	mod, errs := e.compile(pathT, src, incs)
	if errs != (term.Term{}) {
		return errs
	}
	version, _ := e.vm.ModuleVersion(mod)
	return tuple("ok", atom(mod), term.MakeInt(int64(version)))
}

// compile loads a module's source and returns its name, or the error
// reply.
func (e *engine) compile(pathT, src, incs term.Term) (string, term.Term) {
	files, _ := term.ListToSlice(incs)
	for _, f := range files {
		if f.Kind() == term.KindTuple && f.TupleLen() == 2 && f.Elem(1).Kind() == term.KindBits {
			e.files[path.Clean(text(f.Elem(0)))] = f.Elem(1).Bits().Data
		}
	}
	if src.Kind() != term.KindBits {
		return "", tuple("error", term.MakeList(compileDiag(text(pathT), 0, 0, "source is not a binary")))
	}
	p := text(pathT)
	if err := e.vm.LoadModule(p, src.Bits().Data); err != nil {
		return "", tuple("error", term.MakeList(parseCompileErrors(p, err)...))
	}
	return moduleName(p, src.Bits().Data), term.Term{}
}

// moduleName finds the -module attribute's name (the VM just compiled the
// file, so it is there).
func moduleName(file string, src []byte) string {
	toks, tx, _ := syntax.Scan(file, src, syntax.DropComments)
	for i := 0; i+3 < len(toks); i++ {
		if toks[i].Kind == syntax.MINUS && toks[i+1].Kind == syntax.ATOM && tx.Lit(&toks[i+1]) == "module" && toks[i+2].Kind == syntax.LPAREN && toks[i+3].Kind == syntax.ATOM {
			return tx.Lit(&toks[i+3])
		}
	}
	return strings.TrimSuffix(path.Base(file), ".erl")
}

func compileDiag(file string, line, col int, msg string) term.Term {
	return term.MakeTuple(binary(file), term.MakeInt(int64(line)), term.MakeInt(int64(col)), binary(msg))
}

// parseCompileErrors splits the VM's "compiling F: f:l:c: msg; ..." error
// into positioned diagnostics.
func parseCompileErrors(file string, err error) []term.Term {
	s := strings.TrimPrefix(err.Error(), "compiling "+file+": ")
	var out []term.Term
	for _, part := range strings.Split(s, "; ") {
		f, l, c, msg := splitPos(part)
		if f == "" {
			f = file
		}
		out = append(out, compileDiag(f, l, c, msg))
	}
	return out
}

func splitPos(s string) (file string, line, col int, msg string) {
	fs := strings.SplitN(s, ":", 4)
	if len(fs) == 4 {
		l, err1 := strconv.Atoi(fs[1])
		c, err2 := strconv.Atoi(fs[2])
		if err1 == nil && err2 == nil {
			return fs[0], l, c, strings.TrimSpace(fs[3])
		}
	}
	return "", 0, 0, s
}

// call starts {call, Module, Function, Args}: its reply, {ok, Value},
// {exception, Class, Reason, Stacktrace, Formatted}, {halted, Status} or
// {error, Message}, comes when its process ends (reap). It returns the
// reply when there is one at once, else the zero Term.
func (e *engine) call(id, m, f, args term.Term) term.Term {
	as, ok := term.ListToSlice(args)
	if !ok || m.Kind() != term.KindAtom || f.Kind() != term.KindAtom {
		return tuple("error", binary("call needs a module, a function and a list of arguments"))
	}
	if e.halted != nil {
		return tuple("halted", term.MakeInt(int64(e.halted.Status)))
	}
	h, err := e.vm.StartCall(m.AtomName(), f.AtomName(), as...)
	var halt *vm.HaltError
	var exc *vm.Exception
	switch {
	case errors.As(err, &halt):
		return tuple("halted", term.MakeInt(int64(halt.Status)))
	case errors.As(err, &exc):
		return exception(exc.Class, exc.Reason, term.MakeList(term.MakeTuple(m, f, args, term.Nil)))
	case err != nil:
		// The function cannot be found: BEAM raises undef with the call
		// as the only frame.
		stack := term.MakeList(term.MakeTuple(m, f, args, term.Nil))
		return exception(term.Error, term.Undef, stack)
	}
	if v, done, err := h.Result(); done {
		return callResult(v, err)
	}
	e.mu.Lock()
	e.roots[h.Pid().ID()] = true
	e.mu.Unlock()
	e.calls = append(e.calls, &pendingCall{id: id, h: h})
	return term.Term{}
}

// callResult is the reply for a call that ended with v or err.
func callResult(v term.Term, err error) term.Term {
	var exc *vm.Exception
	var halt *vm.HaltError
	switch {
	case err == nil:
		return tuple("ok", v)
	case errors.As(err, &exc):
		return exception(exc.Class, exc.Reason, exc.Stacktrace)
	case errors.As(err, &halt):
		return tuple("halted", term.MakeInt(int64(halt.Status)))
	}
	return tuple("error", binary(err.Error()))
}

// spawn starts {spawn, Module, Function, Args}: {ok, Pid} or {error, Message}.
func (e *engine) spawn(m, f, args term.Term) term.Term {
	as, ok := term.ListToSlice(args)
	if !ok || m.Kind() != term.KindAtom || f.Kind() != term.KindAtom {
		return tuple("error", binary("spawn needs a module, a function and a list of arguments"))
	}
	pid, err := e.vm.Spawn(m.AtomName(), f.AtomName(), as...)
	if err != nil {
		return tuple("error", binary(err.Error()))
	}
	return tuple("ok", pid)
}

func exception(class, reason, stack term.Term) term.Term {
	return tuple("exception", class, reason, stack, binary(FormatException(class, reason, stack)))
}

// imageStatus answers '$image' (tests): {Bytes, Loaded, Problem}, the
// size of the stdlib image the engine has (0: none), the modules the VM
// decoded from it, and what was wrong with it or with a module in it
// (<<>>: nothing).
func (e *engine) imageStatus() term.Term {
	size, problem := 0, ""
	if e.image != nil {
		size = e.image.Size()
		if err := e.image.Err(); err != nil {
			problem = err.Error()
		}
	}
	loaded, err := e.vm.ImageLoads()
	if err != nil && problem == "" {
		problem = err.Error()
	}
	return term.MakeTuple(term.MakeInt(int64(size)), term.MakeInt(int64(loaded)), binary(problem))
}
