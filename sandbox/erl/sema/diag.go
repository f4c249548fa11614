// Package sema checks Erlang modules the way erl_lint does: it builds each
// module's symbol table (functions, exports, imports, records, types,
// behaviours, callbacks, macros) and reports erl_lint's errors and warnings
// with erlc's line, column, severity and wording. It also keeps a workspace
// Index of what each module defines and exports, for cross-module features
// of the language server.
//
// The variable rules (bound, unbound, unsafe, exported from case/if/receive,
// shadowed in fun heads and generators, unused) follow erl_lint's variable
// tables step by step, because the exact points where erlc reports a
// variable are part of what users see and compare.
package sema

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// Severity tells errors, which stop erlc from compiling, from warnings.
type Severity uint8

// Severities.
const (
	Error Severity = iota + 1
	Warning
)

func (s Severity) String() string {
	switch s {
	case Error:
		return "error"
	case Warning:
		return "warning"
	}
	return fmt.Sprintf("Severity(%d)", uint8(s))
}

// Diagnostic is one error or warning at a source position.
type Diagnostic struct {
	// File is the path of the file the diagnostic is in (an included
	// file for problems in a header).
	File     string
	Pos, End syntax.Pos
	Severity Severity
	// Code is a stable short name for the kind of diagnostic, erl_lint's
	// own tag where it has one (unbound_var, unused_function, ...), so
	// that tools can filter and link to documentation.
	Code    string
	Message string
}

// String formats d as erlc does, with the severity spelled out:
// "file:line:col: error: message".
func (d Diagnostic) String() string {
	return fmt.Sprintf("%s:%d:%d: %s: %s", d.File, d.Pos.Line, d.Pos.Col, d.Severity, d.Message)
}

// Diagnostic codes for problems found outside erl_lint proper.
const (
	CodeSyntax     = "syntax"     // a scanner or parser error
	CodePreprocess = "preprocess" // an epp error or -warning directive
)

// SortDiagnostics orders diagnostics by file, then position, then message,
// which is the order "otpbox check" prints them in.
func SortDiagnostics(ds []Diagnostic) {
	slices.SortStableFunc(ds, func(a, b Diagnostic) int {
		if c := cmp.Compare(a.File, b.File); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Pos.Line, b.Pos.Line); c != 0 {
			return c
		}
		return cmp.Compare(a.Pos.Col, b.Pos.Col)
	})
}

// FromSyntaxErrors converts scanner, parser and preprocessor errors to
// diagnostics with the given code and severity; errors without a file get
// file.
func FromSyntaxErrors(file string, errs []syntax.Error, code string, sev Severity) []Diagnostic {
	ds := make([]Diagnostic, 0, len(errs))
	for _, e := range errs {
		f := e.File
		if f == "" {
			f = file
		}
		ds = append(ds, Diagnostic{File: f, Pos: e.Pos, End: e.End, Severity: sev, Code: code, Message: e.Msg})
	}
	return ds
}
