package syntax

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Error is a diagnostic from any front-end phase (scanner, preprocessor,
// parser, semantic checks). Pos and End delimit the offending text; End may
// equal Pos when the error is at a single point.
type Error struct {
	File     string
	Pos, End Pos
	Msg      string
}

// Error formats the error as erlc does: "file:line:col: msg".
func (e Error) Error() string {
	if e.File == "" {
		return fmt.Sprintf("%d:%d: %s", e.Pos.Line, e.Pos.Col, e.Msg)
	}
	return fmt.Sprintf("%s:%d:%d: %s", e.File, e.Pos.Line, e.Pos.Col, e.Msg)
}

// ScanMode selects optional scanner behaviour. The zero value keeps comments
// and treats maybe/else as atoms, as OTP 25 does by default.
type ScanMode uint

const (
	// DropComments leaves COMMENT tokens out of the result.
	DropComments ScanMode = 1 << iota
	// MaybeExpr makes maybe and else reserved words, as
	// -feature(maybe_expr, enable) does.
	MaybeExpr
)

// Scan splits src into tokens the way erl_scan does, and returns them ending
// with an EOF token, and the Texts that holds their text. Columns count code
// points; a tab is one column, as in erl_scan. Bytes that are not valid UTF-8
// are read as Latin-1 characters, so Latin-1 encoded sources still scan.
//
// Scan never stops at an error: it reports it, emits an ILLEGAL token
// covering the bad text so that the parser knows the form is broken (and does
// not report it a second time), and carries on.
func Scan(file string, src []byte, mode ScanMode) ([]Token, *Texts, []Error) {
	tx := &Texts{}
	toks, errs := ScanAppend(nil, tx, file, src, mode)
	return toks, tx, errs
}

// ScanAppend is Scan appending the tokens to dst and their text to tx, so
// that a caller that scans file after file (the language server re-parsing
// a document on each edit) reuses one token buffer instead of allocating
// megabytes each time. The tokens' FileIdx is 0; the preprocessor sets it
// for an included file.
func ScanAppend(dst []Token, tx *Texts, file string, src []byte, mode ScanMode) ([]Token, []Error) {
	s := newScanner(tx, file, src, mode)
	// OTP's sources average a token every 3 to 4 bytes; sizing for one
	// every 3 saves regrowing a large slice.
	if want := len(dst) + len(src)/3 + 16; cap(dst) < want {
		dst = append(make([]Token, 0, want), dst...)
	}
	s.toks = dst
	s.run()
	return s.toks, s.errs
}

// A Scanner scans one source a form at a time, for a caller (the
// preprocessor) that handles each form while its tokens are still in the
// processor's cache: scanning a whole large file first and then reading its
// tokens back from memory cost more than the scanning itself.
type Scanner struct{ s scanner }

// NewScanner returns a Scanner of src whose tokens' text goes to tx.
func NewScanner(tx *Texts, file string, src []byte, mode ScanMode) *Scanner {
	return &Scanner{newScanner(tx, file, src, mode)}
}

func newScanner(tx *Texts, file string, src []byte, mode ScanMode) scanner {
	s := scanner{file: file, src: string(src), mode: mode, line: 1, col: 1, tx: tx}
	s.srcIdx = tx.Add(s.src)
	return s
}

// Form appends to dst the tokens up to and including the next DOT, or, at
// the end of the input, the rest of them and the EOF token; more is false
// once the EOF token has been appended.
func (sc *Scanner) Form(dst []Token) (toks []Token, more bool) {
	sc.s.toks = dst
	more = sc.s.form()
	toks, sc.s.toks = sc.s.toks, nil
	return toks, more
}

// Errors returns the errors found so far.
func (sc *Scanner) Errors() []Error { return sc.s.errs }

// Remaining returns the number of bytes not scanned yet.
func (sc *Scanner) Remaining() int { return len(sc.s.src) - sc.s.off }

type scanner struct {
	file string
	src  string
	mode ScanMode
	off  int
	line int32
	col  int32
	toks []Token
	errs []Error
	tx   *Texts
	// srcIdx is src's index in tx.
	srcIdx uint32
}

func (s *scanner) pos() Pos { return Pos{Offset: int32(s.off), Line: s.line, Col: s.col} }

// peek returns the code point at byte offset off and its width in bytes, or
// -1 at end of input.
func (s *scanner) peekAt(off int) (rune, int) {
	if off >= len(s.src) {
		return -1, 0
	}
	c := s.src[off]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	r, n := utf8.DecodeRuneInString(s.src[off:])
	if r == utf8.RuneError && n == 1 {
		return rune(c), 1 // Latin-1
	}
	return r, n
}

func (s *scanner) peek() rune {
	r, _ := s.peekAt(s.off)
	return r
}

// byteAt returns the byte at s.off+i or 0 past the end.
func (s *scanner) byteAt(i int) byte {
	if s.off+i < len(s.src) {
		return s.src[s.off+i]
	}
	return 0
}

// next consumes one code point and keeps line and column.
func (s *scanner) next() rune {
	r, n := s.peekAt(s.off)
	if n == 0 {
		return -1
	}
	s.off += n
	if r == '\n' {
		s.line++
		s.col = 1
	} else {
		s.col++
	}
	return r
}

func (s *scanner) errorf(pos, end Pos, format string, args ...any) {
	s.errs = append(s.errs, Error{File: s.file, Pos: pos, End: end, Msg: fmt.Sprintf(format, args...)})
}

func (s *scanner) emit(k Kind, start Pos) *Token {
	// Growing the slice and setting fields in place, rather than appending
	// a Token value, saves copying the whole struct.
	n := len(s.toks)
	if n == cap(s.toks) {
		s.toks = append(s.toks, Token{})
	} else {
		s.toks = s.toks[:n+1]
	}
	// Every field is set: a reused buffer (ScanAppend's dst, a
	// Reparser's) holds the previous file's tokens, and clearing it
	// first would cost as much as allocating it afresh.
	t := &s.toks[n]
	*t = Token{Kind: k, Pos: start, End: s.pos(),
		Src: Str{S: s.srcIdx, Off: uint32(start.Offset), Len: uint32(s.off) - uint32(start.Offset)}}
	return t
}

func isWhite(r rune) bool { return r >= 0 && r <= ' ' || r >= 0x80 && r <= 0xA0 }
func isDigit(r rune) bool { return r >= '0' && r <= '9' }
func isUnicode(r rune) bool {
	return r >= 0 && r < 0xD800 || r > 0xDFFF && r < 0xFFFE || r > 0xFFFF && r <= 0x10FFFF
}

// isLowerStart and isUpperStart follow erl_scan's Latin-1 letter classes.
func isLowerStart(r rune) bool { return r >= 'a' && r <= 'z' || r >= 0xDF && r <= 0xFF && r != 0xF7 }
func isUpperStart(r rune) bool {
	return r >= 'A' && r <= 'Z' || r == '_' || r >= 0xC0 && r <= 0xDE && r != 0xD7
}
func isNameChar(r rune) bool {
	return isLowerStart(r) || isUpperStart(r) || isDigit(r) || r == '@'
}

// asciiName marks the ASCII characters that continue a name.
var asciiName = func() (m [256]bool) {
	for c := 0; c < 128; c++ {
		m[c] = isNameChar(rune(c))
	}
	return m
}()

// singlePunct maps one-character punctuation to its kind.
var singlePunct = [128]Kind{
	'(': LPAREN, ')': RPAREN, '{': LBRACE, '}': RBRACE, '[': LBRACKET, ']': RBRACKET,
	',': COMMA, ';': SEMI, ':': COLON, '|': BAR, '#': HASH, '?': QUESTION, '!': BANG,
	'+': PLUS, '-': MINUS, '*': STAR, '/': SLASH, '=': MATCH, '<': LT, '>': GT,
}

func (s *scanner) run() {
	for s.form() {
	}
}

// form scans up to and including the next DOT token and reports true, or
// to the end of the input, appending the EOF token, and reports false.
// plainPunct maps the punctuation characters that are a token on their
// own, whatever follows, to their kind.
var plainPunct = [256]Kind{
	'(': LPAREN, ')': RPAREN, '{': LBRACE, '}': RBRACE, '[': LBRACKET, ']': RBRACKET,
	',': COMMA, ';': SEMI, '#': HASH, '!': BANG, '*': STAR,
}

func (s *scanner) form() bool {
	for s.off < len(s.src) {
		c := s.src[s.off]
		// Fast paths for the common blanks and for the punctuation
		// that never starts a longer token.
		switch c {
		case ' ', '\t', '\r':
			s.off++
			s.col++
			continue
		case '\n':
			s.off++
			s.line++
			s.col = 1
			continue
		}
		start := s.pos()
		if k := plainPunct[c]; k != ILLEGAL {
			s.off++
			s.col++
			s.emit(k, start)
			continue
		}
		r := rune(c)
		if c >= utf8.RuneSelf {
			r = s.peek()
		}
		switch {
		case isWhite(r):
			s.next()
		case r == '%':
			end := strings.IndexByte(s.src[s.off:], '\n')
			if end < 0 {
				end = len(s.src) - s.off
			}
			// RuneCount counts a byte of invalid UTF-8 as one character,
			// as peekAt does.
			s.col += int32(utf8.RuneCountInString(s.src[s.off : s.off+end]))
			s.off += end
			if s.mode&DropComments == 0 {
				s.emit(COMMENT, start)
			}
		case isDigit(r):
			s.number(start)
		case isLowerStart(r):
			s.name(start, false)
		case isUpperStart(r):
			s.name(start, true)
		case r == '"':
			s.quoted(start, '"')
		case r == '\'':
			s.quoted(start, '\'')
		case r == '$':
			s.char(start)
		case r == '.':
			if s.dot(start) {
				return true
			}
		default:
			s.operator(start, r)
		}
	}
	s.toks = append(s.toks, Token{Kind: EOF, Pos: s.pos(), End: s.pos()})
	return false
}

func (s *scanner) operator(start Pos, r rune) {
	if k, n := matchPunct(s.src[s.off:]); n > 0 {
		s.off += n
		s.col += int32(n)
		s.emit(k, start)
		return
	}
	s.next()
	if r <= 0xFF {
		// erl_scan turns any other Latin-1 character into a one-character
		// symbol token, which the parser then rejects.
		s.emit(OTHER, start)
		return
	}
	s.errorf(start, s.pos(), "illegal character")
	s.emit(ILLEGAL, start)
}

// matchPunct returns the operator or punctuation token at the start of
// rest, longest match first as erl_scan tries them, and its length in
// bytes; 0 when there is none.
func matchPunct(rest string) (Kind, int) {
	c := rest[0]
	var c1, c2 byte
	if len(rest) > 1 {
		c1 = rest[1]
	}
	if len(rest) > 2 {
		c2 = rest[2]
	}
	switch c {
	case '=':
		switch {
		case c1 == ':' && c2 == '=':
			return EXEQ, 3
		case c1 == '/' && c2 == '=':
			return EXNE, 3
		case c1 == '<':
			return LE, 2
		case c1 == '>':
			return MAPSTO, 2
		case c1 == '=':
			return EQ, 2
		}
		return MATCH, 1
	case '.':
		if c1 == '.' {
			if c2 == '.' {
				return DOTDOTDOT, 3
			}
			return DOTDOT, 2
		}
		return ILLEGAL, 0
	case '/':
		if c1 == '=' {
			return NE, 2
		}
		return SLASH, 1
	case '|':
		if c1 == '|' {
			return BARBAR, 2
		}
		return BAR, 1
	case ':':
		switch c1 {
		case '=':
			return ASSOC, 2
		case ':':
			return COLONCOL, 2
		}
		return COLON, 1
	case '<':
		switch c1 {
		case '<':
			return DOUBLELT, 2
		case '-':
			return LARROW, 2
		case '=':
			return LDARROW, 2
		}
		return LT, 1
	case '>':
		switch c1 {
		case '>':
			return DOUBLEGT, 2
		case '=':
			return GE, 2
		}
		return GT, 1
	case '-':
		switch c1 {
		case '>':
			return ARROW, 2
		case '-':
			return MINUSMINUS, 2
		}
		return MINUS, 1
	case '+':
		if c1 == '+' {
			return PLUSPLUS, 2
		}
		return PLUS, 1
	case '?':
		switch c1 {
		case '=':
			return MAYBEARROW, 2
		case '?':
			return QQ, 2
		}
		return QUESTION, 1
	}
	if c < 128 && singlePunct[c] != ILLEGAL {
		return singlePunct[c], 1
	}
	return ILLEGAL, 0
}

// dot scans a token starting with '.' and reports whether it was a DOT.
func (s *scanner) dot(start Pos) bool {
	if strings.HasPrefix(s.src[s.off:], "..") {
		s.operator(start, '.')
		return false
	}
	s.next()
	if r := s.peek(); r < 0 || r == '%' || isWhite(r) {
		s.emit(DOT, start)
		return true
	}
	s.emit(PERIOD, start)
	return false
}

func (s *scanner) name(start Pos, isVar bool) {
	for s.off < len(s.src) {
		c := s.src[s.off]
		if asciiName[c] {
			s.off++
			s.col++
			continue
		}
		if c < utf8.RuneSelf || !isNameChar(s.peek()) {
			break
		}
		s.next()
	}
	text := s.src[start.Offset:s.off]
	if isVar {
		s.emit(VAR, start)
		return
	}
	k := ATOM
	if len(text) >= 2 && len(text) <= 7 {
		// Reserved words are 2 to 7 letters long; most atoms skip the map.
		k = Keyword(text)
	}
	if (k == MAYBE || k == ELSE) && s.mode&MaybeExpr == 0 {
		k = ATOM
	}
	s.emit(k, start)
}

// digitsRun consumes digits valid in base, with single '_' separators
// between two digits, and reports whether it consumed any.
func (s *scanner) digitsRun(base int) bool {
	any := false
	for {
		c := s.byteAt(0)
		if digitVal(c) < base {
			s.off++
			s.col++
			any = true
			continue
		}
		if c == '_' && any && digitVal(s.byteAt(1)) < base {
			s.off++
			s.col++
			continue
		}
		return any
	}
}

func digitVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'z':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'Z':
		return int(c-'A') + 10
	}
	return 99
}

func (s *scanner) number(start Pos) {
	s.digitsRun(10)
	switch c := s.byteAt(0); {
	case c == '.' && isDigit(rune(s.byteAt(1))):
		s.off++
		s.col++
		s.digitsRun(10)
		if e := s.byteAt(0); e == 'e' || e == 'E' {
			s.off++
			s.col++
			if sign := s.byteAt(0); sign == '+' || sign == '-' {
				s.off++
				s.col++
			}
			if !s.digitsRun(10) {
				s.errorf(start, s.pos(), "illegal float")
				s.emit(ILLEGAL, start)
				return
			}
		}
		text := s.src[start.Offset:s.off]
		if _, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64); err != nil {
			// Only overflow gets here: the syntax was checked above, and
			// Erlang has no infinities.
			s.errorf(start, s.pos(), "illegal float")
			s.emit(ILLEGAL, start)
			return
		}
		s.emit(FLOAT, start)
		return
	case c == '#':
		baseText := strings.ReplaceAll(s.src[start.Offset:s.off], "_", "")
		base, err := strconv.Atoi(baseText)
		if err != nil || base < 2 || base > 36 {
			// erl_scan resumes at the '#', as we do.
			b, _ := new(big.Int).SetString(baseText, 10)
			s.errorf(start, s.pos(), "illegal base '%s'", b)
			s.emit(ILLEGAL, start)
			return
		}
		s.off++
		s.col++
		if !s.digitsRun(base) {
			s.errorf(start, s.pos(), "illegal integer")
			s.emit(ILLEGAL, start)
			return
		}
	}
	s.emit(INTEGER, start)
}

// smallInt returns the value of an INTEGER token's text when it fits in an
// int64, without allocating.
func smallInt(text string) (int64, bool) {
	// Most integers are a few decimal digits.
	if len(text) < 19 {
		v, i := int64(0), 0
		for ; i < len(text) && text[i] >= '0' && text[i] <= '9'; i++ {
			v = v*10 + int64(text[i]-'0')
		}
		if i == len(text) && i > 0 {
			return v, true
		}
	}
	text = strings.ReplaceAll(text, "_", "")
	base := 10
	if i := strings.IndexByte(text, '#'); i >= 0 {
		b, err := strconv.Atoi(text[:i])
		if err != nil {
			return 0, false
		}
		base, text = b, text[i+1:]
	}
	v, err := strconv.ParseInt(text, base, 64)
	return v, err == nil
}

// ParseInteger returns the value of an INTEGER token's text, such as "42",
// "1_000" or "16#ff", with no size limit.
func ParseInteger(text string) (*big.Int, bool) {
	text = strings.ReplaceAll(text, "_", "")
	base := 10
	if i := strings.IndexByte(text, '#'); i >= 0 {
		b, err := strconv.Atoi(text[:i])
		if err != nil || b < 2 || b > 36 {
			return nil, false
		}
		base, text = b, text[i+1:]
	}
	if len(text) < 19 && base == 10 {
		if v, err := strconv.ParseInt(text, 10, 64); err == nil {
			return big.NewInt(v), true
		}
	}
	return new(big.Int).SetString(text, base)
}

// escape decodes one escape sequence after a backslash, which the caller
// has consumed. It returns the code point, or ok=false when the sequence is
// illegal or the input ended (eof). After an illegal sequence the scanner
// stands where erl_scan resumes: past a bad \x{...}, at the first bad
// character otherwise. The caller reports the error.
func (s *scanner) escape() (r rune, ok bool, eof bool) {
	c := s.peek()
	switch {
	case c < 0:
		return 0, false, true
	case c >= '0' && c <= '7':
		v := rune(0)
		for i := 0; i < 3; i++ {
			d := s.byteAt(0)
			if d < '0' || d > '7' {
				break
			}
			v = v*8 + rune(d-'0')
			s.next()
		}
		return v, true, false
	case c == 'x':
		s.next()
		if s.byteAt(0) == '{' {
			s.next()
			v, digits := int64(0), 0
			for digitVal(s.byteAt(0)) < 16 {
				if v <= 0x10FFFF {
					v = v*16 + int64(digitVal(s.byteAt(0)))
				}
				digits++
				s.next()
			}
			if s.peek() < 0 {
				return 0, false, true
			}
			if s.byteAt(0) != '}' {
				return 0, false, false
			}
			s.next()
			if digits == 0 || !isUnicode(rune(v)) || v > 0x10FFFF {
				return 0, false, false
			}
			return rune(v), true, false
		}
		if digitVal(s.byteAt(0)) < 16 && digitVal(s.byteAt(1)) < 16 {
			v := rune(digitVal(s.byteAt(0))*16 + digitVal(s.byteAt(1)))
			s.next()
			s.next()
			return v, true, false
		}
		if s.peek() < 0 || digitVal(s.byteAt(0)) < 16 && s.off+1 >= len(s.src) {
			return 0, false, true
		}
		return 0, false, false
	case c == '^':
		s.next()
		d := s.next()
		if d < 0 {
			return 0, false, true
		}
		if d == '\n' {
			return '\n', true, false
		}
		return d & 31, true, false
	}
	s.next()
	switch c {
	case 'n':
		return '\n', true, false
	case 'r':
		return '\r', true, false
	case 't':
		return '\t', true, false
	case 'v':
		return '\v', true, false
	case 'b':
		return '\b', true, false
	case 'f':
		return '\f', true, false
	case 'e':
		return 27, true, false
	case 's':
		return ' ', true, false
	case 'd':
		return 127, true, false
	}
	return c, true, false
}

// quoted scans a string or a quoted atom.
func (s *scanner) quoted(start Pos, q rune) {
	s.next()
	// Fast path: most strings and quoted atoms are ASCII without escapes,
	// so that the value is the text between the quotes and needs no
	// string of its own.
	for i := s.off; i < len(s.src); i++ {
		c := s.src[i]
		if c == byte(q) {
			k := STRING
			if q == '\'' {
				if i-s.off > 255 {
					break // the slow path reports the illegal atom
				}
				k = ATOM
			}
			for s.off <= i {
				s.next()
			}
			s.emit(k, start)
			return
		}
		if c == '\\' || c >= utf8.RuneSelf {
			break
		}
	}
	var b strings.Builder
	for {
		r := s.peek()
		if r < 0 {
			what := "string"
			if q == '\'' {
				what = "atom"
			}
			s.errorf(start, s.pos(), "unterminated %s starting with %s", what, writeStringN(b.String(), q, 16))
			s.emit(ILLEGAL, start)
			return
		}
		if r == q {
			s.next()
			break
		}
		if r == '\\' {
			bs := s.pos()
			s.next()
			v, ok, eof := s.escape()
			if eof {
				continue // the loop reports the unterminated string
			}
			if !ok {
				// erl_scan gives up the token at the backslash and
				// resumes after the bad sequence.
				s.errorf(bs, s.pos(), "illegal character")
				s.emit(ILLEGAL, start)
				return
			}
			b.WriteRune(v)
			continue
		}
		s.next()
		b.WriteRune(r)
	}
	lit := b.String()
	if q == '"' {
		s.tx.SetLit(s.emit(STRING, start), lit)
		return
	}
	if utf8.RuneCountInString(lit) > 255 {
		s.errorf(start, s.pos(), "illegal atom")
		s.emit(ILLEGAL, start)
		return
	}
	s.tx.SetLit(s.emit(ATOM, start), lit)
}

// writeString quotes str the way io_lib:write_string/2 does.
func writeString(str string, q rune) string { return writeStringN(str, q, -1) }

// writeStringN quotes at most limit characters of str (all when limit < 0):
// erl_scan's "unterminated string" message shows the first 16.
func writeStringN(str string, q rune, limit int) string {
	var b strings.Builder
	b.WriteRune(q)
	n := 0
	for _, r := range str {
		if n == limit {
			break
		}
		n++
		switch {
		case r == q || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\v':
			b.WriteString(`\v`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r == 27:
			b.WriteString(`\e`)
		case r == 127:
			b.WriteString(`\d`)
		case r < 32 || r >= 128 && r < 160:
			fmt.Fprintf(&b, `\%03o`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteRune(q)
	return b.String()
}

func (s *scanner) char(start Pos) {
	s.next() // $
	r := s.peek()
	switch {
	case r < 0:
		s.errorf(start, s.pos(), "unterminated character")
		s.emit(ILLEGAL, start)
		return
	case r == '\\':
		s.next()
		_, ok, eof := s.escape()
		if eof {
			s.errorf(start, s.pos(), "unterminated character")
			s.emit(ILLEGAL, start)
			return
		}
		if !ok {
			s.errorf(start, s.pos(), "illegal character")
			s.emit(ILLEGAL, start)
			return
		}
		s.emit(CHAR, start)
		return
	case !isUnicode(r):
		s.next()
		s.errorf(start, s.pos(), "illegal character")
		s.emit(ILLEGAL, start)
		return
	}
	s.next()
	s.emit(CHAR, start)
}

// charValue returns the code point of a CHAR token's text, which the
// scanner has checked.
func charValue(text string) rune {
	s := scanner{src: text, off: 1, line: 1, col: 2}
	if r := s.next(); r != '\\' {
		return r
	}
	v, _, _ := s.escape()
	return v
}
