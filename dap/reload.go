package dap

import (
	"encoding/json"
	"fmt"
	"os"

	godap "github.com/google/go-dap"
)

// reloadArgs are the custom reload request's arguments: the file to
// load again (hot code loading; breakpoints are kept and re-verified).
type reloadArgs struct {
	Path string `json:"path"`
}

func (s *session) onReload(req *godap.Request, data []byte) {
	var msg struct {
		Arguments reloadArgs `json:"arguments"`
	}
	if err := json.Unmarshal(data, &msg); err != nil || msg.Arguments.Path == "" {
		s.sendError(req, `reload: want {"path": "file.erl"}`)
		return
	}
	s.mu.Lock()
	rt := s.rt
	s.mu.Unlock()
	if rt == nil {
		s.sendError(req, "reload: no program launched yet")
		return
	}
	src, err := os.ReadFile(msg.Arguments.Path)
	if err != nil {
		s.sendError(req, fmt.Sprintf("reload: %v", err))
		return
	}
	if err := rt.LoadModule(msg.Arguments.Path, src); err != nil {
		s.sendError(req, fmt.Sprintf("reload: %v", err))
		return
	}
	s.mu.Lock()
	s.paths[moduleOf(msg.Arguments.Path)] = msg.Arguments.Path
	s.mu.Unlock()
	r := godap.Response{RequestSeq: req.Seq, Success: true, Command: req.Command}
	s.send(&r)
}
