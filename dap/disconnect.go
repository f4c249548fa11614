package dap

import (
	godap "github.com/google/go-dap"
)

// onDisconnect ends the session, killing the program's processes.
func (s *session) onDisconnect(r *godap.DisconnectRequest) {
	s.shutdown()
	s.send(&godap.DisconnectResponse{Response: response(&r.Request)})
	s.end()
}

// onTerminate kills the program; the session stays until disconnect.
func (s *session) onTerminate(r *godap.TerminateRequest) {
	s.shutdown()
	s.send(&godap.TerminateResponse{Response: response(&r.Request)})
}

// end stops the read loop once.
func (s *session) end() {
	s.mu.Lock()
	defer s.mu.Unlock()
	select {
	case <-s.done:
	default:
		close(s.done)
	}
}
