package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// tgKind is the kind of thing a reference search is about.
type tgKind int

const (
	tgNone tgKind = iota
	tgFunc
	tgRecord
	tgField
	tgMacro
	tgVar
)

// target is the symbol under the cursor for references, highlight and
// rename. Records and macros are identified by where they are defined, so
// that two modules' records of one name stay apart.
type target struct {
	kind tgKind
	// name is the function, record, macro or variable name.
	name string
	// module and arity identify a function.
	module string
	arity  int
	// field is the field name of a tgField target.
	field string
	// defFile and defOff locate a record's or macro's definition.
	defFile string
	defOff  int32
	// vars holds a variable's occurrences (one function clause's).
	vars []*syntax.Var
	// at is the span of the name under the cursor.
	at span
}

// span is a byte range in a file.
type span struct {
	file       string
	start, end int32
}

func atomSpan(file string, a *syntax.Atom) span {
	return span{file: file, start: a.Pos.Offset, end: a.End.Offset}
}

// targetAt finds what the name at off in doc refers to.
func (s *Server) targetAt(doc *Document, res *sema.Result, off int32) target {
	mod := res.Module
	in := func(a, b syntax.Pos) bool { return a.Offset <= off && off <= b.Offset }
	if info := res.PP.Info; info != nil {
		for _, u := range info.Uses {
			if (u.File == doc.Path || u.File == "") && in(u.Pos, u.End) && u.Def != nil && u.Def.File != "" {
				return target{kind: tgMacro, name: u.Name, defFile: u.Def.File, defOff: u.Def.Pos.Offset,
					at: span{doc.Path, u.End.Offset - int32(len(u.Def.Name)), u.End.Offset}}
			}
		}
		for _, d := range info.Defines {
			if d.File == doc.Path && in(d.Pos, d.End) {
				return target{kind: tgMacro, name: d.Name, defFile: d.File, defOff: d.Pos.Offset, at: span{doc.Path, d.Pos.Offset, d.End.Offset}}
			}
		}
	}
	if mod == nil {
		return target{}
	}
	path := syntax.Path(&syntax.File{Forms: mainFileForms(res)}, syntax.Pos{Offset: off})
	if ref, ok := functionRefAt(path, off); ok && !ref.moduleOnly {
		t := target{kind: tgFunc, name: ref.name, arity: ref.arity, module: ref.module}
		if t.module == "" {
			t.module = calleeModule(mod, ref.name, ref.arity)
		}
		t.at = nameSpanAt(path, doc.Path, off)
		return t
	}
	record := func(name, field *syntax.Atom) (target, bool) {
		if name == nil {
			return target{}, false
		}
		r := mod.Records[name.Name]
		if r == nil {
			return target{}, false
		}
		t := target{name: name.Name, defFile: fileOr(r.File, doc.Path), defOff: r.Pos.Offset}
		switch {
		case in(name.Pos, name.End):
			t.kind, t.at = tgRecord, atomSpan(doc.Path, name)
		case field != nil && in(field.Pos, field.End):
			t.kind, t.field, t.at = tgField, field.Name, atomSpan(doc.Path, field)
		default:
			return target{}, false
		}
		return t, true
	}
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *syntax.Var:
			vars := sema.VariableRefs(res.File, n.Pos)
			if len(vars) == 0 {
				return target{}
			}
			return target{kind: tgVar, name: n.Name, vars: vars, at: span{doc.Path, n.Pos.Offset, n.End.Offset}}
		case *syntax.RecordField:
			if i > 0 {
				if r, ok := path[i-1].(*syntax.Record); ok {
					if t, ok := record(r.Name, n.Name); ok {
						return t
					}
				}
			}
		case *syntax.Record:
			if t, ok := record(n.Name, nil); ok {
				return t
			}
		case *syntax.RecordAccess:
			if t, ok := record(n.Name, n.Field); ok {
				return t
			}
		case *syntax.RecordIndex:
			if t, ok := record(n.Name, n.Field); ok {
				return t
			}
		case *syntax.RecordFieldDef:
			if i > 0 {
				if d, ok := path[i-1].(*syntax.RecordDef); ok {
					if t, ok := record(d.Name, n.Name); ok {
						return t
					}
				}
			}
		case *syntax.RecordDef:
			if t, ok := record(n.Name, nil); ok {
				return t
			}
		}
	}
	return target{}
}

// nameSpanAt is the span of the atom under the cursor.
func nameSpanAt(path []syntax.Node, file string, off int32) span {
	for i := len(path) - 1; i >= 0; i-- {
		if a, ok := path[i].(*syntax.Atom); ok && a.Pos.Offset <= off && off <= a.End.Offset {
			return atomSpan(file, a)
		}
	}
	return span{file: file, start: off, end: off}
}

// calleeModule is the module a local call name/arity goes to: the module
// itself, an -import's module, or erlang for an auto-imported BIF.
func calleeModule(mod *sema.Module, name string, arity int) string {
	if mod.Function(name, arity) != nil {
		return mod.Name
	}
	if m, ok := mod.Imports[sema.FA{Name: name, Arity: arity}]; ok {
		return m
	}
	if sema.IsAutoImported(name, arity) {
		return "erlang"
	}
	return mod.Name
}

// occurrences lists every place in one checked file that names t. With
// decl, definitions count too (a function's clause heads, a record's or
// macro's definition).
func occurrences(res *sema.Result, path string, t target, decl bool) []span {
	mod := res.Module
	if mod == nil {
		return nil
	}
	var out []span
	switch t.kind {
	case tgVar:
		for _, v := range t.vars {
			out = append(out, span{path, v.Pos.Offset, v.End.Offset})
		}
	case tgMacro:
		if res.PP.Info == nil {
			return nil
		}
		for _, u := range res.PP.Info.Uses {
			if u.Def != nil && u.Def.File == t.defFile && u.Def.Pos.Offset == t.defOff {
				out = append(out, span{fileOr(u.File, path), u.End.Offset - int32(len(u.Name)), u.End.Offset})
			}
		}
		if decl {
			for _, d := range res.PP.Info.Defines {
				if d.File == t.defFile && d.Pos.Offset == t.defOff {
					out = append(out, span{d.File, d.Pos.Offset, d.End.Offset})
					break
				}
			}
		}
	case tgFunc:
		out = funcOccurrences(res, path, t, decl)
	case tgRecord, tgField:
		r := mod.Records[t.name]
		if r == nil || fileOr(r.File, path) != t.defFile || r.Pos.Offset != t.defOff {
			return nil
		}
		if decl && r.Node != nil {
			if t.kind == tgRecord && r.Node.Name != nil {
				out = append(out, atomSpan(t.defFile, r.Node.Name))
			}
			for _, f := range r.Node.Fields {
				if t.kind == tgField && f.Name != nil && f.Name.Name == t.field {
					out = append(out, atomSpan(t.defFile, f.Name))
				}
			}
		}
		use := func(name, field *syntax.Atom) {
			if name == nil || name.Name != t.name {
				return
			}
			if t.kind == tgRecord {
				out = append(out, atomSpan(path, name))
			} else if field != nil && field.Name == t.field {
				out = append(out, atomSpan(path, field))
			}
		}
		for _, f := range mainFileForms(res) {
			syntax.Inspect(f, func(n syntax.Node) bool {
				switch n := n.(type) {
				case *syntax.Record:
					use(n.Name, nil)
					for _, fl := range n.Fields {
						if t.kind == tgField {
							use(n.Name, fl.Name)
						}
					}
				case *syntax.RecordAccess:
					use(n.Name, n.Field)
				case *syntax.RecordIndex:
					use(n.Name, n.Field)
				}
				return true
			})
		}
	}
	return out
}

// funcOccurrences finds the calls, fun references, export and import
// entries, -spec names and (with decl) clause heads of a function.
func funcOccurrences(res *sema.Result, path string, t target, decl bool) []span {
	mod := res.Module
	var out []span
	is := func(a *syntax.Atom, arity int) bool { return a != nil && a.Name == t.name && arity == t.arity }
	atomOf := func(e syntax.Expr) *syntax.Atom { a, _ := e.(*syntax.Atom); return a }
	intOf := func(e syntax.Expr) int {
		if i, ok := e.(*syntax.Integer); ok && i.Big == nil {
			return int(i.Value)
		}
		return -1
	}
	for _, f := range mainFileForms(res) {
		switch f := f.(type) {
		case *syntax.ExportAttr:
			if !f.Type && mod.Name == t.module {
				for _, na := range f.Funcs {
					if na.Arity != nil && is(na.Name, int(na.Arity.Value)) {
						out = append(out, atomSpan(path, na.Name))
					}
				}
			}
			continue
		case *syntax.ImportAttr:
			if f.Module != nil && f.Module.Name == t.module {
				for _, na := range f.Funcs {
					if na.Arity != nil && is(na.Name, int(na.Arity.Value)) {
						out = append(out, atomSpan(path, na.Name))
					}
				}
			}
			continue
		case *syntax.Spec:
			m := mod.Name
			if f.Module != nil {
				m = f.Module.Name
			}
			if !f.Callback && m == t.module && is(f.Name, f.Arity) {
				out = append(out, atomSpan(path, f.Name))
			}
			continue
		case *syntax.Function:
			if decl && mod.Name == t.module && f.Name == t.name && f.Arity == t.arity {
				for _, cl := range f.Clauses {
					if a := atomOf(cl.Name); a != nil {
						out = append(out, atomSpan(path, a))
					}
				}
			}
		}
		syntax.Inspect(f, func(n syntax.Node) bool {
			switch n := n.(type) {
			case *syntax.Call:
				switch fn := n.Fun.(type) {
				case *syntax.Atom:
					if is(fn, len(n.Args)) && calleeModule(mod, fn.Name, len(n.Args)) == t.module {
						out = append(out, atomSpan(path, fn))
					}
				case *syntax.Remote:
					if m := atomOf(fn.Module); m != nil && m.Name == t.module && is(atomOf(fn.Name), len(n.Args)) {
						out = append(out, atomSpan(path, atomOf(fn.Name)))
					}
				}
			case *syntax.FunRef:
				name := atomOf(n.Name)
				if !is(name, intOf(n.Arity)) {
					break
				}
				m := mod.Name
				if n.Module != nil {
					ma := atomOf(n.Module)
					if ma == nil {
						break
					}
					m = ma.Name
				}
				if m == t.module {
					out = append(out, atomSpan(path, name))
				}
			}
			return true
		})
	}
	return out
}

// candidateFiles lists the files a search for t must look at: for a
// variable, or a record or macro defined in the document itself, just the
// document; otherwise every workspace module and open document whose text
// mentions the name (a cheap filter before parsing).
func (s *Server) candidateFiles(doc *Document, t target) []string {
	if t.kind == tgVar || (t.kind != tgFunc && t.defFile == doc.Path) {
		return []string{doc.Path}
	}
	s.ws.mu.Lock()
	files := append([]string(nil), s.ws.files...)
	s.ws.mu.Unlock()
	seen := map[string]bool{}
	var out []string
	add := func(p, text string) {
		if seen[p] || filepath.Ext(p) != ".erl" {
			return
		}
		seen[p] = true
		if strings.Contains(text, t.name) {
			out = append(out, p)
		}
	}
	add(doc.Path, doc.Text)
	for _, d := range s.docs.all() {
		add(d.Path, d.Text)
	}
	for _, p := range files {
		if seen[p] {
			continue
		}
		src, err := os.ReadFile(p)
		if err != nil {
			continue
		}
		add(p, string(src))
	}
	return out
}

// resultFor checks a file for a cross-file search: an open document's
// current check, or the file on disk.
func (s *Server) resultFor(path string) *sema.Result {
	if d := s.docs.byPath(path); d != nil {
		_, res, err := s.analysis(d.URI)
		if err != nil {
			return nil
		}
		return res
	}
	src, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	return s.ws.check(path, src, nil)
}

// findReferences collects every occurrence of t in the workspace, sorted
// and without duplicates.
func (s *Server) findReferences(ctx context.Context, doc *Document, res *sema.Result, t target, decl bool) ([]span, error) {
	var all []span
	for _, p := range s.candidateFiles(doc, t) {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("references: %w", err)
		}
		r := res
		if p != doc.Path {
			if r = s.resultFor(p); r == nil {
				continue
			}
		}
		all = append(all, occurrences(r, p, t, decl)...)
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].file != all[j].file {
			return all[i].file < all[j].file
		}
		return all[i].start < all[j].start
	})
	out := all[:0]
	for i, sp := range all {
		if i == 0 || sp != all[i-1] {
			out = append(out, sp)
		}
	}
	return out, nil
}

// spanDocs converts spans to LSP ranges, reading each file once.
type spanDocs struct {
	s    *Server
	docs map[string]*Document
}

func (c *spanDocs) doc(path string) *Document {
	if d, ok := c.docs[path]; ok {
		return d
	}
	d := c.s.docs.byPath(path)
	if d == nil {
		if src, err := os.ReadFile(path); err == nil {
			d = newDocument(pathToURI(path), path, 0, string(src))
		}
	}
	if c.docs == nil {
		c.docs = map[string]*Document{}
	}
	c.docs[path] = d
	return d
}

func (c *spanDocs) location(sp span, enc string) (Location, bool) {
	d := c.doc(sp.file)
	if d == nil {
		return Location{}, false
	}
	return Location{URI: d.URI, Range: d.Range(int(sp.start), int(sp.end), enc)}, true
}

// ReferenceParams is textDocument/references's payload.
type ReferenceParams struct {
	TextDocumentPositionParams
	Context struct {
		IncludeDeclaration bool `json:"includeDeclaration"`
	} `json:"context"`
}

// handleReferences answers textDocument/references for functions (calls,
// fun references, export and import lists, -spec, across the workspace),
// records and their fields, macros and variables.
func handleReferences(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	var p ReferenceParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	doc, res, off, err := s.positionRequest(params)
	if err != nil {
		return nil, err
	}
	if err := s.ws.wait(ctx); err != nil {
		return nil, err
	}
	t := s.targetAt(doc, res, off)
	if t.kind == tgNone {
		return nil, nil
	}
	spans, err := s.findReferences(ctx, doc, res, t, p.Context.IncludeDeclaration)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	conv := spanDocs{s: s}
	out := []Location{}
	for _, sp := range spans {
		if l, ok := conv.location(sp, enc); ok {
			out = append(out, l)
		}
	}
	return out, nil
}

// DocumentHighlight is one occurrence to highlight.
type DocumentHighlight struct {
	Range Range `json:"range"`
	Kind  int   `json:"kind,omitempty"` // 1 text, 2 read, 3 write
}

// handleDocumentHighlight answers textDocument/documentHighlight: the
// references of the symbol under the cursor within the document itself.
func handleDocumentHighlight(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	doc, res, off, err := s.positionRequest(params)
	if err != nil {
		return nil, err
	}
	t := s.targetAt(doc, res, off)
	if t.kind == tgNone {
		return nil, nil
	}
	enc := s.encoding()
	out := []DocumentHighlight{}
	for _, sp := range occurrences(res, doc.Path, t, true) {
		if sp.file == doc.Path {
			out = append(out, DocumentHighlight{Range: doc.Range(int(sp.start), int(sp.end), enc), Kind: 1})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i].Range.Start, out[j].Range.Start
		return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
	})
	return out, nil
}
