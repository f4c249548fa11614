package dap

import (
	godap "github.com/google/go-dap"
)

// localsRef is what the Locals scope's reference stands for.
type localsRef struct{ frame frameRef }

// processRef is what the Process scope's reference stands for.
type processRef struct{ frame frameRef }

func (s *session) onScopes(r *godap.ScopesRequest) {
	f, ok := s.frame(&r.Request, r.Arguments.FrameId)
	if !ok {
		return
	}
	resp := &godap.ScopesResponse{Response: response(&r.Request)}
	resp.Body.Scopes = []godap.Scope{
		{Name: "Locals", PresentationHint: "locals", VariablesReference: s.newHandle(localsRef{frame: f})},
		{Name: "Process", VariablesReference: s.newHandle(processRef{frame: f}), Expensive: false},
	}
	s.send(resp)
}
