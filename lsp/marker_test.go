package lsp

// The marker tests, in the style of gopls's: each file in testdata/*.txtar
// is a small workspace whose Erlang comments carry %@name(args)
// annotations; the runner starts the real server in-process behind a real
// jsonrpc2 connection, opens the modules and checks every annotation.
// testdata/README.md is the grammar.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
)

func TestMarkers(t *testing.T) {
	files, err := filepath.Glob("testdata/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no marker tests found: %v", err)
	}
	total := 0
	for _, f := range files {
		t.Run(strings.TrimSuffix(filepath.Base(f), ".txtar"), func(t *testing.T) {
			total += runMarkerFile(t, f)
		})
	}
	t.Logf("%d annotations checked", total)
}

// archive is a parsed txtar file: a comment, then "-- name --" sections.
type archive map[string]string

func parseTxtar(data string) (archive, []string) {
	files := archive{}
	var order []string
	name := ""
	var body strings.Builder
	flush := func() {
		if name != "" {
			files[name] = body.String()
			order = append(order, name)
		}
		body.Reset()
	}
	for _, line := range strings.SplitAfter(data, "\n") {
		trimmed := strings.TrimRight(line, "\r\n")
		if strings.HasPrefix(trimmed, "-- ") && strings.HasSuffix(trimmed, " --") && len(trimmed) > 6 {
			flush()
			name = strings.TrimSpace(trimmed[3 : len(trimmed)-3])
			continue
		}
		body.WriteString(line)
	}
	flush()
	return files, order
}

// marker is one annotation.
type marker struct {
	name string
	args []markerArg
	file string // relative path in the archive
	line int    // 0-based line the annotation applies to
	at   string // file:line of the annotation, for messages
}

// markerArg is a string literal or a location name.
type markerArg struct {
	str   string
	ident bool
}

var markerRe = regexp.MustCompile(`%@([a-z_]+)\(`)

// parseMarkers finds the annotations of one file.
func parseMarkers(file, text string) ([]marker, error) {
	lines := strings.Split(text, "\n")
	var out []marker
	target := 0
	for i, line := range lines {
		pct := strings.Index(line, "%")
		if pct < 0 || strings.TrimSpace(line[:pct]) != "" {
			target = i // a code line: annotations below it apply to it
		}
		for _, m := range markerRe.FindAllStringSubmatchIndex(line, -1) {
			args, err := parseArgs(line[m[1]:])
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %w", file, i+1, err)
			}
			out = append(out, marker{name: line[m[2]:m[3]], args: args, file: file, line: target, at: fmt.Sprintf("%s:%d", file, i+1)})
		}
	}
	return out, nil
}

// parseArgs reads a comma-separated argument list up to its ')'.
func parseArgs(s string) ([]markerArg, error) {
	var args []markerArg
	for {
		s = strings.TrimLeft(s, " ")
		switch {
		case strings.HasPrefix(s, ")"):
			return args, nil
		case strings.HasPrefix(s, `"`):
			q, err := strconv.QuotedPrefix(s)
			if err != nil {
				return nil, fmt.Errorf("bad string argument at %q: %w", s, err)
			}
			v, _ := strconv.Unquote(q)
			args = append(args, markerArg{str: v})
			s = s[len(q):]
		default:
			n := strings.IndexAny(s, ",) ")
			if n <= 0 {
				return nil, fmt.Errorf("bad argument at %q", s)
			}
			args = append(args, markerArg{str: s[:n], ident: true})
			s = s[n:]
		}
		s = strings.TrimLeft(s, " ")
		if strings.HasPrefix(s, ",") {
			s = s[1:]
		} else if !strings.HasPrefix(s, ")") {
			return nil, fmt.Errorf("expected , or ) at %q", s)
		}
	}
}

// location is a byte range in one file of the archive.
type location struct {
	file       string
	start, end int
}

func runMarkerFile(t *testing.T, path string) int {
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	files, order := parseTxtar(string(data))
	dir := t.TempDir()
	var markers []marker
	for _, name := range order {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
			t.Fatal(err)
		}
		ms, err := parseMarkers(name, files[name])
		if err != nil {
			t.Fatal(err)
		}
		markers = append(markers, ms...)
	}

	// Resolve a location argument: a name from %@loc, or text on the
	// annotation's line.
	locs := map[string]location{}
	findOnLine := func(m marker, text string) (location, error) {
		body := files[m.file]
		lines := strings.SplitAfter(body, "\n")
		off := 0
		for _, l := range lines[:m.line] {
			off += len(l)
		}
		line := lines[m.line]
		if pct := strings.Index(line, "%@"); pct >= 0 {
			line = line[:pct] // never match the annotation itself
		}
		i := strings.Index(line, text)
		if i < 0 {
			return location{}, fmt.Errorf("%s: %q not found on line %d", m.at, text, m.line+1)
		}
		return location{file: m.file, start: off + i, end: off + i + len(text)}, nil
	}
	for _, m := range markers {
		if m.name != "loc" {
			continue
		}
		if len(m.args) != 2 || !m.args[0].ident || m.args[1].ident {
			t.Fatalf("%s: want %%@loc(name, \"text\")", m.at)
		}
		l, err := findOnLine(m, m.args[1].str)
		if err != nil {
			t.Fatal(err)
		}
		locs[m.args[0].str] = l
	}
	resolve := func(m marker, a markerArg) location {
		t.Helper()
		if a.ident {
			l, ok := locs[a.str]
			if !ok {
				t.Fatalf("%s: no %%@loc named %s", m.at, a.str)
			}
			return l
		}
		l, err := findOnLine(m, a.str)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}

	c := startServer(t, Options{})
	c.initialize(dir, encUTF16)
	published := map[string][]Diagnostic{}
	docs := map[string]*Document{}
	for _, name := range order {
		if filepath.Ext(name) != ".erl" {
			continue
		}
		uri := pathToURI(filepath.Join(dir, filepath.FromSlash(name)))
		docs[name] = newDocument(uri, "", 1, files[name])
		c.notify(methodDidOpen, DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "erlang", Version: 1, Text: files[name]}})
		published[name] = c.waitDiags(uri, 1)
	}

	checked := 0
	for _, m := range markers {
		switch m.name {
		case "loc":
		case "diag":
			if len(m.args) != 2 || m.args[1].ident {
				t.Fatalf("%s: want %%@diag(location, \"message\")", m.at)
			}
			l := resolve(m, m.args[0])
			doc := docs[l.file]
			if doc == nil {
				t.Fatalf("%s: diagnostics are checked in .erl files only", m.at)
			}
			want := doc.Position(l.start, encUTF16)
			ds := published[l.file]
			found := -1
			for i, d := range ds {
				if d.Range.Start == want && strings.Contains(d.Message, m.args[1].str) {
					found = i
					break
				}
			}
			if found < 0 {
				t.Errorf("%s: no diagnostic at %d:%d containing %q; got %s", m.at, want.Line+1, want.Character+1, m.args[1].str, formatDiags(ds))
				continue
			}
			published[l.file] = append(ds[:found:found], ds[found+1:]...)
		case "def":
			if len(m.args) != 2 {
				t.Fatalf("%s: want %%@def(location, target)", m.at)
			}
			src, dst := resolve(m, m.args[0]), resolve(m, m.args[1])
			var got []Location
			params := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, src.file)}, Position: posIn(files, src.file, src.start)}
			if err := c.call(methodDefinition, params, &got); err != nil {
				t.Fatalf("%s: definition: %v", m.at, err)
			}
			want := Location{URI: uriOf(dir, dst.file), Range: Range{Start: posIn(files, dst.file, dst.start)}}
			if len(got) != 1 || got[0].URI != want.URI || got[0].Range.Start != want.Range.Start {
				t.Errorf("%s: definition is %+v, want %s at %d:%d", m.at, got, dst.file, want.Range.Start.Line+1, want.Range.Start.Character+1)
			}
		case "hover":
			if len(m.args) < 2 {
				t.Fatalf("%s: want %%@hover(location, \"text\", ...)", m.at)
			}
			src := resolve(m, m.args[0])
			var got *Hover
			params := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, src.file)}, Position: posIn(files, src.file, src.start)}
			if err := c.call(methodHover, params, &got); err != nil {
				t.Fatalf("%s: hover: %v", m.at, err)
			}
			for _, a := range m.args[1:] {
				if got == nil || !strings.Contains(got.Contents.Value, a.str) {
					t.Errorf("%s: hover lacks %q; got %+v", m.at, a.str, got)
				}
			}
		case "nohover":
			src := resolve(m, m.args[0])
			var got *Hover
			params := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, src.file)}, Position: posIn(files, src.file, src.start)}
			if err := c.call(methodHover, params, &got); err != nil || got != nil {
				t.Errorf("%s: want no hover, got %+v, %v", m.at, got, err)
			}
		case "complete", "nocomplete":
			if len(m.args) < 2 {
				t.Fatalf("%s: want %%@%s(location, \"label\", ...)", m.at, m.name)
			}
			src := resolve(m, m.args[0])
			var got CompletionList
			params := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, src.file)}, Position: posIn(files, src.file, src.end)}
			if err := c.call(methodCompletion, params, &got); err != nil {
				t.Fatalf("%s: completion: %v", m.at, err)
			}
			labels := map[string]bool{}
			var all []string
			for _, it := range got.Items {
				labels[it.Label] = true
				all = append(all, it.Label)
			}
			for _, a := range m.args[1:] {
				if labels[a.str] != (m.name == "complete") {
					t.Errorf("%s: completion has %q = %v, want %v; got %q", m.at, a.str, labels[a.str], m.name == "complete", all)
				}
			}
		case "fold":
			if len(m.args) != 2 || m.args[1].ident {
				t.Fatalf("%s: want %%@fold(end, \"kind\")", m.at)
			}
			end := resolve(m, m.args[0])
			var got []FoldingRange
			if err := c.call(methodFoldingRange, FoldingRangeParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, m.file)}}, &got); err != nil {
				t.Fatalf("%s: foldingRange: %v", m.at, err)
			}
			want := FoldingRange{StartLine: uint32(m.line), EndLine: posIn(files, end.file, end.start).Line, Kind: m.args[1].str}
			if !slices.Contains(got, want) {
				t.Errorf("%s: no folding range %+v; got %+v", m.at, want, got)
			}
		case "foldlines":
			// %@foldlines(first, last, "kind"), 1-based lines, for ranges
			// (comment blocks) that a location cannot name.
			if len(m.args) != 3 {
				t.Fatalf("%s: want %%@foldlines(first, last, \"kind\")", m.at)
			}
			first, err1 := strconv.Atoi(m.args[0].str)
			last, err2 := strconv.Atoi(m.args[1].str)
			if err1 != nil || err2 != nil || first < 1 || last < first {
				t.Fatalf("%s: bad line numbers", m.at)
			}
			var got []FoldingRange
			if err := c.call(methodFoldingRange, FoldingRangeParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, m.file)}}, &got); err != nil {
				t.Fatalf("%s: foldingRange: %v", m.at, err)
			}
			want := FoldingRange{StartLine: uint32(first - 1), EndLine: uint32(last - 1), Kind: m.args[2].str}
			if !slices.Contains(got, want) {
				t.Errorf("%s: no folding range %+v; got %+v", m.at, want, got)
			}
		case "nosymbol":
			var syms []DocumentSymbol
			if err := c.call(methodDocumentSymbol, DocumentSymbolParams{TextDocument: TextDocumentIdentifier{URI: docs[m.file].URI}}, &syms); err != nil {
				t.Fatalf("%s: documentSymbol: %v", m.at, err)
			}
			path := strings.Split(m.args[0].str, " > ")
			for _, name := range path[:len(path)-1] {
				for _, s := range syms {
					if s.Name == name {
						syms = s.Children
					}
				}
			}
			for _, s := range syms {
				if s.Name == path[len(path)-1] {
					t.Errorf("%s: unexpected symbol %q", m.at, m.args[0].str)
				}
			}
		case "symbol":
			if len(m.args) != 2 || m.args[0].ident || m.args[1].ident {
				t.Fatalf("%s: want %%@symbol(\"a > b\", \"Kind\")", m.at)
			}
			doc := docs[m.file]
			var syms []DocumentSymbol
			if err := c.call(methodDocumentSymbol, DocumentSymbolParams{TextDocument: TextDocumentIdentifier{URI: doc.URI}}, &syms); err != nil {
				t.Fatalf("%s: documentSymbol: %v", m.at, err)
			}
			checkSymbol(t, m, syms, strings.Split(m.args[0].str, " > "), m.args[1].str)
		case "refs", "highlight", "rename":
			// %@refs(location, target, ...), %@highlight(location,
			// target, ...), %@rename(location, "new", target, ...): the
			// answer names exactly the targets.
			args := m.args
			newName := ""
			if m.name == "rename" {
				if len(args) < 2 || args[1].ident {
					t.Fatalf("%s: want %%@rename(location, \"newname\", target, ...)", m.at)
				}
				newName, args = args[1].str, append(args[:1:1], args[2:]...)
			}
			if len(args) < 1 {
				t.Fatalf("%s: want %%@%s(location, target, ...)", m.at, m.name)
			}
			src := resolve(m, args[0])
			pos := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, src.file)}, Position: posIn(files, src.file, src.start)}
			var got []Location
			switch m.name {
			case "refs":
				var p ReferenceParams
				p.TextDocumentPositionParams = pos
				p.Context.IncludeDeclaration = true
				if err := c.call(methodReferences, p, &got); err != nil {
					t.Fatalf("%s: references: %v", m.at, err)
				}
			case "highlight":
				var hs []DocumentHighlight
				if err := c.call(methodDocumentHighlight, pos, &hs); err != nil {
					t.Fatalf("%s: documentHighlight: %v", m.at, err)
				}
				for _, h := range hs {
					got = append(got, Location{URI: pos.TextDocument.URI, Range: h.Range})
				}
			case "rename":
				var we WorkspaceEdit
				if err := c.call(methodRename, RenameParams{TextDocumentPositionParams: pos, NewName: newName}, &we); err != nil {
					t.Errorf("%s: rename: %v", m.at, err)
					break
				}
				for uri, edits := range we.Changes {
					for _, e := range edits {
						if e.NewText != newName {
							t.Errorf("%s: rename edit %+v does not insert %q", m.at, e, newName)
						}
						got = append(got, Location{URI: uri, Range: e.Range})
					}
				}
			}
			checkLocations(t, m, dir, files, got, args[1:], resolve)
		case "codeaction", "nocodeaction":
			// %@codeaction(location, "title", "text", ...): an action of
			// that title is offered over location, and applying its edit
			// gives a file containing every text.
			if len(m.args) < 2 || m.args[1].ident {
				t.Fatalf("%s: want %%@%s(location, \"title\", ...)", m.at, m.name)
			}
			src := resolve(m, m.args[0])
			uri := uriOf(dir, src.file)
			p := CodeActionParams{TextDocument: TextDocumentIdentifier{URI: uri}, Range: Range{Start: posIn(files, src.file, src.start), End: posIn(files, src.file, src.end)}}
			var got []CodeAction
			if err := c.call(methodCodeAction, p, &got); err != nil {
				t.Fatalf("%s: codeAction: %v", m.at, err)
			}
			var titles []string
			var found *CodeAction
			for i := range got {
				titles = append(titles, got[i].Title)
				if got[i].Title == m.args[1].str {
					found = &got[i]
				}
			}
			if (found != nil) != (m.name == "codeaction") {
				t.Errorf("%s: action %q offered = %v; have %q", m.at, m.args[1].str, found != nil, titles)
				break
			}
			if found == nil {
				break
			}
			text := applyEdits(t, files[src.file], found.Edit.Changes[uri])
			for _, a := range m.args[2:] {
				if !strings.Contains(text, a.str) {
					t.Errorf("%s: after %q the file lacks %q:\n%s", m.at, m.args[1].str, a.str, text)
				}
			}
		case "signature", "nosignature":
			// %@signature(location, "label", N, "doc", ...): signature help
			// at the end of location shows label as the active signature,
			// parameter N active, its documentation containing each doc.
			src := resolve(m, m.args[0])
			pos := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, src.file)}, Position: posIn(files, src.file, src.end)}
			var got *SignatureHelp
			if err := c.call(methodSignatureHelp, pos, &got); err != nil {
				t.Fatalf("%s: signatureHelp: %v", m.at, err)
			}
			if m.name == "nosignature" {
				if got != nil {
					t.Errorf("%s: want no signature help, got %+v", m.at, got)
				}
				break
			}
			if len(m.args) < 3 {
				t.Fatalf("%s: want %%@signature(location, \"label\", N, ...)", m.at)
			}
			n, err := strconv.Atoi(m.args[2].str)
			if err != nil {
				t.Fatalf("%s: bad parameter number %q", m.at, m.args[2].str)
			}
			if got == nil || int(got.ActiveSignature) >= len(got.Signatures) {
				t.Errorf("%s: no signature help: %+v", m.at, got)
				break
			}
			sig := got.Signatures[got.ActiveSignature]
			if sig.Label != m.args[1].str || int(got.ActiveParameter) != n {
				t.Errorf("%s: signature %q parameter %d, want %q parameter %d", m.at, sig.Label, got.ActiveParameter, m.args[1].str, n)
			}
			for _, a := range m.args[3:] {
				if sig.Documentation == nil || !strings.Contains(sig.Documentation.Value, a.str) {
					t.Errorf("%s: signature documentation lacks %q: %+v", m.at, a.str, sig.Documentation)
				}
			}
		case "wsymbol":
			// %@wsymbol("query", "name", target): workspace/symbol for
			// query has name at target, ranked in the first five.
			if len(m.args) != 3 || m.args[0].ident || m.args[1].ident {
				t.Fatalf("%s: want %%@wsymbol(\"query\", \"name\", target)", m.at)
			}
			dst := resolve(m, m.args[2])
			var got []SymbolInformation
			if err := c.call(methodWorkspaceSymbol, WorkspaceSymbolParams{Query: m.args[0].str}, &got); err != nil {
				t.Fatalf("%s: workspace/symbol: %v", m.at, err)
			}
			var names []string
			ok := false
			for i, sym := range got {
				names = append(names, sym.Name)
				if sym.Name == m.args[1].str && i < 5 && sym.Location.URI == uriOf(dir, dst.file) && sym.Location.Range.Start == posIn(files, dst.file, dst.start) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: workspace/symbol %q lacks %q at %s in its first five; got %q", m.at, m.args[0].str, m.args[1].str, dst.file, names)
			}
		case "lens", "nolens":
			// %@lens("title", "command"): a lens of that title and command
			// is on the target line.
			if len(m.args) != 2 || m.args[0].ident || m.args[1].ident {
				t.Fatalf("%s: want %%@%s(\"title\", \"command\")", m.at, m.name)
			}
			var got []CodeLens
			if err := c.call(methodCodeLens, CodeLensParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, m.file)}}, &got); err != nil {
				t.Fatalf("%s: codeLens: %v", m.at, err)
			}
			found := false
			var all []string
			for _, l := range got {
				all = append(all, fmt.Sprintf("%d:%s", l.Range.Start.Line+1, l.Command.Title))
				if int(l.Range.Start.Line) == m.line && l.Command.Title == m.args[0].str && l.Command.Command == m.args[1].str {
					found = true
				}
			}
			if found != (m.name == "lens") {
				t.Errorf("%s: lens %q on line %d = %v; have %q", m.at, m.args[0].str, m.line+1, found, all)
			}
		case "semtok":
			// %@semtok(location, "type", "modifier"...): a semantic token
			// covers exactly location, with that type and modifiers.
			if len(m.args) < 2 || m.args[1].ident {
				t.Fatalf("%s: want %%@semtok(location, \"type\")", m.at)
			}
			src := resolve(m, m.args[0])
			var got SemanticTokens
			if err := c.call(methodSemanticTokensFull, SemanticTokensParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, src.file)}}, &got); err != nil {
				t.Fatalf("%s: semanticTokens: %v", m.at, err)
			}
			start, end := posIn(files, src.file, src.start), posIn(files, src.file, src.end)
			var line, char uint32
			found := "no token"
			for i := 0; i+4 < len(got.Data); i += 5 {
				if got.Data[i] > 0 {
					char = 0
				}
				line += got.Data[i]
				char += got.Data[i+1]
				if line == start.Line && char == start.Character {
					mods := ""
					for b, name := range semanticLegend.TokenModifiers {
						if got.Data[i+4]&(1<<b) != 0 {
							mods += " " + name
						}
					}
					found = fmt.Sprintf("%s%s length %d", semanticLegend.TokenTypes[got.Data[i+3]], mods, got.Data[i+2])
				}
			}
			want := m.args[1].str
			for _, a := range m.args[2:] {
				want += " " + a.str
			}
			want += fmt.Sprintf(" length %d", end.Character-start.Character)
			if m.args[1].str == "comment" {
				// A comment runs to the end of its line, annotation
				// included, which a location cannot name.
				found, _, _ = strings.Cut(found, " length")
				want = "comment"
			}
			if found != want {
				t.Errorf("%s: semantic token at %d:%d is %s, want %s", m.at, start.Line+1, start.Character+1, found, want)
			}
		case "resolve":
			// %@resolve(location, "label", "doc", ...): completion at the
			// end of location offers label, and resolving it adds
			// documentation containing every doc.
			if len(m.args) < 3 {
				t.Fatalf("%s: want %%@resolve(location, \"label\", \"doc\", ...)", m.at)
			}
			src := resolve(m, m.args[0])
			var list CompletionList
			params := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, src.file)}, Position: posIn(files, src.file, src.end)}
			if err := c.call(methodCompletion, params, &list); err != nil {
				t.Fatalf("%s: completion: %v", m.at, err)
			}
			var item *CompletionItem
			for i := range list.Items {
				if list.Items[i].Label == m.args[1].str {
					item = &list.Items[i]
				}
			}
			if item == nil {
				t.Errorf("%s: no completion %q", m.at, m.args[1].str)
				break
			}
			var got CompletionItem
			if err := c.call(methodCompletionResolve, item, &got); err != nil {
				t.Fatalf("%s: resolve: %v", m.at, err)
			}
			for _, a := range m.args[2:] {
				if got.Documentation == nil || !strings.Contains(got.Documentation.Value, a.str) {
					t.Errorf("%s: resolved %q lacks %q: %+v", m.at, m.args[1].str, a.str, got.Documentation)
				}
			}
		case "norename":
			if len(m.args) != 2 || m.args[1].ident {
				t.Fatalf("%s: want %%@norename(location, \"reason\")", m.at)
			}
			src := resolve(m, m.args[0])
			pos := TextDocumentPositionParams{TextDocument: TextDocumentIdentifier{URI: uriOf(dir, src.file)}, Position: posIn(files, src.file, src.start)}
			var got any
			err := c.call(methodPrepareRename, pos, &got)
			if err == nil || !strings.Contains(err.Error(), m.args[1].str) {
				t.Errorf("%s: prepareRename = %v, %v; want an error containing %q", m.at, got, err, m.args[1].str)
			}
		default:
			t.Errorf("%s: unknown annotation %%@%s", m.at, m.name)
		}
		checked++
	}
	// Every diagnostic must be expected by an annotation.
	var names []string
	for name := range published {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		if ds := published[name]; len(ds) > 0 {
			t.Errorf("%s: unexpected diagnostics: %s", name, formatDiags(ds))
		}
	}
	return checked
}

func formatDiags(ds []Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		fmt.Fprintf(&b, "\n\t%d:%d: %s", d.Range.Start.Line+1, d.Range.Start.Character+1, d.Message)
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

// checkSymbol finds the outline entry at path and checks its kind and that
// its name is on the annotation's line.
func checkSymbol(t *testing.T, m marker, syms []DocumentSymbol, path []string, kind string) {
	t.Helper()
	for i, name := range path {
		var found *DocumentSymbol
		var names []string
		for j := range syms {
			names = append(names, syms[j].Name)
			if syms[j].Name == name {
				found = &syms[j]
			}
		}
		if found == nil {
			t.Errorf("%s: no symbol %q under %q; have %q", m.at, name, strings.Join(path[:i], " > "), names)
			return
		}
		if i < len(path)-1 {
			syms = found.Children
			continue
		}
		if got := symbolKindNames[found.Kind]; got != kind {
			t.Errorf("%s: symbol %q is a %s, want %s", m.at, name, got, kind)
		}
		if l := int(found.SelectionRange.Start.Line); l != m.line {
			t.Errorf("%s: symbol %q is on line %d, want %d", m.at, name, l+1, m.line+1)
		}
		if found.Range.Start.Line > found.SelectionRange.Start.Line || found.Range.End.Line < found.SelectionRange.End.Line {
			t.Errorf("%s: symbol %q: selection range %+v is outside its range %+v", m.at, name, found.SelectionRange, found.Range)
		}
	}
}

func uriOf(dir, name string) string { return pathToURI(filepath.Join(dir, filepath.FromSlash(name))) }

// posIn converts a byte offset in an archive file to a UTF-16 position.
func posIn(files archive, name string, off int) Position {
	return newDocument("", "", 0, files[name]).Position(off, encUTF16)
}

// checkLocations compares a set of locations with the targets an
// annotation names, by document and start position.
func checkLocations(t *testing.T, m marker, dir string, files archive, got []Location, targets []markerArg, resolve func(marker, markerArg) location) {
	t.Helper()
	key := func(uri string, p Position) string {
		return fmt.Sprintf("%s:%d:%d", filepath.Base(uri), p.Line+1, p.Character+1)
	}
	var want, have []string
	for _, a := range targets {
		l := resolve(m, a)
		want = append(want, key(uriOf(dir, l.file), posIn(files, l.file, l.start)))
	}
	for _, l := range got {
		have = append(have, key(l.URI, l.Range.Start))
	}
	sort.Strings(want)
	sort.Strings(have)
	if !slices.Equal(want, have) {
		t.Errorf("%s: %%@%s: got %q, want %q", m.at, m.name, have, want)
	}
}

// applyEdits applies LSP edits (UTF-16 positions) to a text.
func applyEdits(t *testing.T, text string, edits []TextEdit) string {
	t.Helper()
	doc := newDocument("", "", 0, text)
	type be struct {
		start, end int
		text       string
	}
	var bes []be
	for _, e := range edits {
		s, err1 := doc.Offset(e.Range.Start, encUTF16)
		en, err2 := doc.Offset(e.Range.End, encUTF16)
		if err1 != nil || err2 != nil {
			t.Fatalf("edit %+v out of range", e)
		}
		bes = append(bes, be{s, en, e.NewText})
	}
	sort.SliceStable(bes, func(i, j int) bool { return bes[i].start > bes[j].start })
	for _, e := range bes {
		text = text[:e.start] + e.text + text[e.end:]
	}
	return text
}
