package lint

import (
	"fmt"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Codes of the rules on callbacks.
const (
	CodeBadReturn  = "OTP005"
	CodeTrapExit   = "OTP006"
	CodeSilentInfo = "OTP007"
	returnDepth    = 2
)

// shapes lists the accepted returns of a callback: "tag/size" for a
// tagged tuple, "tag" for a bare atom.
type shapes struct {
	behaviour string
	accepted  []string
	doc       string // what to tell the user is accepted
}

func (s shapes) accepts(key string) bool {
	for _, a := range s.accepted {
		if a == key {
			return true
		}
	}
	return false
}

var (
	castShapes = shapes{"gen_server", []string{"noreply/2", "noreply/3", "stop/3"},
		"{noreply, State}, {noreply, State, Timeout | hibernate | {continue, Arg}} or {stop, Reason, State}"}
	statemEventShapes = shapes{"gen_statem", []string{"next_state/3", "next_state/4", "keep_state/2", "keep_state/3",
		"keep_state_and_data", "keep_state_and_data/2", "repeat_state/2", "repeat_state/3", "repeat_state_and_data",
		"repeat_state_and_data/2", "stop", "stop/2", "stop/3", "stop_and_reply/3", "stop_and_reply/4"},
		"{next_state, State, Data[, Actions]}, {keep_state, Data[, Actions]}, keep_state_and_data, {keep_state_and_data, Actions}, the repeat_state forms, stop, {stop, Reason[, Data]} or {stop_and_reply, Reason, Replies[, Data]}"}
)

// callbackShapes gives, per behaviour, the accepted returns of each
// callback whose return the behaviour checks (gen_server.erl,
// gen_statem.erl and supervisor.erl of OTP 25; {error, Reason} from init
// is OTP 26's and accepted so as not to flag newer code).
var callbackShapes = map[string]map[sema.FA]shapes{
	"gen_server": {
		{Name: "init", Arity: 1}: {"gen_server", []string{"ok/2", "ok/3", "stop/2", "ignore", "error/2"},
			"{ok, State}, {ok, State, Timeout | hibernate | {continue, Arg}}, {stop, Reason} or ignore"},
		{Name: "handle_call", Arity: 3}: {"gen_server", []string{"reply/3", "reply/4", "noreply/2", "noreply/3", "stop/3", "stop/4"},
			"{reply, Reply, State[, Timeout | hibernate | {continue, Arg}]}, {noreply, State[, ...]}, {stop, Reason, Reply, State} or {stop, Reason, State}"},
		{Name: "handle_cast", Arity: 2}:     castShapes,
		{Name: "handle_info", Arity: 2}:     castShapes,
		{Name: "handle_continue", Arity: 2}: castShapes,
		{Name: "code_change", Arity: 3}:     {"gen_server", []string{"ok/2", "error/2"}, "{ok, NewState} or {error, Reason}"},
	},
	"gen_statem": {
		{Name: "init", Arity: 1}: {"gen_statem", []string{"ok/3", "ok/4", "ignore", "stop/2", "error/2"},
			"{ok, State, Data}, {ok, State, Data, Actions}, {stop, Reason} or ignore"},
		{Name: "handle_event", Arity: 4}: statemEventShapes,
		{Name: "code_change", Arity: 4}:  {"gen_statem", []string{"ok/3", "error/2"}, "{ok, NewState, NewData} or {error, Reason}"},
	},
	"supervisor": {
		{Name: "init", Arity: 1}: {"supervisor", []string{"ok/2", "ignore"}, "{ok, {SupFlags, ChildSpecs}} or ignore"},
	},
}

// returns reports callback returns the behaviour does not accept.
func (c *checker) returns() {
	for beh, table := range callbackShapes {
		if !c.behav[beh] {
			continue
		}
		for fa, sh := range table {
			if fn := c.funcs[fa]; fn != nil {
				c.checkReturns(fn, faString(fn), sh, 0)
			}
		}
	}
	for _, fn := range c.order {
		if c.isStateFunction(fn) {
			c.checkReturns(fn, faString(fn), statemEventShapes, 0)
		}
	}
}

func (c *checker) checkReturns(fn *syntax.Function, cb string, sh shapes, depth int) {
	for _, cl := range fn.Clauses {
		c.checkBody(cl.Body, cb, sh, depth)
	}
}

func (c *checker) checkBody(body []syntax.Expr, cb string, sh shapes, depth int) {
	if len(body) > 0 {
		c.checkReturn(body[len(body)-1], cb, sh, depth)
	}
}

func (c *checker) checkClauses(cls []*syntax.Clause, cb string, sh shapes, depth int) {
	for _, cl := range cls {
		c.checkBody(cl.Body, cb, sh, depth)
	}
}

// checkReturn follows the value of e, the last expression of a callback
// or of a local function it returns through, to the tuples and atoms it
// is made of.
func (c *checker) checkReturn(e syntax.Expr, cb string, sh shapes, depth int) {
	switch e := e.(type) {
	case *syntax.Case:
		c.checkClauses(e.Clauses, cb, sh, depth)
	case *syntax.If:
		c.checkClauses(e.Clauses, cb, sh, depth)
	case *syntax.Receive:
		c.checkClauses(e.Clauses, cb, sh, depth)
		c.checkBody(e.AfterBody, cb, sh, depth)
	case *syntax.Try:
		if len(e.Of) > 0 {
			c.checkClauses(e.Of, cb, sh, depth)
		} else {
			c.checkBody(e.Body, cb, sh, depth)
		}
		c.checkClauses(e.Catch, cb, sh, depth)
	case *syntax.Block:
		c.checkBody(e.Body, cb, sh, depth)
	case *syntax.Match:
		c.checkReturn(e.Right, cb, sh, depth)
	case *syntax.Call:
		if depth < returnDepth {
			if fn := c.localCall(e); fn != nil {
				c.checkReturns(fn, cb, sh, depth+1)
			}
		}
	case *syntax.Atom:
		if !sh.accepts(e.Name) {
			c.badReturn(e, e.Name, cb, sh)
		}
	case *syntax.Tuple:
		if len(e.Elems) == 0 {
			c.badReturn(e, "{}", cb, sh)
			return
		}
		tag, ok := atomName(e.Elems[0])
		if !ok {
			return // built from variables: nothing to say
		}
		if !sh.accepts(fmt.Sprintf("%s/%d", tag, len(e.Elems))) {
			c.badReturn(e, fmt.Sprintf("{%s, ...} (a %d-tuple)", tag, len(e.Elems)), cb, sh)
		}
	case *syntax.Integer, *syntax.Float, *syntax.String, *syntax.List, *syntax.Map, *syntax.Binary:
		c.badReturn(e, "a "+kindName(e), cb, sh)
	}
}

func kindName(e syntax.Expr) string {
	switch e.(type) {
	case *syntax.Integer, *syntax.Float:
		return "number"
	case *syntax.String:
		return "string"
	case *syntax.List:
		return "list"
	case *syntax.Map:
		return "map"
	}
	return "binary"
}

func (c *checker) badReturn(e syntax.Expr, what, cb string, sh shapes) {
	crash := "the process stops with {bad_return_value, ...}"
	if strings.HasPrefix(cb, "init/") {
		crash = "starting the process fails with {bad_return_value, ...}"
	}
	h := Hint{Code: CodeBadReturn, Pos: e.Span().Pos, End: e.Span().End, Severity: Warning,
		Message: fmt.Sprintf("%s returns %s, which %s does not accept from it: at run time %s. Return %s", cb, what, sh.behaviour, crash, sh.doc)}
	if t, ok := e.(*syntax.Tuple); ok && len(t.Elems) >= 3 {
		tag, _ := atomName(t.Elems[0])
		isCast := sh.doc == castShapes.doc
		if tag == "reply" && isCast && len(t.Elems) <= 4 {
			// {reply, R, S[, X]} -> {noreply, S[, X]}: nobody waits for R.
			rest := make([]string, 0, 2)
			for _, x := range t.Elems[2:] {
				rest = append(rest, c.text(x))
			}
			h.Fixes = []Fix{{Title: "Return {noreply, ...} (a cast has no caller to reply to)",
				Edits: []Edit{{t.Pos.Offset, t.End.Offset, "{noreply, " + strings.Join(rest, ", ") + "}"}}}}
		}
	}
	if t, ok := e.(*syntax.Tuple); ok && len(t.Elems) >= 2 && len(t.Elems) <= 3 && sh.behaviour == "gen_server" && strings.HasPrefix(cb, "init/") {
		if tag, _ := atomName(t.Elems[0]); tag == "noreply" {
			h.Fixes = []Fix{{Title: "Return {ok, State}",
				Edits: []Edit{{t.Elems[0].Span().Pos.Offset, t.Elems[0].Span().End.Offset, "ok"}}}}
		}
	}
	c.add(h)
}

// trapExit reports a gen_server that traps exits with no handle_info
// clause able to receive the 'EXIT' messages.
func (c *checker) trapExit() {
	if !c.isGenServer() {
		return
	}
	info := c.funcs[sema.FA{Name: "handle_info", Arity: 2}]
	if info != nil {
		for _, cl := range info.Clauses {
			if len(cl.Patterns) == 2 && matchesExit(cl.Patterns[0]) {
				return
			}
		}
	}
	c.allCalls(func(call *syntax.Call) {
		if !c.isBIF(call, "process_flag", 2) {
			return
		}
		if f, _ := atomName(call.Args[0]); f != "trap_exit" {
			return
		}
		if v, _ := atomName(call.Args[1]); v != "true" {
			return
		}
		h := Hint{Code: CodeTrapExit, Pos: call.Pos, End: call.End, Severity: Warning,
			Message: "this gen_server traps exits but handle_info/2 has no clause for {'EXIT', Pid, Reason}: exit signals from linked processes arrive as such messages, and without a clause the server crashes with function_clause (or, with no handle_info at all, logs and drops them, so a dead worker goes unnoticed). Add a clause handle_info({'EXIT', Pid, Reason}, State) that decides what a dead linked process means"}
		if info != nil && len(info.Clauses) > 0 {
			first := info.Clauses[0]
			ind := c.indent(first.Pos.Offset)
			h.Fixes = []Fix{{Title: "Add a handle_info clause for 'EXIT' messages", Edits: []Edit{{first.Pos.Offset, first.Pos.Offset,
				"handle_info({'EXIT', _Pid, Reason}, State) ->\n" + ind + "    {stop, Reason, State};\n" + ind}}}}
		}
		c.add(h)
	})
}

// matchesExit reports whether a pattern can match {'EXIT', Pid, Reason}.
func matchesExit(p syntax.Expr) bool {
	switch p := p.(type) {
	case *syntax.Var:
		return true
	case *syntax.Match:
		return matchesExit(p.Left) && matchesExit(p.Right)
	case *syntax.Tuple:
		if len(p.Elems) != 3 {
			return false
		}
		switch t := p.Elems[0].(type) {
		case *syntax.Var:
			return true
		case *syntax.Atom:
			return t.Name == "EXIT"
		}
	}
	return false
}

// silentInfo reports a catch-all handle_info clause that only returns
// {noreply, State}: unexpected messages vanish without a trace.
func (c *checker) silentInfo() {
	if !c.isGenServer() {
		return
	}
	info := c.funcs[sema.FA{Name: "handle_info", Arity: 2}]
	if info == nil {
		return
	}
	for _, cl := range info.Clauses {
		if len(cl.Patterns) != 2 || len(cl.Guard) > 0 || len(cl.Body) != 1 {
			continue
		}
		msg, ok := cl.Patterns[0].(*syntax.Var)
		if !ok {
			continue
		}
		t, ok := cl.Body[0].(*syntax.Tuple)
		if !ok || len(t.Elems) != 2 {
			continue
		}
		if tag, _ := atomName(t.Elems[0]); tag != "noreply" {
			continue
		}
		if _, ok := t.Elems[1].(*syntax.Var); !ok {
			continue
		}
		h := Hint{Code: CodeSilentInfo, Pos: msg.Pos, End: msg.End, Severity: Info,
			Message: "this handle_info clause drops every message it does not know without a trace: a misspelt message, a reply that came too late or a message meant for another process disappears, and the bug shows up far from here. Log what arrives (logger:warning) so that it is seen"}
		name := msg.Name
		var edits []Edit
		if strings.HasPrefix(name, "_") {
			name = strings.TrimLeft(name, "_")
			if name == "" {
				name = "Msg"
			}
			if !usesVar(cl, name) {
				edits = append(edits, Edit{msg.Pos.Offset, msg.End.Offset, name})
			} else {
				name = ""
			}
		}
		if name != "" {
			edits = append(edits, Edit{t.Pos.Offset, t.Pos.Offset,
				fmt.Sprintf("logger:warning(\"~p: unexpected message ~p\", [?MODULE, %s]),\n%s", name, c.indent(t.Pos.Offset))})
			h.Fixes = []Fix{{Title: "Log unexpected messages", Edits: edits}}
		}
		c.add(h)
	}
}

// usesVar reports whether a variable named name occurs in a clause.
func usesVar(cl *syntax.Clause, name string) bool {
	found := false
	syntax.Inspect(cl, func(n syntax.Node) bool {
		if v, ok := n.(*syntax.Var); ok && v.Name == name {
			found = true
		}
		return !found
	})
	return found
}
