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
	"time"

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
	pending  [][]byte // commands received while a call ran
	hooks    bool     // the test commands '$hang' and '$panic' are allowed
	buf      []byte
	spin     uint64
}

// Run serves commands until the host stops the sandbox (nil) or the
// engine fails (a Go panic inside the VM included): then it sends a fatal
// event with the reason and returns the error. The first command must be
// {config, #{atom_limit => N, include_dirs => [Dir]}}.
func Run(t Transport) (err error) {
	e := &engine{t: t, files: map[string][]byte{}}
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
		msg, err := e.next()
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

// runProcesses lets the processes a command started or woke run until
// they all wait for messages (the VM is idle) or the host sends a command.
func (e *engine) runProcesses() error {
	err := e.vm.Run(func() bool { return len(e.pending) > 0 })
	if err == nil || errors.Is(err, vm.ErrDeadlock) {
		return nil
	}
	return err
}

func (e *engine) next() ([]byte, error) {
	if len(e.pending) > 0 {
		m := e.pending[0]
		e.pending = e.pending[1:]
		return m, nil
	}
	return e.t.Recv(-1)
}

func atom(s string) term.Term { return term.MakeAtom(s) }

func binary(s string) term.Term { return term.MakeBinary([]byte(s)) }

func tuple(tag string, elems ...term.Term) term.Term {
	return term.MakeTuple(append([]term.Term{atom(tag)}, elems...)...)
}

func (e *engine) emit(t term.Term) {
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
		WithInterrupt(e.interrupt)
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
	e.vm = vm.New(cfg)
	if o, ok := e.t.(VMObserver); ok {
		o.VMStarted(e.vm)
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

// interrupt runs between reduction slices: it takes the host's commands
// (a stop ends the call) and keeps the others for later.
func (e *engine) interrupt() error {
	msg, err := e.t.Recv(Poll)
	if err != nil {
		return err
	}
	if msg != nil {
		e.pending = append(e.pending, append([]byte(nil), msg...))
	}
	return nil
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

func (e *engine) handle(msg []byte) error {
	t, _, err := etf.Decode(msg, e.vm.Atoms().Intern)
	if err != nil {
		// The host encodes every command; an undecodable one is a host
		// bug or an atom table full of the program's atoms.
		if errors.Is(err, term.ErrSystemLimit) {
			return fmt.Errorf("decoding a command: atom table full: %w", err)
		}
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
	case cmd[0].IsAtom("call") && len(cmd) == 4:
		result, err = e.call(cmd[1], cmd[2], cmd[3])
		if err != nil {
			return err
		}
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
	case e.hooks && cmd[0].IsAtom("$panic"):
		panic("a deliberate panic in the guest")
	default:
		result = tuple("error", binary("unknown command "+vm.Show(t.Elem(1))))
	}
	e.emit(tuple("reply", id, result))
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
	files, _ := term.ListToSlice(incs)
	for _, f := range files {
		if f.Kind() == term.KindTuple && f.TupleLen() == 2 && f.Elem(1).Kind() == term.KindBits {
			e.files[path.Clean(text(f.Elem(0)))] = f.Elem(1).Bits().Data
		}
	}
	if src.Kind() != term.KindBits {
		return tuple("error", term.MakeList(compileDiag(text(pathT), 0, 0, "source is not a binary")))
	}
	p := text(pathT)
	if err := e.vm.LoadModule(p, src.Bits().Data); err != nil {
		return tuple("error", term.MakeList(parseCompileErrors(p, err)...))
	}
	mod := moduleName(p, src.Bits().Data)
	e.emit(tuple("module_loaded", atom(mod)))
	return tuple("ok", atom(mod))
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

// call runs {call, Module, Function, Args}. The reply is {ok, Value} or
// {exception, Class, Reason, Stacktrace, Formatted}. A stop from the host
// ends the engine.
func (e *engine) call(m, f, args term.Term) (term.Term, error) {
	as, ok := term.ListToSlice(args)
	if !ok || m.Kind() != term.KindAtom || f.Kind() != term.KindAtom {
		return tuple("error", binary("call needs a module, a function and a list of arguments")), nil
	}
	v, err := e.vm.Call(m.AtomName(), f.AtomName(), as...)
	if err == nil {
		return tuple("ok", v), nil
	}
	var exc *vm.Exception
	switch {
	case errors.As(err, &exc):
		return exception(exc.Class, exc.Reason, exc.Stacktrace), nil
	case errors.Is(err, ErrStop):
		return term.Nil, err
	case errors.Is(err, vm.ErrDeadlock):
		return tuple("error", binary("the call can never return: every process waits for a message and no timer is set")), nil
	case errors.Is(err, vm.ErrReductions):
		return tuple("error", binary(err.Error())), nil
	}
	// The function cannot be found: BEAM raises undef with the call as
	// the only frame.
	stack := term.MakeList(term.MakeTuple(m, f, args, term.Nil))
	return exception(term.Error, term.Undef, stack), nil
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
