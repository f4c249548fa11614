package lsp

import (
	"context"
	"encoding/json"
	"fmt"
)

func handleDidOpen(_ context.Context, s *Server, params json.RawMessage) (any, error) {
	var p DidOpenTextDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	td := p.TextDocument
	s.docs.set(newDocument(td.URI, uriToPath(td.URI), td.Version, td.Text))
	s.diag.schedule(td.URI, 0)
	return nil, nil
}

func handleDidChange(_ context.Context, s *Server, params json.RawMessage) (any, error) {
	var p DidChangeTextDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	uri := p.TextDocument.URI
	d := s.docs.get(uri)
	if d == nil {
		return nil, fmt.Errorf("didChange for %s, which is not open", uri)
	}
	nd, err := d.apply(p.TextDocument.Version, p.ContentChanges, s.encoding())
	if err != nil {
		// The client and server no longer agree on the text; keep the old
		// one rather than guess, and say so.
		return nil, fmt.Errorf("didChange for %s version %d: %w", uri, p.TextDocument.Version, err)
	}
	s.docs.set(nd)
	s.diag.schedule(uri, s.opts.Debounce)
	return nil, nil
}

func handleDidClose(_ context.Context, s *Server, params json.RawMessage) (any, error) {
	var p DidCloseTextDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	uri := p.TextDocument.URI
	s.docs.remove(uri)
	// The file on disk is what the workspace knows again.
	s.ws.reindex(uriToPath(uri))
	s.diag.clear(uri)
	return nil, nil
}

func handleDidSave(_ context.Context, s *Server, params json.RawMessage) (any, error) {
	var p DidSaveTextDocumentParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	doc := s.docs.get(p.TextDocument.URI)
	if doc == nil {
		return nil, fmt.Errorf("didSave for %s, which is not open", p.TextDocument.URI)
	}
	s.diag.schedule(p.TextDocument.URI, 0)
	// Hot reload runs apart: a run in progress holds the sandbox.
	go s.runner.reload(doc.Path)
	return nil, nil
}
