package dap

import (
	"fmt"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

func (s *session) onSetFunctionBreakpoints(r *godap.SetFunctionBreakpointsRequest) {
	d := s.debugger(&r.Request)
	if d == nil {
		return
	}
	var bps []vm.FunctionBreakpoint
	var bad []int // indexes of names that do not parse
	var badErr []error
	for i, b := range r.Arguments.Breakpoints {
		m, f, a, err := vm.ParseMFA(b.Name)
		if err != nil {
			bad = append(bad, i)
			badErr = append(badErr, err)
			continue
		}
		bps = append(bps, vm.FunctionBreakpoint{Module: m, Function: f, Arity: a, Condition: b.Condition, HitCondition: b.HitCondition})
	}
	infos, err := d.SetFunctionBreakpoints(bps)
	if err != nil {
		s.sendError(&r.Request, fmt.Sprintf("setFunctionBreakpoints: %v", err))
		return
	}
	resp := &godap.SetFunctionBreakpointsResponse{Response: response(&r.Request)}
	out := make([]godap.Breakpoint, len(r.Arguments.Breakpoints))
	j, k := 0, 0
	for i := range out {
		if k < len(bad) && bad[k] == i {
			out[i] = godap.Breakpoint{Verified: false, Message: badErr[k].Error()}
			k++
			continue
		}
		out[i] = s.dapBreakpoint(infos[j], nil)
		j++
	}
	resp.Body.Breakpoints = out
	s.send(resp)
}
