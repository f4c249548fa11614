package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// handleHover answers textDocument/hover on a function name (a call, a fun
// reference, an export entry or a clause head): its module:name/arity, its
// -spec as written, and its doc (-doc, or the %% comment block above it).
func handleHover(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	doc, res, off, err := s.positionRequest(params)
	if err != nil {
		return nil, err
	}
	if res.Module == nil {
		return nil, nil
	}
	path := syntax.Path(&syntax.File{Forms: mainFileForms(res)}, syntax.Pos{Offset: off})
	ref, ok := functionRefAt(path, off)
	if !ok || ref.moduleOnly {
		return nil, nil
	}
	mod := res.Module
	var fn *sema.Function
	if ref.module == "" || ref.module == mod.Name {
		fn = mod.Function(ref.name, ref.arity)
	} else {
		if err := s.ws.wait(ctx); err != nil {
			return nil, err
		}
		fn, _ = s.ws.index.Definition(ref.module, ref.name, ref.arity)
		mod = s.ws.index.Module(ref.module)
	}
	if fn == nil || mod == nil {
		return nil, nil
	}
	return &Hover{Contents: MarkupContent{Kind: "markdown", Value: s.hoverText(mod, fn, doc)}}, nil
}

func (s *Server) hoverText(mod *sema.Module, fn *sema.Function, doc *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "```erlang\n%s:%s/%d\n", mod.Name, fn.Name, fn.Arity)
	if spec := mod.Specs[fn.FA]; spec != nil {
		if text := s.sourceOf(fileOr(fn.File, mod.File), spec.Loc, doc); text != "" {
			b.WriteString(text)
			b.WriteString("\n")
		}
	}
	b.WriteString("```\n")
	if fn.Node != nil && strings.TrimSpace(fn.Node.Doc) != "" {
		b.WriteString("\n")
		b.WriteString(strings.TrimSpace(fn.Node.Doc))
		b.WriteString("\n")
	}
	return b.String()
}

// sourceOf returns the text of a span of the file at path: from the open
// document when it is that file, else from the editor's other buffers or
// the disk.
func (s *Server) sourceOf(path string, l syntax.Loc, doc *Document) string {
	text := ""
	switch d := s.docs.byPath(path); {
	case doc.Path == path:
		text = doc.Text
	case d != nil:
		text = d.Text
	default:
		src, err := os.ReadFile(path)
		if err != nil {
			return ""
		}
		text = string(src)
	}
	if l.Pos.Offset < 0 || int(l.End.Offset) > len(text) || l.End.Offset < l.Pos.Offset {
		return ""
	}
	return text[l.Pos.Offset:l.End.Offset]
}
