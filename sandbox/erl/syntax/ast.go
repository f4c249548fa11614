package syntax

import "math/big"

// The abstract syntax tree.
//
// Every node embeds Loc, the span of source text it covers: Pos is where its
// first token starts and End is just past its last token (for forms, past the
// terminating dot). Parentheses are not nodes; a parenthesised expression
// spans its contents only.
//
// Expressions, patterns, guards and types share one interface, Expr: the
// leaves (atoms, variables, numbers) and the compound terms (tuples, lists,
// maps, records, calls, operators) mean the same in all four, and the few
// type-only shapes (TypeUnion, TypeFun, TypeAnn, TypeList, TypeBinary) are
// Exprs that only appear where a type is expected. Type is an alias that
// documents which is meant.
//
// A form the parser could not finish still yields what was parsed before the
// error: missing sub-expressions are *BadExpr, a missing name (an *Atom or
// *Var field) is nil, and a form of which nothing useful was recognised is
// a *BadForm. Code that reads the tree must expect these in forms that had
// errors.

// Loc is the source span of a node.
type Loc struct {
	Pos Pos // first character
	End Pos // just past the last character
}

// Span returns the node's span; every Node has it through its embedded Loc.
func (l Loc) Span() Loc { return l }

// Contains reports whether p lies inside the span, its end included, which
// is what a cursor right after a name needs.
func (l Loc) Contains(p Pos) bool { return l.Pos.Offset <= p.Offset && p.Offset <= l.End.Offset }

// Node is any syntax tree node.
type Node interface {
	Span() Loc
}

// Expr is an expression, pattern, guard test or type.
type Expr interface {
	Node
	exprNode()
}

// Type is an Expr that appears in a type position (spec, type definition,
// typed record field).
type Type = Expr

// Form is a top-level form: an attribute or a function.
type Form interface {
	Node
	formNode()
}

// File is a parsed source file.
type File struct {
	Loc
	Name     string
	Forms    []Form
	Comments []*Comment // every comment in the file, in source order
}

// Comment is a % comment; Text includes the leading percent signs.
type Comment struct {
	Loc
	Text string
}

// ---- Forms ----

// ModuleAttr is -module(Name).
type ModuleAttr struct {
	Loc
	Name *Atom
}

// ExportAttr is -export([f/1, ...]) or, when Type is set, -export_type([t/0, ...]).
type ExportAttr struct {
	Loc
	Type  bool
	Funcs []*NameArity
}

// ImportAttr is -import(Module, [f/1, ...]).
type ImportAttr struct {
	Loc
	Module *Atom
	Funcs  []*NameArity
}

// NameArity is name/arity in export, import and export_type lists.
type NameArity struct {
	Loc
	Name  *Atom
	Arity *Integer
}

// BehaviourAttr is -behaviour(Name) or -behavior(Name); Spelling says which.
type BehaviourAttr struct {
	Loc
	Spelling string
	Name     *Atom
}

// RecordDef is -record(Name, {Field, ...}).
type RecordDef struct {
	Loc
	Name   *Atom
	Fields []*RecordFieldDef
}

// RecordFieldDef is one field of a record definition: name, optional
// default value, optional type (f = Default :: Type).
type RecordFieldDef struct {
	Loc
	Name    *Atom
	Default Expr // nil when absent
	Type    Type // nil when untyped
}

// TypeDef is -type Name(Params) :: Type. or -opaque (Opaque set).
type TypeDef struct {
	Loc
	Opaque bool
	Name   *Atom
	Params []*Var
	Type   Type
}

// Spec is -spec or -callback (Callback set) with its clauses. Module is set
// for -spec Mod:f(...) -> ...
type Spec struct {
	Loc
	Callback bool
	Module   *Atom // nil unless qualified
	Name     *Atom
	Arity    int // number of parameters of the first clause
	Clauses  []*SpecClause
}

// SpecClause is one function type of a spec: (Params) -> Result when
// Constraints.
type SpecClause struct {
	Loc
	Params      []Type
	Result      Type
	Constraints []*Constraint
}

// Constraint is Var :: Type in a spec's when part (also the old
// is_subtype(Var, Type) spelling).
type Constraint struct {
	Loc
	Var  *Var
	Type Type
}

// Attribute is any other attribute with its term: -compile, -dialyzer, -doc,
// -moduledoc, -file, -vsn, -author, -on_load, -nifs, -feature and custom ones.
// Value is nil for an attribute written without parentheses' contents
// (which erlc rejects, but tools still want the name).
type Attribute struct {
	Loc
	Name  *Atom
	Value Expr
}

// Function is a function definition. Doc is its documentation: the text of a
// -doc attribute before it, or else the %% comment block directly above it
// with the comment markers removed.
type Function struct {
	Loc
	Name    string
	Arity   int
	Clauses []*Clause
	Doc     string
}

// BadForm is a form of which nothing could be recognised.
type BadForm struct {
	Loc
}

func (*ModuleAttr) formNode()    {}
func (*ExportAttr) formNode()    {}
func (*ImportAttr) formNode()    {}
func (*BehaviourAttr) formNode() {}
func (*RecordDef) formNode()     {}
func (*TypeDef) formNode()       {}
func (*Spec) formNode()          {}
func (*Attribute) formNode()     {}
func (*Function) formNode()      {}
func (*BadForm) formNode()       {}

// Clause is a clause of a function, fun, case, if, receive, try or maybe's
// else. Name is set for function and named-fun clauses. Patterns has the
// parameters of a function or fun clause, one pattern for case, receive,
// try-of, catch and else clauses, none for if. Guard is the guard sequence:
// alternatives separated by ';', each a list of tests separated by ','.
// Class and Stack are the optional parts of a catch clause
// Class:Reason:Stack (Reason is Patterns[0]).
type Clause struct {
	Loc
	Name     Expr // *Atom for function clauses, *Var for named funs, else nil
	Patterns []Expr
	Guard    [][]Expr
	Body     []Expr
	Class    Expr
	Stack    Expr
}

// ---- Expressions ----

// Atom is an atom; Name is its decoded name.
type Atom struct {
	Loc
	Name string
}

// Var is a variable, including _ and _Name.
type Var struct {
	Loc
	Name string
}

// Integer is an integer literal. Big is set when the value does not fit in
// an int64; Value is valid otherwise.
type Integer struct {
	Loc
	Text  string
	Value int64
	Big   *big.Int
}

// Float is a float literal.
type Float struct {
	Loc
	Text  string
	Value float64
}

// Char is a character literal such as $a.
type Char struct {
	Loc
	Text  string
	Value rune
}

// String is a string literal; adjacent literals "a" "b" are one String whose
// Value is their concatenation.
type String struct {
	Loc
	Value string
}

// Tuple is {E1, ..., En}.
type Tuple struct {
	Loc
	Elems []Expr
}

// List is [E1, ..., En | Tail]; Tail is nil for a proper list, and [] is a
// List with no elements and no tail.
type List struct {
	Loc
	Elems []Expr
	Tail  Expr
}

// Binary is <<Seg, ...>>.
type Binary struct {
	Loc
	Elems []*BinElem
}

// BinElem is one segment Value:Size/Type-Spec-List. Size is nil when absent.
type BinElem struct {
	Loc
	Value Expr
	Size  Expr
	Types []*BinType
}

// BinType is one type specifier of a segment: integer, little, unit:8...
// Arg is the integer after ':' (only unit takes one), nil otherwise.
type BinType struct {
	Loc
	Name string
	Arg  *Integer
}

// Map is a map construction #{...}, a map update Base#{...} or a map pattern.
// In a type it is a map type, with Exact fields for := and the others for =>.
type Map struct {
	Loc
	Base   Expr // nil unless an update
	Fields []*MapField
}

// MapField is Key => Value, or Key := Value when Exact.
type MapField struct {
	Loc
	Key   Expr
	Value Expr
	Exact bool
}

// Record is a record construction #Name{...}, an update Base#Name{...}, a
// record pattern, or in a type #Name{f :: T}.
type Record struct {
	Loc
	Base   Expr // nil unless an update
	Name   *Atom
	Fields []*RecordField
}

// RecordField is Name = Value in a record expression, or Name :: Type in a
// record type. The catch-all field _ = V has a Name of "_".
type RecordField struct {
	Loc
	Name  *Atom
	Value Expr
}

// RecordIndex is #Name.Field, the field's position in the tuple.
type RecordIndex struct {
	Loc
	Name  *Atom
	Field *Atom
}

// RecordAccess is X#Name.Field.
type RecordAccess struct {
	Loc
	X     Expr
	Name  *Atom
	Field *Atom
}

// UnaryOp is a prefix operator: + - bnot not.
type UnaryOp struct {
	Loc
	Op Kind
	X  Expr
}

// BinaryOp is an infix operator, including ! (send), andalso/orelse, and in
// types the range Lo..Hi (Op DOTDOT).
type BinaryOp struct {
	Loc
	Op    Kind
	OpPos Pos
	X, Y  Expr
}

// Match is Left = Right.
type Match struct {
	Loc
	Left, Right Expr
}

// MaybeMatch is Left ?= Right, directly inside maybe ... end.
type MaybeMatch struct {
	Loc
	Left, Right Expr
}

// Catch is catch X.
type Catch struct {
	Loc
	X Expr
}

// Call is Fun(Args...): Fun is an *Atom for a local call, a *Remote for
// M:F(...), or any other expression (a fun value). In a type, Call is a type
// application t(...) or m:t(...).
type Call struct {
	Loc
	Fun  Expr
	Args []Expr
}

// Remote is Module:Name, the callee of a remote call.
type Remote struct {
	Loc
	Module, Name Expr
}

// FunRef is fun Name/Arity or fun Module:Name/Arity. Module is nil for a
// local reference; Module, Name and Arity may be variables in a remote one.
type FunRef struct {
	Loc
	Module Expr
	Name   Expr
	Arity  Expr
}

// Fun is fun Clauses end; Name is set for a named fun fun Name(...) -> ... end.
type Fun struct {
	Loc
	Name    *Var
	Clauses []*Clause
}

// Case is case X of Clauses end.
type Case struct {
	Loc
	X       Expr
	Clauses []*Clause
}

// If is if Clauses end.
type If struct {
	Loc
	Clauses []*Clause
}

// Receive is receive Clauses after Timeout -> AfterBody end. Timeout is nil
// when there is no after part.
type Receive struct {
	Loc
	Clauses   []*Clause
	Timeout   Expr
	AfterBody []Expr
}

// Try is try Body of Of catch Catch after After end.
type Try struct {
	Loc
	Body  []Expr
	Of    []*Clause
	Catch []*Clause
	After []Expr
}

// Block is begin Body end.
type Block struct {
	Loc
	Body []Expr
}

// Maybe is maybe Body else Else end. HasElse tells an empty else part from
// none (erlc rejects the former, tools may meet it).
type Maybe struct {
	Loc
	Body    []Expr
	Else    []*Clause
	HasElse bool
}

// Comprehension is a list [H || Q], binary <<H || Q>> or map #{K => V || Q}
// comprehension; Kind is LBRACKET, DOUBLELT or HASH. For a map comprehension
// Head is a *MapField.
type Comprehension struct {
	Loc
	Kind  Kind
	Head  Expr
	Quals []Expr // *Generator or a filter expression
}

// Generator is Pattern <- X (list), Pattern <= X (binary, Kind LDARROW), or
// Key := Pattern <- X (map generator, Key set).
type Generator struct {
	Loc
	Kind    Kind
	Key     Expr
	Pattern Expr
	X       Expr
}

// BadExpr stands where an expression was expected but the code is broken or
// incomplete.
type BadExpr struct {
	Loc
}

// ---- Type-only expressions ----

// TypeUnion is T1 | T2 | ... in a type.
type TypeUnion struct {
	Loc
	Types []Type
}

// TypeAnn is an annotated type Var :: Type.
type TypeAnn struct {
	Loc
	Var  *Var
	Type Type
}

// TypeFun is fun() (Any), fun((...) -> Result) (AnyArity), or
// fun((Params) -> Result).
type TypeFun struct {
	Loc
	Any      bool
	AnyArity bool
	Params   []Type
	Result   Type
}

// TypeList is [T] or, when NonEmpty, [T, ...]. The empty list type [] is a
// *List.
type TypeList struct {
	Loc
	Elem     Type
	NonEmpty bool
}

// TypeBinary is <<>>, <<_:M>>, <<_:_*N>> or <<_:M, _:_*N>>; Size and Unit
// are nil when absent.
type TypeBinary struct {
	Loc
	Size Type
	Unit Type
}

func (*Atom) exprNode()          {}
func (*Var) exprNode()           {}
func (*Integer) exprNode()       {}
func (*Float) exprNode()         {}
func (*Char) exprNode()          {}
func (*String) exprNode()        {}
func (*Tuple) exprNode()         {}
func (*List) exprNode()          {}
func (*Binary) exprNode()        {}
func (*Map) exprNode()           {}
func (*MapField) exprNode()      {}
func (*Record) exprNode()        {}
func (*RecordIndex) exprNode()   {}
func (*RecordAccess) exprNode()  {}
func (*UnaryOp) exprNode()       {}
func (*BinaryOp) exprNode()      {}
func (*Match) exprNode()         {}
func (*MaybeMatch) exprNode()    {}
func (*Catch) exprNode()         {}
func (*Call) exprNode()          {}
func (*Remote) exprNode()        {}
func (*FunRef) exprNode()        {}
func (*Fun) exprNode()           {}
func (*Case) exprNode()          {}
func (*If) exprNode()            {}
func (*Receive) exprNode()       {}
func (*Try) exprNode()           {}
func (*Block) exprNode()         {}
func (*Maybe) exprNode()         {}
func (*Comprehension) exprNode() {}
func (*Generator) exprNode()     {}
func (*BadExpr) exprNode()       {}
func (*TypeUnion) exprNode()     {}
func (*TypeAnn) exprNode()       {}
func (*TypeFun) exprNode()       {}
func (*TypeList) exprNode()      {}
func (*TypeBinary) exprNode()    {}
