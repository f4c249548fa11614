package lint

import (
	"fmt"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Codes of the rules on supervision and atoms.
const (
	CodeBadChildSpec = "OTP011"
	CodeDuplicateID  = "OTP012"
	CodeStartNotExp  = "OTP013"
	CodeKillChild    = "OTP014"
	CodeDynamicAtom  = "OTP015"
	CodeBadSupFlags  = "OTP016"
)

var (
	restartValues = []string{"permanent", "transient", "temporary"}
	typeValues    = []string{"worker", "supervisor"}
	shutdownAtoms = []string{"brutal_kill", "infinity"}
	strategies    = []string{"one_for_one", "one_for_all", "rest_for_one", "simple_one_for_one"}
)

// childSpec is a child specification written as a map or a 6-tuple;
// missing fields are nil.
type childSpec struct {
	node                               syntax.Expr
	id, start, restart, shutdown, kind syntax.Expr
}

// asChildSpec recognises a child spec: a map with id and start keys, or
// {Id, {M, F, A}, Restart, Shutdown, Type, Modules}.
func asChildSpec(e syntax.Expr) (childSpec, bool) {
	switch e := e.(type) {
	case *syntax.Map:
		if e.Base != nil {
			return childSpec{}, false
		}
		s := childSpec{node: e}
		for _, f := range e.Fields {
			k, _ := atomName(f.Key)
			switch k {
			case "id":
				s.id = f.Value
			case "start":
				s.start = f.Value
			case "restart":
				s.restart = f.Value
			case "shutdown":
				s.shutdown = f.Value
			case "type":
				s.kind = f.Value
			}
		}
		return s, s.id != nil && s.start != nil
	case *syntax.Tuple:
		if len(e.Elems) != 6 {
			return childSpec{}, false
		}
		if mfa, ok := e.Elems[1].(*syntax.Tuple); !ok || len(mfa.Elems) != 3 {
			return childSpec{}, false
		}
		return childSpec{node: e, id: e.Elems[0], start: e.Elems[1], restart: e.Elems[2], shutdown: e.Elems[3], kind: e.Elems[4]}, true
	}
	return childSpec{}, false
}

// supervision checks the child specs written in a supervisor's init/1 and
// the local functions it calls.
func (c *checker) supervision() {
	if !c.isSupervisor() {
		return
	}
	init := c.funcs[sema.FA{Name: "init", Arity: 1}]
	if init == nil {
		return
	}
	for _, r := range c.reach([]*syntax.Function{init}, 2) {
		syntax.Inspect(r.fn, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.List:
				c.duplicateIDs(n)
			case *syntax.Map:
				if s, ok := asChildSpec(n); ok {
					c.checkChildSpec(s)
				}
				c.checkSupFlagsMap(n)
			case *syntax.Tuple:
				if s, ok := asChildSpec(n); ok {
					c.checkChildSpec(s)
				}
				c.checkSupFlagsTuple(n)
			}
			return true
		})
	}
}

func (c *checker) checkChildSpec(s childSpec) {
	c.checkEnum(s.restart, "restart", restartValues, "a child's restart must be permanent (always restarted), transient (restarted after an abnormal exit) or temporary (never restarted)")
	c.checkEnum(s.kind, "type", typeValues, "a child's type must be worker or supervisor")
	switch v := s.shutdown.(type) {
	case *syntax.Atom:
		c.checkEnum(v, "shutdown", shutdownAtoms, "a child's shutdown must be brutal_kill, infinity or a time in milliseconds")
	case *syntax.UnaryOp:
		if _, ok := v.X.(*syntax.Integer); ok && v.Op == syntax.MINUS {
			c.badSpecValue(v, "shutdown", "a negative time", "a child's shutdown must be brutal_kill, infinity or a time in milliseconds (0 or more)", nil)
		}
	case *syntax.Float, *syntax.String:
		c.badSpecValue(v, "shutdown", c.text(v), "a child's shutdown must be brutal_kill, infinity or a whole number of milliseconds", nil)
	}
	mfa, ok := s.start.(*syntax.Tuple)
	if !ok || len(mfa.Elems) != 3 {
		return
	}
	m, ok1 := atomName(mfa.Elems[0])
	f, ok2 := atomName(mfa.Elems[1])
	args, ok3 := mfa.Elems[2].(*syntax.List)
	if !ok1 || !ok2 || !ok3 || args.Tail != nil || m != c.mod.Name || c.mod.ExportAll {
		return
	}
	fa := sema.FA{Name: f, Arity: len(args.Elems)}
	if c.mod.IsExported(f, fa.Arity) {
		return
	}
	for _, fn := range c.mod.Functions {
		if fn.Name == f && fn.Arity > fa.Arity && c.mod.IsExported(f, fn.Arity) {
			return // simple_one_for_one: start_child appends arguments
		}
	}
	h := Hint{Code: CodeStartNotExp, Pos: mfa.Pos, End: mfa.End, Severity: Warning}
	if c.mod.Function(f, fa.Arity) == nil {
		h.Message = fmt.Sprintf("the child's start function %s:%s is not defined: the supervisor calls it with apply/3 when it starts, gets undef, and fails to start (taking the application with it). Define and export %s", m, fa, fa)
	} else {
		h.Message = fmt.Sprintf("the child's start function %s:%s is not exported: the supervisor calls it from outside the module with apply/3, gets undef, and fails to start. Export %s", m, fa, fa)
		if fix, ok := c.exportFix(f, fa.Arity); ok {
			h.Fixes = []Fix{fix}
		}
	}
	c.add(h)
}

func (c *checker) checkEnum(e syntax.Expr, field string, valid []string, rule string) {
	switch v := e.(type) {
	case *syntax.Atom:
		if isOneOf(v.Name, valid) {
			return
		}
		var fixes []Fix
		if best := closest(v.Name, valid); best != "" {
			fixes = []Fix{{Title: "Change to " + best, Edits: []Edit{{v.Pos.Offset, v.End.Offset, best}}}}
		}
		c.badSpecValue(v, field, c.text(v), rule, fixes)
	case *syntax.Integer, *syntax.Float, *syntax.String:
		if field != "shutdown" {
			c.badSpecValue(v, field, c.text(v), rule, nil)
		}
	}
}

func (c *checker) badSpecValue(e syntax.Expr, field, what, rule string, fixes []Fix) {
	c.add(Hint{Code: CodeBadChildSpec, Pos: e.Span().Pos, End: e.Span().End, Severity: Warning, Fixes: fixes,
		Message: fmt.Sprintf("invalid %s value %s in a child spec: the supervisor checks its specs when it starts and fails with {bad_%s, ...} (so does supervisor:start_child); %s", field, what, map[string]string{"restart": "restart_type", "type": "child_type", "shutdown": "shutdown"}[field], rule)})
}

// closest returns the valid value nearest to s by edit distance, if it
// is near enough to be a typo.
func closest(s string, valid []string) string {
	best, bestD := "", 4
	for _, v := range valid {
		if d := editDistance(s, v); d < bestD {
			best, bestD = v, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// duplicateIDs reports child specs in one list literal sharing a literal
// id.
func (c *checker) duplicateIDs(l *syntax.List) {
	first := map[string]syntax.Expr{}
	for _, e := range l.Elems {
		s, ok := asChildSpec(e)
		if !ok {
			continue
		}
		var key string
		switch id := s.id.(type) {
		case *syntax.Atom:
			key = "a:" + id.Name
		case *syntax.Integer, *syntax.String:
			key = "l:" + c.text(id)
		default:
			continue
		}
		if prev, dup := first[key]; dup {
			c.add(Hint{Code: CodeDuplicateID, Pos: s.id.Span().Pos, End: s.id.Span().End, Severity: Warning,
				Message: fmt.Sprintf("child id %s is already used on line %d: a supervisor's children need distinct ids, so it refuses to start with {duplicate_child_name, %s}. Give each child its own id", c.text(s.id), prev.Span().Pos.Line, c.text(s.id))})
			continue
		}
		first[key] = s.id
	}
}

// killChild reports exit(Pid, kill) on a pid the same clause got from a
// supervisor (start_child, which_children).
func (c *checker) killChild() {
	// fromSup: e is, or is computed from, what the supervisor said
	// (lists:keyfind(Id, 1, supervisor:which_children(Sup)), say).
	fromSup := func(e syntax.Expr) bool {
		found := false
		syntax.Inspect(e, func(n syntax.Node) bool {
			if call, ok := n.(*syntax.Call); ok && (isRemote(call, "supervisor", "start_child", 2) || isRemote(call, "supervisor", "which_children", 1)) {
				found = true
			}
			return !found
		})
		return found
	}
	for _, fn := range c.order {
		for _, x := range c.index[fn] {
			var children map[string]bool
			bind := func(ps ...syntax.Expr) {
				if children == nil {
					children = map[string]bool{}
				}
				for v := range varNames(ps...) {
					children[v] = true
				}
			}
			// Bindings first: in a comprehension the head comes before
			// the generator that binds its variables.
			for _, n := range x.binds {
				switch n := n.(type) {
				case *syntax.Match:
					if fromSup(n.Right) {
						bind(n.Left)
					}
				case *syntax.Generator:
					if fromSup(n.X) {
						bind(n.Pattern)
					}
				case *syntax.Case:
					if fromSup(n.X) {
						for _, k := range n.Clauses {
							bind(k.Patterns...)
						}
					}
				}
			}
			if children == nil {
				continue
			}
			for _, call := range x.calls {
				if !c.isBIF(call, "exit", 2) {
					continue
				}
				v, ok := call.Args[0].(*syntax.Var)
				if how, _ := atomName(call.Args[1]); ok && how == "kill" && children[v.Name] {
					c.add(Hint{Code: CodeKillChild, Pos: call.Pos, End: call.End, Severity: Warning,
						Message: fmt.Sprintf("exit(%s, kill) on a supervisor's child: the supervisor sees it die with reason killed and restarts it (a permanent child every time, and too many restarts take the supervisor down too), and kill skips the child's terminate/2 cleanup. Use supervisor:terminate_child(Sup, Id), then delete_child if it should not come back", v.Name)})
				}
			}
		}
	}
}

// dynamicAtoms reports atoms made from data: atoms are never garbage
// collected, so input that reaches these calls can fill the atom table.
func (c *checker) dynamicAtoms() {
	c.allCalls(func(call *syntax.Call) {
		var name, safe string
		switch {
		case c.isBIF(call, "list_to_atom", 1):
			name, safe = "list_to_atom", "list_to_existing_atom"
		case c.isBIF(call, "binary_to_atom", 1, 2):
			name, safe = "binary_to_atom", "binary_to_existing_atom"
		default:
			return
		}
		switch call.Args[0].(type) {
		case *syntax.String, *syntax.Binary:
			return
		}
		callee := call.Fun
		if r, ok := callee.(*syntax.Remote); ok {
			callee = r.Name
		}
		c.add(Hint{Code: CodeDynamicAtom, Pos: call.Pos, End: call.End, Severity: Info,
			Message: fmt.Sprintf("%s on data that is not a literal: atoms are never garbage collected and the atom table is limited (1,048,576 by default), so input from outside (a request, a file, a message) can exhaust it and crash the whole node. Use %s when the atom must already exist, or keep the value as a string or binary", name, safe),
			Fixes:   []Fix{{Title: "Use " + safe, Edits: []Edit{{callee.Span().Pos.Offset, callee.Span().End.Offset, safe}}}}})
	})
}

// checkSupFlagsMap checks #{strategy => ..., intensity => ..., period =>
// ...}, recognised by its strategy key.
func (c *checker) checkSupFlagsMap(m *syntax.Map) {
	if m.Base != nil {
		return
	}
	var strategy syntax.Expr
	var counts []syntax.Expr
	for _, f := range m.Fields {
		switch k, _ := atomName(f.Key); k {
		case "strategy":
			strategy = f.Value
		case "intensity", "period":
			counts = append(counts, f.Value)
		}
	}
	if strategy == nil {
		return
	}
	c.checkSupFlags(strategy, counts)
}

// checkSupFlagsTuple checks the old {Strategy, Intensity, Period} flags
// where init/1 returns them: {ok, {Flags, Children}}.
func (c *checker) checkSupFlagsTuple(t *syntax.Tuple) {
	if len(t.Elems) != 2 {
		return
	}
	if tag, _ := atomName(t.Elems[0]); tag != "ok" {
		return
	}
	inner, ok := t.Elems[1].(*syntax.Tuple)
	if !ok || len(inner.Elems) != 2 {
		return
	}
	flags, ok := inner.Elems[0].(*syntax.Tuple)
	if !ok || len(flags.Elems) != 3 {
		return
	}
	c.checkSupFlags(flags.Elems[0], flags.Elems[1:])
}

func (c *checker) checkSupFlags(strategy syntax.Expr, counts []syntax.Expr) {
	const why = "the supervisor checks its flags when it starts and fails with {supervisor_data, ...}"
	if a, ok := strategy.(*syntax.Atom); ok && !isOneOf(a.Name, strategies) {
		h := Hint{Code: CodeBadSupFlags, Pos: a.Pos, End: a.End, Severity: Warning,
			Message: fmt.Sprintf("invalid supervisor strategy %s: %s; the strategy must be one_for_one, one_for_all, rest_for_one or simple_one_for_one", c.text(a), why)}
		if best := closest(a.Name, strategies); best != "" {
			h.Fixes = []Fix{{Title: "Change to " + best, Edits: []Edit{{a.Pos.Offset, a.End.Offset, best}}}}
		}
		c.add(h)
	}
	for _, e := range counts {
		switch v := e.(type) {
		case *syntax.UnaryOp:
			if _, ok := v.X.(*syntax.Integer); ok && v.Op == syntax.MINUS {
				c.add(Hint{Code: CodeBadSupFlags, Pos: v.Pos, End: v.End, Severity: Warning,
					Message: fmt.Sprintf("negative restart intensity or period %s: %s; both are non-negative integers (restarts allowed, and the window in seconds)", c.text(v), why)})
			}
		case *syntax.Atom, *syntax.Float, *syntax.String:
			c.add(Hint{Code: CodeBadSupFlags, Pos: v.Span().Pos, End: v.Span().End, Severity: Warning,
				Message: fmt.Sprintf("restart intensity or period %s is not an integer: %s; both are non-negative integers (restarts allowed, and the window in seconds)", c.text(v), why)})
		}
	}
}

func isOneOf(s string, list []string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
