package dap

import (
	"fmt"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/sandbox/erl/vm"
)

// resume answers req with resp and then resumes a stopped thread with
// do, so that the response precedes the stopped event the thread may
// send at once.
func (s *session) resume(req *godap.Request, thread int, resp godap.ResponseMessage, do func(d Debugger, pid uint64) error) {
	d := s.debugger(req)
	if d == nil {
		return
	}
	p, err := d.Process(uint64(thread))
	if err == nil && !p.Stopped {
		err = vm.ErrNotStopped
	}
	if err != nil {
		s.sendError(req, fmt.Sprintf("%s: thread %d: %v", req.Command, thread, err))
		return
	}
	s.send(resp)
	if err := do(d, uint64(thread)); err != nil {
		// Only this session resumes threads, one request at a time: the
		// thread was stopped a moment ago.
		s.log.Warn("dap: resuming", "command", req.Command, "thread", thread, "err", err)
	}
}

func (s *session) step(req *godap.Request, thread int, kind vm.StepKind, resp godap.ResponseMessage) {
	s.resume(req, thread, resp, func(d Debugger, pid uint64) error { return d.Step(pid, kind) })
}

func (s *session) onNext(r *godap.NextRequest) {
	s.step(&r.Request, r.Arguments.ThreadId, vm.StepOver, &godap.NextResponse{Response: response(&r.Request)})
}

func (s *session) onStepIn(r *godap.StepInRequest) {
	s.step(&r.Request, r.Arguments.ThreadId, vm.StepIn, &godap.StepInResponse{Response: response(&r.Request)})
}

func (s *session) onStepOut(r *godap.StepOutRequest) {
	s.step(&r.Request, r.Arguments.ThreadId, vm.StepOut, &godap.StepOutResponse{Response: response(&r.Request)})
}
