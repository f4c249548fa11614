package dap

import (
	"encoding/json"
	"fmt"

	godap "github.com/google/go-dap"
)

// attachArgs are the attach request's arguments: the language server's
// workspace sandbox, and the one-time token its otpbox.debugAdapter
// command returned with the address.
type attachArgs struct {
	Sandbox string `json:"sandbox"`
	Token   string `json:"token"`
}

func (s *session) onAttach(r *godap.AttachRequest) {
	if s.endpoint == nil {
		s.sendError(&r.Request, "attach: otpbox dap over stdio launches its own program; attach to the language server's sandbox at the address its otpbox.debugAdapter command returns")
		return
	}
	var args attachArgs
	if err := json.Unmarshal(r.Arguments, &args); err != nil {
		s.sendError(&r.Request, fmt.Sprintf("attach: bad arguments: %v", err))
		return
	}
	if args.Sandbox != "workspace" {
		s.sendError(&r.Request, fmt.Sprintf(`attach: sandbox %q: the one sandbox here is "workspace"`, args.Sandbox))
		return
	}
	if err := s.endpoint.attach(s, args.Token); err != nil {
		s.sendError(&r.Request, fmt.Sprintf("attach: %v", err))
		return
	}
	rt := s.endpoint.rt
	d := rt.Debugger()
	s.mu.Lock()
	s.rt, s.d, s.attached = rt, d, true
	s.unsub = d.Subscribe(s.onDebugEvent)
	s.mu.Unlock()
	s.send(&godap.AttachResponse{Response: response(&r.Request)})
	s.send(&godap.InitializedEvent{Event: event("initialized")})
}
