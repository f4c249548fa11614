package dap

import (
	"fmt"

	godap "github.com/google/go-dap"
)

func (s *session) onThreads(r *godap.ThreadsRequest) {
	resp := &godap.ThreadsResponse{Response: response(&r.Request)}
	resp.Body.Threads = []godap.Thread{}
	s.mu.Lock()
	d := s.d
	s.mu.Unlock()
	if d != nil {
		procs := d.Processes()
		s.threadsMu.Lock()
		for _, p := range procs {
			s.threads[int(p.Pid)] = true
		}
		s.threadsMu.Unlock()
		for _, p := range procs {
			name := p.RegisteredName
			if name == "" {
				name = p.InitialCall
			}
			resp.Body.Threads = append(resp.Body.Threads, godap.Thread{Id: int(p.Pid), Name: fmt.Sprintf("%s <0.%d.0>", name, p.Pid)})
		}
	}
	s.send(resp)
}

func (s *session) onTerminateThreads(r *godap.TerminateThreadsRequest) {
	d := s.debugger(&r.Request)
	if d == nil {
		return
	}
	for _, id := range r.Arguments.ThreadIds {
		if err := d.Kill(uint64(id)); err != nil {
			s.sendError(&r.Request, fmt.Sprintf("terminateThreads: thread %d: %v", id, err))
			return
		}
	}
	s.send(&godap.TerminateThreadsResponse{Response: response(&r.Request)})
}
