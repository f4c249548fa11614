package dap

import (
	"fmt"

	godap "github.com/google/go-dap"
)

func (s *session) onContinue(r *godap.ContinueRequest) {
	resp := &godap.ContinueResponse{Response: response(&r.Request)}
	resp.Body.AllThreadsContinued = false
	s.resume(&r.Request, r.Arguments.ThreadId, resp, Debugger.Continue)
}

func (s *session) onPause(r *godap.PauseRequest) {
	d := s.debugger(&r.Request)
	if d == nil {
		return
	}
	if _, err := d.Process(uint64(r.Arguments.ThreadId)); err != nil {
		s.sendError(&r.Request, fmt.Sprintf("pause: thread %d: %v", r.Arguments.ThreadId, err))
		return
	}
	s.send(&godap.PauseResponse{Response: response(&r.Request)})
	if err := d.Pause(uint64(r.Arguments.ThreadId)); err != nil {
		s.log.Warn("dap: pause", "thread", r.Arguments.ThreadId, "err", err)
	}
}
