package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// keywords are Erlang's reserved words that start or continue expressions.
var keywords = []string{"after", "andalso", "begin", "case", "catch", "end", "fun", "if", "maybe", "of", "orelse", "receive", "try", "when"}

// handleCompletion answers textDocument/completion from the text before the
// cursor: after "mod:" the module's exported functions (from the workspace
// index), after "?" macros, after "#" records, otherwise the module's
// functions, variables in scope, module names and keywords. Functions come
// with their arity and, for clients that take snippets, a call snippet
// with the first clause's argument names.
func handleCompletion(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	doc, res, off, err := s.positionRequest(params)
	if err != nil {
		return nil, err
	}
	if err := s.ws.wait(ctx); err != nil {
		return nil, err
	}
	text := doc.Text[:off]
	start := len(text)
	for start > 0 && isNameByte(text[start-1]) {
		start--
	}
	prefix := text[start:]
	before := text[:start]
	items := []CompletionItem{}
	add := func(it CompletionItem) {
		name := it.FilterText
		if name == "" {
			name = it.Label
		}
		if strings.HasPrefix(name, prefix) {
			items = append(items, it)
		}
	}
	mod := res.Module
	switch {
	case strings.HasSuffix(before, "?"):
		for _, m := range res.PP.Info.Defines {
			detail := ""
			if m.Arity >= 0 {
				detail = fmt.Sprintf("(%s)", strings.Join(m.Params, ", "))
			}
			add(CompletionItem{Label: m.Name, Kind: compConstant, Detail: "?" + m.Name + detail})
		}
	case strings.HasSuffix(before, "#"):
		if mod != nil {
			for name, r := range mod.Records {
				add(CompletionItem{Label: name, Kind: compStruct, Detail: "#" + name + "{" + strings.Join(r.Fields, ", ") + "}"})
			}
		}
	case strings.HasSuffix(before, ":") && !strings.HasSuffix(before, "::"):
		m := before[:len(before)-1]
		i := len(m)
		for i > 0 && isNameByte(m[i-1]) {
			i--
		}
		other := s.ws.index.Module(m[i:])
		if other == nil {
			break
		}
		for _, fa := range exportsOf(other) {
			if fn := other.Function(fa.Name, fa.Arity); fn != nil {
				add(withData(s.functionItem(other.Name, fn), other.Name, fn))
			}
		}
	default:
		if mod != nil {
			for _, fn := range mod.Functions {
				add(withData(s.functionItem("", fn), mod.Name, fn))
			}
		}
		for _, fa := range autoImportedBIFs(mod) {
			add(s.bifItem(fa))
		}
		for _, a := range atomsUsed(mainFileForms(res), off) {
			add(CompletionItem{Label: a, Kind: compAtom, Detail: "atom"})
		}
		if start == 0 || before[len(before)-1] == '\n' {
			name := strings.TrimSuffix(filepath.Base(doc.Path), ".erl")
			if mod != nil && mod.Name != "" {
				name = mod.Name
			}
			for _, it := range s.skeletonItems(name) {
				add(it)
			}
		}
		if file := res.File; file != nil {
			for _, v := range sema.VariablesAt(file, syntax.Pos{Offset: off}) {
				add(CompletionItem{Label: v.Name, Kind: compVariable})
			}
		}
		for _, m := range s.ws.index.Modules() {
			add(CompletionItem{Label: m, Kind: compModule})
		}
		for _, k := range keywords {
			add(CompletionItem{Label: k, Kind: compKeyword})
		}
	}
	sort.SliceStable(items, func(i, j int) bool { return items[i].Label < items[j].Label })
	return CompletionList{Items: items}, nil
}

func isNameByte(c byte) bool {
	return c == '_' || c == '@' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

func exportsOf(m *sema.Module) []sema.FA {
	var out []sema.FA
	for _, fn := range m.Functions {
		if m.IsExported(fn.Name, fn.Arity) {
			out = append(out, fn.FA)
		}
	}
	return out
}

// functionItem proposes a function: label name/arity, and a call with the
// first clause's variable names as snippet placeholders.
func (s *Server) functionItem(module string, fn *sema.Function) CompletionItem {
	detail := fmt.Sprintf("%s/%d", fn.Name, fn.Arity)
	if module != "" {
		detail = module + ":" + detail
	}
	it := CompletionItem{Label: fmt.Sprintf("%s/%d", fn.Name, fn.Arity), FilterText: fn.Name, Kind: compFunction, Detail: detail}
	if fn.Node != nil && strings.TrimSpace(fn.Node.Doc) != "" {
		it.Documentation = &MarkupContent{Kind: "markdown", Value: strings.TrimSpace(fn.Node.Doc)}
	}
	if !s.snippets() {
		it.InsertText = fn.Name + "()"
		if fn.Arity > 0 {
			it.InsertText = fn.Name + "("
		}
		return it
	}
	var args []string
	for i, name := range paramNames(fn) {
		args = append(args, fmt.Sprintf("${%d:%s}", i+1, name))
	}
	it.InsertText = fn.Name + "(" + strings.Join(args, ", ") + ")"
	it.InsertTextFormat = 2
	return it
}

// withData attaches what completionItem/resolve needs to find fn.
func withData(it CompletionItem, module string, fn *sema.Function) CompletionItem {
	it.Data, _ = json.Marshal(CompletionData{Module: module, Name: fn.Name, Arity: fn.Arity})
	return it
}

// snippets reports whether the client accepts snippet completions.
func (s *Server) snippets() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.snippetSupport
}
