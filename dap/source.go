package dap

import (
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"

	godap "github.com/google/go-dap"

	"github.com/otpbox/otpbox/sandbox/erl/stdlib"
)

// sourceOf is the DAP source of module: its file when the session loaded
// it from disk, else (an embedded stdlib module) a sourceReference the
// client fetches with the source request.
func (s *session) sourceOf(module, file string) *godap.Source {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.paths[module]; ok {
		return &godap.Source{Name: filepath.Base(p), Path: p}
	}
	if sp, ok := s.rt.(SourcePather); ok {
		if p, ok := sp.SourcePath(module); ok {
			return &godap.Source{Name: filepath.Base(p), Path: p}
		}
	}
	ref, ok := s.refOf[module]
	if !ok {
		ref = len(s.refs) + 1
		s.refs[ref] = module
		s.refOf[module] = ref
	}
	return &godap.Source{Name: file, SourceReference: ref, Origin: "otpbox stdlib", PresentationHint: "deemphasize"}
}

// moduleOfSource finds the module a client's source names.
func (s *session) moduleOfSource(src godap.Source) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if src.SourceReference > 0 {
		m, ok := s.refs[src.SourceReference]
		return m, ok
	}
	name := src.Path
	if name == "" {
		name = src.Name
	}
	if !strings.HasSuffix(name, ".erl") {
		return "", false
	}
	return moduleOf(name), true
}

func (s *session) onSource(r *godap.SourceRequest) {
	ref := r.Arguments.SourceReference
	if ref == 0 && r.Arguments.Source != nil {
		ref = r.Arguments.Source.SourceReference
	}
	s.mu.Lock()
	module, ok := s.refs[ref]
	s.mu.Unlock()
	if !ok {
		s.sendError(&r.Request, fmt.Sprintf("source: no source with reference %d", ref))
		return
	}
	src, err := fs.ReadFile(stdlib.FS, module+".erl")
	if err != nil {
		src, err = fs.ReadFile(stdlib.OTP, "otp/"+module+".erl") // the OTP behaviours
	}
	if err != nil {
		s.sendError(&r.Request, fmt.Sprintf("source: %s: %v", module, err))
		return
	}
	resp := &godap.SourceResponse{Response: response(&r.Request)}
	resp.Body.Content = string(src)
	resp.Body.MimeType = "text/x-erlang"
	s.send(resp)
}

func (s *session) onLoadedSources(r *godap.LoadedSourcesRequest) {
	d := s.debugger(&r.Request)
	if d == nil {
		return
	}
	resp := &godap.LoadedSourcesResponse{Response: response(&r.Request)}
	resp.Body.Sources = []godap.Source{}
	for _, m := range d.Modules() {
		resp.Body.Sources = append(resp.Body.Sources, *s.sourceOf(m.Name, m.File))
	}
	s.send(resp)
}
