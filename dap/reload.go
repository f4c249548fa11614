package dap

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"time"

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
	if _, err := s.reloadFile(rt, msg.Arguments.Path); err != nil {
		s.sendError(req, fmt.Sprintf("reload: %v", err))
		return
	}
	r := godap.Response{RequestSeq: req.Seq, Success: true, Command: req.Command}
	s.send(&r)
}

// reloadFile loads path again unless its content is what was last loaded
// from it (a save noticed by the watcher and a reload request for the same
// change load once: each load is a new module version, and a third one
// purges the oldest). It reports whether it loaded.
func (s *session) reloadFile(rt Runtime, path string) (bool, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		return false, err
	}
	sum := sha256.Sum256(src)
	s.mu.Lock()
	same := s.loaded[path] == sum
	s.mu.Unlock()
	if same {
		return false, nil
	}
	if err := rt.LoadModule(path, src); err != nil {
		return false, err
	}
	s.mu.Lock()
	s.loaded[path] = sum
	s.paths[moduleOf(path)] = path
	s.mu.Unlock()
	return true, nil
}

// watch reloads the launched program's files when they change on disk (an
// editor saved them), until the session ends.
func (s *session) watch(rt Runtime, every time.Duration) {
	type stamp struct {
		mod  time.Time
		size int64
	}
	seen := map[string]stamp{}
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-s.done:
			return
		case <-t.C:
		}
		s.mu.Lock()
		var paths []string
		for p := range s.loaded {
			paths = append(paths, p)
		}
		s.mu.Unlock()
		for _, p := range paths {
			st, err := os.Stat(p)
			if err != nil {
				continue
			}
			now := stamp{st.ModTime(), st.Size()}
			old, ok := seen[p]
			seen[p] = now
			if ok && old == now {
				continue
			}
			// Changed, or first seen: reloadFile compares the content
			// with what was loaded, so a file saved before the first
			// look is not missed.
			loaded, err := s.reloadFile(rt, p)
			switch {
			case err != nil:
				s.sendOutput("stderr", fmt.Sprintf("otpbox: reloading %s: %v\n", p, err))
			case loaded:
				s.sendOutput("console", fmt.Sprintf("otpbox: reloaded %s\n", moduleOf(p)))
			}
		}
	}
}
