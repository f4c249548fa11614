// Package vm compiles Erlang modules to bytecode and runs them.
//
// A VM holds loaded modules and an atom table. LoadModule preprocesses,
// parses and compiles a source file; Call runs a function to completion in
// a fresh process. The interpreter keeps Erlang frames on its own stack (no
// Go recursion per Erlang call), counts one reduction per call and can stop
// after a budget and resume, so a scheduler can preempt it later.
package vm

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/stdlib"
	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/internal/cell"
)

// Config is an immutable VM configuration; each With method returns a
// modified copy.
type Config struct {
	stdout, stderr io.Writer
	maxReductions  int64
	atomLimit      int
	stdlib         fs.FS
	includeDirs    []string
	epp            *epp.Config
	interrupt      func() error
	maxBinary      int64
	maxProcesses   int
	clock          func() time.Time
	outsideEvents  bool
	virtualTime    bool
	events         func(Event)
	image          *Image
}

// NewConfig returns the defaults: output discarded, no reduction limit,
// BEAM's atom limit, the embedded stdlib.
func NewConfig() *Config {
	return &Config{stdout: io.Discard, stderr: io.Discard, atomLimit: term.DefaultAtomLimit, stdlib: stdlib.FS, epp: epp.NewConfig()}
}

func (c *Config) clone() *Config { n := *c; return &n }

// WithStdout sets where io:format and friends write.
func (c *Config) WithStdout(w io.Writer) *Config { n := c.clone(); n.stdout = w; return n }

// WithStderr sets where error reports go.
func (c *Config) WithStderr(w io.Writer) *Config { n := c.clone(); n.stderr = w; return n }

// WithMaxReductions bounds the reductions (function calls) one Call may
// use; 0 means no bound.
func (c *Config) WithMaxReductions(n int64) *Config { n2 := c.clone(); n2.maxReductions = n; return n2 }

// WithAtomLimit sets the atom table size (system_limit beyond it).
func (c *Config) WithAtomLimit(n int) *Config { n2 := c.clone(); n2.atomLimit = n; return n2 }

// WithStdlib replaces the modules loaded on first use (NAME.erl files).
func (c *Config) WithStdlib(f fs.FS) *Config { n := c.clone(); n.stdlib = f; return n }

// WithIncludeDirs sets the directories -include searches after the
// including file's own.
func (c *Config) WithIncludeDirs(dirs ...string) *Config {
	n := c.clone()
	n.includeDirs = append([]string(nil), dirs...)
	return n
}

// WithPreprocessor sets the preprocessor configuration LoadModule uses
// (include directories, a file reader: the sandbox's guest has no file
// system and is handed the files the host read).
func (c *Config) WithPreprocessor(e *epp.Config) *Config { n := c.clone(); n.epp = e; return n }

// WithInterrupt sets a function called between reduction slices (every
// few thousand reductions); when it returns an error, the running call
// stops with that error. The sandbox polls its host there: deadlines,
// stop requests, memory.
func (c *Config) WithInterrupt(f func() error) *Config { n := c.clone(); n.interrupt = f; return n }

// WithMaxBinary makes building a binary larger than n bytes raise
// system_limit (0: no bound). The sandbox's native mode sets it to its
// memory limit: one binary construction can double a binary, far faster
// than the checks between reduction slices.
func (c *Config) WithMaxBinary(n int64) *Config { n2 := c.clone(); n2.maxBinary = n; return n2 }

// WithMaxProcesses bounds the number of live processes: spawn raises
// system_limit beyond it, as BEAM does at its process limit (0: no bound).
func (c *Config) WithMaxProcesses(n int) *Config { n2 := c.clone(); n2.maxProcesses = n; return n2 }

// WithClock replaces the wall clock that timers, receive timeouts and
// erlang:monotonic_time read (tests and the wasm guest's host clock).
func (c *Config) WithClock(now func() time.Time) *Config { n := c.clone(); n.clock = now; return n }

// WithOutsideEvents says the host may Send messages into the VM, so a
// system whose processes all wait in receive is idle, not deadlocked: Call
// and Run keep waiting instead of returning ErrDeadlock.
func (c *Config) WithOutsideEvents(on bool) *Config { n := c.clone(); n.outsideEvents = on; return n }

// WithVirtualTime runs the VM on simulated time: the clock stands still
// while processes run (but for 100 µs per full slice of 4,000
// reductions, so a loop polling the clock ends) and jumps to the next
// timer when every process waits. Timer and timeout programs then give
// the same output however loaded the machine is, and sleeps cost no real
// time; the conformance suite runs this way. The clock starts at the
// configured clock's (or the wall clock's) time.
func (c *Config) WithVirtualTime(on bool) *Config { n := c.clone(); n.virtualTime = on; return n }

// WithEvents has h receive the VM's events from the start, before any
// module loads: processes started and exited (with the reason), links and
// unlinks, names registered and unregistered, modules loaded (with their
// version), and the debugger's stops. h runs on the goroutine running
// Erlang code with the VM locked, so it must not call back into the VM;
// Debugger().Subscribe adds more listeners later.
func (c *Config) WithEvents(h func(Event)) *Config { n := c.clone(); n.events = h; return n }

// VM is a set of loaded modules with their atom table.
type VM struct {
	cfg     *Config
	atoms   *term.Atoms
	mu      sync.Mutex
	modules map[string]*Module
	bifs    map[string]*bif
	refs    uint64
	dbg     *Debugger
	loads   map[string]int // loads per module name (Module.version)
	sched   *scheduler
	inboxMu sync.Mutex
	// old holds the previous version of each module that has one (BEAM's
	// old code), for processes still running it.
	old map[string]*Module
	// spawn is otpbox$spawn's apply/2 and apply/3 (apply in tail
	// position, a process's first call), kept as functions: looking them
	// up by name was a string hash at every spawn.
	spawn [2]*Func
	start time.Time
	// vclock is the simulated time in Unix nanoseconds under
	// WithVirtualTime; atomic because the host may read it (ProcessInfo)
	// outside a slice.
	vclock atomic.Int64
	halted *HaltError // set by erlang:halt; world held
	// codeGen counts changes to the set of loaded modules; remote call
	// sites cache their resolution for one generation (ext). It starts
	// at 1 so that a zero ext.gen is never current.
	codeGen cell.Uint64
	stacks  stackPool // stack chunks of exited processes
	// imageLoads counts the modules decoded from the configured image;
	// imageErr is the last failure to decode one (guarded by mu).
	imageLoads int
	imageErr   error
}

// New returns a VM for cfg.
func New(cfg *Config) *VM {
	v := &VM{cfg: cfg, atoms: term.NewAtoms(cfg.atomLimit), modules: map[string]*Module{}, old: map[string]*Module{}, sched: newScheduler()}
	if cfg.virtualTime {
		start := time.Now()
		if cfg.clock != nil {
			start = cfg.clock()
		}
		v.vclock.Store(start.UnixNano())
	}
	v.start = v.now()
	v.sched.sig = signalAtoms{down: v.atom("DOWN"), exit: v.atom("EXIT"), process: v.atom("process"), killed: v.atom("killed")}
	v.codeGen.Store(1)
	v.bifs = bifTable()
	addProcBifs(v.bifs)
	v.dbg = newDebugger(v)
	if cfg.events != nil {
		v.dbg.Subscribe(cfg.events)
	}
	v.loads = map[string]int{}
	return v
}

// Atoms returns the VM's atom table.
func (v *VM) Atoms() *term.Atoms { return v.atoms }

func (v *VM) atom(name string) term.Term {
	t, err := v.atoms.Intern(name)
	if err != nil {
		return term.MakeAtom(name)
	}
	return t
}

// Exception is an Erlang exception that no catch handled.
type Exception struct {
	Class, Reason, Stacktrace term.Term
}

func (e *Exception) Error() string {
	return fmt.Sprintf("exception %s: %s", Show(e.Class), Show(e.Reason))
}

// ModuleVersion reports the newest loaded version of module (1 for the
// first load, 0 when it is not loaded) and whether an old version is
// still kept for processes running it.
func (v *VM) ModuleVersion(module string) (version int, old bool) {
	v.dbg.world.Lock()
	defer v.dbg.world.Unlock()
	if m := v.loadedModule(module); m != nil {
		version = m.version
	}
	return version, v.old[module] != nil
}

// HaltError is what Call and Run return once a process called
// erlang:halt/0,1,2: the VM has stopped and runs nothing more; Status is
// the exit status BEAM would give the OS (halt/0: 0, halt(N): N, a
// string slogan: 1).
type HaltError struct {
	Status int
}

func (e *HaltError) Error() string { return fmt.Sprintf("erlang:halt(%d)", e.Status) }

// ErrReductions is returned when a Call exceeds its reduction budget.
var ErrReductions = errors.New("reduction limit exceeded")

// LoadModule compiles src (the file at path) and installs it as the
// module's newest version. A module loaded before keeps running as old
// code in the processes still in it; an older version still is purged,
// killing the processes that run it (BEAM's two-version model).
func (v *VM) LoadModule(path string, src []byte) error {
	m, err := v.compileSource(path, src)
	if err != nil {
		v.atomLimitHit(err)
		return err
	}
	v.dbg.world.Lock()
	v.installLocked(m)
	v.dbg.world.Unlock()
	return nil
}

// compileSource preprocesses, parses and compiles one module.
func (v *VM) compileSource(path string, src []byte) (*Module, error) {
	f, res := epp.ParseFile(v.cfg.epp.WithIncludeDirs(v.cfg.includeDirs...), path, src)
	if len(res.Errors) > 0 {
		msgs := make([]string, len(res.Errors))
		for i, e := range res.Errors {
			msgs[i] = e.Error()
		}
		return nil, fmt.Errorf("compiling %s: %s", path, strings.Join(msgs, "; "))
	}
	m, err := compileModule(v, path, f)
	if err != nil {
		return nil, fmt.Errorf("compiling %s: %w", path, err)
	}
	return m, nil
}

// module returns a loaded module, loading it from the stdlib on first use.
func (v *VM) module(name string) (*Module, error) {
	v.mu.Lock()
	m := v.modules[name]
	v.mu.Unlock()
	if m != nil {
		return m, nil
	}
	// A module the image fails to decode is compiled from source: the
	// image only saves time.
	if m, err := v.loadFromImage(name); err != nil {
		return nil, err
	} else if m != nil {
		m.stdlib = true
		v.installModule(m)
		v.dbg.emit(Event{Kind: EventModuleLoaded, Name: m.name, Other: uint64(m.version)})
		return m, nil
	}
	src, err := fs.ReadFile(v.cfg.stdlib, name+".erl")
	if err != nil {
		var err2 error
		if src, err2 = fs.ReadFile(stdlib.OTP, "otp/"+name+".erl"); err2 != nil {
			return nil, fmt.Errorf("module %s: %w", name, err)
		}
	}
	// A first load: nothing to purge, so no need for the world lock
	// (this runs inside reduction slices, which hold it).
	m, err = v.compileSource(name+".erl", src)
	if err != nil {
		return nil, err
	}
	m.stdlib = true
	v.installModule(m)
	v.dbg.emit(Event{Kind: EventModuleLoaded, Name: m.name, Other: uint64(m.version)})
	return m, nil
}

// resolve finds what mod:name/arity calls: a Go BIF or an Erlang function.
func (v *VM) resolve(mod, name string, arity int) (*Func, *bif, error) {
	if b := v.lookupBif(mod, name, arity); b != nil {
		return nil, b, nil
	}
	m, err := v.module(mod)
	if err != nil {
		return nil, nil, err
	}
	key := fmt.Sprintf("%s/%d", name, arity)
	fn := m.funcs[key]
	if fn == nil && name == "module_info" && arity <= 1 {
		return nil, moduleInfoBif(m, arity), nil
	}
	if fn == nil || !(m.exportAll || m.exports[key]) {
		return nil, nil, fmt.Errorf("%s:%s/%d undefined", mod, name, arity)
	}
	return fn, nil, nil
}

func (v *VM) lookupBif(mod, name string, arity int) *bif {
	return v.bifs[fmt.Sprintf("%s:%s/%d", mod, name, arity)]
}

// Call runs module:function(args...) to completion in a new process,
// running every other process of the VM meanwhile, and returns when that
// process ends. An uncaught Erlang exception comes back as *Exception.
func (v *VM) Call(module, function string, args ...term.Term) (term.Term, error) {
	fn, b, err := v.resolve(module, function, len(args))
	if err != nil {
		v.atomLimitHit(err)
		return term.Nil, fmt.Errorf("calling %s:%s/%d: %w", module, function, len(args), err)
	}
	if b != nil {
		p := &proc{vm: v}
		if r, ok := b.fn(p, args); ok {
			return r, nil
		}
		return term.Nil, &Exception{Class: term.Error, Reason: p.failReason, Stacktrace: term.Nil}
	}
	v.dbg.world.Lock()
	q, err := v.spawnProc(nil, func(q *proc) error {
		q.root = true
		q.initial = term.MakeTuple(v.atom(module), v.atom(function), term.MakeInt(int64(len(args))))
		q.start(fn, args)
		return nil
	})
	v.dbg.world.Unlock()
	if err != nil {
		return term.Nil, fmt.Errorf("calling %s:%s/%d: %w", module, function, len(args), err)
	}
	if err := v.runUntil(func() bool { return q.state == psExited }); err != nil {
		v.dbg.world.Lock()
		v.terminate(q, v.atom("killed"), nil)
		v.dbg.world.Unlock()
		return term.Nil, fmt.Errorf("calling %s:%s/%d: %w", module, function, len(args), err)
	}
	if q.exc != nil {
		return term.Nil, q.exc
	}
	return q.result, nil
}
