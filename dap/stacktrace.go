package dap

import (
	"fmt"

	godap "github.com/google/go-dap"
)

// frameRef is what a frame id stands for.
type frameRef struct {
	pid    uint64
	index  int // 0 is the innermost
	module string
}

func (s *session) onStackTrace(r *godap.StackTraceRequest) {
	d := s.debugger(&r.Request)
	if d == nil {
		return
	}
	pid := uint64(r.Arguments.ThreadId)
	frames, err := d.Stack(pid)
	if err != nil {
		s.sendError(&r.Request, fmt.Sprintf("stackTrace: thread %d: %v", r.Arguments.ThreadId, err))
		return
	}
	start := min(max(r.Arguments.StartFrame, 0), len(frames))
	end := len(frames)
	if r.Arguments.Levels > 0 {
		end = min(end, start+r.Arguments.Levels)
	}
	resp := &godap.StackTraceResponse{Response: response(&r.Request)}
	resp.Body.TotalFrames = len(frames)
	resp.Body.StackFrames = []godap.StackFrame{}
	for i := start; i < end; i++ {
		f := frames[i]
		id := s.newHandle(frameRef{pid: pid, index: i, module: f.Module})
		name := fmt.Sprintf("%s:%s/%d", f.Module, f.Function, f.Arity)
		if f.Old {
			// Still running the module's previous version after a reload.
			name += fmt.Sprintf(" (old code, version %d)", f.Version)
		}
		resp.Body.StackFrames = append(resp.Body.StackFrames, godap.StackFrame{
			Id:     id,
			Name:   name,
			Source: s.sourceOf(f.Module, f.File),
			Line:   f.Line,
			Column: 1,
		})
	}
	s.send(resp)
}

// frame resolves a frame id, or answers req with an error.
func (s *session) frame(req *godap.Request, id int) (frameRef, bool) {
	v, ok := s.lookup(id)
	f, isFrame := v.(frameRef)
	if !ok || !isFrame {
		s.sendError(req, fmt.Sprintf("%s: no frame with id %d", req.Command, id))
		return frameRef{}, false
	}
	return f, true
}
