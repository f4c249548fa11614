package vm

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// The debugger patches a trap instruction (opBreak) into a copy of a
// function's code at the pcs where it may stop, and keeps the pristine code
// beside it. Code without breakpoints or steppers is untouched, so a
// program with debugging on and no breakpoint in the running functions
// runs exactly the code it runs without a debugger.
const opBreak op = 255

// statusBreak is what run returns when a trap decided to stop the process.
const statusBreak status = 100

// StopReason says why a process stopped.
type StopReason string

// Stop reasons, worded as DAP's stopped event words them.
const (
	StopBreakpoint         StopReason = "breakpoint"
	StopFunctionBreakpoint StopReason = "function breakpoint"
	StopStep               StopReason = "step"
	StopPause              StopReason = "pause"
	StopException          StopReason = "exception"
	StopEntry              StopReason = "entry"
)

// StepKind selects how Step resumes a stopped process.
type StepKind int

// Step kinds.
const (
	// StepOver stops at the next line of the same function, or in its
	// caller once it returns; it never stops inside a callee.
	StepOver StepKind = iota + 1
	// StepIn stops at the next line anywhere, callees (stdlib Erlang
	// modules included) first.
	StepIn
	// StepOut stops in the caller as soon as the current function returns.
	StepOut
)

// EventKind tells Event's variants apart.
type EventKind int

// Event kinds.
const (
	// EventStopped: process Pid stopped for Reason (Breakpoints lists the
	// ids hit, Exception is set for StopException).
	EventStopped EventKind = iota + 1
	// EventOutput: a log point printed Text.
	EventOutput
	// EventBreakpoint: a breakpoint's verification changed (a module
	// was loaded or reloaded); Breakpoint is its new state.
	EventBreakpoint
	// EventProcessStarted: process Pid began, spawned by Other (0 for
	// one the host started).
	EventProcessStarted
	// EventProcessExited: process Pid ended with ExitReason (Exception
	// set when it crashed).
	EventProcessExited
	// EventLink and EventUnlink: Pid and Other were linked or unlinked.
	EventLink
	EventUnlink
	// EventRegister and EventUnregister: Pid took or lost the registered
	// Name (a name also goes when its process exits).
	EventRegister
	EventUnregister
	// EventSupervisorRestart: supervisor Pid started Other in place of
	// its child ChildID, whose process had died.
	EventSupervisorRestart
	// EventModuleLoaded: version Other of module Name was loaded (the
	// first load is version 1; a load from the stdlib on first use too).
	EventModuleLoaded
	// EventLimitHit: process Pid (0 for the host) reached the limit Name
	// ("processes" or "atoms", whose bound is Other) and got
	// system_limit, which it may catch (limits.go).
	EventLimitHit
	// EventLost: a relay of these events across a boundary (a wasm
	// sandbox's, through its ABI) fell behind and dropped Other of them
	// here; Text says how many of which kinds. The Debugger itself never
	// sends it: it calls its subscribers synchronously. A relay sends it
	// from its own goroutine, so its subscriber may call the debugger to
	// read the processes' state afresh.
	EventLost
)

// Event is something the debugger reports to its subscribers.
type Event struct {
	Kind        EventKind
	Pid         uint64
	Other       uint64
	Name        string
	ExitReason  term.Term
	ChildID     term.Term
	Reason      StopReason
	Breakpoints []int
	Exception   *Exception
	Text        string
	Breakpoint  BreakpointInfo
}

// LineBreakpoint asks to stop at a source line. Condition is an Erlang
// expression over the frame's bindings (stop when it is true); HitCondition
// is "N" or "==N" (the Nth hit), ">N", ">=N", "<N", "<=N" or "%N" (every
// Nth); LogMessage, when set, makes it a log point that prints the message,
// with {Expr} replaced by the expression's value, instead of stopping.
type LineBreakpoint struct {
	Line         int
	Condition    string
	HitCondition string
	LogMessage   string
}

// FunctionBreakpoint asks to stop on entry to Module:Function/Arity, with
// the same optional condition, hit condition and log message.
type FunctionBreakpoint struct {
	Module, Function string
	Arity            int
	Condition        string
	HitCondition     string
	LogMessage       string
}

// ParseMFA reads "mod:fun/arity".
func ParseMFA(s string) (mod, fun string, arity int, err error) {
	colon := strings.IndexByte(s, ':')
	slash := strings.LastIndexByte(s, '/')
	if colon <= 0 || slash < colon+2 {
		return "", "", 0, fmt.Errorf("function breakpoint %q: want module:function/arity", s)
	}
	arity, err = strconv.Atoi(strings.TrimSpace(s[slash+1:]))
	if err != nil || arity < 0 {
		return "", "", 0, fmt.Errorf("function breakpoint %q: bad arity", s)
	}
	return strings.TrimSpace(s[:colon]), strings.TrimSpace(s[colon+1 : slash]), arity, nil
}

// BreakpointInfo is a breakpoint's verification state. Line is where it
// resolved to (the nearest executable line at or after the one asked for).
type BreakpointInfo struct {
	ID       int
	Module   string
	Verified bool
	Line     int
	Message  string
}

// breakpoint is a line or function breakpoint with its compiled parts.
type breakpoint struct {
	id     int
	module string
	line   int // asked for (line breakpoints)
	fun    string
	arity  int // function breakpoints; fun == "" for line breakpoints
	cond   string
	hit    hitCond
	log    string
	hits   int
	info   BreakpointInfo
	// Compiled against the module version whose Module is compiledFor.
	compiledFor *Module
	condFn      *evalFn
	logParts    []logPart
	compileErr  error
}

type logPart struct {
	text string
	expr *evalFn
}

type hitCond struct {
	op string // "", "==", ">", ">=", "<", "<=", "%"
	n  int
}

func parseHitCond(s string) (hitCond, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return hitCond{}, nil
	}
	op := "=="
	for _, o := range []string{">=", "<=", "==", ">", "<", "%", "="} {
		if strings.HasPrefix(s, o) {
			op, s = o, strings.TrimSpace(s[len(o):])
			break
		}
	}
	if op == "=" {
		op = "=="
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || (op == "%" && n == 0) {
		return hitCond{}, fmt.Errorf("hit condition %q: want N, ==N, >N, >=N, <N, <=N or %%N", s)
	}
	return hitCond{op: op, n: n}, nil
}

func (h hitCond) ok(hits int) bool {
	switch h.op {
	case "":
		return true
	case "==":
		return hits == h.n
	case ">":
		return hits > h.n
	case ">=":
		return hits >= h.n
	case "<":
		return hits < h.n
	case "<=":
		return hits <= h.n
	case "%":
		return hits%h.n == 0
	}
	return false
}

// procDebug is the debugger's state for one process. A process gets one
// only when the debugger acts on it: a pause, a kill, a stop on entry or
// on a crash, a trap it runs into (stateLocked). Most processes never
// do, and the record and its table entry were a tenth of what a spawn
// allocated.
type procDebug struct {
	pid     uint64
	p       *proc
	noTrap  bool // evaluation processes never stop
	stopped bool
	reason  StopReason
	bps     []int
	atPC    bool // stopped before the top frame's pc (a trap), not after it (a crash)
	resume  bool // Continue or Step asked the scheduler to run it again (world held)
	// skip lets the trap the process stopped at run once on resume.
	skipDepth, skipPC int
	skipFn            *Func
	pause             bool
	step              StepKind
	stepDepth         int
	stepFn            *Func
	stepLine          int32
	global            bool // this process holds a reference on global trap mode
	overFn            *Func
	crashed           bool
	pauseReason       StopReason
	kill              bool
}

// Debugger is a VM's debugger: breakpoints, per-process stops and
// stepping, inspection and evaluation. Its methods are safe for
// concurrent use. A process stopped by it is not run until Continue or
// Step; the VM's other processes keep running.
type Debugger struct {
	vm *VM
	// world is held while Erlang code runs (one reduction slice at a
	// time) and by every operation that reads or patches a process or
	// code; mu guards the debugger's own tables and is taken inside world.
	world sync.Mutex
	mu    sync.Mutex
	// subs is the subscribers, oldest first: a slice replaced whole on
	// every Subscribe and cancel, so that emit, at every spawn and exit,
	// reads it with one atomic load: no lock, no copy, no map walk (with
	// a map, emitting was 5% of spawning 10,000 processes in the wasm
	// sandbox, whose engine always subscribes).
	subs    atomic.Pointer[[]subscriber]
	nextSub int
	nextID  int
	nextPid uint64
	lineBPs map[string][]*breakpoint // by module
	funcBPs []*breakpoint
	onCrash bool
	// stopOnEntry pauses every process before its first line.
	stopOnEntry bool
	global      int            // processes needing traps on every line
	patched     map[*Func]bool // functions whose code holds traps
	// procs holds the processes that have debugger state (stateLocked);
	// the live processes are the scheduler's.
	procs map[uint64]*procDebug
	// EvalBudget bounds the reductions of one evaluation.
	evalBudget int
}

func newDebugger(v *VM) *Debugger {
	return &Debugger{vm: v, lineBPs: map[string][]*breakpoint{}, patched: map[*Func]bool{}, procs: map[uint64]*procDebug{}, evalBudget: 1_000_000}
}

// Debugger returns the VM's debugger.
func (v *VM) Debugger() *Debugger { return v.dbg }

// Subscribe adds a function that receives every event until the returned
// cancel is called; the language server and a debug adapter can listen at
// once. It runs on the goroutine running Erlang code, with the VM locked:
// it must not call back into the Debugger (hand the event to another
// goroutine instead).
func (d *Debugger) Subscribe(h func(Event)) (cancel func()) {
	d.mu.Lock()
	d.nextSub++
	id := d.nextSub
	d.setSubs(append(d.subscribers(), subscriber{id, h}))
	d.mu.Unlock()
	return func() {
		d.mu.Lock()
		d.setSubs(slices.DeleteFunc(slices.Clone(d.subscribers()), func(s subscriber) bool { return s.id == id }))
		d.mu.Unlock()
	}
}

// subscriber is one Subscribe's function and the id its cancel removes.
type subscriber struct {
	id int
	h  func(Event)
}

// subscribers returns the current subscribers (not to be modified).
func (d *Debugger) subscribers() []subscriber {
	if p := d.subs.Load(); p != nil {
		return *p
	}
	return nil
}

// setSubs publishes a new subscriber list; mu is held. It is clipped to
// its length, so that the next Subscribe's append copies it rather than
// writing into an array that an emit may be reading.
func (d *Debugger) setSubs(subs []subscriber) {
	subs = slices.Clip(subs)
	d.subs.Store(&subs)
}

// emit sends e to the subscribers; d.mu must not be held.
func (d *Debugger) emit(e Event) {
	for _, s := range d.subscribers() {
		s.h(e)
	}
}

// SetBreakOnCrash makes a process about to die of an uncaught exception
// stop first (reason StopException), with its frames intact.
func (d *Debugger) SetBreakOnCrash(on bool) {
	d.mu.Lock()
	d.onCrash = on
	d.mu.Unlock()
}

// SetStopOnEntry makes every process started from now on stop (reason
// StopEntry) before it runs its first line.
func (d *Debugger) SetStopOnEntry(on bool) {
	d.mu.Lock()
	d.stopOnEntry = on
	d.mu.Unlock()
}

// Kill ends a process as exit(Pid, kill) would, stopped or running (at
// its next line).
func (d *Debugger) Kill(pid uint64) error {
	defer d.lockAll()()
	p := d.vm.sched.procs.get(pid)
	if p == nil {
		return fmt.Errorf("pid %d: %w", pid, ErrNoProcess)
	}
	pd := d.stateLocked(p)
	pd.kill = true
	if pd.stopped {
		d.resumeLocked(pd)
	} else {
		d.needGlobal(pd)
	}
	return nil
}

// ProcessInfo is what the debugger knows of a process.
type ProcessInfo struct {
	Pid uint64
	// InitialCall is "module:function/arity".
	InitialCall string
	Stopped     bool
	Reason      StopReason
	// Exception is set when the process stopped on an uncaught exception.
	Exception *Exception
	// Status is "running", "runnable", "waiting" (in receive) or
	// "stopped" (by the debugger).
	Status string
	// RegisteredName is "" when the process has none.
	RegisteredName string
	// CurrentFunction is the innermost frame's "module:function/arity".
	CurrentFunction string
	TrapExit        bool
	// Messages is the mailbox, oldest first; Dictionary the process
	// dictionary as {Key, Value} tuples.
	Messages, Dictionary []term.Term
	// Links are the linked pids; Monitors the pids this process
	// monitors, MonitoredBy those monitoring it.
	Links, Monitors, MonitoredBy []uint64
	// Children are a supervisor's children, the last started first
	// (read from its state; nil for other processes).
	Children []SupervisorChild
	// Parent spawned the process; 0 when the host started it (Call,
	// Spawn).
	Parent uint64
}

// SupervisorChild is one child of a supervisor: its child id and its pid
// (0 while it is not running).
type SupervisorChild struct {
	ID  term.Term
	Pid uint64
}

// Processes lists the live processes by pid.
func (d *Debugger) Processes() []ProcessInfo {
	defer d.lockAll()()
	out := make([]ProcessInfo, 0, d.vm.sched.procs.len())
	for p := range d.vm.sched.procs.all() {
		out = append(out, p.debugInfo())
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Pid < out[j].Pid })
	return out
}

// Process returns one process's state.
func (d *Debugger) Process(pid uint64) (ProcessInfo, error) {
	defer d.lockAll()()
	p := d.vm.sched.procs.get(pid)
	if p == nil {
		return ProcessInfo{}, fmt.Errorf("pid %d: %w", pid, ErrNoProcess)
	}
	return p.debugInfo(), nil
}

// debugInfo snapshots the process; world is held.
func (p *proc) debugInfo() ProcessInfo {
	pd := p.dbg
	stopped := pd != nil && pd.stopped
	in := ProcessInfo{Pid: p.pid, Parent: p.parent, InitialCall: p.initialCall(), Stopped: stopped, RegisteredName: p.ext.regName(), TrapExit: p.trapExit}
	if stopped {
		in.Reason = pd.reason
		in.Exception = stopException(pd)
	}
	switch {
	case stopped || p.state == psStopped:
		in.Status = "stopped"
	case p.state == psRunning:
		in.Status = "running"
	case p.state == psRunnable:
		in.Status = "runnable"
	default:
		in.Status = "waiting"
	}
	if n := p.nframes(); n > 0 {
		fn := p.frameAt(n - 1).fn.real()
		in.CurrentFunction = fmt.Sprintf("%s:%s/%d", fn.mod.name, fn.name, fn.arity)
	}
	in.Messages = append([]term.Term(nil), p.mailbox...)
	in.Dictionary = append([]term.Term(nil), p.ext.dictionary()...)
	in.Links = append([]uint64(nil), p.ext.linkList()...)
	for _, m := range p.ext.held().live() {
		in.Monitors = append(in.Monitors, m.other)
	}
	for _, m := range p.ext.watchers().live() {
		in.MonitoredBy = append(in.MonitoredBy, m.other)
	}
	in.Children = p.supervisorChildren()
	return in
}

// supervisorChildren reads a supervisor's children from the State of its
// gen_server frame (supervisor's #state{children = [#child{}]}, the
// layout sys:get_state returns), by the records' field names.
func (p *proc) supervisorChildren() []SupervisorChild {
	// checkRestart asks at every spawn while someone listens: a process
	// with no gen_server frame answers without the two module lookups
	// (each a lock and a string hash: 3% of spawning in the wasm sandbox).
	inServer := false
	for fi := p.nframes() - 1; fi >= 0 && !inServer; fi-- {
		inServer = p.frameAt(fi).fn.real().mod.name == "gen_server"
	}
	if !inServer {
		return nil
	}
	v := p.vm
	gs, sup := v.loadedModule("gen_server"), v.loadedModule("supervisor")
	if gs == nil || sup == nil {
		return nil
	}
	field := func(m *Module, rec, name string) int {
		if def := m.records[rec]; def != nil {
			return fieldIndex(def, name) + 1 // element 0 is the tag
		}
		return 0
	}
	srvMod, children := field(gs, "srv", "mod"), field(sup, "state", "children")
	childID, childPid := field(sup, "child", "id"), field(sup, "child", "pid")
	if srvMod <= 0 || children <= 0 || childID <= 0 || childPid <= 0 {
		return nil
	}
	for fi := p.nframes() - 1; fi >= 0; fi-- {
		if p.frameAt(fi).fn.real().mod.name != "gen_server" {
			continue
		}
		var srv, state term.Term
		for _, b := range p.bindings(fi) {
			switch b.Name {
			case "Srv":
				srv = b.Value
			case "State":
				state = b.Value
			}
		}
		if srv.Kind() != term.KindTuple || srv.TupleLen() <= srvMod || !srv.Elem(srvMod).IsAtom("supervisor") ||
			state.Kind() != term.KindTuple || state.TupleLen() <= children {
			continue
		}
		cs, _ := term.ListToSlice(state.Elem(children))
		out := []SupervisorChild{}
		for _, c := range cs {
			if c.Kind() != term.KindTuple || c.TupleLen() <= childPid || c.TupleLen() <= childID {
				continue
			}
			sc := SupervisorChild{ID: c.Elem(childID)}
			if pid := c.Elem(childPid); pid.Kind() == term.KindPid {
				sc.Pid = pid.ID()
			}
			out = append(out, sc)
		}
		return out
	}
	return nil
}

// SetBreakpoints replaces module's line breakpoints with bps and returns
// their states in the same order. A module not loaded yet gets unverified
// breakpoints, verified when it loads.
func (d *Debugger) SetBreakpoints(module string, bps []LineBreakpoint) ([]BreakpointInfo, error) {
	list := make([]*breakpoint, 0, len(bps))
	for _, b := range bps {
		h, err := parseHitCond(b.HitCondition)
		if err != nil {
			return nil, fmt.Errorf("breakpoint at %s line %d: %w", module, b.Line, err)
		}
		list = append(list, &breakpoint{module: module, line: b.Line, cond: b.Condition, hit: h, log: b.LogMessage})
	}
	d.world.Lock()
	defer d.world.Unlock()
	d.mu.Lock()
	for _, bp := range list {
		d.nextID++
		bp.id = d.nextID
	}
	if len(list) == 0 {
		delete(d.lineBPs, module)
	} else {
		d.lineBPs[module] = list
	}
	m := d.vm.loadedModule(module)
	for _, bp := range list {
		d.verify(bp, m)
	}
	d.mu.Unlock()
	d.refreshModule(module, m)
	out := make([]BreakpointInfo, len(list))
	for i, bp := range list {
		out[i] = bp.info
	}
	return out, nil
}

// SetFunctionBreakpoints replaces every function breakpoint.
func (d *Debugger) SetFunctionBreakpoints(bps []FunctionBreakpoint) ([]BreakpointInfo, error) {
	list := make([]*breakpoint, 0, len(bps))
	for _, b := range bps {
		h, err := parseHitCond(b.HitCondition)
		if err != nil {
			return nil, fmt.Errorf("function breakpoint %s:%s/%d: %w", b.Module, b.Function, b.Arity, err)
		}
		list = append(list, &breakpoint{module: b.Module, fun: b.Function, arity: b.Arity, cond: b.Condition, hit: h, log: b.LogMessage})
	}
	d.world.Lock()
	defer d.world.Unlock()
	d.mu.Lock()
	mods := map[string]bool{}
	for _, bp := range d.funcBPs {
		mods[bp.module] = true
	}
	for _, bp := range list {
		d.nextID++
		bp.id = d.nextID
		mods[bp.module] = true
		d.verify(bp, d.vm.loadedModule(bp.module))
	}
	d.funcBPs = list
	d.mu.Unlock()
	for mod := range mods {
		d.refreshModule(mod, d.vm.loadedModule(mod))
	}
	out := make([]BreakpointInfo, len(list))
	for i, bp := range list {
		out[i] = bp.info
	}
	return out, nil
}

// verify resolves bp against module version m (nil: not loaded) and
// compiles its condition and log message there. d.mu is held.
func (d *Debugger) verify(bp *breakpoint, m *Module) {
	bp.info = BreakpointInfo{ID: bp.id, Module: bp.module}
	bp.compiledFor, bp.condFn, bp.logParts, bp.compileErr = nil, nil, nil, nil
	if m == nil {
		bp.info.Message = fmt.Sprintf("module %s is not loaded", bp.module)
		return
	}
	if bp.fun != "" {
		fn := m.funcs[fmt.Sprintf("%s/%d", bp.fun, bp.arity)]
		if fn == nil {
			bp.info.Message = fmt.Sprintf("%s:%s/%d is not defined", bp.module, bp.fun, bp.arity)
			return
		}
		bp.info.Line = int(fn.line)
	} else {
		line, ok := resolveLine(m, bp.line)
		if !ok {
			bp.info.Message = fmt.Sprintf("no executable code at or after line %d of %s", bp.line, m.file)
			return
		}
		bp.info.Line = line
	}
	bp.info.Verified = true
	bp.compiledFor = m
	if bp.cond != "" {
		bp.condFn, bp.compileErr = d.vm.compileEval(m, bp.cond)
	}
	if bp.log != "" && bp.compileErr == nil {
		bp.logParts, bp.compileErr = d.vm.compileLog(m, bp.log)
	}
	if bp.compileErr != nil {
		bp.info.Verified = false
		bp.info.Message = bp.compileErr.Error()
	}
}

// resolveLine finds the nearest line at or after line where some function
// of m starts a line.
func resolveLine(m *Module, line int) (int, bool) {
	best := -1
	for _, fn := range m.local {
		fd := fn.debugInfo()
		for _, pc := range fd.lineStarts() {
			l := int(fd.lines[pc])
			if l >= line && (best < 0 || l < best) {
				best = l
			}
		}
	}
	return best, best >= 0
}

// moduleLoaded is called with every module version before it becomes
// visible: it patches the new code and re-verifies the module's
// breakpoints against it.
func (d *Debugger) moduleLoaded(m *Module, install func()) {
	d.mu.Lock()
	var changed []BreakpointInfo
	for _, bp := range d.lineBPs[m.name] {
		d.verify(bp, m)
		changed = append(changed, bp.info)
	}
	for _, bp := range d.funcBPs {
		if bp.module == m.name {
			d.verify(bp, m)
			changed = append(changed, bp.info)
		}
	}
	for _, fn := range m.local {
		d.patch(fn)
	}
	install()
	d.mu.Unlock()
	for _, info := range changed {
		d.emit(Event{Kind: EventBreakpoint, Breakpoint: info})
	}
}

// refreshModule re-patches every version of module; world is held.
func (d *Debugger) refreshModule(module string, m *Module) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if m != nil {
		for _, fn := range m.local {
			d.patch(fn)
		}
	}
	for fn := range d.patched {
		if fn.mod.name == module {
			d.patch(fn)
		}
	}
}

// refreshAll re-patches every loaded function; world and mu are held.
func (d *Debugger) refreshAll() {
	for _, m := range d.vm.loadedModules() {
		for _, fn := range m.local {
			d.patch(fn)
		}
	}
	for fn := range d.patched {
		d.patch(fn)
	}
}

// patch sets fn.code to its pristine code with traps where the debugger
// may stop. d.mu is held, and world too unless fn is not visible yet.
func (d *Debugger) patch(fn *Func) {
	fd := fn.debugInfo()
	var pcs []int
	all := d.global > 0 || fd.over > 0
	if all {
		pcs = fd.lineStarts()
	} else {
		for _, bp := range d.lineBPs[fn.mod.name] {
			if bp.info.Verified {
				pcs = append(pcs, fd.startsOf(int32(bp.info.Line))...)
			}
		}
		for _, bp := range d.funcBPs {
			if bp.info.Verified && bp.module == fn.mod.name && bp.fun == fn.name && bp.arity == fn.arity && fn.index < 0 {
				pcs = append(pcs, 0)
			}
		}
	}
	defer markBase(fn) // a trap in its guard or return: no call skips them
	if len(pcs) == 0 {
		fn.code = fd.orig
		delete(d.patched, fn)
		return
	}
	code := append([]instr(nil), fd.orig...)
	for _, pc := range pcs {
		code[pc] = instr{op: opBreak}
	}
	fn.code = code
	d.patched[fn] = true
}

// fnDebug is a function's debugging data, built on first use.
type fnDebug struct {
	orig   []instr // the pristine code
	lines  []int32
	starts []int
	over   int // steppers stepping over in this function
	// A step-out shadow: a copy of the caller's Func whose code traps at
	// retPC, set on one frame of one process only.
	shadowOf *Func
	retPC    int
	bound    *boundInfo
}

func (fn *Func) debugInfo() *fnDebug {
	if fn.dbg == nil {
		fn.dbg = &fnDebug{orig: fn.code, lines: fn.lines}
	}
	return fn.dbg
}

// real is the Func a shadow stands for.
func (fn *Func) real() *Func {
	if fn.dbg != nil && fn.dbg.shadowOf != nil {
		return fn.dbg.shadowOf
	}
	return fn
}

// lineStarts lists the pcs where execution arrives on a new line: the
// first instruction of each run of one line, unless the line before it was
// a later one (then the run finishes an expression that spans lines, such
// as a call whose arguments are on the following lines).
func (fd *fnDebug) lineStarts() []int {
	if fd.starts == nil {
		fd.starts = []int{}
		for pc, l := range fd.lines {
			if pc == 0 || l > fd.lines[pc-1] {
				fd.starts = append(fd.starts, pc)
			}
		}
	}
	return fd.starts
}

func (fd *fnDebug) startsOf(line int32) []int {
	var out []int
	for _, pc := range fd.lineStarts() {
		if fd.lines[pc] == line {
			out = append(out, pc)
		}
	}
	return out
}

func (fd *fnDebug) isStart(pc int) bool {
	s := fd.lineStarts()
	i := sort.SearchInts(s, pc)
	return i < len(s) && s[i] == pc
}

// loadedModule returns the newest loaded version of name, or nil.
func (v *VM) loadedModule(name string) *Module {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.modules[name]
}

// loadedModules returns the newest version of every loaded module.
func (v *VM) loadedModules() []*Module {
	v.mu.Lock()
	defer v.mu.Unlock()
	out := make([]*Module, 0, len(v.modules))
	for _, m := range v.modules {
		out = append(out, m)
	}
	return out
}

// installModule makes m the newest version of its module, with the
// debugger's traps patched in first.
func (v *VM) installModule(m *Module) {
	v.dbg.moduleLoaded(m, func() {
		v.mu.Lock()
		v.loads[m.name]++
		m.version = v.loads[m.name]
		v.modules[m.name] = m
		v.codeGen.Add(1)
		v.mu.Unlock()
	})
}

// initialCall is p's initial call as "module:function/arity", for the
// debugger's process list.
func (p *proc) initialCall() string {
	if p.initial.Kind() == term.KindTuple {
		e := p.initial.Elems()
		n, _ := e[2].Int() // the arity; Show would run the ~p formatter
		return e[0].AtomName() + ":" + e[1].AtomName() + "/" + strconv.FormatInt(n, 10)
	}
	if p.nframes() > 0 {
		fn := p.frameAt(0).fn
		return fmt.Sprintf("%s:%s/%d", fn.mod.name, fn.name, fn.arity)
	}
	return ""
}

// stateLocked returns p's debugger state, making it on first use; world
// and mu are held.
func (d *Debugger) stateLocked(p *proc) *procDebug {
	if p.dbg == nil {
		p.dbg = &procDebug{pid: p.pid, p: p}
		d.procs[p.pid] = p.dbg
	}
	return p.dbg
}

// state is stateLocked for a caller holding world only.
func (d *Debugger) state(p *proc) *procDebug {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stateLocked(p)
}

// startedLocked reports a new process; world is held. Subscribers get
// the event at once, on this goroutine.
func (d *Debugger) startedLocked(p *proc, parent *proc) {
	d.mu.Lock()
	if d.stopOnEntry {
		pd := d.stateLocked(p)
		pd.pauseReason = StopEntry
		d.pauseLocked(pd)
	}
	d.mu.Unlock()
	ev := Event{Kind: EventProcessStarted, Pid: p.pid}
	if parent != nil {
		ev.Other = parent.pid
	}
	d.emit(ev)
	if parent != nil && d.listening() {
		d.checkRestart(parent, p)
	}
}

// exitedLocked reports a process that ended and forgets its debugger
// state; world is held. Evaluation processes are not reported.
func (d *Debugger) exitedLocked(p *proc, reason term.Term, exc *Exception) {
	if pd := p.dbg; pd != nil {
		if pd.noTrap {
			return
		}
		d.mu.Lock()
		delete(d.procs, pd.pid)
		d.endStep(pd) // a pause or step it never reached holds traps
		d.mu.Unlock()
	}
	d.emit(Event{Kind: EventProcessExited, Pid: p.pid, ExitReason: reason, Exception: exc})
}

// stoppedCount is the number of processes the debugger holds; world is
// held.
func (d *Debugger) stoppedCount() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for _, pd := range d.procs {
		if pd.stopped {
			n++
		}
	}
	return n
}

// runSlice runs p for up to budget reductions with the world locked. A
// process that stops returns statusBreak: the scheduler parks it until
// Continue or Step resumes it, and runs the others meanwhile.
func (d *Debugger) runSlice(p *proc, budget int) status {
	d.world.Lock()
	defer d.world.Unlock()
	return d.runSliceLocked(p, budget)
}

// runSliceLocked is runSlice with the world lock already held.
func (d *Debugger) runSliceLocked(p *proc, budget int) status {
	pd := p.dbg
	var st status
	if pd != nil && pd.crashed {
		st = statusError // resumed after a crash stop: the process dies
	} else {
		st = p.run(budget)
		pd = p.dbg // a trap may have made it
	}
	switch {
	case pd != nil && pd.kill:
		d.mu.Lock()
		d.endStep(pd)
		d.mu.Unlock()
		p.exc = &Exception{Class: term.Exit, Reason: term.MakeAtom("killed"), Stacktrace: term.Nil}
		p.x().killReason = term.MakeAtom("killed")
		return statusError
	case st == statusBreak:
	case st == statusError && (pd == nil || !pd.noTrap && !pd.crashed) && d.crashStops(p.exc):
		d.mu.Lock()
		pd = d.stateLocked(p)
		pd.crashed = true
		d.stopLocked(pd, StopException, nil, false)
		d.mu.Unlock()
	default:
		return st
	}
	d.emit(Event{Kind: EventStopped, Pid: pd.pid, Reason: pd.reason, Breakpoints: pd.bps, Exception: stopException(pd)})
	return statusBreak
}

func stopException(pd *procDebug) *Exception {
	if pd.reason == StopException {
		return pd.p.exc
	}
	return nil
}

func (d *Debugger) crashStops(e *Exception) bool {
	d.mu.Lock()
	on := d.onCrash
	d.mu.Unlock()
	if !on || e == nil {
		return false
	}
	// exit(normal) ends a process normally: not a crash.
	return !(e.Class == term.Exit && e.Reason == term.MakeAtom("normal"))
}

// stopLocked marks pd stopped; d.mu is held.
func (d *Debugger) stopLocked(pd *procDebug, r StopReason, bps []int, atPC bool) {
	pd.stopped, pd.reason, pd.bps, pd.atPC = true, r, bps, atPC
	d.endStep(pd)
	pd.p.clearShadows()
}

// endStep drops pd's stepping state and the traps it needed.
func (d *Debugger) endStep(pd *procDebug) {
	pd.step, pd.pause, pd.pauseReason = 0, false, ""
	if pd.overFn != nil {
		pd.overFn.debugInfo().over--
		d.patch(pd.overFn)
		pd.overFn = nil
	}
	if pd.global {
		pd.global = false
		d.global--
		if d.global == 0 {
			d.refreshAll()
		}
	}
}

func (d *Debugger) needGlobal(pd *procDebug) {
	if !pd.global {
		pd.global = true
		d.global++
		if d.global == 1 {
			d.refreshAll()
		}
	}
}

// clearShadows puts back the real Func of every frame a step-out shadow
// replaced.
func (p *proc) clearShadows() {
	for i := range p.nframes() {
		p.frameAt(i).fn = p.frameAt(i).fn.real()
	}
}

// lockAll takes world then mu, and returns what unlocks them.
func (d *Debugger) lockAll() func() {
	d.world.Lock()
	d.mu.Lock()
	return func() {
		d.mu.Unlock()
		d.world.Unlock()
	}
}

// ErrNotStopped is returned for an operation that needs a stopped process.
var ErrNotStopped = errors.New("process is running")

// ErrNoProcess is returned for an unknown pid.
var ErrNoProcess = errors.New("no such process")

// stoppedProc returns a stopped process; world and mu are held.
func (d *Debugger) stoppedProc(pid uint64) (*procDebug, error) {
	pd := d.procs[pid]
	if pd == nil && d.vm.sched.procs.get(pid) == nil {
		return nil, fmt.Errorf("pid %d: %w", pid, ErrNoProcess)
	}
	if pd == nil || !pd.stopped {
		return nil, fmt.Errorf("pid %d: %w", pid, ErrNotStopped)
	}
	return pd, nil
}

// Continue resumes a stopped process.
func (d *Debugger) Continue(pid uint64) error {
	defer d.lockAll()()
	pd, err := d.stoppedProc(pid)
	if err != nil {
		return err
	}
	d.resumeLocked(pd)
	return nil
}

// ContinueAll resumes every stopped process.
func (d *Debugger) ContinueAll() {
	defer d.lockAll()()
	for _, pd := range d.procs {
		if pd.stopped {
			d.resumeLocked(pd)
		}
	}
}

func (d *Debugger) resumeLocked(pd *procDebug) {
	pd.stopped = false
	p := pd.p
	pd.skipFn = nil
	if n := p.nframes(); n > 0 && pd.atPC {
		// Arm the skip only if a trap is really there: a stale one would
		// swallow a later stop at the same place.
		if fr := p.frameAt(n - 1); fr.pc >= 0 && int(fr.pc) < len(fr.fn.code) && fr.fn.code[fr.pc].op == opBreak {
			pd.skipDepth, pd.skipPC, pd.skipFn = n, int(fr.pc), fr.fn.real()
		}
	}
	pd.resume = true
	d.vm.sched.poke()
}

// Step resumes a stopped process until it reaches the next line as kind
// says; it then stops with StopStep (or earlier at a breakpoint).
func (d *Debugger) Step(pid uint64, kind StepKind) error {
	defer d.lockAll()()
	pd, err := d.stoppedProc(pid)
	if err != nil {
		return err
	}
	p := pd.p
	if pd.reason == StopException && pd.crashed {
		d.resumeLocked(pd) // nothing left to step: the process dies
		return nil
	}
	n := p.nframes()
	top := p.frameAt(n - 1)
	pd.step, pd.stepDepth, pd.stepFn = kind, n, top.fn.real()
	pd.stepLine = frameLine(top, pd.atPC)
	switch kind {
	case StepIn:
		d.needGlobal(pd)
	case StepOver:
		pd.overFn = pd.stepFn
		pd.overFn.debugInfo().over++
		d.patch(pd.overFn)
	case StepOut:
	default:
		return fmt.Errorf("step kind %d: unknown", kind)
	}
	if n > 1 {
		p.setReturnTrap(n - 2)
	}
	d.resumeLocked(pd)
	return nil
}

// setReturnTrap makes frame i trap when the frame above it returns into
// it, by giving it a private copy of its function's code.
func (p *proc) setReturnTrap(i int) {
	fr := p.frameAt(i)
	real := fr.fn.real()
	sh := *real
	fd := real.debugInfo()
	sh.dbg = &fnDebug{orig: fd.orig, lines: fd.lines, shadowOf: real, retPC: int(fr.pc)}
	sh.code = append([]instr(nil), real.code...)
	sh.code[fr.pc] = instr{op: opBreak}
	fr.fn = &sh
}

// Pause stops a process: a running one at its next line, one waiting in
// receive at once.
func (d *Debugger) Pause(pid uint64) error {
	d.world.Lock()
	defer d.world.Unlock()
	d.mu.Lock()
	p := d.vm.sched.procs.get(pid)
	if p == nil {
		d.mu.Unlock()
		return fmt.Errorf("pid %d: %w", pid, ErrNoProcess)
	}
	pd := d.stateLocked(p)
	var now []*procDebug
	if !pd.stopped && d.pauseLocked(pd) {
		now = append(now, pd)
	}
	d.mu.Unlock()
	d.emitStops(now)
	return nil
}

// PauseAll stops every process, as Pause does.
func (d *Debugger) PauseAll() {
	d.world.Lock()
	defer d.world.Unlock()
	d.mu.Lock()
	var now []*procDebug
	for p := range d.vm.sched.procs.all() {
		if pd := d.stateLocked(p); !pd.stopped && d.pauseLocked(pd) {
			now = append(now, pd)
		}
	}
	d.mu.Unlock()
	d.emitStops(now)
}

// pauseLocked asks pd to stop at its next line, or stops it now, parked,
// when it waits in receive (it reports that case: the caller emits the
// stopped event once mu is released). World and mu are held.
func (d *Debugger) pauseLocked(pd *procDebug) bool {
	p := pd.p
	if p.state == psWaiting && d.vm.sched != nil && p.nframes() > 0 {
		r := pd.pauseReason
		if r == "" {
			r = StopPause
		}
		d.stopLocked(pd, r, nil, true)
		p.state = psStopped
		d.vm.sched.parked[p] = true
		return true
	}
	pd.pause = true
	d.needGlobal(pd)
	return false
}

func (d *Debugger) emitStops(pds []*procDebug) {
	for _, pd := range pds {
		d.emit(Event{Kind: EventStopped, Pid: pd.pid, Reason: pd.reason})
	}
}

// trap runs at an opBreak: the top frame's pc is the trap's. It reports
// whether the process stops; if not, the interpreter runs the pristine
// instruction. Called with world held.
func (p *proc) trap() bool {
	n := p.nframes()
	fr := p.frameAt(n - 1)
	pc := int(fr.pc)
	pd := p.dbg
	if fd := fr.fn.dbg; fd.shadowOf != nil && pc == fd.retPC {
		fr.fn = fd.shadowOf
		if pd != nil && pd.step != 0 && n < pd.stepDepth {
			return p.vm.dbg.stop(pd, StopStep, nil)
		}
	}
	if pd != nil && pd.noTrap {
		return false
	}
	d := p.vm.dbg
	if pd == nil {
		pd = d.state(p) // the first trap this process runs into
	}
	real := fr.fn.real()
	if pd.skipFn != nil {
		skip := pd.skipDepth == n && pd.skipPC == pc && pd.skipFn == real
		pd.skipFn = nil
		if skip {
			return false
		}
	}
	fd := real.debugInfo()
	if ids, reason := d.breakpointsAt(p, real, pc); len(ids) > 0 {
		return d.stop(pd, reason, ids)
	}
	if pd.kill {
		return true // runSlice ends it
	}
	if pd.pause {
		r := pd.pauseReason
		if r == "" {
			r = StopPause
		}
		return d.stop(pd, r, nil)
	}
	if pd.step == 0 || !fd.isStart(pc) {
		return false
	}
	line := fd.lines[pc]
	switch pd.step {
	case StepIn:
		if n != pd.stepDepth || real != pd.stepFn || line != pd.stepLine || pc == 0 {
			return d.stop(pd, StopStep, nil)
		}
	case StepOver:
		if n < pd.stepDepth || (n == pd.stepDepth && real == pd.stepFn && (line != pd.stepLine || pc == 0)) {
			return d.stop(pd, StopStep, nil)
		}
	case StepOut:
		if n < pd.stepDepth {
			return d.stop(pd, StopStep, nil)
		}
	}
	return false
}

func (d *Debugger) stop(pd *procDebug, r StopReason, ids []int) bool {
	d.mu.Lock()
	d.stopLocked(pd, r, ids, true)
	d.mu.Unlock()
	return true
}

// breakpointsAt checks the breakpoints at (fn, pc) for p: it counts their
// hits, evaluates conditions, prints log points, and returns the ids of
// those that stop.
func (d *Debugger) breakpointsAt(p *proc, fn *Func, pc int) ([]int, StopReason) {
	d.mu.Lock()
	var cands []*breakpoint
	line := int(fn.dbg.lines[pc])
	for _, bp := range d.lineBPs[fn.mod.name] {
		if bp.info.Verified && bp.info.Line == line && fn.dbg.isStart(pc) {
			cands = append(cands, bp)
		}
	}
	reason := StopBreakpoint
	if pc == 0 && fn.index < 0 {
		for _, bp := range d.funcBPs {
			if bp.info.Verified && bp.module == fn.mod.name && bp.fun == fn.name && bp.arity == fn.arity {
				cands = append(cands, bp)
				if len(cands) == 1 {
					reason = StopFunctionBreakpoint
				}
			}
		}
	}
	d.mu.Unlock()
	var ids []int
	for _, bp := range cands {
		if bp.condFn != nil {
			v, err := p.evalIn(bp.condFn, p.nframes()-1, true)
			if err != nil {
				d.emit(Event{Kind: EventOutput, Pid: p.pid, Text: fmt.Sprintf("breakpoint %d condition %s: %v\n", bp.id, bp.cond, err)})
				continue
			}
			if v != term.True {
				continue
			}
		}
		bp.hits++
		if !bp.hit.ok(bp.hits) {
			continue
		}
		if bp.logParts != nil {
			d.emit(Event{Kind: EventOutput, Pid: p.pid, Text: p.logText(bp.logParts) + "\n"})
			continue
		}
		ids = append(ids, bp.id)
	}
	return ids, reason
}

// linkChanged reports a link made or removed; world is held.
func (d *Debugger) linkChanged(a, b uint64, on bool) {
	k := EventUnlink
	if on {
		k = EventLink
	}
	d.emit(Event{Kind: k, Pid: a, Other: b})
}

// nameChanged reports a name registered or unregistered; world is held.
func (d *Debugger) nameChanged(pid uint64, name string, on bool) {
	k := EventUnregister
	if on {
		k = EventRegister
	}
	d.emit(Event{Kind: k, Pid: pid, Name: name})
}

func (d *Debugger) listening() bool { return len(d.subscribers()) > 0 }

// checkRestart reports a supervisor restart: sup, running its gen_server
// loop, spawned child while its state still lists a child whose process
// is gone (one_for_one restarts one child per spawn). World is held.
func (d *Debugger) checkRestart(sup, child *proc) {
	for _, c := range sup.supervisorChildren() {
		if c.Pid != 0 && d.vm.sched.procs.get(c.Pid) == nil {
			d.emit(Event{Kind: EventSupervisorRestart, Pid: sup.pid, Other: child.pid, ChildID: c.ID})
			return
		}
	}
}
