package sema

import (
	"fmt"
	"slices"
	"strings"

	"github.com/otpbox/otpbox/sandbox/erl/epp"
	"github.com/otpbox/otpbox/sandbox/erl/syntax"
)

// FA is a function or type name with its arity.
type FA struct {
	Name  string
	Arity int
}

// sortFAs sorts by name, then arity, which is Erlang's order of {F, A}
// tuples and the order erlc reports lists of functions in.
func sortFAs(fas []FA) {
	slices.SortFunc(fas, func(a, b FA) int {
		if c := strings.Compare(a.Name, b.Name); c != 0 {
			return c
		}
		return a.Arity - b.Arity
	})
}

func (f FA) String() string { return atomText(f.Name) + "/" + fmt.Sprint(f.Arity) }

// Module is the symbol table of one module: everything it declares, with
// positions, for checks, navigation and completion.
type Module struct {
	// File is the path of the module's source file.
	File string
	// Name is the module name from -module, "" when there is none.
	Name    string
	NamePos syntax.Pos
	// Functions lists the function definitions in source order (each
	// name/arity once: a redefinition is an error and not listed).
	Functions []*Function
	funcs     map[FA]*Function
	// Exports holds the exported functions with the position of their
	// first mention in an -export; with -compile(export_all) every
	// function is exported and ExportAll is set.
	Exports   map[FA]syntax.Pos
	ExportAll bool
	// Imports maps an imported function to its module.
	Imports map[FA]string
	// Records holds the record definitions by name.
	Records map[string]*Record
	// Types holds -type and -opaque definitions; ExportedTypes those in
	// -export_type.
	Types         map[FA]*syntax.TypeDef
	ExportedTypes map[FA]syntax.Pos
	// Specs holds the -spec of each local function.
	Specs map[FA]*syntax.Spec
	// Behaviours lists the -behaviour attributes in order.
	Behaviours []Behaviour
	// Callbacks holds this module's -callback declarations, which make it
	// a behaviour; OptionalCallbacks those named in -optional_callbacks.
	Callbacks         map[FA]*syntax.Spec
	OptionalCallbacks map[FA]bool
	// Macros lists the macro definitions the preprocessor saw, when the
	// module was checked from source (nil otherwise).
	Macros []*epp.MacroDef

	callbackOrder []FA
}

// Function is one function definition.
type Function struct {
	FA
	Pos, End syntax.Pos
	Node     *syntax.Function
	// File is the file the definition is in: the module's file, or an
	// included one.
	File string
}

// Record is one record definition.
type Record struct {
	Name     string
	Pos, End syntax.Pos
	Node     *syntax.RecordDef
	Fields   []string
	File     string
}

// Behaviour is one -behaviour(Name) attribute.
type Behaviour struct {
	Name string
	Pos  syntax.Pos
}

// Function returns the definition of name/arity, or nil.
func (m *Module) Function(name string, arity int) *Function {
	return m.funcs[FA{name, arity}]
}

// IsExported reports whether name/arity is exported.
func (m *Module) IsExported(name string, arity int) bool {
	if m.ExportAll {
		return m.funcs[FA{name, arity}] != nil
	}
	_, ok := m.Exports[FA{name, arity}]
	return ok
}

func newModule(file string) *Module {
	return &Module{
		File:              file,
		funcs:             map[FA]*Function{},
		Exports:           map[FA]syntax.Pos{},
		Imports:           map[FA]string{},
		Records:           map[string]*Record{},
		Types:             map[FA]*syntax.TypeDef{},
		ExportedTypes:     map[FA]syntax.Pos{},
		Specs:             map[FA]*syntax.Spec{},
		Callbacks:         map[FA]*syntax.Spec{},
		OptionalCallbacks: map[FA]bool{},
	}
}

// reserved lists Erlang's reserved words, which ~w quotes when printing
// an atom. maybe and else are reserved only with the maybe_expr feature,
// which erlc's messages ignore.
var reserved = map[string]bool{
	"after": true, "and": true, "andalso": true, "band": true, "begin": true, "bnot": true,
	"bor": true, "bsl": true, "bsr": true, "bxor": true, "case": true, "catch": true,
	"cond": true, "div": true, "end": true, "fun": true, "if": true, "let": true, "not": true,
	"of": true, "or": true, "orelse": true, "receive": true, "rem": true, "try": true,
	"when": true, "xor": true,
}

// atomText prints an atom as io_lib's ~w does: bare when it is a plain
// lower-case name, else in single quotes with escapes.
func atomText(s string) string {
	plain := s != "" && s[0] >= 'a' && s[0] <= 'z' && !reserved[s]
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '@') {
			plain = false
			break
		}
	}
	if plain {
		return s
	}
	var b strings.Builder
	b.WriteByte('\'')
	for _, r := range s {
		switch r {
		case '\'', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('\'')
	return b.String()
}
