package dap

import (
	"fmt"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

func (s *session) onSetBreakpoints(r *godap.SetBreakpointsRequest) {
	d := s.debugger(&r.Request)
	if d == nil {
		return
	}
	module, ok := s.moduleOfSource(r.Arguments.Source)
	if !ok {
		s.sendError(&r.Request, fmt.Sprintf("setBreakpoints: source %q is not an Erlang module", r.Arguments.Source.Path))
		return
	}
	bps := make([]vm.LineBreakpoint, len(r.Arguments.Breakpoints))
	for i, b := range r.Arguments.Breakpoints {
		bps[i] = vm.LineBreakpoint{Line: b.Line, Condition: b.Condition, HitCondition: b.HitCondition, LogMessage: b.LogMessage}
	}
	s.mu.Lock()
	s.bpModules[module] = true
	s.mu.Unlock()
	infos, err := d.SetBreakpoints(module, bps)
	if err != nil {
		s.sendError(&r.Request, fmt.Sprintf("setBreakpoints: %v", err))
		return
	}
	resp := &godap.SetBreakpointsResponse{Response: response(&r.Request)}
	resp.Body.Breakpoints = make([]godap.Breakpoint, len(infos))
	for i, info := range infos {
		src := r.Arguments.Source
		resp.Body.Breakpoints[i] = s.dapBreakpoint(info, &src)
	}
	s.send(resp)
}

// dapBreakpoint converts a breakpoint's state; src nil means its module's
// source.
func (s *session) dapBreakpoint(info vm.BreakpointInfo, src *godap.Source) godap.Breakpoint {
	if src == nil {
		src = s.sourceOf(info.Module, info.Module+".erl")
	}
	return godap.Breakpoint{Id: info.ID, Verified: info.Verified, Line: info.Line, Message: info.Message, Source: src}
}
