package epp

import "github.com/otpbox/otpbox/sandbox/erl/syntax"

// Result is what Preprocess returns.
type Result struct {
	// Tokens is the expanded token stream for the parser, ending with EOF.
	// Directives (-define, -ifdef, -include ...) are consumed. The main
	// file's comments are in it as COMMENT tokens, in source order (a
	// comment inside a form that uses macros comes just before that
	// form), because the parser takes doc comments from the stream;
	// comments of included files and of skipped code are not.
	Tokens []syntax.Token
	// Comments holds all of the main file's comments in source order.
	Comments []syntax.Token
	// Texts holds the text of Tokens, Comments and the macro bodies in
	// Info; it stays valid after a Reparser's next call.
	Texts *syntax.Texts
	// Info describes macros, includes and skipped code for tools.
	Info *Info
	// Errors lists preprocessing and scanning errors in the order found.
	// File is the path of the file the error is in.
	Errors []syntax.Error
	// Warnings lists -warning(Term) directives, worded as erlc words them.
	Warnings []syntax.Error
}

// Info is what tools need to know about preprocessing beyond the tokens.
type Info struct {
	// Defines lists every macro definition in the order seen, including
	// those in included files. Predefined macros are not listed.
	Defines []*MacroDef
	// Uses lists every macro use written in the source (uses inside
	// other macros' bodies are not listed).
	Uses []MacroUse
	// Includes lists every -include and -include_lib, found or not.
	Includes []Include
	// Skipped lists the source ranges that false conditionals left out, so
	// an editor can grey them out.
	Skipped []Range
	// FileDirectives lists the -file("name", Line) attributes, which
	// generated code (yecc, leex) uses to point back to its source. Token
	// positions stay true to the file they are in, for editors; what the
	// directives say is applied to ?FILE and ?LINE, and tools that report
	// lines as erlc does apply it with (*Info).Remap.
	FileDirectives []FileDirective
	// EunitAutoExport reports that eunit.hrl was included with tests
	// enabled, so epp exported test/0 and the *_test/0 and *_test_/0
	// functions, as eunit's parse transform does in erlc.
	EunitAutoExport bool
}

// MacroDef is one macro definition.
type MacroDef struct {
	Name string
	// Arity is the number of parameters, or -1 for a constant defined
	// without parentheses (-define(X, 1).). -define(F(), 1) has arity 0.
	Arity  int
	Params []string
	// Body holds the replacement tokens as written, with their own
	// positions.
	Body []syntax.Token
	// Pos and End delimit the macro's name in its -define.
	Pos, End syntax.Pos
	// File is the path of the file holding the -define; empty for macros
	// that come from the Config or are predefined.
	File string
	// Predefined marks ?MODULE, ?FILE, ?MACHINE and the like.
	Predefined bool
}

// MacroUse is one ?NAME or ?NAME(Args) written in the source.
type MacroUse struct {
	Name string
	// Arity is the number of arguments, or -1 when the use has no
	// parentheses.
	Arity int
	// Pos is the position of the '?', End the end of the macro's name.
	Pos, End syntax.Pos
	// File is the path of the file holding the use.
	File string
	// Def is the definition used; nil when the macro is undefined or is
	// one of the computed macros ?LINE, ?FUNCTION_NAME, ?FUNCTION_ARITY.
	Def *MacroDef
}

// Include is one -include or -include_lib directive.
type Include struct {
	// Lib is true for -include_lib.
	Lib bool
	// Name is the file name as written.
	Name string
	// Path is the file that was read, empty when none was found. The
	// built-in eunit.hrl has the path EmbeddedEunitPath.
	Path string
	// Pos and End delimit the file name string in the directive.
	Pos, End syntax.Pos
	// File is the path of the file holding the directive.
	File string
	// Err is the error message when the file was not found.
	Err string
}

// Range is a source range in one file.
type Range struct {
	File       string
	Start, End syntax.Pos
}

// FileDirective is one -file("Name", Line) attribute: from After (a byte
// offset in File) on, line L of File counts as line L+Delta of Name.
type FileDirective struct {
	File  string
	After int32
	Name  string
	Delta int32
}

// Remap returns the file name and line that erlc would report for line
// line at byte offset off of file, taking -file attributes into account.
func (in *Info) Remap(file string, off, line int32) (string, int32) {
	name, out := file, line
	// The last directive before off wins.
	for _, d := range in.FileDirectives {
		if d.File == file && off >= d.After {
			name, out = d.Name, line+d.Delta
		}
	}
	return name, out
}
