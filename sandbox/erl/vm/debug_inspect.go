package vm

import (
	"fmt"
	"sort"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
	"github.com/otpbox/otpbox/sandbox/erl/term"
)

// Frame is one stack frame of a stopped process, innermost first.
type Frame struct {
	Module, Function string
	Arity            int
	File             string
	Line             int
	// Version is the frame's module version (1 for the first load);
	// Old is set when a newer version has been loaded since.
	Version int
	Old     bool
}

// Binding is one source variable bound in a frame.
type Binding struct {
	Name  string
	Value term.Term
}

// frameLine is the line a frame is at: the instruction at pc when the
// process stopped before it, else the one before pc (a call in progress,
// or the instruction that raised).
func frameLine(fr *frame, atPC bool) int32 {
	fn := fr.fn.real()
	pc := int(fr.pc)
	if !atPC {
		pc--
	}
	if pc < 0 || pc >= len(fn.lines) {
		return fn.line
	}
	return fn.lines[pc]
}

// Stack returns the frames of a stopped process, innermost first.
func (d *Debugger) Stack(pid uint64) ([]Frame, error) {
	d.world.Lock()
	defer d.world.Unlock()
	d.mu.Lock()
	pd, err := d.stoppedProc(pid)
	d.mu.Unlock()
	if err != nil {
		return nil, err
	}
	p := pd.p
	out := make([]Frame, 0, p.nframes())
	for i := p.nframes() - 1; i >= 0; i-- {
		fr := p.frameAt(i)
		fn := fr.fn.real()
		cur := d.vm.loadedModule(fn.mod.name)
		out = append(out, Frame{Module: fn.mod.name, Function: fn.name, Arity: fn.arity, File: fn.mod.file,
			Line:    int(frameLine(fr, pd.atPC && i == p.nframes()-1)),
			Version: fn.mod.version, Old: cur != nil && cur != fn.mod})
	}
	return out, nil
}

// frameAt returns p's frame number i counted from the innermost (0).
func (d *Debugger) frameAt(pid uint64, i int) (*procDebug, int, error) {
	d.mu.Lock()
	pd, err := d.stoppedProc(pid)
	d.mu.Unlock()
	if err != nil {
		return nil, 0, err
	}
	n := pd.p.nframes()
	if i < 0 || i >= n {
		return nil, 0, fmt.Errorf("pid %d has %d frames, no frame %d", pid, n, i)
	}
	return pd, n - 1 - i, nil
}

// Bindings returns the source variables bound in frame i (0 is the
// innermost) of a stopped process, sorted by name.
func (d *Debugger) Bindings(pid uint64, i int) ([]Binding, error) {
	d.world.Lock()
	defer d.world.Unlock()
	pd, fi, err := d.frameAt(pid, i)
	if err != nil {
		return nil, err
	}
	return pd.p.bindings(fi), nil
}

// Eval evaluates the Erlang expressions src (a comma-separated sequence)
// in frame i of a stopped process, with the frame's bindings as inputs. It
// runs synchronously in a separate process state, within the debugger's
// reduction budget, and never stops at breakpoints.
func (d *Debugger) Eval(pid uint64, i int, src string) (term.Term, error) {
	d.world.Lock()
	defer d.world.Unlock()
	pd, fi, err := d.frameAt(pid, i)
	if err != nil {
		return term.Nil, err
	}
	fn := pd.p.frameAt(fi).fn.real()
	ef, err := d.vm.compileEval(fn.mod, src)
	if err != nil {
		return term.Nil, err
	}
	return pd.p.evalIn(ef, fi, pd.atPC && fi == pd.p.nframes()-1)
}

// EvalFresh evaluates src with no bindings, as a shell would.
func (d *Debugger) EvalFresh(src string) (term.Term, error) {
	d.world.Lock()
	defer d.world.Unlock()
	ef, err := d.vm.compileEval(&Module{name: "erl_eval", file: "eval", funcs: map[string]*Func{}}, src)
	if err != nil {
		return term.Nil, err
	}
	fn, _, err := ef.compileFor(nil)
	if err != nil {
		return term.Nil, err
	}
	return d.vm.runEval(fn, nil, d.evalBudget)
}

// bindings lists the named registers bound in frame fi at its pc.
func (p *proc) bindings(fi int) []Binding {
	fr := p.frameAt(fi)
	fn := fr.fn.real()
	pd := p.dbg
	pc := int(fr.pc)
	// A stopped process's top frame is before its pc; so is a waiting
	// one's (at its receive); other frames are in a call, after it.
	top := fi == p.nframes()-1
	if !(top && (pd != nil && pd.atPC || p.state == psWaiting)) {
		pc--
	}
	if pc < 0 {
		pc = 0
	}
	bi := fn.debugInfo().boundInfo(fn)
	if pc >= len(bi.at) {
		return nil
	}
	set := bi.at[pc]
	var out []Binding
	for bit, r := range bi.named {
		if set[bit/64]&(1<<(bit%64)) != 0 {
			out = append(out, Binding{Name: fn.varNames[r], Value: fr.regs[r]})
		}
	}
	if pc == 0 {
		out = append(out, entryAliases(fn, fr.regs)...)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// entryAliases names the arguments at a function's entry, before its head
// is matched, after the variables its clauses bind them to directly
// (f(A, B) -> ...), the first clause naming a variable winning, so that a
// function breakpoint's condition and the variables view see them.
// Argument registers are written only on entry, so at pc 0 they hold the
// arguments.
func entryAliases(fn *Func, regs []term.Term) []Binding {
	var out []Binding
	seen := map[string]bool{}
	for _, in := range fn.debugInfo().orig {
		if in.op != opMove || int(in.b) >= fn.arity {
			continue
		}
		if name := fn.varNames[in.a]; name != "" && !seen[name] {
			seen[name] = true
			out = append(out, Binding{Name: name, Value: regs[in.b]})
		}
	}
	return out
}

// boundInfo is the result of a must-be-assigned analysis over a
// function's bytecode: which named registers hold a value before each pc.
// Registers are reused across calls without being cleared, so a variable
// not yet bound would otherwise show a stale value.
type boundInfo struct {
	named []int32    // bit -> register
	at    [][]uint64 // pc -> bound set, before the instruction
}

func (fd *fnDebug) boundInfo(fn *Func) *boundInfo {
	if fd.bound != nil {
		return fd.bound
	}
	bi := &boundInfo{}
	bitOf := map[int32]int{}
	for r, name := range fn.varNames {
		if name != "" {
			bitOf[int32(r)] = len(bi.named)
			bi.named = append(bi.named, int32(r))
		}
	}
	words := (len(bi.named) + 63) / 64
	code := fd.orig
	bi.at = make([][]uint64, len(code))
	seen := make([]bool, len(code))
	set := func(s []uint64, r int32) {
		if b, ok := bitOf[r]; ok {
			s[b/64] |= 1 << (b % 64)
		}
	}
	entry := make([]uint64, words)
	for r := 0; r < fn.arity+fn.nfree; r++ {
		set(entry, int32(r))
	}
	if fn.hasSelf {
		set(entry, fn.selfReg)
	}
	work := []int{0}
	flow := func(to int, s []uint64) {
		if to < 0 || to >= len(code) {
			return
		}
		if !seen[to] {
			seen[to] = true
			bi.at[to] = append([]uint64(nil), s...)
			work = append(work, to)
			return
		}
		changed := false
		for w := range s {
			if n := bi.at[to][w] & s[w]; n != bi.at[to][w] {
				bi.at[to][w] = n
				changed = true
			}
		}
		if changed {
			work = append(work, to)
		}
	}
	if len(code) > 0 {
		seen[0] = true
		bi.at[0] = entry
	}
	for len(work) > 0 {
		pc := work[len(work)-1]
		work = work[:len(work)-1]
		in := code[pc]
		before := bi.at[pc]
		after := append([]uint64(nil), before...)
		next, branches, writes, branchWrites := instrFlow(in)
		for _, r := range writes {
			set(after, r)
		}
		if next {
			flow(pc+1, after)
		}
		for _, br := range branches {
			b := append([]uint64(nil), before...)
			for _, r := range branchWrites {
				set(b, r)
			}
			flow(br, b)
		}
	}
	for pc := range bi.at {
		if bi.at[pc] == nil {
			bi.at[pc] = make([]uint64, words) // unreachable
		}
	}
	fd.bound = bi
	return bi
}

// instrFlow describes an instruction for the analysis: whether it falls
// through, its branch targets, the registers written on the fall-through
// path and those written on the branches.
func instrFlow(in instr) (next bool, branches []int, writes, branchWrites []int32) {
	var test []int
	if in.d >= 0 {
		test = []int{int(in.d)}
	}
	switch in.op {
	case opJump:
		return false, []int{int(in.a)}, nil, nil
	case opRet, opConsRet, opAddRet, opTailCall, opTailExt, opTailFun, opRaiseErr, opReraise:
		return false, nil, nil, nil
	case opMove, opConst, opCall, opCallExt, opCallFun, opGetElem, opGetHd, opGetTl,
		opMakeTuple, opMakeCons, opMakeFun, opCatchValue:
		return true, nil, []int32{in.a}, nil
	case opBif, opMapPut, opAdd, opSub, opMul, opAddI, opSubI, opMulI, opMapGet, opBinBuild, opBinStart, opBinGet, opRecvPeek:
		return true, test, []int32{in.a}, nil
	case opGetList, opFunLoop, opBodyLoop, opTupleLoop, opWalkLoop, opLtI, opGtI, opGeI, opLeI, opIsType, opIsFunArity, opIsEqConst, opIsEqExact, opIsNeExact, opIsLt, opIsGe, opIsEq, opIsNe, opIsTuple, opIsCons, opIsNil, opIsTrue, opIsMap, opBinEnd:
		return true, test, nil, nil
	case opTry:
		return true, test, nil, []int32{in.a, in.a + 1, in.a + 2}
	case opRecvNext:
		return false, []int{int(in.a)}, nil, nil
	case opRecvWait:
		// A new message goes to b, a timeout to d; waiting runs it again.
		return false, append([]int{int(in.b)}, test...), nil, nil
	}
	// opTryEnd, opRecvRemove, and any instruction this analysis does not
	// know yet: falls through, writes nothing (a variable may then show as
	// unbound, never as a stale value).
	return true, nil, nil, nil
}

// evalFn is an expression compiled against a module version, once per
// set of input variables.
type evalFn struct {
	vm    *VM
	m     *Module
	expr  syntax.Expr
	names []string // variables the expression mentions
	cache map[string]*Func
}

// compileEval parses src (a sequence of expressions) for evaluation in
// module m's context: its local functions and records are visible.
func (v *VM) compileEval(m *Module, src string) (*evalFn, error) {
	e, err := parseEval(src)
	if err != nil {
		return nil, err
	}
	return v.evalFnOf(m, e)
}

// parseEval parses a sequence of expressions (a final dot allowed, as
// typed at a shell) into a begin ... end block.
func parseEval(src string) (*syntax.Block, error) {
	text := strings.TrimSuffix(strings.TrimSpace(src), ".")
	toks, tx, errs := syntax.Scan("eval", []byte("begin "+text+"\nend"), syntax.DropComments)
	if len(errs) > 0 {
		return nil, fmt.Errorf("expression %q: %w", src, errs[0])
	}
	e, err := syntax.ParseExpr(toks, tx)
	if err != nil {
		return nil, fmt.Errorf("expression %q: %w", src, err)
	}
	b, ok := e.(*syntax.Block)
	if !ok {
		return nil, fmt.Errorf("expression %q: not a sequence of expressions", src)
	}
	return b, nil
}

func (v *VM) evalFnOf(m *Module, e syntax.Expr) (*evalFn, error) {
	seen := map[string]bool{}
	syntax.Inspect(e, func(n syntax.Node) bool {
		if x, ok := n.(*syntax.Var); ok && x.Name != "_" {
			seen[x.Name] = true
		}
		return true
	})
	ef := &evalFn{vm: v, m: m, expr: e, cache: map[string]*Func{}}
	for name := range seen {
		ef.names = append(ef.names, name)
	}
	sort.Strings(ef.names)
	if _, _, err := ef.compileFor(nil); err != nil && !strings.Contains(err.Error(), "is unbound") {
		return nil, err // a real compile error, not only a missing binding
	}
	return ef, nil
}

// EvalShell evaluates src as the Erlang shell does: with bindings (from
// earlier evaluations) as inputs. It returns the value and the bindings
// after it, the variables src binds at its top level added, so that a
// debug console can keep them from one line to the next.
func (d *Debugger) EvalShell(src string, bindings []Binding) (term.Term, []Binding, error) {
	d.world.Lock()
	defer d.world.Unlock()
	block, err := parseEval(src)
	if err != nil {
		return term.Nil, nil, err
	}
	has := map[string]bool{}
	vals := map[string]term.Term{}
	for _, b := range bindings {
		has[b.Name], vals[b.Name] = true, b.Value
	}
	out := map[string]bool{}
	for name := range has {
		out[name] = true
	}
	for _, x := range block.Body {
		for m, ok := x.(*syntax.Match); ok; m, ok = m.Right.(*syntax.Match) {
			syntax.Inspect(m.Left, func(n syntax.Node) bool {
				if v, ok := n.(*syntax.Var); ok && v.Name != "_" {
					out[v.Name] = true
				}
				return true
			})
		}
	}
	names := make([]string, 0, len(out))
	for n := range out {
		names = append(names, n)
	}
	sort.Strings(names)
	// begin Body..., '$result' = Last, {'$result', {Out...}} end
	res := &syntax.Var{Name: "$result"}
	vars := make([]syntax.Expr, len(names))
	for i, n := range names {
		vars[i] = &syntax.Var{Name: n}
	}
	n := len(block.Body)
	body := append(block.Body[:n-1:n-1],
		&syntax.Match{Left: res, Right: block.Body[n-1]},
		&syntax.Tuple{Elems: []syntax.Expr{res, &syntax.Tuple{Elems: vars}}})
	ef, err := d.vm.evalFnOf(&Module{name: "erl_eval", file: "shell", funcs: map[string]*Func{}}, &syntax.Block{Body: body})
	if err != nil {
		return term.Nil, nil, err
	}
	fn, inputs, err := ef.compileFor(has)
	if err != nil {
		return term.Nil, nil, err
	}
	args := make([]term.Term, len(inputs))
	for i, name := range inputs {
		args[i] = vals[name]
	}
	r, err := d.vm.runEval(fn, args, d.evalBudget)
	if err != nil {
		return term.Nil, nil, err
	}
	after := make([]Binding, len(names))
	for i, name := range names {
		after[i] = Binding{Name: name, Value: r.Elem(1).Elem(i)}
	}
	return r.Elem(0), after, nil
}

// compileFor compiles the expression with those of its variables that
// have is as inputs.
func (ef *evalFn) compileFor(has map[string]bool) (*Func, []string, error) {
	var inputs []string
	for _, n := range ef.names {
		if has[n] {
			inputs = append(inputs, n)
		}
	}
	key := strings.Join(inputs, ",")
	if fn := ef.cache[key]; fn != nil {
		return fn, inputs, nil
	}
	m := ef.m
	em := &Module{name: m.name, file: m.file, funcs: m.funcs, local: append([]*Func(nil), m.local...), records: m.records}
	records := m.records
	if records == nil {
		records = map[string]*syntax.RecordDef{}
	}
	c := &compiler{m: em, atoms: ef.vm.atoms, vm: ef.vm, records: records, nfun: 1 << 20}
	fn := &Func{mod: em, name: "-eval-", index: -1, line: 1}
	c.function(fn, []*syntax.Clause{{Body: []syntax.Expr{ef.expr}}}, inputs)
	if c.err != nil {
		return nil, nil, fmt.Errorf("expression: %w", c.err)
	}
	ef.cache[key] = fn
	return fn, inputs, nil
}

// evalIn evaluates ef in p's frame fi.
func (p *proc) evalIn(ef *evalFn, fi int, atPC bool) (term.Term, error) {
	saved := p.dbg.atPC
	p.dbg.atPC = atPC
	bs := p.bindings(fi)
	p.dbg.atPC = saved
	has := map[string]bool{}
	vals := map[string]term.Term{}
	for _, b := range bs {
		has[b.Name] = true
		vals[b.Name] = b.Value
	}
	fn, inputs, err := ef.compileFor(has)
	if err != nil {
		return term.Nil, err
	}
	args := make([]term.Term, len(inputs))
	for i, n := range inputs {
		args[i] = vals[n]
	}
	return p.vm.runEval(fn, args, p.vm.dbg.evalBudget)
}

// runEval runs fn(args) to completion in a process of its own that never
// stops at breakpoints, within budget reductions.
func (v *VM) runEval(fn *Func, args []term.Term, budget int) (term.Term, error) {
	q := &proc{vm: v, dbg: &procDebug{noTrap: true}}
	q.start(fn, args)
	const slice = 4000
	for used := 0; ; used += slice {
		if used >= budget {
			return term.Nil, fmt.Errorf("evaluation: %w (%d)", ErrReductions, budget)
		}
		switch q.run(slice) {
		case statusDone:
			return q.result, nil
		case statusError:
			return term.Nil, fmt.Errorf("evaluation: %w", q.exc)
		}
	}
}

// compileLog splits a log message into text and {Expr} parts.
func (v *VM) compileLog(m *Module, msg string) ([]logPart, error) {
	var parts []logPart
	var text strings.Builder
	for i := 0; i < len(msg); i++ {
		if msg[i] != '{' {
			text.WriteByte(msg[i])
			continue
		}
		depth, j := 1, i+1
		for ; j < len(msg) && depth > 0; j++ {
			switch msg[j] {
			case '{':
				depth++
			case '}':
				depth--
			}
		}
		if depth > 0 {
			return nil, fmt.Errorf("log message %q: unclosed {", msg)
		}
		ef, err := v.compileEval(m, msg[i+1:j-1])
		if err != nil {
			return nil, fmt.Errorf("log message %q: %w", msg, err)
		}
		if text.Len() > 0 {
			parts = append(parts, logPart{text: text.String()})
			text.Reset()
		}
		parts = append(parts, logPart{expr: ef})
		i = j - 1
	}
	if text.Len() > 0 || len(parts) == 0 {
		parts = append(parts, logPart{text: text.String()})
	}
	return parts, nil
}

// logText renders a log point's message in p's top frame.
func (p *proc) logText(parts []logPart) string {
	var b strings.Builder
	for _, part := range parts {
		if part.expr == nil {
			b.WriteString(part.text)
			continue
		}
		v, err := p.evalIn(part.expr, p.nframes()-1, true)
		if err != nil {
			fmt.Fprintf(&b, "<%v>", err)
			continue
		}
		b.WriteString(Show(v))
	}
	return b.String()
}

// ModuleInfo names a loaded module and the file it was compiled from.
type ModuleInfo struct {
	Name, File string
}

// Modules lists the newest version of every loaded module, by name.
func (d *Debugger) Modules() []ModuleInfo {
	var out []ModuleInfo
	for _, m := range d.vm.loadedModules() {
		out = append(out, ModuleInfo{Name: m.name, File: m.file})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// RecordFields returns the field names of record name as module defines
// it, for showing a tuple {name, ...} of the right size by field.
func (d *Debugger) RecordFields(module, name string) ([]string, bool) {
	m := d.vm.loadedModule(module)
	if m == nil {
		return nil, false
	}
	def := m.records[name]
	if def == nil {
		return nil, false
	}
	out := make([]string, len(def.Fields))
	for i, f := range def.Fields {
		if f.Name != nil {
			out[i] = f.Name.Name
		}
	}
	return out, true
}

// Functions lists module's functions as "name/arity", sorted, loading the
// module from the stdlib if needed; closures are left out.
func (d *Debugger) Functions(module string) []string {
	m, err := d.vm.module(module)
	if err != nil {
		return nil
	}
	var out []string
	for k, fn := range m.funcs {
		if fn.index < 0 {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
