package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// SignatureHelp is the answer to textDocument/signatureHelp.
type SignatureHelp struct {
	Signatures      []SignatureInformation `json:"signatures"`
	ActiveSignature uint32                 `json:"activeSignature"`
	ActiveParameter uint32                 `json:"activeParameter"`
}

// SignatureInformation is one function's signature.
type SignatureInformation struct {
	Label         string                 `json:"label"`
	Documentation *MarkupContent         `json:"documentation,omitempty"`
	Parameters    []ParameterInformation `json:"parameters"`
}

// ParameterInformation is one parameter; Label is a substring of the
// signature's label.
type ParameterInformation struct {
	Label string `json:"label"`
}

// SignatureHelpOptions lists the characters that trigger signature help.
type SignatureHelpOptions struct {
	TriggerCharacters   []string `json:"triggerCharacters,omitempty"`
	RetriggerCharacters []string `json:"retriggerCharacters,omitempty"`
}

// openCall is the call whose argument list holds the cursor.
type openCall struct {
	module, name string
	arg          int // index of the argument the cursor is in
}

// callAt scans the current form's text up to off, which need not parse
// (the user is typing the call), and finds the innermost unclosed call.
func callAt(doc *Document, res *sema.Result, off int32) (openCall, bool) {
	start := int32(0)
	for _, f := range mainFileForms(res) {
		if p := f.Span().Pos.Offset; p <= off && p >= start {
			start = p
		}
	}
	toks, tx, _ := syntax.Scan("", []byte(doc.Text[start:off]), syntax.DropComments)
	type frame struct {
		call openCall
		is   bool
	}
	var stack []frame
	for i, t := range toks {
		switch t.Kind {
		case syntax.LPAREN:
			f := frame{}
			if i > 0 && toks[i-1].Kind == syntax.ATOM && (i < 2 || toks[i-2].Kind != syntax.FUN && toks[i-2].Kind != syntax.HASH && toks[i-2].Kind != syntax.QUESTION) {
				f = frame{call: openCall{name: tx.Lit(&toks[i-1])}, is: true}
				if i > 2 && toks[i-2].Kind == syntax.COLON && toks[i-3].Kind == syntax.ATOM {
					f.call.module = tx.Lit(&toks[i-3])
				}
			}
			stack = append(stack, f)
		case syntax.LBRACE, syntax.LBRACKET, syntax.DOUBLELT:
			stack = append(stack, frame{})
		case syntax.RPAREN, syntax.RBRACE, syntax.RBRACKET, syntax.DOUBLEGT:
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case syntax.COMMA:
			if n := len(stack); n > 0 {
				stack[n-1].call.arg++
			}
		case syntax.DOT:
			stack = stack[:0]
		}
	}
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].is {
			return stack[i].call, true
		}
	}
	return openCall{}, false
}

// handleSignatureHelp answers textDocument/signatureHelp inside a call's
// argument list: one signature per arity of the function (the clause's
// argument names), its -spec as written and its doc, the active one the
// first with enough parameters.
func handleSignatureHelp(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	doc, res, off, err := s.positionRequest(params)
	if err != nil {
		return nil, err
	}
	if res.Module == nil {
		return nil, nil
	}
	call, ok := callAt(doc, res, off)
	if !ok {
		return nil, nil
	}
	mod := res.Module
	if call.module == "" {
		if m, ok := importedFrom(mod, call.name); ok {
			call.module = m
		}
	}
	if call.module != "" && call.module != mod.Name {
		if err := s.ws.wait(ctx); err != nil {
			return nil, err
		}
		mod = s.ws.index.Module(call.module)
		if mod == nil {
			return nil, nil
		}
	}
	help := SignatureHelp{Signatures: []SignatureInformation{}, ActiveParameter: uint32(call.arg)}
	active := -1
	for _, fn := range mod.Functions {
		if fn.Name != call.name || mod != res.Module && !mod.IsExported(fn.Name, fn.Arity) {
			continue
		}
		names := paramNames(fn)
		sig := SignatureInformation{Label: fmt.Sprintf("%s(%s)", fn.Name, strings.Join(names, ", ")), Parameters: []ParameterInformation{}}
		for _, n := range names {
			sig.Parameters = append(sig.Parameters, ParameterInformation{Label: n})
		}
		var b strings.Builder
		if spec := mod.Specs[fn.FA]; spec != nil {
			if text := s.sourceOf(fileOr(fn.File, mod.File), spec.Loc, doc); text != "" {
				fmt.Fprintf(&b, "```erlang\n%s\n```\n", text)
			}
		}
		if fn.Node != nil && strings.TrimSpace(fn.Node.Doc) != "" {
			b.WriteString(strings.TrimSpace(fn.Node.Doc))
		}
		if b.Len() > 0 {
			sig.Documentation = &MarkupContent{Kind: "markdown", Value: b.String()}
		}
		if active < 0 && fn.Arity > call.arg {
			active = len(help.Signatures)
		}
		help.Signatures = append(help.Signatures, sig)
	}
	if len(help.Signatures) == 0 {
		return nil, nil
	}
	help.ActiveSignature = uint32(max(active, 0))
	return help, nil
}

// importedFrom finds the module a local call name is imported from.
func importedFrom(mod *sema.Module, name string) (string, bool) {
	for fa, m := range mod.Imports {
		if fa.Name == name {
			return m, true
		}
	}
	return "", false
}

// shapeName names a pattern that is no variable after its shape.
func shapeName(e syntax.Expr) string {
	switch e.(type) {
	case *syntax.List:
		return "List"
	case *syntax.Tuple:
		return "Tuple"
	case *syntax.Map:
		return "Map"
	case *syntax.Binary:
		return "Binary"
	case *syntax.String:
		return "String"
	case *syntax.Record:
		return "Record"
	}
	return ""
}

// paramNames names a function's parameters: at each position the first
// clause's variable there (without a leading _), else the shape of a
// pattern there (List, Tuple, ...), else ArgN.
func paramNames(fn *sema.Function) []string {
	names := make([]string, fn.Arity)
	for i := range names {
		names[i] = ""
		if fn.Node != nil {
			names[i] = paramName(fn.Node.Clauses, i)
		}
		if names[i] == "" {
			names[i] = fmt.Sprintf("Arg%d", i+1)
		}
	}
	return names
}

// paramName names parameter i after the clauses' patterns: a variable
// first, else a shape.
func paramName(cls []*syntax.Clause, i int) string {
	for _, cl := range cls {
		if i >= len(cl.Patterns) {
			continue
		}
		p := cl.Patterns[i]
		if m, ok := p.(*syntax.Match); ok {
			p = m.Right
		}
		if v, ok := p.(*syntax.Var); ok && strings.TrimLeft(v.Name, "_") != "" {
			return strings.TrimLeft(v.Name, "_")
		}
	}
	for _, cl := range cls {
		if i < len(cl.Patterns) {
			if shape := shapeName(cl.Patterns[i]); shape != "" {
				return shape
			}
		}
	}
	return ""
}
