package lsp

import (
	"context"
	"encoding/json"
)

// handleDidChangeWatchedFiles keeps the workspace index in step with files
// changed outside the editor (a git checkout, a generator). Open documents
// are the editor's, so their disk state is ignored until they are closed.
func handleDidChangeWatchedFiles(_ context.Context, s *Server, params json.RawMessage) (any, error) {
	var p DidChangeWatchedFilesParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	changed := false
	for _, c := range p.Changes {
		path := uriToPath(c.URI)
		if !isErlangFile(path) {
			continue
		}
		// The file list (searched by references and rename, loaded by
		// runs) follows the disk even for open documents.
		switch c.Type {
		case fileCreated:
			s.ws.addFile(path)
		case fileDeleted:
			s.ws.removeFile(path)
		}
		if s.docs.get(c.URI) != nil {
			continue
		}
		switch c.Type {
		case fileCreated, fileChanged:
			s.ws.reindex(path)
		case fileDeleted:
			s.ws.remove(path)
		}
		changed = true
	}
	if changed {
		// Open modules may include or implement what changed.
		s.diag.scheduleAll()
	}
	return nil, nil
}
