package lsp

import (
	"path/filepath"

	"github.com/otpbox/otpbox/sandbox/erl/lint"
	"github.com/otpbox/otpbox/sandbox/erl/sema"
)

// CodeDescription links a diagnostic to its documentation (LSP 3.16).
type CodeDescription struct {
	Href string `json:"href"`
}

// hints runs the OTP pattern hints (sandbox/erl/lint) on a checked module.
// Headers get none: their forms are checked with the modules that include
// them, and a hint belongs to a module's behaviour.
func hints(doc *Document, res *sema.Result) []lint.Hint {
	if res == nil || filepath.Ext(doc.Path) != ".erl" {
		return nil
	}
	return lint.Run([]byte(doc.Text), res)
}

// hintDiagnostic converts a hint: a warning, or information for the rules
// that only flag a risk, with the code linking to its page in
// docs/hints.md.
func hintDiagnostic(doc *Document, h lint.Hint, enc string) Diagnostic {
	sev := 2
	if h.Severity == lint.Info {
		sev = 3
	}
	return Diagnostic{
		Range:           doc.Range(int(h.Pos.Offset), int(h.End.Offset), enc),
		Severity:        sev,
		Code:            h.Code,
		CodeDescription: &CodeDescription{Href: lint.DocLink(h.Code)},
		Source:          "otpbox",
		Message:         h.Message,
	}
}

// hintDiagnostics returns the hints of a document as diagnostics.
func hintDiagnostics(doc *Document, res *sema.Result, enc string) []Diagnostic {
	var out []Diagnostic
	for _, h := range hints(doc, res) {
		out = append(out, hintDiagnostic(doc, h, enc))
	}
	return out
}

// hintActions returns the quick fixes of the hints overlapping the byte
// range [start, end].
func hintActions(doc *Document, res *sema.Result, start, end int32, enc string) []CodeAction {
	var out []CodeAction
	for _, h := range hints(doc, res) {
		if h.Pos.Offset > end || h.End.Offset < start {
			continue
		}
		for i, f := range h.Fixes {
			a := CodeAction{Title: f.Title, Kind: "quickfix", IsPreferred: i == 0,
				Diagnostics: []Diagnostic{hintDiagnostic(doc, h, enc)},
				Edit:        &WorkspaceEdit{Changes: map[string][]TextEdit{}}}
			for _, e := range f.Edits {
				a.Edit.Changes[doc.URI] = append(a.Edit.Changes[doc.URI], TextEdit{Range: doc.Range(int(e.Start), int(e.End), enc), NewText: e.Text})
			}
			out = append(out, a)
		}
	}
	return out
}
