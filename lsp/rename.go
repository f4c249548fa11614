package lsp

import (
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"go.lsp.dev/jsonrpc2"
)

// RenameParams is textDocument/rename's payload.
type RenameParams struct {
	TextDocumentPositionParams
	NewName string `json:"newName"`
}

// TextEdit replaces a range with new text.
type TextEdit struct {
	Range   Range  `json:"range"`
	NewText string `json:"newText"`
}

// WorkspaceEdit is a set of edits to several documents, by URI.
type WorkspaceEdit struct {
	Changes map[string][]TextEdit `json:"changes"`
}

// PrepareRenameResult is the range to rename and the current name.
type PrepareRenameResult struct {
	Range       Range  `json:"range"`
	Placeholder string `json:"placeholder"`
}

var (
	varName   = regexp.MustCompile(`^[A-Z_][A-Za-z0-9_@]*$`)
	atomName  = regexp.MustCompile(`^[a-z][A-Za-z0-9_@]*$`)
	macroName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_@]*$`)
)

// renameTarget finds what can be renamed at a position, or says why
// nothing can: BIFs and functions, records and macros defined outside the
// workspace (OTP's own sources) belong to someone else.
func (s *Server) renameTarget(ctx context.Context, params json.RawMessage) (*Document, *sema.Result, target, error) {
	doc, res, off, err := s.positionRequest(params)
	if err != nil {
		return nil, nil, target{}, err
	}
	if err := s.ws.wait(ctx); err != nil {
		return nil, nil, target{}, err
	}
	t := s.targetAt(doc, res, off)
	refuse := func(format string, args ...any) (*Document, *sema.Result, target, error) {
		return nil, nil, target{}, jsonrpc2.Errorf(jsonrpc2.InvalidRequest, format, args...)
	}
	switch t.kind {
	case tgNone:
		return refuse("there is nothing to rename here")
	case tgField:
		return refuse("record fields are not renamed (rename the record instead)")
	case tgVar:
		if t.name == "_" {
			return refuse("_ cannot be renamed")
		}
	case tgFunc:
		m := s.ws.index.Module(t.module)
		local := res.Module != nil && res.Module.Name == t.module
		if local {
			m = res.Module
		}
		if m == nil || m.Function(t.name, t.arity) == nil || !local && !s.inWorkspace(m.File) {
			return refuse("cannot rename %s:%s/%d: it is not defined in the workspace (a BIF or a library function)", t.module, t.name, t.arity)
		}
	case tgRecord, tgMacro:
		if t.defFile != doc.Path && !s.inWorkspace(t.defFile) {
			return refuse("cannot rename %s: it is defined outside the workspace, in %s", t.name, t.defFile)
		}
	}
	return doc, res, t, nil
}

// inWorkspace reports whether path is under one of the root folders.
func (s *Server) inWorkspace(path string) bool {
	s.ws.mu.Lock()
	defer s.ws.mu.Unlock()
	for _, r := range s.ws.roots {
		if rel, err := filepath.Rel(r, path); err == nil && !strings.HasPrefix(rel, "..") {
			return true
		}
	}
	return false
}

func handlePrepareRename(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	doc, _, t, err := s.renameTarget(ctx, params)
	if err != nil {
		return nil, err
	}
	return PrepareRenameResult{Range: doc.Range(int(t.at.start), int(t.at.end), s.encoding()), Placeholder: doc.Text[t.at.start:t.at.end]}, nil
}

// handleRename answers textDocument/rename for variables, functions
// (definition, calls, fun references, export and import lists, -spec,
// across the workspace), records (definition and uses; fields keep their
// names) and macros.
func handleRename(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	var p RenameParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	doc, res, t, err := s.renameTarget(ctx, params)
	if err != nil {
		return nil, err
	}
	valid := atomName
	switch t.kind {
	case tgVar:
		valid = varName
	case tgMacro:
		valid = macroName
	}
	if !valid.MatchString(p.NewName) || t.kind != tgVar && t.kind != tgMacro && reservedWord(p.NewName) {
		return nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "%q is not a valid name here", p.NewName)
	}
	spans, err := s.findReferences(ctx, doc, res, t, true)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	conv := spanDocs{s: s}
	edit := WorkspaceEdit{Changes: map[string][]TextEdit{}}
	for _, sp := range spans {
		if l, ok := conv.location(sp, enc); ok {
			edit.Changes[l.URI] = append(edit.Changes[l.URI], TextEdit{Range: l.Range, NewText: p.NewName})
		}
	}
	return edit, nil
}

func reservedWord(s string) bool {
	switch s {
	case "after", "and", "andalso", "band", "begin", "bnot", "bor", "bsl", "bsr", "bxor", "case", "catch",
		"cond", "div", "end", "fun", "if", "let", "not", "of", "or", "orelse", "receive", "rem", "try",
		"when", "xor", "maybe", "else":
		return true
	}
	return false
}
