// Package syntax holds Erlang's tokens, scanner, abstract syntax tree and
// parser. It covers the whole Erlang/OTP 25 syntax so that tools work on real
// code, and it recovers from errors so that half-typed code still yields a
// tree. grammar.txt beside this file is the parser's specification.
//
// The preprocessor is the next phase and lives in package epp; the parser
// consumes the tokens it produces.
package syntax

import (
	"fmt"
	"math"
)

// Pos is a position in a source file. Line and Col are 1-based; Col counts
// Unicode code points, as erl_scan does. Offset is the 0-based byte offset.
// The zero Pos means "no position".
type Pos struct {
	Offset int32
	Line   int32
	Col    int32
}

// IsValid reports whether p is a real position.
func (p Pos) IsValid() bool { return p.Line > 0 }

// String formats p as line:col, as diagnostics show it.
func (p Pos) String() string { return fmt.Sprintf("%d:%d", p.Line, p.Col) }

// Before reports whether p comes before q in the same file.
func (p Pos) Before(q Pos) bool { return p.Offset < q.Offset }

// Kind is the kind of a token.
type Kind uint8

// Token kinds. Operators and punctuation each have their own kind so that the
// parser switches on Kind alone.
const (
	ILLEGAL Kind = iota // a character or sequence the scanner rejected
	EOF
	COMMENT // kept by the scanner for tools; the parser never sees one

	ATOM    // foo, 'quoted atom'   (Lit: the atom's name)
	VAR     // Foo, _Foo, _         (Lit: the name)
	INTEGER // 42, 16#ff, 1_000     (Lit: the source digits, Int: the value when it fits)
	FLOAT   // 1.5e10               (Float(): the value, kept in Int's bits)
	CHAR    // $a, $\n              (Int: the code point)
	STRING  // "abc"                (Lit: the decoded contents)

	// Punctuation.
	LPAREN     // (
	RPAREN     // )
	LBRACE     // {
	RBRACE     // }
	LBRACKET   // [
	RBRACKET   // ]
	COMMA      // ,
	SEMI       // ;
	COLON      // :
	COLONCOL   // ::
	DOT        // . (end of form: a dot followed by white space, % or end of input)
	PERIOD     // . (record field access, as in R#r.f)
	DOTDOT     // ..
	DOTDOTDOT  // ...
	BAR        // |
	BARBAR     // ||
	ARROW      // ->
	LARROW     // <-
	LDARROW    // <=
	MAPSTO     // =>
	ASSOC      // :=
	DOUBLELT   // <<
	DOUBLEGT   // >>
	HASH       // #
	QUESTION   // ?
	QQ         // ??   (macro argument stringification)
	BANG       // !
	MAYBEARROW // ?=  (maybe expressions)
	OTHER      // any other Latin-1 symbol character (@ \ ^ ` ~ & ...): erl_scan accepts it, the grammar does not

	// Operators.
	PLUS       // +
	MINUS      // -
	STAR       // *
	SLASH      // /
	PLUSPLUS   // ++
	MINUSMINUS // --
	MATCH      // =
	EQ         // ==
	NE         // /=
	LT         // <
	LE         // =<
	GT         // >
	GE         // >=
	EXEQ       // =:=
	EXNE       // =/=

	// Keywords (reserved words).
	keywordBeg
	AFTER
	AND
	ANDALSO
	BAND
	BEGIN
	BNOT
	BOR
	BSL
	BSR
	BXOR
	CASE
	CATCH
	COND
	DIV
	ELSE // reserved only when the maybe_expr feature is enabled
	END
	FUN
	IF
	LET
	MAYBE // reserved only when the maybe_expr feature is enabled
	NOT
	OF
	OR
	ORELSE
	RECEIVE
	REM
	TRY
	WHEN
	XOR
	keywordEnd

	numKinds
)

// IsKeyword reports whether k is a reserved word.
func (k Kind) IsKeyword() bool { return keywordBeg < k && k < keywordEnd }

// Token is one lexical token.
//
// Tokens that the preprocessor produced by expanding a macro carry the
// position of the macro use in Macro, so that a diagnostic on an expanded
// token can point at the "?NAME" the user wrote. Tokens from an included file
// carry that file's name in File; File is empty for the main file.
//
// Fields are ordered so that the struct packs into 96 bytes (Kind last,
// after the 4-byte-aligned Macro), and a FLOAT's value shares Int's
// storage: a large file has hundreds of thousands of tokens, and every
// pass over them (scanner, preprocessor, parser) moves them all through
// the cache (docs/rationale.md).
type Token struct {
	Pos   Pos    // start of the token's text
	End   Pos    // just past the token's text
	Text  string // the exact source text
	Lit   string // decoded value for ATOM, VAR, STRING, INTEGER (see Kind docs)
	Int   int64  // value of CHAR, and of INTEGER when it fits in int64; a FLOAT's bits
	File  string // source file of an included token; "" for the main file
	Macro Pos    // position of the macro use this token was expanded from
	Kind  Kind
}

// Float returns the value of a FLOAT token.
func (t *Token) Float() float64 { return math.Float64frombits(uint64(t.Int)) }

// String shows the token's kind and source text, for debugging.
func (t Token) String() string {
	if t.Text != "" {
		return fmt.Sprintf("%s %q", t.Kind, t.Text)
	}
	return t.Kind.String()
}
