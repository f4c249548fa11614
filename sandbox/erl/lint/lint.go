// Package lint finds OTP pattern mistakes in an Erlang module: deadlocks
// and blocking calls in gen_server callbacks, callback returns the
// behaviour rejects, process loops that leak memory, and supervisor child
// specs that crash at start. sema checks what the compiler checks; lint
// checks what only shows at run time. Each rule has a stable code (OTP001
// ...), documented in docs/hints.md, and a quick fix where the right edit
// is clear.
//
// Rules read only the syntax tree and sema's symbol table: they follow a
// callback's clauses and the local functions it calls (two levels deep)
// and never guess about what a variable holds.
package lint

import (
	"sort"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Severity says how sure a hint is that something goes wrong.
type Severity int

const (
	// Warning marks code that misbehaves at run time whenever it runs.
	Warning Severity = iota
	// Info marks code that is risky in some uses (untrusted input, say).
	Info
)

// Hint is one finding.
type Hint struct {
	Code     string // stable: OTP001 ...
	Pos, End syntax.Pos
	Severity Severity
	Message  string
	// Fixes holds the quick fixes, most often none or one.
	Fixes []Fix
}

// Fix is a quick fix: edits on the checked source, none overlapping.
type Fix struct {
	Title string
	Edits []Edit
}

// Edit replaces the source bytes [Start, End) with Text.
type Edit struct {
	Start, End int32
	Text       string
}

// DocURL is where docs/hints.md is published; a hint's page is
// DocURL + "#" + lower-case code.
const DocURL = "https://github.com/otpbox/otpbox/blob/main/docs/hints.md"

// DocLink returns the documentation address of a hint code.
func DocLink(code string) string {
	b := []byte(code)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return DocURL + "#" + string(b)
}

// Run checks the module that res holds (src is its source text, for the
// fixes) and returns its hints sorted by position. Forms from included
// headers are not checked: a hint belongs to the file it is in.
func Run(src []byte, res *sema.Result) []Hint {
	if res == nil || res.File == nil || res.Module == nil {
		return nil
	}
	c := newChecker(src, res)
	c.blocking()
	c.returns()
	c.trapExit()
	c.silentInfo()
	c.loops()
	c.supervision()
	c.killChild()
	c.dynamicAtoms()
	sort.SliceStable(c.hints, func(i, j int) bool {
		a, b := c.hints[i], c.hints[j]
		if a.Pos.Offset != b.Pos.Offset {
			return a.Pos.Offset < b.Pos.Offset
		}
		return a.Code < b.Code
	})
	return c.hints
}

type checker struct {
	src   []byte
	res   *sema.Result
	mod   *sema.Module
	funcs map[sema.FA]*syntax.Function // defined in the checked file
	order []*syntax.Function
	behav map[string]bool
	hints []Hint
	seen  map[hintKey]bool
	// index holds, per function, what the rules look for in each of its
	// clauses, gathered in one walk: the rules then never walk the whole
	// module again.
	index map[*syntax.Function][]*clauseIndex
}

// clauseIndex is what one walk over a function clause found.
type clauseIndex struct {
	cl       *syntax.Clause
	calls    []*syntax.Call    // every call, in funs too
	direct   []*syntax.Call    // the calls outside funs
	receives []*syntax.Receive // outside funs
	binds    []syntax.Node     // *Match, *Generator, *Case
}

func indexClause(cl *syntax.Clause) *clauseIndex {
	x := &clauseIndex{cl: cl}
	var stack []bool // per open node: is it a fun
	funs := 0
	syntax.Inspect(cl, func(n syntax.Node) bool {
		if n == nil {
			if stack[len(stack)-1] {
				funs--
			}
			stack = stack[:len(stack)-1]
			return false
		}
		_, isFun := n.(*syntax.Fun)
		stack = append(stack, isFun)
		if isFun {
			funs++
		}
		switch n := n.(type) {
		case *syntax.Call:
			x.calls = append(x.calls, n)
			if funs == 0 {
				x.direct = append(x.direct, n)
			}
		case *syntax.Receive:
			if funs == 0 {
				x.receives = append(x.receives, n)
			}
		case *syntax.Match, *syntax.Generator, *syntax.Case:
			x.binds = append(x.binds, n)
		}
		return true
	})
	return x
}

// allCalls calls f for every call in the checked file's functions.
func (c *checker) allCalls(f func(*syntax.Call)) {
	for _, fn := range c.order {
		for _, x := range c.index[fn] {
			for _, call := range x.calls {
				f(call)
			}
		}
	}
}

type hintKey struct {
	code string
	off  int32
}

func newChecker(src []byte, res *sema.Result) *checker {
	c := &checker{src: src, res: res, mod: res.Module, funcs: map[sema.FA]*syntax.Function{},
		behav: map[string]bool{}, seen: map[hintKey]bool{}, index: map[*syntax.Function][]*clauseIndex{}}
	for i, f := range res.File.Forms {
		if res.FormFiles != nil && i < len(res.FormFiles) && res.FormFiles[i] != "" {
			continue
		}
		if fn, ok := f.(*syntax.Function); ok {
			fa := sema.FA{Name: fn.Name, Arity: fn.Arity}
			if _, dup := c.funcs[fa]; !dup {
				c.funcs[fa] = fn
				c.order = append(c.order, fn)
				for _, cl := range fn.Clauses {
					c.index[fn] = append(c.index[fn], indexClause(cl))
				}
			}
		}
	}
	for _, b := range res.Module.Behaviours {
		c.behav[b.Name] = true
	}
	return c
}

// add records a hint once per code and position (a helper reached from
// two callbacks is reported once).
func (c *checker) add(h Hint) {
	k := hintKey{h.Code, h.Pos.Offset}
	if c.seen[k] {
		return
	}
	c.seen[k] = true
	c.hints = append(c.hints, h)
}

func (c *checker) text(n syntax.Node) string {
	l := n.Span()
	if l.Pos.Offset < 0 || int(l.End.Offset) > len(c.src) || l.End.Offset < l.Pos.Offset {
		return ""
	}
	return string(c.src[l.Pos.Offset:l.End.Offset])
}

// indent returns the white space that starts the line off is on.
func (c *checker) indent(off int32) string {
	i := int(off)
	for i > 0 && c.src[i-1] != '\n' {
		i--
	}
	j := i
	for j < len(c.src) && (c.src[j] == ' ' || c.src[j] == '\t') {
		j++
	}
	return string(c.src[i:j])
}

// isGenServer and friends say which behaviour the module implements.
func (c *checker) isGenServer() bool  { return c.behav["gen_server"] }
func (c *checker) isGenStatem() bool  { return c.behav["gen_statem"] }
func (c *checker) isSupervisor() bool { return c.behav["supervisor"] }

// callee names a call's function: "" as module for a local call. A call
// through a variable or other expression gives "", "".
func callee(call *syntax.Call) (mod, name string) {
	switch f := call.Fun.(type) {
	case *syntax.Atom:
		return "", f.Name
	case *syntax.Remote:
		m, ok1 := f.Module.(*syntax.Atom)
		n, ok2 := f.Name.(*syntax.Atom)
		if ok1 && ok2 {
			return m.Name, n.Name
		}
	}
	return "", ""
}

// isBIF reports whether call calls erlang:name/arity, written either
// remotely or as an auto-imported local call the module does not shadow.
func (c *checker) isBIF(call *syntax.Call, name string, arities ...int) bool {
	m, n := callee(call)
	if n != name || !hasArity(len(call.Args), arities) {
		return false
	}
	if m == "erlang" {
		return true
	}
	if m != "" {
		return false
	}
	_, local := c.funcs[sema.FA{Name: name, Arity: len(call.Args)}]
	return !local
}

func isRemote(call *syntax.Call, mod, name string, arities ...int) bool {
	m, n := callee(call)
	return m == mod && n == name && hasArity(len(call.Args), arities)
}

func hasArity(n int, arities []int) bool {
	for _, a := range arities {
		if a == n {
			return true
		}
	}
	return len(arities) == 0
}

// localCall returns the function a local call calls, nil otherwise.
func (c *checker) localCall(call *syntax.Call) *syntax.Function {
	a, ok := call.Fun.(*syntax.Atom)
	if !ok {
		return nil
	}
	return c.funcs[sema.FA{Name: a.Name, Arity: len(call.Args)}]
}

// inspectNoFun walks n like syntax.Inspect but does not enter funs: their
// bodies run later, maybe in another process.
func inspectNoFun(n syntax.Node, f func(syntax.Node) bool) {
	syntax.Inspect(n, func(n syntax.Node) bool {
		if _, ok := n.(*syntax.Fun); ok {
			return false
		}
		return f(n)
	})
}

// reached is a function reached from a root through local calls.
type reached struct {
	fn  *syntax.Function
	via string // "handle_call/3" or "handle_call/3 through helper/1"
}

// reach returns the roots and the local functions they call, depth levels
// deep, outside funs, each once, in the order found.
func (c *checker) reach(roots []*syntax.Function, depth int) []reached {
	var out []reached
	seen := map[*syntax.Function]bool{}
	type item struct {
		fn    *syntax.Function
		via   string
		depth int
	}
	var queue []item
	for _, r := range roots {
		if r != nil && !seen[r] {
			seen[r] = true
			queue = append(queue, item{r, faString(r), 0})
		}
	}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		out = append(out, reached{it.fn, it.via})
		if it.depth >= depth {
			continue
		}
		for _, x := range c.index[it.fn] {
			for _, call := range x.direct {
				if g := c.localCall(call); g != nil && !seen[g] {
					seen[g] = true
					via := it.via
					if it.depth == 0 {
						via += " through " + faString(g)
					} else {
						via += ", " + faString(g)
					}
					queue = append(queue, item{g, via, it.depth + 1})
				}
			}
		}
	}
	return out
}

func faString(fn *syntax.Function) string {
	return sema.FA{Name: fn.Name, Arity: fn.Arity}.String()
}

// atomName returns e's name when e is an atom.
func atomName(e syntax.Expr) (string, bool) {
	a, ok := e.(*syntax.Atom)
	if !ok || a == nil {
		return "", false
	}
	return a.Name, true
}

// isCatchAll reports whether a clause matches anything: a bare variable
// pattern without a guard.
func isCatchAll(cl *syntax.Clause) bool {
	if len(cl.Patterns) != 1 || len(cl.Guard) > 0 {
		return false
	}
	_, ok := cl.Patterns[0].(*syntax.Var)
	return ok
}

// exportFix exports name/arity by adding it to the first -export of the
// checked file, or with a new -export after -module.
func (c *checker) exportFix(name string, arity int) (Fix, bool) {
	fa := sema.FA{Name: name, Arity: arity}.String()
	title := "Export " + fa
	for i, f := range c.res.File.Forms {
		if c.res.FormFiles != nil && i < len(c.res.FormFiles) && c.res.FormFiles[i] != "" {
			continue
		}
		switch f := f.(type) {
		case *syntax.ExportAttr:
			if f.Type {
				continue
			}
			end := f.End.Offset
			for end > f.Pos.Offset && c.src[end-1] != ']' {
				end--
			}
			if end == f.Pos.Offset {
				continue
			}
			text := ", " + fa
			if len(f.Funcs) == 0 {
				text = fa
			}
			return Fix{title, []Edit{{end - 1, end - 1, text}}}, true
		}
	}
	for i, f := range c.res.File.Forms {
		if m, ok := f.(*syntax.ModuleAttr); ok && (c.res.FormFiles == nil || c.res.FormFiles[i] == "") {
			return Fix{title, []Edit{{m.End.Offset, m.End.Offset, "\n-export([" + fa + "])."}}}, true
		}
	}
	return Fix{}, false
}

// keywordEnd returns the end of the keyword kw written at pos: a hint on a
// receive underlines the keyword, not the whole block.
func keywordEnd(pos syntax.Pos, kw string) syntax.Pos {
	pos.Offset += int32(len(kw))
	pos.Col += int32(len(kw))
	return pos
}
