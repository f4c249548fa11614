package dap

import (
	"fmt"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// onExceptionInfo gives the reason and Erlang stack trace of a thread
// stopped by the "Uncaught process crash" filter.
func (s *session) onExceptionInfo(r *godap.ExceptionInfoRequest) {
	d := s.debugger(&r.Request)
	if d == nil {
		return
	}
	p, err := d.Process(uint64(r.Arguments.ThreadId))
	if err == nil && p.Exception == nil {
		err = fmt.Errorf("not stopped on an exception")
	}
	if err != nil {
		s.sendError(&r.Request, fmt.Sprintf("exceptionInfo: thread %d: %v", r.Arguments.ThreadId, err))
		return
	}
	e := p.Exception
	resp := &godap.ExceptionInfoResponse{Response: response(&r.Request)}
	resp.Body = godap.ExceptionInfoResponseBody{
		ExceptionId: vm.Show(e.Class),
		Description: fmt.Sprintf("%s: %s", vm.Show(e.Class), vm.Show(e.Reason)),
		BreakMode:   "unhandled",
		Details: &godap.ExceptionDetails{
			Message:    vm.Show(e.Reason),
			TypeName:   vm.Show(e.Class),
			StackTrace: vm.Show(e.Stacktrace),
		},
	}
	s.send(resp)
}
