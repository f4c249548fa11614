package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/otpbox/otpbox/sandbox/erl/sema"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// CodeActionParams is textDocument/codeAction's payload.
type CodeActionParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
	Range        Range                  `json:"range"`
	Context      struct {
		Diagnostics []Diagnostic `json:"diagnostics"`
		Only        []string     `json:"only,omitempty"`
	} `json:"context"`
}

// CodeAction is one fix the editor can apply.
type CodeAction struct {
	Title       string         `json:"title"`
	Kind        string         `json:"kind,omitempty"`
	Diagnostics []Diagnostic   `json:"diagnostics,omitempty"`
	IsPreferred bool           `json:"isPreferred,omitempty"`
	Edit        *WorkspaceEdit `json:"edit,omitempty"`
}

// byteEdit replaces doc.Text[start:end] with text.
type byteEdit struct {
	start, end int
	text       string
}

// quickFix is a code action before its edits are converted to positions.
type quickFix struct {
	title string
	diag  *sema.Diagnostic
	edits []byteEdit
}

// handleCodeAction answers textDocument/codeAction with quick fixes for the
// problems the server itself finds in the range (it re-derives them from
// its own check rather than trusting the client's copy): export an unused
// function, create an undefined one, prefix an unused variable with _, add
// a behaviour's missing callbacks, and rename a module to match its file.
func handleCodeAction(_ context.Context, s *Server, params json.RawMessage) (any, error) {
	var p CodeActionParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	doc, res, err := s.analysis(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	enc := s.encoding()
	start, err := doc.Offset(p.Range.Start, enc)
	if err != nil {
		return nil, invalidParams(err)
	}
	end, err := doc.Offset(p.Range.End, enc)
	if err != nil {
		return nil, invalidParams(err)
	}
	if end < start {
		return nil, invalidParams(fmt.Errorf("range end %d:%d is before its start", p.Range.End.Line, p.Range.End.Character))
	}
	out := []CodeAction{}
	for _, f := range quickFixes(doc, res, int32(start), int32(end)) {
		a := CodeAction{Title: f.title, Kind: "quickfix", Edit: &WorkspaceEdit{Changes: map[string][]TextEdit{}}}
		if f.diag != nil {
			a.Diagnostics = []Diagnostic{toDiagnostic(doc, *f.diag, enc)}
			a.IsPreferred = true
		}
		for _, e := range f.edits {
			a.Edit.Changes[doc.URI] = append(a.Edit.Changes[doc.URI], TextEdit{Range: doc.Range(e.start, e.end, enc), NewText: e.text})
		}
		out = append(out, a)
	}
	out = append(out, hintActions(doc, res, int32(start), int32(end), enc)...) // lsp/hints.go
	return out, nil
}

var (
	undefinedFunctionMsg = regexp.MustCompile(`^function ([a-z][A-Za-z0-9_@]*)/(\d+) undefined$`)
	missingCallbackMsg   = regexp.MustCompile(`^undefined callback function ([a-z][A-Za-z0-9_@]*)/(\d+) \(behaviour '([^']+)'\)$`)
)

// quickFixes lists the fixes for the problems overlapping [start, end].
func quickFixes(doc *Document, res *sema.Result, start, end int32) []quickFix {
	mod := res.Module
	if mod == nil || filepath.Ext(doc.Path) != ".erl" {
		return nil
	}
	var out []quickFix
	missing := map[string][]sema.FA{} // behaviour -> callbacks
	var missingDiag = map[string]*sema.Diagnostic{}
	for i := range res.Diagnostics {
		d := &res.Diagnostics[i]
		if d.File != doc.Path && d.File != "" || d.Pos.Offset > end || d.End.Offset < start {
			continue
		}
		switch d.Code {
		case "unused_var":
			name := doc.Text[d.Pos.Offset:d.End.Offset]
			out = append(out, quickFix{title: fmt.Sprintf("Prefix %s with _ (mark it unused)", name), diag: d,
				edits: []byteEdit{{int(d.Pos.Offset), int(d.Pos.Offset), "_"}}})
		case "unused_function":
			for _, fn := range mod.Functions {
				if fn.Pos == d.Pos {
					out = append(out, quickFix{title: "Export " + fn.FA.String(), diag: d, edits: exportEdits(doc, res, []sema.FA{fn.FA})})
				}
			}
		case "undefined_function":
			m := undefinedFunctionMsg.FindStringSubmatch(d.Message)
			if m == nil {
				continue
			}
			arity, _ := strconv.Atoi(m[2])
			if f, ok := createFunction(doc, res, d.Pos.Offset, m[1], arity); ok {
				f.diag = d
				out = append(out, f)
			}
		case "undefined_behaviour_func":
			m := missingCallbackMsg.FindStringSubmatch(d.Message)
			if m == nil {
				continue
			}
			arity, _ := strconv.Atoi(m[2])
			fa, beh := sema.FA{Name: m[1], Arity: arity}, m[3]
			if missing[beh] == nil {
				missingDiag[beh] = d
			}
			missing[beh] = append(missing[beh], fa)
		}
	}
	behs := make([]string, 0, len(missing))
	for b := range missing {
		behs = append(behs, b)
	}
	sort.Strings(behs)
	for _, b := range behs {
		out = append(out, addCallbacks(doc, res, b, missing[b], missingDiag[b]))
	}
	if f, ok := renameModuleFix(doc, res, start, end); ok {
		out = append(out, f)
	}
	return out
}

// exportEdits adds functions to the module's first -export, or adds an
// -export after -module when there is none.
func exportEdits(doc *Document, res *sema.Result, fas []sema.FA) []byteEdit {
	names := make([]string, len(fas))
	for i, fa := range fas {
		names[i] = fa.String()
	}
	list := strings.Join(names, ", ")
	var modEnd int32 = -1
	for _, f := range mainFileForms(res) {
		switch f := f.(type) {
		case *syntax.ModuleAttr:
			modEnd = f.End.Offset
		case *syntax.ExportAttr:
			if f.Type {
				continue
			}
			if n := len(f.Funcs); n > 0 {
				at := int(f.Funcs[n-1].End.Offset)
				return []byteEdit{{at, at, ", " + list}}
			}
			if i := strings.Index(doc.Text[f.Pos.Offset:f.End.Offset], "["); i >= 0 {
				at := int(f.Pos.Offset) + i + 1
				return []byteEdit{{at, at, list}}
			}
		}
	}
	if modEnd < 0 {
		return []byteEdit{{0, 0, "-export([" + list + "]).\n"}}
	}
	return []byteEdit{{int(modEnd), int(modEnd), "\n-export([" + list + "])."}}
}

// createFunction makes "Create function name/arity" for an undefined call
// at off, guessing argument names from the call's arguments and placing
// the new function after the one that calls it.
func createFunction(doc *Document, res *sema.Result, off int32, name string, arity int) (quickFix, bool) {
	path := syntax.Path(&syntax.File{Forms: mainFileForms(res)}, syntax.Pos{Offset: off})
	if len(path) == 0 {
		return quickFix{}, false
	}
	var args []syntax.Expr
	for i := len(path) - 1; i >= 0; i-- {
		if c, ok := path[i].(*syntax.Call); ok && len(c.Args) == arity {
			args = c.Args
			break
		}
	}
	names := guessArgNames(args, arity)
	at := int(path[0].Span().End.Offset)
	text := fmt.Sprintf("\n\n%s(%s) ->\n    erlang:error(not_implemented).", name, strings.Join(names, ", "))
	return quickFix{title: fmt.Sprintf("Create function %s/%d", name, arity), edits: []byteEdit{{at, at, text}}}, true
}

// guessArgNames names parameters after the call's arguments: a variable
// keeps its name, an atom, record or call gives its name in CamelCase,
// anything else is ArgN; names are made unique.
func guessArgNames(args []syntax.Expr, arity int) []string {
	out := make([]string, arity)
	seen := map[string]int{}
	for i := range out {
		name := ""
		if i < len(args) {
			switch a := args[i].(type) {
			case *syntax.Var:
				name = strings.TrimLeft(a.Name, "_")
			case *syntax.Atom:
				name = camel(a.Name)
			case *syntax.Record:
				if a.Name != nil {
					name = camel(a.Name.Name)
				}
			case *syntax.Call:
				if f, ok := a.Fun.(*syntax.Atom); ok {
					name = camel(f.Name)
				} else if r, ok := a.Fun.(*syntax.Remote); ok {
					if f, ok := r.Name.(*syntax.Atom); ok {
						name = camel(f.Name)
					}
				}
			}
		}
		if name == "" || !varName.MatchString(name) {
			name = fmt.Sprintf("Arg%d", i+1)
		}
		if n := seen[name]; n > 0 {
			seen[name]++
			name = fmt.Sprintf("%s%d", name, n+1)
		} else {
			seen[name] = 1
		}
		out[i] = name
	}
	return out
}

// camel turns an atom like user_id into a variable name like UserId.
func camel(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		switch {
		case r == '_':
			up = true
		case up:
			b.WriteRune(unicode.ToUpper(r))
			up = false
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// callbackSkeletons holds a clause for the OTP behaviours' callbacks that
// a new module most often needs, with the usual argument names and a
// return value the behaviour accepts.
var callbackSkeletons = map[string]map[sema.FA]string{
	"gen_server": {
		{Name: "init", Arity: 1}:        "init(Args) ->\n    {ok, Args}.",
		{Name: "handle_call", Arity: 3}: "handle_call(_Request, _From, State) ->\n    {reply, ok, State}.",
		{Name: "handle_cast", Arity: 2}: "handle_cast(_Msg, State) ->\n    {noreply, State}.",
		{Name: "handle_info", Arity: 2}: "handle_info(_Info, State) ->\n    {noreply, State}.",
		{Name: "terminate", Arity: 2}:   "terminate(_Reason, _State) ->\n    ok.",
		{Name: "code_change", Arity: 3}: "code_change(_OldVsn, State, _Extra) ->\n    {ok, State}.",
	},
	"supervisor": {
		{Name: "init", Arity: 1}: "init(_Args) ->\n    {ok, {#{strategy => one_for_one, intensity => 1, period => 5}, []}}.",
	},
	"gen_statem": {
		{Name: "callback_mode", Arity: 0}: "callback_mode() ->\n    state_functions.",
		{Name: "init", Arity: 1}:          "init(Args) ->\n    {ok, idle, Args}.",
	},
	"gen_event": {
		{Name: "init", Arity: 1}:         "init(Args) ->\n    {ok, Args}.",
		{Name: "handle_event", Arity: 2}: "handle_event(_Event, State) ->\n    {ok, State}.",
		{Name: "handle_call", Arity: 2}:  "handle_call(_Request, State) ->\n    {ok, ok, State}.",
	},
	"application": {
		{Name: "start", Arity: 2}: "start(_StartType, _StartArgs) ->\n    {ok, self()}.",
		{Name: "stop", Arity: 1}:  "stop(_State) ->\n    ok.",
	},
}

// callbackSkeleton is a clause for one callback: the known skeleton, or a
// clause that raises not_implemented.
func callbackSkeleton(behaviour string, fa sema.FA) string {
	if s, ok := callbackSkeletons[behaviour][fa]; ok {
		return s
	}
	return fmt.Sprintf("%s(%s) ->\n    erlang:error(not_implemented).", fa.Name, strings.Join(guessArgNames(nil, fa.Arity), ", "))
}

// addCallbacks writes skeleton clauses for a behaviour's missing callbacks
// at the end of the module and exports them; a callback that is defined
// but not exported is only exported.
func addCallbacks(doc *Document, res *sema.Result, behaviour string, fas []sema.FA, d *sema.Diagnostic) quickFix {
	var b strings.Builder
	for _, fa := range fas {
		if res.Module.Function(fa.Name, fa.Arity) != nil {
			continue
		}
		b.WriteString("\n\n")
		b.WriteString(callbackSkeleton(behaviour, fa))
	}
	edits := exportEdits(doc, res, fas)
	if b.Len() > 0 {
		text := strings.TrimRight(doc.Text, " \t\r\n")
		edits = append(edits, byteEdit{len(text), len(doc.Text), b.String() + "\n"})
	}
	return quickFix{title: fmt.Sprintf("Add missing %s callbacks", behaviour), diag: d, edits: edits}
}

// renameModuleFix renames the module to its file's name when the cursor is
// on a -module attribute that does not match: erlc refuses such a module.
func renameModuleFix(doc *Document, res *sema.Result, start, end int32) (quickFix, bool) {
	for _, f := range mainFileForms(res) {
		m, ok := f.(*syntax.ModuleAttr)
		if !ok || m.Name == nil || m.Pos.Offset > end || m.End.Offset < start {
			continue
		}
		want := strings.TrimSuffix(filepath.Base(doc.Path), ".erl")
		if want == m.Name.Name || !atomName.MatchString(want) || reservedWord(want) {
			return quickFix{}, false
		}
		return quickFix{title: fmt.Sprintf("Rename module to %s to match its file", want),
			edits: []byteEdit{{int(m.Name.Pos.Offset), int(m.Name.End.Offset), want}}}, true
	}
	return quickFix{}, false
}
