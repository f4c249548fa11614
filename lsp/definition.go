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
	var p TextDocumentPositionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	doc, res, err := s.analysis(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	off, err := doc.Offset(p.Position, enc)
	if err != nil {
		return nil, invalidParams(err)
	}
	select {
	case <-s.ws.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	loc := s.definitionAt(doc, res, int32(off), enc)
	if loc == nil {
		return nil, nil
	}
	return []Location{*loc}, nil
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
	atomName := func(e syntax.Expr) (string, bool) {
		a, ok := e.(*syntax.Atom)
		if !ok {
			return "", false
		}
		return a.Name, in(a.Pos, a.End)
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
		case *syntax.Call:
			switch f := n.Fun.(type) {
			case *syntax.Atom:
				if _, on := atomName(f); on {
					return local(f.Name, len(n.Args))
				}
			case *syntax.Remote:
				m, onMod := atomName(f.Module)
				name, onName := atomName(f.Name)
				switch {
				case onName && m != "":
					return remote(m, name, len(n.Args))
				case onMod:
					return module(m)
				}
			}
		case *syntax.FunRef:
			ar, ok := n.Arity.(*syntax.Integer)
			name, onName := atomName(n.Name)
			if !ok || !onName {
				continue
			}
			if n.Module == nil {
				return local(name, int(ar.Value))
			}
			if m, _ := atomName(n.Module); m != "" {
				return remote(m, name, int(ar.Value))
			}
		case *syntax.NameArity:
			if n.Name != nil && n.Arity != nil && in(n.Name.Pos, n.Name.End) {
				if _, isExport := path[max(i-1, 0)].(*syntax.ExportAttr); isExport || i == 0 {
					return local(n.Name.Name, int(n.Arity.Value))
				}
			}
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
