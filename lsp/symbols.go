package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
	"go.lsp.dev/jsonrpc2"
)

// handleDocumentSymbol answers textDocument/documentSymbol with a
// hierarchical outline: the module, under it functions (with one child per
// clause), records (with their fields), types and macros, in source order.
func handleDocumentSymbol(_ context.Context, s *Server, params json.RawMessage) (any, error) {
	var p DocumentSymbolParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	doc, res, err := s.analysis(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	return outline(doc, res, s.encoding()), nil
}

// analysis returns an open document's current snapshot and its check,
// reusing the diagnostics' result when it is for the same snapshot.
// Requests on documents that are not open are errors, since the client
// must open what it asks about.
func (s *Server) analysis(uri string) (*Document, *sema.Result, error) {
	doc := s.docs.get(uri)
	if doc == nil {
		return nil, nil, jsonrpc2.Errorf(jsonrpc2.InvalidParams, "document %s is not open", uri)
	}
	if res := s.results.get(doc); res != nil {
		return doc, res, nil
	}
	res := s.ws.check(doc.Path, []byte(doc.Text), nil)
	s.results.put(doc, res)
	return doc, res, nil
}

// resultCache keeps the last check of each open document, keyed by the
// snapshot it was made from: snapshots are immutable, so pointer identity
// is the version.
type resultCache struct {
	mu sync.Mutex
	m  map[string]cachedResult // by URI
}

type cachedResult struct {
	doc *Document
	res *sema.Result
}

func (c *resultCache) get(doc *Document) *sema.Result {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[doc.URI]; ok && e.doc == doc {
		return e.res
	}
	return nil
}

func (c *resultCache) put(doc *Document, res *sema.Result) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]cachedResult{}
	}
	c.m[doc.URI] = cachedResult{doc, res}
}

func (c *resultCache) forget(uri string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.m, uri)
}

// mainFileForms returns the forms of res that come from the document's own
// file, not from an included header: sema records each form's file. When
// it could not, the preprocessed tokens carry the file each came from;
// forms and tokens are both in stream order, so the token that starts a
// form is the next one at the form's position (a position alone is
// ambiguous: a header's first form is at offset 0 too).
func mainFileForms(res *sema.Result) []syntax.Form {
	if len(res.FormFiles) == len(res.File.Forms) && res.FormFiles != nil {
		var out []syntax.Form
		for i, f := range res.File.Forms {
			if res.FormFiles[i] == "" {
				out = append(out, f)
			}
		}
		return out
	}
	if res.PP == nil {
		return res.File.Forms
	}
	toks := res.PP.Tokens
	var out []syntax.Form
	i := 0
	for _, f := range res.File.Forms {
		pos, from := f.Span().Pos, i
		for i < len(toks) && (toks[i].Kind == syntax.COMMENT || toks[i].Pos != pos) {
			i++
		}
		if i == len(toks) {
			// No token starts it (a form the parser made up while
			// recovering): keep it, and look on from where we were.
			i = from
			out = append(out, f)
			continue
		}
		if toks[i].FileIdx == 0 {
			out = append(out, f)
		}
		i++
	}
	return out
}

func outline(doc *Document, res *sema.Result, enc string) []DocumentSymbol {
	rng := func(l syntax.Loc) Range { return doc.Range(int(l.Pos.Offset), int(l.End.Offset), enc) }
	src := func(l syntax.Loc) string { return doc.Text[l.Pos.Offset:l.End.Offset] }
	var root *DocumentSymbol
	var syms []DocumentSymbol
	for _, form := range mainFileForms(res) {
		switch f := form.(type) {
		case *syntax.ModuleAttr:
			if root == nil && f.Name != nil {
				root = &DocumentSymbol{Name: f.Name.Name, Kind: symModule,
					Range: doc.Range(int(f.Pos.Offset), len(doc.Text), enc), SelectionRange: rng(f.Name.Loc)}
			}
		case *syntax.Function:
			fn := DocumentSymbol{Name: fmt.Sprintf("%s/%d", f.Name, f.Arity), Kind: symFunction, Range: rng(f.Loc), SelectionRange: rng(f.Loc)}
			for _, c := range f.Clauses {
				args := ""
				if n := len(c.Patterns); n > 0 {
					args = src(syntax.Loc{Pos: c.Patterns[0].Span().Pos, End: c.Patterns[n-1].Span().End})
				}
				sel := rng(c.Loc)
				if c.Name != nil {
					sel = rng(c.Name.Span())
					fn.SelectionRange = rng(f.Clauses[0].Name.Span())
				}
				fn.Children = append(fn.Children, DocumentSymbol{Name: f.Name + "(" + strings.Join(strings.Fields(args), " ") + ")",
					Kind: symFunction, Range: rng(c.Loc), SelectionRange: sel})
			}
			syms = append(syms, fn)
		case *syntax.RecordDef:
			if f.Name == nil {
				continue
			}
			rec := DocumentSymbol{Name: "#" + f.Name.Name, Kind: symStruct, Range: rng(f.Loc), SelectionRange: rng(f.Name.Loc)}
			for _, fd := range f.Fields {
				if fd.Name != nil {
					rec.Children = append(rec.Children, DocumentSymbol{Name: fd.Name.Name, Kind: symField, Range: rng(fd.Loc), SelectionRange: rng(fd.Name.Loc)})
				}
			}
			syms = append(syms, rec)
		case *syntax.TypeDef:
			if f.Name != nil {
				syms = append(syms, DocumentSymbol{Name: fmt.Sprintf("%s/%d", f.Name.Name, len(f.Params)), Kind: symTypeParm, Range: rng(f.Loc), SelectionRange: rng(f.Name.Loc)})
			}
		}
	}
	if res.PP != nil && res.PP.Info != nil {
		for _, m := range res.PP.Info.Defines {
			if m.File != doc.Path || m.Predefined {
				continue
			}
			name := "?" + m.Name
			if m.Arity >= 0 {
				name = fmt.Sprintf("?%s/%d", m.Name, m.Arity)
			}
			r := rng(syntax.Loc{Pos: m.Pos, End: m.End})
			syms = append(syms, DocumentSymbol{Name: name, Kind: symConstant, Range: r, SelectionRange: r})
		}
	}
	sort.SliceStable(syms, func(i, j int) bool {
		a, b := syms[i].Range.Start, syms[j].Range.Start
		return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
	})
	if root == nil {
		if syms == nil {
			return []DocumentSymbol{}
		}
		return syms
	}
	root.Children = syms
	return []DocumentSymbol{*root}
}
