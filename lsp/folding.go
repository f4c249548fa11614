package lsp

import (
	"context"
	"encoding/json"
	"sort"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// handleFoldingRange answers textDocument/foldingRange: every form of the
// document's own file that spans lines (functions, records, specs, ...),
// every function clause within a function, and runs of two or more
// comment lines.
func handleFoldingRange(_ context.Context, s *Server, params json.RawMessage) (any, error) {
	var p FoldingRangeParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	doc, res, err := s.analysis(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	line := func(off int32) uint32 { return doc.Position(int(off), encUTF8).Line }
	out := []FoldingRange{}
	addSpan := func(l syntax.Loc, kind string) {
		if a, b := line(l.Pos.Offset), line(l.End.Offset); b > a {
			out = append(out, FoldingRange{StartLine: a, EndLine: b, Kind: kind})
		}
	}
	for _, f := range mainFileForms(res) {
		addSpan(f.Span(), "region")
		if fn, ok := f.(*syntax.Function); ok && len(fn.Clauses) > 1 {
			for _, c := range fn.Clauses {
				addSpan(c.Loc, "region")
			}
		}
	}
	// Comment blocks: consecutive lines holding only a comment.
	if res.File != nil {
		var start, prev uint32
		n := 0
		flush := func() {
			if n >= 2 {
				out = append(out, FoldingRange{StartLine: start, EndLine: prev, Kind: "comment"})
			}
		}
		for _, c := range res.File.Comments {
			if c.Pos.Offset < 0 || int(c.Pos.Offset) > len(doc.Text) {
				continue
			}
			l := line(c.Pos.Offset)
			if n > 0 && l == prev+1 {
				prev, n = l, n+1
				continue
			}
			flush()
			start, prev, n = l, l, 1
		}
		flush()
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].StartLine < out[j].StartLine })
	return out, nil
}
