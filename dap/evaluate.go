package dap

import (
	"fmt"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/sandbox/erl/term"
	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// onEvaluate evaluates an Erlang expression: in a frame's bindings when
// the request names a frame (repl, watch and hover alike), else as a
// small Erlang shell in the debug console, whose variables carry from one
// line to the next.
func (s *session) onEvaluate(r *godap.EvaluateRequest) {
	d := s.debugger(&r.Request)
	if d == nil {
		return
	}
	var v term.Term
	var err error
	module := ""
	if r.Arguments.FrameId != 0 {
		f, ok := s.frame(&r.Request, r.Arguments.FrameId)
		if !ok {
			return
		}
		module = f.module
		v, err = d.Eval(f.pid, f.index, r.Arguments.Expression)
	} else {
		s.mu.Lock()
		shell := s.shell
		s.mu.Unlock()
		var after []vm.Binding
		v, after, err = d.EvalShell(r.Arguments.Expression, shell)
		if err == nil {
			s.mu.Lock()
			s.shell = after
			s.mu.Unlock()
		}
	}
	if err != nil {
		s.sendError(&r.Request, fmt.Sprintf("evaluate: %v", err))
		return
	}
	vr := s.variable(d, "", r.Arguments.Expression, v, module)
	resp := &godap.EvaluateResponse{Response: response(&r.Request)}
	resp.Body = godap.EvaluateResponseBody{Result: vr.Value, Type: vr.Type, VariablesReference: vr.VariablesReference, NamedVariables: vr.NamedVariables, IndexedVariables: vr.IndexedVariables}
	s.send(resp)
}
