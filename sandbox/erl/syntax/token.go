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
	"strconv"
	"strings"
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

// Token is one lexical token, 48 bytes without pointers: its text, decoded
// value, file and macro use live in the Texts the token was scanned into,
// which Text, Lit, File and Macro read (and Int, Float and Char compute a
// number's value from the text). A large file has hundreds of thousands
// of tokens, and every pass (scanner, preprocessor, parser) moves them all
// through the cache: writing the tokens is most of the scanner's time, a
// token with strings in it cost a GC write barrier for each string stored,
// and the collector scanned every token buffer on each cycle
// (docs/rationale.md, "front end: a pointer-free token, scanned a form at
// a time").
//
// Tokens that the preprocessor produced by expanding a macro carry the
// position of the macro use (MacroIdx), so that a diagnostic on an
// expanded token can point at the "?NAME" the user wrote. Tokens from an
// included file carry that file in FileIdx; it is 0 for the main file.
type Token struct {
	Pos Pos // start of the token's text
	End Pos // just past the token's text
	// Src is where the token's exact source text is.
	Src Str
	// LitIdx is 1 + the index in Texts of the token's decoded value when
	// that is not derived from its text (see Texts.Lit); 0 otherwise.
	LitIdx uint32
	// MacroIdx is 1 + the index in Texts of the position of the macro use
	// the token was expanded from; 0 for a token written in the source.
	MacroIdx uint32
	// FileIdx is the token's file in its Texts: 0 for the main file.
	FileIdx uint16
	Kind    Kind
}

// Str locates a token's text: bytes [Off, Off+Len) of string S of a Texts.
type Str struct{ S, Off, Len uint32 }

// String shows the token's kind and position, for debugging; its text is
// in its Texts.
func (t Token) String() string { return fmt.Sprintf("%s@%s", t.Kind, t.Pos) }

// Texts holds what a token stream's tokens refer to: the sources they were
// scanned from, the strings made up along the way (a decoded string
// literal with escapes, a macro's stringified argument), and the names of
// the included files. The zero value is ready to use. Tokens from
// different Texts must not be mixed.
type Texts struct {
	strs   []string
	files  []string // files[i-1] is the file of FileIdx i
	macros []Pos    // macros[i-1] is the macro use of MacroIdx i
}

// Add stores s and returns its index, for a Str or LitIdx.
func (x *Texts) Add(s string) uint32 {
	x.strs = append(x.strs, s)
	return uint32(len(x.strs) - 1)
}

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

// Macro returns the position of the macro use t was expanded from, or the
// zero Pos for a token written in the source.
func (x *Texts) Macro(t *Token) Pos {
	if t.MacroIdx == 0 {
		return Pos{}
	}
	return x.macros[t.MacroIdx-1]
}

// SetMacro records that t was expanded from the macro use at pos (none
// when pos is not valid).
func (x *Texts) SetMacro(t *Token, pos Pos) {
	if !pos.IsValid() {
		t.MacroIdx = 0
		return
	}
	// The tokens of one expansion share their use's entry.
	if n := len(x.macros); n > 0 && x.macros[n-1] == pos {
		t.MacroIdx = uint32(n)
		return
	}
	x.macros = append(x.macros, pos)
	t.MacroIdx = uint32(len(x.macros))
}

// Int returns the value of an INTEGER token and whether it fits in an
// int64 (ParseInteger reads any size).
func (x *Texts) Int(t *Token) (int64, bool) { return smallInt(x.Text(t)) }

// Float returns the value of a FLOAT token.
func (x *Texts) Float(t *Token) float64 {
	f, _ := strconv.ParseFloat(strings.ReplaceAll(x.Text(t), "_", ""), 64)
	return f
}

// Char returns the code point of a CHAR token.
func (x *Texts) Char(t *Token) rune { return charValue(x.Text(t)) }

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
