package lint

import (
	"fmt"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Codes of the rules on deadlocks and blocking.
const (
	CodeCallSelf        = "OTP001"
	CodeSleep           = "OTP002"
	CodeBlockingReceive = "OTP003"
	CodeInfinity        = "OTP004"
)

// serverCallbacks are the callbacks that run inside a gen_server's loop:
// while one runs, the server answers nobody. terminate/2 is left out,
// where waiting for linked processes to finish is the point.
var serverCallbacks = []sema.FA{
	{Name: "init", Arity: 1}, {Name: "handle_call", Arity: 3}, {Name: "handle_cast", Arity: 2},
	{Name: "handle_info", Arity: 2}, {Name: "handle_continue", Arity: 2}, {Name: "code_change", Arity: 3},
}

var eventTypes = map[string]bool{"cast": true, "info": true, "enter": true, "timeout": true,
	"state_timeout": true, "internal": true}

// isStateFunction reports whether fn looks like a gen_statem state
// callback: exported, arity 3, and matching an event type in a clause.
func (c *checker) isStateFunction(fn *syntax.Function) bool {
	if !c.isGenStatem() || fn.Arity != 3 || fn.Name == "code_change" || !c.mod.IsExported(fn.Name, 3) {
		return false
	}
	for _, cl := range fn.Clauses {
		if len(cl.Patterns) != 3 {
			continue
		}
		switch p := cl.Patterns[0].(type) {
		case *syntax.Atom:
			if eventTypes[p.Name] {
				return true
			}
		case *syntax.Tuple:
			if len(p.Elems) == 2 {
				if n, _ := atomName(p.Elems[0]); n == "call" || n == "timeout" {
					return true
				}
			}
		}
	}
	return false
}

// loopCallbacks returns the callbacks that run in the server's loop.
func (c *checker) loopCallbacks() []*syntax.Function {
	var roots []*syntax.Function
	if c.isGenServer() {
		for _, fa := range serverCallbacks {
			roots = append(roots, c.funcs[fa])
		}
	}
	if c.isGenStatem() {
		roots = append(roots, c.funcs[sema.FA{Name: "init", Arity: 1}], c.funcs[sema.FA{Name: "handle_event", Arity: 4}])
		for _, fn := range c.order {
			if c.isStateFunction(fn) {
				roots = append(roots, fn)
			}
		}
	}
	return roots
}

// selfNames returns the names the server may be registered under: the
// module's name (the usual ?MODULE) and the {local, Name} or
// {global, Name} given to gen_server/gen_statem start functions.
func (c *checker) selfNames() map[string]bool {
	names := map[string]bool{c.mod.Name: true}
	c.allCalls(func(call *syntax.Call) {
		if len(call.Args) < 3 {
			return
		}
		m, f := callee(call)
		if (m == "gen_server" || m == "gen_statem") && (f == "start_link" || f == "start" || f == "start_monitor") {
			if t, ok := call.Args[0].(*syntax.Tuple); ok && len(t.Elems) == 2 {
				if scope, _ := atomName(t.Elems[0]); scope == "local" || scope == "global" {
					if name, ok := atomName(t.Elems[1]); ok {
						names[name] = true
					}
				}
			}
		}
	})
	return names
}

// blocking reports calls that stop a server's loop: a call to itself,
// sleeps, receives that wait forever, and calls with no timeout.
func (c *checker) blocking() {
	roots := c.loopCallbacks()
	if len(roots) == 0 {
		return
	}
	behaviour := "gen_server"
	if c.isGenStatem() && !c.isGenServer() {
		behaviour = "gen_statem"
	}
	names := c.selfNames()
	for _, r := range c.reach(roots, 2) {
		for _, x := range c.index[r.fn] {
			for _, call := range x.direct {
				c.blockingCall(call, r.via, behaviour, names)
			}
			for _, rc := range x.receives {
				c.blockingReceive(rc, r.via, behaviour)
			}
		}
	}
}

func (c *checker) blockingCall(call *syntax.Call, via, behaviour string, names map[string]bool) {
	m, f := callee(call)
	switch {
	case (m == "gen_server" || m == "gen_statem") && f == "call" && (len(call.Args) == 2 || len(call.Args) == 3):
		target := call.Args[0]
		self := false
		if a, ok := target.(*syntax.Atom); ok && names[a.Name] {
			self = true
		}
		if t, ok := target.(*syntax.Call); ok && c.isBIF(t, "self", 0) {
			self = true
		}
		if self {
			c.add(Hint{Code: CodeCallSelf, Pos: call.Pos, End: call.End, Severity: Warning,
				Message: fmt.Sprintf("%s:call to this same server from %s: the server is busy running this callback, so it cannot answer and the call deadlocks until it times out (then the server crashes). Do the work directly (call the function that handles the request), or send yourself a message with self() ! Msg or gen_server:cast and handle it after this callback returns", m, via)})
			return
		}
		if len(call.Args) == 3 {
			if a, ok := call.Args[2].(*syntax.Atom); ok && a.Name == "infinity" {
				c.add(Hint{Code: CodeInfinity, Pos: a.Pos, End: a.End, Severity: Warning,
					Message: fmt.Sprintf("%s:call with an infinity timeout from %s: if the other process is slow, dead-locked (it may be calling this one) or lost, this server waits forever and every caller of it times out in turn. Give a finite timeout (the default is 5000 ms) and handle the exit it raises, or make the request asynchronous", m, via),
					Fixes:   []Fix{{Title: "Use the default 5000 ms timeout", Edits: []Edit{{a.Pos.Offset, a.End.Offset, "5000"}}}}})
			}
		}
	case m == "timer" && f == "sleep" && len(call.Args) == 1:
		c.add(Hint{Code: CodeSleep, Pos: call.Pos, End: call.End, Severity: Warning,
			Message: fmt.Sprintf("timer:sleep in %s: the %s answers no call, cast or system message while it sleeps, so its callers time out and its supervisor cannot stop it cleanly. To act later, return a timeout or use erlang:send_after(Time, self(), Msg) and handle the message in handle_info", via, behaviour)})
	}
}

func (c *checker) blockingReceive(r *syntax.Receive, via, behaviour string) {
	end := keywordEnd(r.Pos, "receive")
	if len(r.Clauses) == 0 {
		if r.Timeout != nil {
			c.add(Hint{Code: CodeSleep, Pos: r.Pos, End: end, Severity: Warning,
				Message: fmt.Sprintf("receive after ... end in %s sleeps: the %s answers no call, cast or system message meanwhile. Use erlang:send_after(Time, self(), Msg) and handle the message in handle_info instead", via, behaviour)})
		}
		return
	}
	if waitsForExit(r) {
		return // a monitor or link guarantees that the message comes
	}
	if r.Timeout == nil {
		c.add(Hint{Code: CodeBlockingReceive, Pos: r.Pos, End: end, Severity: Warning,
			Message: fmt.Sprintf("receive without after in %s: the %s waits here for a message that may never come, answering nothing else, and the message it waits for is also taken away from handle_info. Let the message arrive in handle_info instead, or add an after clause with a finite timeout", via, behaviour)})
		return
	}
	if a, ok := r.Timeout.(*syntax.Atom); ok && a.Name == "infinity" {
		c.add(Hint{Code: CodeBlockingReceive, Pos: r.Pos, End: end, Severity: Warning,
			Message: fmt.Sprintf("receive ... after infinity in %s: the %s waits here forever if the message never comes, answering nothing else. Let the message arrive in handle_info instead, or use a finite timeout", via, behaviour)})
	}
}

// waitsForExit reports whether a receive takes a 'DOWN' or 'EXIT'
// message (it waits for a process that is monitored or linked, so it
// ends when that process does) or a fired timer's message.
func waitsForExit(r *syntax.Receive) bool {
	for _, cl := range r.Clauses {
		for _, p := range cl.Patterns {
			if t, ok := p.(*syntax.Tuple); ok && len(t.Elems) > 0 {
				tag, _ := atomName(t.Elems[0])
				if tag == "DOWN" || tag == "EXIT" {
					return true
				}
				if tag == "timeout" && len(t.Elems) == 3 {
					if _, ok := t.Elems[1].(*syntax.Var); ok {
						return true // flushing a timer erlang:cancel_timer found fired
					}
				}
			}
		}
	}
	return false
}
