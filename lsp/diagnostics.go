package lsp

import (
	"fmt"
	"path/filepath"
	"sync"
	"time"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
)

// diagnoser checks open documents and publishes their diagnostics. Each
// document has one pending timer: an edit restarts it, so a burst of typing
// is checked once, after the debounce delay.
type diagnoser struct {
	s *Server

	mu      sync.Mutex
	timers  map[string]*time.Timer
	caches  map[string]*sema.Cache // per document, kept between edits
	stopped bool
	// checkMu serialises checks: the sema caches are not safe for
	// concurrent use, and two checks at once only compete for CPU.
	checkMu sync.Mutex
}

func newDiagnoser(s *Server) *diagnoser {
	return &diagnoser{s: s, timers: map[string]*time.Timer{}, caches: map[string]*sema.Cache{}}
}

// schedule (re)starts uri's timer.
func (g *diagnoser) schedule(uri string, delay time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.stopped {
		return
	}
	if t := g.timers[uri]; t != nil {
		t.Stop()
	}
	g.timers[uri] = time.AfterFunc(delay, func() { g.publish(uri) })
}

// scheduleAll re-checks every open document, after something they may
// depend on changed.
func (g *diagnoser) scheduleAll() {
	for _, d := range g.s.docs.all() {
		g.schedule(d.URI, g.s.opts.Debounce)
	}
}

// clear forgets a closed document and clears its diagnostics in the editor.
func (g *diagnoser) clear(uri string) {
	g.mu.Lock()
	if t := g.timers[uri]; t != nil {
		t.Stop()
	}
	delete(g.timers, uri)
	delete(g.caches, uri)
	g.mu.Unlock()
	g.s.results.forget(uri)
	g.s.notify(methodPublishDiagnostics, PublishDiagnosticsParams{URI: uri, Diagnostics: []Diagnostic{}})
}

func (g *diagnoser) stop() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.stopped = true
	for _, t := range g.timers {
		t.Stop()
	}
}

// publish checks the current text of uri and sends its diagnostics. When
// the module's exports or behaviour changed, the other open documents are
// re-checked, since their diagnostics may depend on it.
func (g *diagnoser) publish(uri string) {
	defer func() {
		if r := recover(); r != nil {
			g.s.log.Error("lsp: checking a document panicked", "uri", uri, "panic", r)
		}
	}()
	g.checkMu.Lock()
	doc := g.s.docs.get(uri)
	if doc == nil {
		g.checkMu.Unlock()
		return
	}
	g.mu.Lock()
	cache := g.caches[uri]
	if cache == nil {
		cache = sema.NewCache()
		g.caches[uri] = cache
	}
	g.mu.Unlock()
	ws := g.s.ws
	<-ws.ready
	old := ws.index.File(doc.Path)
	res := ws.check(doc.Path, []byte(doc.Text), cache)
	g.s.results.put(doc, res)
	isModule := res.Module != nil && res.Module.Name != "" && filepath.Ext(doc.Path) == ".erl"
	if isModule {
		ws.index.Update(doc.Path, res.Module)
	}
	g.checkMu.Unlock()

	enc := g.s.encoding()
	out := []Diagnostic{}
	// A header is not a module: checked on its own it would be "missing
	// its module" and its records and functions "unused", so only its
	// syntax and preprocessor errors are its own.
	header := filepath.Ext(doc.Path) == ".hrl"
	for _, d := range res.Diagnostics {
		if d.File != doc.Path && d.File != "" {
			// In an included file: an open header publishes its own;
			// a closed one's errors go on the -include line, as
			// erlc's are reported when compiling the module.
			if d.Severity != sema.Error || g.s.docs.byPath(d.File) != nil {
				continue
			}
			inc, ok := includeLine(res, doc.Path, d.File)
			if !ok {
				continue
			}
			d.Message = fmt.Sprintf("in %s:%d: %s", filepath.Base(d.File), d.Pos.Line, d.Message)
			d.Pos, d.End = inc.Pos, inc.End
		}
		if header && d.Code != sema.CodeSyntax && d.Code != sema.CodePreprocess {
			continue
		}
		out = append(out, toDiagnostic(doc, d, enc))
	}
	out = append(out, hintDiagnostics(doc, res, enc)...) // lsp/hints.go
	v := doc.Version
	g.s.notify(methodPublishDiagnostics, PublishDiagnosticsParams{URI: uri, Version: &v, Diagnostics: out})

	// An edited header changes every module that includes it, unsaved as
	// it is (the preprocessor reads open documents), so they are re-checked.
	if header || isModule && interfaceChanged(old, res.Module) {
		for _, d := range g.s.docs.all() {
			if d.URI != uri {
				g.schedule(d.URI, g.s.opts.Debounce)
			}
		}
	}
}

// interfaceChanged reports whether what other modules see of a module (its
// name, exports and callbacks) differs between two checks.
func interfaceChanged(a, b *sema.Module) bool {
	if a == nil || b == nil {
		return a != b
	}
	if a.Name != b.Name || a.ExportAll != b.ExportAll || len(a.Exports) != len(b.Exports) || len(a.Callbacks) != len(b.Callbacks) {
		return true
	}
	for fa := range a.Exports {
		if _, ok := b.Exports[fa]; !ok {
			return true
		}
	}
	for fa := range a.Callbacks {
		if _, ok := b.Callbacks[fa]; !ok {
			return true
		}
	}
	return false
}

func toDiagnostic(doc *Document, d sema.Diagnostic, enc string) Diagnostic {
	start, end := int(d.Pos.Offset), int(d.End.Offset)
	if !d.Pos.IsValid() {
		start = 0
	}
	if end < start {
		end = start
	}
	sev := 1
	if d.Severity == sema.Warning {
		sev = 2
	}
	return Diagnostic{
		Range:    doc.Range(start, end, enc),
		Severity: sev,
		Code:     d.Code,
		Source:   "otpbox",
		Message:  d.Message,
	}
}

// includeLine finds the -include in the main file through which file was
// read, following nested includes up to the main file.
func includeLine(res *sema.Result, main, file string) (epp.Include, bool) {
	if res.PP == nil || res.PP.Info == nil {
		return epp.Include{}, false
	}
	for depth := 0; depth < 32; depth++ {
		var found *epp.Include
		for i := range res.PP.Info.Includes {
			if inc := &res.PP.Info.Includes[i]; inc.Path == file {
				found = inc
				break
			}
		}
		if found == nil {
			return epp.Include{}, false
		}
		if found.File == main || found.File == "" {
			return *found, true
		}
		file = found.File
	}
	return epp.Include{}, false
}
