package lint

import (
	"fmt"
	"strconv"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Codes of the rules on hand-written process loops.
const (
	CodeNoCatchAll = "OTP008"
	CodeNotTail    = "OTP009"
	CodeUnlinked   = "OTP010"
)

// isSelfCall reports whether call calls fn itself, locally.
func isSelfCall(call *syntax.Call, fn *syntax.Function) bool {
	a, ok := call.Fun.(*syntax.Atom)
	return ok && a.Name == fn.Name && len(call.Args) == fn.Arity
}

// loopReceives returns the receives of fn (outside funs) from which fn
// calls itself again: fn is then a process loop.
func (c *checker) loopReceives(fn *syntax.Function) []*syntax.Receive {
	var out []*syntax.Receive
	for _, x := range c.index[fn] {
		for _, r := range x.receives {
			if i, ok := r.Timeout.(*syntax.Integer); ok && i.Value == 0 {
				continue // a flush or a poll: after 0 never waits
			}
			if firstSelfCall(r, fn) != nil {
				out = append(out, r)
			}
		}
	}
	return out
}

// firstSelfCall returns the first call of fn to itself in r's clauses
// and after body.
func firstSelfCall(r *syntax.Receive, fn *syntax.Function) *syntax.Call {
	var found *syntax.Call
	visit := func(n syntax.Node) bool {
		if call, ok := n.(*syntax.Call); ok && found == nil && isSelfCall(call, fn) {
			found = call
		}
		return found == nil
	}
	for _, cl := range r.Clauses {
		for _, e := range cl.Body {
			inspectNoFun(e, visit)
		}
	}
	for _, e := range r.AfterBody {
		inspectNoFun(e, visit)
	}
	return found
}

// loops reports receive loops with no catch-all clause, loops that call
// themselves outside tail position, and loops spawned unlinked.
func (c *checker) loops() {
	loopFns := map[sema.FA]bool{}
	for _, fn := range c.order {
		rs := c.loopReceives(fn)
		if len(rs) == 0 {
			continue
		}
		loopFns[sema.FA{Name: fn.Name, Arity: fn.Arity}] = true
		server := false
		for _, r := range rs {
			c.noCatchAll(fn, r)
			server = server || c.serverLoop(fn, r)
		}
		if !server {
			continue // a collector's [X | collect()] is bounded by design
		}
		for _, cl := range fn.Clauses {
			walkBody(cl.Body, true, func(call *syntax.Call, tail bool) {
				if !tail && isSelfCall(call, fn) {
					c.add(Hint{Code: CodeNotTail, Pos: call.Pos, End: call.End, Severity: Warning,
						Message: fmt.Sprintf("%s calls itself here outside tail position (something still runs after the call returns, or it is inside try or catch): every message handled leaves a stack frame behind, so the process's memory grows until it is killed. Make the recursive call the very last thing the clause does, outside try/catch", faString(fn))})
				}
			})
		}
	}
	if len(loopFns) > 0 && !c.isSupervisor() {
		c.unlinkedSpawns(loopFns)
	}
}

func (c *checker) noCatchAll(fn *syntax.Function, r *syntax.Receive) {
	if !c.serverLoop(fn, r) {
		return
	}
	for _, cl := range r.Clauses {
		if isCatchAll(cl) {
			return
		}
	}
	end := keywordEnd(r.Pos, "receive")
	h := Hint{Code: CodeNoCatchAll, Pos: r.Pos, End: end, Severity: Warning,
		Message: fmt.Sprintf("the receive loop of %s has no catch-all clause: a message no clause matches stays in the mailbox for ever, every later receive scans past it, and the mailbox (and memory) grows without bound. Add a last clause that takes any message and logs or drops it", faString(fn))}
	if len(r.Clauses) > 0 {
		last := r.Clauses[len(r.Clauses)-1]
		ind := c.indent(last.Pos.Offset)
		name := freshVar(fn, "Unexpected")
		again := c.restartCall(fn, r)
		if again == "" {
			c.add(h)
			return
		}
		h.Fixes = []Fix{{Title: "Add a clause for unexpected messages", Edits: []Edit{{last.End.Offset, last.End.Offset,
			fmt.Sprintf(";\n%s%s ->\n%s    logger:warning(\"~p: unexpected message ~p\", [?MODULE, %s]),\n%s    %s", ind, name, ind, name, ind, again)}}}}
	}
	c.add(h)
}

// freshVar returns base, or base with a number, not used in fn.
func freshVar(fn *syntax.Function, base string) string {
	used := map[string]bool{}
	syntax.Inspect(fn, func(n syntax.Node) bool {
		if v, ok := n.(*syntax.Var); ok {
			used[v.Name] = true
		}
		return true
	})
	name := base
	for i := 1; used[name]; i++ {
		name = base + strconv.Itoa(i)
	}
	return name
}

// walkBody calls f for every call in body (outside funs) with whether it
// is in tail position: its value is the function's value and nothing
// runs after it.
func walkBody(body []syntax.Expr, tail bool, f func(*syntax.Call, bool)) {
	for i, e := range body {
		walkTail(e, tail && i == len(body)-1, f)
	}
}

func walkClauses(cls []*syntax.Clause, tail bool, f func(*syntax.Call, bool)) {
	for _, cl := range cls {
		walkBody(cl.Body, tail, f)
	}
}

func walkTail(e syntax.Expr, tail bool, f func(*syntax.Call, bool)) {
	switch e := e.(type) {
	case nil:
	case *syntax.Fun:
	case *syntax.Case:
		walkTail(e.X, false, f)
		walkClauses(e.Clauses, tail, f)
	case *syntax.If:
		walkClauses(e.Clauses, tail, f)
	case *syntax.Receive:
		walkClauses(e.Clauses, tail, f)
		walkTail(e.Timeout, false, f)
		walkBody(e.AfterBody, tail, f)
	case *syntax.Try:
		walkBody(e.Body, false, f)
		if len(e.After) > 0 {
			tail = false
		}
		walkClauses(e.Of, tail, f)
		walkClauses(e.Catch, tail, f)
		walkBody(e.After, false, f)
	case *syntax.Block:
		walkBody(e.Body, tail, f)
	case *syntax.BinaryOp:
		walkTail(e.X, false, f)
		walkTail(e.Y, tail && (e.Op == syntax.ANDALSO || e.Op == syntax.ORELSE), f)
	case *syntax.Call:
		f(e, tail)
		walkTail(e.Fun, false, f)
		for _, a := range e.Args {
			walkTail(a, false, f)
		}
	default:
		syntax.Inspect(e, func(n syntax.Node) bool {
			if n == nil || n == syntax.Node(e) {
				return n != nil
			}
			if x, ok := n.(syntax.Expr); ok {
				walkTail(x, false, f)
				return false
			}
			if cl, ok := n.(*syntax.Clause); ok {
				walkBody(cl.Body, false, f)
				return false
			}
			return true
		})
	}
}

// unlinkedSpawns reports spawn calls starting one of the module's loops
// in a function that neither links to nor monitors anything.
func (c *checker) unlinkedSpawns(loopFns map[sema.FA]bool) {
	for _, fn := range c.order {
		for _, x := range c.index[fn] {
			watched := false
			for _, call := range x.calls {
				if c.isBIF(call, "link", 1) || c.isBIF(call, "monitor", 2, 3) {
					watched = true
					break
				}
			}
			if watched {
				continue
			}
			for _, call := range x.calls {
				if !c.isBIF(call, "spawn", 1, 2, 3, 4) {
					continue
				}
				target, ok := c.spawnTarget(call)
				if !ok || !loopFns[target] {
					continue
				}
				name := call.Fun
				if r, ok := name.(*syntax.Remote); ok {
					name = r.Name
				}
				c.add(Hint{Code: CodeUnlinked, Pos: call.Pos, End: call.End, Severity: Warning,
					Message: fmt.Sprintf("%s is a long-running loop spawned with neither a link nor a monitor: if it crashes nobody notices (its work silently stops), and if its parent dies it runs on as an orphan holding its resources. Use spawn_link (or spawn_monitor), or better, start it under a supervisor", target),
					Fixes:   []Fix{{Title: "Use spawn_link", Edits: []Edit{{name.Span().Pos.Offset, name.Span().End.Offset, "spawn_link"}}}}})
			}
		}
	}
}

// spawnTarget returns the local function a spawn call runs.
func (c *checker) spawnTarget(call *syntax.Call) (sema.FA, bool) {
	args := call.Args
	switch len(args) {
	case 1, 2:
		switch f := args[len(args)-1].(type) {
		case *syntax.FunRef:
			name, ok1 := atomName(f.Name)
			ar, ok2 := f.Arity.(*syntax.Integer)
			if f.Module == nil && ok1 && ok2 {
				return sema.FA{Name: name, Arity: int(ar.Value)}, true
			}
			if m, _ := atomName(f.Module); m == c.mod.Name && ok1 && ok2 {
				return sema.FA{Name: name, Arity: int(ar.Value)}, true
			}
		case *syntax.Fun:
			if len(f.Clauses) == 1 && len(f.Clauses[0].Body) > 0 {
				body := f.Clauses[0].Body
				if in, ok := body[len(body)-1].(*syntax.Call); ok {
					if a, ok := in.Fun.(*syntax.Atom); ok {
						return sema.FA{Name: a.Name, Arity: len(in.Args)}, true
					}
				}
			}
		}
	case 3, 4:
		m, ok1 := atomName(args[len(args)-3])
		f, ok2 := atomName(args[len(args)-2])
		l, ok3 := args[len(args)-1].(*syntax.List)
		if ok1 && ok2 && ok3 && m == c.mod.Name && l.Tail == nil {
			return sema.FA{Name: f, Arity: len(l.Elems)}, true
		}
	}
	return sema.FA{}, false
}

// restartCall returns the text of a call by which r's loop goes round
// again using only the function clause's parameters (which the new
// catch-all clause also sees), or "" if there is none.
func (c *checker) restartCall(fn *syntax.Function, r *syntax.Receive) string {
	for _, cl := range fn.Clauses {
		if !cl.Span().Contains(r.Pos) {
			continue
		}
		params := map[string]bool{}
		for _, p := range cl.Patterns {
			syntax.Inspect(p, func(n syntax.Node) bool {
				if v, ok := n.(*syntax.Var); ok {
					params[v.Name] = true
				}
				return true
			})
		}
		found := ""
		visit := func(n syntax.Node) bool {
			call, ok := n.(*syntax.Call)
			if !ok || found != "" || !isSelfCall(call, fn) {
				return found == ""
			}
			onlyParams := true
			syntax.Inspect(call, func(n syntax.Node) bool {
				if v, ok := n.(*syntax.Var); ok && !params[v.Name] {
					onlyParams = false
				}
				return onlyParams
			})
			if onlyParams {
				found = c.text(call)
			}
			return found == ""
		}
		for _, k := range r.Clauses {
			for _, e := range k.Body {
				inspectNoFun(e, visit)
			}
		}
		return found
	}
	return ""
}

// serverLoop tells a long-running loop from a loop that collects a known
// set of replies and ends: a collector has a base clause without a
// receive, an after timeout, or patterns that select on values it
// already holds (a reference, a tag, a pid).
func (c *checker) serverLoop(fn *syntax.Function, r *syntax.Receive) bool {
	if r.Timeout != nil {
		return false
	}
	var params map[string]bool
	for _, cl := range fn.Clauses {
		has := false
		for _, e := range cl.Body {
			inspectNoFun(e, func(n syntax.Node) bool {
				if _, ok := n.(*syntax.Receive); ok {
					has = true
				}
				return !has
			})
		}
		if !has {
			return false
		}
		if cl.Span().Contains(r.Pos) {
			params = varNames(cl.Patterns...)
		}
	}
	for _, k := range r.Clauses {
		for v := range varNames(k.Patterns...) {
			if params[v] {
				return false
			}
		}
	}
	return true
}

// varNames returns the names of the variables in es, _ excepted.
func varNames(es ...syntax.Expr) map[string]bool {
	names := map[string]bool{}
	for _, e := range es {
		syntax.Inspect(e, func(n syntax.Node) bool {
			if v, ok := n.(*syntax.Var); ok && v.Name != "_" {
				names[v.Name] = true
			}
			return true
		})
	}
	return names
}
