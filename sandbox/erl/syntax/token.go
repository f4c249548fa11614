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

// Token is one lexical token. It holds no pointers: its text, literal
// value and file live in the Texts the token was scanned into, which
// Text, Lit and File read. A large file has hundreds of thousands of
// tokens, and every pass (scanner, preprocessor, parser) moves them all
// through the cache; a token with strings in it was 96 bytes, cost a GC
// write barrier for each string stored, and made the collector scan every
// token buffer on each cycle (docs/rationale.md, "front end: a
// pointer-free token").
//
// Tokens that the preprocessor produced by expanding a macro carry the
// position of the macro use in Macro, so that a diagnostic on an expanded
// token can point at the "?NAME" the user wrote. Tokens from an included file
// carry that file in FileIdx; it is 0 for the main file.
type Token struct {
	Pos   Pos // start of the token's text
	End   Pos // just past the token's text
	Macro Pos // position of the macro use this token was expanded from
	Kind  Kind
	// FileIdx is the token's file in its Texts: 0 for the main file.
	FileIdx uint16
	// Int is the value of CHAR, and of INTEGER when it fits in int64; a
	// FLOAT's bits.
	Int int64
	// Src is where the token's exact source text is.
	Src Str
	// LitIdx is 1 + the index in Texts of the token's decoded value when
	// that is not derived from its text (see Texts.Lit); 0 otherwise.
	LitIdx uint32
}

// Str locates a token's text: bytes [Off, Off+Len) of string S of a Texts.
type Str struct{ S, Off, Len uint32 }

// Float returns the value of a FLOAT token.
func (t *Token) Float() float64 { return math.Float64frombits(uint64(t.Int)) }

// String shows the token's kind and position, for debugging; its text is
// in its Texts.
func (t Token) String() string { return fmt.Sprintf("%s@%s", t.Kind, t.Pos) }

// Texts holds what a token stream's tokens refer to: the sources they were
// scanned from, the strings made up along the way (a decoded string
// literal with escapes, a macro's stringified argument), and the names of
// the included files. The zero value is ready to use. Tokens from
// different Texts must not be mixed.
type Texts struct {
	strs  []string
	files []string // files[i-1] is the file of FileIdx i
}

// Add stores s and returns its index, for a Str or LitIdx.
func (x *Texts) Add(s string) uint32 {
	x.strs = append(x.strs, s)
	return uint32(len(x.strs) - 1)
}

// Str returns string i as Add stored it.
func (x *Texts) Str(i uint32) string { return x.strs[i] }

// AddFile stores a file name and returns its index, for a token's FileIdx.
func (x *Texts) AddFile(name string) uint16 {
	x.files = append(x.files, name)
	return uint16(len(x.files))
}

// Text returns t's exact source text.
func (x *Texts) Text(t *Token) string {
	s := t.Src
	if s.Len == 0 {
		return ""
	}
	return x.strs[s.S][s.Off : s.Off+s.Len]
}

// Lit returns t's decoded value: an atom's name, a variable's name, a
// string's contents, an integer's or a comment's source text; "" for the
// other kinds. Unless LitIdx says otherwise, it is the text itself, without
// the quotes of a quoted atom or string (which then had no escapes).
func (x *Texts) Lit(t *Token) string {
	if t.LitIdx != 0 {
		return x.strs[t.LitIdx-1]
	}
	switch t.Kind {
	case ATOM, STRING:
		s := x.Text(t)
		if n := len(s); n >= 2 && (s[0] == '\'' || s[0] == '"') {
			return s[1 : n-1]
		}
		return s
	case VAR, INTEGER, COMMENT:
		return x.Text(t)
	}
	return ""
}

// File returns the name of t's file: "" for the main file.
func (x *Texts) File(t *Token) string {
	if t.FileIdx == 0 {
		return ""
	}
	return x.files[t.FileIdx-1]
}

// SetText makes text t's source text, storing it as a string of its own.
func (x *Texts) SetText(t *Token, text string) {
	if text == "" {
		t.Src = Str{}
		return
	}
	t.Src = Str{S: x.Add(text), Len: uint32(len(text))}
}

// SetLit gives t the decoded value lit, storing it unless Lit would
// derive it from t's text anyway.
func (x *Texts) SetLit(t *Token, lit string) {
	t.LitIdx = 0
	if x.Lit(t) != lit {
		t.LitIdx = x.Add(lit) + 1
	}
}

// Make returns a token of kind k with the given text and decoded value
// (lit matters for ATOM, VAR, STRING, INTEGER and COMMENT; see Lit).
func (x *Texts) Make(k Kind, text, lit string) Token {
	t := Token{Kind: k}
	x.SetText(&t, text)
	x.SetLit(&t, lit)
	return t
}
