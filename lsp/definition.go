package lsp

import (
	"context"
	"encoding/json"
	"os"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// handleDefinition answers textDocument/definition for macros, include
// files, local and remote functions (remote ones through the workspace
// index), modules, records and variables (the binding occurrence). It
// answers null where it knows no definition.
func handleDefinition(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	doc, res, off, err := s.positionRequest(params)
	if err != nil {
		return nil, err
	}
	if err := s.ws.wait(ctx); err != nil {
		return nil, err
	}
	loc := s.definitionAt(doc, res, off, s.encoding())
	if loc == nil {
		return nil, nil
	}
	return []Location{*loc}, nil
}

// positionRequest decodes a request about a position in an open document
// and returns the document, its analysis and the byte offset.
func (s *Server) positionRequest(params json.RawMessage) (*Document, *sema.Result, int32, error) {
	var p TextDocumentPositionParams
	if err := decode(params, &p); err != nil {
		return nil, nil, 0, err
	}
	doc, res, err := s.analysis(p.TextDocument.URI)
	if err != nil {
		return nil, nil, 0, err
	}
	off, err := doc.Offset(p.Position, s.encoding())
	if err != nil {
		return nil, nil, 0, invalidParams(err)
	}
	return doc, res, int32(off), nil
}

func (s *Server) definitionAt(doc *Document, res *sema.Result, off int32, enc string) *Location {
	in := func(a, b syntax.Pos) bool { return a.Offset <= off && off <= b.Offset }
	if info := res.PP.Info; info != nil {
		for _, u := range info.Uses {
			if (u.File == doc.Path || u.File == "") && in(u.Pos, u.End) && u.Def != nil && u.Def.File != "" {
				return s.location(u.Def.File, u.Def.Pos.Offset, u.Def.End.Offset, enc)
			}
		}
		for _, inc := range info.Includes {
			if (inc.File == doc.Path || inc.File == "") && in(inc.Pos, inc.End) && inc.Path != "" {
				return s.location(inc.Path, 0, 0, enc)
			}
		}
	}
	mod := res.Module
	file := &syntax.File{Forms: mainFileForms(res)}
	path := syntax.Path(file, syntax.Pos{Offset: off})
	if len(path) == 0 || mod == nil {
		return nil
	}
	local := func(name string, arity int) *Location {
		if fn := mod.Function(name, arity); fn != nil {
			return s.location(fileOr(fn.File, doc.Path), fn.Pos.Offset, fn.End.Offset, enc)
		}
		return nil
	}
	remote := func(m, name string, arity int) *Location {
		if fn, _ := s.ws.index.Definition(m, name, arity); fn != nil {
			return s.location(fn.File, fn.Pos.Offset, fn.End.Offset, enc)
		}
		return nil
	}
	module := func(name string) *Location {
		if m := s.ws.index.Module(name); m != nil {
			return s.location(m.File, m.NamePos.Offset, m.NamePos.Offset, enc)
		}
		return nil
	}
	record := func(a *syntax.Atom) *Location {
		if a == nil || !in(a.Pos, a.End) {
			return nil
		}
		if r := mod.Records[a.Name]; r != nil {
			return s.location(fileOr(r.File, doc.Path), r.Pos.Offset, r.End.Offset, enc)
		}
		return nil
	}
	if ref, ok := functionRefAt(path, off); ok {
		switch {
		case ref.moduleOnly:
			return module(ref.module)
		case ref.module == "":
			return local(ref.name, ref.arity)
		default:
			return remote(ref.module, ref.name, ref.arity)
		}
	}
	// From the innermost node out, the first construct that names
	// something under the cursor.
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *syntax.Var:
			refs := sema.VariableRefs(res.File, n.Pos)
			if len(refs) > 0 {
				return s.location(doc.Path, refs[0].Pos.Offset, refs[0].End.Offset, enc)
			}
			return nil
		case *syntax.Record:
			if l := record(n.Name); l != nil {
				return l
			}
		case *syntax.RecordAccess:
			if l := record(n.Name); l != nil {
				return l
			}
		case *syntax.RecordIndex:
			if l := record(n.Name); l != nil {
				return l
			}
		case *syntax.BehaviourAttr:
			if n.Name != nil && in(n.Name.Pos, n.Name.End) {
				return module(n.Name.Name)
			}
		}
	}
	return nil
}

func fileOr(file, def string) string {
	if file == "" {
		return def
	}
	return file
}

// location converts byte offsets in the file at path to an LSP location,
// reading the file from the editor when it is open and from disk
// otherwise.
func (s *Server) location(path string, start, end int32, enc string) *Location {
	d := s.docs.byPath(path)
	if d == nil {
		src, err := os.ReadFile(path)
		if err != nil {
			s.log.Debug("lsp: definition in an unreadable file", "path", path, "err", err)
			return nil
		}
		d = newDocument(pathToURI(path), path, 0, string(src))
	}
	return &Location{URI: d.URI, Range: d.Range(int(start), int(end), enc)}
}

// funcRef is a function named under the cursor: local when module is "";
// with moduleOnly, the cursor is on the module of a remote call.
type funcRef struct {
	module, name string
	arity        int
	moduleOnly   bool
}

// functionRefAt finds the function named at off: in a call, a fun
// reference, an export list or a function clause's head.
func functionRefAt(path []syntax.Node, off int32) (funcRef, bool) {
	atomName := func(e syntax.Expr) (string, bool) {
		a, ok := e.(*syntax.Atom)
		if !ok {
			return "", false
		}
		return a.Name, a.Pos.Offset <= off && off <= a.End.Offset
	}
	for i := len(path) - 1; i >= 0; i-- {
		switch n := path[i].(type) {
		case *syntax.Call:
			switch f := n.Fun.(type) {
			case *syntax.Atom:
				if name, on := atomName(f); on {
					return funcRef{name: name, arity: len(n.Args)}, true
				}
			case *syntax.Remote:
				m, onMod := atomName(f.Module)
				name, onName := atomName(f.Name)
				switch {
				case onName && m != "":
					return funcRef{module: m, name: name, arity: len(n.Args)}, true
				case onMod:
					return funcRef{module: m, moduleOnly: true}, true
				}
			}
		case *syntax.FunRef:
			ar, ok := n.Arity.(*syntax.Integer)
			name, onName := atomName(n.Name)
			if !ok || !onName {
				continue
			}
			if n.Module == nil {
				return funcRef{name: name, arity: int(ar.Value)}, true
			}
			if m, _ := atomName(n.Module); m != "" {
				return funcRef{module: m, name: name, arity: int(ar.Value)}, true
			}
		case *syntax.NameArity:
			if n.Name != nil && n.Arity != nil && i > 0 {
				name, on := atomName(n.Name)
				switch a := path[i-1].(type) {
				case *syntax.ExportAttr:
					if on && !a.Type {
						return funcRef{name: name, arity: int(n.Arity.Value)}, true
					}
				case *syntax.ImportAttr:
					if on && a.Module != nil {
						return funcRef{module: a.Module.Name, name: name, arity: int(n.Arity.Value)}, true
					}
				}
			}
		case *syntax.Spec:
			if n.Name == nil || n.Callback {
				continue
			}
			if name, on := atomName(n.Name); on {
				ref := funcRef{name: name, arity: n.Arity}
				if n.Module != nil {
					ref.module = n.Module.Name
				}
				return ref, true
			}
		case *syntax.Clause:
			if name, on := atomName(n.Name); on && i > 0 {
				if _, isFn := path[i-1].(*syntax.Function); isFn {
					return funcRef{name: name, arity: len(n.Patterns)}, true
				}
			}
		}
	}
	return funcRef{}, false
}
