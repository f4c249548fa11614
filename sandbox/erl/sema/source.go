package sema

import (
	"slices"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Result is what CheckSource returns for one file.
type Result struct {
	// File is the syntax tree, with every form the parser recognised
	// (broken ones included, for tools).
	File *syntax.File
	// Module is the symbol table (nil with SyntaxOnly).
	Module *Module
	// PP is the preprocessor's result: macros, includes, skipped ranges.
	// Its Tokens are nil when Options.Cache was given: the Cache reuses
	// its token buffers for the next check (use FormFiles instead).
	PP *epp.Result
	// FormFiles holds, for each form of File, the file it came from: ""
	// for the checked file itself, a header's path for a form from an
	// included file. It is nil when the forms could not be matched to the
	// preprocessed tokens.
	FormFiles []string
	// Diagnostics holds the preprocessor's, the parser's and the
	// checker's diagnostics, sorted by file and position.
	Diagnostics []Diagnostic

	syntaxDiags []Diagnostic
	opts        Options
}

// ErlcPositions returns the diagnostics with the file names and lines
// that erlc reports: in generated code (yecc, leex) -file attributes make
// erlc point into the grammar file, while Diagnostics keep true positions
// for editors. "otpbox check" prints these.
func (r *Result) ErlcPositions() []Diagnostic {
	if r.PP == nil || r.PP.Info == nil || len(r.PP.Info.FileDirectives) == 0 {
		return r.Diagnostics
	}
	out := make([]Diagnostic, len(r.Diagnostics))
	for i, d := range r.Diagnostics {
		f, line := r.PP.Info.Remap(d.File, d.Pos.Offset, d.Pos.Line)
		d.End.Line += line - d.Pos.Line
		d.File, d.Pos.Line = f, line
		out[i] = d
	}
	SortDiagnostics(out)
	return out
}

// Recheck runs the semantic checks again with another behaviour lookup,
// reusing the parse: "otpbox check" does it once the whole workspace is
// indexed and behaviours defined in it are known. It does nothing for a
// syntax-only result.
func (r *Result) Recheck(behaviour func(name string) (BehaviourInfo, bool)) {
	if r.Module == nil {
		return
	}
	r.opts.Behaviour = behaviour
	m, ds := Check(r.File, r.opts)
	m.Macros = r.Module.Macros
	r.Module = m
	r.Diagnostics = append(append([]Diagnostic{}, r.syntaxDiags...), ds...)
	SortDiagnostics(r.Diagnostics)
}

// HasErrors reports whether any diagnostic is an error.
func (r *Result) HasErrors() bool {
	for _, d := range r.Diagnostics {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// CheckSource preprocesses, parses and checks the module at path whose
// contents are src. With syntaxOnly it stops after parsing. Forms with
// syntax errors are left out of the semantic checks, as erlc leaves them
// out; the other forms are checked as usual.
func CheckSource(cfg *epp.Config, path string, src []byte, opts Options, syntaxOnly bool) *Result {
	var f *syntax.File
	var pp *epp.Result
	// With a Cache, the document's previous check left token buffers
	// behind: reusing them saves allocating and clearing megabytes for a
	// large file (unless another check of the document holds them now).
	ca := opts.Cache
	reuse := ca != nil && ca.parseMu.TryLock()
	if reuse {
		f, pp = ca.parser.ParseFile(cfg, path, src)
	} else {
		f, pp = epp.ParseFile(cfg, path, src)
	}
	r := &Result{File: f, PP: pp, FormFiles: formFiles(pp.Tokens, pp.Texts, len(f.Forms))}
	if !syntaxOnly && ca != nil {
		opts.FormHashes = formHashes(pp.Tokens, pp.Texts, len(f.Forms), ca.seed)
	}
	if reuse {
		pp.Tokens = nil
		ca.parseMu.Unlock()
	}
	r.Diagnostics = append(FromSyntaxErrors(path, pp.Errors, CodeSyntax, Error),
		FromSyntaxErrors(path, pp.Warnings, CodePreprocess, Warning)...)
	r.syntaxDiags = slices.Clone(r.Diagnostics)
	if !syntaxOnly {
		opts.Src = src
		opts.FormFiles = r.FormFiles
		opts.Broken = brokenForms(f, path, opts.FormFiles, pp.Errors)
		r.opts = opts
		m, ds := Check(f, opts)
		m.Macros = pp.Info.Defines
		r.Module = m
		r.Diagnostics = append(r.Diagnostics, ds...)
	}
	SortDiagnostics(r.Diagnostics)
	return r
}

// formFiles finds the file each form came from, splitting the token
// stream into forms as the parser does (at each dot or illegal token). It
// returns nil when the count disagrees with the parser's, so that nothing
// is attributed to the wrong file.
func formFiles(toks []syntax.Token, tx *syntax.Texts, nforms int) []string {
	files := make([]string, 0, nforms)
	start := true
	for i := range toks {
		t := &toks[i]
		switch t.Kind {
		case syntax.COMMENT:
			continue
		case syntax.EOF:
			start = true
			continue
		}
		if start {
			files = append(files, tx.File(t))
			start = false
		}
		if t.Kind == syntax.DOT || t.Kind == syntax.ILLEGAL {
			start = true
		}
	}
	if len(files) != nforms {
		return nil
	}
	return files
}

// brokenForms finds the forms that contain an error.
func brokenForms(f *syntax.File, path string, files []string, errs []syntax.Error) map[syntax.Form]bool {
	if len(errs) == 0 {
		return nil
	}
	broken := map[syntax.Form]bool{}
	for _, e := range errs {
		ef := e.File
		if ef == "" {
			ef = path
		}
		for i, form := range f.Forms {
			ff := path
			if i < len(files) && files[i] != "" {
				ff = files[i]
			}
			if ff == ef && form.Span().Pos.Offset <= e.Pos.Offset && e.Pos.Offset < form.Span().End.Offset {
				broken[form] = true
				break
			}
		}
	}
	return broken
}
