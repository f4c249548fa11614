package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// CodeLensParams is textDocument/codeLens's payload.
type CodeLensParams struct {
	TextDocument TextDocumentIdentifier `json:"textDocument"`
}

// CodeLens is a command shown above a line.
type CodeLens struct {
	Range   Range    `json:"range"`
	Command *Command `json:"command,omitempty"`
}

// Command is a command the client asks the server to execute
// (workspace/executeCommand) when the user picks it.
type Command struct {
	Title     string `json:"title"`
	Command   string `json:"command"`
	Arguments []any  `json:"arguments,omitempty"`
}

// The commands behind the lenses; docs/lsp-extensions.md describes their
// arguments.
const (
	cmdRun   = "otpbox.run"
	cmdTest  = "otpbox.test"
	cmdDebug = "otpbox.debug"
)

// liveBehaviours are the behaviours whose processes proc_lib starts with
// the callback module's init/1 as their initial call.
var liveBehaviours = map[string]bool{"gen_server": true, "gen_statem": true, "supervisor": true, "gen_event": true}

// isTestFunction reports an EUnit test: name_test/0 or a generator
// name_test_/0.
func isTestFunction(name string, arity int) bool {
	return arity == 0 && (strings.HasSuffix(name, "_test") || strings.HasSuffix(name, "_test_"))
}

// handleCodeLens answers textDocument/codeLens: "▶ Run" and "Debug" above
// main/0, "▶ Run tests" above each EUnit test and above the -module line of
// a module that has tests (or is named *_tests), and above a behaviour
// module loaded in the workspace sandbox the live count of its processes
// ("gen_server · 3 processes running"; a title without a command).
func handleCodeLens(ctx context.Context, s *Server, params json.RawMessage) (any, error) {
	var p CodeLensParams
	if err := decode(params, &p); err != nil {
		return nil, err
	}
	doc, res, err := s.analysis(p.TextDocument.URI)
	if err != nil {
		return nil, err
	}
	out := []CodeLens{}
	mod := res.Module
	if mod == nil || mod.Name == "" {
		return out, nil
	}
	enc := s.encoding()
	lens := func(n syntax.Node, title, cmd string, args ...any) {
		r := doc.Range(int(n.Span().Pos.Offset), int(n.Span().Pos.Offset), enc)
		out = append(out, CodeLens{Range: r, Command: &Command{Title: title, Command: cmd, Arguments: append([]any{doc.URI, mod.Name}, args...)}})
	}
	hasTests := strings.HasSuffix(mod.Name, "_tests")
	var modAttr *syntax.ModuleAttr
	var fnLenses []func()
	for _, f := range mainFileForms(res) {
		switch f := f.(type) {
		case *syntax.ModuleAttr:
			modAttr = f
		case *syntax.Function:
			switch {
			case f.Name == "main" && f.Arity == 0:
				fnLenses = append(fnLenses, func() {
					lens(f, "▶ Run", cmdRun, "main")
					lens(f, "Debug", cmdDebug, "main")
				})
			case isTestFunction(f.Name, f.Arity):
				hasTests = true
				fnLenses = append(fnLenses, func() { lens(f, "▶ Run test", cmdTest, f.Name) })
			}
		}
	}
	if hasTests && modAttr != nil {
		lens(modAttr, "▶ Run tests", cmdTest)
	}
	// The live line above a behaviour module, while the workspace
	// sandbox runs it.
	for _, b := range mod.Behaviours {
		if modAttr == nil || !liveBehaviours[b.Name] {
			continue
		}
		if n, ok := s.runner.liveProcesses(ctx, mod.Name); ok {
			plural := "es"
			if n == 1 {
				plural = ""
			}
			r := doc.Range(int(modAttr.Pos.Offset), int(modAttr.Pos.Offset), enc)
			out = append(out, CodeLens{Range: r, Command: &Command{Title: fmt.Sprintf("%s · %d process%s running", b.Name, n, plural), Command: ""}})
		}
		break
	}
	for _, l := range fnLenses {
		l()
	}
	return out, nil
}
