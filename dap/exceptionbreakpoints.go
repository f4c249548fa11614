package dap

import (
	"fmt"

	godap "github.com/google/go-dap"
)

func (s *session) onSetExceptionBreakpoints(r *godap.SetExceptionBreakpointsRequest) {
	d := s.debugger(&r.Request)
	if d == nil {
		return
	}
	on := false
	for _, f := range r.Arguments.Filters {
		if f != crashFilter {
			s.sendError(&r.Request, fmt.Sprintf("setExceptionBreakpoints: unknown filter %q (the one filter is %q)", f, crashFilter))
			return
		}
		on = true
	}
	d.SetBreakOnCrash(on)
	resp := &godap.SetExceptionBreakpointsResponse{Response: response(&r.Request)}
	resp.Body.Breakpoints = make([]godap.Breakpoint, len(r.Arguments.Filters))
	for i := range resp.Body.Breakpoints {
		resp.Body.Breakpoints[i].Verified = true
	}
	s.send(resp)
}
