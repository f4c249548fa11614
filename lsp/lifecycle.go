package lsp

import (
	"context"
	"encoding/json"
	"slices"

	"go.lsp.dev/jsonrpc2"
)

// encodingPreference is the order in which the server picks a position
// encoding among those the client offers: UTF-8 first because the front
// end's positions are byte offsets, so it converts for free.
var encodingPreference = []string{encUTF8, encUTF32, encUTF16}

func handleInitialize(_ context.Context, s *Server, params json.RawMessage) (any, error) {
	var p InitializeParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.initialized {
		s.mu.Unlock()
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, "initialize sent twice")
	}
	s.enc = encUTF16 // the default when the client offers nothing we know
	if p.Capabilities.General != nil {
		for _, e := range encodingPreference {
			if slices.Contains(p.Capabilities.General.PositionEncodings, e) {
				s.enc = e
				break
			}
		}
	}
	if td := p.Capabilities.TextDocument; td != nil && td.Completion != nil && td.Completion.CompletionItem != nil {
		s.snippetSupport = td.Completion.CompletionItem.SnippetSupport
	}
	enc := s.enc
	s.initialized = true
	s.mu.Unlock()

	var roots []string
	for _, f := range p.WorkspaceFolders {
		roots = append(roots, uriToPath(f.URI))
	}
	if len(roots) == 0 && p.RootURI != "" {
		roots = append(roots, uriToPath(p.RootURI))
	}
	if len(roots) == 0 && p.RootPath != "" {
		roots = append(roots, p.RootPath)
	}
	s.ws.setRoots(roots)
	s.applySettings(p.InitializationOptions, "initializationOptions")

	return InitializeResult{
		Capabilities: ServerCapabilities{
			PositionEncoding: enc,
			TextDocumentSync: &TextDocumentSyncOptions{
				OpenClose: true,
				Change:    syncIncremental,
				Save:      &SaveOptions{IncludeText: false},
			},
			DocumentSymbolProvider:    true,
			DefinitionProvider:        true,
			HoverProvider:             true,
			CompletionProvider:        &CompletionOptions{TriggerCharacters: []string{":", "?", "#"}, ResolveProvider: true},
			FoldingRangeProvider:      true,
			ReferencesProvider:        true,
			DocumentHighlightProvider: true,
			RenameProvider:            &RenameOptions{PrepareProvider: true},
			CodeActionProvider:        true,
			WorkspaceSymbolProvider:   true,
			CodeLensProvider:          &CodeLensOptions{},
			ExecuteCommandProvider:    &ExecuteCommandOptions{Commands: []string{cmdRun, cmdTest, cmdReload, cmdProcessTree, cmdKill, cmdDebugAdapter}},
			SemanticTokensProvider:    &SemanticTokensOptions{Legend: semanticLegend, Full: true, Range: true},
			SignatureHelpProvider:     &SignatureHelpOptions{TriggerCharacters: []string{"(", ","}, RetriggerCharacters: []string{","}},
		},
		ServerInfo: &ServerInfo{Name: "otpbox", Version: s.opts.Version},
	}, nil
}

// handleInitialized starts indexing the workspace in the background, so that
// a large workspace does not hold up the first requests; features that need
// the index wait for it.
func handleInitialized(_ context.Context, s *Server, _ json.RawMessage) (any, error) {
	go s.ws.scan()
	return nil, nil
}

func handleShutdown(_ context.Context, s *Server, _ json.RawMessage) (any, error) {
	s.mu.Lock()
	s.shutdown = true
	s.mu.Unlock()
	s.diag.stop()
	return nil, nil
}

func handleExit(_ context.Context, s *Server, _ json.RawMessage) (any, error) {
	s.exitOnce.Do(func() { close(s.exited) })
	return nil, nil
}
